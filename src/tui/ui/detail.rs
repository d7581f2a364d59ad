//! The detail pane: the page `update` laid out, scrolled, with the link under the cursor
//! marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Padding, Widget};

use super::render_rows;
use crate::tui::app::App;
use crate::tui::layout::Page;
use crate::tui::view::{Focus, Tab};

impl App {
    pub(super) fn render_detail(&self, area: Rect, buf: &mut Buffer) {
        let title = match self.current_tab() {
            Tab::Overview => " Overview ",
            Tab::List(_) => " Detail ",
        };
        let block = self
            .pane_block(title.to_owned(), self.has_focus(Focus::Detail))
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        block.render(area, buf);
        let key = self.detail_key(inner.width);
        self.with_page(&key, |page| self.render_page(page, area, inner, buf));
    }

    fn render_page(&self, page: &Page, area: Rect, inner: Rect, buf: &mut Buffer) {
        let height = usize::from(inner.height);
        // `update` keeps the scroll within the text; this only guards a stale size.
        let scroll = self
            .detail
            .scroll
            .min(page.lines.len().saturating_sub(height));
        render_rows(&page.lines, scroll, inner, buf);
        // The link under the cursor, marked on top of its row.
        let cursor = self.detail.link.filter(|_| self.has_focus(Focus::Detail));
        if let Some(link) = cursor.and_then(|link| page.links.get(link))
            && let Some(offset) = link
                .row
                .checked_sub(scroll)
                .filter(|&offset| offset < height)
        {
            let marked = Rect {
                x: inner.x + link.column as u16,
                y: inner.y + offset as u16,
                width: link.width as u16,
                height: 1,
            }
            .intersection(inner);
            buf.set_style(marked, self.theme.link_selected);
        }
        if page.lines.len() > height {
            self.render_scrollbar(area, page.lines.len(), scroll, height, buf);
        }
    }
}
