//! The command line: `check`, `list`, `search` and `show`, and the viewer when no command
//! is given. Output goes to writers so that tests can read it.

mod export;
mod show;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;

use crate::catalog::{BUILT_IN_NAME, Catalog};
use crate::load::LoadError;
use crate::model::{Item, ItemRef, Kind};
use crate::query::QueryError;
use crate::search::SearchIndex;
use crate::text;
use crate::tui::theme::ThemeChoice;

/// Exit status for rule violations, and for an id that does not exist.
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

    #[command(flatten)]
    pub viewer: ViewerFlags,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How the viewer looks and listens: for the viewer, and for `present` and `follow`,
/// which take them after their name too (`dossier present ID --theme light`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ViewerFlags {
    /// The viewer's colours: dark or light background, or mono (default: as the
    /// terminal's background is, or DOSSIER_THEME).
    #[arg(long, value_name = "THEME", value_parser = parse_theme)]
    pub theme: Option<ThemeChoice>,

    /// Draw the viewer's borders, arrows and marks in ASCII (automatic when the locale
    /// is not UTF-8).
    #[arg(long)]
    pub ascii: bool,

    /// Leave the mouse to the terminal (for selecting text without Shift).
    #[arg(long)]
    pub no_mouse: bool,

    /// Show the file as it was at start: do not follow its changes.
    #[arg(long)]
    pub no_watch: bool,
}

impl ViewerFlags {
    /// These flags, or those given before the command name where these are not.
    fn or(self, outer: &ViewerFlags) -> ViewerFlags {
        ViewerFlags {
            theme: self.theme.or(outer.theme),
            ascii: self.ascii || outer.ascii,
            no_mouse: self.no_mouse || outer.no_mouse,
            no_watch: self.no_watch || outer.no_watch,
        }
    }

    /// The viewer's options, watching `file` unless `--no-watch` says not to.
    fn options(&self, file: Option<PathBuf>) -> crate::tui::Options {
        crate::tui::Options {
            theme: self.theme,
            ascii: self.ascii,
            mouse: !self.no_mouse,
            watch: file.filter(|_| !self.no_watch),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dossier files and report every problem. Exit 0 valid, 1 rule violations,
    /// 2 unreadable or syntax error.
    Check {
        /// Files to check (default: --file, or the built-in dossier).
        paths: Vec<PathBuf>,
        /// Check again on every save, until interrupted.
        #[arg(long)]
        watch: bool,
    },
    /// List items, one a line: kind, id, title, tab-separated.
    List {
        /// Only this kind: country, forum, action, source or briefing (singular or plural).
        #[arg(value_parser = parse_kind, value_name = "KIND")]
        kind: Option<Kind>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search every item; best first, one hit a line: kind, id, title,
    /// tab-separated.
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
    },
    /// Present a briefing, or items in order, one screen each, for a room: a briefing
    /// opens with its title screen and the presenter's notes.
    Present {
        /// One briefing's id, or the ids of items to show in this order.
        #[arg(required = true, num_args = 1.., value_name = "ID")]
        ids: Vec<String>,
        /// Let others follow in their own terminals (`dossier follow SOCKET`), through a
        /// Unix socket created here.
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
    Follow {
        /// The socket the presenter shares.
        #[arg(value_name = "SOCKET")]
        socket: PathBuf,
        #[command(flatten)]
        viewer: ViewerFlags,
    },
    /// Everything about one item: its fields, related items and citations. With no ID,
    /// the dossier's overview: title, date, summary and counts.
    Show {
        /// The id of a country, forum, action, source or briefing, as `list` prints it (`nl`,
        /// `coarm`). A name or an id in the wrong case gets a suggestion.
        id: Option<String>,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.label()).collect();
        format!("expected one of {} (or a plural)", names.join(", "))
    })
}

fn parse_mode(value: &str) -> Result<u32, String> {
    u32::from_str_radix(value, 8)
        .ok()
        .filter(|&mode| mode <= 0o777)
        .ok_or_else(|| "expected an octal mode such as 600 or 660".to_owned())
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

/// How output looks: colour only on a terminal, and never with `NO_COLOR` set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// Plain text at a fixed width, as tests and pipes get it.
    pub fn plain(width: usize) -> Style {
        Style {
            color: false,
            width,
        }
    }

    fn detect() -> Style {
        let stdout = io::stdout();
        let on_terminal = stdout.is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let width = on_terminal
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(columns, _)| usize::from(columns))
            .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
            .unwrap_or(80);
        Style {
            color: on_terminal && !no_color,
            width: width.max(20),
        }
    }

    fn bold(self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }

    fn dim(self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[2m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

/// The binary's entry point.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let code = match cli.command {
        None => {
            drop(stdout);
            // No file is the built-in dossier, which never changes: nothing to watch.
            let options = cli.viewer.options(cli.file.clone().or(cli.path.clone()));
            let opening = cli.at.as_deref().map_or(Opening::List, Opening::At);
            let target = Target {
                file: cli.file.as_deref(),
                path: cli.path.as_deref(),
                opening,
            };
            view(target, options, &mut stderr)
        }
        Some(Command::Follow { socket, viewer }) => {
            drop(stdout);
            // Nothing to watch: the presenter sends every new version.
            let options = viewer.or(&cli.viewer).options(None);
            follow(&socket, options, &mut stderr)
        }
        Some(Command::Present {
            ids,
            share,
            share_mode,
            viewer,
        }) => {
            drop(stdout);
            let options = viewer.or(&cli.viewer).options(cli.file.clone());
            let target = Target {
                file: cli.file.as_deref(),
                path: None,
                opening: Opening::Present {
                    ids: &ids,
                    share: share.map(|socket| (socket, share_mode.unwrap_or(0o600))),
                },
            };
            view(target, options, &mut stderr)
        }
        Some(command) => run(
            command,
            cli.file.or(cli.path).as_deref(),
            Style::detect(),
            &mut stdout,
            &mut stderr,
        ),
    };
    let _ = io::stdout().flush();
    ExitCode::from(code)
}

/// clap's message for a command line it cannot take (or its help and version), with the
/// values it quotes made safe: `--kind "$(printf '\033]0;pwned\007')"` must not retitle
/// the window. Exit 2 for a mistake, 0 for help and version.
fn usage(error: &clap::Error) -> ExitCode {
    // clap styles nothing (see `Cli`), so the only escape sequences left are the user's, which
    // plain `to_string` would silently drop.
    let rendered = error.render().ansi().to_string();
    let safe: Vec<_> = rendered.lines().map(text::inline).collect();
    let safe = safe.join("\n");
    let written = if error.use_stderr() {
        writeln!(io::stderr(), "{safe}")
    } else {
        writeln!(io::stdout(), "{safe}")
    };
    match written {
        Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_UNREADABLE)),
        Err(_) => ExitCode::from(EXIT_UNREADABLE),
    }
}

/// What the viewer opens: `--file` or the `PATH` argument, and what it shows first.
struct Target<'a> {
    file: Option<&'a Path>,
    path: Option<&'a Path>,
    opening: Opening<'a>,
}

/// What the viewer shows first, as the command line says it.
enum Opening<'a> {
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
fn view(target: Target<'_>, options: crate::tui::Options, err: &mut dyn Write) -> u8 {
    let Target {
        file,
        path,
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
    let share = match &opening {
        Opening::Present { share, .. } => share.clone(),
        _ => None,
    };
    let start = match starting_point(&catalog, opening) {
        Ok(start) => start,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            return EXIT_UNREADABLE;
        }
    };
    if !can_show_a_viewer(err) {
        return EXIT_UNREADABLE;
    }
    // The socket is made last, after everything that can refuse: a refusal leaves no
    // socket behind.
    let link = match share {
        None => crate::tui::Link::None,
        Some((socket, mode)) => match crate::share::Server::bind(&socket, mode) {
            Ok(server) => crate::tui::Link::Share {
                server,
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

/// `follow SOCKET`: the presenter's dossier and position first, then the viewer.
fn follow(socket: &Path, options: crate::tui::Options, err: &mut dyn Write) -> u8 {
    use crate::share::Frame;
    let shown = text::inline(&socket.display().to_string()).into_owned();
    let follower = match crate::share::follow(socket) {
        Ok(follower) => follower,
        Err(error) => {
            let error = text::inline(&error.to_string()).into_owned();
            let _ = match error.starts_with(&shown) {
                true => writeln!(err, "dossier: cannot follow {error}"),
                false => writeln!(err, "dossier: cannot follow {shown}: {error}"),
            };
            return EXIT_UNREADABLE;
        }
    };
    // A presenter sends its dossier, then where it is; a late joiner gets both at once.
    let mut catalog = None;
    let start = loop {
        match follower.recv_timeout(std::time::Duration::from_secs(10)) {
            Some(Ok(Frame::Dossier { name, text })) => match Catalog::from_text(&name, &text) {
                Ok(loaded) => catalog = Some(loaded),
                Err(error) => {
                    let _ = writeln!(err, "dossier: the presenter's dossier: {error}");
                    return EXIT_UNREADABLE;
                }
            },
            Some(Ok(Frame::Position {
                briefing,
                stops,
                stop,
                ..
            })) if catalog.is_some() => {
                break crate::tui::Start::Follow {
                    briefing,
                    stops,
                    stop,
                };
            }
            Some(Ok(Frame::End)) => {
                let _ = writeln!(err, "dossier: the briefing has ended");
                return 0;
            }
            Some(Ok(_)) => {}
            Some(Err(error)) => {
                // A hostile peer's text can reach a message (a frame type it made up).
                let error = text::inline(&error.to_string()).into_owned();
                let _ = writeln!(err, "dossier: following {shown}: {error}");
                return 1;
            }
            None => {
                let _ = writeln!(err, "dossier: {shown} sent nothing to show");
                return 1;
            }
        }
    };
    let Some(catalog) = catalog else {
        return 1;
    };
    if !can_show_a_viewer(err) {
        return EXIT_UNREADABLE;
    }
    run_viewer(
        catalog,
        start,
        options,
        crate::tui::Link::Follow(follower),
        err,
    )
}

/// Whether this terminal can show the viewer; if not, says why.
fn can_show_a_viewer(err: &mut dyn Write) -> bool {
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

fn run_viewer(
    catalog: Catalog,
    start: crate::tui::Start,
    options: crate::tui::Options,
    link: crate::tui::Link,
    err: &mut dyn Write,
) -> u8 {
    match crate::tui::run(std::sync::Arc::new(catalog), start, options, link) {
        Ok(crate::tui::Exit::Followed { ended, why }) => {
            let _ = writeln!(err, "dossier: {}", text::inline(&why));
            if ended { 0 } else { 1 }
        }
        Ok(crate::tui::Exit::Quit) => 0,
        Ok(crate::tui::Exit::Signal(signal)) => (128 + signal).clamp(0, 255) as u8,
        Ok(crate::tui::Exit::TerminalGone) => 1,
        Err(error) => {
            let _ = writeln!(err, "dossier: terminal error: {error}");
            EXIT_UNREADABLE
        }
    }
}

/// What the viewer shows first, with every id looked up, or what is wrong with them.
fn starting_point(catalog: &Catalog, opening: Opening<'_>) -> Result<crate::tui::Start, String> {
    use crate::tui::Start;
    use crate::tui::app::Presentation;
    let find = |id: &str| catalog.find(id).ok_or_else(|| no_such_id(catalog, id));
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
                    return Err(
                        "present one briefing, or items in the order to show them".to_owned()
                    );
                }
                _ => Presentation::of_items(items),
            };
            presentation
                .map(Start::Present)
                .ok_or_else(|| "nothing to present".to_owned())
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
    match crate::suggest::did_you_mean(
        word,
        [
            "check", "list", "search", "show", "export", "present", "follow",
        ],
    ) {
        Some(command) => format!("did you mean the command `dossier {command}`?"),
        None => "to open a dossier, give the path of its `.ron` file".to_owned(),
    }
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
        } => check(&paths, file, out, err),
        Command::Check { paths, watch: true } => check_watch(&paths, file, out, err),
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

fn check(
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
            for problem in &catalog.problems {
                writeln!(err, "{name}: {problem}")?;
            }
            let problems = catalog.problems.len();
            writeln!(err, "{name}: {problems} problem(s) in {}", counts(&catalog))?;
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
fn check_watch(
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
        if changes.recv().is_err() {
            return Ok(0);
        }
        // A save is often several writes: the debounced watch gives one change, and
        // any that queued meanwhile are this one.
        while changes.try_recv().is_ok() {}
    }
}

/// `5 countries, 2 forums, 9 actions, 1 source`
pub fn counts(catalog: &Catalog) -> String {
    crate::describe::overview(catalog).counts_line()
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
        } => check(&paths, file, out, err),
        Command::Check { paths, watch: true } => check_watch(&paths, file, out, err),
        // `main` opens the viewer for it; nothing to print.
        Command::Present { .. } | Command::Follow { .. } => Ok(0),
        Command::List { kind, json } => {
            let items: Vec<ItemRef> = match kind {
                Some(kind) => catalog.items(kind).collect(),
                None => catalog.all_items().collect(),
            };
            print_items(catalog, &items, json, out)?;
            Ok(0)
        }
        Command::Search {
            query,
            kind,
            limit,
            json,
        } => {
            let text = query.join(" ");
            let index = SearchIndex::new(catalog);
            let query = match index.query(&text) {
                Ok(query) => query,
                Err(error) => {
                    writeln!(err, "{}", query_error(&text, &error))?;
                    return Ok(EXIT_UNREADABLE);
                }
            };
            let results = index.search(&query, kind, limit);
            let items: Vec<ItemRef> = results.hits.iter().map(|hit| hit.item).collect();
            print_items(catalog, &items, json, out)?;
            Ok(if results.total == 0 { EXIT_PROBLEMS } else { 0 })
        }
        Command::Export {
            ids,
            format,
            output,
        } => export::run(catalog, file, &ids, format, output.as_deref(), out, err),
        Command::Show { id: None, json } => {
            let overview = crate::describe::overview(catalog);
            if json {
                text::write_json(&mut *out, &show::overview_json(&overview))?;
                writeln!(out)?;
            } else {
                out.write_all(show::overview_text(&overview, style).as_bytes())?;
            }
            Ok(0)
        }
        Command::Show { id: Some(id), json } => match catalog.find(&id) {
            Some(item) if json => {
                text::write_json(&mut *out, &show::to_json(catalog, item))?;
                writeln!(out)?;
                Ok(0)
            }
            Some(item) => {
                out.write_all(show::to_text(catalog, item, style).as_bytes())?;
                Ok(0)
            }
            None => {
                writeln!(err, "{}", no_such_id(catalog, &id))?;
                Ok(EXIT_PROBLEMS)
            }
        },
    }
}

/// A query's error as a compiler would show it: the message, then the query with a
/// caret run under the term at fault.
///
/// ```text
/// error: unknown field `statu`; did you mean `status`?
///   statu:planned nl
///   ^^^^^
/// ```
fn query_error(query: &str, error: &QueryError) -> String {
    use unicode_width::UnicodeWidthStr;
    let before = query.get(..error.span.start).unwrap_or_default();
    let at_fault = query.get(error.span.clone()).unwrap_or_default();
    let pad = text::inline(before).width();
    let carets = text::inline(at_fault).width().max(1);
    format!(
        "error: {}\n  {}\n  {}{}",
        text::inline(&error.message),
        text::inline(query),
        " ".repeat(pad),
        "^".repeat(carets)
    )
}

fn print_items(
    catalog: &Catalog,
    items: &[ItemRef],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let rows: Vec<serde_json::Value> = items
            .iter()
            .filter_map(|&item| {
                let found = catalog.get(item)?;
                let mut row = json!({
                    "kind": item.kind,
                    "id": found.id(),
                    "title": found.title(),
                });
                if let Item::Action(action) = found {
                    row["status"] = json!(action.status);
                    row["timing"] = json!(action.timing);
                }
                Some(row)
            })
            .collect();
        text::write_json(&mut *out, &rows)?;
        return writeln!(out);
    }
    for &item in items {
        if let Some(found) = catalog.get(item) {
            writeln!(
                out,
                "{}\t{}\t{}",
                item.kind.label(),
                text::inline(found.id()),
                text::inline(found.title())
            )?;
        }
    }
    Ok(())
}
