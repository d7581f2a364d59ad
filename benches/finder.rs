//! How fast the finder answers a keystroke on a big dossier.
//!
//! `cargo bench --bench finder`. Sizes are 1k, 10k and 100k actions, generated in process
//! by the same code as `cargo run --example gen`; each catalog is built (search
//! prepared) once per size, outside the timing. Two groups:
//!
//! - `finder/SIZE/QUERY`, e.g. `finder/10k/dual nl`: one query searched cold, as the
//!   first keystroke or a pasted query is: parse the query, rank every item keeping the
//!   best 200 (and the total), and compute title highlights for the 40 rows a screen
//!   shows.
//! - `finder-typing/SIZE/PHRASE/narrowing`: the phrase typed a character at a time, as
//!   the viewer's search worker does with a `Narrowing` (each keystroke searches only
//!   what the previous one left), keeping the viewer's 500 best and computing the 40
//!   rows' highlights. The time reported is per keystroke (the whole phrase's time
//!   divided by its length). `.../cold` types the same with every keystroke a cold
//!   search, for comparison. Before measuring, each phrase's slowest keystroke (median
//!   of 11 typings) is printed.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use dossier::Catalog;
use dossier::search::{Narrowing, Query, Results, SearchIndex};

/// (label, actions, samples, measurement time in seconds).
const SIZES: [(&str, usize, usize, u64); 3] = [
    ("1k", 1_000, 50, 3),
    ("10k", 10_000, 20, 4),
    ("100k", 100_000, 10, 6),
];

const QUERIES: [&str; 14] = [
    "c",
    "co",
    "sem",
    "xyzq",
    "annual consultation denmark",
    "dual nl",
    "tweeerlei",
    "cesko",
    // Filters, alone and with text and operators.
    "status:planned",
    "status:planned country:nl",
    "kind:action topic:dual !status:done",
    "source:jaarverslag-2022 co",
    "forum:coarm | forum:duwp ^nl",
    "'export !'dual",
];

/// Typed a character at a time.
const PHRASES: [&str; 2] = ["annual consultation denmark", "dual-use nl !status:done"];

const LIMIT: usize = 200;
/// What the viewer's finder keeps (`tui::app::FINDER_LIMIT`).
const FINDER_LIMIT: usize = 500;
const SHOWN: usize = 40;
const SEED: u64 = 7;

fn finder(c: &mut Criterion) {
    let mut group = c.benchmark_group("finder");
    let mut typing = Vec::new();
    for (label, actions, samples, seconds) in SIZES {
        let text = generate::dossier(actions, SEED);
        let catalog = Catalog::from_text("big", &text).expect("generated dossier loads");
        drop(text);
        // The search is prepared once, outside the timing, as the viewer does.
        let index = SearchIndex::new(&catalog);
        group
            .sample_size(samples)
            .measurement_time(Duration::from_secs(seconds))
            .warm_up_time(Duration::from_secs(1))
            .sampling_mode(SamplingMode::Flat);
        for query in QUERIES {
            let id = BenchmarkId::new(label, query);
            group.bench_with_input(id, query, |b, query| {
                b.iter(|| keystroke(&index, black_box(query)))
            });
        }
        if actions >= 10_000 {
            typing.push((label, samples, seconds, catalog, index));
        }
    }
    group.finish();
    let mut group = c.benchmark_group("finder-typing");
    for (label, samples, seconds, _catalog, index) in &typing {
        group
            .sample_size(*samples)
            .measurement_time(Duration::from_secs(*seconds))
            .warm_up_time(Duration::from_secs(1))
            .sampling_mode(SamplingMode::Flat);
        for phrase in PHRASES {
            let typed = prefixes(phrase);
            print_slowest_keystroke(label, phrase, index, &typed);
            let keys = u32::try_from(typed.len()).expect("a short phrase");
            group.bench_function(
                BenchmarkId::new(*label, format!("{phrase}/narrowing")),
                |b| {
                    b.iter_custom(|iters| {
                        let start = Instant::now();
                        for _ in 0..iters {
                            let mut narrowing = Narrowing::new();
                            for input in &typed {
                                black_box(narrowed(index, &mut narrowing, input));
                            }
                        }
                        start.elapsed() / keys
                    })
                },
            );
            group.bench_function(BenchmarkId::new(*label, format!("{phrase}/cold")), |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    for _ in 0..iters {
                        for input in &typed {
                            black_box(cold(index, input));
                        }
                    }
                    start.elapsed() / keys
                })
            });
        }
    }
    group.finish();
}

/// What the finder computes for one keystroke: the top rows, the total, the highlights.
fn keystroke(index: &SearchIndex, query: &str) -> (usize, usize) {
    let query = index.query(query).expect("the bench's queries parse");
    let results = index.search(&query, None, Some(LIMIT));
    let highlighted: usize = results
        .hits
        .iter()
        .take(SHOWN)
        .map(|hit| index.highlights(hit.item, &query).len())
        .sum();
    (results.total, highlighted)
}

/// The same while typing, as the viewer does: the search worker narrows, and the
/// finder's rows highlight the query's words.
fn narrowed(index: &SearchIndex, narrowing: &mut Narrowing, input: &str) -> (usize, usize) {
    // A prefix may be a query being typed that does not parse yet (`status:`).
    let Ok(results) = narrowing.search(index, input, Some(FINDER_LIMIT)) else {
        return (0, 0);
    };
    shown(index, &results, input)
}

fn cold(index: &SearchIndex, input: &str) -> (usize, usize) {
    let Ok(query) = index.query(input) else {
        return (0, 0);
    };
    let results = index.search(&query, None, Some(FINDER_LIMIT));
    shown(index, &results, input)
}

/// What a typed query puts on screen: the total, and the highlights of the rows shown.
fn shown(index: &SearchIndex, results: &Results, input: &str) -> (usize, usize) {
    let words = Query::words(input);
    let highlighted: usize = results
        .hits
        .iter()
        .take(SHOWN)
        .map(|hit| index.highlights(hit.item, &words).len())
        .sum();
    (results.total, highlighted)
}

/// `annual`, typed: `a`, `an`, `ann`, …
fn prefixes(phrase: &str) -> Vec<String> {
    phrase
        .char_indices()
        .map(|(at, c)| phrase[..at + c.len_utf8()].to_owned())
        .collect()
}

/// The slowest keystroke of typing `typed`, median of 11 typings, and the median
/// keystroke: the mean alone would hide one slow key.
fn print_slowest_keystroke(label: &str, phrase: &str, index: &SearchIndex, typed: &[String]) {
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); typed.len()];
    for _ in 0..11 {
        let mut narrowing = Narrowing::new();
        for (input, times) in typed.iter().zip(&mut times) {
            let start = Instant::now();
            black_box(narrowed(index, &mut narrowing, input));
            times.push(start.elapsed());
        }
    }
    let mut medians: Vec<(Duration, &str)> = times
        .iter_mut()
        .zip(typed)
        .map(|(times, input)| {
            times.sort_unstable();
            (times[times.len() / 2], input.as_str())
        })
        .collect();
    medians.sort_unstable();
    let (slowest, at) = medians[medians.len() - 1];
    let (median, _) = medians[medians.len() / 2];
    println!(
        "finder-typing/{label}/{phrase}: median keystroke {median:.2?}, slowest {slowest:.2?} (`{at}`)"
    );
}

criterion_group!(benches, finder);
criterion_main!(benches);
