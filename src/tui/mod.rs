//! The full-screen viewer.

pub mod app;
pub mod keys;
pub mod run;
pub mod theme;
pub mod ui;

pub use run::{Exit, run};
