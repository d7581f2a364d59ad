//! The help and problems overlays. Their text is wrapped here, to the overlay's width,
//! so that `update` knows how far each can scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::text;
use crate::tui::app::App;
use crate::tui::layout::{help_popup, popup_inner, problems_popup};
use crate::tui::message::{Message, Screen};

impl App {
    pub(super) fn render_help(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = help_popup(area);
        let title = format!(
            " Keys{}{} ",
            self.symbols.separator,
            self.closes(Screen::Help)
        );
        let block = self.overlay_block(&title, self.theme.border_focused);
        let lines = self.help_lines(popup_inner(popup).width);
        self.render_overlay(block, lines, scroll, popup, buf);
    }

    pub(super) fn render_problems(&self, scroll: u16, area: Rect, buf: &mut Buffer) {
        let popup = problems_popup(area);
        let title = format!(
            " {}{}{} ",
            text::counted(self.catalog.problems.len(), "problem"),
            self.symbols.separator,
            self.closes(Screen::Problems)
        );
        let block = self.overlay_block(&title, self.theme.warning);
        let lines = self.problem_lines(popup_inner(popup).width);
        self.render_overlay(block, lines, scroll, popup, buf);
    }

    /// The overlay's text from `scroll`, with a scrollbar on its border when there is
    /// more than it shows, as the panes have.
    fn render_overlay(
        &self,
        block: Block<'static>,
        lines: Vec<Line<'static>>,
        scroll: u16,
        popup: Rect,
        buf: &mut Buffer,
    ) {
        let len = lines.len();
        let height = usize::from(popup_inner(popup).height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll, 0))
            .render(popup, buf);
        if len > height {
            self.render_scrollbar(popup, len, usize::from(scroll), height, buf);
        }
    }

    /// `q or Esc closes`, from the key table.
    fn closes(&self, screen: Screen) -> String {
        let keys = self
            .keymap
            .key_names(screen, &Message::Close, &self.symbols, 2);
        format!("{keys} closes")
    }

    fn overlay_block(&self, title: &str, style: Style) -> Block<'static> {
        Block::bordered()
            .border_set(self.symbols.border)
            .border_style(style)
            .title(Span::styled(title.to_owned(), style))
    }
}
