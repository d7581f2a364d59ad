//! `dossier export`: a handout on standard output, or written atomically to a file that
//! is never the dossier being read.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::ValueEnum;

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::catalog::Catalog;
use crate::diff::{Changes, html_section, markdown_section};
use crate::export::{self, Day, ExportError, Format};
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

/// The day a handout is made: `SOURCE_DATE_EPOCH`'s when set (seconds since the epoch,
/// as reproducible builds use it), so that the same dossier makes the same file; else
/// today's, in UTC.
fn made_on() -> Result<Day, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .map(Day::from_unix_seconds)
            .map_err(|_| {
                format!(
                    "dossier: SOURCE_DATE_EPOCH must be a number of seconds since 1970, not `{}`",
                    text::inline(&value)
                )
            }),
        Err(_) => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| {
                    i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
                });
            Ok(Day::from_unix_seconds(now))
        }
    }
}

/// Where and how a handout is written: `--format`, `-o`, `--since` and `--ids`.
pub(super) struct Target<'a> {
    pub format: Option<ExportFormat>,
    pub output: Option<&'a Path>,
    pub since: Option<&'a str>,
    pub show_ids: bool,
}

/// Runs `export`: exit 0 when written, 1 for an unknown id, 2 when refusing or unable to
/// write the file or to read the `--since` version. Errors writing standard output are
/// the caller's to report.
pub(super) fn run(
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
        show_ids,
    } = target;
    // Where the handout goes is settled first: a refusal writes nothing, anywhere.
    let destination = match output.map(|path| destination(input, path)).transpose() {
        Ok(destination) => destination,
        Err(refusal) => {
            writeln!(err, "dossier: {refusal}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let mut handout = match export::handout(catalog, ids) {
        Ok(handout) => handout,
        Err(error @ ExportError::UnknownId { .. }) => {
            writeln!(err, "{error}")?;
            return Ok(EXIT_PROBLEMS);
        }
    };
    handout.show_ids = show_ids;
    handout.made_on = match made_on() {
        Ok(day) => Some(day),
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(EXIT_UNREADABLE);
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
    let document = export::render(catalog, &handout, format(asked, output));
    let (Some(path), Some(destination)) = (output, destination) else {
        out.write_all(document.as_bytes())?;
        out.flush()?;
        return Ok(0);
    };
    match destination.write(document.as_bytes()) {
        Ok(()) => Ok(0),
        Err(error) => {
            let shown = shown(path);
            let reason = crate::load::describe_io_error(&error);
            writeln!(err, "dossier: cannot write {shown}: {reason}")?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

fn shown(path: &Path) -> String {
    text::inline(&path.display().to_string()).into_owned()
}

/// Where `-o FILE` writes, decided before anything is written.
#[derive(Debug)]
enum Destination {
    /// A regular file at this path, replaced atomically, or a new one (`new`) made
    /// without replacing anything that appears there meanwhile. Through a symbolic link,
    /// the path is the file the link leads to: the link stays.
    File { path: PathBuf, new: bool },
    /// A FIFO or a character device (`/dev/stdout`, a terminal, `/dev/null`), written
    /// into as a shell's `>` does: it is never replaced by a file.
    Stream(PathBuf),
}

/// What `-o path` may write to, or why it refuses (the message, naming the path).
fn destination(input: Option<&Path>, path: &Path) -> Result<Destination, String> {
    use std::os::unix::fs::FileTypeExt;

    let shown = shown(path);
    if input.is_some_and(|input| same_file(input, path)) {
        return Err(format!(
            "{shown} is the dossier being read; refusing to write the handout over it"
        ));
    }
    let refuse_ron = |name: &Path| {
        if named_ron(name) {
            Err(format!(
                "{shown}: `.ron` files are dossiers; refusing to write a handout there \
                 (name it `.md` or `.html`)"
            ))
        } else {
            Ok(())
        }
    };
    refuse_ron(path)?;
    let cannot = |error: io::Error| {
        format!(
            "cannot write {shown}: {}",
            crate::load::describe_io_error(&error)
        )
    };
    let (kind, resolved) = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok(Destination::File {
                path: path.to_path_buf(),
                new: true,
            });
        }
        Err(error) => return Err(cannot(error)),
        Ok(found) if found.file_type().is_symlink() => match fs::metadata(path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err(format!(
                    "{shown} is a symbolic link to nothing; refusing to create what it \
                     points to"
                ));
            }
            Err(error) => return Err(cannot(error)),
            Ok(target) => (target.file_type(), true),
        },
        Ok(found) => (found.file_type(), false),
    };
    if kind.is_file() {
        // Nothing ever writes over a dossier: not the one read, nor another (such as the
        // source of the bundled one, `data/dossier.ron`).
        if holds_a_dossier(path) {
            return Err(format!(
                "{shown} is a dossier file; refusing to write the handout over it"
            ));
        }
        let path = if resolved {
            let target = fs::canonicalize(path).map_err(cannot)?;
            refuse_ron(&target)?;
            target
        } else {
            path.to_path_buf()
        };
        return Ok(Destination::File { path, new: false });
    }
    if kind.is_fifo() || kind.is_char_device() {
        return Ok(Destination::Stream(path.to_path_buf()));
    }
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_block_device() {
        "a block device (a disk)"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "neither a file, a FIFO nor a character device"
    };
    Err(format!(
        "{shown} is {what}; refusing to write the handout there"
    ))
}

impl Destination {
    fn write(&self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Destination::File { path, new } => write_atomically(path, *new, bytes),
            Destination::Stream(path) => write_into(path, bytes),
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

fn named_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("ron"))
}

/// True when the regular file at `path` loads as a dossier.
fn holds_a_dossier(path: &Path) -> bool {
    crate::load::read_file(path).is_ok()
}

/// Writes `bytes` to a new file beside `path`, then renames it over `path`: a reader never
/// sees half a handout, and a failure leaves what was there before. A `new` path is
/// never replaced, should something appear there meanwhile; an old one only while it is
/// still a regular file.
fn write_atomically(path: &Path, new: bool, bytes: &[u8]) -> io::Result<()> {
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
    if new {
        file.persist_noclobber(path).map_err(|error| error.error)?;
    } else {
        // The path was a regular file when chosen; rename only over one still.
        if !fs::symlink_metadata(path)?.file_type().is_file() {
            return Err(io::Error::other(
                "it was replaced while the handout was made",
            ));
        }
        file.persist(path).map_err(|error| error.error)?;
    }
    Ok(())
}

/// Writes `bytes` into the FIFO or character device at `path`, as `>` would, having made
/// sure what was opened is still one: never a regular file taken without its checks.
fn write_into(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::FileTypeExt;

    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    let kind = file.metadata()?.file_type();
    if !(kind.is_fifo() || kind.is_char_device()) {
        return Err(io::Error::other(
            "it was replaced while the handout was made",
        ));
    }
    file.write_all(bytes)?;
    file.flush()
}
