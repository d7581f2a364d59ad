//! Briefings (format 1.1): validated like every other reference, related both ways, shown
//! with their items in the briefing's order, listed, searched and printed as JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::{fixture, fixture_text, run, run_on};
use dossier::describe::describe;
use dossier::{Catalog, ItemRef, Kind};

const RULES_REPORT: &str = "\
tests/fixtures/briefing-rules.ron: forums[0] \"coarm\": members[1]: `tour` is a briefing, not a country
tests/fixtures/briefing-rules.ron: briefings[0] \"tour\": items[2]: unknown id `nl-x`; did you mean `nl`?
tests/fixtures/briefing-rules.ron: briefings[0] \"tour\": items[3]: `intro` is a briefing; a briefing lists countries, forums, actions or sources
tests/fixtures/briefing-rules.ron: briefings[1] \"intro\": items: empty: a briefing lists at least one country, forum, action or source
tests/fixtures/briefing-rules.ron: 4 problem(s) in 1 country, 1 forum, 0 actions, 0 sources, 2 briefings
";

#[test]
fn broken_items_are_reported_with_suggestions() {
    let out = run(&["check", &fixture("briefing-rules.ron")]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, RULES_REPORT);

    let catalog =
        Catalog::from_text("briefing-rules.ron", &fixture_text("briefing-rules.ron")).unwrap();
    let problems: Vec<(&str, &str, Option<&str>)> = catalog
        .problems
        .iter()
        .map(|p| (p.item.as_str(), p.field.as_str(), p.suggestion.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            ("forums[0] \"coarm\"", "members[1]", None),
            ("briefings[0] \"tour\"", "items[2]", Some("nl")),
            ("briefings[0] \"tour\"", "items[3]", None),
            ("briefings[1] \"intro\"", "items", None),
        ]
    );
    // The good items stay linked; the briefing named as an item does not.
    let tour = catalog.find("tour").unwrap();
    let related: Vec<&str> = catalog
        .related(tour)
        .iter()
        .map(|&item| catalog.get(item).unwrap().id())
        .collect();
    assert_eq!(related, ["nl", "coarm"]);
}

#[test]
fn a_wrong_item_gets_a_suggestion_of_an_allowed_kind_only() {
    let text = r#"Dossier(
        title: "t",
        countries: [Country(id: "nl", name: "Netherlands")],
        briefings: [
            Briefing(id: "nl-brief", title: "A", items: ["nl"]),
            Briefing(id: "b", title: "B", items: ["nl-brie", "nl-brief"]),
        ],
    )"#;
    let catalog = Catalog::from_text("t.ron", text).unwrap();
    let problems: Vec<String> = catalog.problems.iter().map(ToString::to_string).collect();
    // `nl-brie` is nearest to a briefing, which an item cannot be: `nl` is offered.
    assert_eq!(
        problems,
        [
            "briefings[1] \"b\": items[0]: unknown id `nl-brie`; did you mean `nl`?",
            "briefings[1] \"b\": items[1]: `nl-brief` is a briefing; a briefing lists countries, forums, actions or sources; did you mean `nl`?",
        ]
    );
}

#[test]
fn items_are_required_and_misspelt_fields_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    std::fs::write(
        &missing,
        r#"Dossier(title: "t", briefings: [Briefing(id: "b", title: "B")])"#,
    )
    .unwrap();
    let out = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr
            .contains("missing required field `items` in `Briefing`"),
        "{}",
        out.stderr
    );
    let misspelt = dir.path().join("misspelt.ron");
    std::fs::write(
        &misspelt,
        r#"Dossier(title: "t", countries: [Country(id: "nl", name: "N")], briefings: [Briefing(id: "b", title: "B", item: ["nl"])])"#,
    )
    .unwrap();
    let out = run(&["check", misspelt.to_str().unwrap()]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr.contains("unknown field `item` in `Briefing`")
            && out.stderr.contains("did you mean `items`?"),
        "{}",
        out.stderr
    );
}

fn seed() -> Catalog {
    Catalog::built_in().unwrap()
}

fn id_of(catalog: &Catalog, item: ItemRef) -> &str {
    catalog.get(item).unwrap().id()
}

#[test]
fn a_briefing_describes_its_items_in_its_own_order() {
    let catalog = seed();
    let briefing = catalog.find("partners-overview").unwrap();
    assert_eq!(briefing.kind, Kind::Briefing);
    let description = describe(&catalog, briefing).unwrap();
    assert_eq!(description.notes_heading, "Presenter's notes");
    assert!(!description.notes_public);
    assert_eq!(description.notes.len(), 3);
    // One group, in the briefing's order, countries and actions interleaved; not sorted
    // into groups by kind.
    assert_eq!(description.groups.len(), 1, "{:?}", description.groups);
    let group = &description.groups[0];
    assert!(group.ordered && !group.flows());
    assert_eq!(group.heading(), "Items (10)");
    let ids: Vec<&str> = group.items.iter().map(|&i| id_of(&catalog, i)).collect();
    assert_eq!(
        ids,
        [
            "nl",
            "nl-annual-consultation",
            "de",
            "de-annual-consultation",
            "dk",
            "dk-annual-consultation",
            "us",
            "us-semiconductors-contacts",
            "fr",
            "fr-dialogue",
        ]
    );
    // Tab in the viewer walks them in the same order.
    assert_eq!(description.links(), group.items);
}

#[test]
fn an_item_lists_the_briefings_that_present_it() {
    let catalog = seed();
    let nl = describe(&catalog, catalog.find("nl").unwrap()).unwrap();
    let last = nl.groups.last().unwrap();
    assert_eq!(last.heading(), "Briefings (2)");
    assert!(!last.ordered);
    let ids: Vec<&str> = last.items.iter().map(|&i| id_of(&catalog, i)).collect();
    assert_eq!(ids, ["nl-partnership", "partners-overview"]);
    assert_eq!(nl.notes_heading, "Notes");
    assert!(nl.notes_public);
    // A forum in one briefing only, and an action in the other.
    let coarm = describe(&catalog, catalog.find("coarm").unwrap()).unwrap();
    assert_eq!(coarm.groups.last().unwrap().heading(), "Briefings (1)");
    let fr = describe(&catalog, catalog.find("fr-dialogue").unwrap()).unwrap();
    let briefings = fr.groups.last().unwrap();
    assert_eq!(
        briefings
            .items
            .iter()
            .map(|&i| id_of(&catalog, i))
            .collect::<Vec<_>>(),
        ["partners-overview"]
    );
    // The source is in no briefing.
    let source = describe(&catalog, catalog.find("vp-wapenhandel-2021").unwrap()).unwrap();
    assert!(source.groups.iter().all(|g| g.title != "Briefings"));
}

#[test]
fn show_prints_summary_notes_and_numbered_items() {
    let out = common::output(
        common::dossier()
            .args(["show", "nl-partnership"])
            .env("COLUMNS", "200"),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    let page = out.stdout;
    assert!(
        page.starts_with(
            "The Dutch partnership  [briefing nl-partnership]\n\nThe Netherlands, which the answer"
        ),
        "{page}"
    );
    let notes = page.find("\nPresenter's notes\n  - ").expect("the notes");
    let items = page.find(
        "\nItems (6)\n  1. nl  Netherlands\n  2. coarm  COARM\n  3. duwp  DUWP\n  4. nl-annual-consultation  ",
    );
    assert!(items.is_some_and(|items| items > notes), "{page}");
    assert!(page.contains("\n  6. nl-civil-firearms  Broad consultation"));
    assert!(!page.contains("\nNotes\n"), "{page}");
}

#[test]
fn list_and_json() {
    let out = run(&["list", "briefings"]);
    assert_eq!(out.code(), 0);
    assert_eq!(
        out.stdout,
        "briefing\tnl-partnership\tThe Dutch partnership\nbriefing\tpartners-overview\tWhere each partner stands\n"
    );
    assert_eq!(run(&["list", "Briefing"]).stdout, out.stdout);

    let out = run(&["show", "nl-partnership", "--json"]);
    assert_eq!(out.code(), 0);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let object = value.as_object().unwrap();
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "id", "items", "kind", "notes", "related", "summary", "title"
        ]
    );
    assert_eq!(value["kind"], "briefing");
    assert_eq!(value["title"], "The Dutch partnership");
    assert_eq!(
        value["items"],
        serde_json::json!([
            "nl",
            "coarm",
            "duwp",
            "nl-annual-consultation",
            "nl-align-positions",
            "nl-civil-firearms"
        ])
    );
    assert_eq!(value["notes"].as_array().unwrap().len(), 3);
    assert_eq!(value["related"].as_array().unwrap().len(), 6);
    assert_eq!(value["related"][0]["kind"], "country");

    let overview: serde_json::Value =
        serde_json::from_str(&run(&["show", "--json"]).stdout).unwrap();
    assert_eq!(overview["counts"]["briefings"], 2);
}

#[test]
fn search_finds_briefings_by_kind_and_by_what_they_present() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search"];
        all.extend(args);
        run(&all)
            .stdout
            .lines()
            .map(|line| line.split('\t').nth(1).unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&["kind:briefing"]),
        ["nl-partnership", "partners-overview"]
    );
    assert_eq!(
        ids(&["kind:briefings", "country:de"]),
        ["partners-overview"]
    );
    assert_eq!(ids(&["kind:briefing", "coarm"]), ["nl-partnership"]);
    assert_eq!(ids(&["firearms", "--kind", "briefing"]), ["nl-partnership"]);
    assert_eq!(
        ids(&["kind:briefing", "!kind:briefing"]),
        Vec::<String>::new()
    );
    // A briefing's title is not part of what its items are found by.
    assert!(!ids(&["'where each partner"]).iter().any(|id| id == "nl"));
    let out = run(&["search", "kind:breifing"]);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr
            .starts_with("error: unknown kind `breifing`; did you mean `briefing`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_without_briefings_counts_as_before() {
    let out = run_on("relations.ron", &["check"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(!out.stdout.contains("briefing"), "{}", out.stdout);
    let out = run_on("relations.ron", &["show"]);
    assert!(!out.stdout.contains("briefing"), "{}", out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&run_on("relations.ron", &["show", "--json"]).stdout).unwrap();
    assert_eq!(json["counts"]["briefings"], 0);
}
