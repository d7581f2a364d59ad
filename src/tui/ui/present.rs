//! Present mode: one stop a screen, for a room. No list, no borders to speak of: the
//! item's title, key fields, summary, relations on one wrapped line and its citations,
//! in a column narrow enough to read from the back, and a footer with the briefing's
//! title and where the presenter is. Every piece comes from the item's `Description`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::describe::describe;
use crate::model::{Item, Kind};
use crate::text;
use crate::tui::app::{App, Mode, Presentation, Stop};

use super::{overlay, render_rows, truncate};

/// The widest the text column gets: lines longer than this are hard to follow on a wall.
const COLUMN: u16 = 90;

/// Where the stop's text goes in a screen of `area`.
fn text_area(area: Rect) -> Rect {
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

/// Rows of text the stop has room for at the app's size.
pub fn present_height(app: &App) -> usize {
    usize::from(text_area(Rect::new(0, 0, app.size.0, app.size.1)).height)
}

/// How far the current stop can scroll at the app's size.
pub fn max_present_scroll(app: &App) -> usize {
    let Mode::Present(presentation) = &app.mode else {
        return 0;
    };
    let area = text_area(Rect::new(0, 0, app.size.0, app.size.1));
    let lines = app.stop_lines(presentation, area.width).len();
    lines.saturating_sub(usize::from(area.height))
}

impl App {
    pub(super) fn render_present(&self, presentation: &Presentation, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        Clear.render(area, buf);
        let text = text_area(area);
        let lines = self.stop_lines(presentation, text.width);
        let max_scroll = lines.len().saturating_sub(usize::from(text.height));
        let scroll = presentation.scroll.min(max_scroll);
        render_rows(&lines, scroll, text, buf);

        let footer = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1.min(area.height),
            ..area
        };
        let title = presentation
            .briefing
            .and_then(|briefing| self.catalog.get(briefing))
            .map_or_else(
                || "Presentation".to_owned(),
                |found| text::inline(found.title()).into_owned(),
            );
        // A follower's footer says so: its keys do not move the presentation.
        let separator = self.symbols.separator;
        let following = match (self.following, self.audience) {
            (true, _) => format!("following{separator}"),
            (false, Some(1)) => format!("1 follower{separator}"),
            (false, Some(count)) => format!("{count} followers{separator}"),
            (false, None) => String::new(),
        };
        // Nothing else shows that a stop goes on below the screen.
        let more = if scroll < max_scroll {
            format!("{} more (j){separator}", self.symbols.down)
        } else {
            String::new()
        };
        let counter = presentation.counter();
        let mut position = format!(" {more}{following}{counter} ");
        if position.chars().count() > usize::from(footer.width) {
            position = format!(" {counter} ");
        }
        let room = usize::from(footer.width).saturating_sub(position.chars().count() + 2);
        // A notice (such as a follower's key that moves nothing) stands in for the title.
        let (title, style) = match &self.notice {
            Some(notice) => (notice.clone(), theme.key),
            None => (title, theme.dim),
        };
        Line::from(vec![
            Span::raw(" "),
            Span::styled(truncate(&title, room, self.symbols.ellipsis), style),
        ])
        .render(footer, buf);
        // Styled as a span: a line's own style would cover the title drawn beneath it.
        Line::from(Span::styled(position, theme.key))
            .right_aligned()
            .render(footer, buf);
    }

    /// The lines of the current stop at `width` columns.
    pub(crate) fn stop_lines(&self, presentation: &Presentation, width: u16) -> Vec<Line<'static>> {
        let mut page = Lines {
            lines: Vec::new(),
            width: usize::from(width).max(1),
        };
        match presentation.current() {
            Some(Stop::Title) => self.title_stop(presentation, &mut page),
            Some(Stop::Item(item)) => self.item_stop(item, &mut page),
            None => {}
        }
        page.lines
    }

    fn title_stop(&self, presentation: &Presentation, page: &mut Lines) {
        let theme = &self.theme;
        let Some(Item::Briefing(briefing)) = presentation
            .briefing
            .and_then(|briefing| self.catalog.get(briefing))
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
                && let Some(found) = self.catalog.get(*item)
            {
                page.indented(
                    &format!("{n}. {}", found.title()),
                    "  ",
                    "     ",
                    Style::default(),
                );
            }
        }
        // A follower never has these: the presenter's notes are not sent.
        if !briefing.notes.is_empty() && !self.following {
            page.blank();
            page.wrapped(Kind::Briefing.notes_heading(), theme.heading);
            for note in &briefing.notes {
                page.indented(note, self.symbols.bullet, "  ", theme.dim);
            }
        }
    }

    fn item_stop(&self, item: crate::model::ItemRef, page: &mut Lines) {
        let theme = &self.theme;
        let Some(description) = describe(&self.catalog, item) else {
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
                self.symbols.separator,
                description.id
            ),
            theme.dim,
        );
        page.blank();
        for field in &description.fields {
            let value = field.joined(self.symbols.separator);
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
                    .filter_map(|&other| self.catalog.get(other))
                    .map(|found| found.title().to_owned())
                    .collect();
                format!("{}: {}", group.title, names.join(", "))
            })
            .collect();
        if !groups.is_empty() {
            page.blank();
            page.wrapped(&groups.join(self.symbols.separator), theme.dim);
        }
        for quote in &description.citations {
            page.blank();
            let quoted = format!(
                "{}{}{}",
                self.symbols.open_quote, quote.quote, self.symbols.close_quote
            );
            page.wrapped(&quoted, theme.quote);
            page.indented(&quote.origin(), self.symbols.dash, "   ", theme.dim);
        }
    }

    pub(super) fn render_chooser(&self, selected: usize, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = overlay(area, 70, 60);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_set(self.symbols.border)
            .border_style(theme.border_focused)
            .title(Span::styled(" Present which briefing? ", theme.heading));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let lines: Vec<Line<'static>> = self
            .catalog
            .items(Kind::Briefing)
            .filter_map(|briefing| self.catalog.get(briefing))
            .enumerate()
            .map(|(n, found)| {
                let title = truncate(
                    &text::inline(found.title()),
                    usize::from(inner.width).saturating_sub(2),
                    self.symbols.ellipsis,
                );
                let line = Line::raw(format!(" {title}"));
                if n == selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        render_rows(
            &lines,
            selected.saturating_sub(usize::from(inner.height).saturating_sub(1)),
            inner,
            buf,
        );
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
        let lines = super::wrapped_lines(content, self.width, (first, rest), style);
        self.lines.extend(lines);
    }

    /// `Label  value`, the value wrapped under itself.
    fn labelled(&mut self, label: &str, value: &str, label_style: Style, value_style: Style) {
        let first = format!("{label}  ");
        let safe = text::block(value);
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
