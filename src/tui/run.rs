//! The runtime: terminal setup and restore, and the one loop —
//! draw → read events → turn each into a `Message` → `update`.
//!
//! Events come from threads into one channel: terminal input, signals, the finder's
//! search worker, the file's reloader, and a presenter's or follower's link. The loop blocks on that channel, so an idle viewer uses no CPU
//! and redraws only after something happened. Everything already queued is handled
//! before the next draw, so a burst of keys or a paste costs one frame, and a Ctrl-c or a
//! signal behind a backlog acts at once.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TerminalEvent, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTSTP, SIGUSR1,
    SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};

use crate::catalog::Catalog;
use crate::model::ItemRef;
use crate::search::SearchIndex;
use crate::share::{self, Cue, Encoded, Follower, Frame, Server, ShareError};

use super::app::{App, Effect, Message, Mode, Presentation, Reload, run_search};
use super::keys::message_for;
use super::symbols::{self, Symbols};
use super::theme::{self, Environment, ThemeChoice};
use super::ui::MAX_SCREEN;

/// How the viewer looks and listens, as the command line asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--theme`; `None` lets the terminal's background decide.
    pub theme: Option<ThemeChoice>,
    /// `--ascii`: the viewer's own glyphs in ASCII even where the locale is UTF-8.
    pub ascii: bool,
    /// Clicks and the wheel; `--no-mouse` leaves the mouse to the terminal.
    pub mouse: bool,
    /// The file to follow as it changes; `None` for the built-in dossier and with
    /// `--no-watch`.
    pub watch: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            theme: None,
            ascii: false,
            mouse: true,
            watch: None,
        }
    }
}

/// Lines the wheel scrolls a pane per notch.
const WHEEL_LINES: i32 = 3;

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

/// Every signal whose default action ends the process and that a program may catch:
/// each restores the terminal and exits 128 + its number. (SIGPIPE is ignored by Rust
/// programs; SIGKILL cannot be caught; the faults SIGSEGV, SIGBUS, SIGILL and SIGFPE
/// come from the program itself, and the panic hook covers what Rust turns into panics.)
const ENDING_SIGNALS: [i32; 13] = [
    SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO, SIGSYS,
];

enum Event {
    Terminal(TerminalEvent),
    InputClosed,
    Signal(i32),
    SearchDone(Message),
    /// The dossier file was read again, after a change.
    Reloaded(Reload),
    /// The presenter followed moved, or sent a new dossier (as a `Reloaded`).
    Presenter(Message),
    /// The presentation followed ended, or the link to it did.
    Unfollowed(Exit),
    /// A presenter's dossier for its followers, built off the UI thread: for this version.
    DossierBuilt(u64, Encoded),
}

/// What the loop does after an event.
enum Step {
    Go { redraw: bool },
    Suspend,
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
    Share {
        server: Server,
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
    watch_signals(events.clone())?;
    // Before anything else is written: the background query needs the terminal alone.
    let theme = theme::choose(
        options.theme,
        &Environment::from_process(),
        theme::ask_terminal,
    );
    let symbols: Symbols = if options.ascii {
        symbols::ASCII
    } else {
        symbols::from_locale()
    };
    let mut app = match start {
        Start::At(item) => App::at(catalog, theme, item),
        Start::List => App::new(catalog, theme),
        Start::Present(presentation) => {
            let mut app = App::new(catalog, theme);
            app.mode = Mode::Present(Presentation {
                standalone: true,
                ..presentation
            });
            app
        }
        Start::Follow {
            briefing,
            stops,
            stop,
        } => {
            let mut app = App::new(catalog, theme);
            app.following = true;
            app.update(Message::Followed {
                briefing,
                stops,
                stop,
            });
            app
        }
    };
    app.symbols = symbols;
    let searches = spawn_search_worker(Arc::clone(&app.catalog), app.search_slot(), events.clone());
    // The watch lives as long as the viewer: dropping it stops watching.
    let _watch = options.watch.clone().map(|path| {
        let reloads = spawn_reloader(path.clone(), events.clone());
        crate::watch::watch(&path, move || {
            let _ = reloads.send(());
        })
    });

    install_panic_hook();
    let _restore = RestoreOnDrop;
    enter_terminal(options.mouse)?;
    let (width, height) = terminal::size()?;
    let viewport = TerminalOptions {
        viewport: Viewport::Fixed(bounded(width, height)),
    };
    // ratatui's own drop shows the cursor and reports failure with `eprintln!`, which
    // panics when the terminal (and so stderr) is gone; `RestoreOnDrop` does it quietly.
    let mut terminal = ManuallyDrop::new(Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        viewport,
    )?);
    let mut sharing = match link {
        Link::Follow(follower) => {
            spawn_follower_reader(follower, events.clone());
            None
        }
        Link::Share { server, name } => Some(Sharing::new(server, name, events.clone())),
        Link::None => None,
    };
    spawn_input_reader(events);
    app.update(Message::Resize(width, height));
    let exit = event_loop(
        &mut terminal,
        &mut app,
        &inbox,
        &searches,
        options.mouse,
        sharing.as_mut(),
    );
    // Followers hear that it ended, whichever way it did; the socket goes with it.
    if let Some(sharing) = sharing {
        sharing.server.end();
    }
    exit
}

/// A presenter's link to its followers. The dossier goes out first and again after each
/// reload, built on a thread of its own (a big dossier takes a while to write out), and
/// every move after the dossier it refers to, once each.
struct Sharing {
    server: Server,
    name: String,
    events: Sender<Event>,
    /// The version whose dossier is being built, or was sent.
    building: Option<u64>,
    /// The version whose dossier was sent: positions wait for it.
    sent: Option<u64>,
    position: Option<Frame>,
}

impl Sharing {
    fn new(server: Server, name: String, events: Sender<Event>) -> Sharing {
        Sharing {
            server,
            name,
            events,
            building: None,
            sent: None,
            position: None,
        }
    }

    /// Sends followers what changed; true when the presenter's own screen must be drawn
    /// again (the count of followers changed).
    fn keep_up(&mut self, app: &mut App) -> bool {
        if self.building != Some(app.version) {
            self.building = Some(app.version);
            let (version, catalog) = (app.version, Arc::clone(&app.catalog));
            let (name, events) = (self.name.clone(), self.events.clone());
            thread::spawn(move || {
                // Encoded here too: JSON for a big dossier takes tens of milliseconds.
                if let Ok(frame) = Encoded::new(&dossier_frame(&catalog, &name)) {
                    let _ = events.send(Event::DossierBuilt(version, frame));
                }
            });
        }
        if self.sent == Some(app.version) {
            let position = position_frame(app);
            if position.is_some() && position != self.position {
                if let Some(frame) = &position {
                    let _ = self.server.publish(frame);
                }
                self.position = position;
            }
        }
        let audience = Some(self.server.followers());
        let changed = app.audience != audience;
        app.audience = audience;
        changed
    }

    /// A dossier is built: sent, unless a newer version has come since.
    fn dossier_built(&mut self, version: u64, frame: &Encoded) {
        if self.building == Some(version) {
            self.server.publish_encoded(frame);
            self.sent = Some(version);
            // Followers place the position in the new dossier: send it again.
            self.position = None;
        }
    }
}

/// The dossier as followers get it: the presenter's notes left out, since a follower is
/// the audience. Written back as RON, which the follower reads with the same loader.
fn dossier_frame(catalog: &Catalog, name: &str) -> Frame {
    let mut dossier = catalog.dossier.clone();
    for briefing in &mut dossier.briefings {
        briefing.notes.clear();
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    Frame::Dossier {
        name: name.to_owned(),
        text: ron::ser::to_string_pretty(&dossier, config).unwrap_or_default(),
    }
}

/// Every frame a follower receives becomes an event of the loop. A dossier is loaded
/// here, off the UI thread, as a reloaded file is.
fn spawn_follower_reader(follower: Follower, events: Sender<Event>) {
    thread::spawn(move || {
        for frame in follower {
            if let Some(event) = presenter_event(frame)
                && events.send(event).is_err()
            {
                return;
            }
        }
    });
}

/// What a frame from the presenter means to this follower's loop.
fn presenter_event(frame: Result<Frame, ShareError>) -> Option<Event> {
    match share::cue(frame) {
        Cue::Position {
            briefing,
            stops,
            stop,
        } => Some(Event::Presenter(Message::Followed {
            briefing,
            stops,
            stop,
        })),
        Cue::Dossier(catalog) => Some(Event::Reloaded(Reload::loaded(Arc::new(*catalog)))),
        Cue::Unloadable(why) => Some(Event::Unfollowed(Exit::Followed { ended: false, why })),
        Cue::Over { ended, why } => Some(Event::Unfollowed(Exit::Followed { ended, why })),
        Cue::Nothing => None,
    }
}

/// The presenter's position as a frame, if it is presenting.
fn position_frame(app: &App) -> Option<Frame> {
    let (briefing, stops, stop) = app.shared_position()?;
    (!stops.is_empty()).then_some(Frame::Position {
        briefing,
        stops,
        stop,
        scroll: 0,
    })
}

/// The area drawn in a `width`×`height` terminal.
fn bounded(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_SCREEN.0), height.min(MAX_SCREEN.1))
}

fn event_loop<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    inbox: &Receiver<Event>,
    searches: &Sender<Job>,
    mouse: bool,
    mut sharing: Option<&mut Sharing>,
) -> io::Result<Exit> {
    let mut redraw = true;
    let mut queue = VecDeque::new();
    loop {
        // Runs at least once a second, so the presenter's count of followers stays true.
        if let Some(sharing) = sharing.as_deref_mut() {
            redraw |= sharing.keep_up(app);
        }
        if queue.is_empty() {
            if redraw {
                app.prepare_frame();
                if draw(terminal, app).is_err() {
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
            if let Some(exit) = way_out(&event) {
                return Ok(exit);
            }
            queue.push_back(event);
        }
        if let Some(exit) = queue.front().and_then(way_out) {
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
        match handle(event, terminal, app, searches)? {
            Step::Go { redraw: changed } => redraw |= changed,
            Step::Suspend => {
                suspend(terminal, mouse)?;
                redraw = true;
            }
            Step::End(exit) => return Ok(exit),
        }
    }
}

/// The terminal's "set the clipboard" sequence (OSC 52) for `text`. Inside tmux it goes
/// twice: plain, which tmux takes (and hands to the outer terminal) when its
/// `set-clipboard` is `on`, and wrapped in tmux's pass-through, which reaches the outer
/// terminal when `allow-passthrough` is `on`. tmux drops whichever it is not set up for.
fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    if std::env::var_os("TMUX").is_some() {
        // Inside the pass-through every ESC is doubled.
        let wrapped = format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"));
        sequence + &wrapped
    } else {
        sequence
    }
}

/// One frame, inside synchronized output (`CSI ? 2026 h` … `l`): a terminal that knows it
/// shows the frame whole, never half drawn; others ignore it.
fn draw<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}

/// An event that ends the viewer whatever comes before it: a signal, Ctrl-c, the
/// terminal gone.
fn way_out(event: &Event) -> Option<Exit> {
    match event {
        Event::Signal(signal) if *signal != SIGTSTP && *signal != SIGCONT => {
            Some(Exit::Signal(*signal))
        }
        Event::InputClosed => Some(Exit::TerminalGone),
        Event::Terminal(TerminalEvent::Key(key))
            if key.kind == KeyEventKind::Press
                && key.code == KeyCode::Char('c')
                && key.modifiers == KeyModifiers::CONTROL =>
        {
            Some(Exit::Quit)
        }
        _ => None,
    }
}

fn handle<W: Write>(
    event: Event,
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    searches: &Sender<Job>,
) -> io::Result<Step> {
    let message = match event {
        Event::Signal(SIGTSTP) => return Ok(Step::Suspend),
        // Continued after a stop someone else caused: the screen may hold anything.
        Event::Signal(SIGCONT) => {
            repaint(terminal)?;
            return Ok(Step::Go { redraw: true });
        }
        Event::Signal(signal) => return Ok(Step::End(Exit::Signal(signal))),
        Event::InputClosed => return Ok(Step::End(Exit::TerminalGone)),
        Event::SearchDone(message) => message,
        Event::Presenter(message) => message,
        Event::Unfollowed(exit) => return Ok(Step::End(exit)),
        Event::DossierBuilt(..) => return Ok(Step::Go { redraw: false }),
        Event::Reloaded(reload) => Message::Reloaded(reload),
        Event::Terminal(TerminalEvent::Key(key)) => match message_for(app.screen(), key) {
            Some(message) => message,
            None => return Ok(Step::Go { redraw: false }),
        },
        Event::Terminal(TerminalEvent::Paste(text)) => Message::Paste(text),
        Event::Terminal(TerminalEvent::Mouse(mouse)) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Message::Click { column, row },
                MouseEventKind::ScrollDown => Message::Wheel {
                    column,
                    row,
                    lines: WHEEL_LINES,
                },
                MouseEventKind::ScrollUp => Message::Wheel {
                    column,
                    row,
                    lines: -WHEEL_LINES,
                },
                _ => return Ok(Step::Go { redraw: false }),
            }
        }
        Event::Terminal(TerminalEvent::Resize(width, height)) => {
            if terminal.resize(bounded(width, height)).is_err() {
                return Ok(Step::End(Exit::TerminalGone));
            }
            Message::Resize(width, height)
        }
        Event::Terminal(_) => return Ok(Step::Go { redraw: false }),
    };
    match app.update(message) {
        Some(Effect::Search { generation, query }) => {
            let _ = searches.send(Job::Search(generation, query));
        }
        Some(Effect::Repaint) if repaint(terminal).is_err() => {
            return Ok(Step::End(Exit::TerminalGone));
        }
        Some(Effect::Suspend) => return Ok(Step::Suspend),
        Some(Effect::Copy(text)) => {
            if terminal
                .backend_mut()
                .write_all(osc52(&text).as_bytes())
                .is_err()
                || terminal.backend_mut().flush().is_err()
            {
                return Ok(Step::End(Exit::TerminalGone));
            }
        }
        Some(Effect::Reindex { search }) => {
            let _ = searches.send(Job::Catalog(Arc::clone(&app.catalog), app.search_slot()));
            if let Some((generation, query)) = search {
                let _ = searches.send(Job::Search(generation, query));
            }
        }
        Some(Effect::Repaint) | None => {}
    }
    if app.quit {
        return Ok(Step::End(Exit::Quit));
    }
    Ok(Step::Go { redraw: true })
}

/// Ctrl-z and SIGTSTP, as `less` and `vim` do them: give the shell its screen and line
/// mode back, stop, and on `fg` take the terminal again and draw every cell.
fn suspend<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, mouse: bool) -> io::Result<()> {
    restore_terminal();
    // Stops here until SIGCONT. The handler for SIGTSTP is ours, so the stop itself is
    // the default action, raised on purpose.
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    enter_terminal(mouse)?;
    repaint(terminal)
}

/// Raw mode, the alternate screen, no cursor, pastes as one event, and the mouse unless
/// it is left to the terminal.
fn enter_terminal(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Blanks the screen and forgets the last frame, so that the next draw writes every
/// cell over whatever garbage a noisy line left. ratatui's own `clear` asks the terminal
/// where its cursor is, and the input thread would swallow the reply.
fn repaint<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>) -> io::Result<()> {
    execute!(terminal.backend_mut(), Clear(ClearType::All))?;
    // After a draw the spare buffer is blank and the other holds the frame on screen:
    // one swap blanks that frame too, so the next diff is against an empty screen.
    terminal.swap_buffers();
    Ok(())
}

fn spawn_input_reader(events: Sender<Event>) {
    thread::spawn(move || {
        loop {
            match crossterm::event::read() {
                Ok(event) => {
                    if events.send(Event::Terminal(event)).is_err() {
                        return;
                    }
                }
                // The terminal is gone (SSH dropped, pane killed): reading fails for good.
                Err(_) => {
                    let _ = events.send(Event::InputClosed);
                    return;
                }
            }
        }
    });
}

fn watch_signals(events: Sender<Event>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(
        ENDING_SIGNALS.iter().chain(&[SIGTSTP, SIGCONT]).copied(),
    )?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if events.send(Event::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Searches on its own thread so typing never waits for matching. Only the newest
/// query waiting is run; results for older ones are dropped by `App::update`.
/// Work for the search worker.
enum Job {
    Search(u64, String),
    /// A reloaded dossier: index it, in this slot, and search it from now on.
    Catalog(Arc<Catalog>, Arc<OnceLock<SearchIndex>>),
}

/// Searches on its own thread so typing never waits for matching. Only the newest
/// query waiting is run; results for older ones are dropped by `App::update`.
fn spawn_search_worker(
    catalog: Arc<Catalog>,
    index: Arc<OnceLock<SearchIndex>>,
    events: Sender<Event>,
) -> Sender<Job> {
    let (jobs, queue) = mpsc::channel::<Job>();
    thread::spawn(move || {
        let (mut catalog, mut index) = (catalog, index);
        // Prepare the search while the user reads the first frame.
        index.get_or_init(|| SearchIndex::new(&catalog));
        while let Ok(job) = queue.recv() {
            // Of the searches waiting, only the newest matters; a new catalog always does.
            let mut search = None;
            for job in std::iter::once(job).chain(queue.try_iter()) {
                match job {
                    Job::Search(generation, query) => search = Some((generation, query)),
                    Job::Catalog(new_catalog, new_index) => {
                        (catalog, index) = (new_catalog, new_index);
                        index.get_or_init(|| SearchIndex::new(&catalog));
                    }
                }
            }
            let Some((generation, query)) = search else {
                continue;
            };
            let index = index.get_or_init(|| SearchIndex::new(&catalog));
            let done = run_search(index, generation, &query);
            if events.send(Event::SearchDone(done)).is_err() {
                return;
            }
        }
    });
    jobs
}

/// Reads the dossier again, on its own thread, each time the file changes; only the
/// newest change waiting is read. What it finds, a catalog or a problem, goes to the loop.
fn spawn_reloader(path: PathBuf, events: Sender<Event>) -> Sender<()> {
    let (changes, queue) = mpsc::channel::<()>();
    thread::spawn(move || {
        while queue.recv().is_ok() {
            while queue.try_recv().is_ok() {}
            let reloaded = match Catalog::load(&path) {
                Ok(catalog) => Reload::loaded(Arc::new(catalog)),
                Err(error) => Reload(Err(first_line(&error.to_string()))),
            };
            if events.send(Event::Reloaded(reloaded)).is_err() {
                return;
            }
        }
    });
    changes
}

/// `FILE:LINE:COL: message`, without the excerpt and caret that follow in a terminal.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_owned()
}

/// Raw mode off, main screen back, cursor shown. Errors are ignored: this runs when
/// things are already going wrong, and the terminal may be gone.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}
