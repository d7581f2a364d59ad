//! The runtime: the one loop — draw → read an event → turn it into a `Message` →
//! `update` — and what it asks of the terminal and the workers.
//!
//! Events come from threads into one channel (see `workers`). The loop blocks on that
//! channel, so an idle viewer uses no CPU and redraws only after something happened.
//! Everything already queued is handled before the next draw, so a burst of keys or a
//! paste costs one frame, and a Ctrl-c or a signal behind a backlog acts at once.

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::Event as TerminalEvent;
use ratatui::backend::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal::{SIGCONT, SIGINT, SIGQUIT, SIGTSTP};

use super::app::App;
use super::keys::Keymap;
use super::layout::bounded;
use super::message::{Effect, Message};
use super::sharing::Sharing;
use super::symbols;
use super::terminal::{self, RestoreOnDrop, Screen};
use super::theme::{self, Environment, ThemeChoice};
use super::view::{Baseline, Presentation};
use super::workers::{self, Event, InputGate, SearchJob};
use crate::catalog::Catalog;
use crate::config::{Colors, Glyphs};
use crate::editor::EditorCommand;
use crate::model::ItemRef;
use crate::share::{ConsoleServer, Follower, Server, Steer};
use crate::text;

/// How the viewer looks and listens, as the command line asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--theme`; `None` lets the terminal's background decide.
    pub theme: Option<ThemeChoice>,
    /// The viewer's own glyphs: `--ascii` or the config file's choice; `None` lets
    /// the locale decide.
    pub glyphs: Option<Glyphs>,
    /// Colours the config file sets, over the theme's.
    pub colors: Colors,
    /// The key table, with the config file's remaps.
    pub keymap: Keymap,
    /// Clicks and the wheel; `--no-mouse` leaves the mouse to the terminal.
    pub mouse: bool,
    /// The file to follow as it changes; `None` for the built-in dossier and with
    /// `--no-watch`.
    pub watch: Option<PathBuf>,
    /// The dossier's file, for the editor (`e`); `None` for the built-in dossier and a
    /// follower.
    pub file: Option<PathBuf>,
    /// `--since`: the version to mark changes against; `None` marks what changes while
    /// the viewer is open.
    pub since: Option<Baseline>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            theme: None,
            glyphs: None,
            colors: Colors::default(),
            keymap: Keymap::default(),
            mouse: true,
            watch: None,
            file: None,
            since: None,
        }
    }
}

/// How the viewer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// The presentation followed ended (`true`), or the link to it did: why.
    Followed { ended: bool, why: String },
    /// The user quit.
    Quit,
    /// A signal asked us to stop; the conventional exit status is 128 + its number.
    Signal(i32),
    /// The terminal went away (input closed or output failing).
    TerminalGone,
}

/// How often an idle viewer checks that its terminal is still there. A hung-up terminal
/// does not always send SIGHUP (a parent shell may ignore it), and crossterm's reader
/// then sees endless empty reads rather than an error.
const HANG_UP_CHECK: Duration = Duration::from_secs(1);

/// What the loop does after an event.
enum Step {
    Go { redraw: bool },
    Suspend,
    Edit(EditorCommand),
    End(Exit),
}

/// What the viewer shows first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The countries list.
    List,
    /// This item, its detail pane focused (`--at`).
    At(ItemRef),
    /// A presentation (`dossier present`); leaving it ends the program.
    Present(Presentation),
    /// A presenter's screen, followed (`dossier follow`): the position it sent first.
    Follow {
        briefing: Option<String>,
        stops: Vec<String>,
        stop: usize,
    },
}

/// The viewer's link to other terminals.
pub enum Link {
    None,
    /// Presenting for followers: the dossier (without the presenter's notes) goes out
    /// first and again after each reload, then every move as it is made. `name` is the
    /// dossier's name in messages.
    /// The presenter's console (`console`) hears the notes and steers; its `steers`
    /// arrive in the loop as stop keys.
    Share {
        server: Server,
        console: ConsoleServer,
        steers: Receiver<Steer>,
        name: String,
    },
    /// Following a presenter: their moves come in.
    Follow(Follower),
}

/// Runs the viewer, showing `start` first, until the user quits, a signal arrives, the
/// terminal goes away or the presentation followed ends. The terminal is restored on
/// every way out, panics included.
pub fn run(catalog: Arc<Catalog>, start: Start, options: Options, link: Link) -> io::Result<Exit> {
    let (events, inbox) = mpsc::channel();
    terminal::watch_signals(events.clone())?;
    // Before anything else is written: the background query needs the terminal alone.
    let theme = theme::choose(
        options.theme,
        &Environment::from_process(),
        theme::ask_terminal,
    )
    .with_colors(&options.colors);
    let keymap = Arc::new(options.keymap.clone());
    let catalog_opened = Arc::clone(&catalog);
    let mut app = match start {
        Start::At(item) => App::at(catalog, theme, item),
        Start::List => App::new(catalog, theme),
        Start::Present(presentation) => App::presenting(catalog, theme, presentation),
        Start::Follow {
            briefing,
            stops,
            stop,
        } => {
            let mut app = App::new(catalog, theme);
            app.update(Message::Followed {
                briefing,
                stops,
                stop,
            });
            app
        }
    }
    .with_keys(keymap)
    .with_file(options.file.clone())
    .with_baseline(baseline(&options, &catalog_opened, &link));
    app.update(Message::Glyphs(Box::new(match options.glyphs {
        Some(Glyphs::Ascii) => symbols::ASCII,
        Some(Glyphs::Unicode) => symbols::UNICODE,
        None => symbols::from_locale(),
    })));
    let searches =
        workers::spawn_search_worker(Arc::clone(&app.catalog), app.search_slot(), events.clone());
    // A file is read again when it changes, and when its editor (`e`) exits.
    let reloads = options
        .file
        .clone()
        .map(|path| workers::spawn_reloader(path, app.baseline.clone(), events.clone()));
    // The watch lives as long as the viewer: dropping it stops watching.
    let _watch = options
        .watch
        .clone()
        .zip(reloads.clone())
        .map(|(path, reloads)| {
            crate::watch::watch(&path, move || {
                let _ = reloads.send(());
            })
        });

    terminal::restore_on_panic();
    let _restore = RestoreOnDrop;
    terminal::enter(options.mouse)?;
    let (width, height) = crossterm::terminal::size()?;
    let viewport = TerminalOptions {
        viewport: Viewport::Fixed(bounded(width, height)),
    };
    // ratatui's own drop shows the cursor and reports failure with `eprintln!`, which
    // panics when the terminal (and so stderr) is gone; `RestoreOnDrop` does it quietly.
    let mut screen = ManuallyDrop::new(Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        viewport,
    )?);
    let mut sharing = match link {
        Link::Follow(follower) => {
            workers::spawn_follower_reader(follower, app.baseline.clone(), events.clone());
            None
        }
        Link::Share {
            server,
            console,
            steers,
            name,
        } => {
            workers::spawn_steer_reader(steers, events.clone());
            Some(Sharing::new(server, console, name, events.clone()))
        }
        Link::None => None,
    };
    let input = Arc::new(InputGate::default());
    workers::spawn_input_reader(events, Arc::clone(&input));
    app.update(Message::Resize(width, height));
    let mut runtime = Runtime {
        screen: &mut screen,
        searches,
        input,
        reloads,
        mouse: options.mouse,
        inside_tmux: std::env::var_os("TMUX").is_some(),
    };
    let exit = runtime.event_loop(&mut app, &inbox, sharing.as_mut());
    // Followers and consoles hear that it ended, whichever way it did; the sockets go
    // with it.
    if let Some(sharing) = sharing {
        sharing.end();
    }
    exit
}

/// What the loop carries out on `update`'s behalf.
struct Runtime<'a> {
    screen: &'a mut Screen,
    searches: Sender<SearchJob>,
    /// Stops the input reader while the editor has the terminal.
    input: Arc<InputGate>,
    /// Asks for the file to be read again; `None` without a file.
    reloads: Option<Sender<()>>,
    mouse: bool,
    inside_tmux: bool,
}

impl Runtime<'_> {
    fn event_loop(
        &mut self,
        app: &mut App,
        inbox: &Receiver<Event>,
        mut sharing: Option<&mut Sharing>,
    ) -> io::Result<Exit> {
        let mut redraw = true;
        let mut queue = VecDeque::new();
        loop {
            // Runs at least once a second, so the presenter's count of followers stays true.
            if let Some(sharing) = sharing.as_deref_mut() {
                let audience = sharing.keep_up(app);
                if app.audience != Some(audience) {
                    app.update(Message::Audience(audience));
                    redraw = true;
                }
            }
            if queue.is_empty() {
                if redraw {
                    app.prepare_frame();
                    if terminal::draw(self.screen, &*app).is_err() {
                        return Ok(Exit::TerminalGone);
                    }
                }
                redraw = false;
                match inbox.recv_timeout(HANG_UP_CHECK) {
                    Err(RecvTimeoutError::Timeout) if io::stdin().is_terminal() => continue,
                    Err(_) => return Ok(Exit::TerminalGone),
                    Ok(event) => queue.push_back(event),
                }
            }
            // Whatever has arrived meanwhile joins the queue; a way out in it (a Ctrl-c
            // behind a paste typed key by key) does not wait its turn.
            for event in inbox.try_iter() {
                if let Some(exit) = way_out(&event, &app.keymap) {
                    return Ok(exit);
                }
                queue.push_back(event);
            }
            if let Some(exit) = queue.front().and_then(|event| way_out(event, &app.keymap)) {
                return Ok(exit);
            }
            let Some(event) = queue.pop_front() else {
                continue;
            };
            if let Event::DossierBuilt(version, frame) = &event {
                if let Some(sharing) = sharing.as_deref_mut() {
                    sharing.dossier_built(*version, frame);
                }
                continue;
            }
            match self.handle(event, app)? {
                Step::Go { redraw: changed } => redraw |= changed,
                Step::Suspend => {
                    terminal::suspend(self.screen, self.mouse)?;
                    redraw = true;
                }
                Step::Edit(command) => {
                    let ran = self.edit(&command)?;
                    // Keys and signals meant for the editor (a Ctrl-c in one that does not
                    // take the terminal raw) are not the viewer's.
                    queue.extend(inbox.try_iter().filter(|event| {
                        !matches!(event, Event::Signal(SIGINT | SIGTSTP | SIGCONT | SIGQUIT))
                    }));
                    app.update(Message::Edited(ran));
                    redraw = true;
                }
                Step::End(exit) => return Ok(exit),
            }
        }
    }

    fn handle(&mut self, event: Event, app: &mut App) -> io::Result<Step> {
        let message = match event {
            Event::Signal(SIGTSTP) => return Ok(Step::Suspend),
            // Continued after a stop someone else caused: the screen may hold anything.
            Event::Signal(SIGCONT) => {
                terminal::repaint(self.screen)?;
                return Ok(Step::Go { redraw: true });
            }
            Event::Signal(signal) => return Ok(Step::End(Exit::Signal(signal))),
            Event::InputClosed => return Ok(Step::End(Exit::TerminalGone)),
            Event::Message(message) => message,
            Event::Unfollowed { ended, why } => {
                return Ok(Step::End(Exit::Followed { ended, why }));
            }
            Event::DossierBuilt(..) | Event::Presented(_) => {
                return Ok(Step::Go { redraw: false });
            }
            Event::Terminal(TerminalEvent::Resize(width, height)) => {
                if self.screen.resize(bounded(width, height)).is_err() {
                    return Ok(Step::End(Exit::TerminalGone));
                }
                Message::Resize(width, height)
            }
            Event::Terminal(event) => match app.keymap.message_for_event(app.screen(), &event) {
                Some(message) => message,
                None => return Ok(Step::Go { redraw: false }),
            },
        };
        match app.update(message) {
            Some(Effect::Search { generation, query }) => {
                let _ = self.searches.send(SearchJob {
                    catalog: None,
                    search: Some((generation, query)),
                });
            }
            Some(Effect::Repaint) if terminal::repaint(self.screen).is_err() => {
                return Ok(Step::End(Exit::TerminalGone));
            }
            Some(Effect::Suspend) => return Ok(Step::Suspend),
            Some(Effect::Edit { file, line }) => {
                return Ok(Step::Edit(EditorCommand::from_env(&file, line)));
            }
            Some(Effect::Copy(text))
                if terminal::copy(self.screen, &text, self.inside_tmux).is_err() =>
            {
                return Ok(Step::End(Exit::TerminalGone));
            }
            Some(Effect::Reindex { search, retired }) => {
                let _ = self.searches.send(SearchJob {
                    catalog: Some((Arc::clone(&app.catalog), app.search_slot())),
                    search,
                });
                workers::retire(retired);
            }
            Some(Effect::Repaint | Effect::Copy(_)) | None => {}
        }
        if app.quit {
            return Ok(Step::End(Exit::Quit));
        }
        Ok(Step::Go { redraw: true })
    }
}

impl Runtime<'_> {
    /// Hands the terminal to the editor as Ctrl-z hands it to the shell, and takes it
    /// back when the editor exits; then the file is read again (the watch, if any, sees
    /// the save too). What went wrong, if anything, in a few words.
    fn edit(&mut self, command: &EditorCommand) -> io::Result<Result<(), String>> {
        self.input.close();
        terminal::restore();
        let ran = Command::new(&command.program).args(&command.args).status();
        let entered = terminal::enter(self.mouse).and_then(|()| terminal::repaint(self.screen));
        self.input.open();
        entered?;
        if let Some(reloads) = &self.reloads {
            let _ = reloads.send(());
        }
        let program = text::inline(&command.program.to_string_lossy()).into_owned();
        Ok(match ran {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("the editor `{program}` ended with {status}")),
            Err(error) => Err(format!(
                "cannot run the editor `{program}`: {error}; set VISUAL or EDITOR"
            )),
        })
    }
}

/// An event that ends the viewer whatever comes before it: a signal, the key that
/// quits from anywhere (Ctrl-c), the terminal gone.
fn way_out(event: &Event, keymap: &Keymap) -> Option<Exit> {
    match event {
        Event::Signal(signal) if *signal != SIGTSTP && *signal != SIGCONT => {
            Some(Exit::Signal(*signal))
        }
        Event::InputClosed => Some(Exit::TerminalGone),
        Event::Terminal(TerminalEvent::Key(key)) if keymap.quits_from_anywhere(*key) => {
            Some(Exit::Quit)
        }
        _ => None,
    }
}

/// The version changes are marked against: `--since`'s, else, where new versions come
/// (a file, or a presenter's), the one the viewer opened with.
fn baseline(options: &Options, opened: &Arc<Catalog>, link: &Link) -> Option<Baseline> {
    let updated = options.file.is_some() || matches!(link, Link::Follow(_));
    options
        .since
        .clone()
        .or_else(|| updated.then(|| Baseline::opened(Arc::clone(opened))))
}
