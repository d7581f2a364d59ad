//! Noticing that a dossier file changed: written in place, replaced by an editor's atomic
//! save (a temporary file renamed over it), removed, or created again.
//!
//! The file's directory is watched, not the file, because an atomic save replaces the
//! file the watch was on. Events are debounced, so a save that writes in several steps
//! is one change. Where the system cannot watch at all (no inotify, or its watches used
//! up), the file's metadata is polled instead. A filesystem that accepts a watch but
//! reports nothing (a network mount changed from another machine) goes unnoticed: there
//! is no telling it from a file nobody changed.
//!
//! A path that is a symbolic link is two things to watch: the link, which a save may
//! replace, and the file it leads to, which an editor of that file changes. Both
//! directories are watched. (A link pointed elsewhere later is seen as a change, but the
//! new file's directory is not watched from then on: where it differs, its edits are
//! missed until the viewer starts again.)

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a change must be quiet before it counts: one save, not each of its writes.
const DEBOUNCE: Duration = Duration::from_millis(100);
/// How often the fallback looks at the file's metadata.
const POLL: Duration = Duration::from_millis(500);

/// A watch on one file; dropping it stops watching.
pub struct Watch {
    /// The directory watch, held and never read: dropping it stops watching. `None`
    /// when the metadata is polled instead.
    _native: Option<Debouncer<RecommendedWatcher>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Watch {
    /// Whether the system watches the directory (else the metadata is polled).
    #[cfg(test)]
    fn is_native(&self) -> bool {
        self._native.is_some()
    }
}

/// Calls `changed` after each change to the file at `path`, on another thread.
pub fn watch(path: &Path, changed: impl Fn() + Send + Sync + 'static) -> Watch {
    let stop = Arc::new(AtomicBool::new(false));
    let changed: Arc<dyn Fn() + Send + Sync> = Arc::new(changed);
    let file = absolute(path);
    match watch_directory(&file, Arc::clone(&changed)) {
        Some(debouncer) => Watch {
            _native: Some(debouncer),
            stop,
        },
        None => {
            poll(file, changed, Arc::clone(&stop));
            Watch {
                _native: None,
                stop,
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn watch_directory(
    file: &Path,
    changed: Arc<dyn Fn() + Send + Sync>,
) -> Option<Debouncer<RecommendedWatcher>> {
    // The path, and the file a link there leads to: (directory, name) each.
    let link_target = std::fs::symlink_metadata(file)
        .is_ok_and(|found| found.file_type().is_symlink())
        .then(|| std::fs::canonicalize(file).ok())
        .flatten();
    let mut places = Vec::new();
    for path in std::iter::once(file).chain(link_target.as_deref()) {
        let place = (
            path.parent()?.to_path_buf(),
            path.file_name()?.to_os_string(),
        );
        if !places.contains(&place) {
            places.push(place);
        }
    }
    let names: Vec<_> = places.iter().map(|(_, name)| name.clone()).collect();
    let watched = file.to_path_buf();
    // The system also reports the file being opened and read, by us among others:
    // only a change of its contents, its identity or its existence is news.
    let last = std::sync::Mutex::new(stamp(file));
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        // Only events for this file; its neighbours in the directory are not its news.
        let touched = result.is_ok_and(|events| {
            events.iter().any(|event| {
                event
                    .path
                    .file_name()
                    .is_some_and(|name| names.iter().any(|watched| watched == name))
            })
        });
        if !touched {
            return;
        }
        let now = stamp(&watched);
        let Ok(mut last) = last.lock() else { return };
        if *last != now {
            *last = now;
            changed();
        }
    })
    .ok()?;
    let mut directories: Vec<&PathBuf> = places.iter().map(|(directory, _)| directory).collect();
    directories.dedup();
    for directory in directories {
        debouncer
            .watcher()
            .watch(directory, RecursiveMode::NonRecursive)
            .ok()?;
    }
    Some(debouncer)
}

/// What the poller compares: a change in any of these is a change of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    length: u64,
    inode: u64,
}

fn stamp(file: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(file).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: metadata.modified().ok(),
        length: metadata.len(),
        inode,
    })
}

fn poll(file: PathBuf, changed: Arc<dyn Fn() + Send + Sync>, stop: Arc<AtomicBool>) {
    // Taken now, not on the thread: a change made right after this call is a change.
    let mut last = stamp(&file);
    thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            thread::sleep(POLL);
            let now = stamp(&file);
            if now != last {
                last = now;
                changed();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn wait(changes: &mpsc::Receiver<()>) -> bool {
        changes.recv_timeout(Duration::from_secs(5)).is_ok()
    }

    #[test]
    fn writes_atomic_saves_and_removals_are_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("d.ron");
        std::fs::write(&file, "one").expect("write");
        let (tx, changes) = mpsc::channel();
        let watch = watch(&file, move || {
            let _ = tx.send(());
        });
        assert!(watch.is_native(), "inotify is available here");
        std::fs::write(&file, "two").expect("write");
        assert!(wait(&changes), "a write");
        let temporary = dir.path().join(".d.ron.swp");
        std::fs::write(&temporary, "three").expect("write");
        std::fs::rename(&temporary, &file).expect("rename");
        assert!(wait(&changes), "an atomic save");
        std::fs::remove_file(&file).expect("remove");
        assert!(wait(&changes), "a removal");
        // A neighbour's change is not this file's.
        while changes.try_recv().is_ok() {}
        std::fs::write(dir.path().join("other.ron"), "x").expect("write");
        assert!(changes.recv_timeout(Duration::from_millis(600)).is_err());
    }

    #[test]
    fn reading_the_file_is_not_a_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("d.ron");
        std::fs::write(&file, "one").expect("write");
        let (tx, changes) = mpsc::channel();
        let _watch = watch(&file, move || {
            let _ = tx.send(());
        });
        for _ in 0..3 {
            let _ = std::fs::read_to_string(&file).expect("read");
        }
        assert!(changes.recv_timeout(Duration::from_millis(600)).is_err());
        std::fs::write(&file, "two").expect("write");
        assert!(wait(&changes), "but a write is");
    }

    /// Through a symbolic link, an edit of the file it leads to is a change, wherever
    /// that file is; so is the link being replaced.
    #[test]
    fn a_links_target_is_watched_too() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).expect("mkdir");
        let target = elsewhere.join("real.ron");
        std::fs::write(&target, "one").expect("write");
        let link = dir.path().join("d.ron");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let (tx, changes) = mpsc::channel();
        let watch = watch(&link, move || {
            let _ = tx.send(());
        });
        assert!(watch.is_native(), "inotify is available here");
        std::fs::write(&target, "two").expect("write");
        assert!(wait(&changes), "an edit of the target");
        let temporary = elsewhere.join(".real.ron.swp");
        std::fs::write(&temporary, "three").expect("write");
        std::fs::rename(&temporary, &target).expect("rename");
        assert!(wait(&changes), "an atomic save of the target");
        let other = dir.path().join("other.ron");
        std::fs::write(&other, "four").expect("write");
        let new_link = dir.path().join("d.ron.new");
        std::os::unix::fs::symlink(&other, &new_link).expect("symlink");
        std::fs::rename(&new_link, &link).expect("rename");
        assert!(wait(&changes), "the link replaced");
    }

    #[test]
    fn the_poller_sees_changes_too() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("d.ron");
        std::fs::write(&file, "one").expect("write");
        let (tx, changes) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        poll(
            file.clone(),
            Arc::new(move || {
                let _ = tx.send(());
            }),
            Arc::clone(&stop),
        );
        std::fs::write(&file, "longer").expect("write");
        assert!(wait(&changes));
        std::fs::remove_file(&file).expect("remove");
        assert!(wait(&changes));
        stop.store(true, Ordering::Relaxed);
    }
}
