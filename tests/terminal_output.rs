//! What the viewer writes to the terminal, byte for byte: over a slow SSH link every
//! byte counts, so moving the selection must redraw only what changed.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use dossier::Catalog;
use dossier::tui::theme::DARK;
use dossier::tui::{App, Message};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Counts what passes through it, as a terminal would receive it.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written by each frame after the first, for a sequence of actions.
fn bytes_per_frame(actions: &[Message]) -> Vec<usize> {
    let area = Rect::new(0, 0, 120, 40);
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), DARK);
    app.update(Message::Resize(area.width, area.height));
    let counter = Counter::default();
    let backend = CrosstermBackend::new(counter.clone());
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let mut written = counter.0.load(Ordering::Relaxed);
    let mut sizes = Vec::new();
    for action in actions {
        app.update(action.clone());
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        let total = counter.0.load(Ordering::Relaxed);
        sizes.push(total - written);
        written = total;
    }
    sizes
}

#[test]
fn moving_the_link_cursor_writes_only_the_two_rows_that_change() {
    let sizes = bytes_per_frame(&[Message::FocusDetail, Message::NextLink, Message::NextLink]);
    let moves = sizes.get(1..).unwrap_or_default();
    assert!(
        moves.iter().all(|&size| size > 0 && size <= 512),
        "{sizes:?}"
    );
}

#[test]
fn moving_the_selection_writes_about_what_changed() {
    // The detail pane shows a different item, so most of its text changes; the diff
    // must not cost much more than the changed text itself (see README, Performance).
    let sizes = bytes_per_frame(&[Message::Down, Message::Down, Message::Up]);
    println!("bytes per selection move at 120x40: {sizes:?}");
    for size in &sizes {
        assert!(*size > 0, "a move must redraw something");
        assert!(*size <= 4096, "one move wrote {size} bytes: {sizes:?}");
    }
}

#[test]
fn an_unchanged_frame_writes_almost_nothing() {
    // A resize to the same size changes no cell: only cursor upkeep is written.
    let sizes = bytes_per_frame(&[Message::Resize(120, 40)]);
    assert!(sizes.iter().all(|&size| size <= 32), "{sizes:?}");
}
