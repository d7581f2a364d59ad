//! `dossier check`: every problem in one or more files, once or on every save.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE, open, source_name};
use crate::catalog::Catalog;
use crate::tui::newest;

pub(super) fn check(
    paths: &[PathBuf],
    file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let targets: Vec<Option<&Path>> = if paths.is_empty() {
        vec![file]
    } else {
        paths.iter().map(|path| Some(path.as_path())).collect()
    };
    check_each(&targets, Ending::Process, out, err)
}

/// What follows a check: the process's end, or another check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Process,
    Watch,
}

fn check_each(
    targets: &[Option<&Path>],
    ending: Ending,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let mut worst = 0;
    let last = targets.len().saturating_sub(1);
    for (n, &target) in targets.iter().enumerate() {
        let name = source_name(target);
        let catalog = match open(target) {
            Ok(catalog) => catalog,
            Err(error) => {
                writeln!(err, "{error}")?;
                worst = worst.max(EXIT_UNREADABLE);
                continue;
            }
        };
        if catalog.problems.is_empty() {
            writeln!(out, "{name}: {}", counts(&catalog))?;
        } else {
            // Standard error is unbuffered: thousands of problems would be thousands of
            // small writes each.
            let mut err = io::BufWriter::new(&mut *err);
            for problem in &catalog.problems {
                writeln!(err, "{name}: {problem}")?;
            }
            let problems = catalog.problems.len();
            writeln!(err, "{name}: {problems} problem(s) in {}", counts(&catalog))?;
            err.flush()?;
            worst = worst.max(EXIT_PROBLEMS);
        }
        if n == last && ending == Ending::Process {
            // The process ends next: freeing a big dossier item by item would cost a
            // fifth of the whole check, for memory the system takes back at once.
            std::mem::forget(catalog);
        }
    }
    out.flush()?;
    Ok(worst)
}

/// `check --watch`: checks, then again after every change to any of the files, for an
/// author editing without the viewer. Runs until interrupted.
pub(super) fn check_watch(
    paths: &[PathBuf],
    file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let paths_to_watch: Vec<PathBuf> = if paths.is_empty() {
        file.map(Path::to_path_buf).into_iter().collect()
    } else {
        paths.to_vec()
    };
    if paths_to_watch.is_empty() {
        writeln!(err, "dossier: check --watch needs a file to watch")?;
        return Ok(EXIT_UNREADABLE);
    }
    let (changed, changes) = std::sync::mpsc::channel();
    let _watches: Vec<_> = paths_to_watch
        .iter()
        .map(|path| {
            let changed = changed.clone();
            crate::watch::watch(path, move || {
                let _ = changed.send(());
            })
        })
        .collect();
    let targets: Vec<Option<&Path>> = paths_to_watch
        .iter()
        .map(|path| Some(path.as_path()))
        .collect();
    loop {
        check_each(&targets, Ending::Watch, out, err)?;
        err.flush()?;
        writeln!(out, "(watching for changes; Ctrl-c stops)")?;
        out.flush()?;
        // A save is often several writes: the debounced watch gives one change, and
        // any that queued meanwhile are this one.
        if newest(&changes).is_none() {
            return Ok(0);
        }
    }
}

/// `5 countries, 2 forums, 9 actions, 1 source`
pub fn counts(catalog: &Catalog) -> String {
    crate::describe::overview(catalog).counts_line()
}
