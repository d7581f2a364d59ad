//! A loaded dossier as an index: items by id, relations in both directions, the rule
//! violations found, and the prepared search. Everything is computed once: the index at
//! load, the search when it is first needed (the viewer prepares it in the background,
//! so its first frame does not wait for it).

use std::path::Path;

// foldhash: several times quicker than SipHash on short ids, still seeded per process.
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;
use std::thread;

use crate::load::{self, LoadError};
use crate::model::{Action, Citation, Country, Dossier, Forum, ItemRef, Kind, Source};
use crate::search::SearchIndex;
use crate::validate::{Problem, validate};

/// The dossier bundled into the binary, so `dossier` works anywhere with no file.
pub const BUILT_IN: &str = include_str!("../data/dossier.ron");
/// How the built-in dossier is named in messages.
pub const BUILT_IN_NAME: &str = "<built-in dossier>";

/// One item, whichever its kind.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Country(&'a Country),
    Forum(&'a Forum),
    Action(&'a Action),
    Source(&'a Source),
}

impl<'a> Item<'a> {
    pub fn id(self) -> &'a str {
        match self {
            Item::Country(c) => &c.id,
            Item::Forum(f) => &f.id,
            Item::Action(a) => &a.id,
            Item::Source(s) => &s.id,
        }
    }

    /// The name a person knows it by: a country's or forum's name, an action's title.
    pub fn title(self) -> &'a str {
        match self {
            Item::Country(c) => &c.name,
            Item::Forum(f) => &f.name,
            Item::Action(a) => &a.title,
            Item::Source(s) => &s.title,
        }
    }

    /// A second name shown next to the title: native name or full name.
    pub fn subtitle(self) -> Option<&'a str> {
        match self {
            Item::Country(c) => c.native_name.as_deref(),
            Item::Forum(f) => f.full_name.as_deref(),
            Item::Action(_) | Item::Source(_) => None,
        }
    }

    /// The free-text paragraphs: summary and notes (a source has none).
    pub fn prose(self) -> (&'a str, &'a [String]) {
        match self {
            Item::Country(c) => (&c.summary, &c.notes),
            Item::Forum(f) => (&f.summary, &f.notes),
            Item::Action(a) => (&a.summary, &a.notes),
            Item::Source(_) => ("", &[]),
        }
    }

    pub fn citations(self) -> &'a [Citation] {
        match self {
            Item::Country(c) => &c.citations,
            Item::Forum(f) => &f.citations,
            Item::Action(a) => &a.citations,
            Item::Source(_) => &[],
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Item::Country(_) => Kind::Country,
            Item::Forum(_) => Kind::Forum,
            Item::Action(_) => Kind::Action,
            Item::Source(_) => Kind::Source,
        }
    }
}

/// A dossier ready to browse.
#[derive(Debug)]
pub struct Catalog {
    pub dossier: Dossier,
    /// Rule violations (rule 1 and 2); the dossier is still usable.
    pub problems: Vec<Problem>,
    by_id: HashMap<String, ItemRef>,
    related: HashMap<ItemRef, Vec<ItemRef>>,
    search: OnceLock<SearchIndex>,
}

impl Catalog {
    /// Validates and indexes a parsed dossier.
    pub fn new(dossier: Dossier) -> Catalog {
        let mut catalog = Catalog {
            dossier,
            problems: Vec::new(),
            by_id: HashMap::new(),
            related: HashMap::new(),
            search: OnceLock::new(),
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
        load::read_file(path).map(Catalog::new)
    }

    /// The dossier bundled into the binary.
    pub fn built_in() -> Result<Catalog, LoadError> {
        Catalog::from_text(BUILT_IN_NAME, BUILT_IN)
    }

    pub fn from_text(name: &str, text: &str) -> Result<Catalog, LoadError> {
        load::parse(name, text).map(Catalog::new)
    }

    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Country => self.dossier.countries.len(),
            Kind::Forum => self.dossier.forums.len(),
            Kind::Action => self.dossier.actions.len(),
            Kind::Source => self.dossier.sources.len(),
        }
    }

    /// Every item of one kind, in file order.
    pub fn items(&self, kind: Kind) -> impl Iterator<Item = ItemRef> + use<> {
        (0..self.count(kind)).map(move |index| ItemRef { kind, index })
    }

    /// Every item, countries first, then forums, actions and sources.
    pub fn all_items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        [Kind::Country, Kind::Forum, Kind::Action, Kind::Source]
            .into_iter()
            .flat_map(|kind| self.items(kind))
    }

    pub fn get(&self, item: ItemRef) -> Option<Item<'_>> {
        let d = &self.dossier;
        match item.kind {
            Kind::Country => d.countries.get(item.index).map(Item::Country),
            Kind::Forum => d.forums.get(item.index).map(Item::Forum),
            Kind::Action => d.actions.get(item.index).map(Item::Action),
            Kind::Source => d.sources.get(item.index).map(Item::Source),
        }
    }

    /// The item with this id. With duplicate ids, the first one in the file.
    pub fn find(&self, id: &str) -> Option<ItemRef> {
        self.by_id.get(id).copied()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// Items linked to `item` in either direction, grouped by kind (countries, forums,
    /// actions, sources) and in file order within a kind.
    pub fn related(&self, item: ItemRef) -> &[ItemRef] {
        self.related.get(&item).map_or(&[], Vec::as_slice)
    }

    /// The source a citation quotes, if its id exists and is a source.
    pub fn source(&self, citation: &Citation) -> Option<&Source> {
        match self.find(&citation.source)? {
            ItemRef {
                kind: Kind::Source,
                index,
            } => self.dossier.sources.get(index),
            _ => None,
        }
    }

    /// The prepared search, built on first use.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(self))
    }

    fn index_ids(&self) -> HashMap<String, ItemRef> {
        let mut by_id = HashMap::new();
        for item in self.all_items() {
            if let Some(found) = self.get(item) {
                by_id.entry(found.id().to_owned()).or_insert(item);
            }
        }
        by_id
    }

    /// Every link the author wrote, stored from both ends. References to missing ids or
    /// to the wrong kind are left out: `problems` reports them.
    fn relate(&self, by_id: &HashMap<String, ItemRef>) -> HashMap<ItemRef, Vec<ItemRef>> {
        let mut related: HashMap<ItemRef, Vec<ItemRef>> = HashMap::new();
        let mut link = |from: ItemRef, to_id: &str, kind: Kind| {
            if let Some(&to) = by_id.get(to_id).filter(|to| to.kind == kind) {
                related.entry(from).or_default().push(to);
                related.entry(to).or_default().push(from);
            }
        };
        for item in self.all_items() {
            let Some(found) = self.get(item) else {
                continue;
            };
            match found {
                Item::Country(country) => {
                    for forum in &country.forums {
                        link(item, forum, Kind::Forum);
                    }
                }
                Item::Forum(forum) => {
                    for member in &forum.members {
                        link(item, member, Kind::Country);
                    }
                }
                Item::Action(action) => {
                    for country in &action.countries {
                        link(item, country, Kind::Country);
                    }
                    for forum in &action.forums {
                        link(item, forum, Kind::Forum);
                    }
                }
                Item::Source(_) => {}
            }
            for citation in found.citations() {
                link(item, &citation.source, Kind::Source);
            }
        }
        for links in related.values_mut() {
            links.sort_unstable();
            links.dedup();
        }
        related
    }
}
