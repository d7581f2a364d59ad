//! From the entries that matched to the results: the counts, then the best `limit`,
//! with fuzzy-matcher's costlier scores worked out only where they can change which.

use foldhash::{HashMap, HashMapExt};

use crate::model::Kind;

use super::build::Entry;
use super::evaluate::Verdict;
use super::{Hit, Query, Results, SearchIndex};

/// An entry that matched, with its tiers' weight and its whole score. Scoring letters
/// strewn across a name is fuzzy-matcher's real work (a contiguous match costs a
/// lookup), so it waits until the entry could be among the best: until then `score`
/// leaves those terms out and `pending` is the most they could add.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) entry: u32,
    pub(super) weight: i64,
    pub(super) score: i64,
    pub(super) pending: i64,
}

/// The most fuzzy-matcher can score a term of `chars` characters: 16 a character
/// matched, plus a bonus of at most 16 (a word's first character, doubled at the start
/// of the text), never more; gaps only take away.
pub(super) fn most_for(chars: usize) -> i64 {
    i64::try_from(chars).map_or(i64::MAX / 4, |chars| 32 * chars - 1)
}

impl SearchIndex {
    /// The best `limit` of `matched`, and the counts. The `limit`-th best weight (the
    /// tiers alone) is found first and everything below it dropped: fuzzy scores only
    /// order items within their tiers.
    pub(super) fn rank(
        &self,
        query: &Query,
        mut matched: Vec<Scored>,
        limit: Option<usize>,
    ) -> Results {
        let total = matched.len();
        let mut counts = [0; Kind::ALL.len()];
        for scored in &matched {
            if let Some(entry) = self.entries.get(scored.entry as usize)
                && let Some(slot) = Kind::ALL.iter().position(|&kind| kind == entry.kind)
                && let Some(count) = counts.get_mut(slot)
            {
                *count += 1;
            }
        }
        let per_kind = Kind::ALL
            .into_iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .collect();
        if let Some(limit) = limit.filter(|&limit| limit < total) {
            let threshold = match limit.checked_sub(1) {
                Some(last) => {
                    let by_weight = |a: &Scored, b: &Scored| b.weight.cmp(&a.weight);
                    matched.select_nth_unstable_by(last, by_weight).1.weight
                }
                None => i64::MAX,
            };
            matched.retain(|scored| scored.weight >= threshold);
        }
        self.settle(query, &mut matched, limit);
        let mut hits: Vec<Hit> = matched
            .iter()
            .filter_map(|scored| {
                let entry = self.entries.get(scored.entry as usize)?;
                Some(Hit {
                    item: entry.item(),
                    score: scored.score,
                })
            })
            .collect();
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

    /// Scores the pending terms of the entries that could still be among the best
    /// `limit`, and drops the others: an entry whose score, with the most its pending
    /// terms could add, ranks below the `limit`-th best of the entries already scored.
    fn settle(&self, query: &Query, matched: &mut Vec<Scored>, limit: Option<usize>) {
        if matched.iter().all(|scored| scored.pending == 0) {
            return;
        }
        let item = |scored: &Scored| self.entries.get(scored.entry as usize).map(Entry::item);
        let rank_of = |score: i64, scored: &Scored| (score, std::cmp::Reverse(item(scored)));
        let bar = limit
            .filter(|&limit| limit < matched.len())
            .and_then(|limit| {
                let mut done: Vec<_> = matched
                    .iter()
                    .filter(|scored| scored.pending == 0)
                    .map(|scored| rank_of(scored.score, scored))
                    .collect();
                let last = limit.checked_sub(1)?;
                (last < done.len()).then(|| *done.select_nth_unstable_by(last, |a, b| b.cmp(a)).1)
            });
        let mut memo = HashMap::new();
        matched.retain_mut(|scored| {
            if scored.pending == 0 {
                return true;
            }
            let most = rank_of(scored.score.saturating_add(scored.pending), scored);
            if bar.is_some_and(|bar| most < bar) {
                return false;
            }
            let Some(texts) = self.texts(scored.entry) else {
                return false;
            };
            match self.judge(&texts, query, false, false, &mut memo) {
                Verdict::Match { score, .. } => {
                    (scored.score, scored.pending) = (score, 0);
                    true
                }
                _ => false,
            }
        });
    }
}
