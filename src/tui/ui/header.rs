//! The header: the dossier's title and date, the problem count, and the tabs.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::text;
use crate::tui::app::App;
use crate::tui::layout::cells;
use crate::tui::layout::tab_labels;
use crate::tui::message::{Message, Screen};

impl App {
    pub(super) fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let dossier = &self.catalog.dossier;
        let mut title = vec![Span::styled(
            format!(" {}", cells::inline(&dossier.title)),
            theme.title,
        )];
        if let Some(as_of) = &dossier.as_of {
            title.push(Span::styled(
                format!("{}as of {}", self.symbols.separator, cells::inline(as_of)),
                theme.dim,
            ));
        }
        let problems = self.catalog.problems.len();
        let warning = (problems > 0).then(|| {
            let warning = self.symbols.warning;
            let key = self
                .keymap
                .key_name(Screen::List, &Message::ToggleProblems, &self.symbols);
            Span::styled(
                format!(
                    " {warning}{}: press {key} ",
                    text::counted(problems, "problem")
                ),
                theme.warning,
            )
        });
        let tabs = self.tabs(usize::from(area.width));
        if area.height >= 2 {
            let [title_row, tabs_row] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
            Line::from(title).render(title_row, buf);
            if let Some(warning) = warning {
                Line::from(warning).right_aligned().render(title_row, buf);
            }
            Line::from(tabs).render(tabs_row, buf);
        } else {
            let mut row = tabs;
            row.extend(warning);
            Line::from(row).render(area, buf);
        }
    }

    /// The tab row: each tab's label from the layout, the current one highlighted.
    fn tabs(&self, width: usize) -> Vec<Span<'static>> {
        let mut spans = vec![Span::raw(" ")];
        for (index, label) in tab_labels(&self.catalog, self.tab, width)
            .into_iter()
            .enumerate()
        {
            let style = if index == self.tab {
                self.theme.tab_active
            } else {
                self.theme.tab
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        spans
    }
}
