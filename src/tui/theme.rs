//! Every style the viewer uses, in one place, and how the terminal chooses them.
//!
//! Three themes: dark and light backgrounds, and monochrome (`NO_COLOR`, terminals
//! without colours), where selection and matches stay visible through reverse video, bold
//! and underline. Body text always uses the terminal's own foreground, and dimmed text
//! the terminal's faint attribute rather than a grey that one background or the other
//! swallows. On a light background nothing is drawn in white, light grey or yellow on
//! the terminal's background; on a dark one nothing in black or dark grey.

use std::time::Duration;

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
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

const FAINT: Style = Style::new().add_modifier(Modifier::DIM);
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);

pub const DARK: Theme = Theme {
    name: "dark",
    title: BOLD,
    tab: Style::new(),
    tab_active: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    border: FAINT,
    border_focused: Style::new().fg(Color::Cyan),
    selected: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    dim: FAINT,
    heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    label: BOLD,
    link: Style::new().fg(Color::LightBlue),
    link_selected: Style::new()
        .fg(Color::Black)
        .bg(Color::LightBlue)
        .add_modifier(Modifier::BOLD),
    quote: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::ITALIC),
    matched: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    badge: FAINT,
    statuses: [
        Style::new().fg(Color::LightBlue), // Intended
        Style::new().fg(Color::Cyan),      // Planned
        Style::new().fg(Color::Green),     // Ongoing
        Style::new().fg(Color::Magenta),   // Recurring
        FAINT,                             // Done
        Style::new().fg(Color::Yellow),    // Paused
        Style::new().fg(Color::LightRed),  // Cancelled
    ],
};

/// For a white projector screen: the ANSI colours that stay dark on a light background.
pub const LIGHT: Theme = Theme {
    name: "light",
    title: BOLD,
    tab: Style::new(),
    tab_active: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    border: FAINT,
    border_focused: Style::new().fg(Color::Blue),
    selected: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    dim: FAINT,
    heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    label: BOLD,
    link: Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED),
    link_selected: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    quote: Style::new()
        .fg(Color::Magenta)
        .add_modifier(Modifier::ITALIC),
    matched: Style::new()
        .fg(Color::Red)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    badge: FAINT,
    statuses: [
        Style::new().fg(Color::Blue), // Intended
        // Cyan is faint on white; 256-colour teal (#008787) reads.
        Style::new().fg(Color::Indexed(30)), // Planned
        Style::new().fg(Color::Green),       // Ongoing
        Style::new().fg(Color::Magenta),     // Recurring
        FAINT,                               // Done
        Style::new().fg(Color::Red),         // Paused
        Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::CROSSED_OUT), // Cancelled
    ],
};

pub const MONO: Theme = Theme {
    name: "mono",
    title: BOLD,
    tab: Style::new(),
    tab_active: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    warning: BOLD,
    border: Style::new(),
    border_focused: BOLD,
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    dim: Style::new(),
    heading: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    label: BOLD,
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    link_selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED)),
    quote: Style::new().add_modifier(Modifier::ITALIC),
    matched: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    key: BOLD,
    badge: Style::new(),
    statuses: [Style::new(); 7],
};

/// Which theme to use, as asked for on the command line or in `DOSSIER_THEME`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    Dark,
    Light,
    Mono,
}

impl ThemeChoice {
    pub fn parse(name: &str) -> Option<ThemeChoice> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeChoice::Dark),
            "light" => Some(ThemeChoice::Light),
            "mono" | "monochrome" | "none" => Some(ThemeChoice::Mono),
            _ => None,
        }
    }

    pub fn theme(self) -> Theme {
        match self {
            ThemeChoice::Dark => DARK,
            ThemeChoice::Light => LIGHT,
            ThemeChoice::Mono => MONO,
        }
    }
}

/// How long the viewer waits for the terminal to say its background colour: never
/// longer than a frame's worth of patience, even over SSH.
pub const BACKGROUND_QUERY_TIMEOUT: Duration = Duration::from_millis(100);

/// The terminal's environment, as far as choosing a theme goes.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub no_color: Option<String>,
    pub dossier_theme: Option<String>,
    pub term: Option<String>,
    pub colorfgbg: Option<String>,
}

impl Environment {
    pub fn from_process() -> Environment {
        let var = |name| std::env::var(name).ok();
        Environment {
            no_color: var("NO_COLOR"),
            dossier_theme: var("DOSSIER_THEME"),
            term: var("TERM"),
            colorfgbg: var("COLORFGBG"),
        }
    }
}

/// The theme for this terminal: what the user asked for (`--theme`, then
/// `DOSSIER_THEME`), else mono where colour is off or absent, else the background the
/// terminal reports (`COLORFGBG`, then `ask` — the OSC 11 query), else dark.
pub fn choose(
    asked: Option<ThemeChoice>,
    env: &Environment,
    ask: impl FnOnce() -> Option<ThemeChoice>,
) -> Theme {
    let asked = asked.or_else(|| env.dossier_theme.as_deref().and_then(ThemeChoice::parse));
    if let Some(choice) = asked {
        return choice.theme();
    }
    if env
        .no_color
        .as_deref()
        .is_some_and(|value| !value.is_empty())
        || env.term.as_deref().is_some_and(is_monochrome_terminal)
    {
        return MONO;
    }
    env.colorfgbg
        .as_deref()
        .and_then(background_from_colorfgbg)
        .or_else(ask)
        .unwrap_or(ThemeChoice::Dark)
        .theme()
}

/// Terminals known to have no colours: the DEC VT family and the `-m`/`-mono` entries.
fn is_monochrome_terminal(term: &str) -> bool {
    let term = term.to_ascii_lowercase();
    term.starts_with("vt5")
        || term.starts_with("vt1")
        || term.starts_with("vt2")
        || term.starts_with("vt3")
        || term.starts_with("vt4")
        || term.ends_with("-m")
        || term.ends_with("-mono")
}

/// `COLORFGBG` is `fg;bg` (rxvt, Konsole, some others), sometimes `fg;default;bg`: the last
/// field is the background's colour number. 0–6 and 8 are dark, 7 and 9–15 light.
fn background_from_colorfgbg(value: &str) -> Option<ThemeChoice> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match background {
        0..=6 | 8 => Some(ThemeChoice::Dark),
        7 | 9..=15 => Some(ThemeChoice::Light),
        _ => None,
    }
}

/// Asks the terminal for its background colour (OSC 11), waiting at most
/// [`BACKGROUND_QUERY_TIMEOUT`]. `terminal-colorsaurus` reads the reply itself, so it
/// never reaches the screen or the key reader, and gives up early on terminals that do
/// not answer.
pub fn ask_terminal() -> Option<ThemeChoice> {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = BACKGROUND_QUERY_TIMEOUT;
    match terminal_colorsaurus::theme_mode(options).ok()? {
        terminal_colorsaurus::ThemeMode::Dark => Some(ThemeChoice::Dark),
        terminal_colorsaurus::ThemeMode::Light => Some(ThemeChoice::Light),
    }
}

impl Theme {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Environment {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        };
        Environment {
            no_color: get("NO_COLOR"),
            dossier_theme: get("DOSSIER_THEME"),
            term: get("TERM"),
            colorfgbg: get("COLORFGBG"),
        }
    }

    fn never_asked() -> Option<ThemeChoice> {
        panic!("the terminal should not be asked")
    }

    #[test]
    fn the_user_decides_first() {
        let light = env(&[("COLORFGBG", "15;0"), ("NO_COLOR", "1")]);
        assert_eq!(choose(Some(ThemeChoice::Light), &light, never_asked), LIGHT);
        let env_theme = env(&[("DOSSIER_THEME", "Light"), ("COLORFGBG", "15;0")]);
        assert_eq!(choose(None, &env_theme, never_asked), LIGHT);
        assert_eq!(
            choose(Some(ThemeChoice::Dark), &env_theme, never_asked),
            DARK
        );
    }

    #[test]
    fn no_colour_means_mono() {
        assert_eq!(choose(None, &env(&[("NO_COLOR", "1")]), never_asked), MONO);
        assert_eq!(choose(None, &env(&[("TERM", "vt100")]), never_asked), MONO);
        assert_eq!(
            choose(None, &env(&[("TERM", "xterm-mono")]), never_asked),
            MONO
        );
        // An empty NO_COLOR does not count (no-color.org).
        let empty = env(&[("NO_COLOR", ""), ("COLORFGBG", "0;15")]);
        assert_eq!(choose(None, &empty, never_asked), LIGHT);
    }

    #[test]
    fn colorfgbg_then_the_terminal_then_dark() {
        assert_eq!(
            choose(None, &env(&[("COLORFGBG", "0;15")]), never_asked),
            LIGHT
        );
        assert_eq!(
            choose(None, &env(&[("COLORFGBG", "15;0")]), never_asked),
            DARK
        );
        assert_eq!(
            choose(None, &env(&[("COLORFGBG", "0;default;7")]), never_asked),
            LIGHT
        );
        let nothing = env(&[("TERM", "xterm-256color")]);
        assert_eq!(choose(None, &nothing, || Some(ThemeChoice::Light)), LIGHT);
        assert_eq!(choose(None, &nothing, || None), DARK);
        let garbled = env(&[("COLORFGBG", "x;y")]);
        assert_eq!(choose(None, &garbled, || Some(ThemeChoice::Light)), LIGHT);
    }

    #[test]
    fn choices_parse() {
        assert_eq!(ThemeChoice::parse("DARK"), Some(ThemeChoice::Dark));
        assert_eq!(ThemeChoice::parse("mono"), Some(ThemeChoice::Mono));
        assert_eq!(ThemeChoice::parse("sepia"), None);
    }
}
