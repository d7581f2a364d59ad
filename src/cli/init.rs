//! `dossier init [PATH]`: a small, valid, commented dossier to start from. It never
//! writes over anything: the file is created new or not at all.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use super::{EXIT_UNREADABLE, counts};
use crate::catalog::Catalog;
use crate::text;

/// The starter dossier: every kind, one briefing, one source with a quote, each field
/// explained where it stands.
const STARTER: &str = include_str!("../../data/starter.ron");

/// Where `init` writes when given no path.
pub(super) const DEFAULT_PATH: &str = "dossier.ron";

/// Writes the starter dossier to `path`: exit 0 when written, 2 when something is there
/// already or the file cannot be created.
pub(super) fn run(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let shown = text::inline(&path.display().to_string()).into_owned();
    let created = OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match created {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(
                err,
                "dossier: {shown} already exists; init never writes over a file, give another path"
            )?;
            return Ok(EXIT_UNREADABLE);
        }
        Err(error) => {
            let reason = crate::load::describe_io_error(&error);
            writeln!(err, "dossier: cannot create {shown}: {reason}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Err(error) = file
        .write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // The file is the one just created, empty or half written: no use to anyone.
        drop(file);
        let _ = std::fs::remove_file(path);
        let reason = crate::load::describe_io_error(&error);
        writeln!(err, "dossier: cannot write {shown}: {reason}")?;
        return Ok(EXIT_UNREADABLE);
    }
    let contents =
        Catalog::from_text(&shown, STARTER).map_or_else(|_| String::new(), |c| counts(&c));
    writeln!(out, "{shown}: a starter dossier with {contents}")?;
    writeln!(
        out,
        "Edit it, check it with `dossier check {shown}`, open it with `dossier {shown}`."
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_is_valid_and_has_every_kind() {
        let catalog = Catalog::from_text("starter", STARTER).expect("the starter loads");
        assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
        for kind in crate::model::Kind::ALL {
            assert!(catalog.count(kind) >= 1, "{kind:?}");
        }
        assert_eq!(catalog.count(crate::model::Kind::Briefing), 1);
        assert!(catalog.dossier.countries[0].citations.len() == 1);
    }
}
