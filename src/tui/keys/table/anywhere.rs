//! The mouse, and keys for every screen.

use super::super::screens::*;
use super::*;
use crate::tui::message::Message;

pub(super) const ROWS: &[Binding] = &[
    // The mouse.
    Binding {
        section: "Mouse",
        screens: BROWSE,
        keys: &[(Input::Click, Message::Click { column: 0, row: 0 })],
        help: "a tab, a row or a link: selects or follows it (not with --no-mouse)",
        actions: &["click"],
        footer: None,
    },
    Binding {
        section: "Mouse",
        screens: BROWSE,
        keys: &[
            (
                Input::WheelDown,
                Message::Wheel {
                    column: 0,
                    row: 0,
                    lines: WHEEL_LINES,
                },
            ),
            (
                Input::WheelUp,
                Message::Wheel {
                    column: 0,
                    row: 0,
                    lines: -WHEEL_LINES,
                },
            ),
        ],
        help: "scrolls the pane under the pointer",
        actions: &["wheel-down", "wheel-up"],
        footer: None,
    },
    // Anywhere.
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('l'), Message::Repaint)],
        help: "repaint the whole screen",
        actions: &["repaint"],
        footer: None,
    },
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('z'), Message::Suspend)],
        help: "suspend to the shell (`fg` comes back)",
        actions: &["suspend"],
        footer: None,
    },
    Binding {
        section: "Anywhere",
        screens: BROWSE,
        keys: &[(letter('q'), Message::Quit)],
        help: "quit",
        actions: &["quit"],
        footer: Some(("quit", 4)),
    },
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('c'), Message::Quit)],
        help: "quit, from anywhere",
        actions: &["quit-anywhere"],
        footer: None,
    },
];
