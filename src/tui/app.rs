//! The viewer's state and the one place it changes: [`App::update`].

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::model::{ItemRef, Kind};
use crate::search::{Query, Results};

use super::theme::Theme;

/// The three lists, in tab order.
pub const TABS: [Kind; 3] = [Kind::Country, Kind::Forum, Kind::Action];

/// How many finder results are kept; the count above them still says how many matched.
pub const FINDER_LIMIT: usize = 500;

/// How many jumps `Backspace` can undo.
const HISTORY_LIMIT: usize = 1000;

/// Which pane the arrow keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    /// The detail pane, with a cursor on one of its links.
    Detail,
}

/// What is on screen on top of the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Finder(Finder),
    Help { scroll: u16 },
    Problems { scroll: u16 },
}

/// The screen keys are read for: a mode, with the browser split by focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Detail,
    Finder,
    Help,
    Problems,
}

/// The fuzzy finder overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub query: String,
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

/// Everything the user can ask for. Keys map to these (see `keys.rs`); so do search
/// results arriving and the terminal changing size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
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
    ShowProblems,
    /// Closes the topmost overlay, or leaves the detail pane. Never quits.
    Escape,
    SearchDone {
        generation: u64,
        results: Results,
    },
    Resize(u16, u16),
}

/// Work `update` asks the runtime to do outside the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Search { generation: u64, query: String },
}

/// Back/forward over jumps (finder and links), like a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub back: Vec<ItemRef>,
    pub forward: Vec<ItemRef>,
}

impl History {
    /// Records leaving `from` for somewhere new; the forward trail is gone.
    fn record(&mut self, from: ItemRef) {
        self.back.push(from);
        if self.back.len() > HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    fn go_back(&mut self, current: ItemRef) -> Option<ItemRef> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    fn go_forward(&mut self, current: ItemRef) -> Option<ItemRef> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }
}

#[derive(Debug)]
pub struct App {
    pub catalog: Arc<Catalog>,
    pub theme: Theme,
    pub mode: Mode,
    pub focus: Focus,
    /// Index into `TABS`.
    pub tab: usize,
    /// The selected row of each tab's list.
    pub selected: [usize; 3],
    /// Lines scrolled in the detail pane.
    pub detail_scroll: u16,
    /// Which of the detail pane's links has the cursor.
    pub link: usize,
    pub history: History,
    /// The terminal's size, for paging.
    pub size: (u16, u16),
    pub quit: bool,
}

impl App {
    pub fn new(catalog: Arc<Catalog>, theme: Theme) -> App {
        App {
            catalog,
            theme,
            mode: Mode::Browse,
            focus: Focus::List,
            tab: 0,
            selected: [0; 3],
            detail_scroll: 0,
            link: 0,
            history: History::default(),
            size: (80, 24),
            quit: false,
        }
    }

    pub fn screen(&self) -> Screen {
        match (&self.mode, self.focus) {
            (Mode::Browse, Focus::List) => Screen::List,
            (Mode::Browse, Focus::Detail) => Screen::Detail,
            (Mode::Finder(_), _) => Screen::Finder,
            (Mode::Help { .. }, _) => Screen::Help,
            (Mode::Problems { .. }, _) => Screen::Problems,
        }
    }

    pub fn kind(&self) -> Kind {
        TABS.get(self.tab).copied().unwrap_or(Kind::Country)
    }

    pub fn selected_index(&self) -> usize {
        self.selected.get(self.tab).copied().unwrap_or(0)
    }

    /// The item in the detail pane, if the current list has any.
    pub fn current(&self) -> Option<ItemRef> {
        let item = ItemRef {
            kind: self.kind(),
            index: self.selected_index(),
        };
        self.catalog.get(item).map(|_| item)
    }

    /// The items the detail pane links to, in the order they are shown. Sources are
    /// not listed: their titles appear under each citation instead.
    pub fn links(&self) -> Vec<ItemRef> {
        self.current()
            .map_or_else(Vec::new, |item| links_of(&self.catalog, item))
    }

    /// Rows a page key moves: the list's height.
    fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    /// Applies one action. Returns work for the runtime, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => self.quit = true,
            Action::Up => self.move_in_focus(-1),
            Action::Down => self.move_in_focus(1),
            Action::PageUp => self.move_selection(-(self.page() as isize)),
            Action::PageDown => self.move_selection(self.page() as isize),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::NextTab => self.select_tab((self.tab + 1) % TABS.len()),
            Action::PrevTab => self.select_tab((self.tab + TABS.len() - 1) % TABS.len()),
            Action::SelectTab(tab) if tab < TABS.len() => self.select_tab(tab),
            Action::SelectTab(_) => {}
            Action::FocusDetail if self.current().is_some() => self.focus = Focus::Detail,
            Action::FocusDetail => {}
            Action::FocusList => self.focus = Focus::List,
            Action::NextLink => self.move_link(1),
            Action::PrevLink => self.move_link(-1),
            Action::FollowLink => {
                if let Some(&target) = self.links().get(self.link) {
                    self.jump(target);
                }
            }
            Action::ScrollDetail(lines) => self.scroll_detail(lines),
            Action::ScrollDetailHalfPage(direction) => {
                let half = i32::from(self.size.1 / 2).max(1);
                self.scroll_detail(direction * half);
            }
            Action::Back => {
                if let Some(current) = self.current()
                    && let Some(to) = self.history.go_back(current)
                {
                    self.show(to);
                }
            }
            Action::Forward => {
                if let Some(current) = self.current()
                    && let Some(to) = self.history.go_forward(current)
                {
                    self.show(to);
                }
            }
            Action::OpenFinder => {
                self.mode = Mode::Finder(Finder::default());
                return Some(Effect::Search {
                    generation: 0,
                    query: String::new(),
                });
            }
            Action::FinderType(_)
            | Action::FinderBackspace
            | Action::FinderDeleteWord
            | Action::FinderClear => return self.edit_query(action),
            Action::FinderUp => self.move_finder(-1),
            Action::FinderDown => self.move_finder(1),
            Action::FinderPageUp => self.move_finder(-(self.page() as isize)),
            Action::FinderPageDown => self.move_finder(self.page() as isize),
            Action::FinderOpen => {
                if let Mode::Finder(finder) = &self.mode
                    && let Some(hit) = finder.results.hits.get(finder.selected)
                {
                    let target = hit.item;
                    self.mode = Mode::Browse;
                    self.focus = Focus::List;
                    self.jump(target);
                }
            }
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Browse,
                    _ => Mode::Help { scroll: 0 },
                }
            }
            Action::ShowProblems => {
                self.mode = match self.mode {
                    Mode::Problems { .. } => Mode::Browse,
                    _ => Mode::Problems { scroll: 0 },
                }
            }
            Action::Escape => match self.mode {
                Mode::Browse => self.focus = Focus::List,
                _ => self.mode = Mode::Browse,
            },
            Action::SearchDone {
                generation,
                results,
            } => {
                if let Mode::Finder(finder) = &mut self.mode
                    && finder.generation == generation
                {
                    finder.results = results;
                    finder.results_generation = generation;
                    finder.selected = 0;
                }
            }
            Action::Resize(width, height) => self.size = (width, height),
        }
        None
    }

    fn move_in_focus(&mut self, delta: isize) {
        match (&mut self.mode, self.focus) {
            (Mode::Problems { scroll } | Mode::Help { scroll }, _) => {
                *scroll = scroll.saturating_add_signed(delta as i16);
            }
            (_, Focus::Detail) => self.move_link(delta),
            (_, Focus::List) => self.move_selection(delta),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let len = self.catalog.count(self.kind());
        let Some(last) = len.checked_sub(1) else {
            return;
        };
        let tab = self.tab;
        if let Some(selected) = self.selected.get_mut(tab) {
            let moved = selected.saturating_add_signed(delta).min(last);
            if moved != *selected {
                *selected = moved;
                self.detail_scroll = 0;
                self.link = 0;
            }
        }
    }

    fn move_link(&mut self, delta: isize) {
        let count = self.links().len();
        if count > 0 {
            self.link = (self.link as isize + delta).rem_euclid(count as isize) as usize;
        }
    }

    fn select_tab(&mut self, tab: usize) {
        if tab != self.tab {
            self.tab = tab;
            self.focus = Focus::List;
            self.detail_scroll = 0;
            self.link = 0;
        }
    }

    fn scroll_detail(&mut self, lines: i32) {
        let lines = lines.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16;
        self.detail_scroll = self.detail_scroll.saturating_add_signed(lines);
    }

    /// Goes to `target`, remembering where we were.
    fn jump(&mut self, target: ItemRef) {
        if let Some(current) = self.current() {
            if current == target {
                return;
            }
            self.history.record(current);
        }
        self.show(target);
    }

    /// Puts `target` in the detail pane, switching tab and selection.
    fn show(&mut self, target: ItemRef) {
        if let Some(tab) = TABS.iter().position(|&kind| kind == target.kind)
            && let Some(selected) = self.selected.get_mut(tab)
        {
            *selected = target.index;
            self.tab = tab;
            self.detail_scroll = 0;
            self.link = 0;
        }
    }

    fn edit_query(&mut self, action: Action) -> Option<Effect> {
        let Mode::Finder(finder) = &mut self.mode else {
            return None;
        };
        let before = finder.query.clone();
        match action {
            Action::FinderType(c) => finder.query.push(c),
            Action::FinderBackspace => {
                finder.query.pop();
            }
            Action::FinderDeleteWord => {
                let kept = finder.query.trim_end().rfind(' ').map_or(0, |at| at + 1);
                finder.query.truncate(kept);
            }
            Action::FinderClear => finder.query.clear(),
            _ => {}
        }
        if finder.query == before {
            return None;
        }
        finder.generation += 1;
        Some(Effect::Search {
            generation: finder.generation,
            query: finder.query.clone(),
        })
    }

    fn move_finder(&mut self, delta: isize) {
        if let Mode::Finder(finder) = &mut self.mode {
            let last = finder.results.hits.len().saturating_sub(1);
            finder.selected = finder.selected.saturating_add_signed(delta).min(last);
        }
    }
}

/// Runs a finder search; the runtime calls this on its worker thread, tests call it directly.
pub fn run_search(catalog: &Catalog, generation: u64, query: &str) -> Action {
    let results = catalog
        .search_index()
        .search(&Query::new(query), None, Some(FINDER_LIMIT));
    Action::SearchDone {
        generation,
        results,
    }
}

/// An item's links in display order: by kind (countries, forums, actions), then file order.
pub fn links_of(catalog: &Catalog, item: ItemRef) -> Vec<ItemRef> {
    catalog
        .related(item)
        .iter()
        .copied()
        .filter(|other| other.kind != Kind::Source)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Hit;

    fn app() -> App {
        App::new(
            Arc::new(Catalog::built_in().expect("seed")),
            super::super::theme::COLOR,
        )
    }

    fn id(app: &App) -> String {
        let item = app.current().expect("an item");
        app.catalog.get(item).expect("exists").id().to_owned()
    }

    fn open_by_finder(app: &mut App, target: &str) {
        let item = app.catalog.find(target).expect("known id");
        app.update(Action::OpenFinder);
        app.update(Action::SearchDone {
            generation: 0,
            results: Results {
                hits: vec![Hit { item, score: 1 }],
                total: 1,
            },
        });
        app.update(Action::FinderOpen);
    }

    #[test]
    fn selection_stays_within_the_list() {
        let mut app = app();
        app.update(Action::Up);
        assert_eq!(app.selected_index(), 0);
        app.update(Action::Bottom);
        assert_eq!(app.selected_index(), 4);
        app.update(Action::Down);
        assert_eq!(app.selected_index(), 4);
        app.update(Action::PageUp);
        assert_eq!(app.selected_index(), 0);
    }

    #[test]
    fn tabs_wrap_and_keep_their_own_selection() {
        let mut app = app();
        app.update(Action::Down);
        app.update(Action::PrevTab);
        assert_eq!(app.kind(), Kind::Action);
        app.update(Action::NextTab);
        assert_eq!(app.kind(), Kind::Country);
        assert_eq!(app.selected_index(), 1);
        app.update(Action::SelectTab(7));
        assert_eq!(app.kind(), Kind::Country);
    }

    #[test]
    fn back_and_forward_walk_the_history() {
        let mut app = app();
        open_by_finder(&mut app, "coarm");
        open_by_finder(&mut app, "fr-dialogue");
        assert_eq!(id(&app), "fr-dialogue");
        app.update(Action::Back);
        assert_eq!(id(&app), "coarm");
        app.update(Action::Back);
        assert_eq!(id(&app), "nl");
        app.update(Action::Back);
        assert_eq!(id(&app), "nl", "nothing further back");
        app.update(Action::Forward);
        app.update(Action::Forward);
        assert_eq!(id(&app), "fr-dialogue");
        app.update(Action::Forward);
        assert_eq!(id(&app), "fr-dialogue", "nothing further forward");
    }

    #[test]
    fn a_new_jump_after_going_back_truncates_the_forward_trail() {
        let mut app = app();
        open_by_finder(&mut app, "coarm");
        open_by_finder(&mut app, "fr-dialogue");
        app.update(Action::Back);
        open_by_finder(&mut app, "dk");
        assert!(app.history.forward.is_empty());
        app.update(Action::Forward);
        assert_eq!(id(&app), "dk");
        app.update(Action::Back);
        assert_eq!(id(&app), "coarm");
    }

    #[test]
    fn following_a_link_is_a_jump() {
        let mut app = app();
        app.update(Action::FocusDetail);
        let links = app.links();
        assert!(links.len() >= 2, "the Netherlands has links");
        app.update(Action::NextLink);
        app.update(Action::FollowLink);
        assert_eq!(app.current(), links.get(1).copied());
        app.update(Action::Back);
        assert_eq!(id(&app), "nl");
    }

    #[test]
    fn escape_closes_the_finder_and_changes_nothing() {
        let mut app = app();
        app.update(Action::Down);
        let before = (app.tab, app.selected, app.history.clone());
        app.update(Action::OpenFinder);
        app.update(Action::FinderType('x'));
        app.update(Action::Escape);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!((app.tab, app.selected, app.history.clone()), before);
        assert!(!app.quit);
    }

    #[test]
    fn stale_search_results_are_dropped() {
        let mut app = app();
        app.update(Action::OpenFinder);
        let first = app.update(Action::FinderType('n'));
        let second = app.update(Action::FinderType('l'));
        assert_eq!(
            second,
            Some(Effect::Search {
                generation: 2,
                query: "nl".to_owned()
            })
        );
        assert!(matches!(first, Some(Effect::Search { generation: 1, .. })));
        let stale = Results {
            hits: Vec::new(),
            total: 99,
        };
        app.update(Action::SearchDone {
            generation: 1,
            results: stale,
        });
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_ne!(finder.results.total, 99);
        assert!(finder.is_searching());
    }

    #[test]
    fn editing_the_query() {
        let mut app = app();
        app.update(Action::OpenFinder);
        for c in "dual nl".chars() {
            app.update(Action::FinderType(c));
        }
        app.update(Action::FinderDeleteWord);
        app.update(Action::FinderBackspace);
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_eq!(finder.query, "dual");
        assert_eq!(app.update(Action::FinderClear).map(|_| ()), Some(()));
        assert_eq!(
            app.update(Action::FinderClear),
            None,
            "no change, no search"
        );
    }

    #[test]
    fn escape_leaves_the_detail_pane_and_never_quits() {
        let mut app = app();
        app.update(Action::FocusDetail);
        assert_eq!(app.screen(), Screen::Detail);
        app.update(Action::Escape);
        assert_eq!(app.screen(), Screen::List);
        app.update(Action::Escape);
        assert!(!app.quit);
        app.update(Action::ToggleHelp);
        app.update(Action::Escape);
        assert_eq!(app.screen(), Screen::List);
    }
}
