//! The key table itself: every input the viewer answers, on which screens, and what it
//! says in the help, the footer and the README. A new key is one row here.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Input, Key};

pub(super) const fn plain(code: KeyCode) -> Input {
    Input::Key(Key {
        code,
        modifiers: KeyModifiers::NONE,
    })
}

pub(super) const fn letter(c: char) -> Input {
    plain(KeyCode::Char(c))
}

pub(super) const fn ctrl(c: char) -> Input {
    Input::Key(Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    })
}

pub(super) const fn alt(c: char) -> Input {
    Input::Key(Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    })
}

pub(super) const fn shift(code: KeyCode) -> Input {
    Input::Key(Key {
        code,
        modifiers: KeyModifiers::SHIFT,
    })
}

/// Lines the wheel scrolls a pane per notch.
const WHEEL_LINES: i32 = 3;

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

mod anywhere;
mod browse;
mod find;
mod present;

/// Every key the viewer knows, in the order the help lists them, a file a group.
pub(crate) static BINDINGS: LazyLock<Vec<&'static Binding>> = LazyLock::new(|| {
    [browse::ROWS, find::ROWS, present::ROWS, anywhere::ROWS]
        .into_iter()
        .flatten()
        .collect()
});
