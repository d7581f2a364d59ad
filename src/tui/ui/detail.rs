//! The detail pane: an item's [`Description`] or the dossier's [`Overview`], laid out
//! as lines at the pane's width, with its links and the finder's matches marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Widget};
use unicode_width::UnicodeWidthStr;

use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Overview, Quote, describe, overview};
use crate::model::ItemRef;
use crate::search::Query;
use crate::text;
use crate::tui::app::{App, Focus, Tab};
use crate::tui::theme::{Theme, status_tag};

use super::{render_rows, render_scrollbar, truncate};

/// The detail pane's content at one width.
#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    /// The row of each link, in the order Tab visits them.
    pub link_rows: Vec<usize>,
    /// The rows holding a match of the finder's query.
    pub match_rows: Vec<usize>,
}

/// The text area inside the pane's border and padding.
pub fn inner(area: Rect) -> Rect {
    pane(String::new(), Style::default()).inner(area)
}

fn pane(title: String, style: Style) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(ratatui::widgets::BorderType::Rounded)
        .border_style(style)
        .title(Span::styled(title, style))
        .padding(Padding::horizontal(1))
}

/// What the detail pane shows for `app`, laid out `width` columns wide.
pub fn page(app: &App, width: u16) -> Page {
    let cursor = app
        .has_focus(Focus::Detail)
        .then_some(app.detail.link)
        .flatten();
    let mut builder = Builder::new(&app.catalog, &app.theme, width, cursor);
    match app.current_tab() {
        Tab::Overview => builder.overview(&overview(&app.catalog)),
        Tab::List(_) => {
            if let Some(description) = app.current().and_then(|item| describe(&app.catalog, item)) {
                builder.item(&description);
            }
        }
    }
    let mut page = builder.finish();
    if let Some(query) = app.find_query() {
        highlight(&mut page, &Query::new(query), app.theme.matched);
    }
    page
}

impl App {
    pub(super) fn render_detail(&self, area: Rect, buf: &mut Buffer) {
        let focused = self.has_focus(Focus::Detail);
        let style = if focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        let title = match self.current_tab() {
            Tab::Overview => " Overview ",
            Tab::List(_) => " Detail ",
        };
        let block = pane(title.to_owned(), style);
        let inner = block.inner(area);
        block.render(area, buf);
        let page = page(self, inner.width);
        let height = usize::from(inner.height);
        // `update` keeps the scroll within the text; this only guards a stale size.
        let scroll = usize::from(self.detail.scroll).min(page.lines.len().saturating_sub(height));
        render_rows(&page.lines, scroll, inner, buf);
        if page.lines.len() > height {
            render_scrollbar(area, page.lines.len(), scroll, height, buf);
        }
    }
}

/// Lays out a description line by line, numbering links as it places them.
struct Builder<'a> {
    catalog: &'a Catalog,
    theme: &'a Theme,
    width: usize,
    cursor: Option<usize>,
    page: Page,
}

impl<'a> Builder<'a> {
    fn new(catalog: &'a Catalog, theme: &'a Theme, width: u16, cursor: Option<usize>) -> Self {
        Builder {
            catalog,
            theme,
            width: usize::from(width).max(1),
            cursor,
            page: Page::default(),
        }
    }

    fn finish(self) -> Page {
        self.page
    }

    fn item(&mut self, description: &Description<'_>) {
        let theme = self.theme;
        self.wrapped(description.title, "", "", theme.heading);
        if let Some(subtitle) = description.subtitle {
            self.wrapped(subtitle, "", "", theme.dim);
        }
        let tag = format!("{} · {}", description.item.kind.label(), description.id);
        self.wrapped(&tag, "", "", theme.dim);
        self.fields(&description.fields, description.status);
        self.prose(description.summary, description.notes);
        for group in &description.groups {
            self.group(group);
        }
        if !description.citations.is_empty() {
            self.section(&format!("Citations ({})", description.citations.len()));
            for quote in &description.citations {
                self.quote(quote, "");
                self.origin(quote.source, quote.source_name, quote.locator, "  ");
                self.blank();
            }
        }
        if !description.cited_by.is_empty() {
            self.section(&format!("Cited by ({})", description.cited_by.len()));
            for cited in &description.cited_by {
                self.link_line(cited.item);
                for quote in &cited.quotes {
                    self.quote(quote, "  ");
                    if let Some(locator) = quote.locator {
                        self.wrapped(&format!("— {locator}"), "    ", "      ", theme.dim);
                    }
                }
                self.blank();
            }
        }
    }

    fn overview(&mut self, overview: &Overview<'_>) {
        let theme = self.theme;
        self.wrapped(overview.title, "", "", theme.heading);
        self.wrapped("the dossier", "", "", theme.dim);
        let mut fields = overview.fields();
        if overview.problems > 0 {
            for (label, value) in &mut fields {
                if *label == "Problems" {
                    value.push_str(" (press ! to list them)");
                }
            }
        }
        self.fields(&fields, None);
        self.prose(overview.summary, &[]);
    }

    fn blank(&mut self) {
        self.page.lines.push(Line::default());
    }

    fn section(&mut self, title: &str) {
        self.blank();
        let heading = truncate(title, self.width);
        self.page
            .lines
            .push(Line::styled(heading, self.theme.heading));
    }

    /// `Label  value`, the value wrapped under itself; a status in its colour.
    fn fields(&mut self, fields: &[(&str, String)], status: Option<crate::model::Status>) {
        let theme = self.theme;
        if !fields.is_empty() {
            self.blank();
        }
        for (label, value) in fields {
            let first_indent = format!("{label}  ");
            let safe = text::block(value);
            let options = textwrap::Options::new(self.width)
                .initial_indent(&first_indent)
                .subsequent_indent("  ");
            let value_style = match status {
                Some(status) if *label == "Status" => theme.status(status),
                _ => Style::default(),
            };
            for (i, piece) in textwrap::wrap(&safe, &options).into_iter().enumerate() {
                let piece = piece.into_owned();
                let line = match piece.strip_prefix(&first_indent) {
                    Some(rest) if i == 0 => Line::from(vec![
                        Span::styled(first_indent.clone(), theme.label),
                        Span::styled(rest.to_owned(), value_style),
                    ]),
                    _ => Line::styled(piece, value_style),
                };
                self.page.lines.push(line);
            }
        }
    }

    fn prose(&mut self, summary: &str, notes: &[String]) {
        if !summary.is_empty() {
            self.blank();
            self.wrapped(summary, "", "", Style::default());
        }
        if !notes.is_empty() {
            self.section("Notes");
            for note in notes {
                self.wrapped(note, "• ", "  ", Style::default());
            }
        }
    }

    /// A group of related items under `Countries (28)`: one link a line, or, when there
    /// are many, names flowing in wrapped rows, `A · B · C`.
    fn group(&mut self, group: &LinkGroup) {
        self.section(&group.heading());
        if !group.flows() {
            for &item in &group.items {
                self.link_line(item);
            }
            return;
        }
        let separator = " · ";
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for &item in &group.items {
            let Some(found) = self.catalog.get(item) else {
                continue;
            };
            let name = truncate(&text::inline(found.title()), self.width);
            let needed = if row.is_empty() { 0 } else { separator.width() } + name.width();
            if !row.is_empty() && used + needed > self.width {
                self.page.lines.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            if !row.is_empty() {
                row.push(Span::styled(separator, self.theme.dim));
                used += separator.width();
            }
            let style = self.next_link();
            used += name.width();
            row.push(Span::styled(name, style));
        }
        if !row.is_empty() {
            self.page.lines.push(Line::from(row));
        }
    }

    /// `→ PLAN Title`, one link on a line of its own, cut to the width.
    fn link_line(&mut self, item: ItemRef) {
        let Some(found) = self.catalog.get(item) else {
            return;
        };
        let mut prefix = vec![Span::raw("→ ")];
        if let Some(status) = found.status() {
            prefix.push(Span::styled(status_tag(status), self.theme.status(status)));
            prefix.push(Span::raw(" "));
        }
        let used: usize = prefix.iter().map(Span::width).sum();
        let title = truncate(
            &text::inline(found.title()),
            self.width.saturating_sub(used),
        );
        let style = self.next_link();
        prefix.push(Span::styled(title, style));
        self.page.lines.push(Line::from(prefix));
    }

    /// The style of the link about to be placed on the current row, which it records.
    fn next_link(&mut self) -> Style {
        let number = self.page.link_rows.len();
        // The row the link lands on: the one being built, after those already pushed.
        self.page.link_rows.push(self.page.lines.len());
        if self.cursor == Some(number) {
            self.theme.link_selected
        } else {
            self.theme.link
        }
    }

    fn quote(&mut self, quote: &Quote<'_>, indent: &str) {
        let rest = format!("{indent} ");
        self.wrapped(
            &format!("“{}”", quote.quote),
            indent,
            &rest,
            self.theme.quote,
        );
    }

    /// `— Source title, locator`, the title a link when the source exists.
    fn origin(&mut self, source: Option<ItemRef>, name: &str, locator: Option<&str>, indent: &str) {
        let dim = self.theme.dim;
        let dash = format!("{indent}— ");
        let room = self.width.saturating_sub(dash.width());
        let name = truncate(&text::inline(name), room);
        let name_span = match source {
            Some(_) => Span::styled(name.clone(), self.next_link()),
            None => Span::styled(name.clone(), dim),
        };
        let mut spans = vec![Span::styled(dash.clone(), dim), name_span];
        let Some(locator) = locator else {
            self.page.lines.push(Line::from(spans));
            return;
        };
        let locator = text::inline(locator);
        let tail = format!(", {locator}");
        if dash.width() + name.width() + tail.width() <= self.width {
            spans.push(Span::styled(tail, dim));
            self.page.lines.push(Line::from(spans));
        } else {
            self.page.lines.push(Line::from(spans));
            let indent = " ".repeat(dash.width());
            self.wrapped(&locator, &indent, &indent, dim);
        }
    }

    /// `content` made safe and wrapped; each of its own lines is a paragraph.
    fn wrapped(&mut self, content: &str, first: &str, rest: &str, style: Style) {
        let safe = text::block(content);
        let options = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest);
        for paragraph in safe.split('\n') {
            for piece in textwrap::wrap(paragraph, &options) {
                self.page
                    .lines
                    .push(Line::styled(piece.into_owned(), style));
            }
        }
    }
}

/// Marks every match of `query` in the page, and notes the rows that hold one.
fn highlight(page: &mut Page, query: &Query, matched: Style) {
    for (row, line) in page.lines.iter_mut().enumerate() {
        let mut found = false;
        let spans = std::mem::take(&mut line.spans);
        for span in spans {
            let ranges = query.ranges_in(&span.content);
            if ranges.is_empty() {
                line.spans.push(span);
                continue;
            }
            found = true;
            let content = span.content.as_ref();
            let mut at = 0;
            for range in ranges {
                if let Some(before) = content.get(at..range.start).filter(|s| !s.is_empty()) {
                    line.spans.push(Span::styled(before.to_owned(), span.style));
                }
                if let Some(hit) = content.get(range.clone()) {
                    line.spans
                        .push(Span::styled(hit.to_owned(), span.style.patch(matched)));
                }
                at = range.end;
            }
            if let Some(after) = content.get(at..).filter(|s| !s.is_empty()) {
                line.spans.push(Span::styled(after.to_owned(), span.style));
            }
        }
        if found {
            page.match_rows.push(row);
        }
    }
}
