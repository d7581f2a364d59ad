//! The finder outside criterion, for profiling and for comparing two versions:
//!
//! ```text
//! cargo run --release --example finder -- FILE time N QUERY…   # median of N runs each
//! cargo run --release --example finder -- FILE dump < queries  # every result, to diff
//! cargo run --release --example finder -- FILE type PHRASE     # a keystroke at a time
//! cargo run --release --example finder -- FILE typing N PHRASE # typed N times, narrowing
//! ```
//!
//! `time` runs each query cold N times (parse, the best 200, the top 40's highlights)
//! and prints the median and the least. With N = 0 it only loads, so that
//! `valgrind --tool=callgrind` of `time 5 QUERY` less that of `time 0 x`, divided by
//! 5, is the instructions one search takes. `dump` prints, for each query read from
//! standard input, the results at several limits, of one kind, and the highlights:
//! the output of two versions is identical exactly when they rank identically.
//! `type` prints each keystroke's time with a `Narrowing` and cold. `typing` types the
//! phrase N times with a `Narrowing` alone and prints the median per keystroke: what to
//! run under `perf record` to see where typing spends its time.

use std::io::Read;
use std::process::ExitCode;
use std::time::Instant;

use dossier::search::{Narrowing, Query, SearchIndex};
use dossier::{Catalog, Kind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(mode)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: finder FILE time N QUERY… | FILE dump | FILE type PHRASE | FILE typing N PHRASE"
        );
        return ExitCode::from(2);
    };
    let catalog = match Catalog::load(std::path::Path::new(path)) {
        Ok(catalog) => catalog,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let index = SearchIndex::new(&catalog);
    let rest = args.get(2..).unwrap_or_default();
    match mode.as_str() {
        "time" => time(&index, rest),
        "dump" => dump(&index),
        "type" => type_phrase(&index, rest.first().map_or("", String::as_str)),
        "typing" => typing(&index, rest),
        _ => {
            eprintln!("finder: unknown mode `{mode}`");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn time(index: &SearchIndex, args: &[String]) {
    let runs: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(10);
    for input in args.iter().skip(1) {
        let Ok(query) = index.query(input) else {
            eprintln!("{input:?}: does not parse");
            continue;
        };
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let query = index.query(input).unwrap_or_else(|_| query.clone());
            let results = index.search(&query, None, Some(200));
            for hit in results.hits.iter().take(40) {
                std::hint::black_box(index.highlights(hit.item, &query));
            }
            total = results.total;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        if let (Some(median), Some(least)) = (times.get(runs / 2), times.first()) {
            println!("{input:?}: median {median:.2} ms, least {least:.2} ms, {total} hits");
        }
    }
}

fn dump(index: &SearchIndex) {
    let mut queries = String::new();
    if std::io::stdin().read_to_string(&mut queries).is_err() {
        return;
    }
    for input in queries.lines() {
        let Ok(query) = index.query(input) else {
            println!("{input:?}: error");
            continue;
        };
        for (kind, limit) in [
            (None, Some(200)),
            (None, Some(1)),
            (None, None),
            (Some(Kind::Action), Some(50)),
        ] {
            let results = index.search(&query, kind, limit);
            println!(
                "{input:?} {kind:?} {limit:?}: {} {:?}",
                results.total, results.per_kind
            );
            for hit in &results.hits {
                println!("  {:?} {} {}", hit.item.kind, hit.item.index, hit.score);
            }
        }
        for hit in index.search(&query, None, Some(40)).hits {
            println!("  highlights {:?}", index.highlights(hit.item, &query));
        }
    }
}

fn type_phrase(index: &SearchIndex, phrase: &str) {
    let mut narrowing = Narrowing::new();
    for (at, c) in phrase.char_indices() {
        let input = &phrase[..at + c.len_utf8()];
        let start = Instant::now();
        let narrowed = narrowing.search(index, input, Some(500));
        let narrowing_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let cold = index
            .query(input)
            .map(|query| index.search(&query, None, Some(500)));
        let cold_ms = start.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(narrowed, cold, "{input:?}");
        println!("{input:?}: narrowing {narrowing_ms:.2} ms, cold {cold_ms:.2} ms");
    }
}

fn typing(index: &SearchIndex, args: &[String]) {
    let runs: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(10);
    let phrase = args.get(1).map_or("", String::as_str);
    let highlight = args.get(2).is_some_and(|flag| flag == "--highlight");
    let typed: Vec<&str> = phrase
        .char_indices()
        .map(|(at, c)| &phrase[..at + c.len_utf8()])
        .collect();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut narrowing = Narrowing::new();
        let start = Instant::now();
        for input in &typed {
            let results = narrowing.search(index, input, Some(500));
            if highlight && let Ok(results) = &results {
                let words = Query::words(input);
                for hit in results.hits.iter().take(40) {
                    std::hint::black_box(index.highlights(hit.item, &words));
                }
            }
            std::hint::black_box(results.ok());
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0 / typed.len().max(1) as f64);
    }
    times.sort_by(f64::total_cmp);
    if let Some(median) = times.get(runs / 2) {
        println!("{phrase:?}: median {median:.2} ms per keystroke over {runs} typings");
    }
}
