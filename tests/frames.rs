//! What a terminal shows after many small frames must be what one full frame shows.
//! ratatui writes only the cells that change; if the viewer and the terminal count a
//! character's width differently, old glyphs stay behind (`X abn ab abry tail` instead
//! of `X ab ab ab tail`). Random keys and resizes drive the real app; every frame is
//! written through ratatui's crossterm backend into two terminal models, `vt100` and one
//! that counts widths as tmux and xterm do (`common::term`, with the C library's
//! `wcwidth`), and compared, cell by cell, with a fresh terminal that got the same frame
//! whole. The tmux-like screen must also hold, in every column, what the viewer drew there.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::rng::Rng;
use common::term;

use std::io::{self, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};

use common::viewer::run_search;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::Catalog;
use dossier::tui::keys::message_for;
use dossier::tui::theme::DARK;
use dossier::tui::{App, Message};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
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

/// Whether `vt100` is a faithful terminal for a fixture: not where text has the spacing
/// marks it counts as zero columns and tmux and xterm as one (Bengali `া`, Tamil `ா`).
#[derive(Clone, Copy, PartialEq)]
enum Vt100 {
    Compare,
    Skip,
}

fn run(fixture: &str, seed: u64, steps: usize, vt100: Vt100) {
    let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let catalog = Arc::new(Catalog::load(path.as_ref()).expect("fixture loads"));
    let mut app = App::new(catalog, DARK);
    let mut rng = Rng::new(seed);
    let (mut width, mut height) = (80, 24);
    app.update(Message::Resize(width, height));
    let sink = Sink::default();
    let mut incremental = terminal(&sink, width, height);
    let mut screen = parser(width, height);
    let mut tmux_like = term::Screen::new(width, height);
    for step in 0..steps {
        if rng.below(12) == 0 {
            (width, height) = SIZES[rng.below(SIZES.len())];
            screen.set_size(nonzero(height), nonzero(width));
            tmux_like = term::Screen::new(width, height);
            incremental
                .resize(Rect::new(0, 0, width, height))
                .expect("resize");
            app.update(Message::Resize(width, height));
        } else {
            let key = KeyEvent::new(KEYS[rng.below(KEYS.len())], KeyModifiers::NONE);
            if let Some(message) = message_for(app.screen(), key) {
                let effect = app.update(message);
                run_search(&mut app, effect);
            }
            if app.quit {
                break;
            }
        }
        app.prepare_frame();
        incremental
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .expect("draw");
        let frame = sink.take();
        screen.process(&frame);
        tmux_like.process(&frame);

        let whole_sink = Sink::default();
        let mut whole = terminal(&whole_sink, width, height);
        whole
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .expect("draw whole");
        let whole_frame = whole_sink.take();
        let mut fresh = parser(width, height);
        fresh.process(&whole_frame);
        let mut fresh_tmux_like = term::Screen::new(width, height);
        fresh_tmux_like.process(&whole_frame);
        let place = format!("{fixture}, seed {seed}, step {step} at {width}×{height}");
        if vt100 == Vt100::Compare {
            assert_same(
                &cells(screen.screen()),
                &cells(fresh.screen()),
                &format!("{place}: vt100 after incremental frames differs from a full redraw"),
            );
        }
        assert_same(
            &tmux_like.cells(),
            &fresh_tmux_like.cells(),
            &format!(
                "{place}: a tmux-like terminal after incremental frames differs from a full redraw"
            ),
        );
        assert_same(
            &fresh_tmux_like.cells(),
            &drawn(&app, width, height),
            &format!("{place}: a tmux-like terminal does not show what the viewer drew"),
        );
    }
}

/// What the viewer drew in each cell, as `common::term` shows it: `<` behind a two-column
/// character.
fn drawn(app: &App, width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    (0..height)
        .map(|y| {
            let mut covered = 0;
            (0..width)
                .map(|x| {
                    let cell = &buf[(x, y)];
                    if covered > 0 {
                        covered -= 1;
                        return "<".to_owned();
                    }
                    covered = term::terminal_width(cell.symbol().chars().next().unwrap_or(' '))
                        .max(1)
                        - 1;
                    cell.symbol().to_owned()
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

fn assert_same(seen: &[String], expected: &[String], what: &str) {
    let differing: Vec<String> = seen
        .iter()
        .zip(expected)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(row, (a, b))| format!("row {row}:\n  seen {a}\n  want {b}"))
        .collect();
    assert!(differing.is_empty(), "{what}:\n{}", differing.join("\n"));
}

#[test]
fn incremental_frames_equal_a_full_redraw_with_odd_widths() {
    for seed in 1..=3 {
        run("odd-widths.ron", seed, 300, Vt100::Skip);
    }
}

#[test]
fn incremental_frames_equal_a_full_redraw_with_hostile_text() {
    run("tui-hostile.ron", 11, 300, Vt100::Compare);
}

#[test]
fn incremental_frames_equal_a_full_redraw_on_the_bundled_dossier() {
    run("../../data/dossier.ron", 5, 300, Vt100::Compare);
}

/// Where the viewer and the C library (what tmux asks) disagree on whether a character
/// takes columns at all, everything after it on a row lands elsewhere: the viewer counts
/// every character the C library prints as the C library does, or shows it as a code point.
#[test]
fn the_viewer_counts_columns_as_the_c_library_does() {
    let mut disagreeing = Vec::new();
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let c_library = term::terminal_width(c);
        let mut utf8 = [0u8; 4];
        let alone = c.encode_utf8(&mut utf8);
        if c_library < 0 || dossier::text::inline(alone) != *alone {
            continue;
        }
        let viewer = dossier::tui::terminal_width(c) as i32;
        if (viewer == 0) != (c_library == 0) {
            disagreeing.push(format!(
                "U+{:04X}: viewer {viewer}, C library {c_library}",
                u32::from(c)
            ));
        }
    }
    assert!(disagreeing.is_empty(), "{}", disagreeing.join("\n"));
}
