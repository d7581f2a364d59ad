//! Browsing: the lists, the detail pane, history.

use super::super::screens::*;
use super::*;
use crate::tui::message::Message;

pub(super) const ROWS: &[Binding] = &[
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
        actions: &["previous-item", "next-item"],
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
        actions: &["page-up", "page-down"],
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
        actions: &["first-item", "last-item"],
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
        actions: &[
            "tab-overview",
            "tab-countries",
            "tab-forums",
            "tab-actions",
            "tab-sources",
            "tab-briefings",
        ],
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
        actions: &["next-tab", "previous-tab"],
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
        actions: &["open-detail"],
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
        actions: &["next-link", "previous-link"],
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
        actions: &["follow-link"],
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
        actions: &["scroll-up", "scroll-down"],
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
        actions: &["scroll-page-up", "scroll-page-down"],
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
        actions: &["scroll-top", "scroll-bottom"],
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
        actions: &["back-to-list"],
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
        actions: &["detail-line-down", "detail-line-up"],
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
        actions: &["detail-half-page-down", "detail-half-page-up"],
        footer: None,
    },
    Binding {
        section: "Detail pane",
        screens: BROWSE,
        keys: &[(letter('z'), Message::ToggleZoom)],
        help: "the detail pane alone, full width, and back",
        actions: &["zoom"],
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
        actions: &["next-match", "previous-match"],
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
        actions: &["back"],
        footer: Some(("back", 3)),
    },
    Binding {
        section: "History",
        screens: BROWSE,
        keys: &[(letter(']'), Message::Forward)],
        help: "forward again",
        actions: &["forward"],
        footer: None,
    },
    // Keeping the dossier.
    Binding {
        section: "Edit",
        screens: BROWSE,
        keys: &[(letter('e'), Message::Edit)],
        help: "edit the file at this item, in $VISUAL or $EDITOR",
        actions: &["edit"],
        footer: None,
    },
];
