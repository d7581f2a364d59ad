//! The README stays true: its example dossier is the fixture and passes `check`, every
//! `console` session in it prints exactly what the binary prints, and it documents every
//! field, status and limit the code has.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::{dossier, fixture_text, output, root};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The fenced blocks with this info string, in order.
fn blocks(text: &str, info: &str) -> Vec<String> {
    let open = format!("```{info}\n");
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        let body = &rest[start + open.len()..];
        let end = body.find("\n```\n").expect("a closed block");
        found.push(body[..end + 1].to_owned());
        rest = &body[end..];
    }
    found
}

#[test]
fn the_example_is_the_fixture_and_is_valid() {
    let readme = readme();
    let section = &readme[readme.find("### A complete example").expect("the section")..];
    let example = blocks(section, "ron")
        .into_iter()
        .next()
        .expect("a ron block");
    assert_eq!(example, fixture_text("example.ron"));

    let out = common::run(&["check", "tests/fixtures/example.ron"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "tests/fixtures/example.ron: 2 countries, 1 forum, 2 actions, 1 source, 1 briefing\n"
    );
    let catalog = dossier::Catalog::from_text("example", &example).unwrap();
    assert!(catalog.problems.is_empty());
}

/// The README example's dossier and one of each of its types, as JSON objects.
fn example_objects() -> [serde_json::Value; 7] {
    let catalog = dossier::Catalog::from_text("example", &fixture_text("example.ron")).unwrap();
    let d = &catalog.dossier;
    [
        serde_json::to_value(d).unwrap(),
        serde_json::to_value(&d.sources[0]).unwrap(),
        serde_json::to_value(&d.countries[0]).unwrap(),
        serde_json::to_value(&d.forums[0]).unwrap(),
        serde_json::to_value(&d.actions[0]).unwrap(),
        serde_json::to_value(&d.countries[0].citations[0]).unwrap(),
        serde_json::to_value(&d.briefings[0]).unwrap(),
    ]
}

#[test]
fn the_example_uses_every_field() {
    let objects = example_objects();
    for object in objects {
        for (field, value) in object.as_object().unwrap() {
            let empty = value.is_null()
                || value.as_str() == Some("")
                || value
                    .as_array()
                    .is_some_and(|a| a.is_empty() && field != "forums");
            assert!(!empty, "the example leaves `{field}` out");
        }
    }
}

#[test]
fn every_field_status_and_limit_is_documented() {
    let readme = readme();
    let authors = &readme[readme.find("## For dossier authors").unwrap()..];
    let objects = example_objects();
    for object in objects {
        for field in object.as_object().unwrap().keys() {
            assert!(
                authors.contains(&format!("`{field}`")),
                "`{field}` is undocumented"
            );
        }
    }
    for status in dossier::Status::ALL {
        assert!(
            authors.contains(&format!("`{}`", status.label())),
            "{status:?}"
        );
    }
    assert_eq!(dossier::load::MAX_FILE_BYTES, 128 << 20);
    assert!(authors.contains("**128 MiB** (134 217 728 bytes)"));
    assert!(authors.contains(&format!("**{} levels**", dossier::load::MAX_NESTING)));
}

#[test]
fn the_two_commands_are_the_ones_ci_runs() {
    let readme = readme();
    let commands = &blocks(&readme, "sh")[0];
    assert!(commands.contains("cargo run --release "));
    assert!(commands.contains("cargo test --locked "));
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|line| line == "cargo test --locked"), "{ci}");
    assert!(readme.contains("## The viewer\n"));
    assert!(readme.contains("## Performance\n"));
}

#[test]
fn every_console_session_prints_what_the_binary_prints() {
    let readme = readme();
    let sessions = blocks(&readme, "console");
    assert!(sessions.len() >= 15, "{} sessions", sessions.len());
    let mut commands = 0;
    for session in sessions {
        let mut lines = session.lines().peekable();
        while let Some(line) = lines.next() {
            let command = line
                .strip_prefix("$ dossier ")
                .unwrap_or_else(|| panic!("not a command: {line:?}"));
            let mut expected = String::new();
            while let Some(next) = lines.next_if(|next| !next.starts_with("$ ")) {
                expected.push_str(next);
                expected.push('\n');
            }
            // A handout carries the day it was made: the README's is this one.
            let out = output(
                dossier()
                    .args(command.split(' '))
                    .env("SOURCE_DATE_EPOCH", "1765000000"),
            );
            let got = format!("{}{}", out.stdout, out.stderr);
            assert!(
                out.stdout.is_empty() || out.stderr.is_empty(),
                "`dossier {command}` writes to both streams; the README cannot show the order"
            );
            assert_eq!(got, expected, "`dossier {command}` in the README");
            commands += 1;
        }
    }
    assert!(commands >= 18, "{commands} commands");
}

#[test]
fn the_key_table_is_the_viewers() {
    let readme = readme();
    let table = readme
        .split("<!-- keys -->\n")
        .nth(1)
        .and_then(|rest| rest.split("<!-- /keys -->").next())
        .expect("the README marks its key table");
    let expected = dossier::tui::keys::markdown_table();
    if table != expected {
        // Shows the table to paste when the key table changed on purpose.
        panic!("the README's key table differs from the viewer's:\n{expected}");
    }
}
