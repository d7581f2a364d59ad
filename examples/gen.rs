//! Writes a large, realistic, deterministic dossier to standard output, for benchmarks and
//! for trying the viewer on something big:
//!
//! ```text
//! cargo run --release --example gen -- --actions 100000 --seed 7 > /tmp/big.ron
//! cargo run --release --example gen -- --actions 10000 --lines > /tmp/lines.txt
//! ```
//!
//! `--lines` prints, instead of the dossier, what the finder searches: one line per
//! country, forum and action, `kind<TAB>id<TAB>title<TAB>names<TAB>body`, with newlines
//! and tabs inside the text flattened to spaces, so that `fzf --filter` can be timed on
//! the same text (see `benches/compare-fzf.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "../benches/common/generate.rs"]
mod generate;

use std::io::{self, Write};
use std::process::ExitCode;

use dossier::Catalog;
use dossier::Kind;
use dossier::search::search_text;

const USAGE: &str = "usage: gen [--actions N] [--seed S] [--lines]\n\
    \n\
    Writes a synthetic dossier with N actions (default 1000) to standard output,\n\
    the same for the same seed (default 7). With --lines, writes instead one line per\n\
    item with the text the finder searches, tab-separated:\n\
    kind, id, title, names, body.";

struct Args {
    actions: usize,
    seed: u64,
    lines: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        actions: 1000,
        seed: 7,
        lines: false,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| iter.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "--actions" | "-n" => {
                let text = value("a number")?;
                args.actions = text
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--actions: `{text}` is not a number"))?;
            }
            "--seed" | "-s" => {
                let text = value("a number")?;
                args.seed = text
                    .parse()
                    .map_err(|_| format!("--seed: `{text}` is not a number"))?;
            }
            "--lines" => args.lines = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = generate::dossier(args.actions, args.seed);
    let mut stdout = io::BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let result = if args.lines {
        write_lines(&text, &mut stdout)
    } else {
        stdout.write_all(text.as_bytes())
    };
    match result.and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The finder's text for every searched item, one line each.
fn write_lines(text: &str, out: &mut impl Write) -> io::Result<()> {
    let catalog = Catalog::from_text("generated", text).map_err(io::Error::other)?;
    let mut line = String::new();
    for kind in Kind::ALL {
        for item in catalog.items(kind) {
            let Some(found) = catalog.get(item) else {
                continue;
            };
            line.clear();
            line.push_str(kind.label());
            line.push('\t');
            push_flat(&mut line, found.id());
            line.push('\t');
            push_flat(&mut line, found.title());
            line.push('\t');
            let text = search_text(&catalog, item);
            push_flat(&mut line, &text.names);
            line.push('\t');
            push_flat(&mut line, &text.body);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// One line, one field: newlines, tabs and other control characters become spaces.
fn push_flat(line: &mut String, text: &str) {
    line.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
}
