//! Making dossier text safe to show, and folding it for matching.
//!
//! Rule 5 of the format: text is shown as written but never interpreted by the terminal,
//! so every control character, escape sequence, C1 code and bidi override is turned into
//! an inert, visible stand-in before it leaves the library. So are the characters whose
//! width a terminal may count otherwise than the viewer does (zero-width and format
//! characters, line separators, noncharacters, emoji joiners and keycaps), which would
//! leave stale glyphs behind on screen: what is drawn has one agreed width.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Tabs become this many spaces in block text.
const TAB_WIDTH: usize = 4;

/// A single-line rendering: every control character, newlines and tabs included, is made
/// visible (`^[`, `^J`, `U+009B`, `U+202E`), and so is every invisible or width-ambiguous
/// character (`U+200B`). Use it for titles, ids and anything else that must stay on one
/// line or inside one table cell.
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

/// Characters that draw nothing, or whose width terminals disagree on: zero-width
/// spaces and joiners, format characters (Egyptian hieroglyph controls among them), the
/// soft hyphen, line and paragraph separators, noncharacters and specials, tags, and the
/// combining keycap.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{206F}'
            | '\u{20E3}'
            | '\u{3164}'
            | '\u{FDD0}'..='\u{FDEF}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFF}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Variation selectors only choose how a character looks, but a terminal may draw an
/// emoji selected this way two columns wide where the viewer counts one; emoji skin-tone
/// modifiers only choose a colour, but most terminals draw them as a second emoji beside
/// the first, where the viewer counts one. Both are left out.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// A regional indicator, half of a flag: terminals draw a flag one, two or four columns
/// wide. It is shown as its letter, so 🇳🇱 reads `NL`.
fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1F1E6)?;
    (offset < 26).then(|| char::from(b'A' + offset as u8))
}

/// True when `c` is not drawn as it is.
fn needs_stand_in(c: char) -> bool {
    is_unsafe(c) || is_invisible(c) || is_variation_selector(c) || regional_letter(c).is_some()
}

fn escape(text: &str, keep_layout: bool) -> Cow<'_, str> {
    if !text.chars().any(needs_stand_in) {
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
        _ if is_variation_selector(c) => {}
        _ => match regional_letter(c) {
            Some(letter) => out.push(letter),
            None if is_unsafe(c) || is_invisible(c) => out.push_str(&format!("U+{code:04X}")),
            None => out.push(c),
        },
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

/// `1 problem`, `3 problems`, `no problems`: a count with its noun (English plurals in -s).
pub fn counted(count: usize, noun: &str) -> String {
    match count {
        0 => format!("no {noun}s"),
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skin_tone_is_left_out_and_the_emoji_kept() {
        assert_eq!(inline("\u{1F44D}\u{1F3FD} yes"), "\u{1F44D} yes");
    }

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
    fn invisible_and_width_ambiguous_characters_become_visible() {
        assert_eq!(inline("a\u{200B}b"), "aU+200Bb");
        assert_eq!(inline("soft\u{AD}hyphen"), "softU+00ADhyphen");
        assert_eq!(block("line\u{2028}sep\u{2029}"), "lineU+2028sepU+2029");
        assert_eq!(
            inline("\u{FEFF}bom \u{2060}wj \u{FFFE}\u{FFFF}"),
            "U+FEFFbom U+2060wj U+FFFEU+FFFF"
        );
        // Emoji: the variation selector goes, joiners and keycaps show.
        assert_eq!(inline("\u{263A}\u{FE0F}"), "\u{263A}");
        assert_eq!(inline("1\u{FE0F}\u{20E3}"), "1U+20E3");
        assert_eq!(inline("👨\u{200D}👩"), "👨U+200D👩");
        // A flag reads as its letters.
        assert_eq!(inline("🇳🇱 Nederland"), "NL Nederland");
        // Ordinary text, accents, CJK and plain emoji stay as they are.
        assert!(matches!(inline("Česko 日本 👍"), Cow::Borrowed(_)));
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
