//! A loaded dossier as an index: items by id, relations in both directions, and the rule
//! violations found, all computed once, at load. The search index is built from a
//! catalog on its own (`search::SearchIndex::new`), when it is first needed.

use std::path::Path;

// foldhash: several times quicker than SipHash on short ids, still seeded per process.
use foldhash::{HashMap, HashMapExt};
use std::thread;

use crate::lines::{ItemLines, Scan};
use crate::load::{self, LoadError};
use crate::model::{Citation, Dossier, Item, ItemRef, Kind, Source, Text, Wanted};
use crate::suggest::did_you_mean;
use crate::text::fold;
use crate::validate::{Problem, validate};

/// The dossier bundled into the binary, so `dossier` works anywhere with no file.
pub const BUILT_IN: &str = include_str!("../data/dossier.ron");
/// How the built-in dossier is named in messages.
pub const BUILT_IN_NAME: &str = "<built-in dossier>";

/// A dossier ready to browse.
#[derive(Debug)]
pub struct Catalog {
    pub dossier: Dossier,
    /// Rule violations (rule 1 and 2); the dossier is still usable.
    pub problems: Vec<Problem>,
    by_id: HashMap<Text, ItemRef>,
    related: Relations,
    /// Where each item is in the text it was parsed from, when there was one.
    lines: ItemLines,
}

impl Catalog {
    /// Validates and indexes a parsed dossier.
    pub fn new(dossier: Dossier) -> Catalog {
        let mut catalog = Catalog {
            dossier,
            problems: Vec::new(),
            by_id: HashMap::new(),
            related: Relations::default(),
            lines: ItemLines::default(),
        };
        // Validation only reads the dossier: it runs beside the indexing.
        let (problems, by_id, related) = thread::scope(|scope| {
            let problems = scope.spawn(|| validate(&catalog.dossier));
            let by_id = catalog.index_ids();
            let related = catalog.relate(&by_id);
            let problems = problems
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (problems, by_id, related)
        });
        catalog.problems = problems;
        catalog.by_id = by_id;
        catalog.related = related;
        catalog
    }

    /// Reads, parses, validates and indexes a file.
    pub fn load(path: &Path) -> Result<Catalog, LoadError> {
        let (name, text) = load::read_file_text(path)?;
        let (dossier, lines) = parse_with_lines(&name, &text)?;
        // The text is as large as the file: it goes before the catalog's indexes are
        // built, so that the two never take memory at the same time.
        drop(text);
        Ok(Catalog::with_lines(dossier, lines))
    }

    /// The dossier bundled into the binary.
    pub fn built_in() -> Result<Catalog, LoadError> {
        Catalog::from_text(BUILT_IN_NAME, BUILT_IN)
    }

    /// Parses, validates and indexes a dossier's text; `name` names it in messages.
    pub fn from_text(name: &str, text: &str) -> Result<Catalog, LoadError> {
        let (dossier, lines) = parse_with_lines(name, text)?;
        Ok(Catalog::with_lines(dossier, lines))
    }

    fn with_lines(dossier: Dossier, lines: ItemLines) -> Catalog {
        Catalog {
            lines,
            ..Catalog::new(dossier)
        }
    }

    /// The line (1-based) where `item` is in the text it was loaded from: the line of
    /// its `id`. `None` for a catalog made from a parsed [`Dossier`].
    pub fn line(&self, item: ItemRef) -> Option<usize> {
        self.lines.line(item)
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.dossier.count(kind)
    }

    /// Every item of one kind, in file order.
    pub fn items(&self, kind: Kind) -> impl Iterator<Item = ItemRef> + use<> {
        (0..self.count(kind)).map(move |index| ItemRef { kind, index })
    }

    /// Every item, countries first, then forums, actions, sources and briefings.
    pub fn all_items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        Kind::ALL.into_iter().flat_map(|kind| self.items(kind))
    }

    pub fn get(&self, item: ItemRef) -> Option<Item<'_>> {
        self.dossier.get(item)
    }

    /// The item with this id. With duplicate ids, the first one in the file.
    pub fn find(&self, id: &str) -> Option<ItemRef> {
        self.by_id.get(id).copied()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(Text::as_str)
    }

    /// Items linked to `item` in either direction, grouped by kind (in [`Kind::ALL`]
    /// order) and in file order within a kind. A briefing's items are here too, sorted
    /// like the rest: [`Catalog::sequence`] has them in the briefing's order.
    pub fn related(&self, item: ItemRef) -> &[ItemRef] {
        self.related.of(item)
    }

    /// The items a list of ids names in the author's order (a briefing's stops), leaving
    /// out ids that name nothing or an item of a kind the list may not hold.
    pub fn sequence(&self, ids: &[Text], wanted: Wanted) -> Vec<ItemRef> {
        ids.iter()
            .filter_map(|id| self.find(id))
            .filter(|found| wanted.allows(found.kind))
            .collect()
    }

    /// The source a citation quotes, if its id exists and is a source.
    pub fn source_of(&self, citation: &Citation) -> Option<ItemRef> {
        self.find(&citation.source)
            .filter(|found| found.kind == Kind::Source)
    }

    pub fn source(&self, citation: &Citation) -> Option<&Source> {
        match self.get(self.source_of(citation)?)? {
            Item::Source(source) => Some(source),
            _ => None,
        }
    }

    /// The id a mistyped or half-remembered one most likely means: the same id in another
    /// case (`CZ`), an item's name or native name (`Czechia`, `česko`), or a near miss
    /// of an id or a name (`nl-anual`, `Netherland`).
    pub fn suggest_id(&self, input: &str) -> Option<&str> {
        let wanted = fold(input.trim());
        let items = || self.all_items().filter_map(|item| self.get(item));
        let is_named = |found: Item<'_>| {
            [Some(found.id()), Some(found.title()), found.subtitle()]
                .into_iter()
                .flatten()
                .any(|name| fold(name) == wanted)
        };
        if let Some(found) = items().find(|&found| is_named(found)) {
            return Some(found.id());
        }
        if let Some(id) = did_you_mean(&wanted, self.ids()) {
            return Some(id);
        }
        let titles: Vec<(String, &str)> = items()
            .map(|found| (fold(found.title()), found.id()))
            .collect();
        let title = did_you_mean(&wanted, titles.iter().map(|(title, _)| title.as_str()))?;
        titles
            .iter()
            .find(|(candidate, _)| candidate == title)
            .map(|(_, id)| *id)
    }

    fn index_ids(&self) -> HashMap<Text, ItemRef> {
        let mut by_id = HashMap::new();
        for item in self.all_items() {
            if let Some(found) = self.get(item) {
                by_id.entry(found.shared_id().clone()).or_insert(item);
            }
        }
        by_id
    }

    /// Every link the author wrote, stored from both ends. References to missing ids or
    /// to the wrong kind are left out: `problems` reports them.
    fn relate(&self, by_id: &HashMap<Text, ItemRef>) -> Relations {
        let mut links = Vec::new();
        let mut link = |from: ItemRef, to_id: &str, wanted: Wanted| {
            if let Some(&to) = by_id.get(to_id).filter(|to| wanted.allows(to.kind)) {
                links.push((from, to));
            }
        };
        for item in self.all_items() {
            let Some(found) = self.get(item) else {
                continue;
            };
            for references in found.references() {
                for id in references.ids {
                    link(item, id, references.wanted);
                }
            }
            for citation in found.citations() {
                link(item, &citation.source, Wanted::Only(Kind::Source));
            }
        }
        Relations::new(Kind::ALL.map(|kind| self.count(kind)), &links)
    }
}

/// Every item's related items, one item's after another in a single list. (A map from
/// each item to a list of its own held 100 000 small lists for a large dossier, each
/// an allocation, and the map's table on top: twice the memory.)
#[derive(Debug, Default)]
struct Relations {
    /// Where each kind's items start when all items are numbered, kinds in [`Kind::ALL`]
    /// order and each in file order; then where the last kind's end.
    kind_starts: [usize; Kind::ALL.len() + 1],
    /// Where each item's related items start in `links`; then where the last item's end.
    starts: Vec<usize>,
    links: Vec<ItemRef>,
}

impl Relations {
    /// The relations of `links`, each stored from both ends, sorted and without repeats,
    /// for a dossier with `counts` items of each kind.
    fn new(counts: [usize; Kind::ALL.len()], links: &[(ItemRef, ItemRef)]) -> Relations {
        let mut kind_starts = [0; Kind::ALL.len() + 1];
        for (kind, count) in counts.into_iter().enumerate() {
            kind_starts[kind + 1] = kind_starts[kind] + count;
        }
        let items = kind_starts[Kind::ALL.len()];
        let mut relations = Relations {
            kind_starts,
            starts: vec![0; items + 1],
            links: Vec::new(),
        };
        let both_ends = || links.iter().flat_map(|&(a, b)| [(a, b), (b, a)]);
        let ends: Vec<(usize, ItemRef)> = both_ends()
            .filter_map(|(from, to)| Some((relations.slot(from)?, to)))
            .collect();
        // Count each item's links, make room for them in order, and put each in its room.
        for &(slot, _) in &ends {
            relations.starts[slot + 1] += 1;
        }
        for slot in 0..items {
            relations.starts[slot + 1] += relations.starts[slot];
        }
        let mut next = relations.starts.clone();
        relations.links = vec![
            ItemRef {
                kind: Kind::Country,
                index: 0
            };
            ends.len()
        ];
        for (slot, to) in ends {
            relations.links[next[slot]] = to;
            next[slot] += 1;
        }
        // Each item's links sorted, repeats left out, and moved up over the room they
        // leave.
        let mut kept = 0;
        for slot in 0..items {
            let (start, end) = (relations.starts[slot], relations.starts[slot + 1]);
            relations.links[start..end].sort_unstable();
            relations.starts[slot] = kept;
            let mut last = None;
            for at in start..end {
                let link = relations.links[at];
                if last != Some(link) {
                    relations.links[kept] = link;
                    kept += 1;
                    last = Some(link);
                }
            }
        }
        relations.starts[items] = kept;
        relations.links.truncate(kept);
        relations.links.shrink_to_fit();
        relations
    }

    /// Where `item` is in the numbering of all items.
    fn slot(&self, item: ItemRef) -> Option<usize> {
        let kind = Kind::ALL.iter().position(|&kind| kind == item.kind)?;
        let (start, end) = (self.kind_starts[kind], self.kind_starts[kind + 1]);
        (item.index < end - start).then_some(start + item.index)
    }

    fn of(&self, item: ItemRef) -> &[ItemRef] {
        let Some(slot) = self.slot(item) else {
            return &[];
        };
        let (start, end) = (self.starts[slot], self.starts[slot + 1]);
        self.links.get(start..end).unwrap_or_default()
    }
}

/// Parses a dossier's text and finds where its items are in it.
fn parse_with_lines(name: &str, text: &str) -> Result<(Dossier, ItemLines), LoadError> {
    // Finding the items' lines needs only the text: it runs beside the parse, on the core
    // the parser leaves idle.
    let (parsed, scan) = thread::scope(|scope| {
        let scan = scope.spawn(|| Scan::new(text));
        let parsed = load::parse(name, text);
        (parsed, scan.join().unwrap_or_default())
    });
    let dossier = parsed?;
    let lines = ItemLines::checked(scan, text, &dossier);
    Ok((dossier, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_hold_each_link_from_both_ends_sorted_and_once() {
        let item = |kind, index| ItemRef { kind, index };
        let (nl, de) = (item(Kind::Country, 0), item(Kind::Country, 1));
        let (coarm, talks, visit) = (
            item(Kind::Forum, 0),
            item(Kind::Action, 0),
            item(Kind::Action, 1),
        );
        let links = [
            (visit, nl),
            (talks, de),
            (talks, nl),
            (talks, de),
            (coarm, nl),
        ];
        let relations = Relations::new([2, 1, 2, 0, 0], &links);
        assert_eq!(relations.of(nl), [coarm, talks, visit]);
        assert_eq!(relations.of(de), [talks]);
        assert_eq!(relations.of(talks), [nl, de]);
        assert_eq!(relations.of(visit), [nl]);
        assert_eq!(relations.of(coarm), [nl]);
        // An item the dossier does not have has no relations.
        assert_eq!(relations.of(item(Kind::Action, 2)), []);
        assert_eq!(relations.of(item(Kind::Source, 0)), []);
        assert_eq!(Relations::default().of(nl), []);
    }
}
