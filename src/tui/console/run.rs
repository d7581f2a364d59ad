//! The console's loop: draw → an event → `update` → steer, on the viewer's own terminal
//! handling (restored on every way out) and its own threads for input and signals.

use std::io::{self, IsTerminal};
use std::mem::ManuallyDrop;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crossterm::event::Event as TerminalEvent;
use ratatui::backend::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal::{SIGCONT, SIGTSTP};

use super::{Console, Step};
use crate::config::Glyphs;
use crate::share::{ConsoleLink, ConsoleState};
use crate::tui::layout::bounded;
use crate::tui::message::Message;
use crate::tui::run::{Exit, Options};
use crate::tui::symbols;
use crate::tui::terminal::{self, RestoreOnDrop};
use crate::tui::theme::{self, Environment};
use crate::tui::workers::{self, Event};

/// How often the clock is redrawn, and the terminal checked for a hang-up.
const TICK: Duration = Duration::from_secs(1);

/// Runs the console, showing `first` until the presenter sends more, until the user
/// leaves, a signal arrives, the terminal goes away or the presentation ends. The
/// terminal is restored on every way out, panics included.
pub fn run_console(link: ConsoleLink, first: ConsoleState, options: &Options) -> io::Result<Exit> {
    let (events, inbox) = mpsc::channel();
    terminal::watch_signals(events.clone())?;
    let theme = theme::choose(
        options.theme,
        &Environment::from_process(),
        theme::ask_terminal,
    )
    .with_colors(&options.colors);
    let mut console =
        Console::new(first, theme).with_keys(std::sync::Arc::new(options.keymap.clone()));
    console.update(Message::Glyphs(Box::new(match options.glyphs {
        Some(Glyphs::Ascii) => symbols::ASCII,
        Some(Glyphs::Unicode) => symbols::UNICODE,
        None => symbols::from_locale(),
    })));
    let steering = link.steering()?;
    terminal::restore_on_panic();
    let _restore = RestoreOnDrop;
    // The console has nothing to click: the mouse stays the terminal's, to select text.
    terminal::enter(false)?;
    let (width, height) = crossterm::terminal::size()?;
    let viewport = TerminalOptions {
        viewport: Viewport::Fixed(bounded(width, height)),
    };
    let mut screen = ManuallyDrop::new(Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        viewport,
    )?);
    workers::spawn_console_reader(link, events.clone());
    workers::spawn_input_reader(events, std::sync::Arc::default());
    console.update(Message::Resize(width, height));
    loop {
        console.now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        if terminal::draw(&mut screen, &console).is_err() {
            return Ok(Exit::TerminalGone);
        }
        let event = match inbox.recv_timeout(TICK) {
            Err(RecvTimeoutError::Timeout) if io::stdin().is_terminal() => continue,
            Err(_) => return Ok(Exit::TerminalGone),
            Ok(event) => event,
        };
        let message = match event {
            Event::Signal(SIGTSTP) => Message::Suspend,
            Event::Signal(SIGCONT) => Message::Repaint,
            Event::Signal(signal) => return Ok(Exit::Signal(signal)),
            Event::InputClosed => return Ok(Exit::TerminalGone),
            Event::Unfollowed { ended, why } => return Ok(Exit::Followed { ended, why }),
            Event::Presented(state) => {
                console.show(*state);
                continue;
            }
            Event::Terminal(TerminalEvent::Resize(width, height)) => {
                if screen.resize(bounded(width, height)).is_err() {
                    return Ok(Exit::TerminalGone);
                }
                Message::Resize(width, height)
            }
            Event::Terminal(event) => {
                match console.keymap.message_for_event(console.screen(), &event) {
                    Some(message) => message,
                    None => continue,
                }
            }
            Event::Message(_) | Event::DossierBuilt(..) => continue,
        };
        match console.update(message) {
            Some(Step::Steer(to)) => {
                if let Err(error) = steering.steer(to) {
                    return Ok(Exit::Followed {
                        ended: false,
                        why: error.to_string(),
                    });
                }
            }
            Some(Step::Repaint) => terminal::repaint(&mut screen)?,
            Some(Step::Suspend) => terminal::suspend(&mut screen, false)?,
            Some(Step::Leave) => return Ok(Exit::Quit),
            None => {}
        }
    }
}
