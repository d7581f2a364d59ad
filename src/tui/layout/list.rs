//! The list pane's columns: how wide each kind's list wants to be, measured once per
//! load, whether its rows have room for the timing column, and where each title starts
//! to differ from the others, so that a cut keeps that in sight.

use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use super::cells;
use crate::catalog::Catalog;
use crate::model::{Item, Kind};
use crate::tui::theme::STATUS_TAG_WIDTH;

/// The timing column is at most this wide; longer timings are cut.
const TIMING_WIDTH: usize = 24;
/// The timing column shows only when the title keeps at least this much room.
const MIN_TITLE_WIDTH: usize = 24;
/// A status tag and the space after it.
pub(crate) const STATUS_COLUMN: usize = STATUS_TAG_WIDTH + 1;

/// The widths a list needs: computed once per load, as they read every item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ListColumns {
    /// The columns to show every row whole: title and subtitle, and for actions the
    /// status tag and the timing column.
    pub content: u16,
    /// The timing column's width: 0 when no item has a timing.
    pub timing: usize,
    /// Each item's title (as shown, in characters): where the word starts from which it
    /// differs from every other title of the list. `Annual consultation with Germany`
    /// and `… with Denmark, …` differ from their last words on.
    pub distinct: Arc<[usize]>,
}

impl ListColumns {
    /// Where item `index`'s title starts to differ from the others; 0 when unknown.
    pub(crate) fn distinct_from(&self, index: usize) -> usize {
        self.distinct.get(index).copied().unwrap_or(0)
    }
}

pub(crate) fn list_columns(catalog: &Catalog, kind: Kind) -> ListColumns {
    let items = || catalog.items(kind).filter_map(|item| catalog.get(item));
    let timing = items()
        .filter_map(timing_of)
        .map(|timing| cells::inline(timing).width())
        .max()
        .unwrap_or(0)
        .min(TIMING_WIDTH);
    let widest = items()
        .map(|found| {
            let tag = found.status().map_or(0, |_| STATUS_COLUMN);
            let subtitle = found
                .subtitle()
                .map_or(0, |subtitle| 2 + cells::inline(subtitle).width());
            let timing = if timing > 0 { 2 + timing } else { 0 };
            1 + tag + cells::inline(found.title()).width() + subtitle + timing
        })
        .max()
        .unwrap_or(0);
    let titles: Vec<String> = items()
        .map(|found| cells::inline(found.title()).into_owned())
        .collect();
    ListColumns {
        content: u16::try_from(widest).unwrap_or(u16::MAX),
        timing,
        distinct: distinct_starts(&titles).into(),
    }
}

/// For each title, the start of the word where it parts from the title closest to it:
/// the longest prefix it shares with any other is the one it shares with a neighbour in
/// sorted order, so this takes a sort, not a comparison of every pair.
fn distinct_starts(titles: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..titles.len()).collect();
    order.sort_unstable_by(|&a, &b| titles.get(a).cmp(&titles.get(b)));
    let mut shared = vec![0; titles.len()];
    for pair in order.windows(2) {
        let [a, b] = [pair[0], pair[1]];
        let (Some(first), Some(second)) = (titles.get(a), titles.get(b)) else {
            continue;
        };
        let common = first
            .chars()
            .zip(second.chars())
            .take_while(|(x, y)| x == y)
            .count();
        for at in [a, b] {
            if let Some(most) = shared.get_mut(at) {
                *most = (*most).max(common);
            }
        }
    }
    titles
        .iter()
        .zip(shared)
        .map(|(title, common)| word_start(title, common))
        .collect()
}

/// The start of the word holding character `at` of `title` (`at` itself when a word
/// starts there).
fn word_start(title: &str, at: usize) -> usize {
    title
        .chars()
        .take(at)
        .enumerate()
        .filter(|(_, c)| c.is_whitespace())
        .last()
        .map_or(0, |(space, _)| space + 1)
}

/// The timing column's width in rows `width` columns wide, when they have room for it.
pub(crate) fn timing_column(columns: &ListColumns, width: usize) -> Option<usize> {
    let timing = columns.timing;
    (timing > 0 && width >= 1 + STATUS_COLUMN + MIN_TITLE_WIDTH + 2 + timing).then_some(timing)
}

pub(crate) fn timing_of(found: Item<'_>) -> Option<&str> {
    match found {
        Item::Action(action) => action.timing.as_deref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_differ_from_the_word_where_they_part() {
        let titles = [
            "Annual consultation with Germany",
            "Annual general consultation with the Dutch",
            "Annual consultation with Denmark, primarily on dual-use control",
            "Cooperation with the Netherlands",
        ]
        .map(str::to_owned);
        assert_eq!(distinct_starts(&titles), [25, 7, 25, 0]);
        // Equal titles part nowhere: their last word is kept.
        let twice = ["Talks with Chile", "Talks with Chile"].map(str::to_owned);
        assert_eq!(distinct_starts(&twice), [11, 11]);
        assert_eq!(distinct_starts(&[]), Vec::<usize>::new());
    }
}
