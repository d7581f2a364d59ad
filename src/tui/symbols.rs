//! The viewer's own glyphs (borders, arrows, ellipses, quotes), in Unicode or, for a
//! terminal that cannot show it, in ASCII. Dossier text is never changed: only what the
//! viewer itself draws.

use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub border: border::Set<'static>,
    pub ellipsis: &'static str,
    /// Before a link on a line of its own.
    pub link: &'static str,
    /// Between the places of the footer's trail.
    pub trail: &'static str,
    /// Between items on one line: tags, flowing links, counts.
    pub separator: &'static str,
    /// An empty cell of a table of counts.
    pub none: &'static str,
    pub bullet: &'static str,
    pub open_quote: &'static str,
    pub close_quote: &'static str,
    /// Before where a quote comes from.
    pub dash: &'static str,
    /// Where typing goes in the finder.
    pub cursor: &'static str,
    pub warning: &'static str,
    /// Marks a pinned item: one column.
    pub pin: &'static str,
    pub times: &'static str,
    /// Between a value before and after a change: `Planned → Done`.
    pub becomes: &'static str,
    pub scrollbar_thumb: &'static str,
    pub scrollbar_track: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub left: &'static str,
    pub right: &'static str,
}

pub const UNICODE: Symbols = Symbols {
    border: border::ROUNDED,
    ellipsis: "…",
    link: "→ ",
    trail: " › ",
    separator: " · ",
    none: "·",
    bullet: "• ",
    open_quote: "“",
    close_quote: "”",
    dash: "— ",
    cursor: "▏",
    warning: "⚠ ",
    pin: "◆",
    times: "×",
    becomes: " → ",
    scrollbar_thumb: "█",
    scrollbar_track: "║",
    up: "↑",
    down: "↓",
    left: "←",
    right: "→",
};

pub const ASCII: Symbols = Symbols {
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    ellipsis: "~",
    link: "-> ",
    trail: " > ",
    separator: " | ",
    none: "-",
    bullet: "* ",
    open_quote: "\"",
    close_quote: "\"",
    dash: "-- ",
    cursor: "_",
    warning: "! ",
    pin: "*",
    times: "x",
    becomes: " -> ",
    scrollbar_thumb: "#",
    scrollbar_track: "|",
    up: "Up",
    down: "Down",
    left: "Left",
    right: "Right",
};

/// Whether the terminal can show UTF-8, decided as tmux decides: the first of
/// `LC_ALL`, `LC_CTYPE` and `LANG` that is set and not empty must name UTF-8.
pub fn locale_is_utf8(lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>) -> bool {
    [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty())
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

/// The symbols for this process's locale.
pub fn from_locale() -> Symbols {
    let var = |name| std::env::var(name).ok();
    let (lc_all, lc_ctype, lang) = (var("LC_ALL"), var("LC_CTYPE"), var("LANG"));
    if locale_is_utf8(lc_all.as_deref(), lc_ctype.as_deref(), lang.as_deref()) {
        UNICODE
    } else {
        ASCII
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_as_tmux_does() {
        assert!(locale_is_utf8(None, None, Some("en_US.UTF-8")));
        assert!(locale_is_utf8(Some("C.utf8"), None, Some("C")));
        assert!(!locale_is_utf8(Some("C"), None, Some("en_US.UTF-8")));
        assert!(locale_is_utf8(Some(""), Some("nl_BE.UTF-8"), None));
        assert!(!locale_is_utf8(None, None, None));
        assert!(!locale_is_utf8(None, Some("POSIX"), None));
    }

    #[test]
    fn ascii_symbols_are_ascii() {
        let s = ASCII;
        let all = [
            s.ellipsis,
            s.link,
            s.trail,
            s.separator,
            s.bullet,
            s.open_quote,
            s.close_quote,
            s.dash,
            s.cursor,
            s.warning,
            s.pin,
            s.times,
            s.scrollbar_thumb,
            s.scrollbar_track,
            s.up,
            s.down,
            s.left,
            s.right,
            s.border.top_left,
            s.border.horizontal_top,
            s.border.vertical_left,
        ];
        assert!(all.iter().all(|symbol| symbol.is_ascii()), "{all:?}");
    }
}
