//! Config text to [`Raw`] values, and every way it can be wrong to a message shown as a
//! dossier's are: `FILE:LINE:COL`, the line with a caret, and help.
//!
//! Checks that need the key table run inside `Deserialize`, because an error raised
//! there carries ron's line and column. serde passes a `Deserialize` no arguments, so the
//! table reaches it through [`CHECKING`], set for the length of one parse. A conflict
//! between two bindings is only known once every binding is read: the text is then read a
//! second time with the conflicting key marked, so that its error points at it.

use crate::load::{byte_offset, caret_under, code, one_of, skip_blank};
use std::cell::RefCell;
use std::fmt;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::actions::KeyTable;
use super::keys::KeySpec;
use super::style::Colors;
use super::{Glyphs, ThemeName};
use crate::load::SyntaxError;
use crate::suggest::did_you_mean;
use crate::text;

/// How deep values may nest: a config needs four levels.
const MAX_NESTING: usize = 16;

/// A config file as written, every value checked but `file` not yet resolved.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Config")]
pub(super) struct Raw {
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub theme: Option<ThemeName>,
    #[serde(default)]
    pub colors: Option<Colors>,
    #[serde(default)]
    pub glyphs: Option<Glyphs>,
    #[serde(default)]
    pub mouse: Option<bool>,
    #[serde(default)]
    pub keys: Option<Remaps>,
}

/// One action given new keys, which replace its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    pub action: String,
    pub keys: Vec<KeySpec>,
}

/// The `keys` map, in the file's order.
#[derive(Debug, Default)]
pub(super) struct Remaps(pub Vec<Remap>);

/// The key table a parse checks against, and the key to refuse on the second reading.
struct Checking {
    table: KeyTable,
    refuse: Option<Conflict>,
}

thread_local! {
    static CHECKING: RefCell<Option<Checking>> = const { RefCell::new(None) };
}

/// Two bindings that cannot both be: the `index`th key of `action`'s list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Conflict {
    action: String,
    index: usize,
    message: String,
    help: String,
}

/// Separates a message from its help inside a serde error, which has only a string.
const HELP_SEPARATOR: char = '\u{1f}';

pub(super) fn custom_error<E: de::Error>(message: &str, help: Option<&str>) -> E {
    match help {
        Some(help) => E::custom(format!("{message}{HELP_SEPARATOR}{help}")),
        None => E::custom(message),
    }
}

/// Parses config text, checking actions and keys against `table`. `file` names it in
/// messages.
pub(super) fn parse(file: &str, text: &str, table: &KeyTable) -> Result<Raw, Box<SyntaxError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_blank(text) {
        return Ok(Raw::default());
    }
    let raw = read(text, table, None).map_err(|error| describe(file, text, &error))?;
    let remaps = raw
        .keys
        .as_ref()
        .map_or(&[][..], |remaps| remaps.0.as_slice());
    match find_conflict(remaps, table) {
        None => Ok(raw),
        Some(conflict) => {
            let error = match read(text, table, Some(conflict.clone())) {
                Err(error) => describe(file, text, &error),
                // Cannot happen: the same text gives the same bindings.
                Ok(_) => Box::new(SyntaxError {
                    file: file.to_owned(),
                    line: 1,
                    column: 1,
                    message: conflict.message,
                    source_line: String::new(),
                    caret: (0, 1),
                    expected: None,
                    help: Some(conflict.help),
                }),
            };
            Err(error)
        }
    }
}

fn read(text: &str, table: &KeyTable, refuse: Option<Conflict>) -> Result<Raw, SpannedError> {
    CHECKING.with(|checking| {
        *checking.borrow_mut() = Some(Checking {
            table: table.clone(),
            refuse,
        })
    });
    let result = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
        .from_str(text);
    CHECKING.with(|checking| *checking.borrow_mut() = None);
    result
}

fn with_checking<T>(f: impl FnOnce(&Checking) -> T) -> Option<T> {
    CHECKING.with(|checking| checking.borrow().as_ref().map(f))
}

/// Whether the text holds nothing but whitespace and comments: an empty config file is
/// a config that changes nothing.
fn is_blank(text: &str) -> bool {
    skip_blank(text, 0) == text.len()
}

impl<'de> Deserialize<'de> for Remaps {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Remaps, D::Error> {
        deserializer.deserialize_map(RemapsVisitor)
    }
}

struct RemapsVisitor;

impl<'de> Visitor<'de> for RemapsVisitor {
    type Value = Remaps;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map from action names to lists of keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Remaps, A::Error> {
        let mut remaps: Vec<Remap> = Vec::new();
        while let Some(action) = map.next_key::<String>()? {
            let unknown = with_checking(|checking| {
                if checking.table.action(&action).is_some() {
                    return None;
                }
                let help = match did_you_mean(&action, checking.table.names()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`dossier man` lists the actions under KEYS".to_owned(),
                };
                Some(help)
            })
            .flatten();
            if let Some(help) = unknown {
                let message = format!("unknown action `{}`", text::inline(&action));
                return Err(custom_error(&message, Some(&help)));
            }
            if remaps.iter().any(|remap| remap.action == action) {
                let message = format!("action `{action}` is given keys twice");
                return Err(custom_error(&message, Some("keep only one of them")));
            }
            let keys = map.next_value_seed(KeyList { action: &action })?;
            remaps.push(Remap { action, keys });
        }
        Ok(Remaps(remaps))
    }
}

/// One action's list of keys.
struct KeyList<'a> {
    action: &'a str,
}

impl<'de> DeserializeSeed<'de> for KeyList<'_> {
    type Value = Vec<KeySpec>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for KeyList<'_> {
    type Value = Vec<KeySpec>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of keys, such as [\"j\", \"Down\"]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<KeySpec>, A::Error> {
        let mut keys = Vec::new();
        while let Some(spec) = seq.next_element::<String>()? {
            let key = KeySpec::parse(&spec).map_err(|error| {
                let message = text::inline(&error.to_string()).into_owned();
                custom_error::<A::Error>(&message, error.help().as_deref())
            })?;
            if keys.contains(&key) {
                let message = format!("`{key}` is listed twice for `{}`", self.action);
                return Err(custom_error(&message, Some("keep only one of them")));
            }
            let refused = with_checking(|checking| {
                checking
                    .refuse
                    .clone()
                    .filter(|refuse| refuse.action == self.action && refuse.index == keys.len())
            })
            .flatten();
            if let Some(conflict) = refused {
                return Err(custom_error(&conflict.message, Some(&conflict.help)));
            }
            keys.push(key);
        }
        if keys.is_empty() {
            let message = format!("`{}` is given no key", self.action);
            let help =
                "an action needs a key; to free its keys for another action, give it other keys";
            return Err(custom_error(&message, Some(help)));
        }
        Ok(keys)
    }
}

/// The first key, in file order, that the remapped bindings give to two actions in one
/// place, or to an action in a place where characters are typed.
fn find_conflict(remaps: &[Remap], table: &KeyTable) -> Option<Conflict> {
    let keys_of = |name: &str| -> Vec<KeySpec> {
        match remaps.iter().find(|remap| remap.action == name) {
            Some(remap) => remap.keys.clone(),
            None => table
                .action(name)
                .map(|action| action.defaults.clone())
                .unwrap_or_default(),
        }
    };
    for remap in remaps {
        let Some(action) = table.action(&remap.action) else {
            continue;
        };
        for (index, key) in remap.keys.iter().enumerate() {
            let typed = matches!(key.code, crossterm::event::KeyCode::Char(_))
                && !key.modifiers.intersects(
                    crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
                );
            if let Some(place) = action
                .places
                .iter()
                .find(|place| table.typing_places.contains(place))
                .filter(|_| typed)
            {
                return Some(Conflict {
                    action: remap.action.clone(),
                    index,
                    message: format!(
                        "`{key}` is typed in the {place}, so `{}` cannot have it",
                        remap.action
                    ),
                    help: "use a key with `ctrl-` or `alt-`, or a named key such as `Down`"
                        .to_owned(),
                });
            }
            for other in table
                .actions
                .iter()
                .filter(|other| other.name != action.name)
            {
                let Some(place) = action
                    .places
                    .iter()
                    .find(|place| other.places.contains(place))
                else {
                    continue;
                };
                if !keys_of(other.name).contains(key) {
                    continue;
                }
                let other_remapped = remaps.iter().any(|remap| remap.action == other.name);
                let help = if other_remapped {
                    "give one of them another key".to_owned()
                } else {
                    format!(
                        "`{}` has `{key}` when not remapped: remap `{}` too, or choose another key",
                        other.name, other.name
                    )
                };
                return Some(Conflict {
                    action: remap.action.clone(),
                    index,
                    message: format!(
                        "`{key}` is bound to both `{}` and `{}` in the {place}",
                        remap.action, other.name
                    ),
                    help,
                });
            }
        }
    }
    None
}

/// ron's error as a compiler-style message, pointing at the token at fault: ron's span
/// can start at the blanks before it, and ends after a string that a check refused.
fn describe(file: &str, text: &str, error: &SpannedError) -> Box<SyntaxError> {
    let mut start = byte_offset(text, error.span.start.line, error.span.start.col);
    let mut end = byte_offset(text, error.span.end.line, error.span.end.col).max(start);
    let (message, expected, help) = if matches!(error.code, RonError::Message(_)) {
        if let Some(opening) = string_before(text, start) {
            end = start;
            start = opening;
        }
        explain(&error.code)
    } else {
        let token = skip_blank(text, start);
        let wants_more = matches!(
            error.code,
            RonError::ExpectedComma
                | RonError::ExpectedArrayEnd
                | RonError::ExpectedMapEnd
                | RonError::ExpectedStructLikeEnd
        );
        if token == text.len() || (wants_more && skip_blank(text, end) == text.len()) {
            end = token;
            explain(&RonError::Eof)
        } else {
            if token > start {
                start = token;
                end = end.max(token);
            }
            explain(&error.code)
        }
    };
    // Offsets come from the text's own characters; `get` keeps a stray one harmless.
    let (line, column) = position(text.get(..start).unwrap_or(text));
    let (end_line, end_column) = position(text.get(..end).unwrap_or(text));
    let raw_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let end_column = (end_line == line && end_column > column).then_some(end_column);
    let (source_line, caret) = caret_under(raw_line, column, end_column);
    Box::new(SyntaxError {
        file: file.to_owned(),
        line,
        column,
        message,
        source_line,
        caret,
        expected,
        help,
    })
}

/// Line and column (1-based, in characters) just after `text`.
fn position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}

/// Where the string that ends just before `offset` opens, if one does on that line.
fn string_before(text: &str, offset: usize) -> Option<usize> {
    let before = text.get(..offset)?.strip_suffix('"')?;
    let is_escaped = |index: usize| {
        let backslashes = before[..index].chars().rev().take_while(|&c| c == '\\');
        backslashes.count() % 2 == 1
    };
    before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c != '\n')
        .filter(|&(index, c)| c == '"' && !is_escaped(index))
        .map(|(index, _)| index)
        .next()
}

/// (message, expected, help) for ron's error, in a user's words.
fn explain(error: &RonError) -> (String, Option<String>, Option<String>) {
    let near = |found: &str, candidates: &[&'static str]| {
        did_you_mean(found, candidates.iter().copied())
            .map(|near| format!("did you mean {}?", code(near)))
    };
    let within = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(|outer| format!(" in {}", code(outer)))
            .unwrap_or_default()
    };
    match error {
        RonError::Message(message) => {
            let (message, help) = match message.split_once(HELP_SEPARATOR) {
                Some((message, help)) => (message, Some(help.to_owned())),
                None => (message.as_str(), None),
            };
            (text::inline(message).into_owned(), None, help)
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown setting {}{}", code(found), within(outer)),
            Some(one_of(expected)),
            near(found, expected),
        ),
        RonError::DuplicateStructField { field, outer } => (
            format!("{} is given twice{}", code(field), within(outer)),
            None,
            Some("keep only one of them".to_owned()),
        ),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => (
            format!("unknown value {}", code(found)),
            Some(one_of(expected)),
            near(found, expected),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            format!(
                "expected {} here, found {}",
                code(&format!("{expected}(…)")),
                code(found)
            ),
            None,
            None,
        ),
        RonError::InvalidValueForType { expected, found } => (
            format!(
                "wrong type: expected {}, found {}",
                text::inline(expected),
                text::inline(found)
            ),
            None,
            None,
        ),
        RonError::ExpectedString => (
            "expected a string in double quotes".to_owned(),
            Some("`\"text\"`".to_owned()),
            None,
        ),
        RonError::ExpectedStringEnd => (
            "this string is never closed".to_owned(),
            Some("a closing `\"`".to_owned()),
            None,
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_owned(),
            Some("`,` between settings and list items".to_owned()),
            None,
        ),
        RonError::Eof => (
            "the file ends too early".to_owned(),
            Some("a closing `)`, `]` or `}`".to_owned()),
            Some("check that every `(`, `[` and `{` is closed".to_owned()),
        ),
        RonError::TrailingCharacters => (
            "text after the end of the config".to_owned(),
            Some("nothing after the closing `)` of `Config(…)`".to_owned()),
            None,
        ),
        RonError::ExpectedBoolean => ("expected `true` or `false`".to_owned(), None, None),
        RonError::ExceededRecursionLimit => (
            format!("values nested deeper than {MAX_NESTING} levels"),
            None,
            None,
        ),
        other => {
            let message = text::inline(&other.to_string()).into_owned();
            let mut chars = message.chars();
            let message = match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => message,
            };
            (message, None, None)
        }
    }
}
