//! The detail pane's page: an item's [`Description`] or the dossier's [`Overview`], laid
//! out as lines at the pane's width, with its links and the finder's matches marked. The
//! finder's preview is the same page at the preview's width.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::cells;
use super::changes;
use super::text::{truncate, wrapped_lines};
use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Overview, Quote, describe, overview};
use crate::diff::Change;
use crate::model::{Field, ItemRef, Kind, Status, Text};
use crate::search::Query;
use crate::tui::symbols::Symbols;
use crate::tui::theme::{Theme, status_tag};
use crate::tui::view::{Place, Since, Tab};

/// The detail pane's content at one width. Built in `update` when what it shows
/// changes (see `App::refresh_page`) and read by every draw, so scrolling a long page
/// costs a draw, not a layout.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub lines: Vec<Line<'static>>,
    /// Where each link is, in the order Tab visits them, for the draw to mark the one
    /// under the cursor.
    pub links: Vec<LinkPlace>,
    /// The rows holding a match of the finder's query.
    pub match_rows: Vec<usize>,
}

/// A link's row, and the columns its name takes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LinkPlace {
    pub row: usize,
    pub column: usize,
    pub width: usize,
}

impl Page {
    pub(crate) fn link_rows(&self) -> Vec<usize> {
        self.links.iter().map(|link| link.row).collect()
    }

    /// The link at a row and column of the page, by its number in Tab order.
    pub(crate) fn link_at(&self, row: usize, column: usize) -> Option<usize> {
        self.links.iter().position(|link| {
            link.row == row && (link.column..link.column + link.width).contains(&column)
        })
    }
}

/// What a page depends on: when this stays the same, so does the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageKey {
    place: Place,
    width: u16,
    /// Words to highlight.
    words: Option<String>,
    /// The item is pinned: its header says so.
    pinned: bool,
    /// The dossier's version, and so what changed since the baseline.
    version: u64,
}

impl PageKey {
    /// The detail pane's page of `place` in the dossier's `version`, with the finder's
    /// words it was opened with.
    pub(crate) fn detail(
        place: Place,
        width: u16,
        words: Option<&str>,
        pinned: bool,
        version: u64,
    ) -> PageKey {
        PageKey {
            place,
            width,
            words: words.map(str::to_owned),
            pinned,
            version,
        }
    }

    /// The finder's preview of `item`, with the query's words.
    pub(crate) fn preview(item: ItemRef, width: u16, query: &str, version: u64) -> PageKey {
        PageKey {
            place: Place::Item(item),
            width,
            words: Some(query.to_owned()),
            pinned: false,
            version,
        }
    }
}

/// What pages are laid out with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageContext<'a> {
    pub catalog: &'a Catalog,
    pub theme: &'a Theme,
    pub symbols: &'a Symbols,
    /// The key that lists the dossier's problems, as the overview names it.
    pub problems_key: &'a str,
    /// What changed since the viewer's baseline, if it has one.
    pub since: Option<&'a Since>,
}

/// The page a key stands for: the overview, an item, or nothing (an empty list).
pub(crate) fn page(context: &PageContext<'_>, key: &PageKey) -> Page {
    let mut builder = Builder::new(context, key.width);
    match key.place {
        Place::Tab(tab) if Tab::at(tab) == Some(Tab::Overview) => {
            builder.overview(&overview(context.catalog));
        }
        Place::Tab(_) => {}
        Place::Item(item) => {
            if let Some(description) = describe(context.catalog, item) {
                builder.item(&description, key.pinned);
            }
        }
    }
    let mut page = builder.finish();
    if let Some(words) = &key.words {
        highlight(&mut page, &Query::words(words), context.theme.matched);
    }
    page
}

/// Lays out a description line by line, numbering links as it places them.
struct Builder<'a> {
    catalog: &'a Catalog,
    theme: &'a Theme,
    symbols: &'a Symbols,
    problems_key: &'a str,
    since: Option<&'a Since>,
    width: usize,
    page: Page,
}

impl<'a> Builder<'a> {
    fn new(context: &PageContext<'a>, width: u16) -> Self {
        Builder {
            catalog: context.catalog,
            theme: context.theme,
            symbols: context.symbols,
            problems_key: context.problems_key,
            since: context.since,
            width: usize::from(width).max(1),
            page: Page::default(),
        }
    }

    fn finish(self) -> Page {
        self.page
    }

    fn item(&mut self, description: &Description<'_>, pinned: bool) {
        let theme = self.theme;
        self.wrapped(description.title, "", "", theme.heading);
        if let Some(subtitle) = description.subtitle {
            self.wrapped(subtitle, "", "", theme.dim);
        }
        let mut tag = format!(
            "{}{}{}",
            description.item.kind.label(),
            self.symbols.separator,
            description.id
        );
        if pinned {
            tag.push_str(&format!(
                "{}{} pinned",
                self.symbols.separator, self.symbols.pin
            ));
        }
        self.wrapped(&tag, "", "", theme.dim);
        self.item_changes(description.item);
        self.fields(&description.fields, description.status);
        self.prose(
            description.summary,
            description.notes,
            description.notes_heading,
        );
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
                        let origin = format!("{}{locator}", self.symbols.dash);
                        self.wrapped(&origin, "    ", "      ", theme.dim);
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
            for part in fields
                .iter_mut()
                .filter(|field| field.label == "Problems")
                .flat_map(|field| field.parts.iter_mut())
            {
                part.push_str(&format!(" (press {} to list them)", self.problems_key));
            }
        }
        self.fields(&fields, None);
        self.all_changes();
        let counts = overview.status_counts();
        if !counts.is_empty() {
            let total: usize = counts.iter().map(|&(_, n)| n).sum();
            self.section(&format!("Actions by status ({total})"));
            let digits = total.to_string().len();
            for (status, n) in counts {
                self.page.lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(status_tag(status), theme.status(status)),
                    Span::raw(format!(" {n:>digits$}  {}", status.label())),
                ]));
            }
        }
        self.partners(overview);
        for (kind, items) in [
            (Kind::Briefing, &overview.briefings),
            (Kind::Source, &overview.sources),
        ] {
            if !items.is_empty() {
                self.section(&format!("{} ({})", kind.heading(), items.len()));
                for &item in items {
                    self.link_line(item);
                }
            }
        }
        if !overview.summary.trim().is_empty() {
            self.section("Summary");
            self.wrapped(overview.summary, "", "", Style::default());
        }
    }

    /// `Changed since …`, then each change: near the top, as the first thing to read.
    fn item_changes(&mut self, item: ItemRef) {
        let Some(since) = self.since else { return };
        let Some(change) = since.changes.of(item) else {
            return;
        };
        self.section(&changes::heading(change, &since.name));
        for line in changes::item_lines(change, self.symbols) {
            self.wrapped(&line, "  ", "    ", Style::default());
        }
    }

    /// `Since …: 2 added, 1 removed, 3 changed`, then each item: a link, except those
    /// removed, which are not in this version to go to.
    fn all_changes(&mut self) {
        let Some(since) = self.since else { return };
        self.section(&format!(
            "Since {}: {}",
            cells::inline(&since.name),
            since.changes.summary()
        ));
        for field in &since.changes.dossier {
            let line = format!("~ dossier  {}", changes::field_line(field, self.symbols));
            self.wrapped(&line, "  ", "    ", Style::default());
        }
        for change in &since.changes.items {
            let mark = format!("  {} {} ", change.change.mark(), change.kind.label());
            match change.new.filter(|_| change.change != Change::Removed) {
                Some(_) => {
                    let used = mark.width();
                    let title = self.truncate(
                        &cells::inline(&change.title),
                        self.width.saturating_sub(used),
                    );
                    self.mark_link(used, title.width());
                    self.page.lines.push(Line::from(vec![
                        Span::styled(mark, self.theme.dim),
                        Span::styled(title, self.theme.link),
                    ]));
                }
                None => {
                    let line = format!(
                        "{mark}{} ({})",
                        cells::inline(&change.title),
                        cells::inline(&change.id)
                    );
                    self.wrapped(&line, "", "    ", self.theme.dim);
                }
            }
        }
    }

    /// Each country with its open actions per status: a table whose names are links.
    fn partners(&mut self, overview: &Overview<'_>) {
        if overview.partners.is_empty() {
            return;
        }
        let theme = self.theme;
        self.section("Partners: open actions by status");
        let columns = overview.partner_columns();
        if columns.is_empty() {
            self.wrapped("No country has an open action.", "  ", "  ", theme.dim);
            return;
        }
        let tags: Vec<&str> = columns.iter().map(|&s| status_tag(s).trim_end()).collect();
        let cells: usize = tags.iter().map(|tag| tag.width() + 1).sum();
        let names: Vec<String> = overview
            .partners
            .iter()
            .map(|partner| {
                let name = self
                    .catalog
                    .get(partner.country)
                    .map_or("", |found| found.title());
                cells::inline(name).into_owned()
            })
            .collect();
        let widest = names.iter().map(|name| name.width()).max().unwrap_or(0);
        let room = self.width.saturating_sub(2 + cells).max(4);
        let name_width = widest.max("Country".len()).min(room);
        let mut header = vec![Span::styled(
            format!(
                "  {}",
                pad(&self.truncate("Country", name_width), name_width)
            ),
            theme.dim,
        )];
        for (&status, tag) in columns.iter().zip(&tags) {
            header.push(Span::raw(" "));
            header.push(Span::styled((*tag).to_owned(), theme.status(status)));
        }
        self.page.lines.push(Line::from(header));
        for (partner, name) in overview.partners.iter().zip(&names) {
            let name = self.truncate(name, name_width);
            self.mark_link(2, name.width());
            let mut row = vec![
                Span::raw("  "),
                Span::styled(name.clone(), theme.link),
                Span::raw(" ".repeat(name_width.saturating_sub(name.width()))),
            ];
            for (&status, tag) in columns.iter().zip(&tags) {
                let cell = match partner.count(status) {
                    0 => self.symbols.none.to_owned(),
                    n => n.to_string(),
                };
                row.push(Span::styled(
                    format!(" {cell:>width$}", width = tag.width()),
                    theme.dim,
                ));
            }
            self.page.lines.push(Line::from(row));
        }
    }

    fn blank(&mut self) {
        self.page.lines.push(Line::default());
    }

    fn section(&mut self, title: &str) {
        self.blank();
        let heading = self.truncate(title, self.width);
        self.page
            .lines
            .push(Line::styled(heading, self.theme.heading));
    }

    /// `Label  value`, the value wrapped under itself; a status in its colour.
    fn fields(&mut self, fields: &[Field], status: Option<Status>) {
        let theme = self.theme;
        if !fields.is_empty() {
            self.blank();
        }
        for field in fields {
            let label = field.label;
            let first_indent = format!("{label}  ");
            let value = field.joined(self.symbols.separator);
            let safe = cells::block(&value);
            let options = textwrap::Options::new(self.width)
                .initial_indent(&first_indent)
                .subsequent_indent("  ");
            let value_style = match status {
                Some(status) if label == "Status" => theme.status(status),
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

    fn prose(&mut self, summary: &str, notes: &[Text], notes_heading: &str) {
        if !summary.is_empty() {
            self.blank();
            self.wrapped(summary, "", "", Style::default());
        }
        if !notes.is_empty() {
            self.section(notes_heading);
            for note in notes {
                self.wrapped(note, self.symbols.bullet, "  ", Style::default());
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
        let separator = self.symbols.separator;
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for &item in &group.items {
            let Some(found) = self.catalog.get(item) else {
                continue;
            };
            let name = self.truncate(&cells::inline(found.title()), self.width);
            let needed = if row.is_empty() { 0 } else { separator.width() } + name.width();
            if !row.is_empty() && used + needed > self.width {
                self.page.lines.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            if !row.is_empty() {
                row.push(Span::styled(separator, self.theme.dim));
                used += separator.width();
            }
            self.mark_link(used, name.width());
            used += name.width();
            row.push(Span::styled(name, self.theme.link));
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
        let mut prefix = vec![Span::raw(self.symbols.link)];
        if let Some(status) = found.status() {
            prefix.push(Span::styled(status_tag(status), self.theme.status(status)));
            prefix.push(Span::raw(" "));
        }
        let used: usize = prefix.iter().map(Span::width).sum();
        let title = self.truncate(
            &cells::inline(found.title()),
            self.width.saturating_sub(used),
        );
        self.mark_link(used, title.width());
        prefix.push(Span::styled(title, self.theme.link));
        self.page.lines.push(Line::from(prefix));
    }

    fn truncate(&self, text: &str, width: usize) -> String {
        truncate(text, width, self.symbols.ellipsis)
    }

    /// Records a link at `column` of the row being built, the next to be pushed.
    fn mark_link(&mut self, column: usize, width: usize) {
        let row = self.page.lines.len();
        self.page.links.push(LinkPlace { row, column, width });
    }

    fn quote(&mut self, quote: &Quote<'_>, indent: &str) {
        let rest = format!("{indent} ");
        self.wrapped(
            &format!(
                "{}{}{}",
                self.symbols.open_quote, quote.quote, self.symbols.close_quote
            ),
            indent,
            &rest,
            self.theme.quote,
        );
    }

    /// `— Source title, locator`, the title a link when the source exists.
    fn origin(&mut self, source: Option<ItemRef>, name: &str, locator: Option<&str>, indent: &str) {
        let dim = self.theme.dim;
        let dash = format!("{indent}{}", self.symbols.dash);
        let room = self.width.saturating_sub(dash.width());
        let name = self.truncate(&cells::inline(name), room);
        let name_span = match source {
            Some(_) => {
                self.mark_link(dash.width(), name.width());
                Span::styled(name.clone(), self.theme.link)
            }
            None => Span::styled(name.clone(), dim),
        };
        let mut spans = vec![Span::styled(dash.clone(), dim), name_span];
        let Some(locator) = locator else {
            self.page.lines.push(Line::from(spans));
            return;
        };
        let locator = cells::inline(locator);
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
        let lines = wrapped_lines(content, self.width, (first, rest), style);
        self.page.lines.extend(lines);
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

/// `text` and spaces after it, `width` columns in all.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
