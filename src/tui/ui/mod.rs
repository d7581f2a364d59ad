//! Drawing. Rendering only reads the app: `impl Widget for &App`, one file a pane. Where
//! things go comes from `layout`; the pages drawn were laid out by `update`.
//! Every string from the dossier passes through `layout::cells::inline` or `block` first:
//! made safe, with room for the columns a terminal gives it, which `cells::settle` hands
//! out once everything is drawn.

mod detail;
mod finder;
mod footer;
mod header;
mod list;
mod overlays;
mod present;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget, Wrap,
};

use super::app::{App, Mode};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH, Shape, cells, truncate};
use super::symbols::Symbols;
use super::view::Focus;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_screen(area, buf);
        // Last, so that every cell holds what the terminal will show in its column.
        cells::settle(area, buf);
    }
}

impl App {
    fn render_screen(&self, area: Rect, buf: &mut Buffer) {
        // A presentation takes the whole screen, whatever its size.
        if let Mode::Present(presentation) = &self.mode {
            self.render_present(presentation, area, buf);
            return;
        }
        let Some(areas) = Areas::of(&Shape {
            screen: area,
            ..self.shape()
        }) else {
            render_too_small(area, self.symbols.times, buf);
            return;
        };
        // Help over a presentation keeps the presentation behind it, not the viewer.
        if let Mode::Help {
            scroll,
            behind: Some(behind),
        } = &self.mode
        {
            self.render_present(behind, area, buf);
            self.render_help(*scroll, areas.body, buf);
            return;
        }
        self.render_header(areas.header, buf);
        self.render_banner(areas.banner, buf);
        if let Some(list) = areas.list {
            self.render_list(list, buf);
        }
        if let Some(detail) = areas.detail {
            self.render_detail(detail, buf);
        }
        self.render_footer(areas.footer, buf);
        match &self.mode {
            Mode::Browse => {}
            Mode::Finder(finder) => self.render_finder(finder, areas.body, buf),
            Mode::Help { scroll, .. } => self.render_help(*scroll, areas.body, buf),
            Mode::Problems { scroll } => self.render_problems(*scroll, areas.body, buf),
            Mode::ChooseBriefing { selected } => self.render_chooser(*selected, areas.body, buf),
            Mode::Present(_) => {}
        }
    }
}

fn render_too_small(area: Rect, times: &str, buf: &mut Buffer) {
    Paragraph::new(vec![
        Line::from("Terminal too small"),
        Line::from(format!("need {MIN_WIDTH}{times}{MIN_HEIGHT}")),
    ])
    .wrap(Wrap { trim: true })
    .render(area, buf);
}

impl App {
    fn pane_block(&self, title: String, focused: bool) -> Block<'static> {
        let style = if focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        Block::new()
            .borders(Borders::ALL)
            .border_set(self.symbols.border)
            .border_style(style)
            .title(Span::styled(title, style))
    }

    /// `⚠ d.ron:12:5: expected a comma · showing the last good version`
    fn render_banner(&self, area: Rect, buf: &mut Buffer) {
        let Some(problem) = &self.banner else { return };
        let text = format!(
            " {}{}{}showing the last good version",
            self.symbols.warning,
            cells::inline(problem),
            self.symbols.separator
        );
        let text = truncate(&text, usize::from(area.width), self.symbols.ellipsis);
        buf.set_style(area, self.theme.warning);
        Line::styled(text, self.theme.warning).render(area, buf);
    }

    /// True when keys move in the pane `focus`, with nothing on top.
    fn has_focus(&self, focus: Focus) -> bool {
        self.focus == focus && self.mode == Mode::Browse
    }
}

impl App {
    /// A scrollbar on the right border of `area`, for `len` rows of which `height` show.
    fn render_scrollbar(
        &self,
        area: Rect,
        len: usize,
        position: usize,
        height: usize,
        buf: &mut Buffer,
    ) {
        render_scrollbar(area, len, position, height, &self.symbols, buf);
    }
}

fn render_scrollbar(
    area: Rect,
    len: usize,
    position: usize,
    height: usize,
    symbols: &Symbols,
    buf: &mut Buffer,
) {
    let mut state = ScrollbarState::new(len.saturating_sub(height))
        .position(position)
        .viewport_content_length(height);
    let track = area.inner(Margin {
        vertical: 1,
        horizontal: 0,
    });
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .thumb_symbol(symbols.scrollbar_thumb)
        .track_symbol(Some(symbols.scrollbar_track))
        .render(track, buf, &mut state);
}

/// One row of `lines` per row of `area`, from `first`, each row styled whole.
/// One row of `lines` per row of `area`, from `first`, each row styled whole.
fn render_rows(lines: &[Line<'_>], first: usize, area: Rect, buf: &mut Buffer) {
    for (offset, line) in lines
        .iter()
        .skip(first)
        .take(usize::from(area.height))
        .enumerate()
    {
        let row = Rect {
            y: area.y + offset as u16,
            height: 1,
            ..area
        };
        if line.style != Style::default() {
            buf.set_style(row, line.style);
        }
        line.render(row, buf);
    }
}
