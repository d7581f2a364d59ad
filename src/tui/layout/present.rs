//! Present mode's page: one stop laid out in a column narrow enough to read from the
//! back of a room. Every piece comes from the item's `Description`.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::cells;
use super::changes;
use super::page::PageContext;
use super::text::wrapped_lines;
use crate::describe::describe;
use crate::model::{Item, ItemRef, Kind};
use crate::tui::view::{Presentation, Stop};

/// The widest the text column gets: lines longer than this are hard to follow on a wall.
const COLUMN: u16 = 90;

/// Where the stop's text goes in a screen of `area`.
pub(crate) fn present_text_area(area: Rect) -> Rect {
    let [body, _footer] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let width = body.width.saturating_sub(4).min(COLUMN);
    let x = body.x + (body.width.saturating_sub(width)) / 2;
    Rect {
        x,
        y: body.y + 1.min(body.height),
        width,
        height: body.height.saturating_sub(2),
    }
}

/// What a stop's page depends on: when this stays the same, so does the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StopKey {
    pub stop: Option<Stop>,
    /// The briefing whose title screen lists the stops; its stops change only with the
    /// dossier's version.
    pub briefing: Option<ItemRef>,
    pub version: u64,
    pub width: u16,
    /// The presenter's notes are shown (never to a follower).
    pub notes: bool,
}

/// The lines of `key`'s stop of `presentation`.
pub(crate) fn stop_lines(
    context: &PageContext<'_>,
    presentation: &Presentation,
    key: &StopKey,
) -> Vec<Line<'static>> {
    let mut page = Lines {
        lines: Vec::new(),
        width: usize::from(key.width).max(1),
    };
    match key.stop {
        Some(Stop::Title) => title_stop(context, presentation, key.notes, &mut page),
        Some(Stop::Item(item)) => item_stop(context, item, &mut page),
        None => {}
    }
    page.lines
}

fn title_stop(
    context: &PageContext<'_>,
    presentation: &Presentation,
    notes: bool,
    page: &mut Lines,
) {
    let theme = context.theme;
    let Some(Item::Briefing(briefing)) = presentation
        .briefing
        .and_then(|briefing| context.catalog.get(briefing))
    else {
        return;
    };
    page.wrapped(&briefing.title, theme.title.patch(theme.heading));
    page.blank();
    if !briefing.summary.is_empty() {
        page.wrapped(&briefing.summary, Style::default());
        page.blank();
    }
    page.wrapped("Stops", theme.heading);
    for (n, stop) in presentation.stops.iter().enumerate() {
        if let Stop::Item(item) = stop
            && let Some(found) = context.catalog.get(*item)
        {
            page.indented(
                &format!("{n}. {}", found.title()),
                "  ",
                "     ",
                Style::default(),
            );
        }
    }
    if notes && !briefing.notes.is_empty() {
        page.blank();
        page.wrapped(Kind::Briefing.notes_heading(), theme.heading);
        for note in &briefing.notes {
            page.indented(note, context.symbols.bullet, "  ", theme.dim);
        }
    }
}

fn item_stop(context: &PageContext<'_>, item: ItemRef, page: &mut Lines) {
    let theme = context.theme;
    let Some(description) = describe(context.catalog, item) else {
        return;
    };
    page.wrapped(description.title, theme.heading);
    if let Some(subtitle) = description.subtitle {
        page.wrapped(subtitle, theme.dim);
    }
    page.wrapped(
        &format!(
            "{}{}{}",
            item.kind.label(),
            context.symbols.separator,
            description.id
        ),
        theme.dim,
    );
    // What changed since the baseline, on one line: the room asks first what is new.
    if let Some(since) = context.since
        && let Some(change) = since.changes.of(item)
    {
        let mut line = changes::heading(change, &since.name);
        let parts = changes::item_lines(change, context.symbols);
        if !parts.is_empty() {
            line.push_str(&format!(": {}", parts.join("; ")));
        }
        page.wrapped(&line, theme.key);
    }
    page.blank();
    for field in &description.fields {
        let value = field.joined(context.symbols.separator);
        let style = match description.status {
            Some(status) if field.label == "Status" => theme.status(status),
            _ => Style::default(),
        };
        page.labelled(field.label, &value, theme.label, style);
    }
    if !description.summary.is_empty() {
        page.blank();
        page.wrapped(description.summary, Style::default());
    }
    // Relations on one wrapped line: `Countries: Netherlands · Forums: COARM, DUWP`.
    let groups: Vec<String> = description
        .groups
        .iter()
        .map(|group| {
            let names: Vec<String> = group
                .items
                .iter()
                .filter_map(|&other| context.catalog.get(other))
                .map(|found| found.title().to_owned())
                .collect();
            format!("{}: {}", group.title, names.join(", "))
        })
        .collect();
    if !groups.is_empty() {
        page.blank();
        page.wrapped(&groups.join(context.symbols.separator), theme.dim);
    }
    for quote in &description.citations {
        page.blank();
        let quoted = format!(
            "{}{}{}",
            context.symbols.open_quote, quote.quote, context.symbols.close_quote
        );
        page.wrapped(&quoted, theme.quote);
        page.indented(&quote.origin(), context.symbols.dash, "   ", theme.dim);
    }
}

/// Wrapped lines at one width.
struct Lines {
    lines: Vec<Line<'static>>,
    width: usize,
}

impl Lines {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn wrapped(&mut self, content: &str, style: Style) {
        self.indented(content, "", "", style);
    }

    fn indented(&mut self, content: &str, first: &str, rest: &str, style: Style) {
        let lines = wrapped_lines(content, self.width, (first, rest), style);
        self.lines.extend(lines);
    }

    /// `Label  value`, the value wrapped under itself.
    fn labelled(&mut self, label: &str, value: &str, label_style: Style, value_style: Style) {
        let first = format!("{label}  ");
        let safe = cells::block(value);
        let options = textwrap::Options::new(self.width)
            .initial_indent(&first)
            .subsequent_indent("  ");
        for (i, piece) in textwrap::wrap(&safe, &options).into_iter().enumerate() {
            let piece = piece.into_owned();
            match piece.strip_prefix(&first) {
                Some(rest) if i == 0 => self.lines.push(Line::from(vec![
                    Span::styled(first.clone(), label_style),
                    Span::styled(rest.to_owned(), value_style),
                ])),
                _ => self.lines.push(Line::styled(piece, value_style)),
            }
        }
    }
}
