//! The floor for loading: a program that only reads a dossier file and parses it with
//! `ron::from_str`, as `dossier check` must. `benches/process-load.py` times the two
//! whole processes against each other.
//!
//! `cargo run --release --example parse_only -- FILE`
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

use std::process::ExitCode;

use ron::extensions::Extensions;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_only FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{}: {error}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    let parsed = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str::<dossier::Dossier>(&text);
    match parsed {
        Ok(dossier) => {
            println!("{} actions", dossier.actions.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}
