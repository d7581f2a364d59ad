//! How long a big dossier takes to load, against the parser's floor.
//!
//! `cargo bench --bench load`. For each size (1k, 10k and 100k actions, generated in
//! process by the same code as `cargo run --example gen`):
//! - `load/ron_from_str/SIZE`: bare `ron` deserialization into `Dossier`, as fast as
//!   parsing this text can be;
//! - `load/catalog/SIZE`: `Catalog::from_text` and then `SearchIndex::new`: parse, validate,
//!   index ids and relations, and prepare the search, everything loading costs in all;
//! - `load/first_frame/SIZE`: `Catalog::from_text` alone, what the viewer waits for before
//!   its first frame now that the search is prepared on first use (in the background).
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use dossier::search::SearchIndex;
use ron::extensions::Extensions;

/// (label, actions, samples, measurement time in seconds).
const SIZES: [(&str, usize, usize, u64); 3] = [
    ("1k", 1_000, 50, 5),
    ("10k", 10_000, 20, 8),
    ("100k", 100_000, 10, 20),
];

const SEED: u64 = 7;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for (label, actions, samples, seconds) in SIZES {
        let text = generate::dossier(actions, SEED);
        group
            .sample_size(samples)
            .measurement_time(Duration::from_secs(seconds))
            .warm_up_time(Duration::from_secs(2))
            .sampling_mode(SamplingMode::Flat)
            .throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("ron_from_str", label), &text, |b, text| {
            b.iter(|| {
                ron::Options::default()
                    .with_default_extension(Extensions::IMPLICIT_SOME)
                    .from_str::<dossier::Dossier>(black_box(text))
                    .expect("generated dossier parses")
            })
        });
        group.bench_with_input(BenchmarkId::new("catalog", label), &text, |b, text| {
            b.iter(|| {
                let catalog = dossier::Catalog::from_text("big", black_box(text))
                    .expect("generated dossier loads");
                black_box(SearchIndex::new(&catalog));
                catalog
            })
        });
        group.bench_with_input(BenchmarkId::new("first_frame", label), &text, |b, text| {
            b.iter(|| {
                dossier::Catalog::from_text("big", black_box(text))
                    .expect("generated dossier loads")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
