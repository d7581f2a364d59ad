//! How fast the finder answers a keystroke on a big dossier.
//!
//! `cargo bench --bench finder`. For each size (1k, 10k and 100k actions, generated in
//! process by the same code as `cargo run --example gen`) and each query, one iteration is
//! what the finder does per keystroke: parse the query, rank every item keeping the best
//! 200 (and the total), and compute title highlights for the 40 rows a screen shows.
//! Benchmarks are named `finder/SIZE/QUERY`, e.g. `finder/10k/dual nl`. The catalog is
//! built (search prepared) once per size, outside the timing.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use dossier::Catalog;
use dossier::search::SearchIndex;

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

const LIMIT: usize = 200;
const SHOWN: usize = 40;
const SEED: u64 = 7;

fn finder(c: &mut Criterion) {
    let mut group = c.benchmark_group("finder");
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

criterion_group!(benches, finder);
criterion_main!(benches);
