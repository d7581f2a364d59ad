//! The finder, the overlays, copying and pins.

use super::super::screens::*;
use super::*;
use crate::tui::message::Message;

/// The keys that scroll the help and the problems.
const SCROLL_OVERLAY: &[(Input, Message)] = &[
    (plain(Up), Message::Up),
    (plain(Down), Message::Down),
    (letter('k'), Message::Up),
    (letter('j'), Message::Down),
    (plain(PageUp), Message::PageUp),
    (plain(PageDown), Message::PageDown),
    (plain(Home), Message::Top),
    (plain(End), Message::Bottom),
    (letter('g'), Message::Top),
    (letter('G'), Message::Bottom),
];

pub(super) const ROWS: &[Binding] = &[
    // The finder.
    Binding {
        section: "Find",
        screens: BROWSE,
        keys: &[(letter('/'), Message::OpenFinder)],
        help: "find anything, in every kind",
        actions: &["find"],
        footer: Some(("find", 1)),
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[
            (plain(Up), Message::FinderUp),
            (plain(Down), Message::FinderDown),
            (ctrl('p'), Message::FinderUp),
            (ctrl('n'), Message::FinderDown),
            (ctrl('k'), Message::FinderUp),
            (ctrl('j'), Message::FinderDown),
        ],
        help: "previous or next result",
        actions: &["finder-previous", "finder-next"],
        footer: Some(("move", 3)),
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[
            (plain(PageUp), Message::FinderPageUp),
            (plain(PageDown), Message::FinderPageDown),
        ],
        help: "a page of results up or down",
        actions: &["finder-page-up", "finder-page-down"],
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(plain(Enter), Message::FinderOpen)],
        help: "open the chosen result",
        actions: &["finder-open"],
        footer: Some(("open", 2)),
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[
            (plain(Backspace), Message::FinderBackspace),
            (ctrl('w'), Message::FinderDeleteWord),
            (ctrl('u'), Message::FinderClear),
        ],
        help: "delete a character, a word, the whole query",
        actions: &["finder-delete-char", "finder-delete-word", "finder-clear"],
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[
            (plain(Left), Message::FinderLeft),
            (plain(Right), Message::FinderRight),
            (alt('b'), Message::FinderWordLeft),
            (alt('f'), Message::FinderWordRight),
            (plain(Home), Message::FinderHome),
            (plain(End), Message::FinderEnd),
            (ctrl('a'), Message::FinderHome),
            (ctrl('e'), Message::FinderEnd),
        ],
        help: "move in the query: a character, a word, to either end",
        actions: &[
            "finder-left",
            "finder-right",
            "finder-word-left",
            "finder-word-right",
            "finder-start",
            "finder-end",
        ],
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(plain(Esc), Message::Close)],
        help: "close, changing nothing",
        actions: &["finder-cancel"],
        footer: Some(("cancel", 0)),
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(Input::Typed, Message::FinderType(' '))],
        help: "typed into the query, where the cursor is",
        actions: &["type"],
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER_OR_BROWSE,
        keys: &[(Input::Paste, Message::Paste(String::new()))],
        help: "into the query, as one line; in a list or the detail, looked up",
        actions: &["paste"],
        footer: None,
    },
    // Overlays. The help and the problems each have their own rows, so that the help
    // over a presentation, which has no problems to show, names only its own.
    Binding {
        section: "Help",
        screens: BROWSE,
        keys: &[(letter('?'), Message::ToggleHelp)],
        help: "this help",
        actions: &["help"],
        footer: Some(("help", 0)),
    },
    Binding {
        section: "Help",
        screens: HELP,
        keys: SCROLL_OVERLAY,
        help: "scroll the help",
        actions: &[
            "help-up",
            "help-down",
            "help-page-up",
            "help-page-down",
            "help-top",
            "help-bottom",
        ],
        footer: Some(("scroll", 3)),
    },
    Binding {
        section: "Help",
        screens: HELP,
        keys: &[
            (letter('q'), Message::Close),
            (plain(Esc), Message::Close),
            (letter('?'), Message::Close),
        ],
        help: "close the help",
        actions: &["close-help"],
        footer: Some(("close", 0)),
    },
    Binding {
        section: "Problems",
        screens: BROWSE,
        keys: &[(letter('!'), Message::ToggleProblems)],
        help: "problems found in the dossier",
        actions: &["problems"],
        footer: None,
    },
    Binding {
        section: "Problems",
        screens: PROBLEMS,
        keys: SCROLL_OVERLAY,
        help: "scroll the problems",
        actions: &[
            "problems-up",
            "problems-down",
            "problems-page-up",
            "problems-page-down",
            "problems-top",
            "problems-bottom",
        ],
        footer: Some(("scroll", 3)),
    },
    Binding {
        section: "Problems",
        screens: PROBLEMS,
        keys: &[
            (letter('q'), Message::Close),
            (plain(Esc), Message::Close),
            (letter('!'), Message::Close),
        ],
        help: "close the problems",
        actions: &["close-problems"],
        footer: Some(("close", 0)),
    },
    // Copy and pins.
    Binding {
        section: "Copy and pins",
        screens: BROWSE,
        keys: &[(letter('y'), Message::Copy), (letter('Y'), Message::CopyId)],
        help: "copy the item as text, or its id (to the terminal's clipboard)",
        actions: &["copy", "copy-id"],
        footer: None,
    },
    Binding {
        section: "Copy and pins",
        screens: BROWSE,
        keys: &[(letter('m'), Message::TogglePin)],
        help: "pin or unpin the item; p presents the pins in order",
        actions: &["pin"],
        footer: None,
    },
];
