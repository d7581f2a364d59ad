//! Noticing that a dossier file changed: written in place, replaced by an editor's atomic
//! save (a temporary file renamed over it), removed, or created again.
//!
//! The file's directory is watched, not the file, because an atomic save replaces the
//! file the watch was on. Events are debounced, so a save that writes in several steps
//! is one change. Where the system cannot watch (no inotify, a filesystem that does not
//! report changes), the file's metadata is polled instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a change must be quiet before it counts: one save, not each of its writes.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// How often the fallback looks at the file's metadata.
pub const POLL: Duration = Duration::from_millis(500);

/// A watch on one file; dropping it stops watching.
pub struct Watch {
    /// The directory watch; `None` when the metadata is polled instead.
    debouncer: Option<Debouncer<RecommendedWatcher>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Watch {
    /// Whether the system watches the directory (else the metadata is polled).
    pub fn is_native(&self) -> bool {
        self.debouncer.is_some()
    }
}

/// Calls `changed` after each change to the file at `path`, on another thread.
pub fn watch(path: &Path, changed: impl Fn() + Send + Sync + 'static) -> Watch {
    let stop = Arc::new(AtomicBool::new(false));
    let changed: Arc<dyn Fn() + Send + Sync> = Arc::new(changed);
    let file = absolute(path);
    match watch_directory(&file, Arc::clone(&changed)) {
        Some(debouncer) => Watch {
            debouncer: Some(debouncer),
            stop,
        },
        None => {
            poll(file, changed, Arc::clone(&stop));
            Watch {
                debouncer: None,
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
    let directory = file.parent()?.to_path_buf();
    let name = file.file_name()?.to_os_string();
    let watched = file.to_path_buf();
    // The system also reports the file being opened and read, by us among others:
    // only a change of its contents, its identity or its existence is news.
    let last = std::sync::Mutex::new(stamp(file));
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        // Only events for this file; its neighbours in the directory are not its news.
        let touched = result.is_ok_and(|events| {
            events
                .iter()
                .any(|event| event.path.file_name() == Some(name.as_os_str()))
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
    debouncer
        .watcher()
        .watch(&directory, RecursiveMode::NonRecursive)
        .ok()?;
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
