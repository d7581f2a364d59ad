//! Search through the library: every term must match, case and accents are ignored, names
//! and ids outrank body text, and highlight positions are character indices into the
//! original title.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::rng::Rng;

use dossier::search::{Narrowing, Query, SearchIndex, fold};
use dossier::{Catalog, ItemRef, Kind};

fn catalog(text: &str) -> Catalog {
    let catalog = Catalog::from_text("test.ron", text).unwrap();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

fn ids(catalog: &Catalog, query: &str, kind: Option<Kind>, limit: Option<usize>) -> Vec<String> {
    let index = SearchIndex::new(catalog);
    let query = index.query(query).unwrap();
    index
        .search(&query, kind, limit)
        .hits
        .iter()
        .map(|hit| catalog.get(hit.item).unwrap().id().to_owned())
        .collect()
}

/// The characters at `positions` in `title`.
fn picked(title: &str, positions: &[usize]) -> String {
    let chars: Vec<char> = title.chars().collect();
    positions.iter().map(|&i| chars[i]).collect()
}

#[test]
fn highlights_are_char_indices_into_the_original_title() {
    let catalog = catalog(&common::fixture_text("folding.ron"));
    let cz = catalog.find("cz").unwrap();
    let index = SearchIndex::new(&catalog);
    let title = "Ålandsöarna Česko";
    assert_eq!(catalog.get(cz).unwrap().title(), title);
    for query in ["cesko", "ČESKO", "Česko"] {
        let positions = index.highlights(cz, &Query::words(query));
        assert_eq!(positions, [12, 13, 14, 15, 16], "{query}");
        assert_eq!(picked(title, &positions), "Česko");
    }
    // Two terms highlight both places, in order.
    let positions = index.highlights(cz, &Query::words("cesko aland"));
    assert_eq!(picked(title, &positions), "ÅlandČesko");
}

#[test]
fn highlights_survive_characters_that_fold_to_nothing_or_to_more() {
    // A combining accent folds away; `İ` lower-cases to two characters. Positions must
    // still land on the original characters after them.
    let text = r#"Dossier(title: "t", countries: [
        Country(id: "a", name: "Cafe\u{301} İzmir Česko"),
    ])"#;
    let catalog = catalog(text);
    let a = catalog.find("a").unwrap();
    let title = catalog.get(a).unwrap().title().to_owned();
    assert_eq!(title.chars().count(), 17);
    let positions = SearchIndex::new(&catalog).highlights(a, &Query::words("cesko"));
    assert_eq!(positions, [12, 13, 14, 15, 16]);
    assert_eq!(picked(&title, &positions), "Česko");
    let positions = SearchIndex::new(&catalog).highlights(a, &Query::words("zmir"));
    assert_eq!(picked(&title, &positions), "zmir");
}

#[test]
fn highlights_land_on_the_seed_titles() {
    let catalog = Catalog::built_in().unwrap();
    let item = catalog.find("nl-annual-consultation").unwrap();
    let title = catalog.get(item).unwrap().title();
    let positions = SearchIndex::new(&catalog).highlights(item, &Query::words("dutch export"));
    assert_eq!(picked(title, &positions), "Dutchexport");
    let positions = SearchIndex::new(&catalog).highlights(item, &Query::words(""));
    assert!(positions.is_empty());
}

#[test]
fn every_term_must_match() {
    let text = r#"Dossier(title: "t", countries: [
        Country(id: "nl", name: "Netherlands", topics: ["dual-use goods"]),
        Country(id: "de", name: "Germany", topics: ["military goods"]),
        Country(id: "fr", name: "France"),
    ])"#;
    let catalog = catalog(text);
    assert_eq!(ids(&catalog, "goods", None, None), ["nl", "de"]);
    assert_eq!(ids(&catalog, "goods dual", None, None), ["nl"]);
    assert_eq!(
        ids(&catalog, "dual goods germany", None, None),
        Vec::<String>::new()
    );
    let index = SearchIndex::new(&catalog);
    let results = index.search(&index.query("france xyzzy").unwrap(), None, None);
    assert_eq!(results.total, 0);
}

#[test]
fn case_and_accents_are_ignored_on_both_sides() {
    let catalog = catalog(&common::fixture_text("folding.ron"));
    for query in ["cesko", "CESKO", "česko", "Česko", "ceska republika"] {
        assert_eq!(ids(&catalog, query, None, None), ["cz"], "{query}");
    }
    assert_eq!(ids(&catalog, "BELGIE", None, None)[0], "be");
    assert_eq!(ids(&catalog, "turkiye", None, None), ["tr"]);
    // The forum by its full name; Belgium through its membership of it.
    assert_eq!(ids(&catalog, "tweeërlei", None, None), ["duwp", "be"]);
    assert_eq!(fold("Ålandsöarna Česko"), "alandsoarna cesko");
}

#[test]
fn names_and_ids_outrank_words_deep_in_a_summary() {
    let long_summary =
        "Lorem ipsum dolor sit amet. ".repeat(20) + "Semiconductors are mentioned here.";
    let text = format!(
        r#"Dossier(title: "t", actions: [
            Action(id: "a1", title: "Zebra crossing", status: Done, summary: "{long_summary}"),
            Action(id: "a2", title: "Export rules", status: Done, topics: ["semiconductors"]),
            Action(id: "semiconductors-contacts", title: "Regular contacts", status: Done),
            Action(id: "a4", title: "Semiconductors", status: Done),
            Action(id: "a5", title: "Some things", status: Done, summary: "so every minor item can only nominally distinguish unusual claims to our registered systems"),
            Action(id: "a6", title: "Other things", status: Done, summary: "se mi co nd uc to rs"),
        ])"#
    );
    let catalog = catalog(&text);
    let hits = ids(&catalog, "semiconductors", None, None);
    // Title and id (tight name matches) first, then the tag and the summary (tight body).
    let top_two: std::collections::BTreeSet<&str> = hits[..2].iter().map(String::as_str).collect();
    assert_eq!(top_two, ["a4", "semiconductors-contacts"].into());
    let rest: std::collections::BTreeSet<&str> = hits[2..4].iter().map(String::as_str).collect();
    assert_eq!(rest, ["a1", "a2"].into());
    // In body text a term must appear as typed: letters strewn across a paragraph, or
    // spread over short words, do not count.
    assert!(!hits.contains(&"a5".to_owned()), "{hits:?}");
    assert!(!hits.contains(&"a6".to_owned()), "{hits:?}");
    assert_eq!(hits.len(), 4, "{hits:?}");
}

#[test]
fn word_starts_in_a_name_match_tightly() {
    let catalog = Catalog::built_in().unwrap();
    // n…a…c: the initials of nl-annual-consultation.
    assert_eq!(
        ids(&catalog, "nac", None, Some(1)),
        ["nl-annual-consultation"]
    );
    assert_eq!(ids(&catalog, "coarm", None, Some(1)), ["coarm"]);
}

#[test]
fn related_names_are_searched_as_body_text() {
    let text = r#"Dossier(title: "t",
        countries: [Country(id: "dk", name: "Denmark", native_name: "Danmark")],
        actions: [Action(id: "a", title: "Annual consultation", status: Paused, countries: ["dk"])],
    )"#;
    let catalog = catalog(text);
    // The action by Denmark's native name; not Denmark by the action's title, which in a
    // large dossier would put thousands of titles into each country's text.
    assert_eq!(ids(&catalog, "consultation danmark", None, None), ["a"]);
    assert_eq!(ids(&catalog, "danmark", None, None), ["dk", "a"]);
    assert_eq!(ids(&catalog, "consultation", None, None), ["a"]);
}

#[test]
fn kind_limit_and_total() {
    let catalog = Catalog::built_in().unwrap();
    let index = SearchIndex::new(&catalog);
    let query = index.query("consultation").unwrap();
    let all = index.search(&query, None, None);
    let limited = index.search(&query, None, Some(2));
    assert_eq!(limited.hits.len(), 2);
    assert_eq!(limited.total, all.total);
    assert_eq!(limited.hits, all.hits[..2]);
    let actions = index.search(&query, Some(Kind::Action), None);
    assert!(actions.hits.iter().all(|hit| hit.item.kind == Kind::Action));
    assert!(actions.total < all.total);
    // Best first.
    assert!(all.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn an_empty_query_matches_everything_searchable_in_file_order() {
    let catalog = Catalog::built_in().unwrap();
    let index = SearchIndex::new(&catalog);
    let query = index.query("   ").unwrap();
    assert!(query.is_empty());
    let results = index.search(&query, None, None);
    let expected: Vec<ItemRef> = catalog.all_items().collect();
    let got: Vec<ItemRef> = results.hits.iter().map(|hit| hit.item).collect();
    assert_eq!(got, expected);
    assert_eq!(results.total, 5 + 2 + 9 + 1 + 2);
}

#[test]
fn every_kind_is_searched_sources_included() {
    let catalog = Catalog::built_in().unwrap();
    let hits = ids(&catalog, "vp-wapenhandel-2021", None, None);
    assert_eq!(
        hits.first().map(String::as_str),
        Some("vp-wapenhandel-2021")
    );
    assert_eq!(SearchIndex::new(&catalog).len(), 19);
}

#[test]
fn random_queries_never_panic_and_stay_bounded() {
    let catalog = Catalog::built_in().unwrap();
    let index = SearchIndex::new(&catalog);
    let pieces = [
        "nl",
        "dual",
        "'",
        "!",
        "^",
        "$",
        "|",
        " ",
        " ",
        ":",
        ",",
        "status:",
        "planned",
        "kind:",
        "actions",
        "country:",
        "forum:",
        "source:",
        "topic:",
        "coarm",
        "é",
        "日本",
        "👍🏽",
        "\u{301}",
        "İ",
        "x",
        "'note:",
        "!^",
        "$$",
        "||",
        "\u{0}",
        "\u{1b}[2J",
    ];
    let mut rng = Rng::new(0x5eed);
    let mut ran = 0;
    for _ in 0..3000 {
        let length = rng.next() % 12;
        let query: String = (0..length).map(|_| rng.pick(&pieces)).collect();
        if let Ok(query) = index.query(&query) {
            let results = index.search(&query, None, Some(20));
            assert!(results.hits.len() <= 20);
            assert_eq!(
                results.per_kind.iter().map(|(_, n)| n).sum::<usize>(),
                results.total
            );
            ran += 1;
        }
    }
    assert!(ran > 500, "most random queries should run: {ran}");
    // Thousands of terms are refused at once, not searched term by term.
    let huge = "nl ".repeat(5000);
    let error = index.query(&huge).expect_err("too many terms");
    assert!(error.message.contains("at most 64"), "{error:?}");
    assert_eq!(error.span, 192..194, "the first term past the cap");
}

#[path = "../benches/common/generate.rs"]
mod generate;

/// `annual`, typed: `a`, `an`, `ann`, …
fn typed(phrase: &str) -> Vec<&str> {
    phrase
        .char_indices()
        .map(|(at, c)| &phrase[..at + c.len_utf8()])
        .collect()
}

#[test]
fn typing_with_a_narrowing_gives_what_cold_searches_give() {
    let catalog = catalog(&generate::dossier(400, 11));
    let index = SearchIndex::new(&catalog);
    let mut narrowing = Narrowing::new();
    for phrase in [
        "annual consultation denmark",
        "dual-use nl !status:done",
        "co | tweeerlei ^nl",
        "country:nl kind:action export",
        "topic:drones semi",
        "'licensing practice$",
    ] {
        let keys = typed(phrase);
        // Forward, then back with Backspace, and each at two limits.
        for input in keys.iter().chain(keys.iter().rev()) {
            for limit in [Some(20), None] {
                let cold = index
                    .query(input)
                    .map(|query| index.search(&query, None, limit));
                assert_eq!(
                    narrowing.search(&index, input, limit),
                    cold,
                    "{input:?} at {limit:?}"
                );
            }
        }
    }
}

/// Past 4 096 entries a search is shared by two threads, and so is filling in what
/// narrowing remembers of each clause.
#[test]
fn typing_on_both_cores_gives_what_cold_searches_give() {
    let catalog = catalog(&generate::dossier(4_200, 5));
    let index = SearchIndex::new(&catalog);
    assert!(index.len() > 4_096);
    let mut narrowing = Narrowing::new();
    // The second phrase repeats the first's clauses in another order, with one changed.
    for phrase in [
        "annual consultation denmark !done",
        "denmark annual consultation",
    ] {
        for input in typed(phrase) {
            let cold = index
                .query(input)
                .map(|query| index.search(&query, None, Some(50)));
            assert_eq!(narrowing.search(&index, input, Some(50)), cold, "{input:?}");
        }
    }
}

#[test]
fn a_huge_query_is_refused_without_being_repeated() {
    let catalog = Catalog::built_in().unwrap();
    let index = SearchIndex::new(&catalog);
    let error = index
        .query(&"nl ".repeat(40_000))
        .expect_err("too many terms");
    assert_eq!(
        error.message,
        "the query has 40000 terms; a query may have at most 64"
    );
    // A huge term at fault is named by its start only.
    for input in [
        format!("status:{}", "x".repeat(100_000)),
        format!("country:{}", "y".repeat(100_000)),
        format!("{}:z", "w".repeat(100_000)),
    ] {
        let error = index.query(&input).expect_err("refused");
        assert!(error.message.len() < 300, "{:.300}", error.message);
        assert!(error.message.contains('…'), "{}", error.message);
    }
}
