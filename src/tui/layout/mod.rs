//! Geometry: where each pane goes at a size, what is under a cell, how far a pane can
//! scroll, and the pages of text the panes show, laid out at their width.
//!
//! Everything here is a pure function of values the state hands over ([`Shape`], a
//! catalog, a theme), so the state asks it how far to scroll and the drawing asks it
//! where to draw, and neither needs the other to answer.

pub(crate) mod cells;
mod changes;
mod finder;
mod list;
mod page;
mod present;
mod text;

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Block, Padding};

use super::view::{Focus, Tab};
use crate::catalog::Catalog;

pub use cells::terminal_width;
pub(crate) use changes::mark as change_mark;
pub(crate) use finder::FinderAreas;
pub(crate) use list::{ListColumns, list_columns, timing_column, timing_of};
pub(crate) use page::{Page, PageContext, PageKey, page};
pub(crate) use present::{StopKey, present_text_area, stop_lines};
pub(crate) use text::{drop_columns, fit, truncate, truncate_keeping, wrapped_lines};

/// The largest screen the viewer draws. A window reported larger (65535×65535 happens)
/// would need gigabytes of screen buffers: the viewer draws its top-left part and says so.
pub const MAX_SCREEN: (u16, u16) = (1000, 500);

/// Below this the viewer shows a "too small" message instead of its panes.
pub(crate) const MIN_WIDTH: u16 = 24;
pub(crate) const MIN_HEIGHT: u16 = 7;
/// Below this width the list and detail are stacked; below this height, only one shows.
pub(crate) const SIDE_BY_SIDE_WIDTH: u16 = 60;
const STACKED_HEIGHT: u16 = 15;
/// The detail pane's width, border and padding included, that the list leaves it on a
/// wide screen: a comfortable line of prose.
const DETAIL_READING_WIDTH: u16 = 80;

/// The size drawn for a terminal of `width`×`height`: at most [`MAX_SCREEN`].
pub(crate) fn bounded(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_SCREEN.0), height.min(MAX_SCREEN.1))
}

/// What the screen's layout depends on, read from the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    pub screen: Rect,
    /// A row saying the file on disk is broken or gone.
    pub banner: bool,
    /// The columns the current list wants, when a list tab is showing.
    pub list_wants: Option<u16>,
    pub zoomed: bool,
    pub focus: Focus,
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Areas {
    pub header: Rect,
    /// A row saying the file on disk is broken or gone, when it is.
    pub banner: Rect,
    /// Everything between header and footer; overlays cover it.
    pub body: Rect,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    /// Where the detail pane is, or would be if it had focus.
    pub detail_slot: Rect,
    pub footer: Rect,
}

impl Areas {
    /// The layout for `shape`, or `None` when the terminal is too small.
    pub(crate) fn of(shape: &Shape) -> Option<Areas> {
        let area = shape.screen;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let header_height = if area.height < STACKED_HEIGHT { 1 } else { 2 };
        let [header, banner, body, footer] = Layout::vertical([
            Constraint::Length(header_height),
            Constraint::Length(u16::from(shape.banner)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, detail, detail_slot) = match shape.list_wants {
            // The overview has no list, and zoom puts the detail alone: the whole body.
            None => (None, Some(body), body),
            Some(_) if shape.zoomed => (None, Some(body), body),
            Some(_) if area.height < STACKED_HEIGHT => match shape.focus {
                Focus::Detail => (None, Some(body), body),
                Focus::List => (Some(body), None, body),
            },
            Some(_) if area.width < SIDE_BY_SIDE_WIDTH => {
                let [list, detail] =
                    Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body);
                (Some(list), Some(detail), detail)
            }
            Some(wanted) => {
                // The list takes what its rows need, leaving the detail pane a reading
                // width; on a narrower screen it gets two fifths.
                let room = body.width.saturating_sub(DETAIL_READING_WIDTH);
                let fair_share = (body.width * 2 / 5).max(room).max(MIN_WIDTH);
                let width = wanted
                    .saturating_add(3)
                    .clamp(MIN_WIDTH.min(fair_share), fair_share);
                let [list, detail] =
                    Layout::horizontal([Constraint::Length(width), Constraint::Fill(1)])
                        .areas(body);
                (Some(list), Some(detail), detail)
            }
        };
        Some(Areas {
            header,
            banner,
            body,
            list,
            detail,
            detail_slot,
            footer,
        })
    }
}

/// The text area inside the detail pane's border and padding.
pub(crate) fn detail_inner(area: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(area)
}

/// The detail pane's text area at `shape`, or `None` when the terminal is too small.
pub(crate) fn detail_text_area(shape: &Shape) -> Option<Rect> {
    Areas::of(shape).map(|areas| detail_inner(areas.detail_slot))
}

/// What is under a cell of the screen, for the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(usize),
    /// A row of the list: the item's index in its kind.
    ListRow(usize),
    /// The list pane, but no row.
    List,
    /// A link of the detail pane, by its number in Tab order.
    Link(usize),
    /// The detail pane, but no link.
    Detail,
}

/// What the mouse can point at besides the panes' rectangles.
pub(crate) struct Pointable<'a> {
    /// The tab row's labels, as [`tab_labels`] makes them.
    pub tabs: &'a [String],
    /// The list's selected row and its length.
    pub list: (usize, usize),
    /// The detail page shown and its scroll.
    pub detail: Option<(&'a Page, usize)>,
}

/// What a draw of `shape` shows at `column`, `row`.
pub(crate) fn hit_test(
    shape: &Shape,
    pointable: &Pointable<'_>,
    column: u16,
    row: u16,
) -> Option<Hit> {
    let areas = Areas::of(shape)?;
    let at = Position::new(column, row);
    if row + 1 == areas.header.bottom() {
        // The tab row: a space, then each label followed by a space.
        let mut x = areas.header.x + 1;
        for (tab, label) in pointable.tabs.iter().enumerate() {
            let width = label.chars().count() as u16;
            if (x..x + width).contains(&column) {
                return Some(Hit::Tab(tab));
            }
            x += width + 1;
        }
        return None;
    }
    if let Some(list) = areas.list.filter(|list| list.contains(at)) {
        let inner = Block::bordered().inner(list);
        if !inner.contains(at) {
            return Some(Hit::List);
        }
        let (selected, count) = pointable.list;
        let first = scroll_offset(selected, count, usize::from(inner.height));
        let index = first + usize::from(row - inner.y);
        return Some(if index < count {
            Hit::ListRow(index)
        } else {
            Hit::List
        });
    }
    let detail = areas.detail.filter(|detail| detail.contains(at))?;
    let inner = detail_inner(detail);
    if let Some((page, scroll)) = pointable.detail
        && inner.contains(at)
    {
        let page_row = scroll + usize::from(row - inner.y);
        let page_column = usize::from(column - inner.x);
        if let Some(link) = page.link_at(page_row, page_column) {
            return Some(Hit::Link(link));
        }
    }
    Some(Hit::Detail)
}

/// ` 0 Overview ` … one label a tab, the current one with its name and count. Where they
/// are too wide together, the other tabs lose their counts, and then their names, before
/// the current one loses anything.
pub(crate) fn tab_labels(catalog: &Catalog, current: usize, width: usize) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Shown {
        NameAndCount,
        Name,
        Number,
    }
    let label = |index: usize, tab: Tab, shown: Shown| {
        let count = match tab {
            Tab::List(kind) => format!(" {}", catalog.count(kind)),
            Tab::Overview => String::new(),
        };
        match shown {
            Shown::NameAndCount => format!(" {index} {}{count} ", tab.title()),
            Shown::Name => format!(" {index} {} ", tab.title()),
            Shown::Number => format!(" {index} "),
        }
    };
    let shown = |index: usize, others: Shown| {
        if index == current {
            Shown::NameAndCount
        } else {
            others
        }
    };
    let others = [Shown::NameAndCount, Shown::Name, Shown::Number]
        .into_iter()
        .find(|&others| {
            let needed: usize = Tab::all()
                .enumerate()
                .map(|(index, tab)| label(index, tab, shown(index, others)).chars().count() + 1)
                .sum();
            needed < width
        })
        .unwrap_or(Shown::Number);
    Tab::all()
        .enumerate()
        .map(|(index, tab)| label(index, tab, shown(index, others)))
        .collect()
}

/// What a pane of `height` rows shows of `lines` rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DetailGeometry {
    /// Rows of text the pane has room for.
    pub height: usize,
    /// Rows of text in all.
    pub lines: usize,
    /// The row of each link, in the order Tab visits them.
    pub link_rows: Vec<usize>,
    /// The rows holding a match of the finder's query, in order.
    pub match_rows: Vec<usize>,
}

impl DetailGeometry {
    pub(crate) fn of(page: &Page, height: u16) -> DetailGeometry {
        DetailGeometry {
            height: usize::from(height),
            lines: page.lines.len(),
            link_rows: page.link_rows(),
            match_rows: page.match_rows.clone(),
        }
    }

    pub(crate) fn max_scroll(&self) -> usize {
        self.lines.saturating_sub(self.height)
    }

    pub(crate) fn is_visible(&self, row: usize, scroll: usize) -> bool {
        (scroll..scroll + self.height).contains(&row)
    }

    /// The scroll nearest `scroll` that shows `row`.
    pub(crate) fn scroll_to_show(&self, row: usize, scroll: usize) -> usize {
        let lowest = (row + 1).saturating_sub(self.height);
        scroll.clamp(lowest, row)
    }
}

/// The first row to show so that `selected` stays on screen, without remembering a
/// previous offset: the selection sits mid-screen once the list has scrolled.
pub(crate) fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// A centred rectangle of the given percentages of `area`.
pub(crate) fn overlay(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    area.centered(
        Constraint::Percentage(width_percent),
        Constraint::Percentage(height_percent),
    )
}

/// The help: wide enough for its two columns, keys and what they do, to stand without
/// wrapping (the whole width of a screen under [`HELP_WIDTH`]), and seven tenths of a
/// wider one.
pub(crate) fn help_popup(body: Rect) -> Rect {
    let width = (body.width * 7 / 10).max(HELP_WIDTH).min(body.width);
    body.centered(Constraint::Length(width), Constraint::Percentage(100))
}

/// The help's width where the screen has it: its longest row beside its keys.
const HELP_WIDTH: u16 = 84;

/// The briefing chooser: as tall as its briefings and as wide as their titles (and its
/// own), centred, never more than the body.
pub(crate) fn chooser_popup(body: Rect, catalog: &Catalog) -> Rect {
    use unicode_width::UnicodeWidthStr;
    const TITLE: &str = " Present which briefing? ";
    let briefings = catalog.items(crate::model::Kind::Briefing);
    let (count, widest) = briefings.filter_map(|briefing| catalog.get(briefing)).fold(
        (0usize, TITLE.width()),
        |(count, widest), found| {
            let width = cells::inline(found.title()).width() + 2;
            (count + 1, widest.max(width))
        },
    );
    let width = u16::try_from(widest + 2)
        .unwrap_or(u16::MAX)
        .min(body.width);
    let height = u16::try_from(count + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    body.centered(Constraint::Length(width), Constraint::Length(height))
}

pub(crate) fn problems_popup(body: Rect) -> Rect {
    overlay(body, 90, 80)
}

/// Rows of text inside a bordered popup.
pub(crate) fn popup_inner(popup: Rect) -> Rect {
    Block::bordered().inner(popup)
}
