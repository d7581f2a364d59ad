//! `dossier init`: a starter dossier that loads without a problem, written only where
//! nothing is.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::path::Path;

use common::{dossier, output};
use dossier::{Catalog, Kind};

fn init_in(dir: &Path, args: &[&str]) -> common::Output {
    let mut command = dossier();
    command.current_dir(dir).arg("init").args(args);
    output(&mut command)
}

#[test]
fn the_starter_loads_with_no_problems_and_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let out = init_in(dir.path(), &["my.ron"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "my.ron: a starter dossier with 1 country, 1 forum, 1 action, 1 source, 1 briefing\n\
         Edit it, check it with `dossier check my.ron`, open it with `dossier my.ron`.\n"
    );
    assert_eq!(out.stderr, "");
    let path = dir.path().join("my.ron");
    let catalog = Catalog::load(&path).unwrap();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    for kind in Kind::ALL {
        assert_eq!(catalog.count(kind), 1, "{kind:?}");
    }
    let quotes: usize = catalog
        .all_items()
        .filter_map(|item| catalog.get(item))
        .map(|item| item.citations().len())
        .sum();
    assert_eq!(quotes, 1);
    // `check` agrees, and every item's line is its id's, comments notwithstanding.
    let mut command = dossier();
    command.current_dir(dir.path()).args(["check", "my.ron"]);
    assert_eq!(output(&mut command).code(), 0);
    let text = std::fs::read_to_string(&path).unwrap();
    for item in catalog.all_items() {
        let id = catalog.get(item).unwrap().id();
        let line = catalog.line(item).unwrap();
        let written = text.lines().nth(line - 1).unwrap();
        assert!(
            written.trim_start().starts_with(&format!("id: \"{id}\"")),
            "{item:?} at {line}: {written}"
        );
    }
}

#[test]
fn every_field_is_explained_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(init_in(dir.path(), &[]).code(), 0);
    let text = std::fs::read_to_string(dir.path().join("dossier.ron")).unwrap();
    let catalog = Catalog::from_text("starter", &text).unwrap();
    // Every field of every kind is written out in its item, or named in a comment there.
    let objects = [
        (
            "Source(",
            serde_json::to_value(&catalog.dossier.sources[0]).unwrap(),
        ),
        (
            "Country(",
            serde_json::to_value(&catalog.dossier.countries[0]).unwrap(),
        ),
        (
            "Forum(",
            serde_json::to_value(&catalog.dossier.forums[0]).unwrap(),
        ),
        (
            "Action(",
            serde_json::to_value(&catalog.dossier.actions[0]).unwrap(),
        ),
        (
            "Briefing(",
            serde_json::to_value(&catalog.dossier.briefings[0]).unwrap(),
        ),
        (
            "Citation(",
            serde_json::to_value(&catalog.dossier.countries[0].citations[0]).unwrap(),
        ),
    ];
    for (opening, object) in objects {
        let start = text.find(opening).unwrap();
        let indent = text[..start].rsplit('\n').next().unwrap();
        let end = start + text[start..].find(&format!("\n{indent}),")).unwrap();
        let block = &text[start..end];
        for field in object.as_object().unwrap().keys() {
            let written = block
                .lines()
                .any(|line| line.trim_start().starts_with(&format!("{field}:")));
            let named = block
                .lines()
                .any(|line| line.trim_start().starts_with("//") && line.contains(field.as_str()));
            assert!(
                written || named,
                "`{field}` is not in the starter's {opening}…)"
            );
        }
    }
    let comments = text.lines().filter(|line| line.contains("//")).count();
    assert!(comments >= 30, "{comments} commented lines");
}

#[test]
fn init_never_writes_over_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.ron");
    std::fs::write(&path, "precious").unwrap();
    let out = init_in(dir.path(), &[]);
    assert_eq!(out.code(), 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "dossier: dossier.ron already exists; init never writes over a file, give another path\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
    // Not through a dangling symbolic link either.
    #[cfg(unix)]
    {
        let target = dir.path().join("elsewhere.ron");
        std::os::unix::fs::symlink(&target, dir.path().join("link.ron")).unwrap();
        let out = init_in(dir.path(), &["link.ron"]);
        assert_eq!(out.code(), 2, "{out:#?}");
        assert!(!target.exists());
    }
    let out = init_in(dir.path(), &["no/such/dir.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "dossier: cannot create no/such/dir.ron: no such file or directory\n"
    );
}
