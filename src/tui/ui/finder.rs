//! The finder overlay: the query with its cursor, what is wrong with it or how many of
//! each kind match, the ranked results, and beside them, on a wide screen, a preview of
//! the highlighted result as the detail pane would show it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::render_rows;
use crate::search::Query;
use crate::tui::app::{App, Finder};
use crate::tui::layout::cells;
use crate::tui::layout::{FinderAreas, PageKey, drop_columns, fit, scroll_offset, truncate};
use crate::tui::symbols::Symbols;
use unicode_segmentation::UnicodeSegmentation;

fn finder_block(border: Style, title: Style, symbols: &Symbols) -> Block<'static> {
    Block::bordered()
        .border_set(symbols.border)
        .border_style(border)
        .title(Span::styled(" Find ", title))
}

impl App {
    pub(super) fn render_finder(&self, finder: &Finder, body: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let areas = FinderAreas::of(body, self.size.0);
        Clear.render(areas.popup, buf);
        finder_block(theme.border_focused, theme.heading, &self.symbols).render(areas.popup, buf);
        self.render_prompt(finder, areas.prompt, buf);

        let status = match &finder.error {
            Some(error) => Line::styled(
                truncate(
                    &cells::inline(&error.message),
                    usize::from(areas.status.width),
                    self.symbols.ellipsis,
                ),
                theme.warning,
            ),
            None => Line::styled(
                finder.results.counts_line(self.symbols.separator),
                theme.dim,
            ),
        };
        status.render(areas.status, buf);

        self.render_results(finder, areas.results, buf);
        if let Some(preview) = areas.preview {
            Block::new()
                .borders(Borders::LEFT)
                .border_set(self.symbols.border)
                .border_style(theme.border)
                .render(
                    Rect {
                        x: preview.x.saturating_sub(2),
                        width: preview.width + 2,
                        ..preview
                    },
                    buf,
                );
            self.render_preview(finder, preview, buf);
        }
    }

    /// `> query▏ … 3/12`, the cursor where typing goes, the part at fault underlined,
    /// and the tail of a long query kept in view.
    fn render_prompt(&self, finder: &Finder, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let mut count = {
            let shown = finder.results.hits.len();
            let position = if shown == 0 { 0 } else { finder.selected + 1 };
            format!("{position}/{} ", finder.results.total)
        };
        if finder.is_searching() {
            count.insert_str(0, &format!("{} ", self.symbols.ellipsis));
        }
        let room = usize::from(area.width).saturating_sub(count.width() + 3);
        let query = &finder.query;
        let cursor = finder.cursor.min(query.len());
        let at_fault = finder.error.as_ref().map(|error| error.span.clone());
        // Pieces of the query: before the cursor, then after, each split where the
        // error's span starts and ends, so that the span can be underlined.
        let mut cuts = vec![0, cursor, query.len()];
        if let Some(span) = &at_fault {
            cuts.extend([span.start.min(query.len()), span.end.min(query.len())]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut spans = Vec::new();
        for pair in cuts.windows(2) {
            let (start, end) = (pair[0], pair[1]);
            let Some(piece) = query.get(start..end) else {
                continue;
            };
            if start == cursor {
                spans.push(Span::styled(self.symbols.cursor, theme.key));
            }
            let faulty = at_fault
                .as_ref()
                .is_some_and(|span| span.start <= start && end <= span.end);
            let style = if faulty {
                theme.warning.underlined()
            } else {
                Style::default()
            };
            spans.push(Span::styled(cells::inline(piece).into_owned(), style));
        }
        if cursor >= query.len() {
            spans.push(Span::styled(self.symbols.cursor, theme.key));
        }
        // Keep the cursor in view: a long query loses its start, shown as `…`.
        let width: usize = spans.iter().map(Span::width).sum();
        let after_cursor: usize = spans
            .iter()
            .skip_while(|span| span.content != self.symbols.cursor)
            .map(Span::width)
            .sum();
        let excess = width.saturating_sub(room);
        let spans = if excess > 0 && width - after_cursor > room / 2 {
            let keep = room / 2;
            let drop = (width - after_cursor).saturating_sub(keep) + 1;
            let mut trimmed = vec![Span::styled(self.symbols.ellipsis, theme.dim)];
            trimmed.extend(drop_columns(spans, drop));
            trimmed
        } else {
            spans
        };
        let mut line = vec![Span::styled("> ", theme.key)];
        line.extend(fit(spans, room, self.symbols.ellipsis));
        Line::from(line).render(area, buf);
        // Styled as a span: a line's own style would cover the query drawn beneath it.
        Line::from(Span::styled(count, theme.dim))
            .right_aligned()
            .render(area, buf);
    }

    fn render_results(&self, finder: &Finder, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let query = Query::words(&finder.query);
        let shown = finder.results.hits.len();
        let height = usize::from(area.height);
        let width = usize::from(area.width);
        let first = scroll_offset(finder.selected, shown, height);
        let index = self.ready_search_index();
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
                &index.map_or_else(Vec::new, |index| index.highlights(hit.item, &query)),
                theme.matched,
            ));
            spans.push(Span::styled(
                format!("  {}", cells::inline(found.id())),
                theme.dim,
            ));
            let mut line = Line::from(fit(spans, width, self.symbols.ellipsis));
            if row == finder.selected {
                line = line.style(theme.selected);
            }
            let row_area = Rect {
                y: area.y + (row - first) as u16,
                height: 1,
                ..area
            };
            buf.set_style(row_area, line.style);
            line.render(row_area, buf);
        }
        if shown == 0 && !finder.is_searching() {
            Line::styled("No matches.", theme.dim).render(area, buf);
        }
    }

    fn render_preview(&self, finder: &Finder, area: Rect, buf: &mut Buffer) {
        let Some(hit) = finder.results.hits.get(finder.selected) else {
            return;
        };
        let key = PageKey::preview(hit.item, area.width, &finder.query, self.version);
        self.with_page(&key, |preview| render_rows(&preview.lines, 0, area, buf));
    }
}

/// The title with the characters at `positions` (char indices into `title`) styled. A
/// grapheme cluster is styled whole, as the terminal draws it in one piece, and made safe
/// on its own, so positions stay true.
fn highlighted(title: &str, positions: &[usize], matched: Style) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let style = |is_match: bool| if is_match { matched } else { Style::default() };
    let mut first_char = 0;
    for cluster in title.graphemes(true) {
        let chars = cluster.chars().count();
        let is_match =
            (first_char..first_char + chars).any(|i| positions.binary_search(&i).is_ok());
        first_char += chars;
        if is_match != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_matched)));
        }
        run_matched = is_match;
        run.push_str(&cells::inline(cluster));
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style(run_matched)));
    }
    spans
}
