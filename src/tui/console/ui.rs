//! Drawing the presenter's console: a header with the briefing and the clock, a broken
//! save if there is one, the stop on the projector and the next, the notes, and the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::Console;
use crate::model::Kind;
use crate::tui::layout::cells;
use crate::tui::layout::{fit, truncate, wrapped_lines};

/// Where the labels' text starts: `Now`, `Next`.
const LABEL: usize = 7;

impl Console {
    /// The notes laid out at the console's width.
    pub(super) fn note_lines(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width).saturating_sub(2).max(1);
        let bullet = self.symbols.bullet;
        let indent = " ".repeat(bullet.chars().count());
        if self.state.notes.is_empty() {
            return vec![Line::styled(
                format!(" {} no notes", self.symbols.none),
                self.theme.dim,
            )];
        }
        let (first, rest) = (format!(" {bullet}"), format!(" {indent}"));
        let mut lines = Vec::new();
        for note in &self.state.notes {
            lines.extend(wrapped_lines(
                note,
                width,
                (&first, &rest),
                ratatui::style::Style::default(),
            ));
        }
        lines
    }

    /// The rows the notes have at the current size.
    fn notes_area(&self, area: Rect) -> Rect {
        let banner = u16::from(self.state.banner.is_some());
        // Header, banner, now, next, blank, the notes' heading … footer.
        let top = 5 + banner;
        Rect {
            y: area.y.saturating_add(top),
            height: area.height.saturating_sub(top + 1),
            ..area
        }
    }

    pub(super) fn max_scroll(&self) -> usize {
        let (width, height) = self.size;
        let area = self.notes_area(Rect::new(0, 0, width, height));
        self.note_lines(width)
            .len()
            .saturating_sub(usize::from(area.height))
    }

    fn row(&self, spans: Vec<Span<'static>>, area: Rect, buf: &mut Buffer) {
        Line::from(fit(spans, usize::from(area.width), self.symbols.ellipsis)).render(area, buf);
    }
}

impl Widget for &Console {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_screen(area, buf);
        cells::settle(area, buf);
    }
}

impl Console {
    fn render_screen(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let theme = &self.theme;
        let state = &self.state;
        let ellipsis = self.symbols.ellipsis;
        let separator = self.symbols.separator;
        let [header, banner, now, next, _, heading] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(state.banner.is_some())),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);

        let clock = format!(" {} elapsed ", self.elapsed());
        let room = usize::from(header.width).saturating_sub(clock.chars().count());
        let title = format!(
            " Presenter's console{separator}{}",
            cells::inline(&state.title)
        );
        Line::styled(truncate(&title, room, ellipsis), theme.title).render(header, buf);
        Line::from(Span::styled(clock, theme.key))
            .right_aligned()
            .render(header, buf);

        if let Some(problem) = &state.banner {
            let said = format!(
                " {}{}{separator}showing the last good version",
                self.symbols.warning,
                cells::inline(problem)
            );
            buf.set_style(banner, theme.warning);
            Line::styled(
                truncate(&said, usize::from(banner.width), ellipsis),
                theme.warning,
            )
            .render(banner, buf);
        }

        let label =
            |name: &str| Span::styled(format!(" {name:<width$}", width = LABEL - 1), theme.label);
        self.row(
            vec![
                label("Now"),
                Span::styled(format!("{}  ", cells::inline(&state.counter)), theme.key),
                Span::styled(cells::inline(&state.stop).into_owned(), theme.heading),
            ],
            now,
            buf,
        );
        let (coming, style) = match &state.next {
            Some(next) => (cells::inline(next).into_owned(), theme.heading),
            None => ("the last stop is on screen".to_owned(), theme.dim),
        };
        self.row(vec![label("Next"), Span::styled(coming, style)], next, buf);

        Line::styled(
            format!(" {}", Kind::Briefing.notes_heading()),
            theme.heading,
        )
        .render(heading, buf);
        let notes = self.notes_area(area);
        let lines = self.note_lines(area.width);
        for (line, y) in lines
            .iter()
            .skip(self.scroll)
            .zip(notes.top()..notes.bottom())
        {
            let row = Rect {
                y,
                height: 1,
                ..notes
            };
            line.clone().render(row, buf);
        }
        let more = lines.len().saturating_sub(self.scroll) > usize::from(notes.height);

        let footer = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1.min(area.height),
            ..area
        };
        let mut spans = vec![Span::raw(" ")];
        for (key, what, _) in self.keymap.footer_hints(self.screen(), &self.symbols) {
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(format!(" {what}  "), theme.dim));
        }
        if more {
            spans.push(Span::styled(
                format!("{} more notes", self.symbols.down),
                theme.key,
            ));
        }
        self.row(spans, footer, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::super::tests::state;
    use super::*;
    use crate::share::ConsoleState;

    fn draw(console: &Console, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|frame| frame.render_widget(console, frame.area()))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_console_shows_the_stop_the_next_the_notes_and_the_clock() {
        let mut console = Console::new(
            ConsoleState {
                notes: vec!["Open with the partnership.".to_owned()],
                banner: Some("d.ron:3:4: expected a comma".to_owned()),
                ..state()
            },
            crate::tui::theme::DARK,
        );
        console.now = 1_065;
        console.update(crate::tui::Message::Resize(60, 12));
        let screen = draw(&console, 60, 12);
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn escapes_in_what_the_presenter_sends_are_shown_inert() {
        let console = Console::new(
            ConsoleState {
                stop: "\u{1b}]52;c;aGk=\u{7}x".to_owned(),
                notes: vec!["\u{1b}[2Jnote".to_owned()],
                ..state()
            },
            crate::tui::theme::DARK,
        );
        let screen = draw(&console, 60, 12);
        assert!(!screen.contains('\u{1b}'), "{screen}");
        assert!(screen.contains("note"), "{screen}");
    }

    #[test]
    fn a_tiny_window_draws_without_a_panic() {
        let console = Console::new(state(), crate::tui::theme::DARK);
        for (width, height) in [(1, 1), (5, 2), (20, 4)] {
            draw(&console, width, height);
        }
    }
}
