//! Screen tests: the viewer rendered into ratatui's `TestBackend`, driven through the
//! same `Action`s the keys produce. Snapshots live in `tests/snapshots/`.

use std::sync::Arc;

use dossier::Catalog;
use dossier::tui::app::{Action, App, Effect, run_search};
use dossier::tui::theme::{COLOR, MONOCHROME};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn seed_app() -> App {
    App::new(Arc::new(Catalog::built_in().unwrap()), COLOR)
}

fn fixture_app(name: &str) -> App {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    App::new(Arc::new(Catalog::load(path.as_ref()).unwrap()), COLOR)
}

/// Applies actions as the runtime would, running searches on the spot.
fn drive(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        if let Some(Effect::Search { generation, query }) = app.update(action) {
            let done = run_search(&app.catalog, generation, &query);
            app.update(done);
        }
    }
}

fn type_query(app: &mut App, query: &str) {
    drive(app, query.chars().map(Action::FinderType));
}

fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    app.update(Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width.max(1))
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshot {
    ($name:expr, $app:expr, $width:expr, $height:expr) => {
        insta::assert_snapshot!($name, screen_text(&render($app, $width, $height)));
    };
}

#[test]
fn lists_of_each_kind() {
    for (tab, name) in [(0, "countries"), (1, "forums"), (2, "actions")] {
        let mut app = seed_app();
        drive(&mut app, [Action::SelectTab(tab)]);
        snapshot!(format!("list_{name}_80x24"), &mut app, 80, 24);
        snapshot!(format!("list_{name}_120x40"), &mut app, 120, 40);
    }
}

#[test]
fn detail_of_each_kind() {
    let mut app = seed_app();
    drive(&mut app, [Action::SelectTab(1), Action::Down]);
    snapshot!("detail_forum_duwp_120x40", &mut app, 120, 40);
    drive(&mut app, [Action::SelectTab(2), Action::Down, Action::Down]);
    snapshot!(
        "detail_action_annual_consultation_120x40",
        &mut app,
        120,
        40
    );
    snapshot!("detail_action_annual_consultation_80x24", &mut app, 80, 24);
}

#[test]
fn finder_ranks_and_highlights() {
    let mut app = seed_app();
    drive(&mut app, [Action::OpenFinder]);
    type_query(&mut app, "coarm");
    let buffer = render(&mut app, 120, 40);
    insta::assert_snapshot!("finder_coarm_120x40", screen_text(&buffer));

    // The forum's name is the best hit, and each of its letters is highlighted.
    let text = screen_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("forum    COARM"))
        .expect("COARM row");
    let column = line.chars().take_while(|&c| c != 'C').count() as u16;
    let x0 = buffer.area.x + column;
    for x in x0..x0 + 5 {
        let cell = &buffer[(x, row as u16)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "{x}: {cell:?}"
        );
    }
    // The character after the match is not highlighted.
    assert!(
        !buffer[(x0 + 5, row as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    assert!(text.contains("1/"), "count shown: {text}");
}

#[test]
fn finder_at_80x24() {
    let mut app = seed_app();
    drive(&mut app, [Action::OpenFinder]);
    type_query(&mut app, "dual nl");
    snapshot!("finder_dual_nl_80x24", &mut app, 80, 24);
}

#[test]
fn finder_highlights_land_on_accented_characters() {
    let mut app = fixture_app("accents.ron");
    drive(&mut app, [Action::OpenFinder]);
    type_query(&mut app, "cesko");
    let buffer = render(&mut app, 80, 24);
    let text = screen_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("country  Ålandsöarna Česko"))
        .expect("result row");
    let start = line.chars().take_while(|&c| c != 'Č').count() as u16;
    for x in start..start + 5 {
        assert!(
            buffer[(x, row as u16)]
                .modifier
                .contains(Modifier::UNDERLINED),
            "column {x} should be highlighted: {:?}",
            buffer[(x, row as u16)]
        );
    }
    let before = start - 1;
    assert!(
        !buffer[(before, row as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn help_overlay() {
    let mut app = seed_app();
    drive(&mut app, [Action::ToggleHelp]);
    snapshot!("help_120x40", &mut app, 120, 40);
    snapshot!("help_80x24", &mut app, 80, 24);
    // Narrow: descriptions go under their keys, and the list scrolls.
    snapshot!("help_40x12", &mut app, 40, 12);
    drive(&mut app, [Action::Down, Action::Down, Action::Down]);
    let text = screen_text(&render(&mut app, 40, 12));
    assert!(
        !text.contains("Browse"),
        "scrolled past the first heading:\n{text}"
    );
}

#[test]
fn followed_link_shows_breadcrumb() {
    let mut app = seed_app();
    // Netherlands → its first link (COARM) → that forum's first link.
    drive(
        &mut app,
        [Action::FocusDetail, Action::FollowLink, Action::FollowLink],
    );
    let buffer = render(&mut app, 120, 40);
    let text = screen_text(&buffer);
    assert!(text.contains("Netherlands › COARM › "), "{text}");
    insta::assert_snapshot!("followed_links_120x40", text);
    snapshot!("followed_links_80x24", &mut app, 80, 24);
}

#[test]
fn small_and_tiny_terminals() {
    let mut app = seed_app();
    snapshot!("small_40x12", &mut app, 40, 12);
    snapshot!("stacked_50x20", &mut app, 50, 20);
    drive(&mut app, [Action::FocusDetail]);
    snapshot!("small_detail_40x12", &mut app, 40, 12);
    snapshot!("too_small_20x5", &mut app, 20, 5);
}

#[test]
fn every_small_size_renders_without_panicking() {
    let mut app = seed_app();
    drive(&mut app, [Action::SelectTab(2), Action::FocusDetail]);
    for width in 0..=30 {
        for height in 0..=10 {
            render(&mut app, width, height);
        }
    }
    drive(&mut app, [Action::OpenFinder]);
    type_query(&mut app, "a");
    for width in 0..=30 {
        for height in 0..=10 {
            render(&mut app, width, height);
        }
    }
}

#[test]
fn hostile_dossier_stays_inert() {
    let mut app = fixture_app("tui-hostile.ron");
    for tab in 0..3 {
        drive(&mut app, [Action::SelectTab(tab)]);
        for (width, height) in [(80, 24), (120, 40)] {
            let buffer = render(&mut app, width, height);
            let unsafe_chars: Vec<char> = buffer
                .content
                .iter()
                .flat_map(|cell| cell.symbol().chars())
                .filter(|&c| dossier::text::is_unsafe(c))
                .collect();
            assert!(
                unsafe_chars.is_empty(),
                "control characters reached cells at {width}x{height}: {unsafe_chars:?}"
            );
        }
    }
    drive(&mut app, [Action::SelectTab(0)]);
    snapshot!("hostile_120x40", &mut app, 120, 40);
}

#[test]
fn rule_violations_open_with_a_warning_and_a_list() {
    let mut app = fixture_app("tui-rules.ron");
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("problem(s): press !"), "{text}");
    drive(&mut app, [Action::ShowProblems]);
    snapshot!("problems_120x40", &mut app, 120, 40);
}

#[test]
fn monochrome_keeps_selection_and_matches_visible() {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), MONOCHROME);
    let buffer = render(&mut app, 80, 24);
    assert!(
        buffer
            .content
            .iter()
            .all(|cell| cell.fg == ratatui::style::Color::Reset
                && cell.bg == ratatui::style::Color::Reset),
        "no colour in monochrome"
    );
    let text = screen_text(&buffer);
    let row = text
        .lines()
        .position(|l| l.contains("Netherlands"))
        .unwrap() as u16;
    assert!(buffer[(3, row)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_layout_follows_the_terminal_size() {
    let mut app = seed_app();
    // Below 15 rows only the focused pane shows, whatever the width.
    let short = screen_text(&render(&mut app, 80, 14));
    assert!(
        short.contains(" Countries ") && !short.contains(" Detail "),
        "{short}"
    );
    let tall = screen_text(&render(&mut app, 80, 15));
    assert!(
        tall.contains(" Countries ") && tall.contains(" Detail "),
        "{tall}"
    );
}
