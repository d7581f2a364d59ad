//! Drawing. Rendering only reads the app: `impl Widget for &App`, one module a pane.
//! Every string from the dossier passes through `text::inline` or `text::block` first.
//!
//! The layout is a pure function of the app and the terminal's size, so `update` can ask
//! what a draw shows ([`detail_geometry`]) to clamp scrolling, without drawing.

mod detail;
mod finder;
mod footer;
mod header;
mod list;
mod overlays;
mod present;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget, Wrap,
};
use unicode_width::UnicodeWidthChar;

use super::app::{App, Focus, Mode};
use super::symbols::Symbols;

pub(crate) use detail::{Page, PageKey, page};
pub(crate) use finder::preview_key;
pub(crate) use list::{ListColumns, list_columns};
pub(crate) use present::{max_present_scroll, present_height};

/// The largest screen the viewer draws. A window reported larger (65535×65535 happens)
/// would need gigabytes of screen buffers: the viewer draws its top-left part and says so.
pub const MAX_SCREEN: (u16, u16) = (1000, 500);

/// Below this the viewer shows a "too small" message instead of its panes.
pub(crate) const MIN_WIDTH: u16 = 24;
pub(crate) const MIN_HEIGHT: u16 = 7;
/// Below this width the list and detail are stacked; below this height, only one shows.
const SIDE_BY_SIDE_WIDTH: u16 = 60;
const STACKED_HEIGHT: u16 = 15;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // A presentation takes the whole screen, whatever its size.
        if let Mode::Present(presentation) = &self.mode {
            self.render_present(presentation, area, buf);
            return;
        }
        let Some(areas) = Areas::of(self, area) else {
            render_too_small(area, self.symbols.times, buf);
            return;
        };
        // Help over a presentation keeps the presentation behind it, not the viewer.
        if let Mode::Help {
            scroll,
            behind: Some(behind),
        } = &self.mode
        {
            self.render_present(behind, area, buf);
            self.render_help(*scroll, areas.body, buf);
            return;
        }
        self.render_header(areas.header, buf);
        self.render_banner(areas.banner, buf);
        if let Some(list) = areas.list {
            self.render_list(list, buf);
        }
        if let Some(detail) = areas.detail {
            self.render_detail(detail, buf);
        }
        self.render_footer(areas.footer, buf);
        match &self.mode {
            Mode::Browse => {}
            Mode::Finder(finder) => self.render_finder(finder, areas.body, buf),
            Mode::Help { scroll, .. } => self.render_help(*scroll, areas.body, buf),
            Mode::Problems { scroll } => self.render_problems(*scroll, areas.body, buf),
            Mode::ChooseBriefing { selected } => self.render_chooser(*selected, areas.body, buf),
            Mode::Present(_) => {}
        }
    }
}

/// Where each part of the screen goes.
struct Areas {
    header: Rect,
    /// A row saying the file on disk is broken or gone, when it is.
    banner: Rect,
    /// Everything between header and footer; overlays cover it.
    body: Rect,
    list: Option<Rect>,
    detail: Option<Rect>,
    /// Where the detail pane is, or would be if it had focus.
    detail_slot: Rect,
    footer: Rect,
}

impl Areas {
    /// The layout for `app` in `area`, or `None` when the terminal is too small.
    fn of(app: &App, area: Rect) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let header_height = if area.height < STACKED_HEIGHT { 1 } else { 2 };
        let banner_height = u16::from(app.banner.is_some());
        let [header, banner, body, footer] = Layout::vertical([
            Constraint::Length(header_height),
            Constraint::Length(banner_height),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, detail, detail_slot) = match app.kind() {
            // The overview has no list, and zoom puts the detail alone: the whole body.
            None => (None, Some(body), body),
            Some(_) if app.zoomed => (None, Some(body), body),
            Some(_) if area.height < STACKED_HEIGHT => match app.focus {
                Focus::Detail => (None, Some(body), body),
                Focus::List => (Some(body), None, body),
            },
            Some(_) if area.width < SIDE_BY_SIDE_WIDTH => {
                let [list, detail] =
                    Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body);
                (Some(list), Some(detail), detail)
            }
            Some(kind) => {
                let fair_share = (body.width * 2 / 5).max(MIN_WIDTH);
                let wanted = app.columns(kind).content.saturating_add(3);
                let width = wanted.clamp(MIN_WIDTH.min(fair_share), fair_share);
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

/// What a draw at the app's size shows at `column`, `row`.
pub fn hit_test(app: &App, column: u16, row: u16) -> Option<Hit> {
    let areas = Areas::of(app, screen_of(app))?;
    let at = ratatui::layout::Position::new(column, row);
    if row + 1 == areas.header.bottom() {
        let mut x = areas.header.x;
        let mut tab = 0;
        // The tab row alternates separators and labels: ` `, label 0, ` `, label 1 …
        for (n, span) in app.tabs(usize::from(areas.header.width)).iter().enumerate() {
            let width = span.width() as u16;
            if n % 2 == 1 {
                if (x..x + width).contains(&column) {
                    return Some(Hit::Tab(tab));
                }
                tab += 1;
            }
            x += width;
        }
        return None;
    }
    if let Some(list) = areas.list.filter(|list| list.contains(at)) {
        let inner = Block::bordered().inner(list);
        let kind = app.kind()?;
        let count = app.catalog.count(kind);
        if !inner.contains(at) {
            return Some(Hit::List);
        }
        let height = usize::from(inner.height);
        let first = scroll_offset(app.selected_index(), count, height);
        let index = first + usize::from(row - inner.y);
        return Some(if index < count {
            Hit::ListRow(index)
        } else {
            Hit::List
        });
    }
    let detail = areas.detail.filter(|detail| detail.contains(at))?;
    let inner = detail::inner(detail);
    if inner.contains(at) {
        let key = PageKey::of(app, inner.width);
        let fresh;
        let page = match app.cached_page(&key) {
            Some(page) => page,
            None => {
                fresh = detail::page(app, &key);
                &fresh
            }
        };
        let page_row = app.detail.scroll + usize::from(row - inner.y);
        let page_column = usize::from(column - inner.x);
        let link = page.links.iter().position(|link| {
            link.row == page_row && (link.column..link.column + link.width).contains(&page_column)
        });
        if let Some(link) = link {
            return Some(Hit::Link(link));
        }
    }
    Some(Hit::Detail)
}

/// What the detail pane shows at the current size: what `update` needs to scroll it.
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
    pub fn max_scroll(&self) -> usize {
        self.lines.saturating_sub(self.height)
    }

    pub fn is_visible(&self, row: usize, scroll: usize) -> bool {
        (scroll..scroll + self.height).contains(&row)
    }

    /// The scroll nearest `scroll` that shows `row`.
    pub fn scroll_to_show(&self, row: usize, scroll: usize) -> usize {
        let lowest = (row + 1).saturating_sub(self.height);
        scroll.clamp(lowest, row)
    }
}

/// The detail pane's width and height in a draw at the app's size, or `None` when the
/// terminal is too small to draw it.
pub(crate) fn detail_size(app: &App) -> Option<(u16, u16)> {
    let areas = Areas::of(app, screen_of(app))?;
    let inner = detail::inner(areas.detail_slot);
    Some((inner.width, inner.height))
}

/// The detail pane's geometry in a draw at the app's size, or `None` when the terminal
/// is too small to draw it. Uses the page `update` laid out when it is current.
pub(crate) fn detail_geometry(app: &App) -> Option<DetailGeometry> {
    let (width, height) = detail_size(app)?;
    let geometry = |page: &Page| DetailGeometry {
        height: usize::from(height),
        lines: page.lines.len(),
        link_rows: page.link_rows(),
        match_rows: page.match_rows.clone(),
    };
    let key = PageKey::of(app, width);
    Some(match app.cached_page(&key) {
        Some(page) => geometry(page),
        None => geometry(&detail::page(app, &key)),
    })
}

pub fn max_detail_scroll(app: &App) -> usize {
    detail_geometry(app).map_or(0, |geometry| geometry.max_scroll())
}

/// How far the open overlay (help or problems) can scroll at the app's size.
pub(crate) fn max_overlay_scroll(app: &App) -> u16 {
    let Some(areas) = Areas::of(app, screen_of(app)) else {
        return 0;
    };
    let (lines, height) = match app.mode {
        Mode::Help { .. } => overlays::help_size(app, areas.body),
        Mode::Problems { .. } => overlays::problems_size(app, areas.body),
        Mode::Browse | Mode::Finder(_) | Mode::Present(_) | Mode::ChooseBriefing { .. } => {
            return 0;
        }
    };
    u16::try_from(lines.saturating_sub(height)).unwrap_or(u16::MAX)
}

fn screen_of(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

fn render_too_small(area: Rect, times: &str, buf: &mut Buffer) {
    Paragraph::new(vec![
        Line::from("Terminal too small"),
        Line::from(format!("need {MIN_WIDTH}{times}{MIN_HEIGHT}")),
    ])
    .wrap(Wrap { trim: true })
    .render(area, buf);
}

impl App {
    fn pane_block(&self, title: String, focused: bool) -> Block<'static> {
        let style = if focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        Block::new()
            .borders(Borders::ALL)
            .border_set(self.symbols.border)
            .border_style(style)
            .title(Span::styled(title, style))
    }

    /// `⚠ d.ron:12:5: expected a comma · showing the last good version`
    fn render_banner(&self, area: Rect, buf: &mut Buffer) {
        let Some(problem) = &self.banner else { return };
        let text = format!(
            " {}{}{}showing the last good version",
            self.symbols.warning,
            crate::text::inline(problem),
            self.symbols.separator
        );
        let text = truncate(&text, usize::from(area.width), self.symbols.ellipsis);
        buf.set_style(area, self.theme.warning);
        Line::styled(text, self.theme.warning).render(area, buf);
    }

    /// True when keys move in the pane `focus`, with nothing on top.
    fn has_focus(&self, focus: Focus) -> bool {
        self.focus == focus && self.mode == Mode::Browse
    }

    fn tab_title(&self) -> &'static str {
        self.current_tab().title()
    }
}

/// The first row to show so that `selected` stays on screen, without remembering a
/// previous offset: the selection sits mid-screen once the list has scrolled.
fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

impl App {
    /// A scrollbar on the right border of `area`, for `len` rows of which `height` show.
    fn render_scrollbar(
        &self,
        area: Rect,
        len: usize,
        position: usize,
        height: usize,
        buf: &mut Buffer,
    ) {
        render_scrollbar(area, len, position, height, &self.symbols, buf);
    }
}

fn render_scrollbar(
    area: Rect,
    len: usize,
    position: usize,
    height: usize,
    symbols: &Symbols,
    buf: &mut Buffer,
) {
    let mut state = ScrollbarState::new(len.saturating_sub(height))
        .position(position)
        .viewport_content_length(height);
    let track = area.inner(Margin {
        vertical: 1,
        horizontal: 0,
    });
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .thumb_symbol(symbols.scrollbar_thumb)
        .track_symbol(Some(symbols.scrollbar_track))
        .render(track, buf, &mut state);
}

/// One row of `lines` per row of `area`, from `first`, each row styled whole.
/// `content` made safe and wrapped to `width` columns, in `style`; each of its own lines
/// is a paragraph. The detail pane and present mode lay out prose the same way.
fn wrapped_lines(
    content: &str,
    width: usize,
    (first, rest): (&str, &str),
    style: Style,
) -> impl Iterator<Item = Line<'static>> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    let pieces: Vec<String> = crate::text::block(content)
        .split('\n')
        .flat_map(|paragraph| textwrap::wrap(paragraph, &options))
        .map(std::borrow::Cow::into_owned)
        .collect();
    pieces
        .into_iter()
        .map(move |piece| Line::styled(piece, style))
}

fn render_rows(lines: &[Line<'_>], first: usize, area: Rect, buf: &mut Buffer) {
    for (offset, line) in lines
        .iter()
        .skip(first)
        .take(usize::from(area.height))
        .enumerate()
    {
        let row = Rect {
            y: area.y + offset as u16,
            height: 1,
            ..area
        };
        if line.style != Style::default() {
            buf.set_style(row, line.style);
        }
        line.render(row, buf);
    }
}

/// A centred rectangle of the given percentages of `area`.
fn overlay(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    area.centered(
        Constraint::Percentage(width_percent),
        Constraint::Percentage(height_percent),
    )
}

/// `text` cut to `width` columns, ending with `ellipsis` (one column) when it was cut.
pub(crate) fn truncate(text: &str, width: usize, ellipsis: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Take back characters until the ellipsis fits.
            while used + 1 > width {
                let Some(last) = out.pop() else { break };
                used -= last.width().unwrap_or(0);
            }
            if width > 0 {
                out.push_str(ellipsis);
            }
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `spans` cut to `width` columns, the last one ending with `ellipsis` when cut.
fn fit(spans: Vec<Span<'static>>, width: usize, ellipsis: &str) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut left = width;
    for span in spans {
        let w = span.width();
        if w <= left {
            left -= w;
            out.push(span);
            continue;
        }
        if left > 0 {
            out.push(Span::styled(
                truncate(&span.content, left, ellipsis),
                span.style,
            ));
        } else if let Some(last) = out.pop() {
            // The text so far fills the width exactly: its last character makes way
            // for the ellipsis.
            let cut = format!("{}{ellipsis}", last.content);
            out.push(Span::styled(
                truncate(&cut, last.width(), ellipsis),
                last.style,
            ));
        }
        return out;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_says_it_cut() {
        assert_eq!(truncate("Netherlands", 20, "…"), "Netherlands");
        assert_eq!(truncate("Netherlands", 11, "…"), "Netherlands");
        assert_eq!(truncate("Netherlands", 10, "…"), "Netherlan…");
        assert_eq!(truncate("Netherlands", 1, "…"), "…");
        assert_eq!(truncate("Netherlands", 0, "…"), "");
        // A wide character never leaves the text wider than asked.
        assert_eq!(truncate("日本語", 4, "…"), "日…");
        assert_eq!(truncate("日本語", 5, "…"), "日本…");
    }

    #[test]
    fn fitting_spans_cuts_the_one_that_overflows() {
        let spans = vec![Span::raw("PLAN "), Span::raw("Annual consultation")];
        let fitted = fit(spans, 12, "…");
        let text: String = fitted.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "PLAN Annual…");
        let exact = fit(vec![Span::raw("PLAN "), Span::raw("Annual")], 5, "…");
        let text: String = exact.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "PLAN…");
    }
}
