//! The help and problems overlays' text, wrapped to the overlay's width: the state asks
//! how far each can scroll, the drawing shows it. The help is read from the key table.

use ratatui::text::{Line, Span};

use super::keys::Keymap;
use super::message::Screen;
use super::symbols::Symbols;
use super::theme::{Theme, status_tag};
use crate::catalog::Catalog;
use crate::model::Status;

/// Below this inner width, each key's description goes under it instead of beside it.
const NARROW: u16 = 50;
/// The column descriptions start at, beside the keys.
const KEYS_COLUMN: usize = 24;

/// The help: every key from the key table, by section, then what the status tags mean.
/// Only the bindings for one of `screens`, or every binding when `screens` is empty.
pub(crate) fn help_lines(
    keymap: &Keymap,
    theme: &Theme,
    symbols: &Symbols,
    screens: &[Screen],
    width: u16,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let narrow = width < usize::from(NARROW);
    let mut lines = Vec::new();
    let mut section = "";
    for (row_section, keys, what) in keymap.help_rows(symbols, screens) {
        if row_section != section {
            if !section.is_empty() {
                lines.push(Line::default());
            }
            section = row_section;
            lines.push(Line::styled(section, theme.heading));
        }
        // Keys too many for their column go on a line of their own.
        if narrow || keys.chars().count() > KEYS_COLUMN - 3 {
            for piece in textwrap::wrap(
                &keys,
                textwrap::Options::new(width)
                    .initial_indent("  ")
                    .subsequent_indent("  "),
            ) {
                lines.push(Line::styled(piece.into_owned(), theme.key));
            }
            for piece in textwrap::wrap(
                what,
                textwrap::Options::new(width)
                    .initial_indent("      ")
                    .subsequent_indent("      "),
            ) {
                lines.push(Line::raw(piece.into_owned()));
            }
        } else {
            let keys = format!("  {keys:<width$}", width = KEYS_COLUMN - 2);
            let indent = " ".repeat(KEYS_COLUMN);
            let options = textwrap::Options::new(width.saturating_sub(KEYS_COLUMN).max(1));
            for (i, piece) in textwrap::wrap(what, options).into_iter().enumerate() {
                let lead = if i == 0 {
                    Span::styled(keys.clone(), theme.key)
                } else {
                    Span::raw(indent.clone())
                };
                lines.push(Line::from(vec![lead, Span::raw(piece.into_owned())]));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Status tags", theme.heading));
    for status in Status::ALL {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(status_tag(status), theme.status(status)),
            Span::raw(format!("  {}", status.label())),
        ]));
    }
    lines
}

/// Every problem found in the dossier, wrapped to `width`.
pub(crate) fn problem_lines(
    catalog: &Catalog,
    theme: &Theme,
    symbols: &Symbols,
    width: u16,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(3);
    let mut lines = Vec::new();
    for problem in &catalog.problems {
        let options = textwrap::Options::new(width)
            .initial_indent(symbols.bullet)
            .subsequent_indent("  ");
        for piece in textwrap::wrap(&problem.to_string(), options) {
            lines.push(Line::raw(piece.into_owned()));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No problems.", theme.dim));
    }
    lines
}
