//! Making dossier text safe to show. Rule 5 of the format: text is shown as written but
//! never interpreted by the terminal, so every control character, escape sequence, C1 code
//! and bidi override is turned into an inert, visible stand-in before it leaves the library.

use std::borrow::Cow;

/// Tabs become this many spaces in block text.
pub const TAB_WIDTH: usize = 4;

/// A single-line rendering: every control character, newlines and tabs included, is made
/// visible (`^[`, `^J`, `U+009B`, `U+202E`). Use it for titles, ids and anything else that
/// must stay on one line or inside one table cell.
pub fn inline(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A multi-line rendering: newlines are kept, tabs are expanded to spaces, and every other
/// control character is made visible as in [`inline`].
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// True when `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates can reorder what follows them on screen
/// ("Trojan Source"); they are shown as code points instead.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(text: &str, keep_layout: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_layout => out.push('\n'),
            '\t' if keep_layout => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            // `\r` is dropped from Windows line endings rather than shown on every line.
            '\r' if keep_layout => {}
            c => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    let code = u32::from(c);
    match code {
        // Caret notation, as `cat -v` and most terminals' users know it: ESC is `^[`.
        0x00..=0x1F => {
            out.push('^');
            out.push(char::from(b'@' + code as u8));
        }
        0x7F => out.push_str("^?"),
        _ if is_unsafe(c) => out.push_str(&format!("U+{code:04X}")),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(inline("Česko — ok"), Cow::Borrowed("Česko — ok")));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(inline("a\u{1b}[2Jb\u{7}"), "a^[[2Jb^G");
        assert_eq!(inline("x\u{9b}31m"), "xU+009B31m");
        assert_eq!(inline("del\u{7f}"), "del^?");
        assert_eq!(inline("\u{202E}evil"), "U+202Eevil");
        assert_eq!(inline("two\nlines\tand"), "two^Jlines^Iand");
    }

    #[test]
    fn block_keeps_newlines_and_expands_tabs() {
        assert_eq!(block("a\tb\r\nc\u{1b}"), "a    b\nc^[");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let hostile: String = (0u32..0x100)
            .chain(0x2000..0x2070)
            .filter_map(char::from_u32)
            .collect();
        assert!(!inline(&hostile).chars().any(is_unsafe));
        assert!(!block(&hostile).chars().any(|c| c != '\n' && is_unsafe(c)));
    }
}
