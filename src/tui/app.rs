//! The viewer's state and the one place it changes: [`App::update`], which hands each
//! message to the mode it belongs to.

use std::sync::{Arc, OnceLock};

use crate::catalog::Catalog;
use crate::model::{ItemRef, Kind};
use crate::query::QueryError;
use crate::search::{Query, Results, SearchIndex};

use super::history::History;
use super::symbols::{Symbols, UNICODE};
use super::theme::Theme;
use super::ui;

/// The most a copy sends the terminal: terminals and tmux drop longer OSC 52 sequences.
pub const COPY_LIMIT: usize = 100 * 1024;

/// How many finder results are kept; the count above them still says how many matched.
pub const FINDER_LIMIT: usize = 500;

/// The tabs: the dossier's overview, then a list per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    List(Kind),
}

impl Tab {
    /// Every tab, in order; its position is the key that selects it (`0`, `1`, …).
    pub fn all() -> impl Iterator<Item = Tab> {
        std::iter::once(Tab::Overview).chain(Kind::ALL.map(Tab::List))
    }

    pub fn count() -> usize {
        Kind::ALL.len() + 1
    }

    pub fn at(index: usize) -> Option<Tab> {
        Tab::all().nth(index)
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::List(kind) => kind.heading(),
        }
    }
}

/// Where the user is: an item, or a tab with no item (the overview, an empty list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Item(ItemRef),
    Tab(usize),
}

/// Which pane the keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// What is on screen on top of the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Finder(Finder),
    Help {
        scroll: u16,
        /// The presentation the help was opened over, to come back to when it closes.
        behind: Option<Presentation>,
    },
    Problems {
        scroll: u16,
    },
    /// One stop at a time, large, for a room.
    Present(Presentation),
    /// Which briefing to present, when the dossier has several.
    ChooseBriefing {
        selected: usize,
    },
}

/// A sequence being presented: a briefing (which opens with its title screen) or items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The briefing presented, if it is one.
    pub briefing: Option<ItemRef>,
    pub stops: Vec<Stop>,
    /// Index into `stops`.
    pub stop: usize,
    /// Lines scrolled in a stop too long for the screen.
    pub scroll: usize,
    /// Started as `dossier present`: leaving it ends the program.
    pub standalone: bool,
}

/// One screen of a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The briefing's title, summary, notes and list of stops.
    Title,
    Item(ItemRef),
}

impl Presentation {
    /// A briefing: its title screen, then its items in order (ids that name nothing
    /// are left out; `check` reports them).
    pub fn of_briefing(catalog: &Catalog, briefing: ItemRef) -> Option<Presentation> {
        let Some(crate::model::Item::Briefing(found)) = catalog.get(briefing) else {
            return None;
        };
        let items = found.items.iter().filter_map(|id| catalog.find(id));
        Some(Presentation {
            briefing: Some(briefing),
            stops: std::iter::once(Stop::Title)
                .chain(items.map(Stop::Item))
                .collect(),
            stop: 0,
            scroll: 0,
            standalone: false,
        })
    }

    /// Items in the order given, from the first item.
    pub fn of_items(items: impl IntoIterator<Item = ItemRef>) -> Option<Presentation> {
        let stops: Vec<Stop> = items.into_iter().map(Stop::Item).collect();
        (!stops.is_empty()).then_some(Presentation {
            briefing: None,
            stops,
            stop: 0,
            scroll: 0,
            standalone: false,
        })
    }

    pub fn current(&self) -> Option<Stop> {
        self.stops.get(self.stop).copied()
    }

    /// Where the presentation is, as its footer says it: `2/6`. A briefing's title
    /// screen is not one of its stops (its list numbers them from 1): it says `6 stops`.
    pub fn counter(&self) -> String {
        let titled = self.stops.first() == Some(&Stop::Title);
        let total = self.stops.len().saturating_sub(usize::from(titled));
        match (titled, self.stop) {
            (true, 0) if total == 1 => "1 stop".to_owned(),
            (true, 0) => format!("{total} stops"),
            (true, stop) => format!("{stop}/{total}"),
            (false, stop) => format!("{}/{total}", stop + 1),
        }
    }

    /// This presentation in a new version of the dossier, where `remap` finds each old
    /// item: a briefing takes its new list of stops, items that are gone drop out, and
    /// the stop on screen stays on screen while it exists.
    fn carried_over(
        &self,
        new: &Catalog,
        remap: &dyn Fn(ItemRef) -> Option<ItemRef>,
    ) -> Presentation {
        let rebuilt = self
            .briefing
            .and_then(remap)
            .and_then(|briefing| Presentation::of_briefing(new, briefing));
        let mut next = rebuilt.unwrap_or_else(|| Presentation {
            briefing: None,
            stops: self
                .stops
                .iter()
                .filter_map(|stop| match stop {
                    Stop::Title => None,
                    Stop::Item(item) => remap(*item).map(Stop::Item),
                })
                .collect(),
            stop: 0,
            scroll: 0,
            standalone: false,
        });
        let shown = match self.current() {
            Some(Stop::Item(item)) => remap(item).map(Stop::Item),
            other => other,
        };
        match shown.and_then(|shown| next.stops.iter().position(|&stop| stop == shown)) {
            Some(stop) => {
                next.stop = stop;
                next.scroll = self.scroll;
            }
            None => next.stop = self.stop.min(next.stops.len().saturating_sub(1)),
        }
        next.standalone = self.standalone;
        next
    }
}

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
}

/// The fuzzy finder overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub query: String,
    /// Where typing goes in `query`: a byte offset, always on a character boundary.
    pub cursor: usize,
    /// What is wrong with the query, when it cannot run; the last good results stay.
    pub error: Option<QueryError>,
    /// After a reload, the item to select again when the new results arrive.
    pub keep: Option<ItemRef>,
    /// Bumped on every edit; results for an older generation are stale and dropped.
    pub generation: u64,
    pub results: Results,
    /// The query the shown results belong to, to say when newer ones are on their way.
    pub results_generation: u64,
    pub selected: usize,
}

impl Finder {
    pub fn is_searching(&self) -> bool {
        self.results_generation != self.generation
    }
}

/// The detail pane's scroll and link cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailView {
    /// Lines scrolled off the top: a `usize`, as a huge item has more than 65 535.
    pub scroll: usize,
    /// The link under the cursor, when one is on screen.
    pub link: Option<usize>,
}

/// The finder's query, highlighted in the item it opened until another is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindInText {
    pub item: ItemRef,
    pub query: String,
    /// The match `n` and `N` last went to, an index into the pane's match rows.
    pub current: Option<usize>,
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
    /// A follower pressed a key that moves a presentation: only the presenter's do.
    PresenterSteers,
    NextStop,
    PrevStop,
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
    /// The dossier file changed and was read again.
    Reloaded(Reload),
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
    /// Closes the finder or an overlay. Never quits.
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
    columns: [ui::ListColumns; Kind::ALL.len()],
}

impl Reload {
    /// A catalog that loaded; its lists are measured here, on the caller's thread.
    pub fn loaded(catalog: Arc<Catalog>) -> Reload {
        let columns = Kind::ALL.map(|kind| ui::list_columns(&catalog, kind));
        Reload(Ok(Loaded { catalog, columns }))
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
    /// The catalog changed: the search worker must index the new one, and then run
    /// the finder's query again, if one is open.
    Reindex {
        search: Option<(u64, String)>,
    },
}

#[derive(Debug)]
pub struct App {
    pub catalog: Arc<Catalog>,
    pub theme: Theme,
    /// The viewer's own glyphs: Unicode, or ASCII for a terminal without it.
    pub symbols: Symbols,
    pub mode: Mode,
    pub focus: Focus,
    /// Index into [`Tab::all`].
    pub tab: usize,
    /// The selected row of each kind's list, in [`Kind::ALL`] order.
    pub selected: [usize; Kind::ALL.len()],
    pub detail: DetailView,
    /// The detail pane alone, full width.
    pub zoomed: bool,
    /// Showing a presenter's screens (`dossier follow`): no steering, no notes.
    pub following: bool,
    /// How many follow this presentation, when it is shared (`present --share`).
    pub audience: Option<usize>,
    /// Counts the dossier's versions: each reload adds one.
    pub version: u64,
    /// Items pinned, in pin order, for `p` to present. Kept until the viewer exits:
    /// nothing is ever written to the dossier.
    pub pins: Vec<ItemRef>,
    /// A word about what the last key did (`copied …`), shown in the footer until the
    /// next key.
    pub notice: Option<String>,
    /// Why the file on screen is not the file on disk: it is broken or gone. The last
    /// good version stays on screen until the file is fixed.
    pub banner: Option<String>,
    pub find: Option<FindInText>,
    pub history: History<Place>,
    /// The size drawn: the terminal's, up to [`ui::MAX_SCREEN`]. Every draw fills it,
    /// so scrolling is clamped to it.
    pub size: (u16, u16),
    /// The terminal's size when it is larger than what is drawn.
    pub oversized: Option<(u16, u16)>,
    /// How many times a detail page or preview was laid out: a key that only scrolls
    /// must not add to it, whatever the item's size.
    pub layouts: u64,
    pub quit: bool,
    /// Each kind's list widths, measured once.
    columns: [ui::ListColumns; Kind::ALL.len()],
    /// The detail pane laid out for what it shows now, and the finder's preview, each
    /// with what it was laid out for.
    pages: [(Option<ui::PageKey>, ui::Page); 2],
    /// The search index, built on first use: the runtime builds it on the search
    /// worker while the first frame is on screen.
    search: Arc<OnceLock<SearchIndex>>,
}

impl App {
    /// The viewer on the countries list.
    pub fn new(catalog: Arc<Catalog>, theme: Theme) -> App {
        App {
            columns: Kind::ALL.map(|kind| ui::list_columns(&catalog, kind)),
            pages: Default::default(),
            search: Arc::default(),
            catalog,
            theme,
            symbols: UNICODE,
            mode: Mode::Browse,
            focus: Focus::List,
            tab: 1,
            selected: [0; Kind::ALL.len()],
            detail: DetailView::default(),
            zoomed: false,
            following: false,
            audience: None,
            version: 0,
            pins: Vec::new(),
            notice: None,
            banner: None,
            find: None,
            history: History::default(),
            size: (80, 24),
            oversized: None,
            layouts: 0,
            quit: false,
        }
    }

    /// The viewer with `item` selected and its detail pane focused.
    pub fn at(catalog: Arc<Catalog>, theme: Theme, item: ItemRef) -> App {
        let mut app = App::new(catalog, theme);
        app.show(Place::Item(item));
        app.focus = Focus::Detail;
        app
    }

    pub fn screen(&self) -> Screen {
        match (&self.mode, self.focus) {
            (Mode::Browse, _) if self.current_tab() == Tab::Overview => Screen::Overview,
            (Mode::Browse, Focus::List) => Screen::List,
            (Mode::Browse, Focus::Detail) => Screen::Detail,
            (Mode::Finder(_), _) => Screen::Finder,
            (Mode::Help { .. }, _) => Screen::Help,
            (Mode::Problems { .. }, _) => Screen::Problems,
            (Mode::Present(_), _) if self.following => Screen::Follow,
            (Mode::Present(_), _) => Screen::Present,
            (Mode::ChooseBriefing { .. }, _) => Screen::ChooseBriefing,
        }
    }

    pub fn current_tab(&self) -> Tab {
        Tab::at(self.tab).unwrap_or(Tab::Overview)
    }

    /// The kind of the current list, if a list is showing.
    pub fn kind(&self) -> Option<Kind> {
        match self.current_tab() {
            Tab::List(kind) => Some(kind),
            Tab::Overview => None,
        }
    }

    pub fn selected_index(&self) -> usize {
        self.kind()
            .and_then(|kind| self.selected.get(kind_index(kind)))
            .copied()
            .unwrap_or(0)
    }

    /// The item in the detail pane, if the current tab is a list that has any.
    pub fn current(&self) -> Option<ItemRef> {
        let item = ItemRef {
            kind: self.kind()?,
            index: self.selected_index(),
        };
        self.catalog.get(item).map(|_| item)
    }

    pub(crate) fn columns(&self, kind: Kind) -> ui::ListColumns {
        self.columns
            .get(kind_index(kind))
            .copied()
            .unwrap_or_default()
    }

    /// The search index, built now if nobody has yet.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(&self.catalog))
    }

    /// The search index if it is built: a draw must not wait for it to be (after a
    /// reload the worker builds the new one, and a frame drawn meanwhile shows results
    /// without highlights rather than building it again on the thread keys need).
    pub(crate) fn ready_search_index(&self) -> Option<&SearchIndex> {
        self.search.get()
    }

    /// The slot the search index lives in, for the worker that builds and uses it.
    pub(crate) fn search_slot(&self) -> Arc<OnceLock<SearchIndex>> {
        Arc::clone(&self.search)
    }

    /// A page `update` laid out, if it was laid out for `key`.
    pub(crate) fn cached_page(&self, key: &ui::PageKey) -> Option<&ui::Page> {
        self.pages
            .iter()
            .find(|(laid_out_for, _)| laid_out_for.as_ref() == Some(key))
            .map(|(_, page)| page)
    }

    /// Lays the detail page out again when what it shows has changed, so that draws and
    /// scrolling only read it.
    fn refresh_page(&mut self) {
        let key = ui::detail_size(self).map(|(width, _)| ui::PageKey::of(self, width));
        self.lay_out(0, key);
    }

    /// Gets ready for a draw: lays out the finder's preview, which only a draw needs.
    /// The runtime calls this once before each frame, not once per key, so that typing
    /// (or a paste typed key by key) does not lay out a preview per character.
    pub fn prepare_frame(&mut self) {
        let key = ui::preview_key(self);
        self.lay_out(1, key);
    }

    fn lay_out(&mut self, slot: usize, key: Option<ui::PageKey>) {
        let Some(key) = key else { return };
        if self
            .pages
            .get(slot)
            .is_some_and(|(laid_out_for, _)| laid_out_for.as_ref() != Some(&key))
        {
            let page = ui::page(self, &key);
            if let Some(cached) = self.pages.get_mut(slot) {
                *cached = (Some(key), page);
            }
            self.layouts += 1;
        }
    }

    pub fn place(&self) -> Place {
        self.current().map_or(Place::Tab(self.tab), Place::Item)
    }

    /// The query whose terms the detail pane highlights, if any.
    pub fn find_query(&self) -> Option<&str> {
        self.find
            .as_ref()
            .filter(|find| Some(find.item) == self.current())
            .map(|find| find.query.as_str())
    }

    /// Applies one message. Returns work for the runtime, if any.
    pub fn update(&mut self, message: Message) -> Option<Effect> {
        // A notice is about the key before; a new key makes it old news.
        if !matches!(
            message,
            Message::SearchDone { .. } | Message::Reloaded(_) | Message::Resize(..)
        ) {
            self.notice = None;
        }
        let effect = match message {
            Message::Quit => {
                self.quit = true;
                None
            }
            Message::Repaint => Some(Effect::Repaint),
            Message::Resize(width, height) => {
                self.size = (width.min(ui::MAX_SCREEN.0), height.min(ui::MAX_SCREEN.1));
                self.oversized = ((width, height) != self.size).then_some((width, height));
                None
            }
            Message::Suspend => Some(Effect::Suspend),
            Message::Followed {
                briefing,
                stops,
                stop,
            } => {
                self.follow(briefing.as_deref(), &stops, stop);
                None
            }
            Message::Reloaded(Reload(Ok(loaded))) => Some(self.reload(loaded)),
            Message::Reloaded(Reload(Err(problem))) => {
                self.banner = Some(problem);
                None
            }
            Message::SearchDone {
                generation,
                results,
            } => {
                if let Mode::Finder(finder) = &mut self.mode {
                    finder.receive(generation, results);
                }
                None
            }
            message => match self.mode {
                Mode::Browse => self.update_browse(message),
                Mode::Finder(_) => self.update_finder(message),
                Mode::Help { .. } | Mode::Problems { .. } => {
                    self.update_overlay(message);
                    None
                }
                Mode::Present(_) => {
                    self.update_present(message);
                    None
                }
                Mode::ChooseBriefing { .. } => {
                    self.update_chooser(message);
                    None
                }
            },
        };
        if self.find_query().is_none() {
            self.find = None;
        }
        self.clamp_scrolls();
        effect
    }

    fn update_browse(&mut self, message: Message) -> Option<Effect> {
        self.refresh_page();
        let in_detail = self.focus == Focus::Detail;
        let page = self.detail_height().max(1) as i32;
        match message {
            Message::Up if in_detail => self.scroll_detail(-1),
            Message::Down if in_detail => self.scroll_detail(1),
            Message::PageUp if in_detail => self.scroll_detail(-page),
            Message::PageDown if in_detail => self.scroll_detail(page),
            Message::Top if in_detail => self.scroll_detail(i32::MIN),
            Message::Bottom if in_detail => self.scroll_detail(i32::MAX),
            Message::Up => self.move_selection(-1),
            Message::Down => self.move_selection(1),
            Message::PageUp => self.move_selection(-(self.list_page() as isize)),
            Message::PageDown => self.move_selection(self.list_page() as isize),
            Message::Top => self.move_selection(isize::MIN / 2),
            Message::Bottom => self.move_selection(isize::MAX / 2),
            Message::NextTab => self.select_tab((self.tab + 1) % Tab::count()),
            Message::PrevTab => self.select_tab((self.tab + Tab::count() - 1) % Tab::count()),
            Message::SelectTab(tab) if tab < Tab::count() => self.select_tab(tab),
            Message::FocusDetail if self.current().is_some() => {
                self.focus = Focus::Detail;
                self.land();
            }
            Message::FocusList if self.kind().is_some() => self.focus = Focus::List,
            Message::NextLink => self.move_link(1),
            Message::PrevLink => self.move_link(-1),
            Message::FollowLink => {
                let links = self.links();
                if let Some(&target) = self.detail.link.and_then(|link| links.get(link)) {
                    self.jump(Place::Item(target));
                    self.land();
                }
            }
            Message::ScrollDetail(lines) => self.scroll_detail(lines),
            Message::ScrollDetailHalfPage(direction) => self.scroll_detail(direction * page / 2),
            Message::NextMatch => self.move_match(1),
            Message::PrevMatch => self.move_match(-1),
            Message::Back => {
                if let Some(to) = self.history.back(self.place()) {
                    self.show(to);
                    self.land();
                }
            }
            Message::Forward => {
                if let Some(to) = self.history.forward(self.place()) {
                    self.show(to);
                    self.land();
                }
            }
            Message::OpenFinder => {
                self.mode = Mode::Finder(Finder::default());
                return Some(Effect::Search {
                    generation: 0,
                    query: String::new(),
                });
            }
            // Pasting where nothing is typed looks the text up: an id, a name.
            Message::Paste(text) => {
                self.mode = Mode::Finder(Finder::default());
                return self.update_finder(Message::Paste(text));
            }
            Message::ToggleZoom => {
                self.zoomed = !self.zoomed;
                if self.zoomed && self.current().is_some() {
                    self.focus = Focus::Detail;
                    self.land();
                }
            }
            Message::Click { column, row } => self.click(column, row),
            Message::Wheel { column, row, lines } => match ui::hit_test(self, column, row) {
                Some(ui::Hit::List | ui::Hit::ListRow(_)) => {
                    self.move_selection(lines as isize);
                }
                Some(ui::Hit::Detail | ui::Hit::Link(_)) => self.scroll_detail(lines),
                _ => {}
            },
            Message::Present => self.start_presenting(),
            Message::Copy | Message::CopyId => return self.copy(message == Message::CopyId),
            Message::TogglePin => self.toggle_pin(),
            Message::ToggleHelp => {
                self.mode = Mode::Help {
                    scroll: 0,
                    behind: None,
                }
            }
            Message::ToggleProblems => self.mode = Mode::Problems { scroll: 0 },
            _ => {}
        }
        None
    }

    fn update_finder(&mut self, message: Message) -> Option<Effect> {
        let page = self.list_page() as isize;
        let Mode::Finder(finder) = &mut self.mode else {
            return None;
        };
        match message {
            Message::FinderType(_)
            | Message::FinderBackspace
            | Message::FinderDeleteWord
            | Message::FinderClear
            | Message::Paste(_) => return finder.edit(&message),
            Message::FinderLeft
            | Message::FinderRight
            | Message::FinderWordLeft
            | Message::FinderWordRight
            | Message::FinderHome
            | Message::FinderEnd => finder.move_cursor(&message),
            Message::FinderUp => finder.move_selection(-1),
            Message::FinderDown => finder.move_selection(1),
            Message::FinderPageUp => finder.move_selection(-page),
            Message::FinderPageDown => finder.move_selection(page),
            Message::FinderOpen => {
                if let Some(hit) = finder.results.hits.get(finder.selected) {
                    let (target, query) = (hit.item, finder.query.clone());
                    self.mode = Mode::Browse;
                    self.jump(Place::Item(target));
                    self.focus = Focus::Detail;
                    self.land();
                    if Query::words(&query).has_words() {
                        self.find = Some(FindInText {
                            item: target,
                            query,
                            current: None,
                        });
                    }
                }
            }
            Message::Close => self.mode = Mode::Browse,
            _ => {}
        }
        None
    }

    fn update_overlay(&mut self, message: Message) {
        let page = i32::from(self.size.1 / 2).max(1);
        let lines = match message {
            Message::Up => -1,
            Message::Down => 1,
            Message::PageUp => -page,
            Message::PageDown => page,
            Message::Top => i32::MIN,
            Message::Bottom => i32::MAX,
            Message::Close => {
                self.mode = match std::mem::replace(&mut self.mode, Mode::Browse) {
                    Mode::Help {
                        behind: Some(presentation),
                        ..
                    } => Mode::Present(presentation),
                    _ => Mode::Browse,
                };
                return;
            }
            _ => return,
        };
        if let Mode::Help { scroll, .. } | Mode::Problems { scroll } = &mut self.mode {
            let moved = scrolled(usize::from(*scroll), lines);
            *scroll = u16::try_from(moved).unwrap_or(u16::MAX);
        }
    }

    /// What a follower needs to show the presentation on screen: the briefing's id, the
    /// stops as ids (the briefing's own id first for its title screen) and the stop.
    pub fn shared_position(&self) -> Option<(Option<String>, Vec<String>, usize)> {
        let Mode::Present(presentation) = &self.mode else {
            return None;
        };
        let id = |item: ItemRef| self.catalog.get(item).map(|found| found.id().to_owned());
        let briefing = presentation.briefing.and_then(id);
        let stops = presentation
            .stops
            .iter()
            .filter_map(|stop| match stop {
                Stop::Title => briefing.clone(),
                Stop::Item(item) => id(*item),
            })
            .collect();
        Some((briefing, stops, presentation.stop))
    }

    /// Shows the presenter's position: the same sequence, found by id in the dossier the
    /// presenter sent. The follower's own scroll starts again at each new stop.
    fn follow(&mut self, briefing: Option<&str>, stops: &[String], stop: usize) {
        let briefing = briefing.and_then(|id| self.catalog.find(id));
        let stops: Vec<Stop> = stops
            .iter()
            .filter_map(|id| match self.catalog.find(id) {
                Some(item) if Some(item) == briefing => Some(Stop::Title),
                Some(item) => Some(Stop::Item(item)),
                None => None,
            })
            .collect();
        let shown = match &self.mode {
            Mode::Present(shown) => Some(shown),
            Mode::Help { behind, .. } => behind.as_ref(),
            _ => None,
        };
        let scroll = match shown {
            Some(shown) if shown.stop == stop && shown.stops == stops => shown.scroll,
            _ => 0,
        };
        let presentation = Presentation {
            briefing,
            stop: stop.min(stops.len().saturating_sub(1)),
            stops,
            scroll,
            standalone: true,
        };
        // Under the help, the presenter moves on without the follower seeing it yet.
        if let Mode::Help { behind, .. } = &mut self.mode {
            *behind = Some(presentation);
        } else {
            self.mode = Mode::Present(presentation);
        }
    }

    /// `y` and `Y`: the current item as the text `dossier export ID` prints, or its id.
    fn copy(&mut self, id_only: bool) -> Option<Effect> {
        let found = self.current().and_then(|item| self.catalog.get(item))?;
        let id = found.id().to_owned();
        let text = if id_only {
            id.clone()
        } else {
            let handout = crate::export::handout(&self.catalog, std::slice::from_ref(&id)).ok()?;
            crate::export::render(&self.catalog, &handout, crate::export::Format::Markdown)
        };
        if text.len() > COPY_LIMIT {
            self.notice = Some(format!(
                "not copied: {} KB is more than a terminal takes ({} KB at most)",
                text.len() / 1024,
                COPY_LIMIT / 1024
            ));
            return None;
        }
        self.notice = Some(if id_only {
            format!("copied the id {}", crate::text::inline(&id))
        } else {
            format!("copied {} ({} bytes)", crate::text::inline(&id), text.len())
        });
        Some(Effect::Copy(text))
    }

    /// `m`: pins the current item, or unpins it.
    fn toggle_pin(&mut self) {
        let Some(item) = self.current() else { return };
        if let Some(at) = self.pins.iter().position(|&pinned| pinned == item) {
            self.pins.remove(at);
            self.notice = Some(format!("unpinned; {} pinned", self.pins.len()));
        } else {
            self.pins.push(item);
            self.notice = Some(format!(
                "pinned; {} pinned, p presents them",
                self.pins.len()
            ));
        }
    }

    /// `p`: the pins in pin order, else the dossier's only briefing, a choice of them,
    /// or the current list.
    fn start_presenting(&mut self) {
        if let Some(presentation) = Presentation::of_items(self.pins.iter().copied()) {
            self.mode = Mode::Present(presentation);
            return;
        }
        let briefings: Vec<ItemRef> = self.catalog.items(Kind::Briefing).collect();
        let presentation = match briefings.as_slice() {
            [] => Presentation::of_items(
                self.kind()
                    .map_or_else(Vec::new, |kind| self.catalog.items(kind).collect()),
            ),
            [only] => Presentation::of_briefing(&self.catalog, *only),
            _ => {
                self.mode = Mode::ChooseBriefing { selected: 0 };
                return;
            }
        };
        if let Some(presentation) = presentation {
            self.mode = Mode::Present(presentation);
        }
    }

    fn update_chooser(&mut self, message: Message) {
        let count = self.catalog.count(Kind::Briefing);
        let Mode::ChooseBriefing { selected } = &mut self.mode else {
            return;
        };
        match message {
            Message::Up => *selected = selected.saturating_sub(1),
            Message::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Message::Choose => {
                let briefing = ItemRef {
                    kind: Kind::Briefing,
                    index: *selected,
                };
                self.mode = Presentation::of_briefing(&self.catalog, briefing)
                    .map_or(Mode::Browse, Mode::Present);
            }
            Message::Close => self.mode = Mode::Browse,
            _ => {}
        }
    }

    fn update_present(&mut self, message: Message) {
        let height = ui::present_height(self);
        let max_scroll = ui::max_present_scroll(self);
        let Mode::Present(presentation) = &mut self.mode else {
            return;
        };
        let last = presentation.stops.len().saturating_sub(1);
        let before = presentation.stop;
        match message {
            Message::PresenterSteers => {
                self.notice =
                    Some("the presenter moves the stops; j and k scroll your view".into());
                return;
            }
            Message::NextStop => presentation.stop = (presentation.stop + 1).min(last),
            Message::PrevStop => presentation.stop = presentation.stop.saturating_sub(1),
            Message::FirstStop => presentation.stop = 0,
            Message::LastStop => presentation.stop = last,
            Message::Down => presentation.scroll = (presentation.scroll + 1).min(max_scroll),
            Message::Up => presentation.scroll = presentation.scroll.saturating_sub(1),
            Message::PageDown => {
                presentation.scroll = (presentation.scroll + height.max(1)).min(max_scroll);
            }
            Message::PageUp => presentation.scroll = presentation.scroll.saturating_sub(height),
            Message::Close => {
                if presentation.standalone {
                    self.quit = true;
                } else {
                    self.mode = Mode::Browse;
                }
                return;
            }
            Message::ToggleHelp => {
                let behind = Some(presentation.clone());
                self.mode = Mode::Help { scroll: 0, behind };
                return;
            }
            _ => {}
        }
        if presentation.stop != before {
            presentation.scroll = 0;
        }
    }

    /// Scroll positions never pass what a draw at the current size can show, so the
    /// first key back up always moves.
    fn clamp_scrolls(&mut self) {
        self.refresh_page();
        let max = ui::max_detail_scroll(self);
        self.detail.scroll = self.detail.scroll.min(max);
        let max = ui::max_overlay_scroll(self);
        if let Mode::Help { scroll, .. } | Mode::Problems { scroll } = &mut self.mode {
            *scroll = (*scroll).min(max);
        }
    }

    /// Rows a page key moves in a list: about the list's height.
    fn list_page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    fn detail_height(&self) -> usize {
        ui::detail_geometry(self).map_or(0, |geometry| geometry.height)
    }

    /// The detail pane's links, in the order Tab visits them.
    pub fn links(&self) -> Vec<ItemRef> {
        self.current()
            .and_then(|item| crate::describe::describe(&self.catalog, item))
            .map_or_else(Vec::new, |description| description.links())
    }

    fn move_selection(&mut self, delta: isize) {
        let Some(kind) = self.kind() else { return };
        let Some(last) = self.catalog.count(kind).checked_sub(1) else {
            return;
        };
        if let Some(selected) = self.selected.get_mut(kind_index(kind)) {
            let moved = selected.saturating_add_signed(delta).min(last);
            if moved != *selected {
                *selected = moved;
                self.detail = DetailView::default();
            }
        }
    }

    fn select_tab(&mut self, tab: usize) {
        if tab != self.tab {
            self.tab = tab;
            self.detail = DetailView::default();
        }
        // The overview has no list: its keys scroll its text.
        self.focus = match self.current_tab() {
            Tab::Overview => Focus::Detail,
            Tab::List(_) => Focus::List,
        };
    }

    /// Scrolls the detail text; the link cursor stays only while its link is on screen.
    fn scroll_detail(&mut self, lines: i32) {
        self.detail.scroll = scrolled(self.detail.scroll, lines).min(ui::max_detail_scroll(self));
        let Some(geometry) = ui::detail_geometry(self) else {
            return;
        };
        let visible = |row: usize| geometry.is_visible(row, self.detail.scroll);
        let on_screen = self
            .detail
            .link
            .and_then(|link| geometry.link_rows.get(link))
            .is_some_and(|&row| visible(row));
        if !on_screen && self.focus == Focus::Detail {
            self.detail.link = self.first_visible_link();
        }
    }

    fn first_visible_link(&self) -> Option<usize> {
        let geometry = ui::detail_geometry(self)?;
        geometry
            .link_rows
            .iter()
            .position(|&row| geometry.is_visible(row, self.detail.scroll))
    }

    /// Moves the cursor to the next or previous link, from the one under the cursor or,
    /// when none is on screen, from the top of the view, and scrolls it into view.
    fn move_link(&mut self, delta: isize) {
        let Some(geometry) = ui::detail_geometry(self) else {
            return;
        };
        let count = geometry.link_rows.len();
        if count == 0 {
            return;
        }
        let next = match self.detail.link {
            Some(link) => (link as isize + delta).rem_euclid(count as isize) as usize,
            None => {
                let top = self.detail.scroll;
                let below = geometry.link_rows.iter().position(|&row| row >= top);
                match (below, delta > 0) {
                    (Some(first), true) => first,
                    (Some(first), false) => first.checked_sub(1).unwrap_or(count - 1),
                    (None, _) => count - 1,
                }
            }
        };
        self.detail.link = Some(next);
        if let Some(&row) = geometry.link_rows.get(next) {
            self.detail.scroll = geometry.scroll_to_show(row, self.detail.scroll);
        }
    }

    /// `n` and `N`: the next or previous row holding a match of the finder's query.
    fn move_match(&mut self, delta: isize) {
        let Some(geometry) = ui::detail_geometry(self) else {
            return;
        };
        let count = geometry.match_rows.len();
        let Some(find) = self.find.as_mut().filter(|_| count > 0) else {
            return;
        };
        let next = match find.current {
            Some(current) => (current as isize + delta).rem_euclid(count as isize) as usize,
            None if delta > 0 => 0,
            None => count - 1,
        };
        find.current = Some(next);
        if let Some(&row) = geometry.match_rows.get(next) {
            // Each match lands on the view's top row, as in `less`, where it can.
            self.detail.scroll = row.min(ui::max_detail_scroll(self));
            if self.focus == Focus::Detail {
                self.detail.link = self.first_visible_link();
            }
        }
    }

    /// Goes to `target`, remembering where we were.
    fn jump(&mut self, target: Place) {
        let current = self.place();
        if current != target {
            self.history.jump(current, target);
            self.show(target);
        }
    }

    /// Puts a new version of the dossier in place of the old one, carrying over what the
    /// user was looking at by id: the selected item of each list (or, when it is gone,
    /// its neighbour), the history, the pins, a presentation, the finder's query and
    /// selection, the highlighted query in the detail.
    fn reload(&mut self, loaded: Loaded) -> Effect {
        let old = std::mem::replace(&mut self.catalog, loaded.catalog);
        self.version += 1;
        let new = Arc::clone(&self.catalog);
        let remap = |item: ItemRef| -> Option<ItemRef> {
            let id = old.get(item)?.id();
            new.find(id).filter(|found| found.kind == item.kind)
        };
        let current = self.current();
        for kind in Kind::ALL {
            let slot = kind_index(kind);
            let Some(&index) = self.selected.get(slot) else {
                continue;
            };
            let moved = remap(ItemRef { kind, index }).map_or_else(
                || index.min(new.count(kind).saturating_sub(1)),
                |item| item.index,
            );
            if let Some(selected) = self.selected.get_mut(slot) {
                *selected = moved;
            }
        }
        self.history.retain_map(|place| match *place {
            Place::Item(item) => remap(item).map(Place::Item),
            Place::Tab(tab) => Some(Place::Tab(tab)),
        });
        self.pins = self.pins.iter().filter_map(|&pin| remap(pin)).collect();
        if let Mode::Present(presentation) = &self.mode {
            self.mode = Mode::Present(presentation.carried_over(&new, &remap));
        }
        if let Mode::Help {
            behind: Some(behind),
            ..
        } = &mut self.mode
        {
            *behind = behind.carried_over(&new, &remap);
        }
        if let Mode::ChooseBriefing { selected } = &mut self.mode {
            *selected = (*selected).min(new.count(Kind::Briefing).saturating_sub(1));
        }
        self.find = self.find.take().and_then(|find| {
            Some(FindInText {
                item: remap(find.item)?,
                ..find
            })
        });
        // The same item keeps its place in the text; another starts at the top.
        if current.and_then(remap) != self.current() {
            self.detail = DetailView::default();
        }
        self.columns = loaded.columns;
        self.pages = Default::default();
        let old_search = std::mem::take(&mut self.search);
        self.banner = None;
        let search = match &mut self.mode {
            Mode::Finder(finder) => {
                finder.keep = finder
                    .results
                    .hits
                    .get(finder.selected)
                    .and_then(|hit| remap(hit.item));
                finder.generation += 1;
                Some((finder.generation, finder.query.clone()))
            }
            _ => None,
        };
        // A big dossier and its search index take tens of milliseconds to free: not on
        // the thread that answers keys.
        std::thread::spawn(move || drop((old, old_search)));
        Effect::Reindex { search }
    }

    /// A click: on a tab selects it, on a list row selects that item, on a link follows
    /// it, anywhere in the detail pane gives it the keys.
    fn click(&mut self, column: u16, row: u16) {
        match ui::hit_test(self, column, row) {
            Some(ui::Hit::Tab(tab)) => self.select_tab(tab),
            Some(ui::Hit::ListRow(index)) => {
                self.focus = Focus::List;
                let delta = index as isize - self.selected_index() as isize;
                self.move_selection(delta);
            }
            Some(ui::Hit::Link(link)) => {
                self.focus = Focus::Detail;
                self.detail.link = Some(link);
                if let Some(&target) = self.links().get(link) {
                    self.jump(Place::Item(target));
                    self.land();
                }
            }
            Some(ui::Hit::Detail) if self.current().is_some() => {
                self.focus = Focus::Detail;
                self.land();
            }
            Some(ui::Hit::List) => self.focus = Focus::List,
            _ => {}
        }
    }

    /// After a jump the cursor waits on the first link in view, so that Enter goes on.
    fn land(&mut self) {
        self.refresh_page();
        if self.focus == Focus::Detail && self.detail.link.is_none() {
            self.detail.link = self.first_visible_link();
        }
    }

    /// Shows `place`: its tab, with it selected.
    fn show(&mut self, place: Place) {
        match place {
            Place::Tab(tab) => self.select_tab(tab),
            Place::Item(item) => {
                let Some(tab) = Tab::all().position(|tab| tab == Tab::List(item.kind)) else {
                    return;
                };
                let focus = self.focus;
                self.select_tab(tab);
                self.focus = focus;
                if let Some(selected) = self.selected.get_mut(kind_index(item.kind))
                    && *selected != item.index
                {
                    *selected = item.index;
                    self.detail = DetailView::default();
                }
            }
        }
    }
}

impl Finder {
    fn edit(&mut self, message: &Message) -> Option<Effect> {
        let length = self.query.len();
        let at = self.cursor.min(length);
        match message {
            Message::FinderType(c) => {
                self.query.insert(at, *c);
                self.cursor = at + c.len_utf8();
            }
            Message::FinderBackspace => {
                if let Some((start, _)) = self.query[..at].char_indices().next_back() {
                    self.query.replace_range(start..at, "");
                    self.cursor = start;
                }
            }
            Message::FinderDeleteWord => {
                let start = word_start_before(&self.query, at);
                self.query.replace_range(start..at, "");
                self.cursor = start;
            }
            Message::FinderClear => {
                self.query.clear();
                self.cursor = 0;
            }
            Message::Paste(text) if text.is_empty() => {}
            Message::Paste(text) => {
                // A query is one line: line breaks and other controls become spaces.
                let text: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                self.query.insert_str(at, &text);
                self.cursor = at + text.len();
            }
            _ => {}
        }
        // Every edit changes the length, and an edit that changed nothing did not.
        if self.query.len() == length {
            return None;
        }
        self.generation += 1;
        Some(Effect::Search {
            generation: self.generation,
            query: self.query.clone(),
        })
    }

    /// Moves the cursor by a character, a word, or to an end of the query.
    fn move_cursor(&mut self, message: &Message) {
        let at = self.cursor.min(self.query.len());
        self.cursor = match message {
            Message::FinderLeft => self.query[..at]
                .char_indices()
                .next_back()
                .map_or(0, |(start, _)| start),
            Message::FinderRight => self.query[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8()),
            Message::FinderWordLeft => word_start_before(&self.query, at),
            Message::FinderWordRight => word_end_after(&self.query, at),
            Message::FinderHome => 0,
            Message::FinderEnd => self.query.len(),
            _ => at,
        };
    }

    fn move_selection(&mut self, delta: isize) {
        let last = self.results.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn receive(&mut self, generation: u64, results: Result<Results, QueryError>) {
        if self.generation != generation {
            return;
        }
        self.results_generation = generation;
        match results {
            Ok(results) => {
                let keep = self.keep.take();
                self.selected = keep
                    .and_then(|item| results.hits.iter().position(|hit| hit.item == item))
                    .unwrap_or(0);
                self.results = results;
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
    }
}

/// Where the word before byte `at` starts, spaces before it skipped, as readline's
/// Ctrl-w and Alt-b go.
fn word_start_before(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or(text);
    let trimmed = before.trim_end();
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(start, c)| start + c.len_utf8())
}

/// Where the word after byte `at` ends, spaces before it skipped, as Alt-f goes.
fn word_end_after(text: &str, at: usize) -> usize {
    let after = text.get(at..).unwrap_or_default();
    let skipped = after.len() - after.trim_start().len();
    let word = &after[skipped..];
    let length = word.find(char::is_whitespace).unwrap_or(word.len());
    at + skipped + length
}

/// A kind's position in [`Kind::ALL`], which indexes `App::selected`.
fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// `scroll` moved by `lines`, never below zero.
fn scrolled(scroll: usize, lines: i32) -> usize {
    match usize::try_from(lines.unsigned_abs()) {
        Ok(by) if lines < 0 => scroll.saturating_sub(by),
        Ok(by) => scroll.saturating_add(by),
        Err(_) => scroll,
    }
}

/// Runs a finder search; the runtime calls this on its worker thread, tests call it directly.
pub fn run_search(index: &SearchIndex, generation: u64, query: &str) -> Message {
    let results = index
        .query(query)
        .map(|query| index.search(&query, None, Some(FINDER_LIMIT)));
    Message::SearchDone {
        generation,
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Hit;

    fn app() -> App {
        let mut app = App::new(
            Arc::new(Catalog::built_in().expect("seed")),
            super::super::theme::DARK,
        );
        app.update(Message::Resize(120, 40));
        app
    }

    fn id(app: &App) -> String {
        let item = app.current().expect("an item");
        app.catalog.get(item).expect("exists").id().to_owned()
    }

    fn open_by_finder(app: &mut App, target: &str, query: &str) {
        let item = app.catalog.find(target).expect("known id");
        app.update(Message::OpenFinder);
        for c in query.chars() {
            app.update(Message::FinderType(c));
        }
        let generation = match &app.mode {
            Mode::Finder(finder) => finder.generation,
            _ => panic!("finder open"),
        };
        app.update(Message::SearchDone {
            generation,
            results: Ok(Results {
                hits: vec![Hit { item, score: 1 }],
                total: 1,
                per_kind: vec![(item.kind, 1)],
            }),
        });
        app.update(Message::FinderOpen);
    }

    #[test]
    fn opens_on_the_countries_list() {
        let app = app();
        assert_eq!(app.current_tab(), Tab::List(Kind::Country));
        assert_eq!(app.screen(), Screen::List);
    }

    #[test]
    fn selection_stays_within_the_list() {
        let mut app = app();
        app.update(Message::Up);
        assert_eq!(app.selected_index(), 0);
        app.update(Message::Bottom);
        assert_eq!(app.selected_index(), 4);
        app.update(Message::Down);
        assert_eq!(app.selected_index(), 4);
        app.update(Message::PageUp);
        assert_eq!(app.selected_index(), 0);
    }

    #[test]
    fn tabs_wrap_and_keep_their_own_selection() {
        let mut app = app();
        app.update(Message::Down);
        app.update(Message::PrevTab);
        assert_eq!(app.current_tab(), Tab::Overview);
        app.update(Message::PrevTab);
        assert_eq!(app.current_tab(), Tab::List(Kind::Briefing));
        app.update(Message::SelectTab(1));
        assert_eq!(app.selected_index(), 1);
        app.update(Message::SelectTab(9));
        assert_eq!(app.current_tab(), Tab::List(Kind::Country));
    }

    #[test]
    fn the_overview_has_no_item_and_scrolls_like_a_detail_pane() {
        let mut app = app();
        app.update(Message::SelectTab(0));
        assert_eq!(app.current(), None);
        assert_eq!(app.screen(), Screen::Overview);
        app.update(Message::PageDown);
        app.update(Message::FocusList);
        assert_eq!(app.screen(), Screen::Overview, "no list to go to");
    }

    #[test]
    fn jumps_moves_and_back() {
        let mut app = app();
        open_by_finder(&mut app, "coarm", "coarm");
        app.update(Message::FocusList);
        app.update(Message::Down);
        assert_eq!(id(&app), "duwp");
        app.update(Message::Back);
        assert_eq!(id(&app), "coarm", "the jump's target first");
        app.update(Message::Back);
        assert_eq!(id(&app), "nl", "then where the jump started");
        app.update(Message::Forward);
        app.update(Message::Forward);
        assert_eq!(id(&app), "duwp");
    }

    #[test]
    fn following_a_link_is_a_jump() {
        let mut app = app();
        app.update(Message::FocusDetail);
        let links = app.links();
        assert!(links.len() >= 2, "the Netherlands has links");
        app.update(Message::NextLink);
        app.update(Message::FollowLink);
        assert_eq!(app.current(), links.get(1).copied());
        app.update(Message::Back);
        assert_eq!(id(&app), "nl");
    }

    #[test]
    fn scrolling_is_clamped_to_what_the_pane_can_show() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        app.update(Message::FocusDetail);
        for _ in 0..50 {
            app.update(Message::ScrollDetail(1));
        }
        let bottom = app.detail.scroll;
        assert!(bottom > 0);
        assert_eq!(bottom, ui::max_detail_scroll(&app));
        app.update(Message::ScrollDetail(-1));
        assert_eq!(app.detail.scroll, bottom - 1, "the first key back moves");
    }

    #[test]
    fn paging_the_detail_keeps_the_list_selection() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        app.update(Message::FocusDetail);
        app.update(Message::PageDown);
        assert!(app.detail.scroll > 0);
        assert_eq!(id(&app), "nl");
        app.update(Message::Top);
        assert_eq!(app.detail.scroll, 0);
        app.update(Message::Bottom);
        assert_eq!(app.detail.scroll, ui::max_detail_scroll(&app));
        assert_eq!(id(&app), "nl");
    }

    #[test]
    fn overlay_scrolls_are_clamped_too() {
        let mut app = app();
        app.update(Message::Resize(60, 15));
        app.update(Message::ToggleHelp);
        for _ in 0..500 {
            app.update(Message::Down);
        }
        let Mode::Help { scroll, .. } = app.mode else {
            panic!("help open")
        };
        assert!(scroll > 0);
        app.update(Message::Up);
        assert_eq!(
            app.mode,
            Mode::Help {
                scroll: scroll - 1,
                behind: None
            }
        );
    }

    #[test]
    fn close_closes_overlays_and_never_quits() {
        let mut app = app();
        for open in [Message::ToggleHelp, Message::ToggleProblems] {
            app.update(open);
            app.update(Message::Close);
            assert_eq!(app.mode, Mode::Browse);
        }
        assert!(!app.quit);
    }

    #[test]
    fn the_finder_query_is_found_in_the_text_until_another_item_shows() {
        let mut app = app();
        open_by_finder(&mut app, "nl-annual-consultation", "najaar");
        assert_eq!(app.find_query(), Some("najaar"));
        app.update(Message::NextMatch);
        assert_eq!(app.find.as_ref().and_then(|f| f.current), Some(0));
        app.update(Message::FocusList);
        app.update(Message::Down);
        assert_eq!(app.find, None);
        app.update(Message::Up);
        assert_eq!(app.find_query(), None, "gone for good");
    }

    #[test]
    fn stale_search_results_are_dropped() {
        let mut app = app();
        app.update(Message::OpenFinder);
        let first = app.update(Message::FinderType('n'));
        let second = app.update(Message::FinderType('l'));
        assert_eq!(
            second,
            Some(Effect::Search {
                generation: 2,
                query: "nl".to_owned()
            })
        );
        assert!(matches!(first, Some(Effect::Search { generation: 1, .. })));
        app.update(Message::SearchDone {
            generation: 1,
            results: Ok(Results {
                hits: Vec::new(),
                total: 99,
                per_kind: Vec::new(),
            }),
        });
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_ne!(finder.results.total, 99);
        assert!(finder.is_searching());
    }

    #[test]
    fn a_query_error_keeps_the_last_good_results() {
        let mut app = app();
        app.update(Message::OpenFinder);
        let mut generation = 0;
        for c in "nl statu:x".chars() {
            if let Some(Effect::Search {
                generation: g,
                query,
            }) = app.update(Message::FinderType(c))
            {
                generation = g;
                if query == "nl" {
                    let done = run_search(app.search_index(), g, &query);
                    app.update(done);
                }
            }
        }
        let done = run_search(app.search_index(), generation, "nl statu:x");
        app.update(done);
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        let error = finder.error.as_ref().expect("an error");
        assert!(error.message.contains("did you mean `status`"), "{error:?}");
        assert!(finder.results.total > 0, "the results for `nl` stay");
        assert!(!finder.is_searching());
    }

    #[test]
    fn the_finder_cursor_moves_and_edits_where_it_is() {
        let mut app = app();
        app.update(Message::OpenFinder);
        for c in "dual nl".chars() {
            app.update(Message::FinderType(c));
        }
        let query = |app: &App| match &app.mode {
            Mode::Finder(finder) => (finder.query.clone(), finder.cursor),
            _ => panic!("finder open"),
        };
        app.update(Message::FinderWordLeft);
        assert_eq!(query(&app), ("dual nl".to_owned(), 5));
        app.update(Message::FinderType('!'));
        assert_eq!(query(&app), ("dual !nl".to_owned(), 6));
        app.update(Message::FinderHome);
        app.update(Message::FinderRight);
        app.update(Message::FinderBackspace);
        assert_eq!(query(&app), ("ual !nl".to_owned(), 0));
        app.update(Message::FinderWordRight);
        assert_eq!(query(&app).1, 3);
        app.update(Message::FinderEnd);
        app.update(Message::FinderDeleteWord);
        assert_eq!(query(&app), ("ual ".to_owned(), 4));
        app.update(Message::FinderLeft);
        app.update(Message::FinderType('é'));
        assert_eq!(query(&app), ("ualé ".to_owned(), 5));
        app.update(Message::FinderLeft);
        assert_eq!(query(&app).1, 3, "a character back, not a byte");
    }

    #[test]
    fn editing_the_query() {
        let mut app = app();
        app.update(Message::OpenFinder);
        for c in "dual nl".chars() {
            app.update(Message::FinderType(c));
        }
        app.update(Message::FinderDeleteWord);
        app.update(Message::FinderBackspace);
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_eq!(finder.query, "dual");
        assert!(app.update(Message::FinderClear).is_some());
        assert_eq!(
            app.update(Message::FinderClear),
            None,
            "no change, no search"
        );
    }

    #[test]
    fn escape_closes_the_finder_and_changes_nothing() {
        let mut app = app();
        app.update(Message::Down);
        let before = (app.tab, app.selected, app.history.clone());
        app.update(Message::OpenFinder);
        app.update(Message::FinderType('x'));
        app.update(Message::Close);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!((app.tab, app.selected, app.history.clone()), before);
        assert!(!app.quit);
    }

    fn catalog_of(text: &str) -> Arc<Catalog> {
        Arc::new(Catalog::from_text("d.ron", text).expect("a dossier"))
    }

    const THREE: &str = r#"Dossier(title: "t", countries: [
        Country(id: "a", name: "A"), Country(id: "b", name: "B"), Country(id: "c", name: "C")],
        forums: [Forum(id: "f", name: "F", members: ["a", "b", "c"])])"#;

    #[test]
    fn a_reload_keeps_the_selection_history_and_finder_by_id() {
        let mut app = App::new(catalog_of(THREE), super::super::theme::DARK);
        app.update(Message::Resize(120, 40));
        app.update(Message::Down);
        app.update(Message::Down);
        assert_eq!(id(&app), "c");
        open_by_finder(&mut app, "f", "f");
        app.update(Message::FocusList);
        app.update(Message::SelectTab(1));
        // `b` and `c` swap places, and a new country comes first.
        let moved = r#"Dossier(title: "t2", countries: [Country(id: "z", name: "Z"),
            Country(id: "a", name: "A"), Country(id: "c", name: "C"), Country(id: "b", name: "B")],
            forums: [Forum(id: "f", name: "F", members: ["a"])])"#;
        let effect = app.update(Message::Reloaded(Reload::loaded(catalog_of(moved))));
        assert_eq!(effect, Some(Effect::Reindex { search: None }));
        assert_eq!(id(&app), "c", "the same item, at its new place");
        assert_eq!(app.catalog.dossier.title, "t2");
        app.update(Message::SelectTab(2));
        app.update(Message::Back);
        assert_eq!(id(&app), "c", "the history found `c` again");
        assert_eq!(app.banner, None);
    }

    #[test]
    fn the_footer_counts_a_briefings_stops_as_its_title_screen_lists_them() {
        let item = ItemRef {
            kind: Kind::Country,
            index: 0,
        };
        let mut briefing = Presentation {
            briefing: None,
            stops: vec![Stop::Title, Stop::Item(item)],
            stop: 0,
            scroll: 0,
            standalone: false,
        };
        assert_eq!(briefing.counter(), "1 stop");
        briefing.stop = 1;
        assert_eq!(briefing.counter(), "1/1");
        let items = Presentation::of_items([item, item]).expect("items");
        assert_eq!(items.counter(), "1/2");
    }

    #[test]
    fn a_reload_carries_pins_and_a_presentation_over_by_id() {
        let before = r#"Dossier(title: "t", countries: [Country(id: "a", name: "A"),
            Country(id: "b", name: "B"), Country(id: "c", name: "C")],
            briefings: [Briefing(id: "br", title: "Br", summary: "s", items: ["a", "b", "c"])])"#;
        let mut app = App::new(catalog_of(before), super::super::theme::DARK);
        let find = |app: &App, id: &str| app.catalog.find(id).expect(id);
        app.pins = vec![find(&app, "c"), find(&app, "a")];
        let mut presentation =
            Presentation::of_briefing(&app.catalog, find(&app, "br")).expect("a briefing");
        presentation.stop = 2; // `b`
        presentation.scroll = 3;
        app.mode = Mode::Present(presentation);
        // Everything moves; the briefing loses `a` and `c` and gains `d`.
        let after = r#"Dossier(title: "t", countries: [Country(id: "d", name: "D"),
            Country(id: "c", name: "C"), Country(id: "b", name: "B"), Country(id: "a", name: "A")],
            briefings: [Briefing(id: "br", title: "Br", summary: "s", items: ["d", "b"])])"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(after))));
        let ids = |app: &App, items: &[ItemRef]| -> Vec<String> {
            let id = |item: &ItemRef| app.catalog.get(*item).map(|found| found.id().to_owned());
            items.iter().filter_map(id).collect()
        };
        assert_eq!(ids(&app, &app.pins), ["c", "a"]);
        let Mode::Present(shown) = &app.mode else {
            panic!("still presenting: {:?}", app.mode)
        };
        let stops: Vec<ItemRef> = shown
            .stops
            .iter()
            .filter_map(|stop| match stop {
                Stop::Title => None,
                Stop::Item(item) => Some(*item),
            })
            .collect();
        assert_eq!(shown.stops.first(), Some(&Stop::Title));
        assert_eq!(ids(&app, &stops), ["d", "b"], "the briefing's new stops");
        assert_eq!(shown.current(), Some(Stop::Item(find(&app, "b"))));
        assert_eq!(
            (shown.stop, shown.scroll),
            (2, 3),
            "on the same stop, scrolled"
        );
    }

    #[test]
    fn a_reload_without_the_selected_item_selects_its_neighbour() {
        let mut app = App::new(catalog_of(THREE), super::super::theme::DARK);
        app.update(Message::Down);
        let fewer = r#"Dossier(title: "t", countries: [Country(id: "a", name: "A"), Country(id: "c", name: "C")])"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(fewer))));
        assert_eq!(id(&app), "c", "its neighbour");
        let none = r#"Dossier(title: "t")"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(none))));
        assert_eq!(app.current(), None);
    }

    #[test]
    fn a_broken_reload_keeps_the_view_and_says_why_until_fixed() {
        let mut app = App::new(catalog_of(THREE), super::super::theme::DARK);
        app.update(Message::Down);
        let problem = "d.ron:3:7: expected a comma".to_owned();
        app.update(Message::Reloaded(Reload(Err(problem.clone()))));
        assert_eq!(app.banner, Some(problem));
        assert_eq!(id(&app), "b");
        app.update(Message::Reloaded(Reload::loaded(catalog_of(THREE))));
        assert_eq!(app.banner, None);
        assert_eq!(id(&app), "b");
    }

    #[test]
    fn a_reload_runs_the_finder_again_and_keeps_its_selection() {
        let mut app = App::new(catalog_of(THREE), super::super::theme::DARK);
        app.update(Message::OpenFinder);
        let done = run_search(app.search_index(), 0, "");
        app.update(done);
        app.update(Message::FinderDown);
        app.update(Message::FinderUp);
        let reversed = r#"Dossier(title: "t", countries: [Country(id: "c", name: "C"),
            Country(id: "b", name: "B"), Country(id: "a", name: "A")])"#;
        let effect = app.update(Message::Reloaded(Reload::loaded(catalog_of(reversed))));
        let Some(Effect::Reindex {
            search: Some((generation, query)),
        }) = effect
        else {
            panic!("a search after the reindex: {effect:?}")
        };
        let done = run_search(app.search_index(), generation, &query);
        app.update(done);
        let Mode::Finder(finder) = &app.mode else {
            panic!("the finder stays open")
        };
        let selected = finder.results.hits.get(finder.selected).map(|hit| hit.item);
        assert_eq!(selected, app.catalog.find("a"), "still `a`, now last");
    }

    #[test]
    fn repaint_asks_the_runtime() {
        let mut app = app();
        assert_eq!(app.update(Message::Repaint), Some(Effect::Repaint));
    }
}
