//! The finder overlay's parts: the query, its status line, the results and, on a wide
//! screen, a preview.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Padding};

use super::overlay;

/// From this terminal width the finder shows a preview beside its results.
pub(crate) const PREVIEW_FROM: u16 = 100;

/// Where the finder's parts go inside the body.
pub(crate) struct FinderAreas {
    pub popup: Rect,
    pub prompt: Rect,
    /// The query's error, or the counts per kind.
    pub status: Rect,
    pub results: Rect,
    pub preview: Option<Rect>,
}

impl FinderAreas {
    pub(crate) fn of(body: Rect, screen_width: u16) -> FinderAreas {
        let popup = overlay(body, 90, 80);
        let inner = Block::bordered().inner(popup);
        let [prompt, status, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        let (results, preview) = if screen_width >= PREVIEW_FROM {
            let [results, preview] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(list);
            (results, Some(preview_block().inner(preview)))
        } else {
            (list, None)
        };
        FinderAreas {
            popup,
            prompt,
            status,
            results,
            preview,
        }
    }
}

pub(crate) fn preview_block() -> Block<'static> {
    Block::new()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1))
}
