//! A keystroke in the viewer: from the key event to a finished 120×40 frame, rendered
//! into `TestBackend`. Moving the selection, and typing one more finder character
//! (the echo the user sees while matching runs on the worker thread), plus the same
//! character with the search run inline, for reference; and in present mode, scrolling
//! a long stop and going to the next.
//!
//! `cargo bench --bench keystroke`
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "../tests/common/viewer.rs"]
mod viewer;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::Catalog;
use dossier::tui::keys::message_for;
use dossier::tui::theme::DARK;
use dossier::tui::{App, Effect, Message, Presentation};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use viewer::run_search;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("test backend")
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    let action = message_for(app.screen(), KeyEvent::new(code, KeyModifiers::NONE))?;
    app.update(action)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
}

fn keystrokes(c: &mut Criterion) {
    let seed = Arc::new(Catalog::built_in().expect("seed"));
    let big = Arc::new(Catalog::from_text("big", &generate::dossier(100_000, 7)).expect("big"));
    let mut group = c.benchmark_group("keystroke");
    for (name, catalog) in [("seed", seed), ("100k", big)] {
        let mut app = App::new(Arc::clone(&catalog), DARK);
        app.update(Message::Resize(120, 40));
        app.update(Message::SelectTab(3));
        let mut term = terminal();
        draw(&mut term, &app);
        let mut down = true;
        group.bench_function(format!("{name}/move selection"), |b| {
            b.iter(|| {
                // Alternate so the selection really moves every time.
                let key = if down { KeyCode::Down } else { KeyCode::Up };
                down = !down;
                press(&mut app, key);
                draw(&mut term, &app);
            })
        });

        // Scrolling the longest details: the first forum, linked to a share of every
        // action, and the first source, cited by a share of them.
        for (tab, what) in [(2, "forum"), (4, "source")] {
            let mut app = App::new(Arc::clone(&catalog), DARK);
            app.update(Message::Resize(120, 40));
            app.update(Message::SelectTab(tab));
            app.update(Message::FocusDetail);
            let mut term = terminal();
            draw(&mut term, &app);
            let mut down = true;
            group.bench_function(format!("{name}/scroll a {what}'s detail"), |b| {
                b.iter(|| {
                    let key = if down {
                        KeyCode::Char('j')
                    } else {
                        KeyCode::Char('k')
                    };
                    down = !down;
                    press(&mut app, key);
                    draw(&mut term, &app);
                })
            });
        }

        // Present mode: the first forum, whose relations name a share of every action,
        // scrolled a line at a time, and the next stop.
        let forum = catalog.items(dossier::Kind::Forum).next().expect("a forum");
        let stops = [
            forum,
            catalog
                .items(dossier::Kind::Country)
                .next()
                .expect("a country"),
        ];
        let presentation = Presentation::of_items(stops).expect("stops");
        let mut present = App::presenting(Arc::clone(&catalog), DARK, presentation);
        present.update(Message::Resize(120, 40));
        let mut term = terminal();
        draw(&mut term, &present);
        let mut down = true;
        group.bench_function(format!("{name}/present: scroll a stop (j)"), |b| {
            b.iter(|| {
                let key = if down {
                    KeyCode::Char('j')
                } else {
                    KeyCode::Char('k')
                };
                down = !down;
                press(&mut present, key);
                draw(&mut term, &present);
            })
        });
        let mut forward = true;
        group.bench_function(format!("{name}/present: next stop"), |b| {
            b.iter(|| {
                let key = if forward {
                    KeyCode::Right
                } else {
                    KeyCode::Left
                };
                forward = !forward;
                press(&mut present, key);
                draw(&mut term, &present);
            })
        });

        // The finder open on "annual", showing its results; then one more letter.
        let mut finder = App::new(Arc::clone(&catalog), DARK);
        finder.update(Message::Resize(120, 40));
        finder.update(Message::OpenFinder);
        for letter in "annual".chars() {
            let effect = finder.update(Message::FinderType(letter));
            run_search(&mut finder, effect);
        }
        let mut term = terminal();
        draw(&mut term, &finder);
        group.bench_function(format!("{name}/type a character (echo)"), |b| {
            b.iter(|| {
                black_box(press(&mut finder, KeyCode::Char(' ')));
                draw(&mut term, &finder);
                press(&mut finder, KeyCode::Backspace);
            })
        });
        group.bench_function(format!("{name}/type a character (with search)"), |b| {
            b.iter(|| {
                let effect = press(&mut finder, KeyCode::Char('c'));
                run_search(&mut finder, effect);
                draw(&mut term, &finder);
                press(&mut finder, KeyCode::Backspace);
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = keystrokes
}
criterion_main!(benches);
