//! One pass over the entries: each judged against every clause of a query, both cores
//! sharing the work.

use fuzzy_matcher::FuzzyMatcher;

use crate::model::Kind;

use super::compile::{self, Matcher, Query, Test};
use super::matching::{self, Found, Hint, Outcome, TIER_WEIGHT, Texts, neighbours};
use super::memo::{ClauseMemo, ClauseVerdict};
use super::rank::{Scored, most_for};
use super::score::Scorer;
use super::{PARALLEL_FROM, SearchIndex};

/// What one pass over some entries found: the matches, and (when narrowing) every
/// entry passing the query's relaxed test, in order.
#[derive(Debug, Default)]
pub(super) struct Pass {
    pub(super) matched: Vec<Scored>,
    pub(super) relaxed: Vec<u32>,
}

/// What narrowing remembers of one clause: its own verdicts so far, and the verdicts
/// of a clause whose term this one's was typed on from.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Recall<'a> {
    pub(super) memo: Option<&'a ClauseMemo>,
    pub(super) hint: Option<&'a ClauseMemo>,
}

/// What one entry is to a query.
pub(super) enum Verdict {
    Out,
    /// Passes the relaxed test only.
    Relaxed,
    Match {
        weight: i64,
        score: i64,
        pending: i64,
    },
}

impl SearchIndex {
    /// Judges the entries of `scope` (all of them with `None`), split across the cores.
    /// `narrowing` says what is remembered of each clause (see [`judge`](Self::judge)),
    /// and asks for the entries passing the relaxed test.
    pub(super) fn pass(
        &self,
        scope: Option<&[u32]>,
        query: &Query,
        kind: Option<Kind>,
        narrowing: Option<&[Recall<'_>]>,
    ) -> Pass {
        let len = scope.map_or(self.entries.len(), <[u32]>::len);
        let work = |range: std::ops::Range<usize>| {
            let part = scope
                .and_then(|list| list.get(range.clone()))
                .unwrap_or_default();
            match (scope, narrowing) {
                (None, None) => {
                    self.pass_over::<false>(range.map(|at| at as u32), query, kind, &[])
                }
                (None, Some(recalls)) => {
                    self.pass_over::<true>(range.map(|at| at as u32), query, kind, recalls)
                }
                (Some(_), None) => self.pass_over::<false>(part.iter().copied(), query, kind, &[]),
                (Some(_), Some(recalls)) => {
                    self.pass_over::<true>(part.iter().copied(), query, kind, recalls)
                }
            }
        };
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if len < PARALLEL_FROM || threads < 2 {
            return work(0..len);
        }
        let size = len.div_ceil(threads);
        let passes: Vec<Pass> = std::thread::scope(|scope| {
            let work = &work;
            let workers: Vec<_> = (0..len)
                .step_by(size)
                .map(|start| scope.spawn(move || work(start..(start + size).min(len))))
                .collect();
            workers
                .into_iter()
                .map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut passes = passes.into_iter();
        let mut whole = passes.next().unwrap_or_default();
        for pass in passes {
            whole.matched.extend(pass.matched);
            whole.relaxed.extend(pass.relaxed);
        }
        whole
    }

    /// Judges `positions`: with `RELAX`, as narrowing does (see [`judge`](Self::judge)).
    fn pass_over<const RELAX: bool>(
        &self,
        positions: impl Iterator<Item = u32>,
        query: &Query,
        kind: Option<Kind>,
        recalls: &[Recall<'_>],
    ) -> Pass {
        let mut pass = Pass::default();
        // Room for every entry of the part: copying as the list grows cost more.
        pass.matched.reserve(positions.size_hint().0);
        let mut scorer = Scorer::new();
        for position in positions {
            let Some(texts) = self.texts(position) else {
                continue;
            };
            if kind.is_some_and(|kind| texts.entry.kind != kind) {
                continue;
            }
            match self.judge::<RELAX>(&texts, query, true, &mut scorer, recalls) {
                Verdict::Out => {}
                Verdict::Relaxed => pass.relaxed.push(position),
                Verdict::Match {
                    weight,
                    score,
                    pending,
                } => {
                    pass.matched.push(Scored {
                        entry: position,
                        weight,
                        score,
                        pending,
                    });
                    if RELAX {
                        pass.relaxed.push(position);
                    }
                }
            }
        }
        pass
    }

    pub(super) fn texts(&self, position: u32) -> Option<Texts<'_>> {
        let entry = self.entries.get(position as usize)?;
        let shard = self.shards.get(usize::from(entry.shard))?;
        let names = |from: u32, to: u32| shard.names.as_bytes().get(from as usize..to as usize);
        let body = |from: u32, to: u32| shard.bodies.as_bytes().get(from as usize..to as usize);
        Some(Texts {
            title: names(entry.title, entry.names)?,
            names: names(entry.names, entry.names_end)?,
            body: body(entry.body, entry.body_end)?,
            topics: body(entry.topics, entry.topics_end)?,
            entry,
            at: position,
        })
    }

    /// Whether `texts` matches every clause, with the sum of the clauses' best tiers
    /// (weighted; a filter passes or not, only text earns a tier) and of the
    /// fuzzy-matcher scores of each clause's best text term. With `RELAX`, as when
    /// narrowing, an entry that misses tells whether it passes the relaxed test, and
    /// `recalls`, one or none for each clause in order, are what narrowing remembers
    /// (they must come with `lazy`, as they remember pending terms); without, they are
    /// not looked at. With `lazy`, letters strewn across a name are left
    /// [pending](Scored). (`RELAX` is a constant so that a cold search, the finder's
    /// first keystroke, is compiled without narrowing's checks.)
    pub(super) fn judge<const RELAX: bool>(
        &self,
        texts: &Texts<'_>,
        query: &Query,
        lazy: bool,
        scorer: &mut Scorer,
        recalls: &[Recall<'_>],
    ) -> Verdict {
        let (mut weight, mut fuzzy, mut pending) = (0, 0, 0);
        let recall_of = |at: usize| match RELAX {
            true => recalls.get(at).copied().unwrap_or_default(),
            false => Recall::default(),
        };
        let mut clauses = query.clauses.iter().enumerate();
        for (at, clause) in clauses.by_ref() {
            let recall = recall_of(at);
            let verdict = match recall.memo.and_then(|memo| memo.get(texts.at)) {
                Some(verdict) => verdict,
                None => {
                    let hint = recall.hint.and_then(|memo| memo.hint(texts.at));
                    let verdict = self.judge_clause::<RELAX>(texts, clause, lazy, hint, scorer);
                    if let Some(memo) = recall.memo {
                        memo.put(texts.at, verdict);
                    }
                    verdict
                }
            };
            match verdict {
                ClauseVerdict::Match {
                    tier,
                    fuzzy: score,
                    pending: most,
                    ..
                } => {
                    weight += tier.map_or(0, |tier| tier as i64 * TIER_WEIGHT);
                    fuzzy += score;
                    pending += most;
                }
                ClauseVerdict::Relaxed if RELAX => {
                    let relaxed = clauses.all(|(at, clause)| {
                        match recall_of(at).memo.and_then(|memo| memo.get(texts.at)) {
                            Some(verdict) => verdict != ClauseVerdict::Out,
                            None => self.relaxed(texts, clause),
                        }
                    });
                    return match relaxed {
                        true => Verdict::Relaxed,
                        false => Verdict::Out,
                    };
                }
                ClauseVerdict::Relaxed | ClauseVerdict::Out => return Verdict::Out,
            }
        }
        Verdict::Match {
            weight,
            score: weight + fuzzy,
            pending,
        }
    }

    /// What one clause is to `texts`: see [`judge`](Self::judge).
    #[inline(always)]
    fn judge_clause<const RELAX: bool>(
        &self,
        texts: &Texts<'_>,
        clause: &[Matcher],
        lazy: bool,
        hint: Option<Hint>,
        scorer: &mut Scorer,
    ) -> ClauseVerdict {
        let mut best = None;
        // The last of the best text terms, whose match is scored.
        let mut scored: Option<(matching::Tier, Found, &compile::Term)> = None;
        // Whether a matcher that missed passes the relaxed test (see `relaxed`).
        let mut relaxed = false;
        for matcher in clause {
            let found = match &matcher.test {
                Test::Text(term, mode) if !matcher.negated => {
                    match texts.judge_text(term, *mode, RELAX, hint) {
                        Outcome::Found(tier, found) => Some(Some((tier, found))),
                        Outcome::Relaxed => {
                            relaxed = true;
                            None
                        }
                        Outcome::Out => None,
                    }
                }
                // A term is nowhere where its start is nowhere.
                _ if matcher.negated && hint == Some(Hint::Absent) => Some(None),
                _ => {
                    relaxed |= matcher.negated;
                    self.matches(texts, matcher)
                }
            };
            let Some(found) = found else {
                continue;
            };
            best = best.max(Some(found.map(|(tier, _)| tier)));
            if let (Some((tier, found)), Test::Text(term, _)) = (found, &matcher.test)
                && scored.is_none_or(|(best, _, _)| tier >= best)
            {
                scored = Some((tier, found, term));
            }
        }
        let Some(tier) = best else {
            return match RELAX && relaxed {
                true => ClauseVerdict::Relaxed,
                false => ClauseVerdict::Out,
            };
        };
        let (fuzzy, pending) = match scored {
            Some((_, Found::Letters { .. }, term)) if lazy => {
                (0, most_for(term.text.chars().count()))
            }
            Some((_, found, term)) => {
                (self.fuzzy_score(texts, found, term, scorer).unwrap_or(0), 0)
            }
            None => (0, 0),
        };
        ClauseVerdict::Match {
            tier,
            fuzzy,
            pending,
            found: scored.map(|(_, found, _)| found),
        }
    }

    /// Whether `matcher` passes for `texts`: `None` when it does not, `Some(None)` for a
    /// filter or a negated term that does, and where a positive text term was found.
    #[allow(clippy::option_option)]
    fn matches(
        &self,
        texts: &Texts<'_>,
        matcher: &Matcher,
    ) -> Option<Option<(matching::Tier, Found)>> {
        let passes = |yes: bool| (yes != matcher.negated).then_some(None);
        let entry = texts.entry;
        match &matcher.test {
            Test::Text(term, mode) if !matcher.negated => texts.find_text(term, *mode).map(Some),
            Test::Text(term, mode) => passes(texts.contains_text(term, *mode)),
            Test::Kinds(kinds) => passes(kinds.contains(&entry.kind)),
            Test::Statuses(statuses) => passes(
                entry
                    .status
                    .is_some_and(|status| statuses.contains(&status)),
            ),
            Test::Linked(_, bits) => passes(bits.contains(texts.at)),
            // Topics are one a line, and a wanted topic holds no whitespace.
            Test::Topics(topics) => passes(
                topics
                    .iter()
                    .any(|wanted| wanted.finder.find(texts.topics).is_some()),
            ),
        }
    }

    /// The narrowing's relaxed test of a clause: see [`Texts::relaxed`]. A negated term
    /// passes, since a longer one excludes less; a filter is its own test.
    fn relaxed(&self, texts: &Texts<'_>, clause: &[Matcher]) -> bool {
        clause.iter().any(|matcher| match &matcher.test {
            _ if matcher.negated => true,
            Test::Text(term, mode) => texts.relaxed(term, *mode),
            _ => self.matches(texts, matcher).is_some(),
        })
    }

    /// fuzzy-matcher's score for `term` found as `found`: a contiguous match is scored
    /// by what is around it, which repeats, so each such score is remembered in the `scorer`.
    fn fuzzy_score(
        &self,
        texts: &Texts<'_>,
        found: Found,
        term: &compile::Term,
        scorer: &mut Scorer,
    ) -> Option<i64> {
        let (field, at) = match found {
            Found::Letters { field } if texts.is_ascii(field) && term.text.is_ascii() => {
                return scorer.score(texts.field(field), term.text.as_bytes());
            }
            Found::Letters { field } => {
                let text = matching::text(texts.field(field));
                return self.matcher.fuzzy_match(text, &term.text);
            }
            Found::Substring { field, at } => (field, at),
        };
        let text = texts.field(field);
        let (before, after) = neighbours(text, at, term.text.len());
        // A character is 21 bits; 0x1F_FFFF, past the last one, stands for none.
        let code = |c: Option<char>| c.map_or(0x1F_FFFF, u64::from);
        let key = u64::from(term.slot) << 42 | code(before) << 21 | code(after);
        if let Some(&score) = scorer.memo.get(&key) {
            return score;
        }
        let window: String = before
            .into_iter()
            .chain(term.text.chars())
            .chain(after)
            .collect();
        let score = match window.is_ascii() {
            true => scorer.score(window.as_bytes(), term.text.as_bytes()),
            false => self.matcher.fuzzy_match(&window, &term.text),
        };
        scorer.memo.insert(key, score);
        score
    }
}
