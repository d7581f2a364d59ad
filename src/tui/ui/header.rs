//! The header: the dossier's title and date, the problem count, and the tabs.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::text;
use crate::tui::app::{App, Tab};

impl App {
    pub(super) fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let dossier = &self.catalog.dossier;
        let mut title = vec![Span::styled(
            format!(" {}", text::inline(&dossier.title)),
            theme.title,
        )];
        if let Some(as_of) = &dossier.as_of {
            title.push(Span::styled(
                format!("{}as of {}", self.symbols.separator, text::inline(as_of)),
                theme.dim,
            ));
        }
        let problems = self.catalog.problems.len();
        let warning = (problems > 0).then(|| {
            let warning = self.symbols.warning;
            Span::styled(
                format!(" {warning}{problems} problem(s): press ! "),
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

    /// ` 0 Overview  1 Countries 5 …`. Where that is too wide, the other tabs lose their
    /// counts, and then their names, before the current one loses anything.
    pub(super) fn tabs(&self, width: usize) -> Vec<Span<'static>> {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Shown {
            NameAndCount,
            Name,
            Number,
        }
        let label = |index: usize, tab: Tab, shown: Shown| {
            let count = match tab {
                Tab::List(kind) => format!(" {}", self.catalog.count(kind)),
                Tab::Overview => String::new(),
            };
            match shown {
                Shown::NameAndCount => format!(" {index} {}{count} ", tab.title()),
                Shown::Name => format!(" {index} {} ", tab.title()),
                Shown::Number => format!(" {index} "),
            }
        };
        let others = [Shown::NameAndCount, Shown::Name, Shown::Number]
            .into_iter()
            .find(|&others| {
                let needed: usize = Tab::all()
                    .enumerate()
                    .map(|(index, tab)| {
                        let shown = if index == self.tab {
                            Shown::NameAndCount
                        } else {
                            others
                        };
                        label(index, tab, shown).chars().count() + 1
                    })
                    .sum();
                needed < width
            })
            .unwrap_or(Shown::Number);
        let mut spans = vec![Span::raw(" ")];
        for (index, tab) in Tab::all().enumerate() {
            let current = index == self.tab;
            let (style, shown) = if current {
                (self.theme.tab_active, Shown::NameAndCount)
            } else {
                (self.theme.tab, others)
            };
            spans.push(Span::styled(label(index, tab, shown), style));
            spans.push(Span::raw(" "));
        }
        spans
    }
}
