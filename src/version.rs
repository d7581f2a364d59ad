//! A version of a dossier to compare with: a file, or a file as it was in a git revision,
//! written as `git show` takes it (`HEAD~3:data/dossier.ron`) and read with the `git`
//! command, run directly (no shell), with its refusals passed on in plain words.
//!
//! An argument that names an existing file is that file, even if it holds a `:`;
//! otherwise one with a `:` is `REVISION:PATH`, and the PATH is as git reads it: from the
//! top of the repository, or from the current directory when it starts with `./` or
//! `../`. `--since REVISION` alone is the file being read, as it was in that revision.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::catalog::Catalog;
use crate::load::{LoadError, MAX_FILE_BYTES};
use crate::text;

/// A version of a dossier, loaded.
#[derive(Debug)]
pub struct Version {
    /// How messages and headings name it: `HEAD~3:data/dossier.ron`, `old.ron`.
    pub name: String,
    pub catalog: Catalog,
}

/// Why a version cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error("{name}: cannot run git: {reason}")]
    NoGit { name: String, reason: String },
    #[error("{name}: unknown revision `{revision}`")]
    UnknownRevision { name: String, revision: String },
    #[error("{name}: `{path}` is not a file in revision `{revision}`")]
    NotInRevision {
        name: String,
        revision: String,
        path: String,
    },
    /// Any other refusal, in git's words (`not a git repository`).
    #[error("{name}: git: {message}")]
    Git { name: String, message: String },
    #[error(
        "`{argument}` is neither a file nor, without a dossier file to read, a revision; \
         give the file too (`--since {argument} FILE`, or --file)"
    )]
    NoFile { argument: String },
}

/// What an argument names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec<'a> {
    File(&'a Path),
    /// `REVISION:PATH`.
    Git {
        revision: &'a str,
        path: &'a str,
    },
}

impl<'a> Spec<'a> {
    /// An existing file wins; else `REVISION:PATH` when there is a `:` after a revision;
    /// else a file (which may then not exist).
    pub fn parse(argument: &'a str) -> Spec<'a> {
        let path = Path::new(argument);
        if path.exists() {
            return Spec::File(path);
        }
        match argument.split_once(':') {
            Some((revision, path)) if !revision.is_empty() => Spec::Git { revision, path },
            _ => Spec::File(path),
        }
    }
}

/// Reads the version an argument of `dossier diff` names: a file or `REVISION:PATH`.
pub fn read(argument: &str) -> Result<Version, VersionError> {
    match Spec::parse(argument) {
        Spec::File(path) => file(path),
        Spec::Git { revision, path } => read_git(None, revision, path, argument),
    }
}

/// The old version `--since ARGUMENT` names, for `dossier`, the file being read: a file,
/// `REVISION:PATH`, or a revision alone, meaning `dossier` as it was in that revision.
pub fn since(argument: &str, dossier: Option<&Path>) -> Result<Version, VersionError> {
    match (Spec::parse(argument), dossier) {
        (Spec::File(path), _) if path.exists() => file(path),
        (Spec::Git { revision, path }, _) => read_git(None, revision, path, argument),
        (Spec::File(_), Some(dossier)) => at_revision(argument, dossier),
        (Spec::File(_), None) => Err(VersionError::NoFile {
            argument: text::inline(argument).into_owned(),
        }),
    }
}

/// `file` as it was in `revision`, found from the file's own directory, so that it works
/// from anywhere in or out of the repository.
pub fn at_revision(revision: &str, file: &Path) -> Result<Version, VersionError> {
    let directory = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name_in_directory = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = format!("{revision}:{}", file.display());
    read_git(
        Some(directory),
        revision,
        &format!("./{name_in_directory}"),
        &shown,
    )
}

/// A file, loaded.
pub fn file(path: &Path) -> Result<Version, VersionError> {
    let catalog = Catalog::load(path)?;
    Ok(Version {
        name: text::inline(&path.display().to_string()).into_owned(),
        catalog,
    })
}

/// `git [-C DIRECTORY] cat-file blob REVISION:PATH`, parsed; `shown` names it.
fn read_git(
    directory: Option<&Path>,
    revision: &str,
    path: &str,
    shown: &str,
) -> Result<Version, VersionError> {
    let name = text::inline(shown).into_owned();
    // Nothing that git could take for an option: a revision never starts with `-`.
    if revision.starts_with('-') {
        return Err(VersionError::UnknownRevision {
            name,
            revision: text::inline(revision).into_owned(),
        });
    }
    let object = format!("{revision}:{path}");
    let bytes = match git(directory, &["cat-file", "blob", &object], &name)? {
        Ok(bytes) => bytes,
        Err(message) => return Err(explain(directory, revision, path, name, message)),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: name,
            size: bytes.len() as u64,
        }
        .into());
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid);
        LoadError::NotUtf8 {
            file: name.clone(),
            line: 1 + valid.matches('\n').count(),
            column: 1 + valid
                .rsplit('\n')
                .next()
                .map_or(0, |last| last.chars().count()),
        }
    })?;
    let catalog = Catalog::from_text(&name, &text)?;
    Ok(Version { name, catalog })
}

/// Why `git cat-file` refused, asked of git itself: no repository, no such revision, or
/// no such file in it.
fn explain(
    directory: Option<&Path>,
    revision: &str,
    path: &str,
    name: String,
    message: String,
) -> VersionError {
    if message.contains("not a git repository") {
        return VersionError::Git { name, message };
    }
    let tree = format!("{revision}^{{tree}}");
    match git(
        directory,
        &["rev-parse", "--verify", "--quiet", &tree],
        &name,
    ) {
        Ok(Ok(_)) => VersionError::NotInRevision {
            name,
            revision: text::inline(revision).into_owned(),
            path: text::inline(path).into_owned(),
        },
        Ok(Err(_)) => VersionError::UnknownRevision {
            name,
            revision: text::inline(revision).into_owned(),
        },
        Err(error) => error,
    }
}

/// Runs git with `arguments`: its standard output when it succeeds, the last line of its
/// standard error (without `fatal: `) when it refuses. Standard output is read up to
/// one byte over the file size limit.
fn git(
    directory: Option<&Path>,
    arguments: &[&str],
    name: &str,
) -> Result<Result<Vec<u8>, String>, VersionError> {
    let no_git = |error: std::io::Error| VersionError::NoGit {
        name: name.to_owned(),
        reason: crate::load::describe_io_error(&error),
    };
    let mut command = Command::new("git");
    if let Some(directory) = directory {
        command.arg("-C").arg(directory);
    }
    let mut child = command
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(no_git)?;
    let mut output = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        stdout
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut output)
            .map_err(no_git)?;
    }
    if output.len() as u64 > MAX_FILE_BYTES {
        // The rest is not wanted: git may stop on the closed pipe.
        let _ = child.kill();
    }
    let mut errors = Vec::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_end(&mut errors);
    }
    let status = child.wait().map_err(no_git)?;
    if status.success() || output.len() as u64 > MAX_FILE_BYTES {
        return Ok(Ok(output));
    }
    let errors = String::from_utf8_lossy(&errors);
    let message = errors
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("failed")
        .trim();
    let message = message.strip_prefix("fatal: ").unwrap_or(message);
    Ok(Err(text::inline(message).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_wins_over_a_revision() {
        assert_eq!(
            Spec::parse("Cargo.toml"),
            Spec::File(Path::new("Cargo.toml"))
        );
        assert_eq!(
            Spec::parse("HEAD~3:data/dossier.ron"),
            Spec::Git {
                revision: "HEAD~3",
                path: "data/dossier.ron"
            }
        );
        assert_eq!(
            Spec::parse("no-such-file.ron"),
            Spec::File(Path::new("no-such-file.ron"))
        );
        assert_eq!(Spec::parse(":x"), Spec::File(Path::new(":x")));
    }
}
