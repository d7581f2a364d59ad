//! Search over every item, the way fzf users expect, with filters for what a dossier
//! knows: space-separated terms must all match, case and accents are ignored, and names
//! outrank words deep in a summary. Names and ids match fuzzily; longer text matches a
//! term only where it appears as typed (after folding), like fzf's `'exact` terms.
//! `kind:`, `status:`, `country:` and the like select by the item's data (the language
//! is parsed in [`crate::query`]; [`SearchIndex::query`] looks up what its filters
//! name). The CLI's `search` and the TUI's finder both use this.
//!
//! Text is folded (accents stripped, lower-cased) once, when the index is built; a query
//! only folds its own few characters.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use crate::catalog::Catalog;
use crate::model::{Item, ItemRef, Kind, Status};
use crate::query::{QueryError, Target, Test as ParsedTest, TextMode, parse};
use crate::suggest::did_you_mean;
pub use crate::text::fold;
use crate::text::{self, fold_char};

/// How well one term matches one item, best last. A term's score is its tier times
/// `TIER_WEIGHT` plus fuzzy-matcher's score, so any match of a better tier outranks any
/// match of a worse one, and fuzzy-matcher orders matches within a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Strewn across a name or id: `dual` in `dk-annual-consultation`.
    LooseInName,
    /// A whole word or part of one in the body text.
    TightInBody,
    /// A substring of a name or id, or word starts in it: `nac` in `nl-annual-consultation`.
    TightInName,
}

const TIER_WEIGHT: i64 = 1 << 20;

/// The kinds a `country:`, `forum:` or `source:` filter can name.
const LINKABLE: [Kind; 3] = [Kind::Country, Kind::Forum, Kind::Source];

/// Below this many items one thread is quicker than starting more.
const PARALLEL_FROM: usize = 4096;

/// Text folded for matching, with the way back to the original characters.
#[derive(Debug, Default, Clone)]
struct Folded {
    text: String,
    /// For each folded character, the index of the original character it came from;
    /// `None` when the two line up one to one, which is nearly always.
    origin: Option<Box<[u32]>>,
    /// A bloom of the characters present, to skip fields that cannot match.
    mask: u64,
}

impl Folded {
    fn new(original: &str) -> Folded {
        if original.is_ascii() {
            let text = original.to_ascii_lowercase();
            return Folded {
                mask: char_mask(&text),
                text,
                origin: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        // Built only from the first character that does not fold to exactly one.
        let mut origin: Option<Vec<u32>> = None;
        let mut folded_count = 0;
        for (index, c) in original.chars().enumerate() {
            let before = folded_count;
            fold_char(c, |folded| {
                text.push(folded);
                folded_count += 1;
            });
            let produced = folded_count - before;
            match &mut origin {
                Some(origin) => origin.extend(std::iter::repeat_n(index as u32, produced)),
                None if produced != 1 => {
                    let mut map: Vec<u32> = (0..index as u32).collect();
                    map.extend(std::iter::repeat_n(index as u32, produced));
                    origin = Some(map);
                }
                None => {}
            }
        }
        Folded {
            mask: char_mask(&text),
            text,
            origin: origin.map(Vec::into_boxed_slice),
        }
    }

    fn original_index(&self, folded_index: usize) -> Option<usize> {
        match &self.origin {
            None => Some(folded_index),
            Some(origin) => origin.get(folded_index).map(|&i| i as usize),
        }
    }
}

fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| mask | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32 % 28)),
    }
}

/// One searchable item: its title (what a result shows, and highlights land on), its
/// other names and id, everything else it says, and what the filters look at.
#[derive(Debug, Clone)]
struct Entry {
    item: ItemRef,
    title: Folded,
    names: Folded,
    body: Folded,
    status: Option<Status>,
    /// Folded, for `topic:`.
    topics: Box<[String]>,
    /// Every item linked to this one, either way, sorted: for `country:` and the like.
    related: Box<[ItemRef]>,
}

/// One space-separated term of a query, folded.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    mask: u64,
    /// A substring searcher built once per query: std's `str::find` spends most of a
    /// search's time setting up for short needles.
    finder: memmem::Finder<'static>,
}

impl Term {
    fn find_in(&self, field: &Folded) -> Option<usize> {
        self.finder.find(field.text.as_bytes())
    }
}

/// The three texts of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldName {
    Title,
    Names,
    Body,
}

/// Where a term was found in an entry.
#[derive(Debug, Clone, Copy)]
enum Found {
    /// As a substring starting at byte `at`.
    Substring { field: FieldName, at: usize },
    /// As letters in order (word starts, or anywhere).
    Letters { field: FieldName },
}

impl Entry {
    fn field(&self, name: FieldName) -> &Folded {
        match name {
            FieldName::Title => &self.title,
            FieldName::Names => &self.names,
            FieldName::Body => &self.body,
        }
    }
}

/// The most terms a query may have: each costs a pass over every item, and a paste of a
/// whole page into the finder must not freeze it.
pub const MAX_TERMS: usize = 64;

/// A query ready to run: parsed (see [`crate::query`] for the language), with the items
/// its filters name looked up. Every clause must match; any alternative of a clause may.
#[derive(Debug, Clone, Default)]
pub struct Query {
    clauses: Vec<Vec<Matcher>>,
    /// What a result's text highlights: every text term that is not negated.
    highlights: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Matcher {
    negated: bool,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    Text(Box<Term>, TextMode),
    Kinds(Vec<Kind>),
    Statuses(Vec<Status>),
    /// Sorted.
    Linked(Vec<ItemRef>),
    Topics(Vec<String>),
}

impl Term {
    fn new(text: &str) -> Term {
        Term {
            mask: char_mask(text),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text: text.to_owned(),
        }
    }
}

impl Query {
    /// Only the words of `input` that a result's text would show, for highlighting
    /// without an index: filters, negated terms and errors are left out.
    pub fn words(input: &str) -> Query {
        let highlights = match parse(input) {
            Ok(parsed) => parsed.text_terms().map(Term::new).collect(),
            Err(_) => Vec::new(),
        };
        Query {
            clauses: Vec::new(),
            highlights,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Whether any words would be highlighted.
    pub fn has_words(&self) -> bool {
        !self.highlights.is_empty()
    }

    /// Byte ranges of `text` where a term appears as typed (after folding, so `najaar`
    /// lights up `Najaar`), merged and in order: what a reader's eye should find.
    pub fn ranges_in(&self, text: &str) -> Vec<Range<usize>> {
        if self.highlights.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let folded = Folded::new(text);
        // Byte offset of each original character, and one past the end.
        let original: Vec<usize> = text
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(text.len()))
            .collect();
        // Byte offset of each folded character, to turn a match's bytes into characters.
        let folded_starts: Vec<usize> = folded.text.char_indices().map(|(at, _)| at).collect();
        let char_at = |byte: usize| folded_starts.partition_point(|&start| start < byte);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in &self.highlights {
            for at in term.finder.find_iter(folded.text.as_bytes()) {
                let first = char_at(at);
                let last = char_at(at + term.text.len()).saturating_sub(1);
                let (Some(start), Some(end)) = (
                    folded.original_index(first),
                    folded.original_index(last).map(|i| i + 1),
                ) else {
                    continue;
                };
                if let (Some(&start), Some(&end)) = (original.get(start), original.get(end)) {
                    ranges.push(start..end);
                }
            }
        }
        ranges.sort_by_key(|range| (range.start, range.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

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
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
    /// The items `country:`, `forum:` and `source:` can name, by folded id and names.
    named: Vec<(ItemRef, Vec<String>)>,
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
        let items: Vec<ItemRef> = catalog.all_items().collect();
        let build = |part: &[ItemRef]| -> Vec<Entry> {
            part.iter()
                .filter_map(|&item| Some(entry(catalog, item, catalog.get(item)?)))
                .collect()
        };
        let named = items
            .iter()
            .filter(|item| LINKABLE.contains(&item.kind))
            .filter_map(|&item| {
                let found = catalog.get(item)?;
                let names = [Some(found.id()), Some(found.title()), found.subtitle()];
                Some((item, names.into_iter().flatten().map(fold).collect()))
            })
            .collect();
        SearchIndex {
            entries: in_parallel(&items, build),
            matcher: matcher(),
            named,
        }
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
        let mut clauses = Vec::with_capacity(parsed.clauses.len());
        for clause in &parsed.clauses {
            let mut matchers = Vec::with_capacity(clause.alternatives.len());
            for atom in &clause.alternatives {
                let test = match &atom.test {
                    ParsedTest::Text { text, mode } => Test::Text(Box::new(Term::new(text)), *mode),
                    ParsedTest::Kind(kinds) => Test::Kinds(kinds.clone()),
                    ParsedTest::Status(statuses) => Test::Statuses(statuses.clone()),
                    ParsedTest::Topic(topics) => Test::Topics(topics.clone()),
                    ParsedTest::Linked { kind, targets } => {
                        let mut items = targets
                            .iter()
                            .map(|target| self.resolve(*kind, target))
                            .collect::<Result<Vec<_>, _>>()?;
                        items.sort_unstable();
                        Test::Linked(items)
                    }
                };
                matchers.push(Matcher {
                    negated: atom.negated,
                    test,
                });
            }
            clauses.push(matchers);
        }
        // Clauses of filters alone go first: they are a compare or a binary search each,
        // and an item they reject is never text-matched.
        clauses.sort_by_key(|clause| {
            clause
                .iter()
                .any(|matcher| matches!(matcher.test, Test::Text(..)))
        });
        Ok(Query {
            clauses,
            highlights: parsed.text_terms().map(Term::new).collect(),
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
        // First, cheaply, which items match and in which tiers; fuzzy-matcher scores only
        // the items whose tiers could still put them among the best `limit`.
        let mut matched = in_parallel(&self.entries, |entries| {
            entries
                .iter()
                .filter(|entry| kind.is_none_or(|kind| entry.item.kind == kind))
                .filter_map(|entry| Some((entry, self.tier_weight(entry, query)?)))
                .collect()
        });
        let total = matched.len();
        let per_kind = Kind::ALL
            .into_iter()
            .map(|kind| {
                (
                    kind,
                    matched.iter().filter(|(e, _)| e.item.kind == kind).count(),
                )
            })
            .filter(|&(_, n)| n > 0)
            .collect();
        if let Some(limit) = limit.filter(|&limit| limit < total) {
            let mut weights: Vec<i64> = matched.iter().map(|(_, weight)| *weight).collect();
            let threshold = match limit.checked_sub(1) {
                Some(last) => *weights.select_nth_unstable_by(last, |a, b| b.cmp(a)).1,
                None => i64::MAX,
            };
            matched.retain(|(_, weight)| *weight >= threshold);
        }
        let score = |part: &[(&Entry, i64)]| -> Vec<Hit> {
            part.iter()
                .map(|&(entry, weight)| Hit {
                    item: entry.item,
                    score: weight + self.fuzzy_score(entry, query),
                })
                .collect()
        };
        let mut hits = in_parallel(&matched, score);
        // Ties keep file order, kinds in tab order, so results are stable across runs.
        let best_first = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.item.cmp(&b.item));
        if let Some(limit) = limit.filter(|&limit| limit < hits.len()) {
            match limit.checked_sub(1) {
                Some(last) => {
                    hits.select_nth_unstable_by(last, best_first);
                    hits.truncate(limit);
                }
                None => hits.clear(),
            }
        }
        hits.sort_unstable_by(best_first);
        Results {
            hits,
            total,
            per_kind,
        }
    }

    /// The sum of the clauses' best tiers, weighted, or `None` when a clause matches
    /// nothing. A filter passes or not; only text earns a tier.
    fn tier_weight(&self, entry: &Entry, query: &Query) -> Option<i64> {
        query.clauses.iter().try_fold(0, |sum, clause| {
            let best = clause
                .iter()
                .filter_map(|matcher| self.matches(entry, matcher))
                .map(|found| found.map(|(tier, _)| tier))
                .max()?;
            Some(sum + best.map_or(0, |tier| tier as i64 * TIER_WEIGHT))
        })
    }

    /// Whether `matcher` passes for `entry`: `None` when it does not, `Some(None)` for a
    /// filter or a negated term that does, and where a positive text term was found.
    #[allow(clippy::option_option)]
    fn matches(&self, entry: &Entry, matcher: &Matcher) -> Option<Option<(Tier, Found)>> {
        let passes = |yes: bool| (yes != matcher.negated).then_some(None);
        match &matcher.test {
            Test::Text(term, mode) if !matcher.negated => {
                self.find_text(entry, term, *mode).map(Some)
            }
            Test::Text(term, mode) => passes(self.contains_text(entry, term, *mode)),
            Test::Kinds(kinds) => passes(kinds.contains(&entry.item.kind)),
            Test::Statuses(statuses) => passes(
                entry
                    .status
                    .is_some_and(|status| statuses.contains(&status)),
            ),
            Test::Linked(items) => passes(
                items.binary_search(&entry.item).is_ok()
                    || entry
                        .related
                        .iter()
                        .any(|related| items.binary_search(related).is_ok()),
            ),
            Test::Topics(topics) => passes(
                entry
                    .topics
                    .iter()
                    .any(|topic| topics.iter().any(|wanted| topic.contains(wanted.as_str()))),
            ),
        }
    }

    /// The sum of fuzzy-matcher's scores for the best text term of each clause.
    fn fuzzy_score(&self, entry: &Entry, query: &Query) -> i64 {
        query
            .clauses
            .iter()
            .filter_map(|clause| {
                let (_, found, term) = clause
                    .iter()
                    .filter_map(|matcher| match (&matcher.test, matcher.negated) {
                        (Test::Text(term, mode), false) => {
                            let (tier, found) = self.find_text(entry, term, *mode)?;
                            Some((tier, found, term))
                        }
                        _ => None,
                    })
                    .max_by_key(|(tier, _, _)| *tier)?;
                let text = match found {
                    Found::Substring { field, at } => {
                        window(&entry.field(field).text, at, term.text.len())
                    }
                    Found::Letters { field } => entry.field(field).text.as_str(),
                };
                self.matcher.fuzzy_match(text, &term.text)
            })
            .sum()
    }

    /// Where a text term is found in `entry`, by its mode, and in which tier.
    fn find_text(&self, entry: &Entry, term: &Term, mode: TextMode) -> Option<(Tier, Found)> {
        match mode {
            TextMode::Fuzzy => self.find_term(entry, term),
            TextMode::Exact => {
                for field in [FieldName::Title, FieldName::Names] {
                    if let Some(at) = term.find_in(entry.field(field)) {
                        return Some((Tier::TightInName, Found::Substring { field, at }));
                    }
                }
                let at = term.find_in(&entry.body)?;
                let field = FieldName::Body;
                Some((Tier::TightInBody, Found::Substring { field, at }))
            }
            TextMode::Prefix | TextMode::Suffix | TextMode::Whole => {
                for field in [FieldName::Title, FieldName::Names] {
                    let text = &entry.field(field).text;
                    let mut at = 0;
                    for line in text.split('\n') {
                        let hit = match mode {
                            TextMode::Prefix => line.starts_with(&term.text).then_some(at),
                            TextMode::Suffix => line
                                .ends_with(&term.text)
                                .then(|| at + line.len() - term.text.len()),
                            _ => (line == term.text).then_some(at),
                        };
                        if let Some(at) = hit {
                            return Some((Tier::TightInName, Found::Substring { field, at }));
                        }
                        at += line.len() + 1;
                    }
                }
                None
            }
        }
    }

    /// For a negated term: whether the text is there at all, as typed.
    fn contains_text(&self, entry: &Entry, term: &Term, mode: TextMode) -> bool {
        match mode {
            TextMode::Fuzzy | TextMode::Exact => {
                self.find_text(entry, term, TextMode::Exact).is_some()
            }
            mode => self.find_text(entry, term, mode).is_some(),
        }
    }

    /// How `term` matches `entry`, best tier first, without fuzzy-matcher's scoring:
    /// substring searches, word starts and a subsequence check are all single passes.
    fn find_term(&self, entry: &Entry, term: &Term) -> Option<(Tier, Found)> {
        let fits = |field: FieldName| entry.field(field).mask & term.mask == term.mask;
        let names = [FieldName::Title, FieldName::Names];
        for field in names.into_iter().filter(|&field| fits(field)) {
            if let Some(at) = term.find_in(entry.field(field)) {
                return Some((Tier::TightInName, Found::Substring { field, at }));
            }
        }
        for field in names.into_iter().filter(|&field| fits(field)) {
            if matches_word_starts(&entry.field(field).text, &term.text) {
                return Some((Tier::TightInName, Found::Letters { field }));
            }
        }
        if fits(FieldName::Body)
            && let Some(at) = term.find_in(&entry.body)
        {
            let found = Found::Substring {
                field: FieldName::Body,
                at,
            };
            return Some((Tier::TightInBody, found));
        }
        for field in names.into_iter().filter(|&field| fits(field)) {
            if is_close_subsequence(&term.text, &entry.field(field).text) {
                return Some((Tier::LooseInName, Found::Letters { field }));
            }
        }
        None
    }

    /// Character positions in `item`'s title that the query's terms match, for highlighting.
    /// They index the original title's characters (not bytes, not folded text).
    pub fn highlights(&self, item: ItemRef, query: &Query) -> Vec<usize> {
        // Entries are in `ItemRef` order: kinds in tab order, then file order.
        let Ok(found) = self.entries.binary_search_by_key(&item, |entry| entry.item) else {
            return Vec::new();
        };
        let Some(entry) = self.entries.get(found) else {
            return Vec::new();
        };
        let mut positions: Vec<usize> = query
            .highlights
            .iter()
            .filter_map(|term| self.matcher.fuzzy_indices(&entry.title.text, &term.text))
            .flat_map(|(_, indices)| indices)
            .filter_map(|i| entry.title.original_index(i))
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// `work` applied to `items`, split across the machine's cores when there are enough
/// items to be worth it; the results keep the items' order.
fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    work: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if items.len() < PARALLEL_FROM || threads < 2 {
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

/// The `len` bytes at `at` with one character either side. fuzzy-matcher scores a
/// contiguous match by the match itself and the character before it (a word boundary
/// earns a bonus), so this scores it as the whole text would, at a fraction of the cost.
fn window(text: &str, at: usize, len: usize) -> &str {
    let start = text
        .get(..at)
        .and_then(|before| before.char_indices().next_back())
        .map_or(0, |(index, _)| index);
    let end = at + len;
    let end = text
        .get(end..)
        .and_then(|after| after.chars().next())
        .map_or(text.len(), |c| end + c.len_utf8());
    text.get(start..end).unwrap_or(text)
}

/// True when `needle`'s characters appear in order in `haystack`, which is exactly when
/// fuzzy-matcher finds a match. One pass, over bytes when both are ASCII.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    if needle.is_ascii() && haystack.is_ascii() {
        let mut wanted = needle.bytes().peekable();
        for byte in haystack.bytes() {
            if wanted.peek() == Some(&byte) {
                wanted.next();
            }
        }
        return wanted.peek().is_none();
    }
    let mut wanted = needle.chars().peekable();
    for c in haystack.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// The loose match that still counts: `needle`'s characters in order within a span of
/// `haystack` at most a quarter longer than the needle, plus one. Strewn wider, letters
/// in order are chance: `semi` is in "broad con**s**ultation with th**e** co**m**petent
/// dutch serv**i**ces" and in "sy**s**t**em**at**i**cally", `autumn` in a title about
/// semiconductors and emerging technologies. A letter or two left out still matches:
/// `cooperaton`, `nlannual`. (Spelling on word starts, `nac`, is a tight match.)
fn is_close_subsequence(needle: &str, haystack: &str) -> bool {
    if !is_subsequence(needle, haystack) {
        return false;
    }
    let needle: Vec<char> = needle.chars().collect();
    let haystack: Vec<char> = haystack.chars().collect();
    let Some(&first) = needle.first() else {
        return true;
    };
    let widest = needle.len() + needle.len() / 4 + 1;
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == first)
        .any(|(start, _)| {
            let mut wanted = needle.iter().peekable();
            for (offset, c) in haystack.iter().enumerate().skip(start).take(widest) {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                    if wanted.peek().is_none() {
                        return offset - start < widest;
                    }
                }
            }
            false
        })
}

/// True when `term` can be spelt with pieces that each begin a word, as in an acronym:
/// `nac` → **n**l-**a**nnual-**c**onsultation, `annconsult` → **ann**ual **consult**ation.
/// Greedy: each word contributes its longest common prefix with what is left.
fn matches_word_starts(text: &str, term: &str) -> bool {
    let mut rest = term;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|before| !before.is_alphanumeric());
        previous = Some(c);
        if !starts_word || rest.is_empty() {
            continue;
        }
        let word = text.get(at..).unwrap_or_default();
        let common: usize = word
            .chars()
            .zip(rest.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        rest = rest.get(common..).unwrap_or_default();
    }
    rest.is_empty()
}

/// The text the finder searches for one item, before folding: its names (id, then
/// native or full name; the title is searched on its own) and its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    pub names: String,
    pub body: String,
}

/// What the finder searches for `item`; `gen --lines` prints the same, for fzf.
pub fn search_text(catalog: &Catalog, item: ItemRef) -> SearchText {
    let Some(found) = catalog.get(item) else {
        return SearchText::default();
    };
    let mut text = SearchText {
        names: found.id().to_owned(),
        body: String::new(),
    };
    let add = |into: &mut String, piece: &str| {
        if !piece.is_empty() {
            if !into.is_empty() {
                into.push('\n');
            }
            into.push_str(piece);
        }
    };
    let add_all = |into: &mut String, pieces: &[String]| {
        for piece in pieces {
            add(into, piece);
        }
    };
    add(&mut text.names, found.subtitle().unwrap_or(""));
    let body = &mut text.body;
    for field in found.fields() {
        add(body, &field.joined("\n"));
    }
    let (summary, notes) = found.prose();
    add(body, summary);
    add_all(body, notes);
    for citation in found.citations() {
        add(body, &citation.quote);
    }
    // An action held with Denmark is found by `denmark` even if its text never says so.
    // Not the other way round: a forum's text would hold the title of every action held
    // in it, thousands in a large dossier, and match whatever any of them says. Nor is
    // a source found by the names of the items that cite it, nor an item by the titles
    // of the briefings that present it: only countries', forums' and sources' names
    // describe what an item is about.
    let cites_item = |other: Item<'_>| {
        other
            .citations()
            .iter()
            .any(|citation| catalog.source_of(citation) == Some(item))
    };
    for other in catalog
        .related(item)
        .iter()
        .filter(|other| LINKABLE.contains(&other.kind))
        .filter_map(|&other| catalog.get(other))
        .filter(|&other| !cites_item(other))
    {
        add(body, other.title());
        add(body, other.subtitle().unwrap_or(""));
    }
    text
}

fn entry(catalog: &Catalog, item: ItemRef, found: Item<'_>) -> Entry {
    let text = search_text(catalog, item);
    Entry {
        item,
        title: Folded::new(found.title()),
        names: Folded::new(&text.names),
        body: Folded::new(&text.body),
        status: found.status(),
        topics: found.topics().iter().map(|topic| fold(topic)).collect(),
        related: catalog.related(item).into(),
    }
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

    #[test]
    fn folded_positions_map_back_to_original_characters() {
        // A Hangul syllable decomposes into three jamo: later characters shift by two.
        let hangul = Folded::new("한x");
        assert_eq!(hangul.text.chars().count(), 4);
        assert_eq!(hangul.original_index(3), Some(1));
        // A lone combining accent folds to nothing: later characters shift back by one.
        let accent = Folded::new("e\u{301}x");
        assert_eq!(accent.text, "ex");
        assert_eq!(accent.original_index(1), Some(2));
        // Plain text needs no map at all.
        assert!(Folded::new("İzmir").origin.is_none());
    }

    #[test]
    fn windows_stay_on_character_boundaries() {
        let text = "éééé édual-use ééé";
        let at = text.find("dual").unwrap_or(0);
        assert_eq!(window(text, at, 4), "édual-");
        assert_eq!(window("dual", 0, 4), "dual");
        assert_eq!(window("a dual", 2, 4), " dual");
    }

    #[test]
    fn loose_matches_must_stay_close() {
        assert!(is_close_subsequence("cooperaton", "cooperation"));
        assert!(is_close_subsequence("nlannual", "nl-annual-consultation"));
        assert!(is_close_subsequence("coarm", "coarm"));
        // Strewn across a title, letters in order are chance.
        let title = "broad consultation with the competent dutch services on civil firearms";
        assert!(is_subsequence("semi", title));
        assert!(!is_close_subsequence("semi", title));
        assert!(!is_close_subsequence("dual", "dk-annual-consultation"));
        assert!(!is_close_subsequence("semi", "more systematically"));
        assert!(!is_close_subsequence("xyz", "x  y  z"));
        assert!(is_close_subsequence("", "anything"));
        assert!(is_close_subsequence("čes", "česko"));
    }

    #[test]
    fn word_starts_spell_acronyms_and_prefixes() {
        assert!(matches_word_starts("nl-annual-consultation", "nac"));
        assert!(matches_word_starts("annual consultation", "annconsult"));
        assert!(!matches_word_starts("dk-annual-consultation", "dual"));
        assert!(matches_word_starts("česko", "čes"));
        assert!(is_subsequence("dual", "dk-annual"));
        assert!(!is_subsequence("xyz", "dk-annual"));
    }

    #[test]
    fn ranges_in_text_are_found_through_folding() {
        let query = Query::words("najaar TWEEERLEI");
        let text = "In het Najaar: goederen voor tweeërlei gebruik, najaar.";
        let ranges = query.ranges_in(text);
        let found: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
        assert_eq!(found, ["Najaar", "tweeërlei", "najaar"]);
        // After a character that folds to three, positions still land right.
        let hangul = "한 najaar";
        let ranges = Query::words("najaar").ranges_in(hangul);
        assert_eq!(
            ranges
                .iter()
                .filter_map(|r| hangul.get(r.clone()))
                .collect::<Vec<_>>(),
            ["najaar"]
        );
        assert!(Query::words("xyz").ranges_in(text).is_empty());
        // Overlapping terms merge into one range.
        assert_eq!(Query::words("naj jaar").ranges_in("najaar"), vec![0..6]);
    }

    #[test]
    fn query_terms_are_folded() {
        assert_eq!(Query::words("  Dual  NL ").highlights.len(), 2);
        assert!(!Query::words("   ").has_words());
        assert_eq!(Query::words("!x status:done 'y").highlights.len(), 1);
    }
}
