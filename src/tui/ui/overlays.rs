//! The help and problems overlays. Their text is wrapped here, to the overlay's width,
//! so that `update` knows how far each can scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::model::Status;
use crate::tui::app::App;
use crate::tui::app::{Mode, Screen};
use crate::tui::keys::help_rows;
use crate::tui::theme::status_tag;

use super::{SIDE_BY_SIDE_WIDTH, overlay};

/// Below this inner width, each key's description goes under it instead of beside it.
const NARROW: u16 = 50;
/// The column descriptions start at, beside the keys.
const KEYS_COLUMN: usize = 24;

impl App {
    pub(super) fn render_help(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = help_popup(area);
        let title = format!(" Keys{}q or Esc closes ", self.symbols.separator);
        let block = self.overlay_block(&title, self.theme.border_focused);
        let lines = self.help_lines(block.inner(popup).width);
        render_overlay(block, lines, scroll, popup, buf);
    }

    pub(super) fn render_problems(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = overlay(area, 90, 80);
        let title = format!(
            " {} problem(s){}q or Esc closes ",
            self.catalog.problems.len(),
            self.symbols.separator
        );
        let block = self.overlay_block(&title, self.theme.warning);
        let lines = self.problem_lines(block.inner(popup).width);
        render_overlay(block, lines, scroll, popup, buf);
    }

    fn overlay_block(&self, title: &str, style: Style) -> Block<'static> {
        Block::bordered()
            .border_set(self.symbols.border)
            .border_style(style)
            .title(Span::styled(title.to_owned(), style))
    }

    /// Every key from the key table, by section, then what the status tags mean.
    fn help_lines(&self, width: u16) -> Vec<Line<'static>> {
        let theme = &self.theme;
        let width = usize::from(width).max(1);
        let narrow = width < usize::from(NARROW);
        let mut lines = Vec::new();
        let mut section = "";
        // Over a presentation, only the keys that work there.
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
        for (row_section, keys, what) in help_rows(&self.symbols, screens) {
            if row_section != section {
                if !section.is_empty() {
                    lines.push(Line::default());
                }
                section = row_section;
                lines.push(Line::styled(section, theme.heading));
            }
            // Keys too many for their column go on a line of their own.
            if narrow || keys.chars().count() > KEYS_COLUMN - 3 {
                for piece in textwrap::wrap(
                    &keys,
                    textwrap::Options::new(width)
                        .initial_indent("  ")
                        .subsequent_indent("  "),
                ) {
                    lines.push(Line::styled(piece.into_owned(), theme.key));
                }
                for piece in textwrap::wrap(
                    what,
                    textwrap::Options::new(width)
                        .initial_indent("      ")
                        .subsequent_indent("      "),
                ) {
                    lines.push(Line::raw(piece.into_owned()));
                }
            } else {
                let keys = format!("  {keys:<width$}", width = KEYS_COLUMN - 2);
                let indent = " ".repeat(KEYS_COLUMN);
                let options = textwrap::Options::new(width.saturating_sub(KEYS_COLUMN).max(1));
                for (i, piece) in textwrap::wrap(what, options).into_iter().enumerate() {
                    let lead = if i == 0 {
                        Span::styled(keys.clone(), theme.key)
                    } else {
                        Span::raw(indent.clone())
                    };
                    lines.push(Line::from(vec![lead, Span::raw(piece.into_owned())]));
                }
            }
        }
        lines.push(Line::default());
        lines.push(Line::styled("Status tags", theme.heading));
        for status in Status::ALL {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(status_tag(status), theme.status(status)),
                Span::raw(format!("  {}", status.label())),
            ]));
        }
        lines
    }

    fn problem_lines(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width).max(3);
        let mut lines = Vec::new();
        for problem in &self.catalog.problems {
            let options = textwrap::Options::new(width)
                .initial_indent(self.symbols.bullet)
                .subsequent_indent("  ");
            for piece in textwrap::wrap(&problem.to_string(), options) {
                lines.push(Line::raw(piece.into_owned()));
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled("No problems.", self.theme.dim));
        }
        lines
    }
}

/// The help is wide enough for its two columns where it can be, and fills a small screen.
fn help_popup(area: Rect) -> Rect {
    if area.width < SIDE_BY_SIDE_WIDTH {
        area
    } else {
        overlay(area, 70, 100)
    }
}

fn render_overlay(
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    scroll: u16,
    popup: Rect,
    buf: &mut Buffer,
) {
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(popup, buf);
}

/// (lines, rows shown) of the help at this body size.
pub fn help_size(app: &App, body: Rect) -> (usize, usize) {
    let inner = Block::bordered().inner(help_popup(body));
    (app.help_lines(inner.width).len(), usize::from(inner.height))
}

/// (lines, rows shown) of the problems at this body size.
pub fn problems_size(app: &App, body: Rect) -> (usize, usize) {
    let inner = Block::bordered().inner(overlay(body, 90, 80));
    (
        app.problem_lines(inner.width).len(),
        usize::from(inner.height),
    )
}
