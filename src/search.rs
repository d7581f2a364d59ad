//! Fuzzy search over every country, forum and action, the way fzf users expect:
//! space-separated terms must all match, case and accents are ignored, and names outrank
//! words deep in a summary. The CLI's `search` and the TUI's finder both use this.
//!
//! Text is folded (accents stripped, lower-cased) once, when the catalog is built; a query
//! only folds its own few characters.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::catalog::{Catalog, Item};
use crate::model::{ItemRef, Kind};

/// How well one term matches one item, best last. A term's score is its tier times
/// `TIER_WEIGHT` plus fuzzy-matcher's score, so any match of a better tier outranks any
/// match of a worse one, and fuzzy-matcher orders matches within a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Strewn across a paragraph, but compact enough to count (see `BODY_MIN_SHARE`).
    LooseInBody,
    /// Strewn across a name or id: `dual` in `dk-annual-consultation`.
    LooseInName,
    /// A whole word or part of one in the body text.
    TightInBody,
    /// A substring of a name or id, or word starts in it: `nac` in `nl-annual-consultation`.
    TightInName,
}

const TIER_WEIGHT: i64 = 1 << 20;

/// In body text a term that is not a substring must still match compactly, scoring at
/// least this share of what it scores against itself: without this, `d…u…a…l` strewn
/// across any long paragraph would match `dual`.
const BODY_MIN_SHARE: (i64, i64) = (3, 4);

/// Below this many items one thread is quicker than starting more.
const PARALLEL_FROM: usize = 4096;

/// The kinds the finder searches; sources are reached through citations.
pub const SEARCHED_KINDS: [Kind; 3] = [Kind::Country, Kind::Forum, Kind::Action];

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
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::new();
        let mut one_to_one = true;
        for (index, c) in original.chars().enumerate() {
            let before = origin.len();
            fold_char(c, |folded| {
                text.push(folded);
                origin.push(index as u32);
            });
            one_to_one &= origin.len() == before + 1;
        }
        let mask = char_mask(&text);
        Folded {
            text,
            origin: (!one_to_one).then(|| origin.into_boxed_slice()),
            mask,
        }
    }

    fn original_index(&self, folded_index: usize) -> Option<usize> {
        match &self.origin {
            None => Some(folded_index),
            Some(origin) => origin.get(folded_index).map(|&i| i as usize),
        }
    }
}

/// Strips accents and lower-cases one character: `Č` → `c`, `ë` → `e`, `İ` → `i`.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |base| {
        if !is_combining_mark(base) {
            for lower in base.to_lowercase() {
                if !is_combining_mark(lower) {
                    emit(lower);
                }
            }
        }
    });
}

/// Folds a whole string, as queries are.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| folded.push(f));
    }
    folded
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
/// other names and id, and everything else it says.
#[derive(Debug, Clone)]
struct Entry {
    item: ItemRef,
    title: Folded,
    names: Folded,
    body: Folded,
}

/// One space-separated term of a query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    mask: u64,
    /// The least fuzzy score a loose match in body text needs.
    body_minimum: i64,
}

/// A query split into folded terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let matcher = matcher();
        let (numerator, denominator) = BODY_MIN_SHARE;
        let terms = query
            .split_whitespace()
            .map(|term| {
                let text = fold(term);
                let perfect = matcher.fuzzy_match(&text, &text).unwrap_or(0);
                Term {
                    mask: char_mask(&text),
                    body_minimum: perfect * numerator / denominator,
                    text,
                }
            })
            .collect();
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
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

/// Search results: the best `hits`, best first, and how many items matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
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
        let entries = SEARCHED_KINDS
            .iter()
            .flat_map(|&kind| catalog.items(kind))
            .filter_map(|item| Some(entry(catalog, item, catalog.get(item)?)))
            .collect();
        SearchIndex {
            entries,
            matcher: matcher(),
        }
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
        let scan = |entries: &[Entry]| -> Vec<Hit> {
            entries
                .iter()
                .filter(|entry| kind.is_none_or(|kind| entry.item.kind == kind))
                .filter_map(|entry| {
                    Some(Hit {
                        item: entry.item,
                        score: self.score(entry, query)?,
                    })
                })
                .collect()
        };
        let mut hits = if self.entries.len() < PARALLEL_FROM {
            scan(&self.entries)
        } else {
            let threads = std::thread::available_parallelism().map_or(1, usize::from);
            let chunk = self.entries.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let workers: Vec<_> = self
                    .entries
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || scan(part)))
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| worker.join().unwrap_or_default())
                    .collect()
            })
        };
        let total = hits.len();
        // Ties keep file order, kinds in tab order, so results are stable across runs.
        let best_first = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.item.cmp(&b.item));
        if let Some(limit) = limit.filter(|&limit| limit < hits.len()) {
            if limit == 0 {
                hits.clear();
            } else {
                hits.select_nth_unstable_by(limit - 1, best_first);
                hits.truncate(limit);
            }
        }
        hits.sort_unstable_by(best_first);
        Results { hits, total }
    }

    /// The sum of each term's best score, or `None` when a term matches nothing.
    fn score(&self, entry: &Entry, query: &Query) -> Option<i64> {
        let mut total = 0;
        for term in &query.terms {
            let (tier, score) = self
                .match_name(&entry.title, term)
                .max(self.match_name(&entry.names, term))
                .or_else(|| self.match_body(&entry.body, term))?;
            total += tier as i64 * TIER_WEIGHT + score;
        }
        Some(total)
    }

    fn match_name(&self, field: &Folded, term: &Term) -> Option<(Tier, i64)> {
        if field.mask & term.mask != term.mask {
            return None;
        }
        if field.text.contains(&term.text) {
            let score = self.matcher.fuzzy_match(&field.text, &term.text)?;
            return Some((Tier::TightInName, score));
        }
        let (score, indices) = self.matcher.fuzzy_indices(&field.text, &term.text)?;
        let tier = if runs_start_words(&field.text, &indices) {
            Tier::TightInName
        } else {
            Tier::LooseInName
        };
        Some((tier, score))
    }

    fn match_body(&self, field: &Folded, term: &Term) -> Option<(Tier, i64)> {
        if field.mask & term.mask != term.mask {
            return None;
        }
        if let Some(at) = field.text.find(&term.text) {
            // Scoring a whole paragraph costs far more than scoring the words around
            // the match, and the score comes from those words anyway.
            let around = window(&field.text, at, term.text.len());
            let score = self.matcher.fuzzy_match(around, &term.text)?;
            return Some((Tier::TightInBody, score));
        }
        let score = self.matcher.fuzzy_match(&field.text, &term.text)?;
        (score >= term.body_minimum).then_some((Tier::LooseInBody, score))
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
            .terms
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

/// The text around `len` bytes at `at`, a few words either side, on char boundaries.
fn window(text: &str, at: usize, len: usize) -> &str {
    const MARGIN: usize = 24;
    let mut start = at.saturating_sub(MARGIN);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + MARGIN).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.get(start..end).unwrap_or(text)
}

/// True when every run of consecutive matched characters begins a word, as in an
/// acronym: `nac` → **n**l-**a**nnual-**c**onsultation.
fn runs_start_words(text: &str, indices: &[usize]) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let starts_word = |i: usize| match i.checked_sub(1).and_then(|before| chars.get(before)) {
        None => true,
        Some(before) => !before.is_alphanumeric(),
    };
    indices.iter().enumerate().all(|(n, &i)| {
        (n > 0 && indices.get(n - 1) == Some(&(i.wrapping_sub(1)))) || starts_word(i)
    })
}

fn entry(catalog: &Catalog, item: ItemRef, found: Item<'_>) -> Entry {
    let mut names = found.id().to_owned();
    let mut body = String::new();
    let add = |text: &str, into: &mut String| {
        if !text.is_empty() {
            if !into.is_empty() {
                into.push('\n');
            }
            into.push_str(text);
        }
    };
    if let Some(subtitle) = found.subtitle() {
        add(subtitle, &mut names);
    }
    let add_all = |texts: &[String], into: &mut String| {
        for text in texts {
            add(text, into);
        }
    };
    match found {
        Item::Country(c) => {
            add(c.role.as_deref().unwrap_or(""), &mut body);
            add(&c.summary, &mut body);
            add_all(&c.counterparts, &mut body);
            add_all(&c.topics, &mut body);
            add_all(&c.notes, &mut body);
        }
        Item::Forum(f) => {
            add(f.kind.as_deref().unwrap_or(""), &mut body);
            add(&f.summary, &mut body);
            add_all(&f.topics, &mut body);
            add_all(&f.notes, &mut body);
        }
        Item::Action(a) => {
            add(a.status.label(), &mut body);
            add(a.timing.as_deref().unwrap_or(""), &mut body);
            add(&a.summary, &mut body);
            add_all(&a.topics, &mut body);
            add_all(&a.notes, &mut body);
        }
        Item::Source(s) => {
            add(s.reference.as_deref().unwrap_or(""), &mut body);
        }
    }
    for citation in found.citations() {
        add(&citation.quote, &mut body);
    }
    // An action held with Denmark is found by `denmark` even if its text never says so.
    for other in catalog
        .related(item)
        .iter()
        .filter_map(|&other| catalog.get(other))
    {
        add(other.title(), &mut body);
        add(other.subtitle().unwrap_or(""), &mut body);
    }
    Entry {
        item,
        title: Folded::new(found.title()),
        names: Folded::new(&names),
        body: Folded::new(&body),
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
        // `ﬁ` folds to itself, but `İ` lower-cases to two characters, shifting the rest.
        let folded = Folded::new("İzmir");
        assert_eq!(folded.text, "izmir");
        assert!(folded.origin.is_none() || folded.original_index(1) == Some(1));
        let ligature = Folded::new("ǅx");
        assert_eq!(
            ligature.original_index(ligature.text.chars().count() - 1),
            Some(1)
        );
    }

    #[test]
    fn windows_stay_on_character_boundaries() {
        let text = "ééééééééééééééééééééé dual-use ééééééééééééééééééééé";
        let at = text.find("dual").unwrap_or(0);
        let around = window(text, at, 4);
        assert!(around.contains("dual-use"));
        assert!(around.len() < text.len());
        assert_eq!(window("dual", 0, 4), "dual");
    }

    #[test]
    fn query_terms_are_folded() {
        assert_eq!(Query::new("  Dual  NL ").terms.len(), 2);
        assert!(Query::new("   ").is_empty());
    }
}
