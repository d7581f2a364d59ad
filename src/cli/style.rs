//! How the commands' output looks: colour only on a terminal and never with `NO_COLOR`,
//! at the terminal's width.

use std::io::{self, IsTerminal};

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

    pub(super) fn detect() -> Style {
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

    pub(super) fn bold(self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }

    pub(super) fn dim(self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[2m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}
