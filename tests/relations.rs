//! Relations in both directions (format rule 4), through the library: an item lists what
//! it names and what names it, grouped by kind, without the author writing reverse links.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use dossier::{Catalog, ItemRef, Kind};

fn catalog() -> Catalog {
    let catalog =
        Catalog::from_text("relations.ron", &common::fixture_text("relations.ron")).unwrap();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

/// The ids related to `id`, in the order `related` gives them.
fn related(catalog: &Catalog, id: &str) -> Vec<String> {
    let item = catalog.find(id).unwrap_or_else(|| panic!("no item {id}"));
    catalog
        .related(item)
        .iter()
        .map(|&other| catalog.get(other).unwrap().id().to_owned())
        .collect()
}

#[test]
fn find_by_id_gives_kind_and_position() {
    let catalog = catalog();
    let expect = [
        ("a", Kind::Country, 0),
        ("c", Kind::Country, 2),
        ("f2", Kind::Forum, 1),
        ("y", Kind::Action, 1),
        ("s3", Kind::Source, 2),
    ];
    for (id, kind, index) in expect {
        assert_eq!(catalog.find(id), Some(ItemRef { kind, index }), "{id}");
        assert_eq!(catalog.get(ItemRef { kind, index }).unwrap().id(), id);
    }
    assert_eq!(catalog.find("nope"), None);
    assert_eq!(catalog.find("A"), None, "ids are case-sensitive");
}

#[test]
fn country_to_forums_both_via_its_own_list_and_via_forum_members() {
    let catalog = catalog();
    // `a` names f1 itself; f2 names `a` as a member.
    let forums: Vec<String> = related(&catalog, "a")
        .into_iter()
        .filter(|id| id.starts_with('f'))
        .collect();
    assert_eq!(forums, ["f1", "f2"]);
    // `b` names no forum, but f1 lists it as a member.
    assert!(related(&catalog, "b").contains(&"f1".to_owned()));
}

#[test]
fn country_to_actions() {
    let catalog = catalog();
    assert!(related(&catalog, "a").contains(&"x".to_owned()));
    assert!(related(&catalog, "b").contains(&"x".to_owned()));
    assert_eq!(related(&catalog, "c"), ["z"]);
}

#[test]
fn forum_to_members_and_actions() {
    let catalog = catalog();
    // f1: member b (its own list), country a (a's list), action x.
    assert_eq!(related(&catalog, "f1"), ["a", "b", "x"]);
    // f2: member a, action y, and the source it cites.
    assert_eq!(related(&catalog, "f2"), ["a", "y", "s2"]);
}

#[test]
fn action_to_countries_forums_and_sources() {
    let catalog = catalog();
    // s1 is cited twice by x but listed once.
    assert_eq!(related(&catalog, "x"), ["a", "b", "f1", "s1", "s2"]);
    assert_eq!(related(&catalog, "y"), ["f2"]);
    assert_eq!(related(&catalog, "z"), ["c"]);
}

#[test]
fn items_to_sources_and_sources_to_citing_items() {
    let catalog = catalog();
    assert!(related(&catalog, "a").contains(&"s1".to_owned()));
    assert_eq!(related(&catalog, "s1"), ["a", "x"]);
    assert_eq!(related(&catalog, "s2"), ["f2", "x"]);
    assert_eq!(related(&catalog, "s3"), Vec::<String>::new());
}

#[test]
fn every_link_is_symmetric_and_grouped_by_kind() {
    let catalog = catalog();
    let mut links = 0;
    for item in catalog.all_items() {
        let related = catalog.related(item);
        // Countries, then forums, actions, sources; file order within a kind.
        assert!(related.windows(2).all(|w| w[0] < w[1]), "{related:?}");
        assert!(!related.contains(&item));
        for &other in related {
            assert!(
                catalog.related(other).contains(&item),
                "{item:?} ↔ {other:?}"
            );
            links += 1;
        }
    }
    // a–f1, b–f1, a–f2, x–a, x–b, x–f1, y–f2, z–c, a–s1, x–s1, x–s2, f2–s2: 12 links.
    assert_eq!(links, 2 * 12);
}

#[test]
fn citations_resolve_to_their_source() {
    let catalog = catalog();
    let x = &catalog.dossier.actions[0];
    let titles: Vec<&str> = x
        .citations
        .iter()
        .map(|c| catalog.source(c).unwrap().title.as_str())
        .collect();
    assert_eq!(titles, ["Source one", "Source two", "Source one"]);
}

#[test]
fn show_lists_relations_both_ways_with_ids() {
    let out = common::run_on("relations.ron", &["show", "a"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "Country A  [country a]

Forums (2)
  f1  Forum one
  f2  Forum two

Actions (1)
  x  Action X

Sources (1)
  s1  Source one

Citations (1)
  “a”
    — Source one
"
    );
    let out = common::run_on("relations.ron", &["show", "s2", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let related: Vec<(&str, &str)> = json["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["kind"].as_str().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(related, [("forum", "f2"), ("action", "x")]);
}

#[test]
fn seed_relations() {
    let catalog = Catalog::built_in().unwrap();
    assert_eq!(
        related(&catalog, "nl"),
        [
            "coarm",
            "duwp",
            "like-minded-relations",
            "nl-multilateral-cooperation",
            "nl-annual-consultation",
            "nl-align-positions",
            "nl-civil-firearms",
            "vp-wapenhandel-2021",
            "nl-partnership",
            "partners-overview",
        ]
    );
    assert_eq!(
        related(&catalog, "duwp"),
        [
            "nl",
            "nl-multilateral-cooperation",
            "vp-wapenhandel-2021",
            "nl-partnership"
        ]
    );
    assert_eq!(
        related(&catalog, "like-minded-relations"),
        ["nl", "de", "dk", "vp-wapenhandel-2021"]
    );
    // The one source is cited by every country, forum and action.
    assert_eq!(related(&catalog, "vp-wapenhandel-2021").len(), 5 + 2 + 9);
}

#[test]
fn many_links_flow_as_wrapped_rows_under_a_count() {
    let members: Vec<String> = (0..43).map(|n| format!("c{n:02}")).collect();
    let countries: Vec<String> = members
        .iter()
        .map(|id| format!("Country(id: \"{id}\", name: \"Land {id}\")"))
        .collect();
    let text = format!(
        "Dossier(title: \"t\", countries: [{}], forums: [Forum(id: \"big\", name: \"Big\", members: [{}])])",
        countries.join(", "),
        members
            .iter()
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, text).unwrap();
    let out = common::output(
        common::dossier()
            .args(["show", "big", "-f"])
            .arg(&path)
            .env("COLUMNS", "80"),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    let page = out.stdout;
    let rows: Vec<&str> = page
        .split("Countries (43)\n")
        .nth(1)
        .expect("a counted heading")
        .lines()
        .collect();
    assert!(
        rows[0].starts_with("  Land c00 (c00) · Land c01 (c01) · "),
        "{page}"
    );
    // 43 names in a few rows, not 43 lines.
    assert_eq!(rows.len(), 11, "{page}");
    // A name is never broken across rows.
    assert!(
        rows.iter().all(|row| row.trim_end().ends_with(')')),
        "{page}"
    );
    assert!(rows.iter().all(|row| row.chars().count() <= 80), "{page}");
    assert!(page.contains("Land c42 (c42)"), "{page}");
}
