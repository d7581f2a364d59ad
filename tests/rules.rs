//! Rule violations (format rules 1 and 2): all of them in one run, each naming the item and
//! field, with a suggestion where one is close; `check`'s exit statuses; optional values.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::{fixture, fixture_text, run, run_on};
use dossier::Catalog;

const RULES_REPORT: &str = "\
tests/fixtures/rules.ron: countries[1] \"NL Office\": id: `NL Office` is not a valid id: use only a-z, 0-9, `-`, `_` and `.`; did you mean `nl-office`?
tests/fixtures/rules.ron: countries[2] \"de\": forums[0]: `nl` is a country, not a forum
tests/fixtures/rules.ron: forums[0] \"coarm\": members[1]: unknown country id `dee`; did you mean `de`?
tests/fixtures/rules.ron: actions[0] \"de\": id: duplicate id `de`, already used by countries[2] \"de\"
tests/fixtures/rules.ron: actions[1] \"fr-dialogue\": countries[0]: unknown country id `nl-x`; did you mean `nl`?
tests/fixtures/rules.ron: actions[1] \"fr-dialogue\": countries[1]: `coarm` is a forum, not a country
tests/fixtures/rules.ron: actions[1] \"fr-dialogue\": forums[0]: unknown forum id `coram`; did you mean `coarm`?
tests/fixtures/rules.ron: actions[1] \"fr-dialogue\": citations[0].source: unknown source id `vp-2012`; did you mean `vp-2021`?
tests/fixtures/rules.ron: actions[1] \"fr-dialogue\": citations[1].source: `nl` is a country, not a source
tests/fixtures/rules.ron: 9 problem(s) in 3 countries, 1 forum, 2 actions, 1 source
";

#[test]
fn every_violation_is_reported_in_one_run() {
    let out = run(&["check", &fixture("rules.ron")]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, RULES_REPORT);
}

#[test]
fn problems_through_the_library() {
    let catalog = Catalog::from_text("rules.ron", &fixture_text("rules.ron")).unwrap();
    let problems: Vec<(&str, &str, Option<&str>)> = catalog
        .problems
        .iter()
        .map(|p| (p.item.as_str(), p.field.as_str(), p.suggestion.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            ("countries[1] \"NL Office\"", "id", Some("nl-office")),
            ("countries[2] \"de\"", "forums[0]", None),
            ("forums[0] \"coarm\"", "members[1]", Some("de")),
            ("actions[0] \"de\"", "id", None),
            ("actions[1] \"fr-dialogue\"", "countries[0]", Some("nl")),
            ("actions[1] \"fr-dialogue\"", "countries[1]", None),
            ("actions[1] \"fr-dialogue\"", "forums[0]", Some("coarm")),
            (
                "actions[1] \"fr-dialogue\"",
                "citations[0].source",
                Some("vp-2021")
            ),
            ("actions[1] \"fr-dialogue\"", "citations[1].source", None),
        ]
    );
    // Broken references are left out of the relations; the good ones stay.
    let nl = catalog.find("nl").unwrap();
    let fr_dialogue = catalog.find("fr-dialogue").unwrap();
    let related: Vec<&str> = catalog
        .related(fr_dialogue)
        .iter()
        .map(|&r| catalog.get(r).unwrap().id())
        .collect();
    assert_eq!(related, Vec::<&str>::new());
    assert!(
        catalog
            .related(nl)
            .contains(&catalog.find("coarm").unwrap())
    );
    // With a duplicate id, `find` gives the first item in the file: the country.
    assert_eq!(catalog.find("de").unwrap().kind, dossier::Kind::Country);
}

#[test]
fn id_syntax() {
    use dossier::validate::is_valid_id;
    for good in ["nl", "nl-annual-consultation", "vp_2021", "a.b", "0"] {
        assert!(is_valid_id(good), "{good}");
    }
    for bad in ["", "NL", "nl office", "café", "nl/x", "-\u{1b}"] {
        assert!(!is_valid_id(bad), "{bad:?}");
    }
}

#[test]
fn a_hostile_id_is_escaped_in_the_report() {
    let text = "Dossier(title: \"x\", countries: [Country(id: \"n\\u{1b}[2Jl\", name: \"N\")], \
                actions: [Action(id: \"a\", title: \"A\", status: Done, countries: [\"\\u{9b}x\"])])";
    let file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let out = run(&["check", &file.path().display().to_string()]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert!(
        out.stderr
            .contains("countries[0] \"n^[[2Jl\": id: `n^[[2Jl` is not a valid id"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("unknown country id `U+009Bx`"),
        "{}",
        out.stderr
    );
    assert_eq!(common::raw_controls(&out.stderr, false), Vec::<char>::new());
}

#[test]
fn check_exit_statuses() {
    assert_eq!(run(&["check", "data/dossier.ron"]).code(), 0);
    assert_eq!(run(&["check", &fixture("rules.ron")]).code(), 1);
    assert_eq!(run(&["check", &fixture("unknown-status.ron")]).code(), 2);
    assert_eq!(run(&["check", &fixture("no-such-file.ron")]).code(), 2);
}

#[test]
fn several_paths_report_each_and_exit_with_the_worst() {
    let seed = "data/dossier.ron";
    let rules = fixture("rules.ron");
    let broken = fixture("misspelt-field.ron");
    let example = fixture("example.ron");

    let out = run(&["check", seed, &rules, &broken, &example]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stdout_lines(),
        [
            "data/dossier.ron: 5 countries, 2 forums, 9 actions, 1 source, 2 briefings",
            "tests/fixtures/example.ron: 2 countries, 1 forum, 2 actions, 1 source, 1 briefing",
        ]
    );
    assert!(out.stderr.starts_with(RULES_REPORT), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\ntests/fixtures/misspelt-field.ron:7:13: unknown field `sumary`"),
        "{}",
        out.stderr
    );

    // The order of the paths does not matter: the worst status wins.
    assert_eq!(run(&["check", &broken, seed]).code(), 2);
    assert_eq!(run(&["check", &rules, seed]).code(), 1);
    assert_eq!(run(&["check", seed, &rules]).code(), 1);
    let out = run(&["check", seed, &example]);
    assert_eq!(out.code(), 0);
    assert_eq!(out.stdout_lines().len(), 2);
    assert_eq!(out.stderr, "");
}

#[test]
fn check_without_paths_reads_the_file_option_or_the_built_in_dossier() {
    let out = run(&["check"]);
    assert_eq!(out.code(), 0);
    assert_eq!(
        out.stdout,
        "<built-in dossier>: 5 countries, 2 forums, 9 actions, 1 source, 2 briefings\n"
    );
    let out = run_on("rules.ron", &["check"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stderr, RULES_REPORT);
    let out = common::output(
        common::dossier()
            .arg("check")
            .env("DOSSIER_FILE", fixture("rules.ron")),
    );
    assert_eq!(out.code(), 1);
    assert_eq!(out.stderr, RULES_REPORT);
}

#[test]
fn a_dossier_with_problems_still_opens_with_a_warning() {
    let out = run_on("rules.ron", &["list", "countries"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "country\tnl\tNetherlands\ncountry\tNL Office\tA bad id\ncountry\tde\tGermany\n"
    );
    assert_eq!(
        out.stderr,
        "warning: tests/fixtures/rules.ron has 9 problem(s); run `dossier check` to see them\n"
    );
}

#[test]
fn optional_values_bare_or_in_some() {
    let out = run(&["check", &fixture("implicit-some.ron")]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "tests/fixtures/implicit-some.ron: 2 countries, 1 forum, 3 actions, 1 source\n"
    );
    let catalog = Catalog::load(&common::fixture_path("implicit-some.ron")).unwrap();
    let d = &catalog.dossier;
    assert_eq!(d.as_of.as_deref(), Some("2021"));
    assert_eq!(d.sources[0].reference.as_deref(), Some("ref"));
    assert_eq!(d.sources[0].url.as_deref(), Some("https://example.org"));
    assert_eq!(d.countries[0].native_name.as_deref(), Some("Nederland"));
    assert_eq!(d.countries[0].role.as_deref(), Some("Partner"));
    assert_eq!(d.countries[1].native_name, None);
    assert_eq!(
        d.forums[0].full_name.as_deref(),
        Some("Council Working Party on Conventional Arms Exports")
    );
    assert_eq!(
        d.forums[0].kind.as_deref(),
        Some("EU Council working party")
    );
    assert_eq!(d.actions[0].timing.as_deref(), Some("Autumn"));
    assert_eq!(d.actions[1].timing.as_deref(), Some("Never"));
    assert_eq!(d.actions[2].timing, None);
    assert_eq!(d.actions[2].citations[0].locator.as_deref(), Some("p. 1"));
    let statuses: Vec<&str> = d.actions.iter().map(|a| a.status.label()).collect();
    assert_eq!(statuses, ["Done", "Cancelled", "Paused"]);
    assert!(catalog.problems.is_empty());
}

#[test]
fn every_status_variant_parses() {
    for status in dossier::Status::ALL {
        let text = format!(
            "Dossier(title: \"x\", actions: [Action(id: \"a\", title: \"A\", status: {})])",
            status.label()
        );
        let catalog = Catalog::from_text("status.ron", &text).unwrap();
        assert_eq!(catalog.dossier.actions[0].status, status);
    }
    assert_eq!(
        dossier::Status::ALL.map(|s| s.label()),
        [
            "Intended",
            "Planned",
            "Ongoing",
            "Recurring",
            "Done",
            "Paused",
            "Cancelled"
        ]
    );
}

#[test]
fn the_enable_attribute_is_accepted_too() {
    let text = "#![enable(implicit_some)]\nDossier(title: \"x\", as_of: \"2021\")";
    let catalog = Catalog::from_text("attr.ron", text).unwrap();
    assert_eq!(catalog.dossier.as_of.as_deref(), Some("2021"));
}
