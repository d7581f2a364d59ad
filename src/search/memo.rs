//! What each clause of a query was to each entry, remembered while a query is typed:
//! typing `annual consultation d` after `annual consultation` changes one clause, and
//! the two before it are what they were to every entry, so they are looked up rather
//! than searched again. The changed clause `d` is new, but a term typed on from one
//! before it (`de` after `d`) starts from where that one was found (a [`Hint`]).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::query::TextMode;

use super::compile::{Matcher, Test};
use super::matching::{FieldName, Found, Hint, Tier};

/// The one term of a clause that is one fuzzy or exact term, how it is searched, and
/// whether it is negated.
fn lone_term(clause: &[Matcher]) -> Option<(&str, TextMode, bool)> {
    let [matcher] = clause else {
        return None;
    };
    match &matcher.test {
        Test::Text(term, mode @ (TextMode::Fuzzy | TextMode::Exact)) => {
            Some((term.text.as_str(), *mode, matcher.negated))
        }
        _ => None,
    }
}

/// What one clause is to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClauseVerdict {
    Out,
    /// Missed, but passes the narrowing's relaxed test.
    Relaxed,
    /// Matched: the best tier of its terms (none for a filter); the fuzzy-matcher score
    /// of its best text term, or, when that is left [pending](super::rank::Scored), the
    /// most it could be; and where that term was found.
    Match {
        tier: Option<Tier>,
        fuzzy: i64,
        pending: i64,
        found: Option<Found>,
    },
}

/// One clause's verdicts on every entry of an index, filled in as searches judge them.
/// The cells are atomics so that both cores of a search can fill them in at once; each
/// entry is judged by one core, so the order of writes never matters.
#[derive(Debug)]
pub(super) struct ClauseMemo {
    pub(super) clause: Vec<Matcher>,
    cells: Vec<AtomicU64>,
}

// A cell: bits 0–1 say what the verdict is (0: not judged yet), 2–3 the tier (0 for
// none, else 1 + the tier), 4 whether the high half is the pending most rather than
// the score, 5–6 how the term was found (0: not said), 7–8 in which field, 9–31 the
// byte it was found at, 32–63 the score or the pending most.
const OUT: u64 = 1;
const RELAXED: u64 = 2;
const MATCH: u64 = 3;
const PENDING: u64 = 1 << 4;
const SUBSTRING: u64 = 1;
const LETTERS: u64 = 2;
/// The most bytes into a field a found term is remembered at.
const AT_LIMIT: usize = 1 << 23;
const TIERS: [Tier; 3] = [Tier::LooseInName, Tier::TightInBody, Tier::TightInName];
const FIELDS: [FieldName; 3] = [FieldName::Title, FieldName::Names, FieldName::Body];

impl ClauseMemo {
    pub(super) fn new(clause: Vec<Matcher>, entries: usize) -> ClauseMemo {
        ClauseMemo {
            clause,
            cells: std::iter::repeat_with(|| AtomicU64::new(0))
                .take(entries)
                .collect(),
        }
    }

    /// Whether this memo can hint where `clause`'s term is: each clause is one term
    /// searched the same way (fuzzy or exact, negated or not), `clause`'s typed on from
    /// this one's.
    pub(super) fn hints(&self, clause: &[Matcher]) -> bool {
        match (lone_term(&self.clause), lone_term(clause)) {
            (Some((shorter, was, negated)), Some((longer, mode, negates))) => {
                (was, negated) == (mode, negates)
                    && longer.len() > shorter.len()
                    && longer.starts_with(shorter)
            }
            _ => false,
        }
    }

    pub(super) fn get(&self, entry: u32) -> Option<ClauseVerdict> {
        let cell = self.cells.get(entry as usize)?.load(Ordering::Relaxed);
        let high = i64::from((cell >> 32) as u32 as i32);
        match cell & 3 {
            OUT => Some(ClauseVerdict::Out),
            RELAXED => Some(ClauseVerdict::Relaxed),
            MATCH => {
                let tier = match (cell >> 2) & 3 {
                    0 => None,
                    n => Some(*TIERS.get(n as usize - 1)?),
                };
                let (fuzzy, pending) = match cell & PENDING {
                    0 => (high, 0),
                    _ => (0, high),
                };
                let field = FIELDS.get(((cell >> 7) & 3) as usize).copied();
                let at = ((cell >> 9) & (AT_LIMIT as u64 - 1)) as usize;
                let found = match ((cell >> 5) & 3, field) {
                    (SUBSTRING, Some(field)) => Some(Found::Substring { field, at }),
                    (LETTERS, Some(field)) => Some(Found::Letters { field }),
                    _ => None,
                };
                Some(ClauseVerdict::Match {
                    tier,
                    fuzzy,
                    pending,
                    found,
                })
            }
            _ => None,
        }
    }

    /// What this clause's verdict on `entry` says of a term typed on from its own.
    pub(super) fn hint(&self, entry: u32) -> Option<Hint> {
        let negated = lone_term(&self.clause).is_some_and(|(_, _, negated)| negated);
        if negated {
            // Passing, a negated term was nowhere; failing, it says no more.
            return match self.get(entry)? {
                ClauseVerdict::Match { .. } => Some(Hint::Absent),
                ClauseVerdict::Relaxed | ClauseVerdict::Out => None,
            };
        }
        match self.get(entry)? {
            ClauseVerdict::Out => Some(Hint::Out),
            ClauseVerdict::Relaxed => Some(Hint::OnlyLoose),
            ClauseVerdict::Match { tier, found, .. } => match (found?, tier?) {
                (Found::Substring { field, at }, _) => Some(Hint::At { field, at }),
                (Found::Letters { .. }, Tier::TightInName) => Some(Hint::WordStarts),
                (Found::Letters { .. }, _) => Some(Hint::OnlyLoose),
            },
        }
    }

    /// Remembers `verdict`; one whose score does not fit a cell is not remembered, and
    /// a place past [`AT_LIMIT`] is not said.
    pub(super) fn put(&self, entry: u32, verdict: ClauseVerdict) {
        let cell = match verdict {
            ClauseVerdict::Out => Some(OUT),
            ClauseVerdict::Relaxed => Some(RELAXED),
            ClauseVerdict::Match {
                tier,
                fuzzy,
                pending,
                found,
            } => {
                let tier = tier.map_or(0, |tier| tier as u64 + 1);
                let (flag, high) = match pending {
                    0 => (0, fuzzy),
                    _ => (PENDING, pending),
                };
                let field = |field: FieldName| field as u64;
                let found = match found {
                    Some(Found::Substring { field: name, at }) if at < AT_LIMIT => {
                        SUBSTRING | field(name) << 2 | (at as u64) << 4
                    }
                    Some(Found::Letters { field: name }) => LETTERS | field(name) << 2,
                    _ => 0,
                };
                i32::try_from(high).ok().map(|high| {
                    u64::from(high as u32) << 32 | found << 5 | flag | tier << 2 | MATCH
                })
            }
        };
        if let (Some(cell), Some(slot)) = (cell, self.cells.get(entry as usize)) {
            slot.store(cell, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_comes_back_as_it_was_put() {
        let memo = ClauseMemo::new(Vec::new(), 4);
        assert_eq!(memo.get(0), None, "nothing judged yet");
        let mut verdicts = vec![ClauseVerdict::Out, ClauseVerdict::Relaxed];
        let tiers = [
            None,
            Some(Tier::LooseInName),
            Some(Tier::TightInBody),
            Some(Tier::TightInName),
        ];
        let founds = [
            None,
            Some(Found::Letters {
                field: FieldName::Names,
            }),
            Some(Found::Substring {
                field: FieldName::Title,
                at: 0,
            }),
            Some(Found::Substring {
                field: FieldName::Body,
                at: AT_LIMIT - 1,
            }),
        ];
        for tier in tiers {
            for found in founds {
                for (fuzzy, pending) in [
                    (0, 0),
                    (217, 0),
                    (-40, 0),
                    (0, 147),
                    (i64::from(i32::MAX), 0),
                ] {
                    verdicts.push(ClauseVerdict::Match {
                        tier,
                        fuzzy,
                        pending,
                        found,
                    });
                }
            }
        }
        for verdict in verdicts {
            memo.put(2, verdict);
            assert_eq!(memo.get(2), Some(verdict));
        }
        // A place too far in is not said, and the rest is remembered.
        let far = Some(Found::Substring {
            field: FieldName::Body,
            at: AT_LIMIT,
        });
        memo.put(
            1,
            ClauseVerdict::Match {
                tier: None,
                fuzzy: 3,
                pending: 0,
                found: far,
            },
        );
        let unsaid = ClauseVerdict::Match {
            tier: None,
            fuzzy: 3,
            pending: 0,
            found: None,
        };
        assert_eq!(memo.get(1), Some(unsaid));
        // A score a cell cannot hold is judged again rather than remembered wrong.
        let memo = ClauseMemo::new(Vec::new(), 4);
        let huge = ClauseVerdict::Match {
            tier: None,
            fuzzy: i64::MAX,
            pending: 0,
            found: None,
        };
        memo.put(1, huge);
        assert_eq!(memo.get(1), None);
        // An entry past the end is never remembered, and never panics.
        memo.put(9, ClauseVerdict::Out);
        assert_eq!(memo.get(9), None);
    }
}
