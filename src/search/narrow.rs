//! Typing narrows, as in fzf: when a query only adds to the one before (`annual c` after
//! `annual`), the items it can match are among those the earlier one could, so only
//! they are searched again.
//!
//! "Could match" is not "matched": a fuzzy term may match loosely once it is longer
//! where its start matched nothing (`abcdefgh` strewn across `axxbcdefgh`, where `ab`
//! is too far apart to count). So each search also keeps the items passing a relaxed
//! test, a superset of its hits that does shrink as any term grows (see
//! [`Texts::relaxed`](super::matching::Texts::relaxed)), and a later query searches those.
//! The results are exactly a cold search's; the unit tests hold the two together.

use crate::query::{QueryError, TextMode};

use super::compile::{Matcher, Query, Test};
use super::evaluate::Recall;
use super::memo::ClauseMemo;
use super::{Results, SearchIndex};

/// How many earlier searches are kept: enough to go back over a word with Backspace.
const KEPT: usize = 8;

/// How many clauses' verdicts are remembered: 8 bytes an entry each, so at most 3.2 MB
/// at 100 000 entries, and as much again while a search takes hints from the last
/// one's. A query typed has few clauses; a pasted one need not be quick to extend.
const MEMOS: usize = 4;

/// The finder's memory of its last searches, kept between keystrokes by whoever runs
/// them (the viewer's search worker). Results are always those of
/// [`SearchIndex::search`] with no kind; only the work differs.
#[derive(Debug, Default)]
pub struct Narrowing {
    /// Which index the kept searches ran on.
    index: Option<u64>,
    /// Oldest first.
    kept: Vec<Kept>,
    /// What the clauses of the last search were to the entries it judged.
    memos: Vec<ClauseMemo>,
}

#[derive(Debug)]
struct Kept {
    query: Query,
    limit: Option<usize>,
    /// The entries passing the query's relaxed test, in order: at most 4 bytes an entry,
    /// so the kept searches hold at most 3.2 MB at 100 000 entries.
    relaxed: Vec<u32>,
    results: Results,
}

impl Narrowing {
    pub fn new() -> Narrowing {
        Narrowing::default()
    }

    /// Parses and runs `input` on `index` as [`SearchIndex::query`] and
    /// [`SearchIndex::search`] (with no kind) would, searching only what an earlier
    /// search it narrows left. A query that cannot run is an error, and changes nothing.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        input: &str,
        limit: Option<usize>,
    ) -> Result<Results, QueryError> {
        let query = index.query(input)?;
        if self.index != Some(index.id) {
            self.kept.clear();
            self.memos.clear();
            self.index = Some(index.id);
        }
        // The same query again (a space typed, an operator not yet complete).
        if let Some(at) = self
            .kept
            .iter()
            .position(|kept| kept.query == query && kept.limit == limit)
        {
            let kept = self.kept.remove(at);
            let results = kept.results.clone();
            self.kept.push(kept);
            return Ok(results);
        }
        let base = self
            .kept
            .iter()
            .filter(|kept| narrows(&query, &kept.query))
            .min_by_key(|kept| kept.relaxed.len());
        // The items left all passed the earlier query's clauses; what rejects them is
        // what changed, so that is tried first. (The order changes no result.)
        let mut ordered = query.clone();
        if let Some(base) = base {
            ordered
                .clauses
                .sort_by_key(|clause| base.query.clauses.contains(clause));
        }
        let scope = base.map(|base| base.relaxed.as_slice());
        let (memos, hints) = memos_for(std::mem::take(&mut self.memos), index, &ordered);
        let recalls: Vec<Recall<'_>> = ordered
            .clauses
            .iter()
            .map(|clause| Recall {
                memo: memos.iter().find(|memo| memo.clause == *clause),
                hint: hints.iter().find(|memo| memo.hints(clause)),
            })
            .collect();
        let pass = index.pass(scope, &ordered, None, Some(&recalls));
        self.memos = memos;
        let results = index.rank(&ordered, pass.matched, limit);
        let relaxed = pass.relaxed;
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push(Kept {
            query,
            limit,
            relaxed,
            results: results.clone(),
        });
        Ok(results)
    }
}

/// What is remembered of `query`'s clauses: the last search's memos of the clauses
/// it shares, and new ones for the others while there is room; and the last search's
/// memos that hint where a new clause's term is, typed on from theirs.
fn memos_for(
    last: Vec<ClauseMemo>,
    index: &SearchIndex,
    query: &Query,
) -> (Vec<ClauseMemo>, Vec<ClauseMemo>) {
    let (mut memos, others): (Vec<ClauseMemo>, Vec<ClauseMemo>) = last
        .into_iter()
        .partition(|memo| query.clauses.contains(&memo.clause));
    let new: Vec<&Vec<Matcher>> = query
        .clauses
        .iter()
        .filter(|clause| memos.iter().all(|memo| memo.clause != **clause))
        .collect();
    let hints = others
        .into_iter()
        .filter(|memo| new.iter().any(|clause| memo.hints(clause)))
        .collect();
    for clause in new {
        if memos.len() < MEMOS && memos.iter().all(|memo| memo.clause != *clause) {
            memos.push(ClauseMemo::new(clause.clone(), index.len()));
        }
    }
    (memos, hints)
}

/// Whether every item passing `new`'s relaxed test passes `old`'s: each of `old`'s
/// clauses is implied by one of `new`'s.
fn narrows(new: &Query, old: &Query) -> bool {
    old.clauses.iter().all(|old| {
        new.clauses.iter().any(|new| {
            new.iter()
                .all(|atom| old.iter().any(|was| implies(atom, was)))
        })
    })
}

/// Whether `atom`'s relaxed test passing means `was`'s does.
fn implies(atom: &Matcher, was: &Matcher) -> bool {
    if was.negated {
        // Its relaxed test always passes.
        return true;
    }
    if atom.negated {
        return false;
    }
    match (&atom.test, &was.test) {
        (Test::Text(term, mode), Test::Text(old, old_mode)) => {
            let names_only =
                |mode| matches!(mode, TextMode::Prefix | TextMode::Suffix | TextMode::Whole);
            let modes = match old_mode {
                TextMode::Fuzzy => true,
                TextMode::Exact => *mode != TextMode::Fuzzy,
                _ => names_only(*mode),
            };
            modes && term.text.contains(old.text.as_str())
        }
        (Test::Kinds(new), Test::Kinds(old)) => within(new, old),
        (Test::Statuses(new), Test::Statuses(old)) => within(new, old),
        (Test::Linked(new, _), Test::Linked(old, _)) => within(new, old),
        (Test::Topics(new), Test::Topics(old)) => new
            .iter()
            .all(|topic| old.iter().any(|was| topic.text.contains(was.text.as_str()))),
        _ => false,
    }
}

/// Whether every one of `new` is one of `old`.
fn within<T: PartialEq>(new: &[T], old: &[T]) -> bool {
    new.iter().all(|x| old.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::search::memo::ClauseVerdict;

    fn catalog() -> Catalog {
        let text = r#"Dossier(title: "t",
            countries: [
                Country(id: "nl", name: "Netherlands", native_name: "Nederland",
                    topics: ["dual-use goods"], summary: "Dutch export control."),
                Country(id: "dk", name: "Denmark", native_name: "Danmark"),
                Country(id: "cz", name: "Česko", summary: "Tweeërlei gebruik."),
            ],
            forums: [Forum(id: "coarm", name: "COARM", members: ["nl", "dk"])],
            actions: [
                Action(id: "axxbcdefgh", title: "Axxbcdefgh", status: Planned),
                Action(id: "a1", title: "Annual consultation", status: Paused,
                    countries: ["dk"], summary: "Semiconductors and dual use."),
                Action(id: "a2", title: "Annual general consultation", status: Ongoing,
                    countries: ["nl"], forums: ["coarm"], topics: ["export control"]),
                Action(id: "a3", title: "Consultation on civil firearms", status: Done,
                    countries: ["nl", "cz"], summary: "Annual, with the competent services."),
                Action(id: "a4", title: "Study visit", status: Planned, countries: ["dk"],
                    notes: ["A consultation may follow."]),
            ],
        )"#;
        Catalog::from_text("t.ron", text).expect("the test dossier loads")
    }

    /// Types `target` a character at a time, then takes it back, checking each step
    /// against a cold search.
    fn assert_typing_matches_cold(index: &SearchIndex, narrowing: &mut Narrowing, target: &str) {
        let prefixes: Vec<&str> = target
            .char_indices()
            .map(|(at, c)| &target[..at + c.len_utf8()])
            .collect();
        for input in prefixes.iter().chain(prefixes.iter().rev()) {
            let cold = index
                .query(input)
                .map(|query| index.search(&query, None, Some(3)));
            let narrowed = narrowing.search(index, input, Some(3));
            assert_eq!(narrowed, cold, "typing {input:?} towards {target:?}");
        }
    }

    #[test]
    fn typing_gives_what_a_cold_search_gives() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut narrowing = Narrowing::new();
        for target in [
            "annual consultation denmark",
            "abcdefgh",
            "consultation !dutch",
            "a | b consultation",
            "status:planned,ongoing nl",
            "country:nl annual",
            "'export ^a",
            "coarm$ | ^nl$",
            "topic:dual-use",
            "kind:action,country ces",
            "semi",
            "tweeerlei",
            "statu",
        ] {
            assert_typing_matches_cold(&index, &mut narrowing, target);
        }
    }

    #[test]
    fn what_a_clause_was_is_looked_up_not_searched_again() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut narrowing = Narrowing::new();
        let clause = |term: &str| index.query(term).expect("parses").clauses.remove(0);
        let remembers = |narrowing: &Narrowing, term: &str| {
            let clause = clause(term);
            narrowing.memos.iter().any(|memo| memo.clause == clause)
        };
        let found = |results: &Results, id: &str| {
            let hits = results.hits.iter().filter_map(|hit| catalog.get(hit.item));
            hits.map(|item| item.id().to_owned())
                .any(|found| found == id)
        };
        let typed = narrowing.search(&index, "annual c", None).expect("runs");
        assert!(found(&typed, "a2"));
        // If the next search looks up what `annual` was to a2, a poisoned verdict
        // leaves a2 out.
        let a2 = typed
            .hits
            .iter()
            .find(|hit| catalog.get(hit.item).map(|item| item.id()) == Some("a2"));
        let a2 = a2
            .and_then(|hit| index.position(hit.item))
            .expect("a2 is an entry");
        // Tells the memo of `term`'s clause that a2 failed even the relaxed test.
        let poison = |narrowing: &Narrowing, term: &str| {
            let clause = clause(term);
            let memo = narrowing.memos.iter().find(|memo| memo.clause == clause);
            memo.expect("remembered").put(a2, ClauseVerdict::Out);
        };
        poison(&narrowing, "annual");
        let typed = narrowing.search(&index, "annual co", None).expect("runs");
        assert!(!found(&typed, "a2"), "`annual` was looked up");
        assert!(remembers(&narrowing, "co"));
        assert!(!remembers(&narrowing, "c"), "a clause typed over is let go");
        // A pasted query remembers only a few clauses.
        narrowing
            .search(&index, "a b c d e f g", None)
            .expect("runs");
        assert_eq!(narrowing.memos.len(), MEMOS);
        // A term typed on starts from what the shorter one found: told that `annu`
        // failed even the relaxed test for a2, `annua` does not look at it.
        let typed = narrowing.search(&index, "annu", None).expect("runs");
        assert!(found(&typed, "a2"));
        poison(&narrowing, "annu");
        let typed = narrowing.search(&index, "annua", None).expect("runs");
        assert!(!found(&typed, "a2"), "`annu` hinted");
        // A negated term that passed says the longer one passes: told that a2 (an
        // annual consultation) passed `!annu`, `!annua` takes it without a look.
        let typed = narrowing.search(&index, "!annu", None).expect("runs");
        assert!(!found(&typed, "a2"));
        let clause = clause("!annu");
        let memo = narrowing.memos.iter().find(|memo| memo.clause == clause);
        let passed = ClauseVerdict::Match {
            tier: None,
            fuzzy: 0,
            pending: 0,
            found: None,
        };
        memo.expect("remembered").put(a2, passed);
        let typed = narrowing.search(&index, "!annua", None).expect("runs");
        assert!(found(&typed, "a2"), "`!annu` hinted");
    }

    #[test]
    fn only_a_lone_term_typed_on_is_hinted() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let clause = |input: &str| index.query(input).expect("parses").clauses.remove(0);
        let hints = |shorter: &str, longer: &str| {
            ClauseMemo::new(clause(shorter), index.len()).hints(&clause(longer))
        };
        assert!(hints("ann", "annu"));
        assert!(hints("'exp", "'export"));
        assert!(hints("!ann", "!annu"));
        for (shorter, longer) in [
            ("annu", "ann"),
            ("ann", "ann"),
            ("nnu", "annu"),
            ("ann", "'annu"),
            ("!ann", "annu"),
            ("ann", "!annu"),
            ("^ann", "^annu"),
            ("ann | x", "annu | x"),
            ("ann", "annu | x"),
        ] {
            assert!(!hints(shorter, longer), "{shorter:?} for {longer:?}");
        }
    }

    #[test]
    fn a_longer_term_can_match_loosely_where_its_start_did_not() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let cold = |input: &str| index.search(&index.query(input).expect("parses"), None, None);
        assert_eq!(cold("ab").total, 0, "`ab` is too spread out in axxbcdefgh");
        assert_eq!(cold("abcdefgh").total, 1);
        let mut narrowing = Narrowing::new();
        assert_eq!(narrowing.search(&index, "ab", None).map(|r| r.total), Ok(0));
        assert_eq!(
            narrowing.search(&index, "abcdefgh", None).map(|r| r.total),
            Ok(1)
        );
    }

    #[test]
    fn growing_queries_narrow_and_others_do_not() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let query = |input: &str| index.query(input).expect("parses");
        for (new, old) in [
            ("annual c", "annual"),
            ("annual consultation", "annual consul"),
            ("annual 'consult", "consul"),
            ("^annual", "annual"),
            ("^annual", "^ann"),
            ("annual !dutch", "annual !dutc"),
            ("annual !dutch", "annual"),
            // A negated term's relaxed test passes everything, so any may follow.
            ("annual !dut", "annual !dutch"),
            ("x status:planned", "status:planned,done"),
            ("topic:dual-use", "topic:dual"),
            ("country:nl a", "country:nl,dk"),
            ("a b", "b | c"),
        ] {
            assert!(narrows(&query(new), &query(old)), "{new:?} narrows {old:?}");
        }
        for (new, old) in [
            ("annual", "annual c"),
            ("annual | x", "annual"),
            ("status:planned,done", "status:planned"),
            ("annual", "'annual"),
            ("'annual", "^annual"),
            ("!annual", "annual"),
            ("an", "nn"),
        ] {
            assert!(!narrows(&query(new), &query(old)), "{new:?} widens {old:?}");
        }
    }

    #[test]
    fn narrowing_searches_only_what_the_last_search_left() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut narrowing = Narrowing::new();
        narrowing.search(&index, "annual", Some(5)).expect("runs");
        let relaxed = narrowing.kept.last().map(|kept| kept.relaxed.clone());
        let relaxed = relaxed.expect("the search is kept");
        assert!(relaxed.len() < index.len());
        // Items the next query could match are among them.
        let next = narrowing
            .search(&index, "annual consultation", Some(5))
            .expect("runs");
        let positions: Vec<u32> = next
            .hits
            .iter()
            .filter_map(|hit| index.position(hit.item))
            .collect();
        assert!(!positions.is_empty());
        assert!(positions.iter().all(|at| relaxed.contains(at)));
        // A query that cannot run changes nothing.
        assert!(narrowing.search(&index, "statu:x", Some(5)).is_err());
        assert_eq!(narrowing.kept.len(), 2);
        // Another index starts afresh.
        let other = SearchIndex::new(&catalog);
        narrowing.search(&other, "dutch", Some(5)).expect("runs");
        assert_eq!(narrowing.kept.len(), 1);
    }
}
