//! Drawing. Rendering only reads the app: `impl Widget for &App`, one function a pane.
//! Every string from the dossier passes through `text::inline` or `text::block` first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState, StatefulWidget, Widget,
};
use unicode_width::UnicodeWidthStr;

use crate::catalog::{Catalog, Item};
use crate::model::{ItemRef, Kind};
use crate::search::Query;
use crate::text;

use super::app::{App, Finder, Focus, Mode, Screen, TABS, links_of};
use super::theme::{Theme, status_tag};

/// Below this the viewer shows a "too small" message instead of its panes.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 7;
/// Below this width the list and detail are stacked; below this height, only one shows.
const SIDE_BY_SIDE_WIDTH: u16 = 60;
const STACKED_HEIGHT: u16 = 15;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(area, buf);
            return;
        }
        let header_height = if area.height < STACKED_HEIGHT { 1 } else { 2 };
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(header_height),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf);
        self.render_body(BodyLayout::for_terminal(area), body, buf);
        self.render_footer(footer, buf);
        match &self.mode {
            Mode::Browse => {}
            Mode::Finder(finder) => self.render_finder(finder, body, buf),
            Mode::Help { scroll } => self.render_help(*scroll, body, buf),
            Mode::Problems { scroll } => self.render_problems(*scroll, body, buf),
        }
    }
}

/// How the list and the detail share the screen, chosen by the terminal's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyLayout {
    SideBySide,
    Stacked,
    /// Only the pane that has focus.
    FocusedOnly,
}

impl BodyLayout {
    fn for_terminal(terminal: Rect) -> BodyLayout {
        if terminal.height < STACKED_HEIGHT {
            BodyLayout::FocusedOnly
        } else if terminal.width < SIDE_BY_SIDE_WIDTH {
            BodyLayout::Stacked
        } else {
            BodyLayout::SideBySide
        }
    }
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let message = Paragraph::new(vec![
        Line::from("Terminal too small"),
        Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
    ])
    .wrap(ratatui::widgets::Wrap { trim: true });
    message.render(area, buf);
}

impl App {
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let dossier = &self.catalog.dossier;
        let mut title = vec![Span::styled(
            format!(" {}", text::inline(&dossier.title)),
            theme.title,
        )];
        if let Some(as_of) = &dossier.as_of {
            title.push(Span::styled(
                format!(" · as of {}", text::inline(as_of)),
                theme.dim,
            ));
        }
        let problems = self.catalog.problems.len();
        let warning = (problems > 0)
            .then(|| Span::styled(format!(" ⚠ {problems} problem(s): press ! "), theme.warning));

        let mut tabs = vec![Span::raw(" ")];
        for (i, kind) in TABS.iter().enumerate() {
            let label = format!(
                " {} {} {} ",
                i + 1,
                tab_title(*kind),
                self.catalog.count(*kind)
            );
            let style = if i == self.tab {
                theme.tab_active
            } else {
                theme.tab
            };
            tabs.push(Span::styled(label, style));
            tabs.push(Span::raw(" "));
        }

        if area.height >= 2 {
            let [title_row, tabs_row] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
            Line::from(title).render(title_row, buf);
            if let Some(warning) = warning {
                Line::from(warning).right_aligned().render(title_row, buf);
            }
            Line::from(tabs).render(tabs_row, buf);
        } else {
            tabs.extend(warning);
            Line::from(tabs).render(area, buf);
        }
    }

    fn render_body(&self, layout: BodyLayout, area: Rect, buf: &mut Buffer) {
        match layout {
            BodyLayout::SideBySide => {
                let list_width = (area.width * 2 / 5).clamp(24, 50);
                let [list, detail] =
                    Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)])
                        .areas(area);
                self.render_list(list, buf);
                self.render_detail(detail, buf);
            }
            BodyLayout::Stacked => {
                let [list, detail] =
                    Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(area);
                self.render_list(list, buf);
                self.render_detail(detail, buf);
            }
            BodyLayout::FocusedOnly if self.focus == Focus::Detail => self.render_detail(area, buf),
            BodyLayout::FocusedOnly => self.render_list(area, buf),
        }
    }

    fn pane_block(&self, title: String, focused: bool) -> Block<'static> {
        let style = if focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        Block::new()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(style)
            .title(Span::styled(title, style))
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let kind = self.kind();
        let count = self.catalog.count(kind);
        let focused = self.focus == Focus::List && self.mode == Mode::Browse;
        let block = self.pane_block(format!(" {} ", tab_title(kind)), focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            Line::styled(format!(" No {}.", kind.plural()), self.theme.dim).render(inner, buf);
            return;
        }
        let height = usize::from(inner.height);
        let selected = self.selected_index();
        let first = scroll_offset(selected, count, height);
        for (row, index) in (first..count).take(height).enumerate() {
            let item = ItemRef { kind, index };
            let Some(found) = self.catalog.get(item) else {
                continue;
            };
            let mut line = list_row(found, &self.theme);
            if index == selected {
                let style = if focused {
                    self.theme.selected
                } else {
                    self.theme.selected_unfocused
                };
                line = line.patch_style(style);
            }
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            buf.set_style(row_area, line.style);
            line.render(row_area, buf);
        }
        if count > height {
            render_scrollbar(area, count, first, height, buf);
        }
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer) {
        let focused = self.focus == Focus::Detail && self.mode == Mode::Browse;
        let Some(item) = self.current() else {
            self.pane_block(" Detail ".to_owned(), focused)
                .render(area, buf);
            return;
        };
        let title = if focused {
            " Detail · Tab: next link, Enter: open ".to_owned()
        } else {
            " Detail ".to_owned()
        };
        let block = self
            .pane_block(title, focused)
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        block.render(area, buf);
        let cursor = focused.then_some(self.link);
        let page = detail_page(&self.catalog, item, inner.width, cursor, &self.theme);
        let height = usize::from(inner.height);
        let max_scroll = page.lines.len().saturating_sub(height);
        let mut scroll = usize::from(self.detail_scroll).min(max_scroll);
        // Keep the link under the cursor on screen, whatever the scroll.
        if let Some(row) = cursor.and_then(|link| page.link_rows.get(link)) {
            scroll = scroll.clamp((row + 1).saturating_sub(height), *row);
        }
        for (offset, line) in page.lines.iter().skip(scroll).take(height).enumerate() {
            let row_area = Rect {
                y: inner.y + offset as u16,
                height: 1,
                ..inner
            };
            if line.style != Style::default() {
                buf.set_style(row_area, line.style);
            }
            line.render(row_area, buf);
        }
        if page.lines.len() > height {
            render_scrollbar(area, page.lines.len(), scroll, height, buf);
        }
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let keys: &[(&str, &str)] = match self.screen() {
            Screen::List => &[
                ("↑↓", "move"),
                ("⏎", "details"),
                ("Tab", "kind"),
                ("/", "find"),
                ("?", "help"),
                ("q", "quit"),
            ],
            Screen::Detail => &[
                ("Tab", "next link"),
                ("⏎", "open"),
                ("⌫", "back"),
                ("Esc", "list"),
                ("?", "help"),
            ],
            Screen::Finder => &[("↑↓", "move"), ("⏎", "open"), ("Esc", "cancel")],
            Screen::Help => &[("Esc", "close help")],
            Screen::Problems => &[("↑↓", "scroll"), ("Esc", "close")],
        };
        let location = self.location();
        let location_width = (location.width() as u16 + 1).min(area.width / 2);
        let [keys_area, location_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(location_width)])
                .areas(area);
        // Only whole hints: a key without its meaning helps nobody.
        let mut spans = vec![Span::raw(" ")];
        let mut width = 1;
        for (key, what) in keys {
            let hint = format!(" {what}  ");
            width += key.width() + hint.width();
            if width > usize::from(keys_area.width) {
                break;
            }
            spans.push(Span::styled(*key, self.theme.key));
            spans.push(Span::styled(hint, self.theme.dim));
        }
        Line::from(spans).render(keys_area, buf);
        Line::styled(location, self.theme.dim)
            .right_aligned()
            .render(location_area, buf);
    }

    /// Where the user is: the trail of followed links, or the kind and position.
    pub fn location(&self) -> String {
        let title = |item: ItemRef| {
            self.catalog
                .get(item)
                .map(|found| text::inline(found.title()).into_owned())
                .unwrap_or_default()
        };
        match self.current() {
            Some(current) if !self.history.back.is_empty() => {
                let mut trail: Vec<String> = self
                    .history
                    .back
                    .iter()
                    .rev()
                    .take(2)
                    .rev()
                    .map(|&item| shorten(&title(item), 16))
                    .collect();
                if self.history.back.len() > 2 {
                    trail.insert(0, "…".to_owned());
                }
                trail.push(shorten(&title(current), 24));
                format!("{} ", trail.join(" › "))
            }
            _ => {
                let count = self.catalog.count(self.kind());
                let position = if count == 0 {
                    0
                } else {
                    self.selected_index() + 1
                };
                format!("{} {position}/{count} ", tab_title(self.kind()))
            }
        }
    }

    fn render_finder(&self, finder: &Finder, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = overlay(area, 90, 80);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focused)
            .title(Span::styled(" Find ", theme.heading));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [prompt, results_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);

        let shown = finder.results.hits.len();
        let position = if shown == 0 { 0 } else { finder.selected + 1 };
        let mut count = format!("{position}/{}", finder.results.total);
        if finder.is_searching() {
            count.insert_str(0, "… ");
        }
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::raw(text::inline(&finder.query).into_owned()),
            Span::styled("▏", theme.key),
        ])
        .render(prompt, buf);
        Line::styled(format!("{count} "), theme.dim)
            .right_aligned()
            .render(prompt, buf);

        let query = Query::new(&finder.query);
        let height = usize::from(results_area.height);
        let first = scroll_offset(finder.selected, shown, height);
        let index = self.catalog.search_index();
        for (row, hit) in finder
            .results
            .hits
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
        {
            let Some(found) = self.catalog.get(hit.item) else {
                continue;
            };
            let mut spans = vec![Span::styled(
                format!("{:<8} ", hit.item.kind.label()),
                theme.badge,
            )];
            spans.extend(highlighted(
                found.title(),
                &index.highlights(hit.item, &query),
                theme.matched,
            ));
            spans.push(Span::styled(
                format!("  {}", text::inline(found.id())),
                theme.dim,
            ));
            let mut line = Line::from(spans);
            if row == finder.selected {
                line = line.patch_style(theme.selected);
            }
            let row_area = Rect {
                y: results_area.y + (row - first) as u16,
                height: 1,
                ..results_area
            };
            buf.set_style(row_area, line.style);
            line.render(row_area, buf);
        }
        if shown == 0 && !finder.is_searching() {
            Line::styled("No matches.", theme.dim).render(results_area, buf);
        }
    }

    fn render_help(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = if area.width < SIDE_BY_SIDE_WIDTH {
            area
        } else {
            overlay(area, 70, 100)
        };
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focused)
            .title(Span::styled(" Keys · Esc or ? closes ", theme.heading));
        // Narrow: each description goes under its keys instead of beside them.
        let narrow = block.inner(popup).width < 50;
        let mut lines = Vec::new();
        for (group, keys) in HELP {
            lines.push(Line::styled(*group, theme.heading));
            for (key, what) in *keys {
                if narrow {
                    lines.push(Line::styled(format!("  {key}"), theme.key));
                    lines.push(Line::raw(format!("      {what}")));
                } else {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {key:<22}"), theme.key),
                        Span::raw(*what),
                    ]));
                }
            }
        }
        let height = usize::from(block.inner(popup).height);
        let scroll = usize::from(scroll).min(lines.len().saturating_sub(height));
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll as u16, 0))
            .render(popup, buf);
    }

    fn render_problems(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = overlay(area, 90, 80);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.warning)
            .title(Span::styled(
                format!(" {} problem(s) · Esc closes ", self.catalog.problems.len()),
                theme.warning,
            ));
        let inner_width = usize::from(block.inner(popup).width).max(1);
        let mut lines = Vec::new();
        for problem in &self.catalog.problems {
            for (i, piece) in
                textwrap::wrap(&problem.to_string(), inner_width.saturating_sub(2).max(1))
                    .into_iter()
                    .enumerate()
            {
                let bullet = if i == 0 { "• " } else { "  " };
                lines.push(Line::raw(format!("{bullet}{piece}")));
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled("No problems.", theme.dim));
        }
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll, 0))
            .render(popup, buf);
    }
}

/// Every key, grouped, for the help overlay (and, by a test, for the README).
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Browse",
        &[
            ("↑ ↓  j k", "move in the list (or between links)"),
            ("PgUp PgDn", "a page up or down"),
            ("Home End  g G", "first or last item"),
            ("Tab  Shift-Tab", "next or previous kind"),
            ("1 2 3", "countries, forums, actions"),
        ],
    ),
    (
        "Detail and links",
        &[
            ("→ l  Enter", "into the detail pane; again: open link"),
            ("Tab  Shift-Tab", "next or previous link (in detail)"),
            ("← h  Esc", "back to the list"),
            ("Backspace [  Ctrl-o", "back to where you were"),
            ("]", "forward again"),
            ("Ctrl-d  Ctrl-u", "scroll the detail half a page"),
            ("J K  Shift-↓ Shift-↑", "scroll the detail a line"),
        ],
    ),
    (
        "Find",
        &[
            ("/", "find anything (all kinds)"),
            ("↑ ↓  Ctrl-p Ctrl-n", "move in the results"),
            ("Enter", "open the chosen item"),
            ("Ctrl-u  Ctrl-w", "clear query, delete a word"),
            ("Esc", "close, changing nothing"),
        ],
    ),
    (
        "Other",
        &[
            ("!", "problems found in the dossier"),
            ("?", "this help"),
            ("q  Ctrl-c", "quit"),
        ],
    ),
];

fn tab_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Country => "Countries",
        Kind::Forum => "Forums",
        Kind::Action => "Actions",
        Kind::Source => "Sources",
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

fn render_scrollbar(area: Rect, len: usize, position: usize, height: usize, buf: &mut Buffer) {
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
        .render(track, buf, &mut state);
}

/// A centred rectangle of the given percentages of `area`.
fn overlay(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    area.centered(
        Constraint::Percentage(width_percent),
        Constraint::Percentage(height_percent),
    )
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// The title with the characters at `positions` (char indices into `title`) styled.
/// Each character is made safe on its own, so positions stay true.
fn highlighted(title: &str, positions: &[usize], matched: Style) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in title.chars().enumerate() {
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched {
                matched
            } else {
                Style::default()
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        let mut utf8 = [0u8; 4];
        run.push_str(&text::inline(c.encode_utf8(&mut utf8)));
    }
    if !run.is_empty() {
        let style = if run_matched {
            matched
        } else {
            Style::default()
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

fn list_row(found: Item<'_>, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    match found {
        Item::Action(action) => {
            spans.push(Span::styled(
                status_tag(action.status),
                theme.status(action.status),
            ));
            spans.push(Span::raw(" "));
            spans.push(Span::raw(text::inline(&action.title).into_owned()));
            if let Some(timing) = &action.timing {
                spans.push(Span::styled(
                    format!(" · {}", text::inline(timing)),
                    theme.dim,
                ));
            }
        }
        other => {
            spans.push(Span::raw(text::inline(other.title()).into_owned()));
            if let Some(subtitle) = other.subtitle() {
                spans.push(Span::styled(
                    format!("  {}", text::inline(subtitle)),
                    theme.dim,
                ));
            }
        }
    }
    Line::from(spans)
}

/// The detail pane's content at a given width, and the row of each link.
pub struct DetailPage {
    pub lines: Vec<Line<'static>>,
    pub link_rows: Vec<usize>,
}

/// Lays out everything about `item` for a pane `width` columns wide. `cursor` is the link
/// under the cursor, when the pane has focus.
pub fn detail_page(
    catalog: &Catalog,
    item: ItemRef,
    width: u16,
    cursor: Option<usize>,
    theme: &Theme,
) -> DetailPage {
    let mut page = PageBuilder {
        lines: Vec::new(),
        link_rows: Vec::new(),
        width: usize::from(width).max(1),
    };
    let Some(found) = catalog.get(item) else {
        return DetailPage {
            lines: page.lines,
            link_rows: page.link_rows,
        };
    };
    page.wrapped(found.title(), "", theme.heading);
    if let Some(subtitle) = found.subtitle() {
        page.wrapped(subtitle, "", theme.dim);
    }
    page.lines.push(Line::styled(
        format!("{} · {}", found.kind().label(), text::inline(found.id())),
        theme.dim,
    ));
    page.blank();

    match found {
        Item::Country(country) => {
            page.field("Role", country.role.as_deref(), theme);
            page.field(
                "Counterparts",
                Some(&country.counterparts.join("; ")),
                theme,
            );
            page.field("Topics", Some(&country.topics.join(" · ")), theme);
        }
        Item::Forum(forum) => {
            page.field("Kind", forum.kind.as_deref(), theme);
            page.field("Topics", Some(&forum.topics.join(" · ")), theme);
        }
        Item::Action(action) => {
            page.lines.push(Line::from(vec![
                Span::styled("Status  ", theme.label),
                Span::styled(action.status.label(), theme.status(action.status)),
            ]));
            page.field("Timing", action.timing.as_deref(), theme);
            page.field("Topics", Some(&action.topics.join(" · ")), theme);
        }
        Item::Source(source) => {
            page.field("Reference", source.reference.as_deref(), theme);
            page.field("URL", source.url.as_deref(), theme);
        }
    }

    let (summary, notes) = found.prose();
    if !summary.is_empty() {
        page.blank();
        page.wrapped(summary, "", Style::default());
    }
    if !notes.is_empty() {
        page.section("Notes", theme);
        for note in notes {
            page.wrapped_with_indent(note, "• ", "  ", Style::default());
        }
    }

    let links = links_of(catalog, item);
    for kind in [Kind::Country, Kind::Forum, Kind::Action] {
        let group: Vec<(usize, ItemRef)> = links
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, link)| link.kind == kind)
            .collect();
        if group.is_empty() {
            continue;
        }
        page.section(tab_title(kind), theme);
        for (n, link) in group {
            let Some(linked) = catalog.get(link) else {
                continue;
            };
            let mut spans = vec![Span::raw("→ ")];
            if let Item::Action(action) = linked {
                spans.push(Span::styled(
                    status_tag(action.status),
                    theme.status(action.status),
                ));
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(text::inline(linked.title()).into_owned()));
            let style = if cursor == Some(n) {
                theme.link_selected
            } else {
                theme.link
            };
            page.link_rows.push(page.lines.len());
            page.lines.push(Line::from(spans).style(style));
        }
    }

    if !found.citations().is_empty() {
        page.section("Citations", theme);
        for citation in found.citations() {
            page.wrapped_with_indent(&format!("“{}”", citation.quote), "", " ", theme.quote);
            let mut origin = catalog
                .source(citation)
                .map_or_else(|| citation.source.clone(), |source| source.title.clone());
            if let Some(locator) = &citation.locator {
                origin.push_str(&format!(", {locator}"));
            }
            page.wrapped_with_indent(&format!("— {origin}"), "  ", "    ", theme.dim);
            page.blank();
        }
    }
    DetailPage {
        lines: page.lines,
        link_rows: page.link_rows,
    }
}

struct PageBuilder {
    lines: Vec<Line<'static>>,
    link_rows: Vec<usize>,
    width: usize,
}

impl PageBuilder {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn section(&mut self, title: &str, theme: &Theme) {
        self.blank();
        self.lines
            .push(Line::styled(title.to_owned(), theme.heading));
    }

    fn field(&mut self, label: &str, value: Option<&str>, theme: &Theme) {
        let Some(value) = value.filter(|value| !value.is_empty()) else {
            return;
        };
        let safe = text::block(value);
        let first_indent = format!("{label}  ");
        let options = textwrap::Options::new(self.width)
            .initial_indent(&first_indent)
            .subsequent_indent("  ");
        for (i, piece) in textwrap::wrap(&safe, &options).into_iter().enumerate() {
            let piece = piece.into_owned();
            let line = match piece.strip_prefix(&first_indent) {
                Some(rest) if i == 0 => Line::from(vec![
                    Span::styled(first_indent.clone(), theme.label),
                    Span::raw(rest.to_owned()),
                ]),
                _ => Line::raw(piece),
            };
            self.lines.push(line);
        }
    }

    fn wrapped(&mut self, content: &str, indent: &str, style: Style) {
        self.wrapped_with_indent(content, indent, indent, style);
    }

    /// Adds `content` made safe and wrapped; each of its own lines is a paragraph.
    fn wrapped_with_indent(&mut self, content: &str, first: &str, rest: &str, style: Style) {
        let safe = text::block(content);
        let options = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest);
        for paragraph in safe.split('\n') {
            for piece in textwrap::wrap(paragraph, &options) {
                self.lines.push(Line::styled(piece.into_owned(), style));
            }
        }
    }
}
