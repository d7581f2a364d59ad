//! The code's rooms and the direction of the arrows between them, as the README's "How
//! the code is laid out" draws them: no room imports a room that imports it back, and
//! no file grows past what a reader takes in as one idea.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The most lines a file may have before its tests.
const MOST_LINES: usize = 600;

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                // A module of tests in a file of its own is a test, as a `#[cfg(test)]`
                // tail is.
                && path.file_name().is_some_and(|name| name != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

/// A file's module path: `src/tui/app/browse.rs` is `["tui", "app", "browse"]`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// The room a module belongs to: its top-level module, or inside the viewer its
/// `tui::` module. `lib` and `main` are the crate itself.
fn room(module: &[String]) -> Option<String> {
    match module {
        [] => None,
        [top] if top == "lib" || top == "main" => None,
        [top, next, ..] if top == "tui" => Some(format!("tui::{next}")),
        [top, ..] => Some(top.clone()),
    }
}

/// The code of a file without its `#[cfg(test)]` tail and without comments.
fn code(text: &str) -> String {
    let before_tests = text.split("\n#[cfg(test)]").next().unwrap_or_default();
    before_tests
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path a file names: `crate::a::b`, and `super::`/`super::super::` ones
/// resolved against the file's own module.
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|word| word.contains("::"))
        .collect();
    for word in words {
        let parts: Vec<&str> = word.split("::").filter(|part| !part.is_empty()).collect();
        let mut base: Vec<String> = match parts.first() {
            Some(&"crate") => Vec::new(),
            Some(&"super") => module.to_vec(),
            _ => continue,
        };
        let mut rest = parts
            .iter()
            .skip(usize::from(parts.first() == Some(&"crate")));
        let mut path = Vec::new();
        for part in rest.by_ref() {
            if *part == "super" {
                base.pop();
            } else {
                path.push((*part).to_owned());
            }
        }
        base.extend(path);
        found.push(base);
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let rooms: BTreeSet<String> = sources()
        .iter()
        .filter_map(|file| room(&module_of(file)))
        .collect();
    for file in sources() {
        let module = module_of(&file);
        let Some(from) = room(&module) else { continue };
        let text = fs::read_to_string(&file).unwrap();
        for target in references(&module, &code(&text)) {
            if let Some(to) = room(&target).filter(|to| rooms.contains(to) && *to != from) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

/// A cycle through `start`, if there is one.
fn cycle_from(
    edges: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    let last = path.last()?.clone();
    for next in edges.get(&last).into_iter().flatten() {
        if let Some(at) = path.iter().position(|seen| seen == next) {
            let mut cycle = path[at..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        path.push(next.clone());
        if let Some(cycle) = cycle_from(edges, path) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

#[test]
fn no_room_imports_a_room_that_imports_it() {
    let edges = graph();
    assert!(
        edges
            .get("tui::ui")
            .is_some_and(|to| to.contains("tui::app")),
        "the graph sees imports: {edges:#?}"
    );
    for start in edges.keys() {
        if let Some(cycle) = cycle_from(&edges, &mut vec![start.clone()]) {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_state_and_the_drawing_sit_above_the_layout() {
    let edges = graph();
    let imports = |room: &str| edges.get(room).cloned().unwrap_or_default();
    for below in ["tui::layout", "tui::view", "tui::message", "tui::keys"] {
        for above in ["tui::app", "tui::ui", "tui::run"] {
            assert!(
                !imports(below).contains(above),
                "{below} imports {above}: {:?}",
                imports(below)
            );
        }
    }
    for below in [
        "model", "load", "validate", "catalog", "describe", "search", "query", "export", "share",
        "text",
    ] {
        assert!(
            !imports(below)
                .iter()
                .any(|to| to.starts_with("tui") || to == "cli"),
            "{below} reaches up: {:?}",
            imports(below)
        );
    }
}

#[test]
fn no_file_is_two_ideas() {
    let too_long: Vec<String> = sources()
        .iter()
        .filter_map(|file| {
            let text = fs::read_to_string(file).unwrap();
            let lines = text
                .split("\n#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .count();
            (lines > MOST_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(
        too_long.is_empty(),
        "files past {MOST_LINES} lines before their tests:\n{}",
        too_long.join("\n")
    );
}
