//! The columns a terminal gives text, where they differ from ratatui's count.
//!
//! ratatui measures each grapheme cluster with `unicode-width` and keeps it in one cell.
//! A terminal (tmux, xterm, anything using the C library's `wcwidth`) draws character by
//! character instead: a base character and the zero-width marks after it share a cell,
//! and every other character takes a cell of its own. Two things follow:
//!
//! - A cluster such as Hindi `भा` (a letter and a spacing vowel sign) is one two-column
//!   cell to ratatui and two one-column cells to the terminal. When the next frame writes
//!   only the first column, the terminal keeps the vowel sign in the second: a stale `ा`.
//!   [`settle`] gives each of the terminal's pieces its own cell, so ratatui's diff knows
//!   what every column holds.
//! - Some spacing marks (Bengali and Oriya `া`/`ା`, Tamil `ா`, Malayalam `ാ`, Kannada,
//!   Sinhala…) are zero columns to `unicode-width` but one to a terminal: every later
//!   character on the row would land a column to the right of where ratatui put it.
//!   [`inline`] and [`block`] follow such a cluster with a [`ROOM`] placeholder for each
//!   column it lacks, so wrapping and cutting count the columns the terminal needs, and
//!   [`settle`] hands those columns to the cluster's pieces.

use std::borrow::Cow;

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Holds a column for the cluster before it until [`settle`] gives it to that cluster.
/// A noncharacter, so never text: the library shows one found in a dossier as `U+FDD0`.
pub(crate) const ROOM: char = '\u{FDD0}';
const ROOM_STR: &str = "\u{FDD0}";

/// Characters `unicode-width` counts as zero columns that the C library's `wcwidth`
/// (glibc 2.36, which tmux uses) counts as one: spacing marks that extend a grapheme
/// cluster, and prepended concatenation marks. `tests/frames.rs` checks the list
/// against the C library itself.
const SPACING_IN_TERMINALS: &[(char, char)] = &[
    ('\u{0605}', '\u{0605}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{09BE}', '\u{09BE}'),
    ('\u{09D7}', '\u{09D7}'),
    ('\u{0B3E}', '\u{0B3E}'),
    ('\u{0B57}', '\u{0B57}'),
    ('\u{0BBE}', '\u{0BBE}'),
    ('\u{0BD7}', '\u{0BD7}'),
    ('\u{0CC0}', '\u{0CC0}'),
    ('\u{0CC2}', '\u{0CC2}'),
    ('\u{0CC7}', '\u{0CC8}'),
    ('\u{0CCA}', '\u{0CCB}'),
    ('\u{0CD5}', '\u{0CD6}'),
    ('\u{0D3E}', '\u{0D3E}'),
    ('\u{0D4E}', '\u{0D4E}'),
    ('\u{0D57}', '\u{0D57}'),
    ('\u{0DCF}', '\u{0DCF}'),
    ('\u{0DDF}', '\u{0DDF}'),
    ('\u{1715}', '\u{1715}'),
    ('\u{1734}', '\u{1734}'),
    ('\u{1B35}', '\u{1B35}'),
    ('\u{1B3B}', '\u{1B3B}'),
    ('\u{1B3D}', '\u{1B3D}'),
    ('\u{1B43}', '\u{1B44}'),
    ('\u{1BAA}', '\u{1BAA}'),
    ('\u{1BF2}', '\u{1BF3}'),
    ('\u{A8FA}', '\u{A8FA}'),
    ('\u{A953}', '\u{A953}'),
    ('\u{A9C0}', '\u{A9C0}'),
    ('\u{111C0}', '\u{111C0}'),
    ('\u{111C2}', '\u{111C3}'),
    ('\u{11235}', '\u{11235}'),
    ('\u{1133E}', '\u{1133E}'),
    ('\u{1134D}', '\u{1134D}'),
    ('\u{11357}', '\u{11357}'),
    ('\u{114B0}', '\u{114B0}'),
    ('\u{114BD}', '\u{114BD}'),
    ('\u{115AF}', '\u{115AF}'),
    ('\u{116B6}', '\u{116B6}'),
    ('\u{11930}', '\u{11930}'),
    ('\u{1193D}', '\u{1193D}'),
    ('\u{1193F}', '\u{1193F}'),
    ('\u{11941}', '\u{11941}'),
    ('\u{11A84}', '\u{11A89}'),
    ('\u{11D46}', '\u{11D46}'),
    ('\u{1D165}', '\u{1D166}'),
    ('\u{1D16D}', '\u{1D172}'),
];

/// Characters both count as zero columns but the C library counts as two: Hangul tone
/// marks and Vietnamese reading marks.
const WIDE_IN_TERMINALS: &[(char, char)] = &[('\u{302E}', '\u{302F}'), ('\u{16FF0}', '\u{16FF1}')];

/// Marks `unicode-width` counts as a column that the C library draws over the character
/// before them: the Tifinagh consonant joiner and the Ahom medial ra.
const ZERO_IN_TERMINALS: &[(char, char)] = &[('\u{2D7F}', '\u{2D7F}'), ('\u{1171E}', '\u{1171E}')];

/// The first character of the lists above: below it, both count alike.
const FIRST_COUNTED_OTHERWISE: char = '\u{0605}';

fn within(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// True when a terminal counts `c` wider than `unicode-width` does. Every string the
/// viewer draws is checked each frame, so text below the lists skips them.
fn counted_otherwise(c: char) -> bool {
    c >= FIRST_COUNTED_OTHERWISE
        && (within(SPACING_IN_TERMINALS, c) || within(WIDE_IN_TERMINALS, c))
}

/// The columns a terminal moves its cursor for `c`: 0 for a mark it draws over the
/// character before.
pub fn terminal_width(c: char) -> usize {
    if c < FIRST_COUNTED_OTHERWISE {
        c.width().unwrap_or(0)
    } else if within(WIDE_IN_TERMINALS, c) {
        2
    } else if within(SPACING_IN_TERMINALS, c) {
        1
    } else if within(ZERO_IN_TERMINALS, c) {
        0
    } else {
        c.width().unwrap_or(0)
    }
}

/// `text` made safe to show on one line ([`crate::text::inline`]), with room kept for the
/// columns a terminal gives it beyond ratatui's count.
pub(crate) fn inline(text: &str) -> Cow<'_, str> {
    with_room(crate::text::inline(text))
}

/// `text` made safe to show as paragraphs ([`crate::text::block`]), with room kept as in
/// [`inline`].
pub(crate) fn block(text: &str) -> Cow<'_, str> {
    with_room(crate::text::block(text))
}

fn with_room(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.chars().any(counted_otherwise) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for cluster in text.graphemes(true) {
        out.push_str(cluster);
        let lacking =
            columns_in_terminal(cluster).saturating_sub(usize::from(cluster.cell_width()));
        out.extend(std::iter::repeat_n(ROOM, lacking));
    }
    Cow::Owned(out)
}

/// What a terminal makes of `symbol`: each character it moves the cursor for, with the
/// zero-width marks after it, and the columns that piece takes. Marks before any such
/// character have nothing to draw over and are left out.
fn pieces(symbol: &str) -> Vec<(&str, usize)> {
    let mut pieces: Vec<(&str, usize)> = Vec::new();
    let mut start = None;
    let mut columns = 0;
    for (at, c) in symbol.char_indices() {
        let width = terminal_width(c);
        if width == 0 {
            continue;
        }
        if let Some(from) = start {
            pieces.push((&symbol[from..at], columns));
        }
        start = Some(at);
        columns = width;
    }
    if let Some(from) = start {
        pieces.push((&symbol[from..], columns));
    }
    pieces
}

fn columns_in_terminal(cluster: &str) -> usize {
    pieces(cluster).iter().map(|&(_, columns)| columns).sum()
}

/// Rewrites `area` of `buf`, as drawn by the widgets, so that every cell holds what the
/// terminal will show in that column. A cluster the terminal draws in several pieces
/// gets one cell for each, using the columns ratatui gave it and the [`ROOM`] after it;
/// a piece with no column left is not drawn, and a [`ROOM`] no cluster needed is a blank.
pub(crate) fn settle(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            x = settle_cell(buf, x, y, area.right());
        }
    }
}

/// Settles the cell at `(x, y)` and returns the column after what it covers.
fn settle_cell(buf: &mut Buffer, x: u16, y: u16, right: u16) -> u16 {
    let Some(cell) = buf.cell_mut((x, y)) else {
        return right;
    };
    // Most cells hold one ASCII character: both count it as one column.
    if cell.symbol().len() == 1 {
        return x + 1;
    }
    if cell.symbol() == ROOM_STR {
        cell.set_symbol(" ");
        return x + 1;
    }
    let width = cell.cell_width().max(1);
    // Most cells hold one character both count alike: nothing to do, nothing to copy.
    let mut chars = cell.symbol().chars();
    if let (Some(only), None) = (chars.next(), chars.next())
        && terminal_width(only) == usize::from(width)
    {
        return x.saturating_add(width);
    }
    let symbol = cell.symbol().to_owned();
    let style = cell.style();
    let pieces = pieces(&symbol);
    if pieces.len() == 1
        && pieces
            .first()
            .is_some_and(|&(_, columns)| columns == usize::from(width))
    {
        return x.saturating_add(width);
    }
    let mut end = x.saturating_add(width).min(right);
    while end < right
        && buf
            .cell((end, y))
            .is_some_and(|cell| cell.symbol() == ROOM_STR)
    {
        end += 1;
    }
    let mut column = x;
    for (piece, columns) in pieces {
        let Ok(columns) = u16::try_from(columns) else {
            break;
        };
        if column.saturating_add(columns) > end {
            break;
        }
        if let Some(cell) = buf.cell_mut((column, y)) {
            cell.set_symbol(piece).set_style(style);
        }
        // A wide piece's second column is hidden behind it, as ratatui leaves it.
        for hidden in column + 1..column + columns {
            if let Some(cell) = buf.cell_mut((hidden, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        column += columns;
    }
    for blank in column..end {
        if let Some(cell) = buf.cell_mut((blank, y)) {
            cell.set_symbol(" ").set_style(style);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    /// `text` drawn as one line of `width` cells and settled: each cell's symbol.
    fn drawn(text: &str, width: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        Line::raw(inline(text).into_owned()).render(area, &mut buf);
        settle(area, &mut buf);
        buf.content()
            .iter()
            .map(|cell| cell.symbol().to_owned())
            .collect()
    }

    #[test]
    fn a_letter_and_its_spacing_vowel_sign_get_a_cell_each() {
        assert_eq!(drawn("भारत", 5), ["भ", "ा", "र", "त", " "]);
    }

    #[test]
    fn a_mark_the_terminal_draws_over_its_letter_stays_in_that_cell() {
        assert_eq!(drawn("हिन्दी", 6), ["ह", "ि", "न\u{94D}", "द", "ी", " "]);
        assert_eq!(drawn("e\u{301}x", 3), ["e\u{301}", "x", " "]);
    }

    #[test]
    fn a_vowel_sign_unicode_width_counts_as_zero_columns_keeps_its_column() {
        // `া` is zero columns to unicode-width and one to a terminal: without the room
        // kept for it, `ল` would be drawn one column left of where the terminal puts it.
        assert_eq!(drawn("বাংলা", 6), ["ব", "া", "ং", "ল", "া", " "]);
        assert_eq!(
            drawn("இந்தியா!", 9),
            ["இ", "ந\u{BCD}", "த", "ி", "ய", "ா", "!", " ", " "]
        );
    }

    #[test]
    fn wide_characters_and_plain_text_are_left_as_ratatui_drew_them() {
        assert_eq!(drawn("日本 ab", 7), ["日", " ", "本", " ", " ", "a", "b"]);
    }

    #[test]
    fn a_piece_without_a_column_left_is_not_drawn() {
        // Cut at the edge of the area, the vowel sign's room fell outside it.
        assert_eq!(drawn("aবা", 2), ["a", "ব"]);
    }

    #[test]
    fn room_is_kept_only_where_a_terminal_needs_it() {
        assert_eq!(inline("plain, भारत, 日本"), "plain, भारत, 日本");
        assert_eq!(inline("বা"), "বা\u{FDD0}");
        assert_eq!(terminal_width('\u{9BE}'), 1);
        assert_eq!(terminal_width('\u{94D}'), 0);
        assert_eq!(terminal_width('日'), 2);
    }

    #[test]
    fn a_placeholder_in_a_dossier_is_shown_not_used() {
        assert_eq!(inline("a\u{FDD0}b"), "aU+FDD0b");
    }
}
