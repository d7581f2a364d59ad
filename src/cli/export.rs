//! `dossier export`: a handout on standard output, or written atomically to a file that
//! is never the dossier being read.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::catalog::Catalog;
use crate::diff::{Changes, html_section, markdown_section};
use crate::export::{self, ExportError, Format};
use crate::text;

/// `--format`: how the handout is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown (CommonMark).
    Md,
    /// One self-contained HTML file, with a print style.
    Html,
}

/// The format asked for, else the one `-o`'s extension names (`.html`, `.htm`), else
/// Markdown.
fn format(asked: Option<ExportFormat>, output: Option<&Path>) -> Format {
    let by_extension = || {
        let extension = output?.extension()?.to_str()?.to_ascii_lowercase();
        matches!(extension.as_str(), "html" | "htm").then_some(ExportFormat::Html)
    };
    match asked.or_else(by_extension) {
        Some(ExportFormat::Html) => Format::Html,
        Some(ExportFormat::Md) | None => Format::Markdown,
    }
}

/// Where and how a handout is written: `--format`, `-o` and `--since`.
pub struct Target<'a> {
    pub format: Option<ExportFormat>,
    pub output: Option<&'a Path>,
    pub since: Option<&'a str>,
}

/// Runs `export`: exit 0 when written, 1 for an unknown id, 2 when refusing or unable to
/// write the file or to read the `--since` version. Errors writing standard output are
/// the caller's to report.
pub fn run(
    catalog: &Catalog,
    input: Option<&Path>,
    ids: &[String],
    target: Target<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Target {
        format: asked,
        output,
        since,
    } = target;
    let mut handout = match export::handout(catalog, ids) {
        Ok(handout) => handout,
        Err(error @ ExportError::UnknownId { .. }) => {
            writeln!(err, "{error}")?;
            return Ok(EXIT_PROBLEMS);
        }
    };
    if let Some(since) = since {
        match crate::version::since(since, input) {
            Ok(old) => {
                let changes = Changes::between(&old.catalog, catalog);
                let whole = ids.is_empty();
                handout.changes = Some(match format(asked, output) {
                    Format::Markdown => markdown_section(&changes, &old.name, &handout, whole),
                    Format::Html => html_section(&changes, &old.name, &handout, whole),
                });
            }
            Err(error) => {
                writeln!(err, "dossier: {error}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
    }
    let Some(path) = output else {
        let document = export::render(catalog, &handout, format(asked, None));
        out.write_all(document.as_bytes())?;
        out.flush()?;
        return Ok(0);
    };
    let shown = text::inline(&path.display().to_string()).into_owned();
    if input.is_some_and(|input| same_file(input, path)) {
        writeln!(
            err,
            "dossier: {shown} is the dossier being read; refusing to write the handout over it"
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    // Nothing ever writes over a dossier: not the one read, nor another (such as the
    // source of the bundled one, `data/dossier.ron`).
    if holds_a_dossier(path) {
        writeln!(
            err,
            "dossier: {shown} is a dossier file; refusing to write the handout over it"
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let document = export::render(catalog, &handout, format(asked, output));
    match write_atomically(path, document.as_bytes()) {
        Ok(()) => Ok(0),
        Err(error) => {
            let reason = crate::load::describe_io_error(&error);
            writeln!(err, "dossier: cannot write {shown}: {reason}")?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// True when writing `output` would replace `input`: the same file by its canonical path
/// (through `..`, symbolic links and the like), or another name for it (a hard link).
fn same_file(input: &Path, output: &Path) -> bool {
    if let (Ok(input), Ok(output)) = (fs::canonicalize(input), fs::canonicalize(output))
        && input == output
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(input), Ok(output)) = (fs::metadata(input), fs::metadata(output)) {
            return input.dev() == output.dev() && input.ino() == output.ino();
        }
    }
    false
}

/// True when `path` is a file that looks like a dossier: named `.ron`, or loading as one.
fn holds_a_dossier(path: &Path) -> bool {
    let named_ron = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("ron"));
    path.is_file() && (named_ron || crate::load::read_file(path).is_ok())
}

/// Writes `bytes` to a new file beside `path`, then renames it over `path`: a reader never
/// sees half a handout, and a failure leaves what was there before.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let directory: PathBuf = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dossier-export-").suffix(".tmp");
    // A handout is made to be shared: the usual mode for a new file (after the umask),
    // not the owner-only mode of a temporary one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(&directory)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}
