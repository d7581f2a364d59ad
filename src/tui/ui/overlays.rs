//! The help and problems overlays. Their text is wrapped here, to the overlay's width,
//! so that `update` knows how far each can scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::App;
use crate::tui::layout::{help_popup, popup_inner, problems_popup};

impl App {
    pub(super) fn render_help(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = help_popup(area);
        let title = format!(" Keys{}q or Esc closes ", self.symbols.separator);
        let block = self.overlay_block(&title, self.theme.border_focused);
        let lines = self.help_lines(popup_inner(popup).width);
        render_overlay(block, lines, scroll, popup, buf);
    }

    pub(super) fn render_problems(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = problems_popup(area);
        let title = format!(
            " {} problem(s){}q or Esc closes ",
            self.catalog.problems.len(),
            self.symbols.separator
        );
        let block = self.overlay_block(&title, self.theme.warning);
        let lines = self.problem_lines(popup_inner(popup).width);
        render_overlay(block, lines, scroll, popup, buf);
    }

    fn overlay_block(&self, title: &str, style: Style) -> Block<'static> {
        Block::bordered()
            .border_set(self.symbols.border)
            .border_style(style)
            .title(Span::styled(title.to_owned(), style))
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
