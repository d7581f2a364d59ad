//! Bad input never crashes: the seed dossier, mangled thousands of ways (characters cut,
//! doubled, replaced by control characters, quotes, brackets, wide and combining ones),
//! must always load or fail with a message, and whatever loads must render and search.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::rng::Rng;

use std::sync::Arc;

use common::viewer::run_search;
use dossier::Catalog;
use dossier::tui::theme::DARK;
use dossier::tui::{App, Message};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ODD: &[&str] = &[
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\\",
    "\u{1b}[2J",
    "\u{7}",
    "\u{9b}",
    "\u{202e}",
    "\t",
    "\n",
    "\r",
    "中",
    "e\u{301}",
    "\u{200d}",
    "Some(",
    "#![enable(implicit_some)]",
    "//",
    "/*",
    "r#\"",
    "0x",
    "-",
    "Ongoing",
    "nl",
    "\u{0}",
    "\u{feff}",
];

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok()?.parse().ok()
}

fn mangle(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len());
        match rng.below(4) {
            0 => {
                let len = rng.below(40).min(chars.len() - at);
                chars.drain(at..at + len);
            }
            1 => {
                let len = rng.below(40).min(chars.len() - at);
                let copy: Vec<char> = chars[at..at + len].to_vec();
                chars.splice(at..at, copy);
            }
            _ => {
                let odd = ODD[rng.below(ODD.len())];
                chars.splice(at..at, odd.chars());
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_dossiers_load_or_fail_cleanly_and_whatever_loads_renders() {
    let seed = dossier::catalog::BUILT_IN;
    // A few seconds in every test run; `DOSSIER_FUZZ_CASES=100000` (and another
    // `DOSSIER_FUZZ_SEED`) for a long run.
    let cases: usize = env_number("DOSSIER_FUZZ_CASES").unwrap_or(400);
    let mut rng = Rng::new(env_number("DOSSIER_FUZZ_SEED").unwrap_or(7));
    let (mut loaded, mut failed) = (0, 0);
    for case in 0..cases {
        let text = mangle(seed, &mut rng);
        match Catalog::from_text("mangled.ron", &text) {
            Err(error) => {
                failed += 1;
                let message = error.to_string();
                assert!(message.starts_with("mangled.ron"), "case {case}: {message}");
                assert!(
                    !message
                        .chars()
                        .any(|c| c != '\n' && dossier::text::is_unsafe(c)),
                    "case {case}: raw control character in {message:?}"
                );
            }
            Ok(catalog) => {
                loaded += 1;
                let catalog = Arc::new(catalog);
                let mut app = App::new(Arc::clone(&catalog), DARK);
                let index = dossier::search::SearchIndex::new(&catalog);
                let query = index.query("nl a").expect("a plain query parses");
                index.search(&query, None, Some(5));
                for action in [
                    Message::SelectTab(3),
                    Message::FocusDetail,
                    Message::OpenFinder,
                ] {
                    let effect = app.update(action);
                    run_search(&mut app, effect);
                }
                let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .unwrap();
            }
        }
    }
    // Both paths were exercised.
    assert!(
        loaded > 20 && failed > 20,
        "loaded {loaded}, failed {failed}"
    );
}
