//! The command line against the real binary: every command, `--json`, choosing the file,
//! colour, wrapping, exit statuses, and hostile text that must never reach the terminal.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::{dossier, fixture, output, raw_controls, run, run_on};
use unicode_width::UnicodeWidthStr;

const SEED_LIST: &str = "\
country\tnl\tNetherlands
country\tde\tGermany
country\tdk\tDenmark
country\tus\tUnited States
country\tfr\tFrance
forum\tcoarm\tCOARM
forum\tduwp\tDUWP
action\tlike-minded-relations\tDevelop bilateral relations with like-minded countries on arms-trade policy
action\tnl-multilateral-cooperation\tCooperation with the Netherlands in COARM and DUWP
action\tnl-annual-consultation\tAnnual general consultation with the Dutch export control services
action\tnl-align-positions\tShare and possibly align positions with the Netherlands more systematically
action\tnl-civil-firearms\tBroad consultation with the competent Dutch services on civil firearms
action\tde-annual-consultation\tAnnual consultation with Germany
action\tdk-annual-consultation\tAnnual consultation with Denmark, primarily on dual-use control
action\tus-semiconductors-contacts\tRegular contacts with the United States on semiconductors and emerging technologies
action\tfr-dialogue\tStart a dialogue with France on semiconductors and emerging technologies
source\tvp-wapenhandel-2021\tQuestion 'Wapenhandel - Bilaterale relaties' and answer
briefing\tnl-partnership\tThe Dutch partnership
briefing\tpartners-overview\tWhere each partner stands
";

#[test]
fn list_everything() {
    let out = run(&["list"]);
    assert_eq!(out.code(), 0);
    assert_eq!(out.stdout, SEED_LIST);
    assert_eq!(out.stderr, "");
}

#[test]
fn list_one_kind() {
    let out = run(&["list", "actions"]);
    assert_eq!(out.code(), 0);
    let expected: String = SEED_LIST
        .lines()
        .filter(|line| line.starts_with("action\t"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(out.stdout, expected);
    assert_eq!(out.stdout_lines().len(), 9);
    for (kind, prefix, count) in [
        ("countries", "country\t", 5),
        ("forums", "forum\t", 2),
        ("sources", "source\t", 1),
    ] {
        let out = run(&["list", kind]);
        assert_eq!(out.stdout_lines().len(), count, "{kind}");
        assert!(
            out.stdout_lines().iter().all(|l| l.starts_with(prefix)),
            "{kind}"
        );
    }
}

#[test]
fn search_with_kind_and_limit() {
    let out = run(&["search", "consultation", "--kind", "action", "--limit", "2"]);
    assert_eq!(out.code(), 0);
    assert_eq!(
        out.stdout,
        "action\tnl-annual-consultation\tAnnual general consultation with the Dutch export control services
action\tnl-civil-firearms\tBroad consultation with the competent Dutch services on civil firearms
"
    );
    let all = run(&["search", "consultation", "--kind", "action"]);
    assert_eq!(all.stdout_lines().len(), 5);
    assert!(all.stdout.starts_with(&out.stdout));
    let countries = run(&["search", "consultation", "--kind", "country"]);
    assert!(
        countries
            .stdout_lines()
            .iter()
            .all(|l| l.starts_with("country\t"))
    );
    assert!(!countries.stdout.is_empty());
}

#[test]
fn search_terms_may_be_one_argument_or_several() {
    let joined = run(&["search", "dual nl"]);
    let separate = run(&["search", "dual", "nl"]);
    assert_eq!(joined.stdout, separate.stdout);
    assert!(joined.stdout_lines().len() >= 3);
}

#[test]
fn search_with_no_hits_exits_1_quietly() {
    // Like grep: status 1 when nothing matches, so scripts can tell.
    let out = run(&["search", "qqqzzzxxx"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    let out = run(&["search", "qqqzzzxxx", "--json"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stdout.trim(), "[]");
}

#[test]
fn search_is_accent_and_case_insensitive() {
    for query in ["cesko", "CESKO", "Česko", "česko"] {
        let out = run_on("folding.ron", &["search", query]);
        assert_eq!(out.code(), 0, "{query}");
        assert_eq!(out.stdout, "country\tcz\tÅlandsöarna Česko\n", "{query}");
    }
    let out = run_on("folding.ron", &["search", "belgie"]);
    assert_eq!(out.stdout_lines()[0], "country\tbe\tBelgië");
    let out = run_on("folding.ron", &["search", "istanbul"]);
    assert_eq!(out.stdout, "country\ttr\tTürkiye\n");
    let out = run_on("folding.ron", &["search", "tweeerlei"]);
    assert_eq!(out.stdout_lines()[0], "forum\tduwp\tDUWP");
}

#[test]
fn show_an_item() {
    let out = run(&["show", "fr"]);
    assert_eq!(out.code(), 0);
    assert_eq!(out.stderr, "");
    assert_eq!(
        out.stdout,
        "France  [country fr]
Role: Prospective partner on specific issues
Topics: export control · semiconductors · emerging technologies

A dialogue with France on the same subjects as the contacts with the United
States (export-control challenges around semiconductors and so-called emerging
technologies) is to be started soon (zal binnenkort … opgestart worden); it has
not started yet.

Notes
  - Dutch name in the source: Frankrijk.

Actions (1)
  fr-dialogue  Start a dialogue with France on semiconductors and emerging
    technologies

Sources (1)
  vp-wapenhandel-2021  Question 'Wapenhandel - Bilaterale relaties' and answer

Briefings (1)
  partners-overview  Where each partner stands

Citations (1)
  “Zo heeft de dienst regelmatige contacten met de Verenigde Staten over de
   exportcontrole-uitdagingen omtrent halfgeleiders en zogenaamde emerging
   technologies, en zal binnenkort met Frankrijk over dezelfde onderwerpen een
   dialoog opgestart worden.”
    — Question 'Wapenhandel - Bilaterale relaties' and answer, answer
"
    );
}

#[test]
fn show_a_source_lists_the_items_citing_it() {
    let out = run(&["show", "vp-wapenhandel-2021"]);
    assert_eq!(out.code(), 0);
    let page = out.stdout;
    // The heading is too wide for the tag: the tag goes on a line of its own.
    assert!(
        page.starts_with(
            "Question 'Wapenhandel - Bilaterale relaties' and answer\n\
             [source vp-wapenhandel-2021]\n\
             Reference: "
        ),
        "{page}"
    );
    // Every citation of it, grouped by the citing item in file order, with its quote.
    let cited_by = page
        .split("\nCited by (")
        .nth(1)
        .expect("a Cited by section");
    let citers: Vec<&str> = cited_by
        .lines()
        .skip(1)
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .map(str::trim)
        .collect();
    assert_eq!(citers.first(), Some(&"nl  Netherlands"), "{page}");
    assert!(citers.contains(&"coarm  COARM"), "{citers:?}");
    assert!(
        citers.iter().any(|line| line.starts_with("fr-dialogue  ")),
        "{citers:?}"
    );
    assert!(
        cited_by.contains("    “Onze belangrijkste partner inzake bilaterale samenwerking"),
        "{page}"
    );
    // The citing items are not listed a second time as bare related items.
    assert!(!page.contains("\nCountries"), "{page}");
}

#[test]
fn show_with_no_id_prints_the_overview() {
    let out = run(&["show"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    let page = out.stdout;
    assert!(
        page.starts_with("Arms trade — bilateral relations  [dossier]\n"),
        "{page}"
    );
    assert!(page.contains("\nAs of: "), "{page}");
    assert!(
        page.contains("\nContents: 5 countries, 2 forums, 9 actions, 1 source, 2 briefings\n"),
        "{page}"
    );
    assert!(page.contains("\nProblems: none\n"), "{page}");
    // Where things stand: actions per status with their tags, the partners' open
    // actions, the briefings and the sources by name, then the summary.
    assert!(
        page.contains(
            "
Actions by status (9)
  INTEND  2  Intended
  PLAN    2  Planned
  ONGO    2  Ongoing
  RECUR   1  Recurring
  PAUSE   2  Paused

Partners: open actions by status
  Country        INTEND  PLAN  ONGO  RECUR  PAUSE
  Netherlands         2     1     1      1      ·
  Germany             1     ·     ·      ·      1
  Denmark             1     ·     ·      ·      1
  United States       ·     ·     1      ·      ·
  France              ·     1     ·      ·      ·

Briefings (2)
  nl-partnership  The Dutch partnership
  partners-overview  Where each partner stands

Sources (1)
  vp-wapenhandel-2021  Question 'Wapenhandel - Bilaterale relaties' and answer

Summary
A question asked what the minister-president has done,"
        ),
        "{page}"
    );
    let overview = json(&run(&["show", "--json"]));
    assert_eq!(overview["counts"]["actions"], 9);
    assert_eq!(overview["problems"], 0);
    assert_eq!(
        overview["statuses"],
        serde_json::json!({"Intended": 2, "Planned": 2, "Ongoing": 2, "Recurring": 1,
            "Done": 0, "Paused": 2, "Cancelled": 0})
    );
    assert_eq!(overview["partners"].as_array().unwrap().len(), 5);
    assert_eq!(
        overview["partners"][1],
        serde_json::json!({"id": "de", "title": "Germany", "open": {
            "Intended": 1, "Planned": 0, "Ongoing": 0, "Recurring": 0, "Paused": 1}})
    );
    assert_eq!(
        overview["briefings"],
        serde_json::json!([
            {"id": "nl-partnership", "title": "The Dutch partnership"},
            {"id": "partners-overview", "title": "Where each partner stands"},
        ])
    );
    assert_eq!(overview["sources"][0]["id"], "vp-wapenhandel-2021");
    assert!(
        overview["sources"][0]["reference"]
            .as_str()
            .unwrap()
            .starts_with("A question to the minister-president")
    );
    let broken = run_on("rules.ron", &["show"]);
    assert!(broken.stdout.contains("\nProblems: 9\n"), "{broken:#?}");
}

/// The table of partners fits a narrow page: long or wide names are cut, control
/// characters shown inert, and a country without open actions keeps its row.
#[test]
fn the_overview_table_fits_narrow_pages_and_odd_names() {
    let text = "Dossier(title: \"t\", countries: [\
        Country(id: \"a\", name: \"A very long country name indeed\"),\
        Country(id: \"b\", name: \"日本国日本国日本国\"),\
        Country(id: \"c\", name: \"Esc\\u{1b}[2J\"),\
        Country(id: \"d\", name: \"Done only\")],\
        actions: [Action(id: \"x\", title: \"X\", status: Planned, countries: [\"a\", \"b\", \"c\"]),\
        Action(id: \"y\", title: \"Y\", status: Done, countries: [\"d\"])])";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.ron");
    std::fs::write(&path, text).unwrap();
    let out = output(
        dossier()
            .args(["show", "-f", path.to_str().unwrap()])
            .env("COLUMNS", "20"),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    let table: Vec<&str> = out
        .stdout
        .split("Partners: open actions by status\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|line| !line.is_empty())
        .collect();
    assert_eq!(
        table,
        [
            "  Country       PLAN",
            "  A very long…     1",
            "  日本国日本…      1",
            "  Esc^[[2J         1",
            "  Done only        ·",
        ]
    );
    // Twenty columns, the narrowest page: the name column gives way to the counts.
    for line in &table {
        let columns: usize = line
            .chars()
            .map(|c| {
                if ('\u{3000}'..='\u{9fff}').contains(&c) {
                    2
                } else {
                    1
                }
            })
            .sum();
        assert_eq!(columns, 20, "{line:?}");
    }
    assert!(!out.stdout.contains('\u{1b}'));
}

#[test]
fn show_suggests_ids_from_case_names_and_titles() {
    let text = "Dossier(title: \"t\", countries: [\
        Country(id: \"cz\", name: \"Czechia\", native_name: \"Česko\"),\
        Country(id: \"nl\", name: \"Netherlands\")])";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cz.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    for (asked, meant) in [
        ("CZ", "cz"),
        ("Czechia", "cz"),
        ("cesko", "cz"),
        ("Czechai", "cz"),
        ("Netherland", "nl"),
        ("NL", "nl"),
    ] {
        let out = run(&["show", asked, "-f", path]);
        assert_eq!(out.code(), 1, "{asked}");
        assert_eq!(
            out.stderr,
            format!("no item with id `{asked}`; did you mean `{meant}`?\n"),
            "{asked}"
        );
    }
}

#[test]
fn kinds_are_accepted_singular_or_plural() {
    for kind in ["forum", "forums", "Forums"] {
        let out = run(&["list", kind]);
        assert_eq!(out.code(), 0, "{kind}: {out:#?}");
        assert_eq!(out.stdout_lines().len(), 2, "{kind}");
        let out = run(&["search", "coarm", "--kind", kind]);
        assert_eq!(out.code(), 0, "{kind}");
        assert!(
            out.stdout_lines()
                .iter()
                .all(|line| line.starts_with("forum\t"))
        );
    }
}

#[test]
fn sources_are_found_by_title_and_reference() {
    let out = run(&["search", "wapenhandel", "--kind", "source"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout_lines(),
        ["source\tvp-wapenhandel-2021\tQuestion 'Wapenhandel - Bilaterale relaties' and answer"]
    );
    let out = run(&["search", "flemish", "--kind", "sources"]);
    assert_eq!(out.code(), 0, "by its reference: {out:#?}");
    // Not by the names of what cites it.
    let out = run(&["search", "coarm", "--kind", "source"]);
    assert_eq!(out.code(), 1, "{out:#?}");
}

#[test]
fn show_help_describes_the_id() {
    let out = run(&["show", "--help"]);
    assert_eq!(out.code(), 0);
    assert!(out.stdout.contains("[ID]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("The id of a country, forum, action, source or briefing")
    );
}

#[test]
fn show_an_unknown_id_suggests_the_nearest() {
    let out = run(&["show", "nl-anual-consultation"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "no item with id `nl-anual-consultation`; did you mean `nl-annual-consultation`?\n"
    );
    let out = run(&["show", "duwb"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stderr, "no item with id `duwb`; did you mean `duwp`?\n");
    let out = run(&["show", "zzzzzzzz"]);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stderr, "no item with id `zzzzzzzz`\n");
    let out = run(&["show", "x\u{1b}[2J"]);
    assert_eq!(out.stderr, "no item with id `x^[[2J`\n");
}

fn json(out: &common::Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|err| panic!("not JSON ({err}): {}", out.stdout))
}

#[test]
fn list_json() {
    let out = run(&["list", "--json"]);
    assert_eq!(out.code(), 0);
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 19);
    let plain: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                "{}\t{}\t{}\n",
                row["kind"].as_str().unwrap(),
                row["id"].as_str().unwrap(),
                row["title"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(plain.concat(), SEED_LIST);
    let annual = rows
        .iter()
        .find(|r| r["id"] == "nl-annual-consultation")
        .unwrap();
    assert_eq!(annual["status"], "Recurring");
    assert_eq!(
        annual["timing"],
        "Yearly, for some years now; next round probably in the autumn (no year given)"
    );
    let actions = json(&run(&["list", "actions", "--json"]));
    assert_eq!(actions.as_array().unwrap().len(), 9);
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "action")
    );
}

#[test]
fn search_json() {
    let plain = run(&["search", "semiconductors"]);
    let out = run(&["search", "semiconductors", "--json"]);
    assert_eq!(out.code(), 0);
    let rows = json(&out);
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(r["kind"].is_string() && r["title"].is_string(), "{r}");
            r["id"].as_str().unwrap()
        })
        .collect();
    let plain_ids: Vec<&str> = plain
        .stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(ids, plain_ids);
    assert_eq!(ids[0], "us-semiconductors-contacts");
}

#[test]
fn show_json() {
    let out = run(&["show", "dk-annual-consultation", "--json"]);
    assert_eq!(out.code(), 0);
    let item = json(&out);
    assert_eq!(item["kind"], "action");
    assert_eq!(item["id"], "dk-annual-consultation");
    assert_eq!(
        item["title"],
        "Annual consultation with Denmark, primarily on dual-use control"
    );
    assert_eq!(item["status"], "Paused");
    assert_eq!(item["countries"], serde_json::json!(["dk"]));
    assert_eq!(
        item["related"],
        serde_json::json!([
            {"kind": "country", "id": "dk", "title": "Denmark"},
            {"kind": "source", "id": "vp-wapenhandel-2021",
             "title": "Question 'Wapenhandel - Bilaterale relaties' and answer"},
            {"kind": "briefing", "id": "partners-overview", "title": "Where each partner stands"},
        ])
    );
    let citations = item["citations"].as_array().unwrap();
    assert_eq!(citations.len(), 3);
    assert_eq!(
        citations[0]["source_title"],
        "Question 'Wapenhandel - Bilaterale relaties' and answer"
    );
    assert_eq!(citations[0]["locator"], "answer");
    // A country has its own fields.
    let nl = json(&run(&["show", "nl", "--json"]));
    assert_eq!(nl["kind"], "country");
    assert_eq!(nl["title"], "Netherlands");
    assert_eq!(nl["native_name"], "Nederland");
    assert_eq!(nl["forums"], serde_json::json!(["coarm", "duwp"]));
}

#[test]
fn file_option_and_environment_choose_the_dossier() {
    let expected = "country\ta\tCountry A\ncountry\tb\tCountry B\ncountry\tc\tCountry C\n";
    let out = run(&["list", "countries", "--file", &fixture("relations.ron")]);
    assert_eq!(out.stdout, expected);
    let out = run(&["list", "countries", "-f", &fixture("relations.ron")]);
    assert_eq!(out.stdout, expected);
    let out = output(
        dossier()
            .args(["list", "countries"])
            .env("DOSSIER_FILE", fixture("relations.ron")),
    );
    assert_eq!(out.code(), 0);
    assert_eq!(out.stdout, expected);
    // The option wins over the environment.
    let out = output(
        dossier()
            .args(["list", "countries", "-f", &fixture("relations.ron")])
            .env("DOSSIER_FILE", "tests/fixtures/no-such-file.ron"),
    );
    assert_eq!(out.stdout, expected);
    // A DOSSIER_FILE that does not exist is reported, not silently replaced.
    let out = output(
        dossier()
            .args(["show", "nl"])
            .env("DOSSIER_FILE", "tests/fixtures/no-such-file.ron"),
    );
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "tests/fixtures/no-such-file.ron: no such file\n"
    );
    // Other commands read it too.
    let out = output(
        dossier()
            .args(["show", "x"])
            .env("DOSSIER_FILE", fixture("relations.ron")),
    );
    assert!(
        out.stdout.starts_with("Action X  [action x]\n"),
        "{}",
        out.stdout
    );
    let out = output(
        dossier()
            .args(["search", "two"])
            .env("DOSSIER_FILE", fixture("relations.ron")),
    );
    assert_eq!(out.stdout_lines()[0], "forum\tf2\tForum two");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["search"][..],
        &["search", "x", "--kind", "thing"],
        &["search", "x", "--limit", "many"],
        &["search", "x", "--limit", "0"],
        &["list", "bogus"],
        &["show", "a", "b"],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 2, "{args:?}: {out:#?}");
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn piped_output_has_no_colour() {
    for args in [
        &["show", "nl"][..],
        &["list"],
        &["search", "dual"],
        &["check"],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 0);
        assert!(!out.stdout_bytes.contains(&0x1b), "{args:?}");
    }
    let out = output(dossier().args(["show", "nl"]).env("NO_COLOR", "1"));
    assert!(!out.stdout_bytes.contains(&0x1b));
}

#[test]
fn show_wraps_to_columns() {
    for id in [
        "nl-annual-consultation",
        "like-minded-relations",
        "us-semiconductors-contacts",
        "vp-wapenhandel-2021",
    ] {
        let narrow = output(dossier().args(["show", id]).env("COLUMNS", "40"));
        assert_eq!(narrow.code(), 0);
        for line in narrow.stdout.lines() {
            assert!(
                line.width() <= 40,
                "{id}: {} columns: {line:?}",
                line.width()
            );
        }
        let wide = output(dossier().args(["show", id]).env("COLUMNS", "200"));
        assert!(wide.stdout.lines().any(|line| line.width() > 40), "{id}");
        assert_eq!(
            common::collapse_whitespace(&narrow.stdout).replace("- ", "-"),
            common::collapse_whitespace(&wide.stdout).replace("- ", "-"),
            "{id}: only the line breaks differ"
        );
    }
    // Without COLUMNS, piped output is 80 columns wide.
    let out = run(&["show", "nl-annual-consultation"]);
    let widest = out.stdout.lines().map(|l| l.width()).max().unwrap();
    assert!((70..=80).contains(&widest), "{widest}");
}

#[test]
fn show_wraps_hostile_text_to_columns() {
    for id in ["esc", "wide", "csi", "bell", "clipboard", "src"] {
        let out = output(
            dossier()
                .args(["show", id, "-f", &fixture("hostile.ron")])
                .env("COLUMNS", "40"),
        );
        assert_eq!(out.code(), 0, "{id}");
        for line in out.stdout.lines() {
            assert!(
                line.width() <= 40,
                "{id}: {} columns: {line:?}",
                line.width()
            );
        }
    }
}

#[test]
fn hostile_fixture_is_valid_and_printable() {
    let out = run(&["check", &fixture("hostile.ron")]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "tests/fixtures/hostile.ron: 2 countries, 1 forum, 2 actions, 1 source\n"
    );
    // The file spells every control character as a RON escape.
    let text = common::fixture_text("hostile.ron");
    assert_eq!(raw_controls(&text, false), Vec::<char>::new());
    assert!(text.is_ascii() || text.chars().all(|c| !c.is_control() || c == '\n'));
    // …and they are really there once parsed.
    let catalog = dossier::Catalog::load(&common::fixture_path("hostile.ron")).unwrap();
    let all: String = catalog
        .all_items()
        .map(|item| catalog.get(item).unwrap().title().to_owned())
        .collect();
    for needle in [
        "\u{1b}[2J",
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{9b}",
        "\u{202e}",
    ] {
        assert!(all.contains(needle), "{needle:?}");
    }
}

/// The visible stand-ins plain output must use for the hostile fixture's titles.
const STAND_INS: [&str; 6] = [
    "^[[2J",
    "^G",
    "^[]0;pwned^G",
    "^[]52;c;aGk=^G",
    "U+009B",
    "U+202E",
];

#[test]
fn hostile_text_is_shown_inert_in_list_and_search() {
    let out = run_on("hostile.ron", &["list"]);
    assert_eq!(out.code(), 0);
    assert_eq!(
        raw_controls(&out.stdout, true),
        Vec::<char>::new(),
        "{:?}",
        out.stdout
    );
    for line in out.stdout.lines() {
        assert_eq!(
            line.matches('\t').count(),
            2,
            "a title's tab must not add a column: {line:?}"
        );
    }
    for stand_in in STAND_INS {
        assert!(out.stdout.contains(stand_in), "{stand_in}: {}", out.stdout);
    }
    assert!(
        out.stdout
            .contains("action\tbell\tRing^G the bell ^[]0;pwned^G and U+202Ereverse\n")
    );
    assert!(out.stdout.contains("country\tesc\tClear^[[2J screen\n"));
    assert!(out.stdout.contains("forum\tcsi\tCSIU+009B2J forum\n"));

    let out = run_on("hostile.ron", &["search", "clipboard"]);
    assert_eq!(out.code(), 0);
    assert_eq!(raw_controls(&out.stdout, true), Vec::<char>::new());
    assert!(out.stdout.contains(
        "action\tclipboard\tClipboard ^[]52;c;aGk=^G write, C1 U+009B31m, clear ^[[2J\n"
    ));
}

#[test]
fn hostile_text_is_shown_inert_in_show() {
    let mut shown = String::new();
    for id in ["esc", "wide", "csi", "bell", "clipboard", "src"] {
        let out = run_on("hostile.ron", &["show", id]);
        assert_eq!(out.code(), 0, "{id}");
        // Tabs are expanded in show: nothing but newlines may be a control character.
        assert_eq!(
            raw_controls(&out.stdout, false),
            Vec::<char>::new(),
            "{id}: {:?}",
            out.stdout
        );
        for forbidden in [&b"\x1b"[..], b"\x07", b"\xc2\x9b", "\u{202e}".as_bytes()] {
            assert!(
                !out.stdout_bytes
                    .windows(forbidden.len())
                    .any(|w| w == forbidden)
            );
        }
        shown.push_str(&out.stdout);
    }
    for stand_in in STAND_INS {
        assert!(shown.contains(stand_in), "{stand_in}");
    }
    assert!(
        shown.contains("Clear^[[2J screen (U+202Etxet desrever)  [country esc]\n"),
        "{shown}"
    );
    // Wide text and combining accents are kept; a zero-width joiner, whose width
    // terminals count differently, is shown.
    assert!(shown.contains("日本語の国名 cafe\u{301}\u{301}"));
    assert!(shown.contains("zeroU+200Dwidth"), "{shown}");
    // A note's own line break stays inside its bullet.
    assert!(
        shown.contains("  - Line one\n    line two    with a tab ^[[2J and a bell^G\n"),
        "{shown}"
    );
}

#[test]
fn hostile_text_in_json_is_escaped_and_round_trips() {
    let catalog = dossier::Catalog::load(&common::fixture_path("hostile.ron")).unwrap();
    for args in [
        &["list", "--json"][..],
        &["search", "clipboard", "--json"],
        &["show", "bell", "--json"],
        &["show", "esc", "--json"],
    ] {
        let out = run_on("hostile.ron", args);
        assert_eq!(out.code(), 0, "{args:?}");
        // ESC, BEL and every other C0 control are written as \u00XX escapes.
        assert!(!out.stdout_bytes.contains(&0x1b), "{args:?}");
        assert!(!out.stdout_bytes.contains(&0x07), "{args:?}");
        assert!(out.stdout.contains(r"\u001b"), "{args:?}");
        // Parsed back, every title is exactly what the file says.
        let value = json(&out);
        let rows = match value.as_array() {
            Some(rows) => rows.clone(),
            None => vec![value.clone()],
        };
        for row in rows
            .iter()
            .chain(value["related"].as_array().into_iter().flatten())
        {
            let item = catalog.find(row["id"].as_str().unwrap()).unwrap();
            assert_eq!(row["title"], catalog.get(item).unwrap().title(), "{args:?}");
        }
    }
}

#[test]
fn closing_the_pipe_early_is_not_an_error() {
    let mut child = dossier()
        .args(["show", "nl-annual-consultation"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

mod terminal {
    //! Runs the binary on a pseudo-terminal, where it may use colour.
    use super::common;
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    use unicode_width::UnicodeWidthStr;

    fn on_terminal(args: &[&str], cols: u16, no_color: Option<&str>) -> String {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 50,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        command.args(args);
        command.cwd(common::root());
        command.env_remove("DOSSIER_FILE");
        command.env_remove("COLUMNS");
        match no_color {
            Some(value) => command.env("NO_COLOR", value),
            None => command.env_remove("NO_COLOR"),
        }
        let mut child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let reading = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let mut buffer = [0; 4096];
            // Linux reports EIO, not EOF, once the other side is closed.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                bytes.extend_from_slice(&buffer[..n]);
            }
            bytes
        });
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
        drop(pair.master);
        let bytes = reading.join().unwrap();
        String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
    }

    fn strip_sgr(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("\u{1b}[") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find('m').expect("an SGR sequence");
            assert!(after[..end].chars().all(|c| c.is_ascii_digit() || c == ';'));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn colour_on_a_terminal_unless_no_color() {
        let coloured = on_terminal(&["show", "nl"], 100, None);
        assert!(
            coloured.contains("\u{1b}[1mNetherlands (Nederland)\u{1b}[0m"),
            "{coloured:?}"
        );
        // An empty NO_COLOR does not count (no-color.org).
        let empty = on_terminal(&["show", "nl"], 100, Some(""));
        assert!(empty.contains('\u{1b}'));
        let plain = on_terminal(&["show", "nl"], 100, Some("1"));
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        assert_eq!(strip_sgr(&coloured), plain);
    }

    #[test]
    fn show_wraps_to_the_terminal_width() {
        let page = on_terminal(&["show", "nl-annual-consultation"], 50, None);
        let plain = strip_sgr(&page);
        assert!(plain.lines().count() > 20);
        for line in plain.lines() {
            assert!(line.width() <= 50, "{} columns: {line:?}", line.width());
        }
        assert!(plain.lines().any(|line| line.width() > 45));
    }
}

#[test]
fn at_an_unknown_id_exits_1_with_a_suggestion_before_the_terminal_is_touched() {
    let out = run(&["--at", "NL"]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert_eq!(out.stderr, "no item with id `NL`; did you mean `nl`?\n");
    assert_eq!(out.stdout, "", "nothing written to the terminal");
    // A known id gets as far as asking for a terminal.
    let out = run(&["--at", "nl"]);
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("needs a terminal"), "{out:#?}");
}

#[test]
fn an_id_given_as_a_path_points_to_at() {
    let out = run(&["nl"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(
        out.stderr,
        "nl: no such file\n\
         `nl` is an item, not a file: to open the viewer at it, use `dossier --at nl`\n"
    );
    let out = run(&["serach"]);
    assert!(
        out.stderr
            .ends_with("did you mean the command `dossier search`?\n"),
        "{out:#?}"
    );
}

/// The ids `dossier search ARGS…` prints, in order.
fn search_ids(args: &[&str]) -> Vec<String> {
    let out = run(&[&["search"], args].concat());
    assert!(out.code() <= 1, "{args:?}: {out:#?}");
    out.stdout_lines()
        .iter()
        .filter_map(|line| line.split('\t').nth(1))
        .map(str::to_owned)
        .collect()
}

#[test]
fn filters_select_by_kind_status_link_and_topic() {
    // "Everything still planned with the Netherlands", in one line.
    assert_eq!(
        search_ids(&["status:planned", "country:netherlands"]),
        ["nl-civil-firearms"]
    );
    assert_eq!(
        search_ids(&["status:planned", "country:nl"]),
        search_ids(&["status:Planned", "country:NL"])
    );
    assert_eq!(
        search_ids(&["status:paused,planned", "kind:action"]),
        [
            "nl-civil-firearms",
            "de-annual-consultation",
            "dk-annual-consultation",
            "fr-dialogue"
        ]
    );
    assert_eq!(search_ids(&["kind:forums"]), ["coarm", "duwp"]);
    // Linked either way: the forums the Netherlands belongs to, the actions held in them.
    assert_eq!(
        search_ids(&["forum:duwp", "kind:action"]),
        ["nl-multilateral-cooperation"]
    );
    assert_eq!(search_ids(&["forum:duwp", "kind:country"]), ["nl"]);
    let cited = search_ids(&["source:vp-wapenhandel-2021", "kind:forum"]);
    assert_eq!(cited, ["coarm", "duwp"]);
    assert_eq!(search_ids(&["topic:firearms"]), ["nl", "nl-civil-firearms"]);
    // Negated, and with --kind, and in JSON.
    let not_done = search_ids(&["kind:action", "!status:paused"]);
    assert!(!not_done.contains(&"de-annual-consultation".to_owned()));
    assert_eq!(not_done.len(), 9 - 2);
    assert_eq!(
        search_ids(&["country:dk", "--kind", "action"]),
        ["like-minded-relations", "dk-annual-consultation"]
    );
    let rows = json(&run(&["search", "status:planned", "country:nl", "--json"]));
    assert_eq!(rows[0]["id"], "nl-civil-firearms");
    assert_eq!(rows[0]["status"], "Planned");
}

#[test]
fn fzf_operators_work() {
    assert_eq!(
        search_ids(&["'najaar", "kind:action"]),
        ["nl-annual-consultation", "nl-civil-firearms"]
    );
    assert!(search_ids(&["^nl"]).iter().all(|id| id.starts_with("nl")));
    assert_eq!(search_ids(&["^nl$"]), ["nl"]);
    assert!(
        search_ids(&["consultation$"])
            .iter()
            .all(|id| id.ends_with("consultation")),
    );
    let with = search_ids(&["consultation"]);
    let without = search_ids(&["consultation", "!dutch"]);
    assert!(
        !without.is_empty() && without.len() < with.len(),
        "{without:?}"
    );
    // The item's own text, without its related items: a briefing that presents it may
    // say Dutch in its title without the item saying so.
    for id in &without {
        let mut item = json(&run(&["show", id, "--json"]));
        item["related"] = serde_json::Value::Null;
        let text = item.to_string().to_lowercase();
        assert!(!text.contains("dutch"), "{id} says Dutch");
    }
    assert_eq!(
        search_ids(&["coarm", "|", "duwp", "kind:forum"]),
        ["coarm", "duwp"]
    );
    // A colon in text is quoted.
    assert_eq!(search_ids(&["'note:"]), Vec::<String>::new());
}

#[test]
fn query_errors_exit_2_with_the_term_marked_and_a_suggestion() {
    // Too many terms: nothing is searched, and the message says so plainly.
    let terms: Vec<String> = (1..=70).map(|n| format!("t{n}")).collect();
    let mut args = vec!["search"];
    args.extend(terms.iter().map(String::as_str));
    let out = run(&args);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr
            .starts_with("error: the query has 70 terms; a query may have at most 64\n"),
        "{}",
        out.stderr
    );
    let out = run(&["search", "statu:planned", "nl"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "error: unknown field `statu`; did you mean `status`?\n  statu:planned nl\n  ^^^^^\n"
    );
    let out = run(&["search", "nl", "status:planed"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "error: unknown status `planed`; did you mean `Planned`?\n  nl status:planed\n            ^^^^^^\n"
    );
    let out = run(&["search", "country:netherland"]);
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("did you mean `nl`?"), "{out:#?}");
    // Control characters in a query are shown inert.
    let out = run(&["search", "\u{1b}]0;x\u{7}:y"]);
    assert_eq!(out.code(), 2);
    assert!(
        common::raw_controls(&out.stderr, false).is_empty(),
        "{out:#?}"
    );
}

#[test]
fn loose_matches_no_longer_bring_noise() {
    for word in ["semi", "autumn"] {
        for id in search_ids(&[word]) {
            let page = run(&["show", &id]).stdout.to_lowercase();
            assert!(
                page.contains(word),
                "`search {word}` found {id}, which never says it"
            );
        }
    }
    assert_eq!(
        search_ids(&["nac"]).first().map(String::as_str),
        Some("nl-annual-consultation")
    );
}

#[test]
fn values_clap_rejects_are_shown_inert() {
    let title = "\u{1b}]0;pwned\u{7}";
    let clipboard = "\u{1b}]52;c;aGk=\u{7}";
    for args in [
        &["search", "--kind", title, "nl"][..],
        &["list", clipboard],
        &["search", "x", "--limit", title],
        &[title],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 2, "{args:?}: {out:#?}");
        assert!(
            common::raw_controls(&out.stderr, false).is_empty(),
            "{args:?}: {:?}",
            out.stderr
        );
        assert!(
            out.stderr.contains("^[]"),
            "shown, not dropped: {:?}",
            out.stderr
        );
    }
    // Help still goes to standard output, exit 0.
    let out = run(&["--help"]);
    assert_eq!(out.code(), 0);
    assert!(out.stdout.contains("Usage: dossier"), "{out:#?}");
}

#[test]
fn a_full_disk_is_an_error_for_check_too() {
    for args in [
        &["check"][..],
        &["list"],
        &["show", "nl"],
        &["search", "nl"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = common::output(dossier().args(args).stdout(full));
        assert_eq!(out.code(), 2, "{args:?}: {out:#?}");
        assert!(
            out.stderr.contains("cannot write output"),
            "{args:?}: {out:#?}"
        );
    }
}

/// One rule for an id the dossier does not have, whichever command looks it up: exit 1
/// with a suggestion (the command line was right; the dossier has no such item).
#[test]
fn an_unknown_id_exits_1_for_every_command() {
    for args in [
        &["show", "nl-partnersip"][..],
        &["export", "nl-partnersip"],
        &["present", "nl-partnersip"],
        &["present", "nl", "nl-partnersip"],
        &["--at", "nl-partnersip"],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 1, "{args:?}: {out:#?}");
        assert_eq!(
            out.stderr, "no item with id `nl-partnersip`; did you mean `nl-partnership`?\n",
            "{args:?}"
        );
        assert_eq!(out.stdout, "", "{args:?}");
    }
}

/// A word near a command gets the command suggested, with or without words after it.
#[test]
fn a_misspelt_command_is_suggested_whatever_follows_it() {
    for args in [
        &["serch", "dual"][..],
        &["-f", "data/dossier.ron", "serch", "dual"],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 2, "{args:?}: {out:#?}");
        assert!(
            out.stderr
                .contains("tip: did you mean the command `dossier search`?"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // A real file is a file: no suggestion of a command.
    let out = run(&["data/dossier.ron", "dual"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        !out.stderr.contains("did you mean the command"),
        "{}",
        out.stderr
    );
}

/// The usage line under a mistake is the command's usual one, not one made of the
/// arguments that happened to be given (`dossier show --json <ID>`).
#[test]
fn a_mistaken_flag_shows_the_commands_usual_usage() {
    let out = run(&["show", "nl", "--jsn"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr.contains("a similar argument exists: '--json'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("\nUsage: dossier show [OPTIONS] [ID]\n"),
        "{}",
        out.stderr
    );
    let out = run(&["search", "dual", "--jsn"]);
    assert!(
        out.stderr
            .contains("\nUsage: dossier search [OPTIONS] <QUERY>...\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn list_takes_a_limit_and_never_tips_a_double_dash() {
    let out = run(&["list", "--limit", "3"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(out.stdout_lines().len(), 3, "{}", out.stdout);
    let out = run(&["list", "actions", "--limit", "2", "--json"]);
    assert_eq!(json(&out).as_array().map(Vec::len), Some(2));
    let out = run(&["list", "--limit", "0"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    let out = run(&["list", "--bogus"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(!out.stderr.contains("-- --bogus"), "{}", out.stderr);
}

/// `follow` reads no file, so a file or `--no-watch` given to it is a mistake, said before
/// anything is connected to; `DOSSIER_FILE` in the environment is not.
#[test]
fn follow_refuses_a_file_and_no_watch() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("none.sock");
    let socket = socket.to_str().unwrap();
    for args in [
        &["follow", socket, "-f", "data/dossier.ron"][..],
        &["-f", "data/dossier.ron", "follow", socket],
        &["data/dossier.ron", "follow", socket],
        &["--no-watch", "follow", socket],
        &["follow", "--no-watch", socket],
    ] {
        let out = run(args);
        assert_eq!(out.code(), 2, "{args:?}: {out:#?}");
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("cannot follow"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("-- --"), "{args:?}: {}", out.stderr);
    }
    let out = output(
        dossier()
            .env("DOSSIER_FILE", "data/dossier.ron")
            .args(["follow", socket]),
    );
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(out.stderr.contains("cannot follow"), "{}", out.stderr);
}

/// A socket mode without read and write for its owner would make a socket nobody can
/// follow on: refused before anything is made.
#[test]
fn a_share_mode_that_locks_the_owner_out_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("s.sock");
    for mode in ["0", "000", "400", "200", "066", "500"] {
        let out = run(&[
            "present",
            "nl-partnership",
            "--share",
            socket.to_str().unwrap(),
            "--share-mode",
            mode,
        ]);
        assert_eq!(out.code(), 2, "{mode}: {out:#?}");
        assert!(
            out.stderr.contains("leaves the owner unable to connect"),
            "{mode}: {}",
            out.stderr
        );
        assert!(!socket.exists());
    }
    // Modes that let the owner in get as far as asking for a terminal.
    for mode in ["600", "660", "666", "700"] {
        let out = run(&[
            "present",
            "nl-partnership",
            "--share",
            socket.to_str().unwrap(),
            "--share-mode",
            mode,
        ]);
        assert!(out.stderr.contains("needs a terminal"), "{mode}: {out:#?}");
    }
}
