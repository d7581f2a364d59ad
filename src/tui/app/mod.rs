//! The viewer's state and the one place it changes: [`App::update`], which hands each
//! message to the mode it belongs to. Each mode's handling lives in a file of its own:
//! browsing (`browse.rs`), the detail pane's scroll and links (`detail.rs`), the finder
//! (`finder.rs`), presenting and following (`present.rs`) and a new version of the file
//! (`reload.rs`).

mod browse;
mod detail;
mod finder;
mod pages;
mod present;
mod reload;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use ratatui::text::Line;

use super::history::History;
use super::keys::Keymap;
use super::layout::{self, ListColumns, MAX_SCREEN, Page, PageKey, StopKey};
use super::message::{Effect, Message, Screen};
use super::symbols::{Symbols, UNICODE};
use super::theme::Theme;
use super::view::{Baseline, DetailView, Focus, Place, Presentation, Since, Tab};
use crate::catalog::Catalog;
use crate::model::{ItemRef, Kind};
use crate::search::SearchIndex;

pub use detail::FindInText;
pub use finder::{Finder, search_in};
use pages::Cached;

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

#[derive(Debug)]
pub struct App {
    pub catalog: Arc<Catalog>,
    pub theme: Theme,
    /// The viewer's own glyphs: Unicode, or ASCII for a terminal without it.
    pub symbols: Symbols,
    /// The key table in force: the built-in one with the config file's remaps.
    pub keymap: Arc<Keymap>,
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
    /// The presenter asked to see the notes; off at start, kept for the session only.
    pub notes_shown: bool,
    /// How many follow this presentation, when it is shared (`present --share`).
    pub audience: Option<usize>,
    /// Counts the dossier's versions: each reload adds one.
    pub version: u64,
    /// The dossier's file, for the editor; `None` for the built-in dossier and a
    /// follower, which have none to edit.
    pub file: Option<PathBuf>,
    /// The version changes are marked against, set where the viewer is built.
    pub baseline: Option<Baseline>,
    /// What changed since the baseline, found where the version was loaded.
    pub since: Option<Arc<Since>>,
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
    /// The size drawn: the terminal's, up to [`MAX_SCREEN`]. Every draw fills it, so
    /// scrolling is clamped to it.
    pub size: (u16, u16),
    /// The terminal's size when it is larger than what is drawn.
    pub oversized: Option<(u16, u16)>,
    /// How many times a page (the detail pane's, the finder's preview or a stop) was laid
    /// out: a key that only scrolls must not add to it, whatever the item's size.
    pub layouts: u64,
    pub quit: bool,
    /// Each kind's list widths, measured once per load.
    columns: [ListColumns; Kind::ALL.len()],
    detail_page: Cached<PageKey, Page>,
    preview_page: Cached<PageKey, Page>,
    stop_page: Cached<StopKey, Vec<Line<'static>>>,
    /// The search index, built on first use: the runtime builds it on the search
    /// worker while the first frame is on screen.
    search: Arc<OnceLock<SearchIndex>>,
}

impl App {
    /// The viewer on the countries list.
    pub fn new(catalog: Arc<Catalog>, theme: Theme) -> App {
        App {
            columns: Kind::ALL.map(|kind| layout::list_columns(&catalog, kind)),
            detail_page: Cached::default(),
            preview_page: Cached::default(),
            stop_page: Cached::default(),
            search: Arc::default(),
            catalog,
            theme,
            symbols: UNICODE,
            keymap: Arc::default(),
            mode: Mode::Browse,
            focus: Focus::List,
            tab: 1,
            selected: [0; Kind::ALL.len()],
            detail: DetailView::default(),
            zoomed: false,
            following: false,
            notes_shown: false,
            audience: None,
            version: 0,
            file: None,
            baseline: None,
            since: None,
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

    /// The same viewer, its keys read from `keymap` (the config file's remaps): set
    /// where the viewer is built, before any key.
    #[must_use]
    pub fn with_keys(mut self, keymap: Arc<Keymap>) -> App {
        self.keymap = keymap;
        self
    }

    /// The same viewer, editing `file` (`e`): set where the viewer is built.
    #[must_use]
    pub fn with_file(mut self, file: Option<PathBuf>) -> App {
        self.file = file;
        self
    }

    /// The same viewer, marking what changed since `baseline`, and after each reload
    /// what changed since it still: set where the viewer is built, before any page.
    /// The version on screen compared with itself has no changes to find.
    #[must_use]
    pub fn with_baseline(mut self, baseline: Option<Baseline>) -> App {
        self.since = baseline
            .as_ref()
            .filter(|baseline| !Arc::ptr_eq(&baseline.catalog, &self.catalog))
            .map(|baseline| Arc::new(baseline.compare(&self.catalog)));
        self.baseline = baseline;
        self
    }

    /// How the current version changed since the baseline, if it did.
    pub fn change_of(&self, item: ItemRef) -> Option<&crate::diff::ItemChange> {
        self.since.as_ref()?.changes.of(item)
    }

    /// The viewer presenting `presentation`; leaving it ends the program.
    pub fn presenting(catalog: Arc<Catalog>, theme: Theme, presentation: Presentation) -> App {
        let mut app = App::new(catalog, theme);
        app.mode = Mode::Present(Presentation {
            standalone: true,
            ..presentation
        });
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

    pub fn place(&self) -> Place {
        self.current().map_or(Place::Tab(self.tab), Place::Item)
    }

    pub(crate) fn columns(&self, kind: Kind) -> ListColumns {
        self.columns
            .get(kind_index(kind))
            .cloned()
            .unwrap_or_default()
    }

    /// The search index if it is built: a draw must not wait for it to be (after a
    /// reload the worker builds the new one, and a frame drawn meanwhile shows results
    /// without highlights rather than building it again on the thread keys need).
    pub(crate) fn ready_search_index(&self) -> Option<&SearchIndex> {
        self.search.get()
    }

    /// The slot the search index lives in, for the worker that builds and uses it.
    pub fn search_slot(&self) -> Arc<OnceLock<SearchIndex>> {
        Arc::clone(&self.search)
    }

    /// Applies one message. Returns work for the runtime, if any.
    pub fn update(&mut self, message: Message) -> Option<Effect> {
        // A notice is about the key before; a new key makes it old news.
        if !matches!(
            message,
            Message::SearchDone { .. }
                | Message::Reloaded(_)
                | Message::Resize(..)
                | Message::Audience(_)
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
                self.size = (width.min(MAX_SCREEN.0), height.min(MAX_SCREEN.1));
                self.oversized = ((width, height) != self.size).then_some((width, height));
                None
            }
            Message::Suspend => Some(Effect::Suspend),
            Message::Edited(ran) => {
                self.notice = Some(match ran {
                    Ok(()) => "back from the editor; the file is read again".to_owned(),
                    Err(why) => why,
                });
                None
            }
            Message::Glyphs(symbols) => {
                self.symbols = *symbols;
                None
            }
            Message::Audience(count) => {
                self.audience = Some(count);
                None
            }
            Message::Followed {
                briefing,
                stops,
                stop,
            } => {
                self.follow(briefing.as_deref(), &stops, stop);
                None
            }
            Message::Reloaded(reload) => self.reload(reload),
            Message::Steered(stop_key) => {
                self.steered(&stop_key);
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
        self.refresh_pages();
        self.clamp_scrolls();
        effect
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

    /// Scroll positions never pass what a draw at the current size can show, so the
    /// first key back up always moves.
    fn clamp_scrolls(&mut self) {
        let max = self.max_detail_scroll();
        self.detail.scroll = self.detail.scroll.min(max);
        let max = self.max_overlay_scroll();
        if let Mode::Help { scroll, .. } | Mode::Problems { scroll } = &mut self.mode {
            *scroll = (*scroll).min(max);
        }
    }

    /// The help's lines at `width`: over a presentation, only the keys that work there.
    pub(crate) fn help_lines(&self, width: u16) -> Vec<Line<'static>> {
        let presenting = matches!(
            self.mode,
            Mode::Help {
                behind: Some(_),
                ..
            }
        );
        let screens: &[Screen] = match (presenting, self.following) {
            (false, _) => &[],
            (true, false) => &[Screen::Present, Screen::Help],
            (true, true) => &[Screen::Follow, Screen::Help],
        };
        super::help::help_lines(&self.keymap, &self.theme, &self.symbols, screens, width)
    }

    pub(crate) fn problem_lines(&self, width: u16) -> Vec<Line<'static>> {
        super::help::problem_lines(&self.catalog, &self.theme, &self.symbols, width)
    }

    /// Rows a page key moves in a list: about the list's height.
    fn list_page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }
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

#[cfg(test)]
pub(crate) mod test_support {
    //! What the state's tests share: the seed dossier at 120×40, small dossiers, and the
    //! finder driven as a user would.
    use super::*;
    use crate::search::{Hit, Results};

    pub(crate) fn app() -> App {
        let mut app = App::new(
            Arc::new(Catalog::built_in().expect("seed")),
            crate::tui::theme::DARK,
        );
        app.update(Message::Resize(120, 40));
        app
    }

    pub(crate) fn id(app: &App) -> String {
        let item = app.current().expect("an item");
        app.catalog.get(item).expect("exists").id().to_owned()
    }

    pub(crate) fn open_by_finder(app: &mut App, target: &str, query: &str) {
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

    pub(crate) fn catalog_of(text: &str) -> Arc<Catalog> {
        Arc::new(Catalog::from_text("d.ron", text).expect("a dossier"))
    }

    pub(crate) const THREE: &str = r#"Dossier(title: "t", countries: [
        Country(id: "a", name: "A"), Country(id: "b", name: "B"), Country(id: "c", name: "C")],
        forums: [Forum(id: "f", name: "F", members: ["a", "b", "c"])])"#;
}

#[cfg(test)]
mod tests {
    use super::test_support::app;
    use super::*;

    #[test]
    fn opens_on_the_countries_list() {
        let app = app();
        assert_eq!(app.current_tab(), Tab::List(Kind::Country));
        assert_eq!(app.screen(), Screen::List);
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
}
