//! The full-screen viewer. The rooms, lowest first (each uses only those before it):
//!
//! - `view`: plain values for what is shown (tabs, places, a presentation);
//! - `layout`: geometry and pages laid out at a width, pure functions of values;
//! - `message`: what flows into `update` and out of it;
//! - `keys`: the one key table, and `help`, the help read from it;
//! - `app`: the state and `update`, the one place it changes;
//! - `ui`: drawing, which only reads the state;
//! - `terminal`, `workers` and `run`: the terminal, the threads, and the loop;
//! - `console`: the presenter's console, a screen of its own on the same terminal,
//!   threads and key table.

pub mod app;
pub mod console;
mod help;
mod history;
pub mod keys;
pub(crate) mod layout;
pub use layout::terminal_width;
pub mod message;
pub mod run;
mod sharing;
pub mod symbols;
mod terminal;
pub mod theme;
mod ui;
pub mod view;
mod workers;

pub use app::{App, Mode};
pub use console::{Console, run_console};
pub use history::History;
pub use layout::{Hit, MAX_SCREEN};
pub use message::{Effect, Message, Reload, Screen};
pub use run::{Exit, Link, Options, Start, run};
pub use theme::ThemeChoice;
pub use view::{Presentation, Stop, Tab};
pub(crate) use workers::newest;
