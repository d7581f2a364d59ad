//! Keys as a config file writes them: `"ctrl-d"`, `"G"`, `"PageDown"`, `"alt-b"`,
//! `"shift-Up"`, and the help's own spellings (`"Ctrl-d"`, `"PgDn"`, `"↑"`), so that a key
//! can be copied from the help into the file.

use std::fmt;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::suggest::did_you_mean;

/// A key and the modifiers it is pressed with, normalised as the viewer compares keys:
/// Shift is part of a character (`G`, not `shift-g`) and of Shift-Tab (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeySpecError {
    #[error("an empty key")]
    Empty,
    #[error("unknown modifier `{found}`")]
    UnknownModifier {
        found: String,
        suggestion: Option<&'static str>,
    },
    #[error("unknown key `{found}`")]
    UnknownKey {
        found: String,
        suggestion: Option<&'static str>,
    },
    #[error("`{spec}`: Ctrl with a capital letter")]
    CtrlCapital { spec: String, small: char },
    #[error("`{spec}`: Shift with `{key}`")]
    ShiftCharacter { spec: String, key: char },
}

impl KeySpecError {
    /// What to write instead, where that can be said.
    pub fn help(&self) -> Option<String> {
        match self {
            KeySpecError::Empty => Some("write a key such as `q`, `ctrl-d` or `PageDown`".into()),
            KeySpecError::UnknownModifier { suggestion, .. } => Some(match suggestion {
                Some(near) => format!("did you mean `{near}`?"),
                None => "modifiers are `ctrl-`, `alt-` and `shift-`".to_owned(),
            }),
            KeySpecError::UnknownKey { suggestion, .. } => Some(match suggestion {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "a key is one character (`q`, `G`, `/`) or one of {}",
                    NAMED
                        .iter()
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
            KeySpecError::CtrlCapital { small, .. } => Some(format!(
                "terminals send Ctrl with a capital letter as with a small one: write `ctrl-{small}`"
            )),
            KeySpecError::ShiftCharacter { key, .. } => Some(format!(
                "write the character Shift-`{key}` types, such as `!` for Shift-1"
            )),
        }
    }
}

/// Keys with names, in the spelling [`KeySpec`]'s `Display` uses first.
const NAMED: &[(&str, KeyCode)] = &[
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// Other spellings: the help's (`PgDn`, `↑`) and common ones (`Escape`, `Return`).
const ALIASES: &[(&str, KeyCode)] = &[
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Escape", KeyCode::Esc),
    ("Return", KeyCode::Enter),
    ("Del", KeyCode::Delete),
    ("Ins", KeyCode::Insert),
    ("↑", KeyCode::Up),
    ("↓", KeyCode::Down),
    ("←", KeyCode::Left),
    ("→", KeyCode::Right),
];

const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("ctrl", KeyModifiers::CONTROL),
    ("control", KeyModifiers::CONTROL),
    ("alt", KeyModifiers::ALT),
    ("meta", KeyModifiers::ALT),
    ("shift", KeyModifiers::SHIFT),
];

impl KeySpec {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> KeySpec {
        KeySpec { code, modifiers }
    }

    /// Reads `"ctrl-d"`, `"G"`, `"PageDown"`, `"alt-b"`, `"shift-Tab"`. Modifier and key
    /// names are read in any case; a single character is itself (`g` and `G` differ).
    pub fn parse(spec: &str) -> Result<KeySpec, KeySpecError> {
        if spec.is_empty() {
            return Err(KeySpecError::Empty);
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        while let Some((head, tail)) = rest.split_once('-') {
            if head.is_empty() || tail.is_empty() {
                break;
            }
            match modifier(head) {
                Some(modifier) => {
                    modifiers |= modifier;
                    rest = tail;
                }
                None if head.chars().count() > 1 => {
                    let names = MODIFIERS.iter().map(|(name, _)| *name);
                    return Err(KeySpecError::UnknownModifier {
                        found: head.to_owned(),
                        suggestion: did_you_mean(head, names),
                    });
                }
                None => break,
            }
        }
        let code = key_code(rest)?;
        normalise(spec, code, modifiers)
    }
}

fn modifier(name: &str) -> Option<KeyModifiers> {
    MODIFIERS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, modifier)| *modifier)
}

fn key_code(name: &str) -> Result<KeyCode, KeySpecError> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map_or(KeyCode::Char(c), |(_, code)| *code));
    }
    let named = NAMED.iter().chain(ALIASES);
    if let Some((_, code)) = named
        .clone()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
    {
        return Ok(*code);
    }
    if let Some(number) = name.strip_prefix(['F', 'f'])
        && let Ok(number @ 1..=24) = number.parse::<u8>()
    {
        return Ok(KeyCode::F(number));
    }
    Err(KeySpecError::UnknownKey {
        found: name.to_owned(),
        suggestion: did_you_mean(name, named.map(|(known, _)| *known)),
    })
}

/// The key as the viewer sees it: Shift folded into characters and into Shift-Tab.
fn normalise(
    spec: &str,
    code: KeyCode,
    mut modifiers: KeyModifiers,
) -> Result<KeySpec, KeySpecError> {
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Tab | KeyCode::BackTab if shift || code == KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) if shift && c != ' ' => {
            if !c.is_alphabetic() {
                return Err(KeySpecError::ShiftCharacter {
                    spec: spec.to_owned(),
                    key: c,
                });
            }
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        other => other,
    };
    if let KeyCode::Char(c) = code
        && modifiers.contains(KeyModifiers::CONTROL)
        && c.is_uppercase()
    {
        return Err(KeySpecError::CtrlCapital {
            spec: spec.to_owned(),
            small: c.to_lowercase().next().unwrap_or(c),
        });
    }
    Ok(KeySpec { code, modifiers })
}

impl fmt::Display for KeySpec {
    /// The canonical spelling, which [`KeySpec::parse`] reads back: `ctrl-d`, `shift-Up`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, modifier) in [
            ("ctrl-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("shift-", KeyModifiers::SHIFT),
        ] {
            if self.modifiers.contains(modifier) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(number) => write!(f, "F{number}"),
            code => match NAMED.iter().find(|(_, named)| *named == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeySpec {
        KeySpec { code, modifiers }
    }

    #[test]
    fn reads_the_usual_spellings() {
        let cases = [
            ("q", key(KeyCode::Char('q'), KeyModifiers::NONE)),
            ("G", key(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("-", key(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("ctrl-d", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("Ctrl-d", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("ctrl--", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("alt-b", key(KeyCode::Char('b'), KeyModifiers::ALT)),
            ("alt-B", key(KeyCode::Char('B'), KeyModifiers::ALT)),
            ("PageDown", key(KeyCode::PageDown, KeyModifiers::NONE)),
            ("pgdn", key(KeyCode::PageDown, KeyModifiers::NONE)),
            ("↑", key(KeyCode::Up, KeyModifiers::NONE)),
            ("shift-Up", key(KeyCode::Up, KeyModifiers::SHIFT)),
            ("shift-g", key(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("shift-tab", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("Shift-Tab", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("space", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            (" ", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("F5", key(KeyCode::F(5), KeyModifiers::NONE)),
            (
                "ctrl-alt-x",
                key(
                    KeyCode::Char('x'),
                    KeyModifiers::CONTROL | KeyModifiers::ALT,
                ),
            ),
            ("é", key(KeyCode::Char('é'), KeyModifiers::NONE)),
        ];
        for (spec, expected) in cases {
            assert_eq!(KeySpec::parse(spec), Ok(expected), "{spec:?}");
        }
    }

    #[test]
    fn explains_what_it_cannot_read() {
        let unknown = KeySpec::parse("PgDwn").unwrap_err();
        assert_eq!(unknown.to_string(), "unknown key `PgDwn`");
        assert_eq!(unknown.help().as_deref(), Some("did you mean `PgDn`?"));
        let modifier = KeySpec::parse("crtl-d").unwrap_err();
        assert_eq!(modifier.to_string(), "unknown modifier `crtl`");
        assert_eq!(modifier.help().as_deref(), Some("did you mean `ctrl`?"));
        let capital = KeySpec::parse("ctrl-D").unwrap_err();
        assert!(capital.help().unwrap().contains("`ctrl-d`"), "{capital:?}");
        assert!(matches!(
            KeySpec::parse("shift-1"),
            Err(KeySpecError::ShiftCharacter { key: '1', .. })
        ));
        assert_eq!(KeySpec::parse(""), Err(KeySpecError::Empty));
        assert!(matches!(
            KeySpec::parse("F99"),
            Err(KeySpecError::UnknownKey { .. })
        ));
        let nothing_near = KeySpec::parse("zzzzzz").unwrap_err();
        assert!(nothing_near.help().unwrap().contains("PageDown"));
    }

    #[test]
    fn display_is_read_back_as_the_same_key() {
        for spec in [
            "q",
            "G",
            "ctrl-d",
            "alt-b",
            "PageDown",
            "shift-Up",
            "BackTab",
            "Space",
            "F12",
            "-",
            "ctrl-alt-Delete",
        ] {
            let key = KeySpec::parse(spec).unwrap();
            assert_eq!(KeySpec::parse(&key.to_string()), Ok(key), "{spec}");
        }
        assert_eq!(KeySpec::parse("pgdn").unwrap().to_string(), "PageDown");
        assert_eq!(KeySpec::parse("shift-tab").unwrap().to_string(), "BackTab");
    }
}
