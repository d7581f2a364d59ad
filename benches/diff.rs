//! `dossier diff` on two big versions of a dossier, against loading both.
//!
//! `cargo bench --bench diff`. The old version is the generator's 100 000 actions (seed
//! 7, as `cargo run --example gen` writes it); the new one differs in 1% of its items:
//! a third of them changed (status and summary), a third removed, a third added. Both
//! are written to files, which the benchmarks read as the command does:
//! - `diff/load_both`: `Catalog::load` of each, one after the other: the baseline;
//! - `diff/command`: `dossier diff OLD NEW` as the binary runs it (`cli::run`, output
//!   to a sink): both loaded side by side, compared, and the text written;
//! - `diff/compare`: `Changes::between` alone, on catalogs loaded beforehand;
//! - `lines/find`: finding every item's line in the old version's text (what loading
//!   does beside the parse, for `e` in the viewer), alone, on one core.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use dossier::Catalog;
use dossier::cli::{Command, Style, run};
use dossier::diff::Changes;
use dossier::lines::ItemLines;

const ACTIONS: usize = 100_000;
const SEED: u64 = 7;

/// The generated dossier with one action in `every` changed (status and summary), one
/// removed and one added, at different places.
fn later_version(text: &str, every: usize) -> String {
    // The generator's layout: each action opens and closes on a line of its own.
    let at = text.find("Action(\n").expect("actions");
    let indent = &text[text[..at].rfind('\n').expect("a line") + 1..at];
    let opening = format!("\n{indent}Action(\n");
    let closing = format!("\n{indent}),");
    let mut blocks = text.split(opening.as_str());
    let mut out = blocks.next().unwrap_or_default().to_owned();
    for (n, block) in blocks.enumerate() {
        match n % every {
            0 => {
                let changed = block
                    .replacen("status: ", "status: Cancelled, // was ", 1)
                    .replacen("summary: \"", "summary: \"Amended. ", 1);
                out.push_str(&opening);
                out.push_str(&changed);
            }
            m if m == every / 3 => {
                // Removed: keep only what follows the action (the end of the list).
                if let Some(end) = block.find(closing.as_str()) {
                    out.push_str(&block[end + closing.len()..]);
                }
            }
            m if m == 2 * every / 3 => {
                out.push_str(&opening);
                out.push_str(block);
                let added = block.replacen("\",\n", "-added\",\n", 1);
                out.push_str(&opening);
                out.push_str(&added);
            }
            _ => {
                out.push_str(&opening);
                out.push_str(block);
            }
        }
    }
    out
}

fn diff(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old_text = generate::dossier(ACTIONS, SEED);
    // 1% of the items: one in 300 of each of changed, removed and added.
    let new_text = later_version(&old_text, 300);
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::write(&old, &old_text).expect("written");
    std::fs::write(&new, &new_text).expect("written");
    let load = |path: &Path| Catalog::load(path).expect("generated dossier loads");
    let (old_catalog, new_catalog) = (load(&old), load(&new));
    let changes = Changes::between(&old_catalog, &new_catalog);
    let differing = changes.items.len();
    assert!(
        (ACTIONS / 110..=ACTIONS / 90).contains(&differing),
        "{differing} items differ, not 1%"
    );
    assert!(new_catalog.problems.is_empty());
    eprintln!("the versions differ: {}", changes.summary());

    let mut group = c.benchmark_group("diff");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30))
        .warm_up_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);
    group.bench_function("load_both", |b| {
        b.iter(|| (load(black_box(&old)), load(black_box(&new))))
    });
    group.bench_function("command", |b| {
        b.iter(|| {
            let command = Command::Diff {
                old: Some(old.display().to_string()),
                new: Some(new.display().to_string()),
                since: None,
                json: false,
            };
            let code = run(
                command,
                None,
                Style::plain(100),
                &mut std::io::sink(),
                &mut std::io::sink(),
            );
            assert_eq!(code, 1);
        })
    });
    group.bench_function("compare", |b| {
        b.iter(|| Changes::between(black_box(&old_catalog), black_box(&new_catalog)))
    });
    group.finish();

    let mut group = c.benchmark_group("lines");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("find", |b| {
        b.iter(|| ItemLines::find(black_box(&old_text), &old_catalog.dossier))
    });
    group.finish();
}

criterion_group!(benches, diff);
criterion_main!(benches);
