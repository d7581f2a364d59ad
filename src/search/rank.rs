//! From the entries that matched to the results: the counts, then the best `limit`,
//! with fuzzy-matcher's costlier scores worked out only where they can change which.

use crate::model::Kind;

use super::evaluate::Verdict;
use super::matching::TIER_WEIGHT;
use super::score::Scorer;
use super::{Hit, Query, Results, SearchIndex, in_parallel};

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

/// The most fuzzy-matcher can score a term of `chars` characters whose letters are
/// strewn (not one after another) across a text. Each character matched scores 16 and
/// a bonus: at most 16 (a word's first character, doubled at the very start of the
/// text, and carried along a run of adjacent matches), so a first character earns at
/// most 31 (16, the bonus, one point of gap before it) and each adjacent one at most
/// 32. Letters that are not all adjacent make at least one step across a gap: a gap
/// costs at least 4, and the character after it earns its own bonus, at most 8 (it is
/// not the text's first), so that step earns at most 20 where an adjacent one earns 32.
/// A test holds fuzzy-matcher to this.
pub(super) fn most_for(chars: usize) -> i64 {
    match i64::try_from(chars) {
        Ok(chars) if chars >= 2 => 32 * chars - 13,
        Ok(chars) => 32 * chars - 1,
        Err(_) => i64::MAX / 4,
    }
}

/// The `n`-th best weight of `matched` (`i64::MAX` for none): weights are sums of
/// tiers, so there are few of them and they are counted rather than sorted.
fn nth_best_weight(matched: &[Scored], n: usize) -> i64 {
    let tier = |weight: i64| usize::try_from(weight / TIER_WEIGHT).unwrap_or(0);
    let most = matched
        .iter()
        .map(|scored| tier(scored.weight))
        .max()
        .unwrap_or(0);
    let mut counts = vec![0usize; most + 1];
    for scored in matched {
        if let Some(count) = counts.get_mut(tier(scored.weight)) {
            *count += 1;
        }
    }
    let mut seen = 0;
    for (tiers, count) in counts.iter().enumerate().rev() {
        seen += count;
        if n > 0 && seen >= n {
            return i64::try_from(tiers).map_or(i64::MAX, |tiers| tiers * TIER_WEIGHT);
        }
    }
    if n == 0 { i64::MAX } else { i64::MIN }
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
            let threshold = nth_best_weight(&matched, limit);
            matched.retain(|scored| scored.weight >= threshold);
        }
        self.settle(query, &mut matched, limit);
        // Ties keep file order, kinds in tab order, so results are stable across runs:
        // entries are in that order, so their positions break ties.
        let best_first = |a: &Scored, b: &Scored| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry));
        if let Some(limit) = limit.filter(|&limit| limit < matched.len()) {
            match limit.checked_sub(1) {
                Some(last) => {
                    matched.select_nth_unstable_by(last, best_first);
                    matched.truncate(limit);
                }
                None => matched.clear(),
            }
        }
        matched.sort_unstable_by(best_first);
        let hits = matched
            .iter()
            .filter_map(|scored| {
                let entry = self.entries.get(scored.entry as usize)?;
                Some(Hit {
                    item: entry.item(),
                    score: scored.score,
                })
            })
            .collect();
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
        // Entries are in item order, so a position breaks ties as the item would.
        let rank_of = |score: i64, scored: &Scored| (score, std::cmp::Reverse(scored.entry));
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
        matched.retain(|scored| {
            let most = rank_of(scored.score.saturating_add(scored.pending), scored);
            scored.pending == 0 || bar.is_none_or(|bar| most >= bar)
        });
        // fuzzy-matcher's real work: on both cores once there is enough of it.
        let pending: Vec<u32> = matched
            .iter()
            .filter(|scored| scored.pending != 0)
            .map(|scored| scored.entry)
            .collect();
        let scores = in_parallel(&pending, SCORED_IN_PARALLEL_FROM, |part| {
            let mut scorer = Scorer::new();
            part.iter()
                .map(|&entry| {
                    let texts = self.texts(entry)?;
                    match self.judge::<false>(&texts, query, false, &mut scorer, &[]) {
                        Verdict::Match { score, .. } => Some(score),
                        _ => None,
                    }
                })
                .collect()
        });
        let mut scores = scores.into_iter();
        matched.retain_mut(|scored| {
            if scored.pending == 0 {
                return true;
            }
            match scores.next().flatten() {
                Some(score) => {
                    (scored.score, scored.pending) = (score, 0);
                    true
                }
                None => false,
            }
        });
    }
}

/// Below this many entries to score, one thread is quicker than starting another:
/// fuzzy-matcher takes a few microseconds an entry, a thread tens.
const SCORED_IN_PARALLEL_FROM: usize = 64;

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;

    use super::*;
    use crate::search::test_rng::Rng;

    #[test]
    fn strewn_letters_never_score_more_than_most_for() {
        let matcher = super::super::matcher();
        let mut rng = Rng(0x5eed_1234);
        let alphabet: Vec<char> = "ab -_.x1Aé".chars().collect();
        let mut checked = 0;
        for _ in 0..20_000 {
            let text: String = (0..2 + rng.below(30))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect::<String>()
                .to_lowercase();
            let chars: Vec<char> = text.chars().collect();
            // A term picked from the text's letters in order, not all adjacent.
            let mut picked: Vec<usize> = (0..chars.len()).filter(|_| rng.below(3) == 0).collect();
            if picked.len() < 2 {
                continue;
            }
            picked.truncate(2 + rng.below(5));
            let term: String = picked.iter().map(|&i| chars[i]).collect();
            if text.contains(&term) {
                continue;
            }
            if let Some(score) = matcher.fuzzy_match(&text, &term) {
                let most = most_for(term.chars().count());
                assert!(score <= most, "{term:?} in {text:?}: {score} > {most}");
                checked += 1;
            }
        }
        assert!(checked > 5_000, "only {checked} cases");
        // The bound is reached or nearly: it is not loose by much.
        assert_eq!(matcher.fuzzy_match("a-b", "ab"), Some(most_for(2) - 1));
    }

    #[test]
    fn the_nth_best_weight_is_counted() {
        let scored = |weight: i64| Scored {
            entry: 0,
            weight: weight * TIER_WEIGHT,
            score: 0,
            pending: 0,
        };
        let matched: Vec<Scored> = [2, 0, 4, 2, 1, 4].into_iter().map(scored).collect();
        let nth = |n| nth_best_weight(&matched, n);
        assert_eq!(nth(0), i64::MAX);
        assert_eq!(
            [nth(1), nth(2), nth(3), nth(4), nth(5), nth(6)],
            [4, 4, 2, 2, 1, 0].map(|w| w * TIER_WEIGHT)
        );
    }
}
