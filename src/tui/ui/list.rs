//! The list pane: the items of the current kind, one a row, cut with `…` when narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::{Item, ItemRef};
use crate::tui::app::App;
use crate::tui::layout::cells;
use crate::tui::layout::{
    change_mark, fit, scroll_offset, timing_column, timing_of, truncate, truncate_keeping,
};
use crate::tui::theme::status_tag;
use crate::tui::view::Focus;

impl App {
    pub(super) fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let Some(kind) = self.kind() else { return };
        let count = self.catalog.count(kind);
        let focused = self.has_focus(Focus::List);
        let block = self.pane_block(format!(" {} ", kind.heading()), focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            Line::styled(format!(" No {}.", kind.plural()), self.theme.dim).render(inner, buf);
            return;
        }
        let height = usize::from(inner.height);
        let width = usize::from(inner.width);
        let selected = self.selected_index();
        let first = scroll_offset(selected, count, height);
        // One timing column for the whole list, when the rows have room for it.
        let columns = self.columns(kind);
        let timing = timing_column(&columns, width);
        for (row, index) in (first..count).take(height).enumerate() {
            let item = ItemRef { kind, index };
            let Some(found) = self.catalog.get(item) else {
                continue;
            };
            let pinned = self.pins.contains(&item);
            let layout = Row {
                width,
                timing,
                pinned,
                change: self
                    .since
                    .as_ref()
                    .map(|since| change_mark(since.changes.of(item).map(|change| change.change))),
                distinct_from: columns.distinct_from(index),
            };
            let mut line = Line::from(self.list_row(found, &layout));
            if index == selected {
                // On the selection bar the bar's colours win: a status in blue on a blue
                // bar would vanish. Modifiers (a cancelled item's strike) stay.
                for span in &mut line.spans {
                    span.style = ratatui::style::Style::new().add_modifier(span.style.add_modifier);
                }
                line = line.style(if focused {
                    self.theme.selected
                } else {
                    self.theme.selected_unfocused
                });
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
            self.render_scrollbar(area, count, first, height, buf);
        }
    }

    /// One row, `width` columns at most: ` PLAN  Title…  timing` or ` Name  Subtitle`.
    /// A title cut keeps where it differs from the others in sight; a row without a
    /// timing gives the timing column to its title.
    fn list_row(&self, found: Item<'_>, row: &Row) -> Vec<Span<'static>> {
        let theme = &self.theme;
        let ellipsis = self.symbols.ellipsis;
        // With a baseline, the row's first column marks a change since (`+`, `~`), in
        // ASCII: it reads on every terminal and without colour. The next marks a pin.
        let mut spans: Vec<Span<'static>> = row
            .change
            .map(|mark| Span::styled(mark, theme.key))
            .into_iter()
            .collect();
        spans.push(if row.pinned {
            Span::styled(self.symbols.pin, theme.key)
        } else {
            Span::raw(" ")
        });
        if let Some(status) = found.status() {
            spans.push(Span::styled(status_tag(status), theme.status(status)));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(Span::width).sum();
        let title = cells::inline(found.title());
        let timing = row
            .timing
            .zip(timing_of(found).filter(|timing| !timing.trim().is_empty()));
        let Some((timing_width, timing)) = timing else {
            let room = row.width.saturating_sub(used);
            spans.push(Span::raw(truncate_keeping(
                &title,
                room,
                row.distinct_from,
                ellipsis,
            )));
            if let Some(subtitle) = found.subtitle() {
                spans.push(Span::styled(
                    format!("  {}", cells::inline(subtitle)),
                    theme.dim,
                ));
            }
            return fit(spans, row.width, ellipsis);
        };
        // Title, cut to leave the timing column its room, then the column.
        let title_width = row.width.saturating_sub(used + 2 + timing_width);
        let title = truncate_keeping(&title, title_width, row.distinct_from, ellipsis);
        let padding = title_width.saturating_sub(title.width());
        spans.push(Span::raw(format!("{title}{}  ", " ".repeat(padding))));
        spans.push(Span::styled(
            truncate(&cells::inline(timing), timing_width, ellipsis),
            theme.dim,
        ));
        fit(spans, row.width, ellipsis)
    }
}

/// How one row of the list is laid out.
struct Row {
    width: usize,
    /// The timing column's width, when the list shows one.
    timing: Option<usize>,
    pinned: bool,
    /// The change mark, when there is a baseline: a space for an item unchanged.
    change: Option<&'static str>,
    /// Where the title starts to differ from the others' (`ListColumns::distinct`).
    distinct_from: usize,
}
