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

use crate::config::{Colors, StyleSpec};
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
    // Each at least 4.5:1 on black in xterm's palette (see the contrast test):
    // xterm's blue (#5c5cff, 4.4:1) and magenta (#cd00cd, 4.5:1) are a shade too dark,
    // and the faint attribute gives no colour to measure, so Done is a grey.
    statuses: [
        Style::new().fg(Color::Indexed(75)),  // Intended: #5fafff
        Style::new().fg(Color::Cyan),         // Planned
        Style::new().fg(Color::Green),        // Ongoing
        Style::new().fg(Color::LightMagenta), // Recurring
        Style::new().fg(Color::Indexed(246)), // Done: #949494
        Style::new().fg(Color::Yellow),       // Paused
        Style::new().fg(Color::LightRed),     // Cancelled
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
    // Each at least 4.5:1 on white and on xterm's light grey (#e5e5e5), as the contrast
    // test measures: xterm's green (2.2:1 on white), cyan and teal (#008787, 4.0:1) are
    // too light for a projector, so these are the 256-colour cube's darker shades.
    statuses: [
        Style::new().fg(Color::Blue),         // Intended: #0000ee
        Style::new().fg(Color::Indexed(23)),  // Planned: #005f5f
        Style::new().fg(Color::Indexed(22)),  // Ongoing: #005f00
        Style::new().fg(Color::Indexed(90)),  // Recurring: #870087
        Style::new().fg(Color::Indexed(240)), // Done: #585858
        Style::new().fg(Color::Red),          // Paused: #cd0000
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
    /// This theme with the colours a config file sets laid over its own.
    pub fn with_colors(mut self, colors: &Colors) -> Theme {
        let over =
            |spec: Option<StyleSpec>, style: Style| spec.map_or(style, |spec| spec.patch(style));
        self.title = over(colors.title, self.title);
        self.tab = over(colors.tab, self.tab);
        self.tab_active = over(colors.tab_active, self.tab_active);
        self.warning = over(colors.warning, self.warning);
        self.border = over(colors.border, self.border);
        self.border_focused = over(colors.border_focused, self.border_focused);
        self.selected = over(colors.selected, self.selected);
        self.selected_unfocused = over(colors.selected_unfocused, self.selected_unfocused);
        self.dim = over(colors.dim, self.dim);
        self.heading = over(colors.heading, self.heading);
        self.label = over(colors.label, self.label);
        self.link = over(colors.link, self.link);
        self.link_selected = over(colors.link_selected, self.link_selected);
        self.quote = over(colors.quote, self.quote);
        self.matched = over(colors.matched, self.matched);
        self.key = over(colors.key, self.key);
        self.badge = over(colors.badge, self.badge);
        for (style, spec) in self.statuses.iter_mut().zip(colors.statuses()) {
            *style = over(spec, *style);
        }
        self
    }

    pub fn status(&self, status: Status) -> Style {
        let index = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.statuses.get(index).copied().unwrap_or_default()
    }
}

// The tags are the describe layer's: `show` and handouts print them too.
pub use crate::describe::{STATUS_TAG_WIDTH, status_tag};

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

    /// xterm's default palette: the 16 colours, the 6×6×6 cube and the grey ramp.
    fn xterm_rgb(color: Color) -> Option<[u8; 3]> {
        const BASIC: [[u8; 3]; 16] = [
            [0x00, 0x00, 0x00],
            [0xcd, 0x00, 0x00],
            [0x00, 0xcd, 0x00],
            [0xcd, 0xcd, 0x00],
            [0x00, 0x00, 0xee],
            [0xcd, 0x00, 0xcd],
            [0x00, 0xcd, 0xcd],
            [0xe5, 0xe5, 0xe5],
            [0x7f, 0x7f, 0x7f],
            [0xff, 0x00, 0x00],
            [0x00, 0xff, 0x00],
            [0xff, 0xff, 0x00],
            [0x5c, 0x5c, 0xff],
            [0xff, 0x00, 0xff],
            [0x00, 0xff, 0xff],
            [0xff, 0xff, 0xff],
        ];
        let index = match color {
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(index) => index,
            Color::Rgb(r, g, b) => return Some([r, g, b]),
            Color::Reset => return None,
        };
        let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
        Some(match index {
            0..=15 => BASIC[usize::from(index)],
            16..=231 => {
                let n = index - 16;
                [level(n / 36), level(n / 6 % 6), level(n % 6)]
            }
            _ => [8 + 10 * (index - 232); 3],
        })
    }

    /// WCAG 2 relative luminance.
    fn luminance([r, g, b]: [u8; 3]) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn the_palette_and_the_formula_agree_with_known_values() {
        assert_eq!(xterm_rgb(Color::Indexed(30)), Some([0x00, 0x87, 0x87]));
        assert_eq!(xterm_rgb(Color::Indexed(244)), Some([0x80, 0x80, 0x80]));
        assert_eq!(xterm_rgb(Color::Indexed(231)), Some([0xff, 0xff, 0xff]));
        let white = [0xff; 3];
        assert!((contrast([0; 3], white) - 21.0).abs() < 1e-9);
        // The measurements: xterm's green on white.
        let green = xterm_rgb(Color::Green).unwrap();
        assert!((contrast(green, white) - 2.2).abs() < 0.05);
    }

    /// WCAG AA for text: every status tag at least 4.5:1 against the backgrounds its
    /// theme is chosen for, in xterm's default palette. The light theme is measured on
    /// white (colour 15, xterm's default) and on colour 7 (#e5e5e5), which `COLORFGBG`
    /// also calls light; the dark theme on black.
    #[test]
    fn status_tags_meet_wcag_aa_contrast() {
        for (theme, backgrounds) in [(LIGHT, vec![15, 7]), (DARK, vec![0])] {
            for status in Status::ALL {
                let style = theme.status(status);
                let Some(fg) = style.fg.and_then(xterm_rgb) else {
                    panic!("{} {status:?}: no colour to measure", theme.name);
                };
                assert!(
                    !style.add_modifier.contains(Modifier::DIM),
                    "{} {status:?}: faint text has no measurable contrast",
                    theme.name
                );
                for background in &backgrounds {
                    let bg = xterm_rgb(Color::Indexed(*background)).unwrap();
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= 4.5,
                        "{} {status:?} ({fg:02x?}) on colour {background}: {ratio:.2}:1",
                        theme.name
                    );
                }
            }
        }
    }
}
