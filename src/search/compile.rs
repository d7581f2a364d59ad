//! A parsed query (see [`crate::query`]) made ready to run against one index: its terms
//! folded with their substring searchers built, the items its filters name looked up,
//! and its clauses put in the order that rejects items soonest.

use std::ops::Range;

use memchr::memmem;

use crate::model::{ItemRef, Kind, Status};
use crate::query::{Test as ParsedTest, TextMode, parse};

use super::build::char_mask;

/// The most terms a query may have: each costs a pass over every item, and a paste of a
/// whole page into the finder must not freeze it.
pub const MAX_TERMS: usize = 64;

/// A query ready to run: parsed (see [`crate::query`] for the language), with the items
/// its filters name looked up. Every clause must match; any alternative of a clause may.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub(super) clauses: Vec<Vec<Matcher>>,
    /// What a result's text highlights: every text term that is not negated.
    pub(super) highlights: Vec<Term>,
    /// How many text terms the clauses hold; each has a `slot` below this.
    pub(super) slots: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Matcher {
    pub(super) negated: bool,
    pub(super) test: Test,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Test {
    Text(Box<Term>, TextMode),
    Kinds(Vec<Kind>),
    Statuses(Vec<Status>),
    /// The items named, sorted, and every entry that is one of them or linked to one.
    Linked(Vec<ItemRef>, Bits),
    /// Folded, with their searchers: building one costs more than a search of a topic.
    Topics(Vec<Term>),
}

/// One space-separated term of a query, folded.
#[derive(Debug, Clone)]
pub(super) struct Term {
    pub(super) text: String,
    pub(super) mask: u64,
    /// A substring searcher built once per query: std's `str::find` spends most of a
    /// search's time setting up for short needles.
    pub(super) finder: memmem::Finder<'static>,
    /// Where fuzzy scores of this term are remembered during a search.
    pub(super) slot: u32,
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.text == other.text
    }
}

impl Term {
    pub(super) fn new(text: &str, slot: u32) -> Term {
        Term {
            mask: char_mask(text),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text: text.to_owned(),
            slot,
        }
    }
}

/// A set of entries, one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    pub(super) fn insert(&mut self, at: u32) {
        if let Some(word) = self.0.get_mut(at as usize / 64) {
            *word |= 1 << (at % 64);
        }
    }

    pub(super) fn extend(&mut self, positions: impl IntoIterator<Item = u32>) {
        for at in positions {
            self.insert(at);
        }
    }

    pub(super) fn contains(&self, at: u32) -> bool {
        self.0
            .get(at as usize / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }
}

/// How soon a clause is tried: the ones likeliest to reject an item first, so that the
/// rest are seldom looked at. The order changes nothing else: scores are sums.
fn cost(clause: &[Matcher]) -> (u8, std::cmp::Reverse<usize>) {
    let text = |matcher: &Matcher| match &matcher.test {
        Test::Text(term, _) => Some(term.text.len()),
        _ => None,
    };
    if clause.iter().all(|matcher| text(matcher).is_none()) {
        // A compare or a bit per item.
        return (0, std::cmp::Reverse(0));
    }
    if clause.iter().any(|matcher| matcher.negated) {
        // Most items lack a given word, so a negated term rejects few.
        return (2, std::cmp::Reverse(0));
    }
    // A longer term is rarer; a clause is as rare as its commonest alternative.
    let shortest = clause.iter().filter_map(text).min().unwrap_or(0);
    (1, std::cmp::Reverse(shortest))
}

/// Turns each parsed atom into a matcher; `linked` looks up what a `country:`,
/// `forum:` or `source:` filter names.
pub(super) fn compile<E>(
    parsed: &crate::query::Query,
    mut linked: impl FnMut(Kind, &[crate::query::Target]) -> Result<(Vec<ItemRef>, Bits), E>,
) -> Result<Query, E> {
    let mut slots = 0;
    let mut clauses = Vec::with_capacity(parsed.clauses.len());
    for clause in &parsed.clauses {
        let mut matchers = Vec::with_capacity(clause.alternatives.len());
        for atom in &clause.alternatives {
            let test = match &atom.test {
                ParsedTest::Text { text, mode } => {
                    slots += 1;
                    Test::Text(Box::new(Term::new(text, slots - 1)), *mode)
                }
                ParsedTest::Kind(kinds) => Test::Kinds(kinds.clone()),
                ParsedTest::Status(statuses) => Test::Statuses(statuses.clone()),
                ParsedTest::Topic(topics) => {
                    Test::Topics(topics.iter().map(|topic| Term::new(topic, 0)).collect())
                }
                ParsedTest::Linked { kind, targets } => {
                    let (items, bits) = linked(*kind, targets)?;
                    Test::Linked(items, bits)
                }
            };
            matchers.push(Matcher {
                negated: atom.negated,
                test,
            });
        }
        clauses.push(matchers);
    }
    clauses.sort_by_key(|clause| cost(clause));
    Ok(Query {
        clauses,
        highlights: parsed.text_terms().map(|text| Term::new(text, 0)).collect(),
        slots,
    })
}

impl Query {
    /// Only the words of `input` that a result's text would show, for highlighting
    /// without an index: filters, negated terms and errors are left out.
    pub fn words(input: &str) -> Query {
        let highlights = match parse(input) {
            Ok(parsed) => parsed.text_terms().map(|text| Term::new(text, 0)).collect(),
            Err(_) => Vec::new(),
        };
        Query {
            highlights,
            ..Query::default()
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
        let mut folded = String::with_capacity(text.len());
        // For each folded character, the index of the original character it came from.
        let mut origin: Vec<usize> = Vec::with_capacity(text.len());
        for (index, c) in text.chars().enumerate() {
            crate::text::fold_char(c, |f| {
                folded.push(f);
                origin.push(index);
            });
        }
        // Byte offset of each original character, and one past the end.
        let original: Vec<usize> = text
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(text.len()))
            .collect();
        // Byte offset of each folded character, to turn a match's bytes into characters.
        let folded_starts: Vec<usize> = folded.char_indices().map(|(at, _)| at).collect();
        let char_at = |byte: usize| folded_starts.partition_point(|&start| start < byte);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in &self.highlights {
            for at in term.finder.find_iter(folded.as_bytes()) {
                let first = char_at(at);
                let last = char_at(at + term.text.len()).saturating_sub(1);
                let (Some(&start), Some(end)) =
                    (origin.get(first), origin.get(last).map(|i| i + 1))
                else {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // And after a combining accent that folds to nothing.
        let accent = "Cafe\u{301} najaar";
        let ranges = Query::words("najaar").ranges_in(accent);
        assert_eq!(accent.get(ranges[0].clone()), Some("najaar"));
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

    #[test]
    fn bits_hold_what_was_put_in() {
        let mut bits = Bits::new(130);
        for at in [0, 63, 64, 129] {
            bits.insert(at);
        }
        assert!(bits.contains(0) && bits.contains(64) && bits.contains(129));
        assert!(!bits.contains(1) && !bits.contains(128));
        // Out of range is absent, never a panic.
        bits.insert(100_000);
        assert!(!bits.contains(100_000));
    }

    #[test]
    fn rarer_clauses_are_tried_first() {
        let parsed = parse("a !b status:done consultation dual | x").expect("parses");
        let query: Result<Query, ()> = compile(&parsed, |_, _| Ok((Vec::new(), Bits::default())));
        let order: Vec<String> = query
            .expect("compiles")
            .clauses
            .iter()
            .map(|clause| match &clause[0].test {
                Test::Text(term, _) => term.text.clone(),
                _ => "filter".to_owned(),
            })
            .collect();
        assert_eq!(order, ["filter", "consultation", "a", "dual", "b"]);
    }
}
