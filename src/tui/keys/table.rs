//! The key table itself: every input the viewer answers, on which screens, and what it
//! says in the help, the footer and the README. A new key is one row here.

use crossterm::event::KeyCode;

use super::screens::*;
use super::{Binding, Input, alt, ctrl, letter, plain, shift};
use crate::tui::message::Message;

/// Lines the wheel scrolls a pane per notch.
const WHEEL_LINES: i32 = 3;

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

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

/// Every key the viewer knows, in the order the help lists them.
pub(crate) const BINDINGS: &[Binding] = &[
    // In the list.
    Binding {
        section: "Lists",
        screens: LIST,
        keys: &[
            (plain(Up), Message::Up),
            (plain(Down), Message::Down),
            (letter('k'), Message::Up),
            (letter('j'), Message::Down),
        ],
        help: "previous or next item",
        footer: Some(("move", 3)),
    },
    Binding {
        section: "Lists",
        screens: LIST,
        keys: &[
            (plain(PageUp), Message::PageUp),
            (plain(PageDown), Message::PageDown),
        ],
        help: "a page up or down",
        footer: None,
    },
    Binding {
        section: "Lists",
        screens: LIST,
        keys: &[
            (plain(Home), Message::Top),
            (plain(End), Message::Bottom),
            (letter('g'), Message::Top),
            (letter('G'), Message::Bottom),
        ],
        help: "first or last item",
        footer: None,
    },
    Binding {
        section: "Lists",
        screens: BROWSE,
        keys: &[
            (letter('0'), Message::SelectTab(0)),
            (letter('1'), Message::SelectTab(1)),
            (letter('2'), Message::SelectTab(2)),
            (letter('3'), Message::SelectTab(3)),
            (letter('4'), Message::SelectTab(4)),
            (letter('5'), Message::SelectTab(5)),
        ],
        help: "overview, countries, forums, actions, sources, briefings",
        footer: None,
    },
    Binding {
        section: "Lists",
        screens: TABS,
        keys: &[
            (plain(Tab), Message::NextTab),
            (plain(BackTab), Message::PrevTab),
        ],
        help: "next or previous tab",
        footer: Some(("tab", 4)),
    },
    Binding {
        section: "Lists",
        screens: LIST,
        keys: &[
            (plain(Enter), Message::FocusDetail),
            (plain(Right), Message::FocusDetail),
            (letter('l'), Message::FocusDetail),
        ],
        help: "into the detail pane",
        footer: Some(("detail", 2)),
    },
    // In the detail pane.
    Binding {
        section: "Detail pane",
        screens: LINKS,
        keys: &[
            (plain(Tab), Message::NextLink),
            (plain(BackTab), Message::PrevLink),
        ],
        help: "next or previous link",
        footer: Some(("link", 2)),
    },
    Binding {
        section: "Detail pane",
        screens: LINKS,
        keys: &[
            (plain(Enter), Message::FollowLink),
            (plain(Right), Message::FollowLink),
            (letter('l'), Message::FollowLink),
        ],
        help: "open the link under the cursor",
        footer: Some(("open", 2)),
    },
    Binding {
        section: "Detail pane",
        screens: TEXT,
        keys: &[
            (plain(Up), Message::Up),
            (plain(Down), Message::Down),
            (letter('k'), Message::Up),
            (letter('j'), Message::Down),
        ],
        help: "scroll a line",
        footer: Some(("scroll", 5)),
    },
    Binding {
        section: "Detail pane",
        screens: TEXT,
        keys: &[
            (plain(PageUp), Message::PageUp),
            (plain(PageDown), Message::PageDown),
            (letter('b'), Message::PageUp),
            (letter(' '), Message::PageDown),
        ],
        help: "a page up or down",
        footer: None,
    },
    Binding {
        section: "Detail pane",
        screens: TEXT,
        keys: &[
            (plain(Home), Message::Top),
            (plain(End), Message::Bottom),
            (letter('g'), Message::Top),
            (letter('G'), Message::Bottom),
        ],
        help: "top or bottom of the text",
        footer: None,
    },
    Binding {
        section: "Detail pane",
        screens: DETAIL,
        keys: &[
            (plain(Left), Message::FocusList),
            (letter('h'), Message::FocusList),
            (plain(Esc), Message::FocusList),
        ],
        help: "back to the list",
        footer: Some(("list", 4)),
    },
    Binding {
        section: "Detail pane",
        screens: BROWSE,
        keys: &[
            (letter('J'), Message::ScrollDetail(1)),
            (letter('K'), Message::ScrollDetail(-1)),
            (shift(Down), Message::ScrollDetail(1)),
            (shift(Up), Message::ScrollDetail(-1)),
        ],
        help: "scroll the detail a line, from anywhere",
        footer: None,
    },
    Binding {
        section: "Detail pane",
        screens: BROWSE,
        keys: &[
            (ctrl('d'), Message::ScrollDetailHalfPage(1)),
            (ctrl('u'), Message::ScrollDetailHalfPage(-1)),
        ],
        help: "scroll the detail half a page",
        footer: None,
    },
    Binding {
        section: "Detail pane",
        screens: BROWSE,
        keys: &[(letter('z'), Message::ToggleZoom)],
        help: "the detail pane alone, full width, and back",
        footer: Some(("zoom", 6)),
    },
    Binding {
        section: "Detail pane",
        screens: BROWSE,
        keys: &[
            (letter('n'), Message::NextMatch),
            (letter('N'), Message::PrevMatch),
        ],
        help: "next or previous match of the finder's query",
        footer: None,
    },
    // Moving through places.
    Binding {
        section: "History",
        screens: BROWSE,
        keys: &[
            (plain(Backspace), Message::Back),
            (letter('['), Message::Back),
            (ctrl('o'), Message::Back),
        ],
        help: "back to where you were",
        footer: Some(("back", 3)),
    },
    Binding {
        section: "History",
        screens: BROWSE,
        keys: &[(letter(']'), Message::Forward)],
        help: "forward again",
        footer: None,
    },
    // The finder.
    Binding {
        section: "Find",
        screens: BROWSE,
        keys: &[(letter('/'), Message::OpenFinder)],
        help: "find anything, in every kind",
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
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(plain(Enter), Message::FinderOpen)],
        help: "open the chosen result",
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
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(plain(Esc), Message::Close)],
        help: "close, changing nothing",
        footer: Some(("cancel", 0)),
    },
    Binding {
        section: "Find",
        screens: FINDER,
        keys: &[(Input::Typed, Message::FinderType(' '))],
        help: "typed into the query, where the cursor is",
        footer: None,
    },
    Binding {
        section: "Find",
        screens: FINDER_OR_BROWSE,
        keys: &[(Input::Paste, Message::Paste(String::new()))],
        help: "into the query, as one line; in a list or the detail, looked up",
        footer: None,
    },
    // Overlays. The help and the problems each have their own rows, so that the help
    // over a presentation, which has no problems to show, names only its own.
    Binding {
        section: "Help",
        screens: BROWSE,
        keys: &[(letter('?'), Message::ToggleHelp)],
        help: "this help",
        footer: Some(("help", 0)),
    },
    Binding {
        section: "Help",
        screens: HELP,
        keys: SCROLL_OVERLAY,
        help: "scroll the help",
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
        footer: Some(("close", 0)),
    },
    Binding {
        section: "Problems",
        screens: BROWSE,
        keys: &[(letter('!'), Message::ToggleProblems)],
        help: "problems found in the dossier",
        footer: None,
    },
    Binding {
        section: "Problems",
        screens: PROBLEMS,
        keys: SCROLL_OVERLAY,
        help: "scroll the problems",
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
        footer: Some(("close", 0)),
    },
    // Copy and pins.
    Binding {
        section: "Copy and pins",
        screens: BROWSE,
        keys: &[(letter('y'), Message::Copy), (letter('Y'), Message::CopyId)],
        help: "copy the item as text, or its id (to the terminal's clipboard)",
        footer: None,
    },
    Binding {
        section: "Copy and pins",
        screens: BROWSE,
        keys: &[(letter('m'), Message::TogglePin)],
        help: "pin or unpin the item; p presents the pins in order",
        footer: None,
    },
    // Presenting.
    Binding {
        section: "Present",
        screens: BROWSE,
        keys: &[(letter('p'), Message::Present)],
        help: "present the pins, else the briefing (or choose one), else this list",
        footer: Some(("present", 5)),
    },
    Binding {
        section: "Present",
        screens: PRESENT,
        keys: &[
            (plain(Right), Message::NextStop),
            (letter('l'), Message::NextStop),
            (letter(' '), Message::NextStop),
            (letter('n'), Message::NextStop),
            (plain(PageDown), Message::NextStop),
        ],
        help: "next stop",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT,
        keys: &[
            (plain(Left), Message::PrevStop),
            (letter('h'), Message::PrevStop),
            (plain(Backspace), Message::PrevStop),
            (letter('p'), Message::PrevStop),
            (plain(PageUp), Message::PrevStop),
        ],
        help: "previous stop",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT,
        keys: &[
            (plain(Home), Message::FirstStop),
            (plain(End), Message::LastStop),
        ],
        help: "first or last stop",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT,
        keys: &[(letter('N'), Message::ToggleNotes)],
        help: "show or hide the presenter's notes (hidden at first: the room sees this screen)",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: FOLLOW,
        keys: &[
            (plain(Right), Message::PresenterSteers),
            (letter('l'), Message::PresenterSteers),
            (letter(' '), Message::PresenterSteers),
            (letter('n'), Message::PresenterSteers),
            (plain(PageDown), Message::PresenterSteers),
            (plain(Left), Message::PresenterSteers),
            (letter('h'), Message::PresenterSteers),
            (plain(Backspace), Message::PresenterSteers),
            (letter('p'), Message::PresenterSteers),
            (plain(PageUp), Message::PresenterSteers),
            (plain(Home), Message::PresenterSteers),
            (plain(End), Message::PresenterSteers),
        ],
        help: "following: only the presenter moves the stops (the footer says so)",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT_OR_FOLLOW,
        keys: &[
            (letter('j'), Message::Down),
            (letter('k'), Message::Up),
            (plain(Down), Message::Down),
            (plain(Up), Message::Up),
        ],
        help: "scroll a stop that does not fit (following: your own view)",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT_OR_FOLLOW,
        keys: &[(letter('q'), Message::Close), (plain(Esc), Message::Close)],
        help: "leave the presentation (or stop following it)",
        footer: None,
    },
    Binding {
        section: "Present",
        screens: PRESENT_OR_FOLLOW,
        keys: &[(letter('?'), Message::ToggleHelp)],
        help: "the keys, over the presentation",
        footer: None,
    },
    Binding {
        section: "Choose a briefing",
        screens: CHOOSER,
        keys: &[
            (plain(Up), Message::Up),
            (plain(Down), Message::Down),
            (letter('k'), Message::Up),
            (letter('j'), Message::Down),
        ],
        help: "previous or next briefing",
        footer: Some(("move", 1)),
    },
    Binding {
        section: "Choose a briefing",
        screens: CHOOSER,
        keys: &[(plain(Enter), Message::Choose)],
        help: "present the chosen briefing",
        footer: Some(("present", 1)),
    },
    Binding {
        section: "Choose a briefing",
        screens: CHOOSER,
        keys: &[(letter('q'), Message::Close), (plain(Esc), Message::Close)],
        help: "close, presenting nothing",
        footer: Some(("close", 0)),
    },
    // The mouse.
    Binding {
        section: "Mouse",
        screens: BROWSE,
        keys: &[(Input::Click, Message::Click { column: 0, row: 0 })],
        help: "a tab, a row or a link: selects or follows it (not with --no-mouse)",
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
        footer: None,
    },
    // Anywhere.
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('l'), Message::Repaint)],
        help: "repaint the whole screen",
        footer: None,
    },
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('z'), Message::Suspend)],
        help: "suspend to the shell (`fg` comes back)",
        footer: None,
    },
    Binding {
        section: "Anywhere",
        screens: BROWSE,
        keys: &[(letter('q'), Message::Quit)],
        help: "quit",
        footer: Some(("quit", 4)),
    },
    Binding {
        section: "Anywhere",
        screens: EVERYWHERE,
        keys: &[(ctrl('c'), Message::Quit)],
        help: "quit, from anywhere",
        footer: None,
    },
];
