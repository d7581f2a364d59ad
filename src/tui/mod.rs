//! The full-screen viewer.

pub mod app;
mod history;
pub mod keys;
pub mod run;
pub mod symbols;
pub mod theme;
pub mod ui;

pub use app::Presentation;
pub use history::History;
pub use run::{Exit, Link, Options, Start, run};
pub use theme::ThemeChoice;
