//! The list pane's columns: how wide each kind's list wants to be, measured once per
//! load, and whether its rows have room for the timing column.

use unicode_width::UnicodeWidthStr;

use crate::catalog::Catalog;
use crate::model::{Item, Kind};
use crate::text;
use crate::tui::theme::STATUS_TAG_WIDTH;

/// The timing column is at most this wide; longer timings are cut.
const TIMING_WIDTH: usize = 24;
/// The timing column shows only when the title keeps at least this much room.
const MIN_TITLE_WIDTH: usize = 24;
/// A status tag and the space after it.
pub(crate) const STATUS_COLUMN: usize = STATUS_TAG_WIDTH + 1;

/// The widths a list needs: computed once per load, as they read every item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ListColumns {
    /// The columns to show every row whole: title and subtitle, and for actions the
    /// status tag and the timing column.
    pub content: u16,
    /// The timing column's width: 0 when no item has a timing.
    pub timing: usize,
}

pub(crate) fn list_columns(catalog: &Catalog, kind: Kind) -> ListColumns {
    let items = || catalog.items(kind).filter_map(|item| catalog.get(item));
    let timing = items()
        .filter_map(timing_of)
        .map(|timing| text::inline(timing).width())
        .max()
        .unwrap_or(0)
        .min(TIMING_WIDTH);
    let widest = items()
        .map(|found| {
            let tag = found.status().map_or(0, |_| STATUS_COLUMN);
            let subtitle = found
                .subtitle()
                .map_or(0, |subtitle| 2 + text::inline(subtitle).width());
            let timing = if timing > 0 { 2 + timing } else { 0 };
            1 + tag + text::inline(found.title()).width() + subtitle + timing
        })
        .max()
        .unwrap_or(0);
    ListColumns {
        content: u16::try_from(widest).unwrap_or(u16::MAX),
        timing,
    }
}

/// The timing column's width in rows `width` columns wide, when they have room for it.
pub(crate) fn timing_column(columns: ListColumns, width: usize) -> Option<usize> {
    let timing = columns.timing;
    (timing > 0 && width >= 1 + STATUS_COLUMN + MIN_TITLE_WIDTH + 2 + timing).then_some(timing)
}

pub(crate) fn timing_of(found: Item<'_>) -> Option<&str> {
    match found {
        Item::Action(action) => action.timing.as_deref(),
        _ => None,
    }
}
