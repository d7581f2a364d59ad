//! The viewer from the command line: `dossier [FILE] [--at ID] [--since REV|FILE]` and
//! `dossier present ID…`.
//! Everything that can be refused is checked before the terminal is touched.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE, no_such_id, open, source_name};
use crate::catalog::Catalog;
use crate::load::LoadError;
use crate::model::Kind;
use crate::share::{ConsoleServer, Server, ShareError, Steer};
use crate::text;
use crate::tui::view::Baseline;
use crate::tui::{Exit, Link, Options, Presentation, Start};

/// What the viewer opens: `--file` or the `PATH` argument, and what it shows first.
pub(super) struct Target<'a> {
    pub file: Option<&'a Path>,
    pub path: Option<&'a Path>,
    /// `--since`: the version to mark changes against.
    pub since: Option<&'a str>,
    pub opening: Opening<'a>,
}

/// What the viewer shows first, as the command line says it.
pub(super) enum Opening<'a> {
    List,
    /// `--at ID`.
    At(&'a str),
    /// `present ID…`: one briefing, or items in order, shared on a socket with a mode.
    Present {
        ids: &'a [String],
        share: Option<(PathBuf, u32)>,
    },
}

/// Opens the viewer. The file is loaded and checked, and the ids looked up, before the
/// terminal is touched, so a mistake leaves the terminal exactly as it was.
pub(super) fn view(target: Target<'_>, mut options: Options, err: &mut dyn Write) -> u8 {
    let Target {
        file,
        path,
        since,
        opening,
    } = target;
    let catalog = match open(file.or(path)) {
        Ok(catalog) => catalog,
        Err(error) => {
            let _ = writeln!(err, "{error}");
            if let (LoadError::NotFound { .. }, None, Some(path)) = (&error, file, path) {
                let _ = writeln!(err, "{}", not_a_file_hint(&path.to_string_lossy()));
            }
            return EXIT_UNREADABLE;
        }
    };
    if let Some(since) = since {
        match crate::version::since(since, file.or(path)) {
            Ok(old) => {
                options.since = Some(Baseline {
                    name: old.name,
                    catalog: Arc::new(old.catalog),
                });
            }
            Err(error) => {
                let _ = writeln!(err, "dossier: {error}");
                return EXIT_UNREADABLE;
            }
        }
    }
    let share = match &opening {
        Opening::Present { share, .. } => share.clone(),
        _ => None,
    };
    let start = match starting_point(&catalog, opening) {
        Ok(start) => start,
        Err((code, message)) => {
            let _ = writeln!(err, "{message}");
            return code;
        }
    };
    if !can_show_a_viewer(err) {
        return EXIT_UNREADABLE;
    }
    // The socket is made last, after everything that can refuse: a refusal leaves no
    // socket behind.
    let link = match share {
        None => Link::None,
        Some((socket, mode)) => match bind_sockets(&socket, mode) {
            Ok((server, (console, steers))) => Link::Share {
                server,
                console,
                steers,
                name: source_name(file.or(path)),
            },
            Err(error) => {
                // The error names the socket already.
                let _ = writeln!(err, "dossier: {}", text::inline(&error.to_string()));
                return EXIT_UNREADABLE;
            }
        },
    };
    run_viewer(catalog, start, options, link, err)
}

/// The followers' socket at `socket` with `mode`, and the presenter's console's beside it,
/// always the owner's alone: both, or neither (the first goes if the second fails).
fn bind_sockets(
    socket: &Path,
    mode: u32,
) -> Result<(Server, (ConsoleServer, Receiver<Steer>)), ShareError> {
    let server = Server::bind(socket, mode)?;
    Ok((server, ConsoleServer::bind(socket)?))
}

/// Whether this terminal can show the viewer; if not, says why.
pub(super) fn can_show_a_viewer(err: &mut dyn Write) -> bool {
    // A terminal that cannot move its cursor cannot show a full-screen viewer.
    if std::env::var("TERM").map_or(true, |term| term.is_empty() || term == "dumb") {
        let _ = writeln!(
            err,
            "dossier: the viewer needs a capable terminal (TERM is dumb or unset); use `dossier search QUERY` and `dossier show ID`, which print plain text"
        );
        return false;
    }
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        let _ = writeln!(
            err,
            "dossier: the viewer needs a terminal; in scripts use `dossier search QUERY` or `dossier show ID`"
        );
        return false;
    }
    true
}

pub(super) fn run_viewer(
    catalog: Catalog,
    start: Start,
    options: Options,
    link: Link,
    err: &mut dyn Write,
) -> u8 {
    exit_status(
        crate::tui::run(std::sync::Arc::new(catalog), start, options, link),
        err,
    )
}

/// The exit status for how a full-screen command ended, saying why where there is a why.
pub(super) fn exit_status(ended: io::Result<Exit>, err: &mut dyn Write) -> u8 {
    match ended {
        Ok(Exit::Followed { ended, why }) => {
            let _ = writeln!(err, "dossier: {}", text::inline(&why));
            if ended { 0 } else { 1 }
        }
        Ok(Exit::Quit) => 0,
        Ok(Exit::Signal(signal)) => (128 + signal).clamp(0, 255) as u8,
        Ok(Exit::TerminalGone) => 1,
        Err(error) => {
            let _ = writeln!(err, "dossier: terminal error: {error}");
            EXIT_UNREADABLE
        }
    }
}

/// What the viewer shows first, with every id looked up, or what is wrong with them and
/// the exit status: 1 for an id the dossier does not have, as for every command.
fn starting_point(catalog: &Catalog, opening: Opening<'_>) -> Result<Start, (u8, String)> {
    use Start;

    let find = |id: &str| {
        catalog
            .find(id)
            .ok_or_else(|| (EXIT_PROBLEMS, no_such_id(catalog, id)))
    };
    match opening {
        Opening::List => Ok(Start::List),
        Opening::At(id) => find(id).map(Start::At),
        Opening::Present { ids, .. } => {
            let items = ids
                .iter()
                .map(|id| find(id))
                .collect::<Result<Vec<_>, _>>()?;
            let presentation = match items.as_slice() {
                [briefing] if briefing.kind == Kind::Briefing => {
                    Presentation::of_briefing(catalog, *briefing)
                }
                _ if items.iter().any(|item| item.kind == Kind::Briefing) => {
                    return Err((
                        EXIT_UNREADABLE,
                        "present one briefing, or items in the order to show them".to_owned(),
                    ));
                }
                _ => Presentation::of_items(items),
            };
            presentation
                .map(Start::Present)
                .ok_or_else(|| (EXIT_UNREADABLE, "nothing to present".to_owned()))
        }
    }
}

/// What `dossier WORD` most likely meant when WORD is not a file: a command
/// (`dossier serach`) or an item to open the viewer at (`dossier nl`).
fn not_a_file_hint(word: &str) -> String {
    let word_safe = text::inline(word);
    if let Ok(catalog) = Catalog::built_in()
        && catalog.find(word).is_some()
    {
        return format!(
            "`{word_safe}` is an item, not a file: to open the viewer at it, use `dossier --at {word_safe}`"
        );
    }
    match crate::suggest::did_you_mean(word, super::COMMANDS) {
        Some(command) => format!("did you mean the command `dossier {command}`?"),
        None => "to open a dossier, give the path of its `.ron` file".to_owned(),
    }
}
