//! Present mode: one stop a screen, for a room. No list, no borders to speak of: the
//! stop's page, laid out by `layout::present`, and a footer with the briefing's title and
//! where the presenter is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::render_rows;
use crate::model::Kind;
use crate::tui::app::App;
use crate::tui::layout::cells;
use crate::tui::layout::{self, present_text_area, truncate};
use crate::tui::message::Message;
use crate::tui::view::Presentation;

impl App {
    pub(super) fn render_present(&self, presentation: &Presentation, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        Clear.render(area, buf);
        let text = present_text_area(area);
        let (scroll, max_scroll) = self.with_stop_lines(presentation, text.width, |lines| {
            let max_scroll = lines.len().saturating_sub(usize::from(text.height));
            let scroll = presentation.scroll.min(max_scroll);
            render_rows(lines, scroll, text, buf);
            (scroll, max_scroll)
        });
        // A broken save, on the row above the text: the last good version stays.
        if self.banner.is_some() {
            self.render_banner(
                Rect {
                    height: 1.min(area.height),
                    ..area
                },
                buf,
            );
        }

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
                |found| cells::inline(found.title()).into_owned(),
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
            let key = self
                .keymap
                .key_name(self.screen(), &Message::Down, &self.symbols);
            format!("{} more ({key}){separator}", self.symbols.down)
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

    pub(super) fn render_chooser(&self, selected: usize, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = layout::chooser_popup(area, &self.catalog);
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
                    &cells::inline(found.title()),
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
