//! What a terminal shows after many small frames must be what one full frame shows.
//! ratatui writes only the cells that change; if the viewer and the terminal count a
//! character's width differently, old glyphs stay behind (`X abn ab abry tail` instead
//! of `X ab ab ab tail`). Random keys and resizes drive the real app; every frame is
//! written through ratatui's crossterm backend into a `vt100` terminal model, and
//! compared, cell by cell, with a fresh terminal that got the same frame whole.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::rng::Rng;

use std::io::{self, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::Catalog;
use dossier::tui::app::search_in;
use dossier::tui::keys::message_for;
use dossier::tui::theme::DARK;
use dossier::tui::{App, Effect, Message};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Bytes written by a backend, shared so the test can take them after each frame.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().expect("sink"))
    }
}

fn terminal(sink: &Sink, width: u16, height: u16) -> Terminal<CrosstermBackend<Sink>> {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    Terminal::with_options(CrosstermBackend::new(sink.clone()), options).expect("terminal")
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size above zero")
}

fn parser(width: u16, height: u16) -> vt100::Parser {
    vt100::Parser::new(nonzero(height), nonzero(width), 0)
}

/// Every cell's text, row by row. A cell never written and a cell holding a space look
/// the same, so both read as a space.
fn cells(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|row| {
            (0..cols.get())
                .map(|col| {
                    let text = screen.cell(row, col).map_or("?", |cell| cell.contents());
                    if text.is_empty() { " " } else { text }.to_owned()
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

const KEYS: &[KeyCode] = &[
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Down,
    KeyCode::Up,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Left,
    KeyCode::Char('l'),
    KeyCode::Char('0'),
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('G'),
    KeyCode::Char('g'),
    KeyCode::Char(' '),
    KeyCode::PageDown,
    KeyCode::Char('/'),
    KeyCode::Char('a'),
    KeyCode::Char('e'),
    KeyCode::Backspace,
    KeyCode::Char('?'),
    KeyCode::Char('!'),
    KeyCode::Char('n'),
    KeyCode::Char('['),
];

const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40), (40, 12), (60, 15), (24, 7), (100, 30)];

fn run(fixture: &str, seed: u64, steps: usize) {
    let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let catalog = Arc::new(Catalog::load(path.as_ref()).expect("fixture loads"));
    let mut app = App::new(catalog, DARK);
    let mut rng = Rng::new(seed);
    let (mut width, mut height) = (80, 24);
    app.update(Message::Resize(width, height));
    let sink = Sink::default();
    let mut incremental = terminal(&sink, width, height);
    let mut screen = parser(width, height);
    for step in 0..steps {
        if rng.below(12) == 0 {
            (width, height) = SIZES[rng.below(SIZES.len())];
            screen.set_size(nonzero(height), nonzero(width));
            incremental
                .resize(Rect::new(0, 0, width, height))
                .expect("resize");
            app.update(Message::Resize(width, height));
        } else {
            let key = KeyEvent::new(KEYS[rng.below(KEYS.len())], KeyModifiers::NONE);
            if let Some(message) = message_for(app.screen(), key)
                && let Some(Effect::Search { generation, query }) = app.update(message)
            {
                let done = search_in(
                    &app.search_slot(),
                    &app.catalog,
                    &mut dossier::search::Narrowing::new(),
                    generation,
                    &query,
                );
                app.update(done);
            }
            if app.quit {
                break;
            }
        }
        app.prepare_frame();
        incremental
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .expect("draw");
        screen.process(&sink.take());

        let whole_sink = Sink::default();
        let mut whole = terminal(&whole_sink, width, height);
        whole
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .expect("draw whole");
        let mut fresh = parser(width, height);
        fresh.process(&whole_sink.take());
        let (seen, expected) = (cells(screen.screen()), cells(fresh.screen()));
        let differing: Vec<String> = seen
            .iter()
            .zip(&expected)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(row, (a, b))| format!("row {row}:\n  seen {a}\n  want {b}"))
            .collect();
        assert!(
            differing.is_empty(),
            "{fixture}, seed {seed}, step {step} at {width}×{height}: the screen after \
             incremental frames differs from a full redraw:\n{}",
            differing.join("\n")
        );
    }
}

#[test]
fn incremental_frames_equal_a_full_redraw_with_odd_widths() {
    for seed in 1..=3 {
        run("odd-widths.ron", seed, 300);
    }
}

#[test]
fn incremental_frames_equal_a_full_redraw_with_hostile_text() {
    run("tui-hostile.ron", 11, 300);
}

#[test]
fn incremental_frames_equal_a_full_redraw_on_the_bundled_dossier() {
    run("../../data/dossier.ron", 5, 300);
}
