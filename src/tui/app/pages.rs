//! What the state asks of the layout: the shape of the screen, the pages laid out for
//! what it shows (kept until that changes), how far each pane can scroll, and what is
//! under the mouse.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{App, Mode};
use crate::tui::layout::{
    self, Areas, DetailGeometry, Hit, Page, PageContext, PageKey, Pointable, Shape, StopKey,
};
use crate::tui::message::{Message, Screen};
use crate::tui::view::Presentation;

/// A page laid out for a key, kept until what it shows changes, so that a draw or a
/// key that only scrolls reads it instead of laying it out again.
#[derive(Debug)]
pub(crate) struct Cached<K, P> {
    key: Option<K>,
    page: P,
}

impl<K, P: Default> Default for Cached<K, P> {
    fn default() -> Self {
        Cached {
            key: None,
            page: P::default(),
        }
    }
}

impl<K: PartialEq, P> Cached<K, P> {
    /// The page, if it was laid out for `key`.
    pub(crate) fn get(&self, key: &K) -> Option<&P> {
        (self.key.as_ref() == Some(key)).then_some(&self.page)
    }

    /// Lays the page out for `key` unless it already is; true when it was laid out.
    pub(super) fn refresh(&mut self, key: K, lay_out: impl FnOnce(&K) -> P) -> bool {
        if self.key.as_ref() == Some(&key) {
            return false;
        }
        self.page = lay_out(&key);
        self.key = Some(key);
        true
    }
}

impl App {
    /// What the screen's layout depends on.
    pub(crate) fn shape(&self) -> Shape {
        Shape {
            screen: Rect::new(0, 0, self.size.0, self.size.1),
            banner: self.banner.is_some(),
            list_wants: self.kind().map(|kind| self.columns(kind).content),
            zoomed: self.zoomed,
            focus: self.focus,
        }
    }

    pub(crate) fn areas(&self) -> Option<Areas> {
        Areas::of(&self.shape())
    }

    /// What pages are laid out with.
    pub(crate) fn page_context<'a>(&'a self, problems_key: &'a str) -> PageContext<'a> {
        PageContext {
            catalog: &self.catalog,
            theme: &self.theme,
            symbols: &self.symbols,
            problems_key,
            since: self.since.as_deref(),
        }
    }

    /// The key that lists the problems, as pages name it.
    pub(super) fn problems_key(&self) -> String {
        self.keymap
            .key_name(Screen::Overview, &Message::ToggleProblems, &self.symbols)
    }

    /// The detail page for the pane `width` columns wide.
    pub(crate) fn detail_key(&self, width: u16) -> PageKey {
        let pinned = self.current().is_some_and(|item| self.pins.contains(&item));
        PageKey::detail(self.place(), width, self.find_query(), pinned, self.version)
    }

    /// The page laid out for `key`, else laid out now: a draw at a size `update` has not
    /// heard of yet lays out its own.
    pub(crate) fn with_page<T>(&self, key: &PageKey, read: impl FnOnce(&Page) -> T) -> T {
        match self
            .detail_page
            .get(key)
            .or_else(|| self.preview_page.get(key))
        {
            Some(page) => read(page),
            None => {
                let problems_key = self.problems_key();
                read(&layout::page(&self.page_context(&problems_key), key))
            }
        }
    }

    /// The lines of the presentation's current stop at `width`, laid out for the key
    /// `update` prepared, else now.
    pub(crate) fn with_stop_lines<T>(
        &self,
        presentation: &Presentation,
        width: u16,
        read: impl FnOnce(&[Line<'static>]) -> T,
    ) -> T {
        let key = self.stop_key(presentation, width);
        match self.stop_page.get(&key) {
            Some(lines) => read(lines),
            None => read(&layout::stop_lines(
                &self.page_context(""),
                presentation,
                &key,
            )),
        }
    }

    pub(super) fn stop_key(&self, presentation: &Presentation, width: u16) -> StopKey {
        StopKey {
            stop: presentation.current(),
            briefing: presentation.briefing,
            version: self.version,
            width,
            // A follower never has these: the presenter's notes are not sent.
            notes: self.notes_shown && !self.following,
        }
    }

    /// Lays out the pages the screen shows now, where what they show has changed, so that
    /// draws and scrolling only read them.
    pub(super) fn refresh_pages(&mut self) {
        let problems_key = self.problems_key();
        let context = PageContext {
            catalog: &self.catalog,
            theme: &self.theme,
            symbols: &self.symbols,
            problems_key: &problems_key,
            since: self.since.as_deref(),
        };
        let mut laid_out = 0;
        if let Some(area) = layout::detail_text_area(&self.shape()) {
            let key = self.detail_key(area.width);
            laid_out += u64::from(
                self.detail_page
                    .refresh(key, |key| layout::page(&context, key)),
            );
        }
        if let Mode::Present(presentation) = &self.mode {
            let width = self.present_area().width;
            let key = self.stop_key(presentation, width);
            laid_out += u64::from(
                self.stop_page
                    .refresh(key, |key| layout::stop_lines(&context, presentation, key)),
            );
        }
        self.layouts += laid_out;
    }

    /// Gets ready for a draw: lays out the finder's preview, which only a draw needs.
    /// The runtime calls this once before each frame, not once per key, so that typing
    /// (or a paste typed key by key) does not lay out a preview per character.
    pub fn prepare_frame(&mut self) {
        let Some(key) = self.preview_key() else {
            return;
        };
        let problems_key = self.problems_key();
        let context = PageContext {
            catalog: &self.catalog,
            theme: &self.theme,
            symbols: &self.symbols,
            problems_key: &problems_key,
            since: self.since.as_deref(),
        };
        if self
            .preview_page
            .refresh(key, |key| layout::page(&context, key))
        {
            self.layouts += 1;
        }
    }

    /// Where a stop's text goes on this screen.
    pub(crate) fn present_area(&self) -> Rect {
        layout::present_text_area(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The detail pane's geometry at the current size, or `None` when the terminal is
    /// too small to draw it.
    pub(crate) fn detail_geometry(&self) -> Option<DetailGeometry> {
        let area = layout::detail_text_area(&self.shape())?;
        let key = self.detail_key(area.width);
        Some(self.with_page(&key, |page| DetailGeometry::of(page, area.height)))
    }

    pub fn max_detail_scroll(&self) -> usize {
        self.detail_geometry()
            .map_or(0, |geometry| geometry.max_scroll())
    }

    /// How far the open overlay (help or problems) can scroll at the current size.
    pub(crate) fn max_overlay_scroll(&self) -> u16 {
        let Some(areas) = self.areas() else {
            return 0;
        };
        let (lines, inner) = match self.mode {
            Mode::Help { .. } => {
                let inner = layout::popup_inner(layout::help_popup(areas.body));
                (self.help_lines(inner.width).len(), inner)
            }
            Mode::Problems { .. } => {
                let inner = layout::popup_inner(layout::problems_popup(areas.body));
                (self.problem_lines(inner.width).len(), inner)
            }
            Mode::Browse | Mode::Finder(_) | Mode::Present(_) | Mode::ChooseBriefing { .. } => {
                return 0;
            }
        };
        u16::try_from(lines.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
    }

    /// What a draw at the current size shows at `column`, `row`.
    pub fn hit_test(&self, column: u16, row: u16) -> Option<Hit> {
        let shape = self.shape();
        let tabs = layout::tab_labels(&self.catalog, self.tab, usize::from(self.size.0));
        let list = (
            self.selected_index(),
            self.kind().map_or(0, |kind| self.catalog.count(kind)),
        );
        let area = layout::detail_text_area(&shape)?;
        let key = self.detail_key(area.width);
        self.with_page(&key, |page| {
            let pointable = Pointable {
                tabs: &tabs,
                list,
                detail: Some((page, self.detail.scroll)),
            };
            layout::hit_test(&shape, &pointable, column, row)
        })
    }
}
