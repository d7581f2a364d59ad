//! What changed since a baseline, on screen: the lists' marks (in Unicode and in ASCII),
//! an item's changes in its detail and its stop, the overview's list of changes, and the
//! changes found again after a reload. Rendered into ratatui's `TestBackend`.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test; nothing a user runs.

use std::sync::Arc;

use dossier::Catalog;
use dossier::tui::symbols::ASCII;
use dossier::tui::theme::{DARK, MONO};
use dossier::tui::view::{Baseline, Presentation};
use dossier::tui::{App, Message, Mode, Reload};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn fixture(name: &str) -> Arc<Catalog> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    Arc::new(Catalog::load(path.as_ref()).unwrap())
}

/// The later example, compared with the earlier one, as `--since example.ron` opens it.
fn since_app() -> App {
    let baseline = Baseline {
        name: "example.ron".to_owned(),
        catalog: fixture("example.ron"),
    };
    App::new(fixture("example-later.ron"), DARK).with_baseline(Some(baseline))
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.update(Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    buffer
        .content
        .chunks(usize::from(width))
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_lists_mark_items_added_and_changed_beside_the_pin() {
    let mut app = since_app();
    app.update(Message::TogglePin); // The Netherlands: changed? No; pinned.
    let text = screen(&mut app, 120, 40);
    insta::assert_snapshot!("changes_countries_120x40", text);
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        rows.iter().any(|row| row.contains("│ ◆Netherlands")),
        "{text}"
    );
    assert!(rows.iter().any(|row| row.contains("│+ Japan")), "{text}");
}

#[test]
fn the_marks_are_ascii_in_ascii_and_mono() {
    let mut app = since_app();
    app.theme = MONO;
    app.update(Message::Glyphs(Box::new(ASCII)));
    app.update(Message::SelectTab(3));
    let text = screen(&mut app, 80, 24);
    insta::assert_snapshot!("changes_action_ascii_80x24", text);
    assert!(text.contains("|~ DONE"), "{text}");
    assert!(text.contains("Status: Recurring -> Done"), "{text}");
    assert!(!text.contains('→') && !text.contains('◆'), "{text}");
}

#[test]
fn the_overview_lists_every_change_and_links_all_but_the_removed() {
    let mut app = since_app();
    app.update(Message::SelectTab(0));
    let text = screen(&mut app, 120, 40);
    insta::assert_snapshot!("changes_overview_120x40", text);
    assert!(
        text.contains("Since example.ron: 1 added, 1 removed, 3 changed"),
        "{text}"
    );
    // The first links are the changes, in order: Japan, DUWP, the Dutch consultation.
    let links: Vec<String> = app
        .links()
        .iter()
        .take(4)
        .map(|&item| app.catalog.get(item).unwrap().id().to_owned())
        .collect();
    assert_eq!(
        links[..3],
        ["jp", "duwp", "nl-annual-consultation"],
        "{links:?}"
    );
    app.update(Message::FocusDetail);
    app.update(Message::NextLink);
    app.update(Message::FollowLink);
    assert_eq!(
        app.current(),
        app.catalog.find("jp"),
        "the first change's link"
    );
}

#[test]
fn a_reload_marks_what_changed_since_the_baseline_not_since_the_last_version() {
    let first = fixture("example.ron");
    let mut app = App::new(Arc::clone(&first), DARK)
        .with_baseline(Some(Baseline::opened(Arc::clone(&first))));
    assert!(app.since.is_none(), "nothing changed yet");
    let baseline = app.baseline.clone();
    let later = fixture("example-later.ron");
    app.update(Message::Reloaded(Reload::compared(
        Arc::clone(&later),
        baseline.as_ref(),
    )));
    let since = app.since.clone().expect("changes since the version opened");
    assert_eq!(since.name, "the version opened");
    assert_eq!(
        since.changes.summary().split(';').next(),
        Some("1 added, 1 removed, 3 changed")
    );
    // The same version again: still the changes since the baseline, not none.
    app.update(Message::Reloaded(Reload::compared(
        later,
        baseline.as_ref(),
    )));
    assert_eq!(
        app.since.as_ref().map(|since| since.changes.items.len()),
        Some(5)
    );
    // Back to the baseline's content: no changes listed.
    app.update(Message::Reloaded(Reload::compared(
        fixture("example.ron"),
        baseline.as_ref(),
    )));
    assert!(
        app.since
            .as_ref()
            .is_some_and(|since| since.changes.is_empty())
    );
    app.update(Message::SelectTab(0));
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Since the version opened: no changes"),
        "{text}"
    );
}

#[test]
fn a_stop_says_what_changed() {
    let mut app = since_app();
    let item = app.catalog.find("nl-annual-consultation").unwrap();
    app.mode = Mode::Present(Presentation::of_items(vec![item]).unwrap());
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Changed since example.ron: Status: Recurring → Done;"),
        "{text}"
    );
}

#[test]
fn e_in_a_follower_says_why_not() {
    let mut app = since_app();
    let item = app.catalog.find("nl").unwrap();
    app.mode = Mode::Present(Presentation::of_items(vec![item]).unwrap());
    app.following = true;
    let effect = app.update(Message::Edit);
    assert_eq!(effect, None);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("the presenter's to edit"), "{notice}");
}

#[test]
fn e_asks_for_the_editor_at_the_items_line() {
    let path = format!("{}/tests/fixtures/example.ron", env!("CARGO_MANIFEST_DIR"));
    let mut app = App::new(fixture("example.ron"), DARK).with_file(Some(path.clone().into()));
    app.update(Message::Down);
    let item = app.current().unwrap();
    let effect = app.update(Message::Edit);
    assert_eq!(
        effect,
        Some(dossier::tui::Effect::Edit {
            file: path.into(),
            line: app.catalog.line(item),
        })
    );
    assert!(app.catalog.line(item).is_some_and(|line| line > 1));
}
