//! The key table in force: the built-in table with a config file's remaps applied. The
//! key map, the help, the footer and every key a text names read a `Keymap`, so a key
//! remapped in the config file is the key the viewer shows everywhere.

use std::sync::LazyLock;

use super::{BINDINGS, Binding, Input, Key};
use crate::config::{self, KeySpec, Remap};
use crate::tui::message::{Message, Screen};

/// One row of the table in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub section: &'static str,
    pub screens: &'static [Screen],
    pub keys: Vec<(Input, Message)>,
    pub help: &'static str,
    pub footer: Option<(&'static str, u8)>,
}

/// The key table in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Row>,
}

/// The built-in table, for whatever has no config of its own (tests, the README).
pub(crate) static BUILT_IN: LazyLock<Keymap> = LazyLock::new(Keymap::built_in);

impl Default for Keymap {
    fn default() -> Keymap {
        BUILT_IN.clone()
    }
}

impl Keymap {
    fn built_in() -> Keymap {
        let rows = BINDINGS
            .iter()
            .map(|binding| Row {
                section: binding.section,
                screens: binding.screens,
                keys: binding.keys.to_vec(),
                help: binding.help,
                footer: binding.footer,
            })
            .collect();
        Keymap { rows }
    }

    /// The built-in table with each remapped action's keys replaced. The remaps come
    /// from a config file checked against [`key_table`] (names known, no conflicts), so
    /// a name that matches nothing is passed over.
    pub fn remapped(remaps: &[Remap]) -> Keymap {
        let mut keymap = Keymap::built_in();
        for remap in remaps {
            for (row, binding) in keymap.rows.iter_mut().zip(BINDINGS.iter()) {
                let Some(message) = action_message(binding, &remap.action) else {
                    continue;
                };
                let new = remap.keys.iter().map(|spec| {
                    let key = Key {
                        code: spec.code,
                        modifiers: spec.modifiers,
                    };
                    (Input::Key(key), message.clone())
                });
                // The new keys take the old ones' place in the row, so the help reads
                // in the same order.
                let at = row
                    .keys
                    .iter()
                    .position(|(input, bound)| is_key(input) && *bound == message)
                    .unwrap_or(row.keys.len());
                row.keys
                    .retain(|(input, bound)| !(is_key(input) && *bound == message));
                let at = at.min(row.keys.len());
                row.keys.splice(at..at, new);
            }
        }
        keymap
    }

    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }
}

fn is_key(input: &Input) -> bool {
    matches!(input, Input::Key(_))
}

/// The message a row's action of this name sends: its actions are named in the order
/// its messages first appear.
fn action_message(binding: &Binding, name: &str) -> Option<Message> {
    let position = binding.actions.iter().position(|action| *action == name)?;
    distinct_messages(binding).into_iter().nth(position)
}

fn distinct_messages(binding: &Binding) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    for (_, message) in binding.keys {
        if !messages.contains(message) {
            messages.push(message.clone());
        }
    }
    messages
}

/// A screen as a config file names the places an action applies.
fn place(screen: Screen) -> &'static str {
    match screen {
        Screen::List => "list",
        Screen::Detail => "detail",
        Screen::Overview => "overview",
        Screen::Present => "present",
        Screen::Follow => "follow",
        Screen::ChooseBriefing => "chooser",
        Screen::Finder => "finder",
        Screen::Help => "help",
        Screen::Problems => "problems",
        Screen::Console => "console",
    }
}

/// The remappable actions, as a config file is checked against them: every action of
/// the table that keys answer (typing, pasting and the mouse are not remapped).
pub fn key_table() -> config::KeyTable {
    let mut actions = Vec::new();
    for binding in BINDINGS.iter() {
        for (name, message) in binding.actions.iter().zip(distinct_messages(binding)) {
            let defaults: Vec<KeySpec> = binding
                .keys
                .iter()
                .filter(|(_, bound)| *bound == message)
                .filter_map(|(input, _)| match input {
                    Input::Key(key) => Some(KeySpec {
                        code: key.code,
                        modifiers: key.modifiers,
                    }),
                    _ => None,
                })
                .collect();
            if defaults.is_empty() {
                continue;
            }
            actions.push(config::Action {
                name,
                places: binding
                    .screens
                    .iter()
                    .map(|&screen| place(screen))
                    .collect(),
                defaults,
            });
        }
    }
    config::KeyTable {
        actions,
        typing_places: &["finder"],
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::symbols::UNICODE;

    #[test]
    fn a_remap_replaces_an_actions_keys_and_nothing_else() {
        let ctrl_n = KeySpec {
            code: KeyCode::Char('n'),
            modifiers: KeyModifiers::CONTROL,
        };
        let keymap = Keymap::remapped(&[Remap {
            action: "next-item".to_owned(),
            keys: vec![ctrl_n],
        }]);
        let press = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        let on_list = |event: Event| keymap.message_for_event(Screen::List, &event);
        assert_eq!(
            on_list(press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Message::Down)
        );
        assert_eq!(on_list(press(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(on_list(press(KeyCode::Down, KeyModifiers::NONE)), None);
        // The other half of the row, and the same message elsewhere, keep their keys.
        assert_eq!(
            on_list(press(KeyCode::Char('k'), KeyModifiers::NONE)),
            Some(Message::Up)
        );
        let in_detail = keymap.message_for_event(
            Screen::Detail,
            &press(KeyCode::Char('j'), KeyModifiers::NONE),
        );
        assert_eq!(in_detail, Some(Message::Down));
        assert_eq!(
            keymap.key_name(Screen::List, &Message::Down, &UNICODE),
            "Ctrl-n"
        );
        let row = keymap
            .help_rows(&UNICODE, &[Screen::List])
            .find(|(_, _, help)| *help == "previous or next item")
            .expect("the row");
        assert_eq!(row.1, "↑ Ctrl-n k", "where ↓ was");
    }

    #[test]
    fn every_action_a_key_answers_is_offered_to_the_config_file() {
        let table = key_table();
        for name in ["next-item", "quit", "quit-anywhere", "toggle-notes", "find"] {
            assert!(table.action(name).is_some(), "{name}");
        }
        // Typing, pasting and the mouse are not keys to remap.
        for name in ["type", "paste", "click", "wheel-down"] {
            assert!(table.action(name).is_none(), "{name}");
        }
    }
}
