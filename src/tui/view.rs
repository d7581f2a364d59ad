//! What the viewer shows, as plain values: the tabs, a place, the focused pane, a
//! presentation and the detail pane's scroll. The state holds them, the layout measures
//! them and the drawing reads them; they sit below all three.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::diff::Changes;
use crate::model::{Item, ItemRef, Kind};

/// The version of the dossier the viewer compares with: the one `--since` named, else the
/// one it opened with (so that a live reload shows what changed while it was open).
#[derive(Debug, Clone)]
pub struct Baseline {
    /// How the viewer names it: `HEAD~3:data/dossier.ron`, `the version opened`.
    pub name: String,
    pub catalog: Arc<Catalog>,
}

impl Baseline {
    /// The version on screen when the viewer opened, as the baseline of later reloads.
    pub fn opened(catalog: Arc<Catalog>) -> Baseline {
        Baseline {
            name: "the version opened".to_owned(),
            catalog,
        }
    }

    /// What changed from this version to `catalog`.
    pub fn compare(&self, catalog: &Catalog) -> Since {
        Since {
            name: self.name.clone(),
            changes: Changes::between(&self.catalog, catalog),
        }
    }
}

/// Two baselines are the same when they are the same loaded version.
impl PartialEq for Baseline {
    fn eq(&self, other: &Baseline) -> bool {
        self.name == other.name && Arc::ptr_eq(&self.catalog, &other.catalog)
    }
}

impl Eq for Baseline {}

/// What changed since a baseline: the lists mark it, the detail and the overview list it.
#[derive(Debug, Clone, Default)]
pub struct Since {
    /// The baseline's name.
    pub name: String,
    pub changes: Changes,
}

/// The tabs: the dossier's overview, then a list per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    List(Kind),
}

impl Tab {
    /// Every tab, in order; its position is the key that selects it (`0`, `1`, …).
    pub fn all() -> impl Iterator<Item = Tab> {
        std::iter::once(Tab::Overview).chain(Kind::ALL.map(Tab::List))
    }

    pub fn count() -> usize {
        Kind::ALL.len() + 1
    }

    pub fn at(index: usize) -> Option<Tab> {
        Tab::all().nth(index)
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::List(kind) => kind.heading(),
        }
    }
}

/// Where the user is: an item, or a tab with no item (the overview, an empty list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Item(ItemRef),
    Tab(usize),
}

/// Which pane the keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A sequence being presented: a briefing (which opens with its title screen) or items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The briefing presented, if it is one.
    pub briefing: Option<ItemRef>,
    pub stops: Vec<Stop>,
    /// Index into `stops`.
    pub stop: usize,
    /// Lines scrolled in a stop too long for the screen.
    pub scroll: usize,
    /// Started as `dossier present`: leaving it ends the program.
    pub standalone: bool,
}

/// One screen of a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The briefing's title, summary, notes and list of stops.
    Title,
    Item(ItemRef),
}

impl Presentation {
    /// A briefing: its title screen, then its items in order (ids that name nothing
    /// are left out; `check` reports them).
    pub fn of_briefing(catalog: &Catalog, briefing: ItemRef) -> Option<Presentation> {
        let Some(Item::Briefing(found)) = catalog.get(briefing) else {
            return None;
        };
        let items = found.items.iter().filter_map(|id| catalog.find(id));
        Some(Presentation {
            briefing: Some(briefing),
            stops: std::iter::once(Stop::Title)
                .chain(items.map(Stop::Item))
                .collect(),
            stop: 0,
            scroll: 0,
            standalone: false,
        })
    }

    /// Items in the order given, from the first item.
    pub fn of_items(items: impl IntoIterator<Item = ItemRef>) -> Option<Presentation> {
        let stops: Vec<Stop> = items.into_iter().map(Stop::Item).collect();
        (!stops.is_empty()).then_some(Presentation {
            briefing: None,
            stops,
            stop: 0,
            scroll: 0,
            standalone: false,
        })
    }

    pub fn current(&self) -> Option<Stop> {
        self.stops.get(self.stop).copied()
    }

    /// Where the presentation is, as its footer says it: `2/6`. A briefing's title
    /// screen is not one of its stops (its list numbers them from 1): it says `6 stops`.
    pub fn counter(&self) -> String {
        let titled = self.stops.first() == Some(&Stop::Title);
        let total = self.stops.len().saturating_sub(usize::from(titled));
        match (titled, self.stop) {
            (true, 0) if total == 1 => "1 stop".to_owned(),
            (true, 0) => format!("{total} stops"),
            (true, stop) => format!("{stop}/{total}"),
            (false, stop) => format!("{}/{total}", stop + 1),
        }
    }

    /// This presentation in a new version of the dossier, where `remap` finds each old
    /// item: a briefing takes its new list of stops, items that are gone drop out, and
    /// the stop on screen stays on screen while it exists.
    pub(crate) fn carried_over(
        &self,
        new: &Catalog,
        remap: &dyn Fn(ItemRef) -> Option<ItemRef>,
    ) -> Presentation {
        let rebuilt = self
            .briefing
            .and_then(remap)
            .and_then(|briefing| Presentation::of_briefing(new, briefing));
        let mut next = rebuilt.unwrap_or_else(|| Presentation {
            briefing: None,
            stops: self
                .stops
                .iter()
                .filter_map(|stop| match stop {
                    Stop::Title => None,
                    Stop::Item(item) => remap(*item).map(Stop::Item),
                })
                .collect(),
            stop: 0,
            scroll: 0,
            standalone: false,
        });
        let shown = match self.current() {
            Some(Stop::Item(item)) => remap(item).map(Stop::Item),
            other => other,
        };
        match shown.and_then(|shown| next.stops.iter().position(|&stop| stop == shown)) {
            Some(stop) => {
                next.stop = stop;
                next.scroll = self.scroll;
            }
            None => next.stop = self.stop.min(next.stops.len().saturating_sub(1)),
        }
        next.standalone = self.standalone;
        next
    }
}

/// The detail pane's scroll and link cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailView {
    /// Lines scrolled off the top: a `usize`, as a huge item has more than 65 535.
    pub scroll: usize,
    /// The link under the cursor, when one is on screen.
    pub link: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_counts_a_briefings_stops_as_its_title_screen_lists_them() {
        let item = ItemRef {
            kind: Kind::Country,
            index: 0,
        };
        let mut briefing = Presentation {
            briefing: None,
            stops: vec![Stop::Title, Stop::Item(item)],
            stop: 0,
            scroll: 0,
            standalone: false,
        };
        assert_eq!(briefing.counter(), "1 stop");
        briefing.stop = 1;
        assert_eq!(briefing.counter(), "1/1");
        let items = Presentation::of_items([item, item]).expect("items");
        assert_eq!(items.counter(), "1/2");
    }
}
