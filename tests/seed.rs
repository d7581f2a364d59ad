//! The seed dossier (data/dossier.ron): valid, faithful to its source, and every fact the
//! issue lists can be found with `search` and read with `show`.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::{collapse_whitespace, fixture_text, run};
use dossier::{Catalog, Item, Kind, Status};

fn seed() -> Catalog {
    Catalog::load(&common::root().join("data/dossier.ron")).unwrap()
}

#[test]
fn check_is_clean_with_the_summary_line() {
    let out = run(&["check", "data/dossier.ron"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "data/dossier.ron: 5 countries, 2 forums, 9 actions, 1 source, 2 briefings\n"
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn the_built_in_dossier_is_the_seed_file() {
    let built_in = run(&["list"]);
    let file = run(&["list", "--file", "data/dossier.ron"]);
    assert_eq!(built_in.stdout, file.stdout);
    assert_eq!(built_in.stdout.lines().count(), 5 + 2 + 9 + 1 + 2);
    assert_eq!(
        Catalog::built_in().unwrap().dossier,
        seed().dossier,
        "the binary embeds data/dossier.ron"
    );
}

#[test]
fn every_quote_is_verbatim_from_the_source() {
    let source = collapse_whitespace(&fixture_text("seed-source.txt"));
    let catalog = seed();
    let mut quotes = 0;
    for item in catalog.all_items() {
        let found = catalog.get(item).unwrap();
        for citation in found.citations() {
            let quote = collapse_whitespace(&citation.quote);
            assert!(
                source.contains(&quote),
                "{} quotes text not in the source: {quote:?}",
                found.id()
            );
            assert_eq!(citation.source, "vp-wapenhandel-2021");
            quotes += 1;
        }
    }
    assert!(quotes >= 30, "only {quotes} quotes");
}

#[test]
fn every_country_forum_and_action_cites_the_source() {
    let catalog = seed();
    for kind in [Kind::Country, Kind::Forum, Kind::Action] {
        for item in catalog.items(kind) {
            let found = catalog.get(item).unwrap();
            assert!(
                !found.citations().is_empty(),
                "{} has no citation",
                found.id()
            );
            assert!(!found.title().is_empty());
        }
    }
}

#[test]
fn statuses() {
    let catalog = seed();
    let status = |id: &str| match catalog.get(catalog.find(id).unwrap()) {
        Some(Item::Action(action)) => action.status,
        other => panic!("{id} is not an action: {other:?}"),
    };
    let expect = [
        ("like-minded-relations", Status::Intended),
        ("nl-multilateral-cooperation", Status::Ongoing),
        ("nl-annual-consultation", Status::Recurring),
        ("nl-align-positions", Status::Intended),
        ("nl-civil-firearms", Status::Planned),
        ("de-annual-consultation", Status::Paused),
        ("dk-annual-consultation", Status::Paused),
        ("us-semiconductors-contacts", Status::Ongoing),
        ("fr-dialogue", Status::Planned),
    ];
    for (id, expected) in expect {
        assert_eq!(status(id), expected, "{id}");
    }
    assert_eq!(catalog.count(Kind::Action), expect.len());
    // The same through the CLI's JSON.
    let out = run(&["list", "actions", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let from_json: Vec<(String, String)> = rows
        .iter()
        .map(|row| {
            (
                row["id"].as_str().unwrap().to_owned(),
                row["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = expect
        .iter()
        .map(|(id, s)| (id.to_string(), s.label().to_owned()))
        .collect();
    assert_eq!(from_json, expected);
}

/// `dossier search QUERY`: the ids found, best first.
fn search(query: &str) -> Vec<String> {
    let mut args = vec!["search"];
    args.extend(query.split(' '));
    let out = run(&args);
    assert_eq!(out.code(), 0, "search {query}: {out:#?}");
    out.stdout
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap().to_owned())
        .collect()
}

/// `dossier show ID`, wide enough that nothing wraps.
fn show(id: &str) -> String {
    let out = common::output(common::dossier().args(["show", id]).env("COLUMNS", "10000"));
    assert_eq!(out.code(), 0, "show {id}: {out:#?}");
    out.stdout
}

/// Each fact in the issue: a query that must find `id` within the first `rank` hits, and
/// phrases `show id` must print.
const FACTS: &[(&str, &str, usize, &[&str])] = &[
    // The context: the 2021 policy and budget explanation and its stated intent.
    (
        "budget explanation",
        "like-minded-relations",
        4,
        &[
            "in his 2021 policy and budget explanation",
            // The asker's *terecht*: the claim is reported, with the asker's endorsement.
            "rightly in the asker's view",
            "Status: Intended",
        ],
    ),
    (
        "international level",
        "like-minded-relations",
        1,
        &["the challenges of arms-trade policy lie mainly at international level"],
    ),
    (
        "like-minded",
        "like-minded-relations",
        1,
        &[
            // *aangestipt*: pointed out, not stressed.
            "the importance of bilateral relations with like-minded countries was therefore pointed out",
            "develop bilateral relations with the Netherlands, Germany and Denmark",
        ],
    ),
    // The answer never ties its steps to the plans; some cooperation predates them.
    (
        "predates",
        "like-minded-relations",
        1,
        &[
            "The answer does not say which of its steps followed from these plans",
            "yearly for some years (sinds enkele jaren)",
            "carry no year",
        ],
    ),
    // Both parliamentary questions.
    (
        "implement plans",
        "like-minded-relations",
        1,
        &["Question 1 asked whether action had already been taken to implement these plans"],
    ),
    (
        "further actions timing",
        "like-minded-relations",
        1,
        &["question 2 asked which further actions are planned and with what timing"],
    ),
    // The Netherlands as principal partner for strategic goods.
    (
        "principal partner",
        "nl",
        1,
        &[
            "Role: Principal partner for bilateral cooperation on strategic goods",
            "(and thus not only arms trade in the strict sense)",
        ],
    ),
    ("strategic goods", "nl", 1, &["strategic goods"]),
    // Intense cooperation in COARM and the dual-use working party.
    (
        "intense cooperation",
        "nl-multilateral-cooperation",
        1,
        &[
            "cooperate intensely with the Netherlands within multilateral forums such as",
            "conventional arms exports (COARM)",
            "dual-use goods (DUWP)",
            "coarm  COARM",
            "duwp  DUWP",
        ],
    ),
    (
        "coarm",
        "coarm",
        1,
        &["COARM (Council Working Party on Conventional Arms Exports)"],
    ),
    (
        "dual-use working party",
        "duwp",
        1,
        &["DUWP (Council Working Party on Dual-Use Goods)"],
    ),
    // The annual consultation: with whom, on what, who takes part, when next.
    (
        "annual consultation dutch",
        "nl-annual-consultation",
        1,
        &[
            "Status: Recurring",
            "general consultation with the Dutch export control services on military and dual-use goods",
        ],
    ),
    (
        "regulatory initiatives",
        "nl-annual-consultation",
        1,
        &["relevant policy and regulatory initiatives"],
    ),
    (
        "licensing practice",
        "nl-annual-consultation",
        1,
        &["concrete problems and licensing practices"],
    ),
    (
        "geopolitical",
        "nl-annual-consultation",
        1,
        &["relevant geopolitical developments"],
    ),
    (
        "sensitive destinations",
        "nl-annual-consultation",
        1,
        &["the approach to sensitive destinations"],
    ),
    (
        "lawyers",
        "nl-annual-consultation",
        1,
        // *alle geledingen*: all branches of the services, not all levels.
        &[
            "All branches of the various services take part: lawyers, political analysts and technical experts",
        ],
    ),
    (
        "political analysts",
        "nl-annual-consultation",
        1,
        &["political analysts"],
    ),
    (
        "technical experts",
        "nl-annual-consultation",
        1,
        &["technical experts"],
    ),
    (
        "autumn",
        "nl-annual-consultation",
        2,
        &["next round probably in the autumn"],
    ),
    // Sharing and possibly aligning positions.
    (
        "align positions",
        "nl-align-positions",
        1,
        &[
            "Status: Intended",
            "share positions on ongoing discussions with the Netherlands more systematically and possibly to align them",
        ],
    ),
    // Civil firearms: recent contact, broad consultation in the autumn.
    (
        "firearms",
        "nl-civil-firearms",
        1,
        &[
            "Status: Planned",
            "specific contact was established with the competent Dutch services for civil firearms",
            "A broad consultation with them is planned for the autumn",
        ],
    ),
    (
        "broad consultation autumn",
        "nl-civil-firearms",
        1,
        &["Timing: Autumn"],
    ),
    // Germany and Denmark: already held (*al eens*, not "once"), repeated when the pandemic
    // allows.
    (
        "germany consultation",
        "de-annual-consultation",
        1,
        &[
            "Status: Paused",
            "similar to the one with the Dutch export control services",
            "It has already taken place and is to be repeated once the coronavirus pandemic allows",
        ],
    ),
    (
        "pandemic",
        "dk-annual-consultation",
        4,
        &["once the coronavirus pandemic allows"],
    ),
    // Denmark: dual-use control first, because of how its authorities are organised.
    (
        "denmark dual",
        "dk-annual-consultation",
        2,
        &[
            "Status: Paused",
            "dual-use",
            "Because of the internal structure of the Danish authorities, it focuses in the first instance on the control of dual-use goods",
        ],
    ),
    (
        "danish authorities",
        "dk-annual-consultation",
        2,
        &["internal structure of the Danish authorities"],
    ),
    // The Danish authorities explain the focus; they are not named as a counterpart.
    (
        "danish authorities",
        "dk",
        1,
        &[
            "it mentions the Danish authorities (de Deense autoriteiten) only to explain the focus on dual-use goods",
        ],
    ),
    (
        "denmark dual",
        "dk",
        2,
        &["focuses in the first instance on the control of dual-use goods"],
    ),
    // The United States: regular contacts on semiconductors and emerging technologies.
    (
        "semiconductors",
        "us-semiconductors-contacts",
        1,
        &[
            "Status: Ongoing",
            "regular contacts with the United States on the export-control challenges around semiconductors and so-called emerging technologies",
        ],
    ),
    (
        "emerging technologies united states",
        "us",
        2,
        &["export-control challenges around semiconductors and so-called emerging technologies"],
    ),
    // France: a dialogue on the same subjects, to be started soon.
    (
        "france dialogue",
        "fr-dialogue",
        1,
        &[
            "Status: Planned",
            "Timing: Soon",
            "A dialogue with France on the same subjects",
            "will be started soon",
        ],
    ),
    (
        "france dialogue",
        "fr",
        2,
        &[
            "Role: Prospective partner on specific issues",
            "is to be started soon (zal binnenkort … opgestart worden); it has not started yet",
        ],
    ),
    // The Dutch name of the dual-use working party, accents and all.
    (
        "tweeerlei",
        "duwp",
        1,
        &["Raadswerkgroep over goederen voor tweeërlei gebruik"],
    ),
];

#[test]
fn every_fact_is_found_by_search() {
    // The facts are the items'; the briefings only retell them, and would outrank them
    // on words in their titles ("partner").
    for (query, id, rank, _) in FACTS {
        let hits = search(&format!("{query} !kind:briefing"));
        let position = hits.iter().position(|hit| hit == id);
        assert!(
            position.is_some_and(|p| p < *rank),
            "search {query:?} should have {id} in its first {rank}: {hits:?}"
        );
    }
}

#[test]
fn every_fact_is_shown() {
    for (_, id, _, phrases) in FACTS {
        let page = show(id);
        for phrase in *phrases {
            assert!(page.contains(phrase), "show {id} lacks {phrase:?}:\n{page}");
        }
    }
}

#[test]
fn dual_nl_ranks_the_dutch_dual_use_items_first() {
    // Among the items: the Dutch partnership briefing, which retells them, may come first.
    let hits = search("dual nl !kind:briefing");
    let top: Vec<&str> = hits.iter().take(3).map(String::as_str).collect();
    assert!(top.contains(&"nl-annual-consultation"), "{hits:?}");
    assert!(top.contains(&"nl-multilateral-cooperation"), "{hits:?}");
    // Every hit must match both terms: France's dialogue is about neither.
    assert!(!hits.contains(&"fr".to_owned()), "{hits:?}");
}

#[test]
fn tweeerlei_finds_the_dual_use_working_party_first() {
    assert_eq!(
        search("tweeerlei").first().map(String::as_str),
        Some("duwp")
    );
    assert_eq!(search("TWEEËRLEI"), search("tweeerlei"));
}

#[test]
fn show_dk_annual_consultation_mentions_dual_use() {
    let page = show("dk-annual-consultation");
    assert!(page.starts_with(
        "Annual consultation with Denmark, primarily on dual-use control  [action dk-annual-consultation]\n"
    ));
    // The section heading may carry a count ("Countries (1)"); the link follows it.
    let lines: Vec<&str> = page.lines().collect();
    assert!(
        lines
            .windows(2)
            .any(|pair| pair[0].starts_with("Countries") && pair[1] == "  dk  Denmark"),
        "{page}"
    );
}

#[test]
fn show_nl_annual_consultation_in_full() {
    let page = show("nl-annual-consultation");
    for phrase in [
        "lawyers",
        "political analysts",
        "technical experts",
        "autumn",
    ] {
        assert!(page.contains(phrase), "{phrase}");
    }
    // Quotes are shown in the original Dutch with where they come from.
    assert!(page.contains(
        "“Bij dit overleg zijn alle geledingen van de verschillende diensten betrokken: juristen, politieke analisten en technische experten.”\n    — Question 'Wapenhandel - Bilaterale relaties' and answer, answer\n"
    ));
}

/// The source says the same of Germany and Denmark: a yearly consultation that has already
/// taken place (*al eens plaatsgevonden*, not "exactly once"), no named counterpart.
#[test]
fn germany_and_denmark_are_treated_alike() {
    let dossier = seed().dossier;
    let both = "Dat heeft met beide al eens plaatsgevonden en het is de bedoeling om dit te herhalen eens de coronapandemie dit toelaat.";
    for id in ["de", "dk"] {
        let country = dossier.countries.iter().find(|c| c.id == id).unwrap();
        assert!(
            country.counterparts.is_empty(),
            "{id}: {:?}",
            country.counterparts
        );
        assert!(
            country
                .notes
                .iter()
                .any(|note| note.starts_with("The source names no ")),
            "{id} should say the source names no counterpart: {:?}",
            country.notes
        );
        let action_id = format!("{id}-annual-consultation");
        let action = dossier.actions.iter().find(|a| a.id == action_id).unwrap();
        for citations in [&country.citations, &action.citations] {
            assert!(
                citations.iter().any(|c| c.quote == both),
                "{id} / {action_id} should cite {both:?}"
            );
        }
        for page in [show(id), show(&action_id)] {
            assert!(page.contains("has already taken place"), "{page}");
            for overstatement in ["held once", "taken place once", "once each"] {
                assert!(
                    !page.contains(overstatement),
                    "{overstatement:?} in:\n{page}"
                );
            }
        }
    }
    assert_eq!(
        show("de-annual-consultation").lines().next(),
        Some("Annual consultation with Germany  [action de-annual-consultation]")
    );
}

/// Every text an audience or a presenter reads: the dossier's summary, each item's
/// fields, summary and notes, and each briefing's.
fn all_prose(catalog: &Catalog) -> Vec<(String, String)> {
    let mut texts = vec![("dossier".to_owned(), String::from(&catalog.dossier.summary))];
    for item in catalog.all_items() {
        let found = catalog.get(item).unwrap();
        let (summary, notes) = found.prose();
        let mut parts = vec![found.title().to_owned(), summary.to_owned()];
        parts.extend(notes.iter().map(String::from));
        parts.extend(found.fields().iter().map(|field| field.joined(" · ")));
        texts.push((found.id().to_owned(), parts.join("\n")));
    }
    texts
}

/// The content audit of issue 17: what the bundled dossier said beyond its source.
#[test]
fn the_dossier_says_no_more_than_its_source() {
    let catalog = seed();
    for (id, text) in all_prose(&catalog) {
        // *gaf aan te willen*: he said he intended to, not that he would.
        assert!(!text.contains("said he would"), "{id}: {text}");
        // The source never says *schriftelijk*.
        assert!(
            !text.to_lowercase().contains("written question"),
            "{id}: {text}"
        );
        assert!(!text.contains("written parliamentary"), "{id}: {text}");
        // *Naast*: besides, not outside.
        assert!(!text.contains("Outside the more general"), "{id}: {text}");
        assert!(!text.contains("outside the more general"), "{id}: {text}");
    }
    let summary = |id: &str| catalog.get(catalog.find(id).unwrap()).unwrap().prose();
    // The briefing gave a reason the source does not give, and counted two steps to come.
    let (brief, _) = summary("nl-partnership");
    assert!(!brief.starts_with("Why"), "{brief}");
    assert!(!brief.contains("two steps"), "{brief}");
    for step in [
        "the next round probably in the autumn",
        "the intention to share and possibly align positions",
        "a broad consultation on civil firearms, planned for the autumn",
    ] {
        assert!(brief.contains(step), "{step:?} in {brief}");
    }
    // France is not a contact yet: the dialogue *zal binnenkort … opgestart worden*.
    let (_, notes) = summary("partners-overview");
    let france = notes.iter().find(|note| note.contains("France")).unwrap();
    assert!(!france.contains("France are contacts"), "{france}");
    assert!(
        france.contains("zal binnenkort … opgestart worden"),
        "{france}"
    );
    // *de dienst*, singular, has the regular contacts with the United States.
    let (us, _) = summary("us");
    assert!(
        us.contains("the service (de dienst) has regular contacts"),
        "{us}"
    );
    assert!(!us.contains("the services have regular contacts"), "{us}");
    // *in eerste instantie*: the Danish consultation is primarily on dual-use goods.
    assert_eq!(
        catalog
            .get(catalog.find("dk-annual-consultation").unwrap())
            .unwrap()
            .title(),
        "Annual consultation with Denmark, primarily on dual-use control"
    );
}

/// `native_name` is a country's own name for itself (the format's contract), not the
/// source's Dutch name for it, which the notes keep.
#[test]
fn native_names_are_endonyms_and_the_sources_names_are_in_the_notes() {
    let catalog = seed();
    let expected = [
        ("nl", Some("Nederland"), None),
        ("de", Some("Deutschland"), Some("Duitsland")),
        ("dk", Some("Danmark"), Some("Denemarken")),
        // The endonym is the English name: nothing to add.
        ("us", None, Some("Verenigde Staten")),
        ("fr", None, Some("Frankrijk")),
    ];
    for (id, native, dutch) in expected {
        let country = catalog
            .dossier
            .countries
            .iter()
            .find(|country| country.id == id)
            .unwrap();
        assert_eq!(country.native_name.as_deref(), native, "{id}");
        if let Some(dutch) = dutch {
            let note = format!("Dutch name in the source: {dutch}.");
            assert!(
                country.notes.iter().any(|n| *n == note),
                "{id}: {:?}",
                country.notes
            );
        }
    }
    // The source's name still finds the country.
    for (query, id) in [
        ("Duitsland", "de"),
        ("Denemarken", "dk"),
        ("Frankrijk", "fr"),
    ] {
        let hits = search(&format!("{query} !kind:action"));
        assert!(
            hits.iter().take(3).any(|hit| hit == id),
            "{query}: {hits:?}"
        );
    }
}
