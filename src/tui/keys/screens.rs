//! The groups of screens a binding applies on.

use crate::tui::message::Screen;

/// Where a binding applies.
pub(super) const BROWSE: &[Screen] = &[Screen::List, Screen::Detail, Screen::Overview];
pub(super) const LIST: &[Screen] = &[Screen::List];
pub(super) const DETAIL: &[Screen] = &[Screen::Detail];
/// Where keys move through tabs: a list, which has no links.
pub(super) const TABS: &[Screen] = &[Screen::List];
/// Where keys move through links: the detail pane, and the overview, which links to the
/// partners, the briefings and the sources.
pub(super) const LINKS: &[Screen] = &[Screen::Detail, Screen::Overview];
/// Where keys scroll text: the detail pane and the overview.
pub(super) const TEXT: &[Screen] = &[Screen::Detail, Screen::Overview];
pub(super) const FINDER: &[Screen] = &[Screen::Finder];
pub(super) const FINDER_OR_BROWSE: &[Screen] = &[
    Screen::Finder,
    Screen::List,
    Screen::Detail,
    Screen::Overview,
];
pub(super) const HELP: &[Screen] = &[Screen::Help];
pub(super) const PROBLEMS: &[Screen] = &[Screen::Problems];
pub(super) const PRESENT: &[Screen] = &[Screen::Present];
/// Presenting, and following a presentation: a follower scrolls its own view.
pub(super) const PRESENT_OR_FOLLOW: &[Screen] = &[Screen::Present, Screen::Follow];
pub(super) const FOLLOW: &[Screen] = &[Screen::Follow];
/// The presenter's console: its stop keys are present mode's, and steer it.
pub(super) const CONSOLE: &[Screen] = &[Screen::Console];
pub(super) const PRESENT_OR_CONSOLE: &[Screen] = &[Screen::Present, Screen::Console];
pub(super) const CHOOSER: &[Screen] = &[Screen::ChooseBriefing];
pub(crate) const EVERYWHERE: &[Screen] = &[
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
