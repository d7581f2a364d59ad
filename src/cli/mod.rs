//! The command line: `check`, `list`, `search`, `show` and `export` print; `present` and
//! `follow` open the viewer on a presentation, as no command opens it on the lists. One
//! file a command; this one holds the arguments and sends each command to its file.
//! Output goes to writers so that tests can read it.

mod check;
mod completions;
mod console;
mod diff;
mod export;
mod follow;
mod init;
mod list;
mod man;
mod search;
mod settings;
mod show;
mod style;
mod usage;
mod viewer;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::ffi::OsString;

use clap::{Parser, Subcommand};

use crate::catalog::{BUILT_IN_NAME, Catalog};
use crate::load::LoadError;
use crate::model::Kind;
use crate::text;
use crate::tui::ThemeChoice;

pub use check::counts;
pub use settings::{LookFlags, ViewerFlags};
pub use style::Style;

/// Exit status for rule violations, and for an id the dossier does not have, whichever
/// command looks it up: the command line was right, the dossier has no such item (as
/// `search` with no hit). A script can tell it from a broken file or command line.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status for a file that cannot be read or parsed, or a usage error.
pub const EXIT_UNREADABLE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    styles = clap::builder::Styles::plain(),
    about = "A read-only viewer for policy dossiers.",
    long_about = "A read-only viewer for policy dossiers.\n\n\
        With no command, opens the dossier in a full-screen viewer (the built-in one unless \
        a file is given). Commands print to standard output for scripts and quick lookups."
)]
pub struct Cli {
    /// Read this dossier instead of the built-in one.
    #[arg(short, long, global = true, env = "DOSSIER_FILE", value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// A dossier to open in the viewer (the same as --file).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Open the viewer with this item selected and its detail shown.
    #[arg(long, value_name = "ID")]
    pub at: Option<String>,

    /// Mark what changed since this version: a file, `REVISION:PATH`, or a git revision
    /// of the dossier's file (`--since HEAD~3`).
    #[arg(long, value_name = "REV|FILE")]
    pub since: Option<String>,

    /// Read settings from this file instead of $XDG_CONFIG_HOME/dossier/config.ron
    /// (else ~/.config/dossier/config.ron).
    #[arg(long, global = true, env = "DOSSIER_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub viewer: ViewerFlags,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The usage line clap would print for `follow`, for the refusals made after parsing.
const FOLLOW_USAGE: &str = "dossier follow [OPTIONS] <SOCKET>";
/// The same for `console`.
const CONSOLE_USAGE: &str = "dossier console [OPTIONS] <SOCKET>";

/// The commands, for "did you mean" when a word is neither a command nor a file.
const COMMANDS: [&str; 10] = [
    "check",
    "list",
    "search",
    "show",
    "export",
    "present",
    "follow",
    "console",
    "completions",
    "man",
];

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dossier files and report every problem. Exit 0 valid, 1 rule violations,
    /// 2 unreadable or syntax error.
    #[command(override_usage = "dossier check [OPTIONS] [PATHS]...")]
    Check {
        /// Files to check (default: --file, or the built-in dossier).
        paths: Vec<PathBuf>,
        /// Check again on every save, until interrupted.
        #[arg(long)]
        watch: bool,
    },
    /// List items, one a line: kind, id, title, tab-separated.
    #[command(override_usage = "dossier list [OPTIONS] [KIND]")]
    List {
        /// Only this kind: country, forum, action, source or briefing (singular or plural).
        #[arg(value_parser = parse_kind, value_name = "KIND")]
        kind: Option<Kind>,
        /// At most this many items (1 or more).
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<usize>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search every item; best first, one hit a line: kind, id, title,
    /// tab-separated.
    #[command(override_usage = "dossier search [OPTIONS] <QUERY>...")]
    Search {
        /// Space-separated terms, all of which must match (as in fzf).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this kind: country, forum, action, source or briefing (singular or plural).
        #[arg(long, value_parser = parse_kind, value_name = "KIND")]
        kind: Option<Kind>,
        /// At most this many hits (1 or more).
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<usize>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// A handout for an audience, in Markdown or HTML: the whole dossier, a briefing
    /// (its title page and its items in order, without the presenter's notes), or items.
    #[command(override_usage = "dossier export [OPTIONS] [ID]...")]
    Export {
        /// Ids to export, in order: a briefing's id brings its items after it, and a
        /// briefing alone is the title page. With none, the whole dossier.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// md or html (default: html when FILE ends in .html or .htm, else md).
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<export::ExportFormat>,
        /// Write the handout to FILE (atomically) instead of standard output. It is
        /// never the dossier being read.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Show each item's id, for colleagues who look items up with `show`. A handout
        /// for an audience leaves them out. The date it was made is today's (UTC), or
        /// SOURCE_DATE_EPOCH's when that is set.
        #[arg(long = "ids")]
        show_ids: bool,
        /// Add a section on what changed since this version: the dossier file as it was
        /// in a git revision (`HEAD~3`), REVISION:PATH, or another file.
        #[arg(long, value_name = "REVISION|FILE")]
        since: Option<String>,
    },
    /// Present a briefing, or items in order, one screen each, for a room: a briefing
    /// opens with its title screen and the presenter's notes.
    #[command(override_usage = "dossier present [OPTIONS] <ID>...")]
    Present {
        /// One briefing's id, or the ids of items to show in this order.
        #[arg(required = true, num_args = 1.., value_name = "ID")]
        ids: Vec<String>,
        /// Let others follow in their own terminals (`dossier follow SOCKET`), through a
        /// Unix socket created here; SOCKET.console beside it, yours alone, serves your
        /// console (`dossier console SOCKET`).
        #[arg(long, value_name = "SOCKET")]
        share: Option<PathBuf>,
        /// The socket's permissions, in octal (default 600: only you).
        #[arg(long, value_name = "MODE", value_parser = parse_mode, requires = "share")]
        share_mode: Option<u32>,
        #[command(flatten)]
        viewer: ViewerFlags,
    },
    /// Follow a presentation shared with `present --share`: the presenter's screen, at
    /// your terminal's size. Needs no dossier file.
    #[command(override_usage = FOLLOW_USAGE)]
    Follow {
        /// The socket the presenter shares.
        #[arg(value_name = "SOCKET")]
        socket: PathBuf,
        #[command(flatten)]
        viewer: LookFlags,
    },
    /// The presenter's console for a presentation shared with `present --share SOCKET`,
    /// in a second terminal: the stop and the next, the notes, the time, a broken save;
    /// its stop keys move the presentation. Yours alone: followers never reach it.
    #[command(override_usage = CONSOLE_USAGE)]
    Console {
        /// The socket the presentation is shared on (the same as `--share`'s).
        #[arg(value_name = "SOCKET")]
        socket: PathBuf,
        /// The console's colours: dark or light background, or mono (default: as the
        /// terminal's background is, or DOSSIER_THEME).
        #[arg(long, value_name = "THEME", value_parser = parse_theme)]
        theme: Option<ThemeChoice>,
        /// Draw the console's marks in ASCII (automatic when the locale is not UTF-8).
        #[arg(long)]
        ascii: bool,
    },
    /// What changed between two versions of a dossier, item by item. Exit 0 when nothing
    /// changed, 1 when something did, 2 when a version cannot be read.
    Diff {
        /// The old version: a file, or REVISION:PATH as `git show` takes it
        /// (`HEAD~3:data/dossier.ron`); an existing file wins. With --since: the file.
        #[arg(value_name = "OLD", required_unless_present = "since")]
        old: Option<String>,
        /// The new version: a file, or REVISION:PATH.
        #[arg(
            value_name = "NEW",
            required_unless_present = "since",
            conflicts_with = "since"
        )]
        new: Option<String>,
        /// Compare a file as it was in REVISION with the file now: the file is given as
        /// OLD, or else by --file (`dossier diff --since HEAD~3 data/dossier.ron`).
        #[arg(long, value_name = "REVISION")]
        since: Option<String>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Write a small, valid, commented dossier to start from. Never writes over a file.
    Init {
        /// Where to write it.
        #[arg(value_name = "PATH", default_value = init::DEFAULT_PATH)]
        path: PathBuf,
    },
    /// Everything about one item: its fields, related items and citations. With no ID,
    /// the dossier's overview: where things stand (actions per status, each country's
    /// open actions, the briefings and sources), counts, problems and summary.
    #[command(override_usage = "dossier show [OPTIONS] [ID]")]
    Show {
        /// The id of a country, forum, action, source or briefing, as `list` prints it (`nl`,
        /// `coarm`). A name or an id in the wrong case gets a suggestion.
        id: Option<String>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// A script that completes commands, options and ids in your shell; see the README
    /// for where each shell reads it.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        #[arg(value_enum, value_name = "SHELL")]
        shell: completions::Shell,
    },
    /// The manual page, in roff: every command and option, the viewer's keys, the query
    /// language, the config file. `dossier man | man -l -` reads it.
    Man,
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.label()).collect();
        format!("expected one of {} (or a plural)", names.join(", "))
    })
}

/// An octal socket mode that lets its owner in: following takes reading and writing, so
/// a mode without both for the owner (`0`, `400`) would leave a socket nobody can use.
fn parse_mode(value: &str) -> Result<u32, String> {
    let mode = u32::from_str_radix(value, 8)
        .ok()
        .filter(|&mode| mode <= 0o777)
        .ok_or_else(|| "expected an octal mode such as 600 or 660".to_owned())?;
    if mode & 0o600 != 0o600 {
        return Err(format!(
            "mode {mode:03o} leaves the owner unable to connect: a socket needs read and write \
             (the 6 of 600) for its owner; try 600 or 660"
        ));
    }
    Ok(mode)
}

fn parse_theme(name: &str) -> Result<ThemeChoice, String> {
    ThemeChoice::parse(name).ok_or_else(|| "expected dark, light or mono".to_owned())
}

fn parse_limit(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(0) => Err("the limit must be 1 or more".to_owned()),
        Ok(limit) => Ok(limit),
        Err(_) => Err("expected a whole number, 1 or more".to_owned()),
    }
}

/// The binary's entry point.
pub fn main() -> ExitCode {
    if let Some(code) = completions::complete_from_env() {
        return code;
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match usage::parse(&args) {
        Ok(cli) => cli,
        Err(error) => return usage::usage(&error, &args),
    };
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    // These need neither a dossier nor the config file, which may be the thing to fix.
    let printed = match cli.command {
        Some(Command::Completions { shell }) => Some(completions::print(shell, &mut stdout)),
        // The keys as the config file remaps them, when it reads; else the built-in ones.
        Some(Command::Man) => {
            let keymap = settings::load(cli.config.as_deref())
                .map(|config| crate::tui::keys::Keymap::remapped(&config.keys))
                .unwrap_or_default();
            Some(man::print(&keymap, &mut stdout))
        }
        _ => None,
    };
    if let Some(printed) = printed {
        let code = match printed {
            Ok(code) => code,
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => 0,
            Err(error) => {
                let _ = writeln!(stderr, "dossier: cannot write output: {error}");
                EXIT_UNREADABLE
            }
        };
        return ExitCode::from(code);
    }
    let config = match settings::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            let _ = writeln!(stderr, "{error}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    // The config file's dossier stands in for `--file` when none is named.
    let file = match (&cli.file, &cli.path) {
        (None, None) => config.file.clone(),
        _ => cli.file.clone(),
    };
    let code = match cli.command {
        None => {
            drop(stdout);
            // No file is the built-in dossier, which never changes: nothing to watch.
            let options = cli
                .viewer
                .options(file.clone().or(cli.path.clone()), &config);
            let opening = cli
                .at
                .as_deref()
                .map_or(viewer::Opening::List, viewer::Opening::At);
            let target = viewer::Target {
                file: file.as_deref(),
                path: cli.path.as_deref(),
                since: cli.since.as_deref(),
                opening,
            };
            viewer::view(target, options, &mut stderr)
        }
        Some(Command::Follow { socket, viewer }) => {
            drop(stdout);
            // Nothing to watch: the presenter sends every new version.
            let options = ViewerFlags::from(viewer)
                .or(&cli.viewer)
                .options(None, &config);
            follow::follow(&socket, options, &mut stderr)
        }
        Some(Command::Console {
            socket,
            theme,
            ascii,
        }) => {
            drop(stdout);
            let flags = ViewerFlags {
                look: LookFlags {
                    theme,
                    ascii,
                    no_mouse: true,
                },
                no_watch: true,
            };
            let options = flags.or(&cli.viewer).options(None, &config);
            console::console(&socket, &options, &mut stderr)
        }
        Some(Command::Present {
            ids,
            share,
            share_mode,
            viewer,
        }) => {
            drop(stdout);
            let options = viewer.or(&cli.viewer).options(file.clone(), &config);
            let target = viewer::Target {
                file: file.as_deref(),
                path: None,
                since: cli.since.as_deref(),
                opening: viewer::Opening::Present {
                    ids: &ids,
                    share: share.map(|socket| (socket, share_mode.unwrap_or(0o600))),
                },
            };
            viewer::view(target, options, &mut stderr)
        }
        Some(command) => run(
            command,
            settings::dossier(cli.file.or(cli.path), &config).as_deref(),
            Style::detect(),
            &mut stdout,
            &mut stderr,
        ),
    };
    let _ = io::stdout().flush();
    ExitCode::from(code)
}

/// `no item with id `CZ`; did you mean `cz`?`
fn no_such_id(catalog: &Catalog, id: &str) -> String {
    let mut message = format!("no item with id `{}`", text::inline(id));
    if let Some(near) = catalog.suggest_id(id) {
        message.push_str(&format!("; did you mean `{}`?", text::inline(near)));
    }
    message
}

/// Loads the dossier a command reads: `--file`, or the built-in one.
pub fn open(file: Option<&Path>) -> Result<Catalog, LoadError> {
    match file {
        Some(path) => Catalog::load(path),
        None => Catalog::built_in(),
    }
}

fn source_name(file: Option<&Path>) -> String {
    file.map_or_else(
        || BUILT_IN_NAME.to_owned(),
        |path| text::inline(&path.display().to_string()).into_owned(),
    )
}

/// Runs one command and returns its exit status.
pub fn run(
    command: Command,
    file: Option<&Path>,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    // A closed pipe (`dossier list | head -1`) is not an error worth reporting.
    let result = match command {
        Command::Check {
            paths,
            watch: false,
        } => check::check(&paths, file, out, err),
        Command::Check { paths, watch: true } => check::check_watch(&paths, file, out, err),
        Command::Diff {
            old,
            new,
            since,
            json,
        } => {
            let request = diff::Request {
                old: old.as_deref(),
                new: new.as_deref(),
                since: since.as_deref(),
                file,
                json,
            };
            diff::run(&request, style, out, err)
        }
        Command::Init { path } => init::run(&path, out, err),
        command => match open(file) {
            Err(error) => {
                let _ = writeln!(err, "{error}");
                return EXIT_UNREADABLE;
            }
            Ok(catalog) => {
                if !catalog.problems.is_empty() {
                    let _ = writeln!(
                        err,
                        "warning: {} has {} problem(s); run `dossier check` to see them",
                        source_name(file),
                        catalog.problems.len()
                    );
                }
                browse(command, &catalog, file, style, out, err)
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            let _ = writeln!(err, "dossier: cannot write output: {error}");
            EXIT_UNREADABLE
        }
    }
}

fn browse(
    command: Command,
    catalog: &Catalog,
    file: Option<&Path>,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    match command {
        Command::Check {
            paths,
            watch: false,
        } => check::check(&paths, file, out, err),
        Command::Check { paths, watch: true } => check::check_watch(&paths, file, out, err),
        // `main` opens the viewer for these, or prints without a dossier.
        Command::Present { .. }
        | Command::Follow { .. }
        | Command::Console { .. }
        | Command::Completions { .. }
        | Command::Man => Ok(0),
        // `run` runs them: they read no dossier, or their own.
        Command::Diff { .. } | Command::Init { .. } => Ok(0),
        Command::List { kind, limit, json } => list::run(catalog, kind, limit, json, out),
        Command::Search {
            query,
            kind,
            limit,
            json,
        } => search::run(catalog, &query.join(" "), kind, limit, json, out, err),
        Command::Export {
            ids,
            format,
            output,
            show_ids,
            since,
        } => {
            let target = export::Target {
                format,
                output: output.as_deref(),
                since: since.as_deref(),
                show_ids,
            };
            export::run(catalog, file, &ids, target, out, err)
        }
        Command::Show { id, json } => show::run(catalog, id.as_deref(), json, style, out, err),
    }
}
