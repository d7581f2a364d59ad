//! Every style the viewer uses, in one place. Two themes: colour, and the monochrome one
//! `NO_COLOR` asks for, where selection and matches stay visible through reverse video,
//! bold and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub warning: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    /// The selected row when its pane does not have focus.
    pub selected_unfocused: Style,
    pub dim: Style,
    pub heading: Style,
    pub label: Style,
    pub link: Style,
    pub link_selected: Style,
    pub quote: Style,
    pub matched: Style,
    pub key: Style,
    pub badge: Style,
    pub statuses: [Style; 7],
}

pub const COLOR: Theme = Theme {
    title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    tab: Style::new().fg(Color::Gray),
    tab_active: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    selected: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    dim: Style::new().fg(Color::DarkGray),
    heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    label: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
    link: Style::new().fg(Color::LightBlue),
    link_selected: Style::new()
        .fg(Color::Black)
        .bg(Color::LightBlue)
        .add_modifier(Modifier::BOLD),
    quote: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::ITALIC),
    matched: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    badge: Style::new().fg(Color::DarkGray),
    statuses: [
        Style::new().fg(Color::Blue),     // Intended
        Style::new().fg(Color::Cyan),     // Planned
        Style::new().fg(Color::Green),    // Ongoing
        Style::new().fg(Color::Magenta),  // Recurring
        Style::new().fg(Color::DarkGray), // Done
        Style::new().fg(Color::Yellow),   // Paused
        Style::new().fg(Color::Red),      // Cancelled
    ],
};

pub const MONOCHROME: Theme = Theme {
    title: Style::new().add_modifier(Modifier::BOLD),
    tab: Style::new(),
    tab_active: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    warning: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    dim: Style::new(),
    heading: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    label: Style::new().add_modifier(Modifier::BOLD),
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    link_selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED)),
    quote: Style::new().add_modifier(Modifier::ITALIC),
    matched: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    key: Style::new().add_modifier(Modifier::BOLD),
    badge: Style::new(),
    statuses: [Style::new(); 7],
};

impl Theme {
    /// `NO_COLOR` set to anything non-empty means monochrome (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => MONOCHROME,
            _ => COLOR,
        }
    }

    pub fn status(&self, status: Status) -> Style {
        let index = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.statuses.get(index).copied().unwrap_or_default()
    }
}

/// The width of every [`status_tag`].
pub const STATUS_TAG_WIDTH: usize = 6;

/// A short, fixed-width status tag for list rows, readable without colour.
pub fn status_tag(status: Status) -> &'static str {
    match status {
        Status::Intended => "INTEND",
        Status::Planned => "PLAN  ",
        Status::Ongoing => "ONGO  ",
        Status::Recurring => "RECUR ",
        Status::Done => "DONE  ",
        Status::Paused => "PAUSE ",
        Status::Cancelled => "CANCEL",
    }
}
