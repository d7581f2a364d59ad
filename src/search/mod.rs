//! Search over every item, the way fzf users expect, with filters for what a dossier
//! knows: space-separated terms must all match, case and accents are ignored, and names
//! outrank words deep in a summary. Names and ids match fuzzily; longer text matches a
//! term only where it appears as typed (after folding), like fzf's `'exact` terms.
//! `kind:`, `status:`, `country:` and the like select by the item's data (the language
//! is parsed in [`crate::query`]; [`SearchIndex::query`] looks up what its filters
//! name). The CLI's `search` and the TUI's finder both use this; the finder keeps a
//! [`Narrowing`] so that each keystroke searches only what the last one left, and
//! judges only the clause that changed ([`memo`]).
//!
//! Text is folded (accents stripped, lower-cased) once, when the index is built
//! ([`build`]); a query only folds its own few characters ([`compile`]). A search is
//! one pass over the entries ([`evaluate`]; [`matching`] decides each term), both cores
//! sharing it, and then [`rank`] picks the best: fuzzy-matcher scores each distinct
//! contiguous match once, and letters strewn across a name only where the score can
//! change which items are among the best.

mod build;
mod compile;
mod evaluate;
mod matching;
mod memo;
mod narrow;
mod rank;
mod score;

/// Random texts and terms for the tests that hold a fast path to fuzzy-matcher's.
#[cfg(test)]
mod test_rng {
    /// xorshift64: deterministic, with no dependency.
    pub(super) struct Rng(pub(super) u64);

    impl Rng {
        pub(super) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }
}

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::Catalog;
use crate::model::{ItemRef, Kind};
use crate::query::{QueryError, Target, parse};
use crate::suggest::did_you_mean;
use crate::text;

use build::{Buffers, Entry, Shard};
use compile::{Bits, compile};

pub use crate::text::fold;
pub use build::{SearchText, search_text};
pub use compile::{MAX_TERMS, Query};
pub use narrow::Narrowing;

/// The kinds a `country:`, `forum:` or `source:` filter can name.
const LINKABLE: [Kind; 3] = [Kind::Country, Kind::Forum, Kind::Source];

/// Below this many items one thread is quicker than starting more.
const PARALLEL_FROM: usize = 4096;

/// Text is folded to lower case beforehand, so matching can respect case, which is faster.
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub score: i64,
}

/// Search results: the best `hits`, best first, and how many items matched in all and
/// of each kind (in tab order, kinds with none left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub per_kind: Vec<(Kind, usize)>,
}

impl Results {
    /// `12 actions · 3 countries`, most first, with `separator` between.
    pub fn counts_line(&self, separator: &str) -> String {
        let mut counts = self.per_kind.clone();
        counts.sort_by_key(|&(kind, n)| (std::cmp::Reverse(n), kind));
        counts
            .iter()
            .map(|&(kind, n)| kind.count(n))
            .collect::<Vec<_>>()
            .join(separator)
    }
}

pub struct SearchIndex {
    /// In `ItemRef` order: kinds in tab order, then file order.
    entries: Vec<Entry>,
    /// Every entry's folded texts, one shard per thread that built them.
    shards: Vec<Shard>,
    origins: build::Origins,
    /// For each item `country:`, `forum:` and `source:` can name, sorted: the entries
    /// linked to it.
    linked: Vec<(ItemRef, Box<[u32]>)>,
    matcher: SkimMatcherV2,
    /// The items `country:`, `forum:` and `source:` can name, by folded id and names.
    named: Vec<(ItemRef, Vec<String>)>,
    /// Tells indexes apart, so that a [`Narrowing`] never reuses another's results.
    id: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        static IDS: AtomicU64 = AtomicU64::new(0);
        let items: Vec<ItemRef> = catalog.all_items().collect();
        let parts = in_parallel(&items, PARALLEL_FROM, |part| {
            vec![Buffers::build(catalog, part)]
        });
        let (shards, entries, origins) = Buffers::join(parts);
        let mut index = SearchIndex {
            entries,
            shards,
            origins,
            linked: Vec::new(),
            matcher: matcher(),
            named: Vec::new(),
            id: IDS.fetch_add(1, Ordering::Relaxed),
        };
        let linkable = items.iter().filter(|item| LINKABLE.contains(&item.kind));
        index.linked = linkable
            .clone()
            .map(|&item| {
                let entries = catalog.related(item);
                let entries = entries.iter().filter_map(|&other| index.position(other));
                (item, entries.collect())
            })
            .collect();
        index.named = linkable
            .filter_map(|&item| {
                let found = catalog.get(item)?;
                let names = [Some(found.id()), Some(found.title()), found.subtitle()];
                Some((item, names.into_iter().flatten().map(fold).collect()))
            })
            .collect();
        index
    }

    /// Where `item`'s entry is.
    fn position(&self, item: ItemRef) -> Option<u32> {
        let found = self.entries.binary_search_by_key(&item, Entry::item).ok()?;
        u32::try_from(found).ok()
    }

    /// Parses `input` and looks up the items its filters name. An unknown field, value
    /// or item is an error with a suggestion, located in `input`.
    pub fn query(&self, input: &str) -> Result<Query, QueryError> {
        let parsed = parse(input)?;
        if let Some(extra) = parsed.atoms().nth(MAX_TERMS) {
            return Err(QueryError {
                message: format!(
                    "the query has {} terms; a query may have at most {MAX_TERMS}",
                    parsed.term_count()
                ),
                suggestion: None,
                span: extra.span.clone(),
            });
        }
        compile(&parsed, |kind, targets| {
            let mut items = targets
                .iter()
                .map(|target| self.resolve(kind, target))
                .collect::<Result<Vec<_>, _>>()?;
            items.sort_unstable();
            let mut bits = Bits::new(self.entries.len());
            for &item in &items {
                bits.extend(self.position(item));
                if let Ok(found) = self.linked.binary_search_by_key(&item, |(item, _)| *item)
                    && let Some((_, linked)) = self.linked.get(found)
                {
                    bits.extend(linked.iter().copied());
                }
            }
            Ok((items, bits))
        })
    }

    /// The item of `kind` that `target` names by id, name or native name, in any case
    /// and with or without accents.
    fn resolve(&self, kind: Kind, target: &Target) -> Result<ItemRef, QueryError> {
        let of_kind = || self.named.iter().filter(move |(item, _)| item.kind == kind);
        if let Some((item, _)) = of_kind().find(|(_, names)| names.contains(&target.folded)) {
            return Ok(*item);
        }
        let candidates = of_kind().flat_map(|(_, names)| names.iter().map(String::as_str));
        let near = did_you_mean(&target.folded, candidates).and_then(|near| {
            // Suggest the id, which is what a filter is best written with.
            let (item, _) = of_kind().find(|(_, names)| names.iter().any(|n| n == near))?;
            self.named
                .iter()
                .find(|(named, _)| named == item)
                .and_then(|(_, names)| names.first().cloned())
        });
        let raw = crate::query::shown(&target.raw);
        let mut message = format!("no {} `{}`", kind.label(), text::inline(&raw));
        if let Some(near) = &near {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        Err(QueryError {
            message,
            suggestion: near,
            span: target.span.clone(),
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every item matching `query`, best first, at most `limit` of them (all with `None`).
    /// An empty query matches everything, in file order.
    pub fn search(&self, query: &Query, kind: Option<Kind>, limit: Option<usize>) -> Results {
        let pass = self.pass(None, query, kind, None);
        self.rank(query, pass.matched, limit)
    }

    /// Character positions in `item`'s title that the query's terms match, for highlighting.
    /// They index the original title's characters (not bytes, not folded text).
    pub fn highlights(&self, item: ItemRef, query: &Query) -> Vec<usize> {
        let Some(position) = self.position(item) else {
            return Vec::new();
        };
        let Some(texts) = self.texts(position) else {
            return Vec::new();
        };
        let origin = self
            .origins
            .binary_search_by_key(&position, |(entry, _)| *entry)
            .ok()
            .and_then(|found| self.origins.get(found))
            .map(|(_, origin)| origin);
        let original_index = |folded: usize| match origin {
            None => Some(folded),
            Some(origin) => origin.get(folded).map(|&i| i as usize),
        };
        let mut scorer = score::Scorer::new();
        let ascii = texts.is_ascii(matching::FieldName::Title);
        let mut positions: Vec<usize> = query
            .highlights
            .iter()
            .filter_map(|term| match ascii && term.text.is_ascii() {
                true => scorer.indices(texts.title, term.text.as_bytes()),
                false => {
                    let title = matching::text(texts.title);
                    let found = self.matcher.fuzzy_indices(title, &term.text);
                    found.map(|(_, indices)| indices)
                }
            })
            .flatten()
            .filter_map(original_index)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// `work` applied to `items`, split across the machine's cores when there are at least
/// `from` items; the results keep the items' order.
fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    from: usize,
    work: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if items.len() < from || threads < 2 {
        return work(items);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_strips_accents_and_case() {
        assert_eq!(fold("Česko"), "cesko");
        assert_eq!(fold("tweeërlei"), "tweeerlei");
        assert_eq!(fold("İstanbul ÅLAND"), "istanbul aland");
        assert_eq!(fold("日本"), "日本");
    }
}
