//! The finder overlay: the query, the count, and the ranked results.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::search::Query;
use crate::text;
use crate::tui::app::{App, Finder};

use super::{fit, overlay, scroll_offset};

impl App {
    pub(super) fn render_finder(&self, finder: &Finder, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let popup = overlay(area, 90, 80);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focused)
            .title(Span::styled(" Find ", theme.heading));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [prompt, results_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);

        let shown = finder.results.hits.len();
        let position = if shown == 0 { 0 } else { finder.selected + 1 };
        let mut count = format!("{position}/{}", finder.results.total);
        if finder.is_searching() {
            count.insert_str(0, "… ");
        }
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::raw(text::inline(&finder.query).into_owned()),
            Span::styled("▏", theme.key),
        ])
        .render(prompt, buf);
        Line::styled(format!("{count} "), theme.dim)
            .right_aligned()
            .render(prompt, buf);

        let query = Query::new(&finder.query);
        let height = usize::from(results_area.height);
        let width = usize::from(results_area.width);
        let first = scroll_offset(finder.selected, shown, height);
        let index = self.search_index();
        for (row, hit) in finder
            .results
            .hits
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
        {
            let Some(found) = self.catalog.get(hit.item) else {
                continue;
            };
            let mut spans = vec![Span::styled(
                format!("{:<8} ", hit.item.kind.label()),
                theme.badge,
            )];
            spans.extend(highlighted(
                found.title(),
                &index.highlights(hit.item, &query),
                theme.matched,
            ));
            spans.push(Span::styled(
                format!("  {}", text::inline(found.id())),
                theme.dim,
            ));
            let mut line = Line::from(fit(spans, width));
            if row == finder.selected {
                line = line.style(theme.selected);
            }
            let row_area = Rect {
                y: results_area.y + (row - first) as u16,
                height: 1,
                ..results_area
            };
            buf.set_style(row_area, line.style);
            line.render(row_area, buf);
        }
        if shown == 0 && !finder.is_searching() {
            Line::styled("No matches.", theme.dim).render(results_area, buf);
        }
    }
}

/// The title with the characters at `positions` (char indices into `title`) styled.
/// Each character is made safe on its own, so positions stay true.
fn highlighted(title: &str, positions: &[usize], matched: Style) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let style = |is_match: bool| if is_match { matched } else { Style::default() };
    for (i, c) in title.chars().enumerate() {
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_matched)));
        }
        run_matched = is_match;
        let mut utf8 = [0u8; 4];
        run.push_str(&text::inline(c.encode_utf8(&mut utf8)));
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style(run_matched)));
    }
    spans
}
