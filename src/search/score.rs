//! fuzzy-matcher's score (`SkimMatcherV2`, respecting case, as [`super::matcher`] sets
//! it up) of a term spelt with letters strewn across an ASCII name, worked out without
//! fuzzy-matcher's per-call set-up.
//!
//! Scoring such letters is most of what a search does once the matching pass is over:
//! thousands of names for a short term at 100 000 items. fuzzy-matcher copies the name
//! and the term into vectors of `char`, finds the first match of each letter into a new
//! vector, and fills a matrix of 20-byte cells; on a title of 60 characters that is
//! some 13 000 instructions. [`Scorer::score`] runs the same alignment (the same
//! recurrences, in the same order, with the same constants) over bytes, reusing its
//! buffers, in a fraction of that. A test compares the two on many random texts and
//! terms; anything but ASCII text and term goes to fuzzy-matcher itself.
//!
//! One difference, on purpose: fuzzy-matcher keeps its matrix between calls and does not
//! clear all of it, so a bonus left in a cell by an earlier call (on another text) can
//! now and then raise a later score: which texts a thread happened to score before
//! changed a result. Here every call starts from a cleared matrix, as a new
//! fuzzy-matcher's first call does, and the test compares with exactly that.

use foldhash::{HashMap, HashMapExt};

/// fuzzy-matcher's `SkimScoreConfig::default()`, which [`super::matcher`] keeps.
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// fuzzy-matcher's minus infinity: `i16::MIN`, so that sums of it stay far below any
/// real score without overflowing.
const NEG_INFINITY: i32 = i16::MIN as i32;

/// One cell of fuzzy-matcher's two-row score matrix: the best score of an alignment
/// ending in a match here (`m`), or in a skip (`p`), and the bonus carried along a run
/// of matches.
#[derive(Debug, Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const RESET: Cell = Cell {
    m: NEG_INFINITY,
    p: NEG_INFINITY,
    bonus: 0,
};

/// What a search keeps while it scores: the scores of contiguous matches (see
/// `SearchIndex::fuzzy_score`) and the buffers of the alignment, reused entry to entry.
#[derive(Debug, Default)]
pub(super) struct Scorer {
    /// Scores of contiguous matches, by term and the characters either side.
    pub(super) memo: HashMap<u64, Option<i64>>,
    cells: Vec<Cell>,
    moves: Vec<Moves>,
    firsts: Vec<usize>,
}

impl Scorer {
    pub(super) fn new() -> Scorer {
        Scorer {
            memo: HashMap::new(),
            ..Scorer::default()
        }
    }

    /// fuzzy-matcher's `fuzzy_match(choice, pattern)` when both are ASCII: `None` when the
    /// pattern's bytes are not all in the choice in order.
    pub(super) fn score(&mut self, choice: &[u8], pattern: &[u8]) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        if !self.first_matches(choice, pattern) {
            return None;
        }
        let cols = choice.len() + 1;
        // Both rows start reset; the first row's skip scores start at one gap's
        // extension, as fuzzy-matcher's do.
        self.cells.clear();
        self.cells.resize(2 * cols, RESET);
        for cell in self.cells.iter_mut().take(cols) {
            cell.p = GAP_EXTENSION;
        }
        let (even, odd) = self.cells.split_at_mut(cols);
        for (i, (&p, &skip)) in pattern.iter().zip(&self.firsts).enumerate() {
            // Row `i + 1` of the matrix, in the buffer row `i - 1` used.
            let (row, above) = match i % 2 {
                0 => (&mut *odd, &*even),
                _ => (&mut *even, &*odd),
            };
            let (Some((last, row)), Some(above)) = (
                row.get_mut(skip..).and_then(<[Cell]>::split_first_mut),
                above.get(skip..),
            ) else {
                return None;
            };
            let mut last = last;
            for ((slot, diagonal), at) in row.iter_mut().zip(above).zip(skip..) {
                // A match keeps the bonus the cell holds: fuzzy-matcher writes a run's
                // bonus into the cell before the match, and reads it from there.
                let mut current = *slot;
                if choice.get(at) == Some(&p) {
                    let in_place = in_place_bonus(choice, at);
                    let consecutive = last.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    last.bonus = consecutive;
                    let matched = diagonal.m + consecutive;
                    let skipped = diagonal.p + in_place;
                    current.m = matched.max(skipped) + SCORE_MATCH;
                } else {
                    current.m = NEG_INFINITY;
                    current.bonus = 0;
                }
                current.p = (GAP_START + GAP_EXTENSION + last.m).max(GAP_EXTENSION + last.p);
                *slot = current;
                last = slot;
            }
        }
        let row = match pattern.len() % 2 {
            0 => &*even,
            _ => &*odd,
        };
        let from = self.firsts.last().copied().unwrap_or(0);
        row.get(from..)?
            .iter()
            .map(|cell| cell.m)
            .max()
            .map(i64::from)
    }

    /// Where each pattern byte first matches, in order (fuzzy-matcher's
    /// `cheap_matches`): no alignment can put that byte earlier. False when some
    /// byte does not match at all.
    fn first_matches(&mut self, choice: &[u8], pattern: &[u8]) -> bool {
        self.firsts.clear();
        let mut wanted = pattern.iter();
        let mut next = wanted.next();
        for (at, &c) in choice.iter().enumerate() {
            match next {
                Some(&p) if p == c => {
                    self.firsts.push(at);
                    next = wanted.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        next.is_none()
    }

    /// fuzzy-matcher's `fuzzy_indices(choice, pattern)` positions when both are ASCII:
    /// the bytes of the best alignment, for highlighting. The whole matrix is kept,
    /// with each cell's choices, to walk the alignment back from its end.
    pub(super) fn indices(&mut self, choice: &[u8], pattern: &[u8]) -> Option<Vec<usize>> {
        if pattern.is_empty() {
            return Some(Vec::new());
        }
        if !self.first_matches(choice, pattern) {
            return None;
        }
        let cols = choice.len() + 1;
        let rows = pattern.len() + 1;
        self.cells.clear();
        self.cells.resize(rows * cols, RESET);
        self.moves.clear();
        self.moves.resize(rows * cols, Moves::default());
        for cell in self.cells.iter_mut().take(cols) {
            cell.p = GAP_EXTENSION;
        }
        for (i, (&p, &skip)) in pattern.iter().zip(&self.firsts).enumerate() {
            let (above, row) = self.cells.split_at_mut((i + 1) * cols);
            let moves = self.moves.get_mut((i + 1) * cols..)?;
            let (Some((last, row)), Some(above), Some(moves)) = (
                row.get_mut(skip..cols).and_then(<[Cell]>::split_first_mut),
                above.get(i * cols + skip..),
                moves.get_mut(skip + 1..cols),
            ) else {
                return None;
            };
            let mut last = last;
            for (((slot, diagonal), moved), at) in row.iter_mut().zip(above).zip(moves).zip(skip..)
            {
                let mut current = *slot;
                if choice.get(at) == Some(&p) {
                    let in_place = in_place_bonus(choice, at);
                    let consecutive = last.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    last.bonus = consecutive;
                    let matched = diagonal.m + consecutive;
                    let skipped = diagonal.p + in_place;
                    moved.m = matched >= skipped;
                    current.m = matched.max(skipped) + SCORE_MATCH;
                } else {
                    current.m = NEG_INFINITY;
                    current.bonus = 0;
                }
                let matched = GAP_START + GAP_EXTENSION + last.m;
                let skipped = GAP_EXTENSION + last.p;
                moved.p = matched >= skipped;
                current.p = matched.max(skipped);
                *slot = current;
                last = slot;
            }
        }
        // The last best cell of the last row (as `max_by_key` picks), then back along
        // the moves that led there, as fuzzy-matcher walks it.
        let last_row = pattern.len() * cols;
        let from = self.firsts.last().copied().unwrap_or(0);
        let cells = self.cells.get(last_row + from..last_row + cols)?;
        let (best, _) = cells.iter().enumerate().max_by_key(|&(_, cell)| cell.m)?;
        let start = self.firsts.first().copied().unwrap_or(0);
        let (mut i, mut j) = (pattern.len(), best + from);
        let (mut track_m, mut matched) = (true, true);
        let mut positions = Vec::with_capacity(pattern.len());
        while i > 0 && j > start {
            if matched {
                positions.push(j - 1);
            }
            let moved = self.moves.get(i * cols + j).copied().unwrap_or_default();
            matched = if track_m { moved.m } else { moved.p };
            if track_m {
                i -= 1;
            }
            j -= 1;
            track_m = matched;
        }
        positions.reverse();
        Some(positions)
    }
}

/// Which way a cell's two scores came: from a match (true) or a skip.
#[derive(Debug, Clone, Copy, Default)]
struct Moves {
    m: bool,
    p: bool,
}

/// fuzzy-matcher's in-place bonus for matching the byte at `at`, by what it follows:
/// worked out only where a byte matches, which is seldom.
fn in_place_bonus(choice: &[u8], at: usize) -> i32 {
    let previous = at.checked_sub(1).and_then(|before| choice.get(before));
    let (Some(&c), previous) = (choice.get(at), previous.copied().unwrap_or(0)) else {
        return 0;
    };
    let bonus = bonus(kind(previous), kind(c));
    match at {
        0 => bonus * BONUS_FIRST_CHAR_MULTIPLIER,
        _ => bonus,
    }
}

/// fuzzy-matcher's `CharType`, for an ASCII byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn kind(c: u8) -> Kind {
    match c {
        0 => Kind::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Kind::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Kind::SoftSep,
        b'0'..=b'9' => Kind::Number,
        b'A'..=b'Z' => Kind::Upper,
        _ => Kind::Lower,
    }
}

/// fuzzy-matcher's in-place bonus of a character of kind `current` after one of kind
/// `previous`: the start of a word earns most.
fn bonus(previous: Kind, current: Kind) -> i32 {
    match (previous, current) {
        (Kind::Empty | Kind::HardSep, _) => BONUS_HEAD,
        (Kind::SoftSep, _) => BONUS_BREAK,
        (Kind::Lower | Kind::Number, Kind::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;

    use super::*;
    use crate::search::test_rng::Rng;

    #[test]
    fn scores_are_fuzzy_matchers_own() {
        let mut scorer = Scorer::new();
        let mut rng = Rng(0x0dd5_eed5);
        // Every kind of character fuzzy-matcher tells apart, and letters to match.
        let alphabet = b"abcab abc-_.:/()x1Z\0\n\t~'";
        let mut matched = 0;
        for case in 0..100_000 {
            let text: Vec<u8> = (0..rng.below(if case % 10 == 0 { 200 } else { 40 }))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let term: Vec<u8> = match rng.below(3) {
                // Letters of the text in order, strewn or not.
                0 | 1 if !text.is_empty() => {
                    let most = 1 + rng.below(8);
                    (0..text.len())
                        .filter(|_| rng.below(4) == 0)
                        .take(most)
                        .map(|at| text[at])
                        .collect()
                }
                _ => (0..1 + rng.below(5))
                    .map(|_| alphabet[rng.below(6)])
                    .collect(),
            };
            let (text, term) = (
                String::from_utf8(text).expect("ASCII"),
                String::from_utf8(term).expect("ASCII"),
            );
            // A new matcher each time: see the module's comment.
            let expected = super::super::matcher().fuzzy_match(&text, &term);
            let positions = super::super::matcher().fuzzy_indices(&text, &term);
            assert_eq!(
                scorer.indices(text.as_bytes(), term.as_bytes()),
                positions.map(|(_, positions)| positions),
                "positions of {term:?} in {text:?}"
            );
            assert_eq!(
                scorer.score(text.as_bytes(), term.as_bytes()),
                expected,
                "{term:?} in {text:?}"
            );
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 30_000, "only {matched} matches");
        assert_eq!(scorer.score(b"abc", b""), Some(0));
        assert_eq!(scorer.score(b"", b"a"), None);
    }
}
