//! The one key table. The key map ([`message_for_event`]), the help overlay
//! ([`help_rows`]), the footer's hints ([`footer_hints`]), every key a text names
//! ([`key_names`]) and the README's key table ([`markdown_table`]) are all read from
//! [`BINDINGS`], so they cannot disagree. Typing, pasting and the mouse are in the table
//! too, as inputs that carry what their message needs.
//!
//! Mapping is a pure function of the screen and the input. Only key presses count; a key
//! held with Ctrl or Alt matches only a binding that names that modifier.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::message::{Message, Screen};
use super::symbols::{Symbols, UNICODE};

mod keymap;
mod screens;
mod table;

pub(crate) use keymap::BUILT_IN;
pub use keymap::{Keymap, key_table};

use screens::EVERYWHERE;
pub(crate) use table::BINDINGS;

/// A key and the modifiers it must be pressed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// The key as the help and the footer name it, with the terminal's arrows.
    pub(crate) fn label_in(self, symbols: &Symbols) -> String {
        let name = match self.code {
            KeyCode::Up => symbols.up.to_owned(),
            KeyCode::Down => symbols.down.to_owned(),
            KeyCode::Left => symbols.left.to_owned(),
            KeyCode::Right => symbols.right.to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Delete => "Delete".to_owned(),
            KeyCode::Insert => "Insert".to_owned(),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            label.push_str("Shift-");
        }
        label + &name
    }

    /// The key an event stands for. Shift is part of a character (`G`) and of Shift-Tab,
    /// so it is dropped there; Ctrl and Alt always count.
    fn of(event: KeyEvent) -> Key {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            modifiers,
        }
    }
}

/// What a binding answers: a key, or an input whose message carries what came with it
/// (the character typed, the text pasted, the cell pointed at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Key(Key),
    /// Any character typed without Ctrl or Alt: the binding's message is
    /// `FinderType` with the character.
    Typed,
    /// Text pasted in one piece: `Paste` with the text.
    Paste,
    /// The left button: `Click` at the cell.
    Click,
    /// The wheel, turned down or up: `Wheel` at the cell, by the binding's lines.
    WheelDown,
    WheelUp,
}

impl Input {
    /// The input as the README names it.
    pub(crate) fn label(self) -> String {
        self.label_in(&UNICODE)
    }

    /// The input as the help and the footer name it.
    pub(crate) fn label_in(self, symbols: &Symbols) -> String {
        match self {
            Input::Key(key) => key.label_in(symbols),
            Input::Typed => "any character".to_owned(),
            Input::Paste => "a paste".to_owned(),
            Input::Click => "click".to_owned(),
            Input::WheelDown => "wheel down".to_owned(),
            Input::WheelUp => "wheel up".to_owned(),
        }
    }

    /// The message for `template` when this input arrives as `event`, if it does.
    fn answer(self, template: &Message, event: &Event) -> Option<Message> {
        match (self, event) {
            (Input::Key(key), Event::Key(pressed)) => {
                (Key::of(*pressed) == key).then(|| template.clone())
            }
            (Input::Typed, Event::Key(pressed)) => match (pressed.code, Key::of(*pressed)) {
                (KeyCode::Char(c), key) if key.modifiers.is_empty() => Some(Message::FinderType(c)),
                _ => None,
            },
            (Input::Paste, Event::Paste(text)) => Some(Message::Paste(text.clone())),
            (Input::Click, Event::Mouse(mouse))
                if mouse.kind == MouseEventKind::Down(MouseButton::Left) =>
            {
                Some(Message::Click {
                    column: mouse.column,
                    row: mouse.row,
                })
            }
            (Input::WheelDown, Event::Mouse(mouse)) if mouse.kind == MouseEventKind::ScrollDown => {
                wheel(template, mouse.column, mouse.row)
            }
            (Input::WheelUp, Event::Mouse(mouse)) if mouse.kind == MouseEventKind::ScrollUp => {
                wheel(template, mouse.column, mouse.row)
            }
            _ => None,
        }
    }
}

/// The wheel's message at a cell, by the lines its binding says.
fn wheel(template: &Message, column: u16, row: u16) -> Option<Message> {
    match template {
        Message::Wheel { lines, .. } => Some(Message::Wheel {
            column,
            row,
            lines: *lines,
        }),
        _ => None,
    }
}

/// One row of the help: keys that do one thing (or one thing each, in order, as
/// `0`–`5` do), on the screens where they apply.
#[derive(Debug)]
pub(crate) struct Binding {
    pub section: &'static str,
    pub screens: &'static [Screen],
    pub keys: &'static [(Input, Message)],
    pub help: &'static str,
    /// A name for each thing the row does, in the order its messages first appear:
    /// what a config file remaps (`next-item`, `quit`).
    pub actions: &'static [&'static str],
    /// A short hint for the footer, and its rank: when the footer is too narrow, the
    /// hints with the highest rank go first. Rank 0 is never dropped.
    pub footer: Option<(&'static str, u8)>,
}

impl Keymap {
    /// The message an input asks for on `screen`, if any.
    pub fn message_for_event(&self, screen: Screen, event: &Event) -> Option<Message> {
        if let Event::Key(key) = event
            && key.kind != KeyEventKind::Press
        {
            return None;
        }
        // Keys first, so that a key bound on this screen is never typed.
        let bound = |keys_only: bool| {
            self.rows_on(screen)
                .flat_map(|row| &row.keys)
                .filter(|(input, _)| matches!(input, Input::Key(_)) == keys_only)
                .find_map(|(input, template)| input.answer(template, event))
        };
        bound(true).or_else(|| bound(false))
    }

    /// True for the key that quits from every screen (Ctrl-c), which the loop lets jump
    /// the queue of events before it.
    pub(crate) fn quits_from_anywhere(&self, key: KeyEvent) -> bool {
        key.kind == KeyEventKind::Press
            && self
                .rows()
                .iter()
                .filter(|row| row.screens == EVERYWHERE)
                .flat_map(|row| &row.keys)
                .any(|(input, message)| {
                    *message == Message::Quit && *input == Input::Key(Key::of(key))
                })
    }

    /// The keys bound to `message` on `screen`, at most `most` of them, as the help
    /// names them: `!`, `q or Esc`. Every key the viewer's text names comes from here,
    /// so a text cannot name a key the table does not bind.
    pub(crate) fn key_names(
        &self,
        screen: Screen,
        message: &Message,
        symbols: &Symbols,
        most: usize,
    ) -> String {
        let names: Vec<String> = self
            .rows_on(screen)
            .flat_map(|row| &row.keys)
            .filter(|(_, bound)| bound == message)
            .take(most)
            .map(|(input, _)| input.label_in(symbols))
            .collect();
        names.join(" or ")
    }

    /// The first key bound to `message` on `screen`.
    pub(crate) fn key_name(&self, screen: Screen, message: &Message, symbols: &Symbols) -> String {
        self.key_names(screen, message, symbols, 1)
    }

    /// The help overlay's rows: (section, keys, what they do), in table order; only the
    /// rows for one of `screens`, those of the first screen first (a presentation's keys
    /// before the help's own), or every row when `screens` is empty.
    pub(crate) fn help_rows<'a>(
        &'a self,
        symbols: &'a Symbols,
        screens: &'a [Screen],
    ) -> impl Iterator<Item = (&'static str, String, &'static str)> + 'a {
        let first = screens.first();
        let on_first = move |row: &&keymap::Row| first.is_some_and(|on| row.screens.contains(on));
        let own = self.rows().iter().filter(on_first);
        let rest = self.rows().iter().filter(move |row| {
            screens.is_empty()
                || (!on_first(row) && row.screens.iter().any(|on| screens.contains(on)))
        });
        own.chain(rest)
            .map(move |row| (row.section, keys_label(&row.keys, symbols), row.help))
    }

    /// The footer's hints for `screen`: (key, hint, rank), in table order. A hint names
    /// its row's first key, or its first two when they are a pair of arrows (`↑↓`).
    pub(crate) fn footer_hints(
        &self,
        screen: Screen,
        symbols: &Symbols,
    ) -> Vec<(String, &'static str, u8)> {
        let is_arrow = |input: &Input| {
            matches!(input, Input::Key(key)
                if matches!(key.code, KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
                    && key.modifiers.is_empty())
        };
        self.rows_on(screen)
            .filter_map(|row| {
                let (hint, rank) = row.footer?;
                let label = match row.keys.as_slice() {
                    [(first, _), (second, _), ..] if is_arrow(first) && is_arrow(second) => {
                        first.label_in(symbols) + &second.label_in(symbols)
                    }
                    [(first, _), ..] => first.label_in(symbols),
                    [] => return None,
                };
                Some((label, hint, rank))
            })
            .collect()
    }

    fn rows_on(&self, screen: Screen) -> impl Iterator<Item = &keymap::Row> {
        self.rows()
            .iter()
            .filter(move |row| row.screens.contains(&screen))
    }
}

/// The message a key press asks for on `screen` in the built-in table.
pub fn message_for(screen: Screen, key: KeyEvent) -> Option<Message> {
    BUILT_IN.message_for_event(screen, &Event::Key(key))
}

/// `↑ ↓ k j`: a row's keys, as the help lists them.
fn keys_label(keys: &[(Input, Message)], symbols: &Symbols) -> String {
    keys.iter()
        .map(|(input, _)| input.label_in(symbols))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The README's key table, generated so that a test can hold the two together.
pub fn markdown_table() -> String {
    let mut table = String::from("| Keys | Where | What they do |\n|---|---|---|\n");
    for binding in BINDINGS.iter() {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|(input, _)| format!("`{}`", input.label()))
            .collect();
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            binding.section,
            binding.help
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::table::{ctrl, letter, plain, shift};
    use super::*;
    use crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const SCREENS: [Screen; 10] = [
        Screen::List,
        Screen::Detail,
        Screen::Overview,
        Screen::Present,
        Screen::Follow,
        Screen::ChooseBriefing,
        Screen::Finder,
        Screen::Help,
        Screen::Problems,
        Screen::Console,
    ];

    #[test]
    fn only_presses_count() {
        let release = KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        assert_eq!(message_for(Screen::List, release), None);
        let repeat = KeyEvent {
            kind: KeyEventKind::Repeat,
            ..release
        };
        assert_eq!(message_for(Screen::List, repeat), None);
    }

    /// An event that stands for `input`, and the message it must bring for `template`.
    fn example(input: Input, template: &Message) -> (Event, Message) {
        use crossterm::event::MouseEvent;
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 7,
                row: 3,
                modifiers: KeyModifiers::NONE,
            })
        };
        match (input, template) {
            (Input::Key(key), _) => (Event::Key(with(key.code, key.modifiers)), template.clone()),
            (Input::Typed, _) => (
                Event::Key(press(KeyCode::Char('x'))),
                Message::FinderType('x'),
            ),
            (Input::Paste, _) => (
                Event::Paste("dual use".to_owned()),
                Message::Paste("dual use".to_owned()),
            ),
            (Input::Click, _) => (
                mouse(MouseEventKind::Down(MouseButton::Left)),
                Message::Click { column: 7, row: 3 },
            ),
            (Input::WheelDown | Input::WheelUp, Message::Wheel { lines, .. }) => (
                mouse(if input == Input::WheelDown {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::ScrollUp
                }),
                Message::Wheel {
                    column: 7,
                    row: 3,
                    lines: *lines,
                },
            ),
            (Input::WheelDown | Input::WheelUp, other) => panic!("the wheel bound to {other:?}"),
        }
    }

    #[test]
    fn every_input_of_the_table_maps_to_its_message() {
        for binding in BINDINGS.iter() {
            for screen in binding.screens {
                for (input, template) in binding.keys {
                    let (event, message) = example(*input, template);
                    assert_eq!(
                        BUILT_IN.message_for_event(*screen, &event),
                        Some(message),
                        "{} on {screen:?}",
                        input.label()
                    );
                }
            }
        }
    }

    #[test]
    fn the_wheel_scrolls_down_and_up_by_the_same_lines() {
        let wheel = |kind| {
            Event::Mouse(crossterm::event::MouseEvent {
                kind,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })
        };
        let lines = |event| match BUILT_IN.message_for_event(Screen::List, &event) {
            Some(Message::Wheel { lines, .. }) => lines,
            other => panic!("{other:?}"),
        };
        let down = lines(wheel(MouseEventKind::ScrollDown));
        assert!(down > 0);
        assert_eq!(lines(wheel(MouseEventKind::ScrollUp)), -down);
    }

    #[test]
    fn no_key_is_bound_twice_on_one_screen() {
        for screen in SCREENS {
            let mut seen = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.screens.contains(&screen)) {
                for (input, _) in binding.keys {
                    assert!(
                        !seen.contains(input),
                        "{} twice on {screen:?}",
                        input.label()
                    );
                    seen.push(*input);
                }
            }
        }
    }

    #[test]
    fn every_binding_is_in_the_help_and_every_help_row_is_bound() {
        let rows: Vec<_> = BUILT_IN.help_rows(&UNICODE, &[]).collect();
        assert_eq!(rows.len(), BINDINGS.len());
        for ((_, keys, help), binding) in rows.iter().zip(BINDINGS.iter()) {
            assert!(!binding.keys.is_empty(), "{help} has no key");
            assert!(!binding.screens.is_empty(), "{help} applies nowhere");
            for (input, _) in binding.keys {
                assert!(keys.contains(&input.label()), "{help}: {keys}");
            }
        }
    }

    #[test]
    fn every_screen_has_a_footer_hint_that_is_never_dropped() {
        // A presentation's footer is its title and position, for the room, not keys.
        for screen in SCREENS
            .into_iter()
            .filter(|screen| !matches!(screen, Screen::Present | Screen::Follow))
        {
            let hints = BUILT_IN.footer_hints(screen, &UNICODE);
            assert!(
                hints.iter().any(|(_, _, rank)| *rank == 0),
                "{screen:?}: {hints:?}"
            );
        }
    }

    #[test]
    fn ctrl_c_quits_from_every_screen_and_nothing_else_quits_an_overlay() {
        for screen in SCREENS {
            assert_eq!(
                message_for(screen, with(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Message::Quit),
                "{screen:?}"
            );
        }
        for screen in [Screen::Help, Screen::Problems, Screen::Finder] {
            for binding in BINDINGS.iter().filter(|b| b.screens.contains(&screen)) {
                for (input, message) in binding.keys {
                    let is_ctrl_c = *input == ctrl('c');
                    assert!(
                        is_ctrl_c || *message != Message::Quit,
                        "{} quits {screen:?}",
                        input.label()
                    );
                }
            }
        }
    }

    #[test]
    fn q_and_escape_close_overlays() {
        for screen in [Screen::Help, Screen::Problems] {
            for key in [KeyCode::Char('q'), KeyCode::Esc] {
                assert_eq!(message_for(screen, press(key)), Some(Message::Close));
            }
        }
    }

    #[test]
    fn modifiers_match_only_bindings_that_name_them() {
        let alt_q = with(KeyCode::Char('q'), KeyModifiers::ALT);
        let ctrl_q = with(KeyCode::Char('q'), KeyModifiers::CONTROL);
        for screen in SCREENS {
            assert_eq!(message_for(screen, alt_q), None, "{screen:?}");
            assert_eq!(message_for(screen, ctrl_q), None, "{screen:?}");
        }
        // Shift is part of a capital letter, and of Shift-Tab.
        let capital_g = with(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(message_for(Screen::List, capital_g), Some(Message::Bottom));
        let back_tab = with(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(message_for(Screen::List, back_tab), Some(Message::PrevTab));
        // Shift-↓ is its own key.
        let shift_down = with(KeyCode::Down, KeyModifiers::SHIFT);
        assert_eq!(
            message_for(Screen::List, shift_down),
            Some(Message::ScrollDetail(1))
        );
    }

    #[test]
    fn the_finder_types_letters_that_are_keys_elsewhere() {
        for c in ['q', 'j', 'k', '/', '?', 'g', '1', ' ', 'é', 'n'] {
            assert_eq!(
                message_for(Screen::Finder, press(KeyCode::Char(c))),
                Some(Message::FinderType(c))
            );
        }
        let alt_x = with(KeyCode::Char('x'), KeyModifiers::ALT);
        assert_eq!(message_for(Screen::Finder, alt_x), None);
    }

    #[test]
    fn escape_is_never_bound_to_quit() {
        // (Leaving a presentation started as `dossier present` ends the program: that
        // is `update`'s rule for `Close`, tested with the state.)
        for screen in SCREENS {
            let message = message_for(screen, press(KeyCode::Esc));
            assert_ne!(message, Some(Message::Quit), "{screen:?}");
            // Everywhere but the list and the overview, where there is nothing to
            // leave, it leaves.
            let leaves = !matches!(screen, Screen::List | Screen::Overview);
            assert_eq!(message.is_some(), leaves, "{screen:?}");
        }
    }

    #[test]
    fn the_detail_pane_reads_like_less() {
        let cases = [
            (press(KeyCode::PageDown), Message::PageDown),
            (press(KeyCode::Char(' ')), Message::PageDown),
            (press(KeyCode::Char('b')), Message::PageUp),
            (press(KeyCode::Char('g')), Message::Top),
            (press(KeyCode::End), Message::Bottom),
            (press(KeyCode::Char('j')), Message::Down),
            (press(KeyCode::Tab), Message::NextLink),
            (press(KeyCode::Enter), Message::FollowLink),
        ];
        for (key, message) in cases {
            assert_eq!(message_for(Screen::Detail, key), Some(message), "{key:?}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('d').label(), "Ctrl-d");
        assert_eq!(shift(KeyCode::Up).label(), "Shift-↑");
        assert_eq!(letter(' ').label(), "Space");
        assert_eq!(plain(KeyCode::BackTab).label(), "Shift-Tab");
    }
}
