//! The runtime: terminal setup and restore, and the one loop —
//! draw → read one event → turn it into a `Message` → `update`.
//!
//! Events come from three threads into one channel: terminal input, signals, and the
//! finder's search worker. The loop blocks on that channel, so an idle viewer uses no CPU
//! and redraws only after something happened.

use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use crossterm::event::Event as TerminalEvent;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

use crate::catalog::Catalog;
use crate::model::ItemRef;
use crate::search::SearchIndex;

use super::app::{App, Effect, Message, run_search};
use super::keys::message_for;
use super::theme::Theme;

/// How the viewer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
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

enum Event {
    Terminal(TerminalEvent),
    InputClosed,
    Signal(i32),
    SearchDone(Message),
}

/// Runs the viewer, at the item `start` if given, until the user quits, a signal arrives
/// or the terminal goes away. The terminal is restored on every way out, panics included.
pub fn run(catalog: Arc<Catalog>, start: Option<ItemRef>) -> io::Result<Exit> {
    let (events, inbox) = mpsc::channel();
    watch_signals(events.clone())?;
    let theme = Theme::from_env();
    let mut app = match start {
        Some(item) => App::at(catalog, theme, item),
        None => App::new(catalog, theme),
    };
    let searches = spawn_search_worker(Arc::clone(&app.catalog), app.search_slot(), events.clone());

    install_panic_hook();
    let _restore = RestoreOnDrop;
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    // ratatui's own drop shows the cursor and reports failure with `eprintln!`, which
    // panics when the terminal (and so stderr) is gone; `RestoreOnDrop` does it quietly.
    let mut terminal = ManuallyDrop::new(Terminal::new(CrosstermBackend::new(io::stdout()))?);
    spawn_input_reader(events);

    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    event_loop(&mut terminal, &mut app, &inbox, &searches)
}

fn event_loop<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    inbox: &Receiver<Event>,
    searches: &Sender<(u64, String)>,
) -> io::Result<Exit> {
    let mut dirty = true;
    loop {
        if dirty
            && terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .is_err()
        {
            return Ok(Exit::TerminalGone);
        }
        dirty = false;
        let message = match inbox.recv_timeout(HANG_UP_CHECK) {
            Err(RecvTimeoutError::Timeout) if io::stdin().is_terminal() => continue,
            Err(_) | Ok(Event::InputClosed) => return Ok(Exit::TerminalGone),
            Ok(Event::Signal(signal)) => return Ok(Exit::Signal(signal)),
            Ok(Event::SearchDone(message)) => Some(message),
            Ok(Event::Terminal(TerminalEvent::Key(key))) => message_for(app.screen(), key),
            Ok(Event::Terminal(TerminalEvent::Resize(width, height))) => {
                Some(Message::Resize(width, height))
            }
            Ok(Event::Terminal(_)) => None,
        };
        let Some(message) = message else { continue };
        match app.update(message) {
            Some(Effect::Search { generation, query }) => {
                let _ = searches.send((generation, query));
            }
            Some(Effect::Repaint) if repaint(terminal).is_err() => {
                return Ok(Exit::TerminalGone);
            }
            Some(Effect::Repaint) | None => {}
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        dirty = true;
    }
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
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = events.send(Event::Signal(signal));
        }
    });
    Ok(())
}

/// Searches on its own thread so typing never waits for matching. Only the newest
/// query waiting is run; results for older ones are dropped by `App::update`.
fn spawn_search_worker(
    catalog: Arc<Catalog>,
    index: Arc<OnceLock<SearchIndex>>,
    events: Sender<Event>,
) -> Sender<(u64, String)> {
    let (jobs, queue) = mpsc::channel::<(u64, String)>();
    thread::spawn(move || {
        // Prepare the search while the user reads the first frame.
        let index = index.get_or_init(|| SearchIndex::new(&catalog));
        while let Ok(mut job) = queue.recv() {
            while let Ok(newer) = queue.try_recv() {
                job = newer;
            }
            let (generation, query) = job;
            let done = run_search(index, generation, &query);
            if events.send(Event::SearchDone(done)).is_err() {
                return;
            }
        }
    });
    jobs
}

/// Raw mode off, main screen back, cursor shown. Errors are ignored: this runs when
/// things are already going wrong, and the terminal may be gone.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
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
