//! What flows into `update` and out of it: [`Message`]s from keys, the mouse, workers and
//! the terminal, the [`Screen`] keys are read for, and the [`Effect`]s `update` asks the
//! runtime to carry out.

use std::sync::{Arc, OnceLock};

use super::layout::{ListColumns, list_columns};
use super::symbols::Symbols;
use super::view::{Baseline, Since};
use crate::catalog::Catalog;
use crate::model::Kind;
use crate::query::QueryError;
use crate::search::{Results, SearchIndex};

/// The screen keys are read for: a mode, with the browser split by focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Present,
    /// A presentation followed from another terminal: scroll, help and quit only.
    Follow,
    ChooseBriefing,
    List,
    Detail,
    /// The dossier's overview: text to scroll, no list and no links.
    Overview,
    Finder,
    Help,
    Problems,
    /// The presenter's console (`dossier console`): stop keys that steer, and leave.
    Console,
}

/// Everything the user can ask for. Keys map to these (see `keys.rs`); so do search
/// results arriving and the terminal changing size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Quit,
    Repaint,
    /// Ctrl-z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Text pasted in one piece (bracketed paste): one edit, not a key per character.
    Paste(String),
    /// The left button pressed at a cell: a tab, a list row or a link.
    Click {
        column: u16,
        row: u16,
    },
    /// The wheel turned over a cell: scrolls the pane under the pointer.
    Wheel {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// `z`: the detail pane alone, full width, and back.
    ToggleZoom,
    /// `p`: present the pins, else the briefing (chosen if there are several), else the
    /// current list.
    Present,
    /// `y`: the current item as text, to the terminal's clipboard.
    Copy,
    /// `Y`: the current item's id, to the clipboard.
    CopyId,
    /// `m`: pin or unpin the current item.
    TogglePin,
    /// `e`: open the dossier file in the author's editor at the current item's line.
    Edit,
    /// The editor exited: cleanly, or what went wrong.
    Edited(Result<(), String>),
    /// A follower pressed a key that moves a presentation: only the presenter's do.
    PresenterSteers,
    NextStop,
    PrevStop,
    /// Show or hide the presenter's notes in a presentation: hidden until asked, since
    /// the room sees the screen.
    ToggleNotes,
    FirstStop,
    LastStop,
    /// `Enter` in the briefing chooser.
    Choose,
    /// Where the presenter followed is: a sequence of ids (a briefing's own id first,
    /// standing for its title screen) and the stop on screen.
    Followed {
        briefing: Option<String>,
        stops: Vec<String>,
        stop: usize,
    },
    /// A stop key (`NextStop`, `PrevStop`, `FirstStop`, `LastStop`) pressed in the
    /// presenter's console: it moves the presentation even under the help.
    Steered(Box<Message>),
    /// The dossier file changed and was read again.
    Reloaded(Reload),
    /// How many follow this presentation, when it is shared.
    Audience(usize),
    /// The viewer's own glyphs, as the terminal can show them.
    Glyphs(Box<Symbols>),
    /// Up, down, a page, the top and the bottom: in a list they move the selection,
    /// in the detail pane and the overlays they scroll.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextTab,
    PrevTab,
    SelectTab(usize),
    FocusDetail,
    FocusList,
    NextLink,
    PrevLink,
    FollowLink,
    ScrollDetail(i32),
    ScrollDetailHalfPage(i32),
    NextMatch,
    PrevMatch,
    Back,
    Forward,
    OpenFinder,
    FinderType(char),
    FinderBackspace,
    FinderDeleteWord,
    FinderClear,
    FinderUp,
    FinderDown,
    FinderPageUp,
    FinderPageDown,
    FinderOpen,
    ToggleHelp,
    ToggleProblems,
    /// Esc and `q` on an overlay, the finder or a presentation: closes it. Leaving a
    /// presentation started as `dossier present` ends the program.
    Close,
    FinderLeft,
    FinderRight,
    FinderWordLeft,
    FinderWordRight,
    FinderHome,
    FinderEnd,
    SearchDone {
        generation: u64,
        results: Result<Results, QueryError>,
    },
    Resize(u16, u16),
}

/// A new version of the dossier file, read off the UI thread: the catalog, or the first
/// line of what is wrong with it (`FILE:LINE:COL: message`).
#[derive(Debug, Clone)]
pub struct Reload(pub Result<Loaded, String>);

/// A catalog with what the viewer measures of it once, prepared where it was loaded so
/// that the UI thread only swaps it in.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Arc<Catalog>,
    pub(crate) columns: [ListColumns; Kind::ALL.len()],
    /// What changed since the viewer's baseline, when it has one.
    pub(crate) since: Option<Arc<Since>>,
}

impl Reload {
    /// A catalog that loaded; its lists are measured here, on the caller's thread.
    pub fn loaded(catalog: Arc<Catalog>) -> Reload {
        Reload::compared(catalog, None)
    }

    /// A catalog that loaded, measured and compared with `baseline` here, on the
    /// caller's thread: the changes of a large dossier take a while to find.
    pub fn compared(catalog: Arc<Catalog>, baseline: Option<&Baseline>) -> Reload {
        let columns = Kind::ALL.map(|kind| list_columns(&catalog, kind));
        let since = baseline.map(|baseline| Arc::new(baseline.compare(&catalog)));
        Reload(Ok(Loaded {
            catalog,
            columns,
            since,
        }))
    }
}

impl PartialEq for Reload {
    fn eq(&self, other: &Reload) -> bool {
        match (&self.0, &other.0) {
            (Ok(a), Ok(b)) => Arc::ptr_eq(&a.catalog, &b.catalog),
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Reload {}

/// Work `update` asks the runtime to do outside the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Search {
        generation: u64,
        query: String,
    },
    /// Clear the terminal and draw every cell again.
    Repaint,
    /// Restore the terminal and stop until continued.
    Suspend,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Hand the terminal to the author's editor at `line` of `file`, take it back when
    /// the editor exits, and read the file again.
    Edit {
        file: std::path::PathBuf,
        line: Option<usize>,
    },
    /// The catalog changed: the search worker must index the new one, and then run
    /// the finder's query again, if one is open. The old catalog and index are to be
    /// freed off the UI thread: a big dossier takes tens of milliseconds to free.
    Reindex {
        search: Option<(u64, String)>,
        retired: Retired,
    },
}

/// A catalog and its search index that the viewer no longer shows.
#[derive(Debug, Clone)]
pub struct Retired(pub Arc<Catalog>, pub Arc<OnceLock<SearchIndex>>);

/// Two retirements are the same when they retire the same catalog.
impl PartialEq for Retired {
    fn eq(&self, other: &Retired) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Retired {}
