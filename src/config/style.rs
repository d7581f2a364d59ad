//! Colours a config file sets on top of a theme, one named style at a time.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::parse::custom_error;
use crate::suggest::did_you_mean;

/// Changes to one of the theme's styles: a colour for the text, one for its background,
/// and attributes on or off. What it leaves out stays as the theme has it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    #[serde(default)]
    pub fg: Option<Colour>,
    #[serde(default)]
    pub bg: Option<Colour>,
    #[serde(default)]
    pub bold: Option<bool>,
    #[serde(default)]
    pub dim: Option<bool>,
    #[serde(default)]
    pub italic: Option<bool>,
    #[serde(default)]
    pub underlined: Option<bool>,
    #[serde(default)]
    pub reversed: Option<bool>,
}

impl StyleSpec {
    /// `style` with these changes made.
    pub fn patch(self, mut style: Style) -> Style {
        if let Some(Colour(fg)) = self.fg {
            style = style.fg(fg);
        }
        if let Some(Colour(bg)) = self.bg {
            style = style.bg(bg);
        }
        for (setting, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            style = match setting {
                Some(true) => style.add_modifier(modifier),
                Some(false) => style.remove_modifier(modifier),
                None => style,
            };
        }
        style
    }
}

/// A colour as a config file writes it: a name (`"blue"`, `"light-cyan"`), a number of
/// the terminal's 256-colour palette (`"244"`), `"#rrggbb"`, or `"reset"` for the
/// terminal's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub Color);

/// The names `Colour` reads, for suggestions.
const COLOUR_NAMES: &[&str] = &[
    "reset",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Colour, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Color>().map(Colour).map_err(|_| {
            let help = match did_you_mean(&text, COLOUR_NAMES.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "a colour is a name such as `blue` or `light-cyan`, a palette \
                         number from `0` to `255`, `#rrggbb`, or `reset`"
                    .to_owned(),
            };
            custom_error(&format!("unknown colour `{text}`"), Some(&help))
        })
    }
}

/// The theme's styles a config file can change, named as the theme names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    #[serde(default)]
    pub title: Option<StyleSpec>,
    #[serde(default)]
    pub tab: Option<StyleSpec>,
    #[serde(default)]
    pub tab_active: Option<StyleSpec>,
    #[serde(default)]
    pub warning: Option<StyleSpec>,
    #[serde(default)]
    pub border: Option<StyleSpec>,
    #[serde(default)]
    pub border_focused: Option<StyleSpec>,
    #[serde(default)]
    pub selected: Option<StyleSpec>,
    #[serde(default)]
    pub selected_unfocused: Option<StyleSpec>,
    #[serde(default)]
    pub dim: Option<StyleSpec>,
    #[serde(default)]
    pub heading: Option<StyleSpec>,
    #[serde(default)]
    pub label: Option<StyleSpec>,
    #[serde(default)]
    pub link: Option<StyleSpec>,
    #[serde(default)]
    pub link_selected: Option<StyleSpec>,
    #[serde(default)]
    pub quote: Option<StyleSpec>,
    #[serde(default)]
    pub matched: Option<StyleSpec>,
    #[serde(default)]
    pub key: Option<StyleSpec>,
    #[serde(default)]
    pub badge: Option<StyleSpec>,
    #[serde(default)]
    pub status_intended: Option<StyleSpec>,
    #[serde(default)]
    pub status_planned: Option<StyleSpec>,
    #[serde(default)]
    pub status_ongoing: Option<StyleSpec>,
    #[serde(default)]
    pub status_recurring: Option<StyleSpec>,
    #[serde(default)]
    pub status_done: Option<StyleSpec>,
    #[serde(default)]
    pub status_paused: Option<StyleSpec>,
    #[serde(default)]
    pub status_cancelled: Option<StyleSpec>,
}

impl Colors {
    /// The statuses' styles in `Status::ALL` order, as the theme keeps them.
    pub fn statuses(&self) -> [Option<StyleSpec>; 7] {
        [
            self.status_intended,
            self.status_planned,
            self.status_ongoing,
            self.status_recurring,
            self.status_done,
            self.status_paused,
            self.status_cancelled,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let base = Style::new()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        let spec = StyleSpec {
            bg: Some(Colour(Color::Indexed(238))),
            underlined: Some(false),
            italic: Some(true),
            ..StyleSpec::default()
        };
        let patched = spec.patch(base);
        assert_eq!(patched.fg, Some(Color::Cyan));
        assert_eq!(patched.bg, Some(Color::Indexed(238)));
        assert!(
            patched
                .add_modifier
                .contains(Modifier::BOLD | Modifier::ITALIC)
        );
        assert!(!patched.add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(StyleSpec::default().patch(base), base);
    }

    #[test]
    fn every_suggested_colour_name_is_read() {
        for name in COLOUR_NAMES {
            assert!(name.parse::<Color>().is_ok(), "{name}");
        }
    }
}
