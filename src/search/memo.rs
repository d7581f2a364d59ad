//! What each clause of a query was to each entry, remembered while a query is typed:
//! typing `annual consultation d` after `annual consultation` changes one clause, and
//! the two before it are what they were to every entry, so they are looked up rather
//! than searched again.

use std::sync::atomic::{AtomicU64, Ordering};

use super::compile::Matcher;
use super::matching::Tier;

/// What one clause is to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClauseVerdict {
    Out,
    /// Missed, but passes the narrowing's relaxed test.
    Relaxed,
    /// Matched: the best tier of its terms (none for a filter), and the fuzzy-matcher
    /// score of its best text term, or, when that is left [pending](super::rank::Scored),
    /// the most it could be.
    Match {
        tier: Option<Tier>,
        fuzzy: i64,
        pending: i64,
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

/// A cell: the low byte says what the verdict is (0: not judged yet), the high half
/// holds the fuzzy score or the pending most.
const OUT: u64 = 1;
const RELAXED: u64 = 2;
/// `MATCH | tier << 2`, with the tier 0 for none and 1 + the tier otherwise, and
/// `PENDING` when the high half is the pending most.
const MATCH: u64 = 3;
const PENDING: u64 = 1 << 4;
const TIERS: [Tier; 3] = [Tier::LooseInName, Tier::TightInBody, Tier::TightInName];

impl ClauseMemo {
    pub(super) fn new(clause: Vec<Matcher>, entries: usize) -> ClauseMemo {
        ClauseMemo {
            clause,
            cells: std::iter::repeat_with(|| AtomicU64::new(0))
                .take(entries)
                .collect(),
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
                Some(ClauseVerdict::Match {
                    tier,
                    fuzzy,
                    pending,
                })
            }
            _ => None,
        }
    }

    /// Remembers `verdict`; one whose score does not fit a cell is not remembered.
    pub(super) fn put(&self, entry: u32, verdict: ClauseVerdict) {
        let cell = match verdict {
            ClauseVerdict::Out => Some(OUT),
            ClauseVerdict::Relaxed => Some(RELAXED),
            ClauseVerdict::Match {
                tier,
                fuzzy,
                pending,
            } => {
                let tier = tier.map_or(0, |tier| tier as u64 + 1);
                let (flag, high) = match pending {
                    0 => (0, fuzzy),
                    _ => (PENDING, pending),
                };
                i32::try_from(high)
                    .ok()
                    .map(|high| u64::from(high as u32) << 32 | flag | tier << 2 | MATCH)
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
        for tier in [
            None,
            Some(Tier::LooseInName),
            Some(Tier::TightInBody),
            Some(Tier::TightInName),
        ] {
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
                });
            }
        }
        for verdict in verdicts {
            memo.put(2, verdict);
            assert_eq!(memo.get(2), Some(verdict));
        }
        // A score a cell cannot hold is judged again rather than remembered wrong.
        let memo = ClauseMemo::new(Vec::new(), 4);
        let huge = ClauseVerdict::Match {
            tier: None,
            fuzzy: i64::MAX,
            pending: 0,
        };
        memo.put(1, huge);
        assert_eq!(memo.get(1), None);
        // An entry past the end is never remembered, and never panics.
        memo.put(9, ClauseVerdict::Out);
        assert_eq!(memo.get(9), None);
    }
}
