//! Making dossier text safe to show, and folding it for matching. Rule 5 of the format: text is shown as written but
//! never interpreted by the terminal, so every control character, escape sequence, C1 code
//! and bidi override is turned into an inert, visible stand-in before it leaves the library.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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

/// Strips accents and lower-cases one character: `Č` → `c`, `ë` → `e`, `İ` → `i`.
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |base| {
        if !is_combining_mark(base) {
            for lower in base.to_lowercase() {
                if !is_combining_mark(lower) {
                    emit(lower);
                }
            }
        }
    });
}

/// Folds a whole string, as queries are.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| folded.push(f));
    }
    folded
}

/// Writes `value` as pretty-printed JSON, like `serde_json::to_writer_pretty`, but with
/// every character [`is_unsafe`] escaped as `\uXXXX`. serde_json escapes only U+0000 to
/// U+001F, so DEL, C1 codes such as CSI (U+009B) and bidi overrides would otherwise reach
/// a terminal raw when JSON is printed to one. The JSON means the same either way.
pub fn write_json<W, T>(writer: W, value: &T) -> serde_json::Result<()>
where
    W: std::io::Write,
    T: ?Sized + serde::Serialize,
{
    let formatter = SafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(writer, formatter);
    value.serialize(&mut serializer)
}

/// serde_json's pretty formatter with the extra escaping of [`write_json`].
struct SafeFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            $($arg: $ty),*
        ) -> std::io::Result<()> {
            self.0.$name(writer, $($arg),*)
        }
    )*};
}

impl serde_json::ser::Formatter for SafeFormatter<'_> {
    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
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
    fn json_escapes_what_serde_json_leaves_raw() {
        let value = serde_json::json!({"t": ["a\u{1b}b\u{9b}c\u{202e}d\u{7f}é中"]});
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out:?}");
        assert!(out.contains(r"a\u001bb\u009bc\u202ed\u007fé中"), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, value);
        let mut plain = Vec::new();
        serde_json::to_writer_pretty(&mut plain, &serde_json::json!({"a": [1, {}], "b": []}))
            .unwrap();
        let mut safe = Vec::new();
        write_json(&mut safe, &serde_json::json!({"a": [1, {}], "b": []})).unwrap();
        assert_eq!(safe, plain);
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
