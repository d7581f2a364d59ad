//! The presenter's console (`dossier console SOCKET`): a small screen for the presenter's
//! second terminal — the stop on the projector and its position, the next stop, the
//! briefing's notes, the time since the start and a broken save — whose stop keys steer
//! the presentation. It keeps no presentation of its own: it shows what the presenter
//! last sent, and its keys ask the presenter to move.
//!
//! The state and its one `update` are here, the drawing in `ui.rs`, the loop in `run.rs`.

mod run;
mod ui;

pub use run::run_console;

use super::message::{Message, Screen};
use super::symbols::{Symbols, UNICODE};
use super::theme::Theme;
use crate::share::{ConsoleState, Steer};

/// What the console shows.
#[derive(Debug)]
pub struct Console {
    /// What the presenter sent last.
    pub state: ConsoleState,
    pub theme: Theme,
    pub symbols: Symbols,
    /// The key table in force, with the config file's remaps.
    pub keymap: std::sync::Arc<crate::tui::keys::Keymap>,
    /// The clock, in seconds since the Unix epoch, as of the last draw.
    pub now: u64,
    /// Lines of the notes scrolled off the top.
    pub scroll: usize,
    /// The size drawn.
    pub size: (u16, u16),
}

/// What a message asks of the console's runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Ask the presenter to move.
    Steer(Steer),
    Repaint,
    Suspend,
    /// Close the console; the presentation goes on.
    Leave,
}

impl Console {
    pub fn new(state: ConsoleState, theme: Theme) -> Console {
        Console {
            state,
            theme,
            symbols: UNICODE,
            keymap: std::sync::Arc::default(),
            now: 0,
            scroll: 0,
            size: (80, 24),
        }
    }

    /// The same console, its keys read from `keymap` (the config file's remaps).
    #[must_use]
    pub fn with_keys(mut self, keymap: std::sync::Arc<crate::tui::keys::Keymap>) -> Console {
        self.keymap = keymap;
        self
    }

    /// The screen its keys are read for.
    pub fn screen(&self) -> Screen {
        Screen::Console
    }

    /// A new state from the presenter: the notes stay where they were scrolled to while
    /// they are the same notes.
    pub fn show(&mut self, state: ConsoleState) {
        if state.notes != self.state.notes {
            self.scroll = 0;
        }
        self.state = state;
        self.clamp();
    }

    /// Applies a message from a key or the terminal; returns what the runtime must do.
    pub fn update(&mut self, message: Message) -> Option<Step> {
        let step = match message {
            Message::NextStop => Some(Step::Steer(Steer::Next)),
            Message::PrevStop => Some(Step::Steer(Steer::Prev)),
            Message::FirstStop => Some(Step::Steer(Steer::First)),
            Message::LastStop => Some(Step::Steer(Steer::Last)),
            Message::Down => {
                self.scroll = self.scroll.saturating_add(1);
                None
            }
            Message::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                None
            }
            Message::Close | Message::Quit => Some(Step::Leave),
            Message::Repaint => Some(Step::Repaint),
            Message::Suspend => Some(Step::Suspend),
            Message::Resize(width, height) => {
                self.size = (width, height);
                None
            }
            Message::Glyphs(symbols) => {
                self.symbols = *symbols;
                None
            }
            _ => None,
        };
        self.clamp();
        step
    }

    /// The notes never scroll past their last line.
    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// `0:42`, `12:05`, `1:02:03`: the time since the presentation started.
    pub fn elapsed(&self) -> String {
        let seconds = self.now.saturating_sub(self.state.started_at);
        let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        if hours > 0 {
            format!("{hours}:{minutes:02}:{seconds:02}")
        } else {
            format!("{minutes}:{seconds:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn state() -> ConsoleState {
        ConsoleState {
            title: "The Dutch partnership".to_owned(),
            stop: "Netherlands".to_owned(),
            counter: "1/6".to_owned(),
            next: Some("DUWP".to_owned()),
            notes: vec!["Open with the partnership.".to_owned(); 30],
            started_at: 1_000,
            banner: None,
        }
    }

    #[test]
    fn stop_keys_steer_and_leaving_only_leaves() {
        let mut console = Console::new(state(), crate::tui::theme::DARK);
        assert_eq!(
            console.update(Message::NextStop),
            Some(Step::Steer(Steer::Next))
        );
        assert_eq!(
            console.update(Message::LastStop),
            Some(Step::Steer(Steer::Last))
        );
        assert_eq!(console.update(Message::Close), Some(Step::Leave));
    }

    #[test]
    fn the_notes_scroll_no_further_than_their_end() {
        let mut console = Console::new(state(), crate::tui::theme::DARK);
        console.update(Message::Resize(40, 12));
        for _ in 0..500 {
            console.update(Message::Down);
        }
        let most = console.scroll;
        assert!(most > 0 && most < 500, "{most}");
        console.update(Message::Up);
        assert_eq!(console.scroll, most - 1);
    }

    #[test]
    fn the_clock_counts_from_the_start() {
        let mut console = Console::new(state(), crate::tui::theme::DARK);
        console.now = 1_000 + 62;
        assert_eq!(console.elapsed(), "1:02");
        console.now = 1_000 + 3_723;
        assert_eq!(console.elapsed(), "1:02:03");
        console.now = 10;
        assert_eq!(console.elapsed(), "0:00", "a clock behind the start");
    }
}
