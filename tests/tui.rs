//! Screen tests: the viewer rendered into ratatui's `TestBackend`, driven through the
//! same `Action`s the keys produce. Snapshots live in `tests/snapshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use common::viewer::run_search;

use std::sync::Arc;

use dossier::Catalog;
use dossier::tui::theme::{DARK, LIGHT, MONO};
use dossier::tui::{App, Effect, Message};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The viewer on the bundled dossier, in a 120×40 terminal until a test draws it at
/// another size.
fn seed_app() -> App {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), DARK);
    app.update(Message::Resize(120, 40));
    app
}

fn fixture_app(name: &str) -> App {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    App::new(Arc::new(Catalog::load(path.as_ref()).unwrap()), DARK)
}

/// Applies actions as the runtime would, running searches on the spot.
fn drive(app: &mut App, actions: impl IntoIterator<Item = Message>) {
    for action in actions {
        let effect = app.update(action);
        run_search(app, effect);
    }
}

fn type_query(app: &mut App, query: &str) {
    drive(app, query.chars().map(Message::FinderType));
}

fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    app.update(Message::Resize(width, height));
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
    for (tab, name) in [
        (1, "countries"),
        (2, "forums"),
        (3, "actions"),
        (4, "sources"),
        (5, "briefings"),
    ] {
        let mut app = seed_app();
        drive(&mut app, [Message::SelectTab(tab)]);
        snapshot!(format!("list_{name}_80x24"), &mut app, 80, 24);
        snapshot!(format!("list_{name}_120x40"), &mut app, 120, 40);
    }
}

#[test]
fn the_list_takes_the_width_it_can_and_cuts_keep_rows_apart() {
    let mut app = seed_app();
    drive(&mut app, [Message::SelectTab(3)]);
    // Wide: every title whole, each timing beside its own row.
    let wide = screen_text(&render(&mut app, 200, 50));
    insta::assert_snapshot!("list_actions_200x50", wide);
    for title in [
        "Regular contacts with the United States on semiconductors and emerging technologies",
        "Annual consultation with Denmark, primarily on dual-use control",
    ] {
        assert!(wide.contains(title), "{title}:\n{wide}");
    }
    // Narrow: the two paused rows still tell Germany from Denmark.
    let narrow = screen_text(&render(&mut app, 80, 24));
    let paused: Vec<&str> = narrow
        .lines()
        .filter(|line| line.contains("PAUSE"))
        .collect();
    assert_eq!(paused.len(), 2, "{narrow}");
    assert!(
        paused[0].contains("Germany") && paused[1].contains("Denmark"),
        "{narrow}"
    );
}

#[test]
fn detail_of_each_kind() {
    let mut app = seed_app();
    drive(&mut app, [Message::SelectTab(2), Message::Down]);
    snapshot!("detail_forum_duwp_120x40", &mut app, 120, 40);
    drive(
        &mut app,
        [Message::SelectTab(3), Message::Down, Message::Down],
    );
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
    drive(&mut app, [Message::OpenFinder]);
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
    drive(&mut app, [Message::OpenFinder]);
    type_query(&mut app, "dual nl");
    snapshot!("finder_dual_nl_80x24", &mut app, 80, 24);
}

#[test]
fn finder_highlights_land_on_accented_characters() {
    let mut app = fixture_app("accents.ron");
    drive(&mut app, [Message::OpenFinder]);
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
    drive(&mut app, [Message::ToggleHelp]);
    snapshot!("help_120x40", &mut app, 120, 40);
    snapshot!("help_80x24", &mut app, 80, 24);
    // Narrow: descriptions go under their keys, and the list scrolls.
    snapshot!("help_40x12", &mut app, 40, 12);
    drive(&mut app, [Message::Down, Message::Down, Message::Down]);
    let text = screen_text(&render(&mut app, 40, 12));
    assert!(
        !text.contains("Lists"),
        "scrolled past the first heading:\n{text}"
    );
}

#[test]
fn followed_link_shows_breadcrumb() {
    let mut app = seed_app();
    // Netherlands → its first link (COARM) → that forum's first link.
    drive(
        &mut app,
        [
            Message::FocusDetail,
            Message::FollowLink,
            Message::FollowLink,
        ],
    );
    let buffer = render(&mut app, 120, 40);
    let text = screen_text(&buffer);
    let footer = text.lines().last().unwrap();
    // Back at the Netherlands: the trail names it once, and yields to the hints.
    assert!(footer.ends_with("… › Netherlands "), "{footer}");
    for hint in ["z zoom", "p present", "q quit"] {
        assert!(footer.contains(hint), "{hint}: {footer}");
    }
    insta::assert_snapshot!("followed_links_120x40", text);
    snapshot!("followed_links_80x24", &mut app, 80, 24);
    let wide = screen_text(&render(&mut app, 200, 50));
    assert!(
        wide.lines()
            .last()
            .unwrap()
            .ends_with(" COARM › Netherlands "),
        "{wide}"
    );
}

#[test]
fn the_trail_reads_the_same_either_way_and_goes_once_the_user_moves_on() {
    let footer = |app: &mut App| app.location(usize::MAX);
    let mut app = seed_app();
    // Netherlands → COARM → its second link.
    drive(
        &mut app,
        [
            Message::FocusDetail,
            Message::FollowLink,
            Message::NextLink,
            Message::NextLink,
            Message::FollowLink,
        ],
    );
    let far = footer(&mut app);
    assert!(far.contains("Netherlands › COARM › "), "{far}");
    drive(&mut app, [Message::Back]);
    let at_coarm = footer(&mut app);
    assert!(at_coarm.ends_with("Netherlands › COARM"), "{at_coarm}");
    drive(&mut app, [Message::Forward]);
    assert_eq!(footer(&mut app), far);
    drive(&mut app, [Message::Back]);
    assert_eq!(footer(&mut app), at_coarm);
    // Moving on in the list: the position again, and Back still knows the way.
    drive(&mut app, [Message::FocusList, Message::Down]);
    assert!(
        footer(&mut app).ends_with("Forums 2/2"),
        "{}",
        footer(&mut app)
    );
    drive(&mut app, [Message::Back]);
    assert_eq!(footer(&mut app), at_coarm);
    // Back where it all started, nothing lies behind.
    drive(&mut app, [Message::Back]);
    assert!(
        footer(&mut app).ends_with("Countries 1/5"),
        "{}",
        footer(&mut app)
    );
}

#[test]
fn small_and_tiny_terminals() {
    let mut app = seed_app();
    snapshot!("small_40x12", &mut app, 40, 12);
    snapshot!("stacked_50x20", &mut app, 50, 20);
    drive(&mut app, [Message::FocusDetail]);
    snapshot!("small_detail_40x12", &mut app, 40, 12);
    snapshot!("too_small_20x5", &mut app, 20, 5);
}

#[test]
fn every_small_size_of_every_screen_renders_and_says_when_it_is_too_small() {
    // Each screen the viewer has, on each tab; present mode draws at any size.
    let mut screens: Vec<(String, App)> = Vec::new();
    for tab in 0..dossier::tui::Tab::count() {
        let mut list = seed_app();
        drive(&mut list, [Message::SelectTab(tab)]);
        let mut detail = seed_app();
        drive(&mut detail, [Message::SelectTab(tab), Message::FocusDetail]);
        screens.push((format!("tab {tab}"), list));
        screens.push((format!("tab {tab}, detail"), detail));
    }
    let mut finder = seed_app();
    drive(&mut finder, [Message::OpenFinder]);
    type_query(&mut finder, "a");
    screens.push(("finder".into(), finder));
    for (name, open) in [
        ("help", Message::ToggleHelp),
        ("problems", Message::ToggleProblems),
        ("chooser", Message::Present),
    ] {
        let mut app = seed_app();
        drive(&mut app, [open]);
        screens.push((name.into(), app));
    }
    for (name, app) in &mut screens {
        let presenting = matches!(app.mode, dossier::tui::Mode::Present(_));
        for width in 0..=30 {
            for height in 0..=10 {
                let text = screen_text(&render(app, width, height));
                let too_small = width < 24 || height < 7;
                if presenting || width == 0 || height == 0 {
                    continue;
                }
                // "Terminal too small", as much of it as fits, and nothing else.
                if too_small {
                    assert!(text.starts_with('T'), "{name} at {width}×{height}:\n{text}");
                } else {
                    assert!(
                        !text.contains("too small"),
                        "{name} at {width}×{height}:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn hostile_dossier_stays_inert() {
    let mut app = fixture_app("tui-hostile.ron");
    for tab in 0..dossier::tui::Tab::count() {
        drive(&mut app, [Message::SelectTab(tab)]);
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
    drive(&mut app, [Message::SelectTab(1)]);
    snapshot!("hostile_120x40", &mut app, 120, 40);
}

#[test]
fn rule_violations_open_with_a_warning_and_a_list() {
    let mut app = fixture_app("tui-rules.ron");
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("4 problems: press !"), "{text}");
    drive(&mut app, [Message::ToggleProblems]);
    snapshot!("problems_120x40", &mut app, 120, 40);
}

#[test]
fn monochrome_keeps_selection_and_matches_visible() {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), MONO);
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

/// The text of one row of a rendered screen.
fn row_text(buffer: &Buffer, row: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol())
        .collect()
}

#[test]
fn sources_and_their_citations() {
    let mut app = seed_app();
    drive(&mut app, [Message::SelectTab(4)]);
    let buffer = render(&mut app, 120, 40);
    let text = screen_text(&buffer);
    insta::assert_snapshot!("source_detail_120x40", text);
    assert!(text.contains("Cited by ("), "{text}");
    assert!(text.contains("→ Netherlands"), "{text}");
    // Every citing item is a link, in file order, after the source's own fields.
    let links = app.links();
    assert_eq!(links.first(), app.catalog.find("nl").as_ref());
    // Wherever a citation shows, its source is a link: the Netherlands' last links
    // are its citations' source.
    let mut app = seed_app();
    let nl_links = {
        drive(&mut app, [Message::SelectTab(1)]);
        app.links()
    };
    let source = app.catalog.find("vp-wapenhandel-2021");
    assert_eq!(nl_links.last().copied(), source);
}

#[test]
fn the_overview() {
    let mut app = seed_app();
    drive(&mut app, [Message::SelectTab(0)]);
    let text = screen_text(&render(&mut app, 120, 40));
    insta::assert_snapshot!("overview_120x40", text);
    assert!(
        text.contains("Contents  5 countries, 2 forums, 9 actions, 1 source"),
        "{text}"
    );
    assert!(text.contains("Problems  none"), "{text}");
    snapshot!("overview_80x24", &mut app, 80, 24);
    let mut broken = fixture_app("tui-rules.ron");
    drive(&mut broken, [Message::SelectTab(0)]);
    let text = screen_text(&render(&mut broken, 120, 40));
    assert!(text.contains("(press ! to list them)"), "{text}");
}

/// A forum with 43 members, and a citation after them.
fn big_forum_app() -> App {
    let ids: Vec<String> = (0..43).map(|n| format!("c{n:02}")).collect();
    let countries: Vec<String> = ids
        .iter()
        .map(|id| format!("Country(id: \"{id}\", name: \"Country {id}\")"))
        .collect();
    let members: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    let text = format!(
        "Dossier(title: \"Big\", sources: [Source(id: \"s\", title: \"The source\")], \
         countries: [{}], forums: [Forum(id: \"big\", name: \"Big forum\", \
         summary: \"Forty-three members.\", members: [{}], \
         citations: [Citation(source: \"s\", quote: \"What follows the members.\")])])",
        countries.join(", "),
        members.join(", ")
    );
    App::new(
        Arc::new(Catalog::from_text("big.ron", &text).unwrap()),
        DARK,
    )
}

#[test]
fn many_links_flow_in_rows_and_stay_links() {
    let mut app = big_forum_app();
    drive(&mut app, [Message::SelectTab(2)]);
    let buffer = render(&mut app, 120, 40);
    let text = screen_text(&buffer);
    insta::assert_snapshot!("compact_links_120x40", text);
    assert!(text.contains("Countries (43)"), "{text}");
    assert!(
        text.contains("“What follows the members.”"),
        "what follows the list is on the first screen:\n{text}"
    );
    // Every name is a link that Tab reaches and Enter opens.
    // The 43 members, then the forum's source: in its group and under its citation.
    assert_eq!(app.links().len(), 43 + 2);
    let mut keys = vec![Message::FocusDetail];
    keys.extend(std::iter::repeat_n(Message::NextLink, 43));
    keys.push(Message::FollowLink);
    drive(&mut app, keys);
    let opened = app.current().and_then(|item| app.catalog.get(item));
    assert_eq!(opened.map(|found| found.id()), Some("c42"));
}

#[test]
fn list_rows_say_when_they_cut() {
    let mut app = seed_app();
    drive(&mut app, [Message::SelectTab(3)]);
    let buffer = render(&mut app, 60, 20);
    let text = screen_text(&buffer);
    let cut = text.lines().filter(|line| line.contains("…│")).count();
    assert!(cut >= 3, "cut titles end with an ellipsis:\n{text}");
    // Wide enough, actions show their timing in a column of its own.
    let wide = screen_text(&render(&mut app, 200, 30));
    let starts: Vec<usize> = ["Soon", "Autumn"]
        .iter()
        .filter_map(|timing| {
            let line = wide.lines().find(|line| line.contains(timing))?;
            line.find(timing)
        })
        .collect();
    assert_eq!(starts.len(), 2, "{wide}");
    assert_eq!(starts[0], starts[1], "timings line up:\n{wide}");
}

#[test]
fn the_footer_keeps_help_at_every_width() {
    for width in [24, 40, 60, 80, 120, 200] {
        for tab in [1, 3] {
            let mut app = seed_app();
            drive(&mut app, [Message::SelectTab(tab), Message::FocusDetail]);
            for (screen, focus) in [
                ("list", Message::FocusList),
                ("detail", Message::FocusDetail),
            ] {
                drive(&mut app, [focus]);
                let buffer = render(&mut app, width, 24);
                let footer = row_text(&buffer, 23);
                assert!(footer.contains("? help"), "{width} {screen}: {footer:?}");
                if tab == 1 && screen == "list" {
                    insta::assert_snapshot!(format!("footer_list_{width}"), footer);
                }
                if tab == 3 && screen == "detail" {
                    insta::assert_snapshot!(format!("footer_detail_{width}"), footer);
                }
            }
        }
    }
}

#[test]
fn the_finder_query_lights_up_in_the_opened_item() {
    let mut app = seed_app();
    drive(&mut app, [Message::OpenFinder]);
    type_query(&mut app, "najaar");
    drive(&mut app, [Message::FinderOpen]);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("n next match"), "{text}");
    // `n` brings the first match into view.
    drive(&mut app, [Message::NextMatch]);
    let buffer = render(&mut app, 120, 40);
    let text = screen_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("najaar"))
        .expect("the term is on screen");
    let column = line
        .find("najaar")
        .map(|at| line[..at].chars().count())
        .unwrap() as u16;
    for x in column..column + 6 {
        assert!(
            buffer[(x, row as u16)]
                .modifier
                .contains(Modifier::UNDERLINED),
            "{x}: {:?}",
            buffer[(x, row as u16)]
        );
    }
    // The match is far down the page: `n` scrolled to it.
    assert!(app.detail.scroll > 0, "{text}");
    // Another item: the highlight is gone.
    drive(&mut app, [Message::FocusList, Message::Down]);
    let buffer = render(&mut app, 120, 40);
    assert!(
        buffer
            .content
            .iter()
            .all(|cell| !cell.modifier.contains(Modifier::UNDERLINED)),
        "{}",
        screen_text(&buffer)
    );
}

#[test]
fn the_viewer_can_open_at_an_item() {
    let catalog = Arc::new(Catalog::built_in().unwrap());
    let item = catalog.find("duwp").unwrap();
    let mut app = App::at(catalog, DARK, item);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("Council Working Party on Dual-Use Goods"),
        "{text}"
    );
    assert!(text.contains(" Forums "), "{text}");
}

/// The text of every cell whose background is `style`'s.
fn marked_text(buffer: &Buffer, style: ratatui::style::Style) -> String {
    buffer
        .content
        .iter()
        .filter(|cell| Some(cell.bg) == style.bg)
        .map(|cell| cell.symbol())
        .collect()
}

#[test]
fn the_link_under_the_cursor_is_marked_and_only_it() {
    let mut app = seed_app();
    // Enter then Tab: the first link, at every size.
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = seed_app();
        app.update(Message::Resize(width, height));
        drive(&mut app, [Message::FocusDetail, Message::NextLink]);
        let first = marked_text(&render(&mut app, width, height), DARK.link_selected);
        assert_eq!(first, "COARM", "{width}x{height}");
    }
    drive(&mut app, [Message::FocusDetail]);
    let none = marked_text(&render(&mut app, 120, 40), DARK.link_selected);
    assert_eq!(none, "", "no link is chosen before Tab");
    drive(&mut app, [Message::NextLink]);
    let first = marked_text(&render(&mut app, 120, 40), DARK.link_selected);
    assert_eq!(first, "COARM");
    drive(&mut app, [Message::NextLink]);
    let second = marked_text(&render(&mut app, 120, 40), DARK.link_selected);
    assert_eq!(second, "DUWP");
    // In a row of flowing links too, only the one name.
    let mut app = big_forum_app();
    app.update(Message::Resize(120, 40));
    let mut keys = vec![Message::SelectTab(2), Message::FocusDetail];
    keys.extend(std::iter::repeat_n(Message::NextLink, 8));
    drive(&mut app, keys);
    let marked = marked_text(&render(&mut app, 120, 40), DARK.link_selected);
    assert_eq!(marked, "Country c07");
    // The list pane does not have focus: nothing there is marked as selected-and-focused.
    drive(&mut app, [Message::FocusList]);
    assert_eq!(
        marked_text(&render(&mut app, 120, 40), DARK.link_selected),
        ""
    );
}

#[test]
fn a_query_error_shows_under_the_query_with_the_term_underlined() {
    let mut app = seed_app();
    drive(&mut app, [Message::OpenFinder]);
    type_query(&mut app, "nl");
    // The rest arrives faster than the search: only the whole query is searched.
    let mut last = None;
    for c in " statu:x".chars() {
        last = app.update(Message::FinderType(c));
    }
    run_search(&mut app, last);
    let buffer = render(&mut app, 80, 24);
    let text = screen_text(&buffer);
    insta::assert_snapshot!("finder_error_80x24", text);
    assert!(
        text.contains("unknown field `statu`; did you mean `status`?"),
        "{text}"
    );
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("> nl statu:x"))
        .expect("the prompt");
    let start = line
        .find("statu")
        .map(|at| line[..at].chars().count())
        .unwrap() as u16;
    for x in start..start + 5 {
        let cell = &buffer[(x, row as u16)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "{x}: {cell:?}"
        );
    }
    let after = &buffer[(start + 5, row as u16)];
    assert!(!after.modifier.contains(Modifier::UNDERLINED), "{after:?}");
    // The results for `nl` stay below.
    assert!(text.contains("country  Netherlands"), "{text}");
}

#[test]
fn keys_after_the_first_frame_do_not_lay_a_huge_item_out_again() {
    // One summary of two megabytes: wrapped once per item and width, not once a key.
    let summary = "word ".repeat(400_000);
    let text = format!(
        "Dossier(title: \"t\", countries: [Country(id: \"big\", name: \"Big\", summary: \"{summary}\"), \
         Country(id: \"small\", name: \"Small\")])"
    );
    let mut app = App::new(
        Arc::new(Catalog::from_text("big.ron", &text).unwrap()),
        DARK,
    );
    app.update(Message::Resize(120, 40));
    render(&mut app, 120, 40);
    drive(&mut app, [Message::FocusDetail]);
    let laid_out = app.layouts;
    for message in [
        Message::Down,
        Message::PageDown,
        Message::Bottom,
        Message::Up,
        Message::Top,
        Message::ScrollDetail(3),
        Message::ToggleHelp,
        Message::Down,
        Message::Close,
        Message::NextLink,
    ] {
        drive(&mut app, [message]);
        render(&mut app, 120, 40);
    }
    assert_eq!(
        app.layouts, laid_out,
        "scrolling and overlays reuse the layout"
    );
    // All of it can be scrolled to, past the 65 535 lines a u16 would stop at.
    drive(&mut app, [Message::Bottom]);
    assert!(app.detail.scroll > 20_000, "{}", app.detail.scroll);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("word word"), "{text}");
    // Another item is laid out once; coming back lays the big one out once more.
    drive(&mut app, [Message::FocusList, Message::Down]);
    assert_eq!(app.layouts, laid_out + 1);
    drive(&mut app, [Message::Up]);
    assert_eq!(app.layouts, laid_out + 2);
}

/// Every screen a user meets: lists, details, the overview, the finder with results and
/// a preview, help and problems.
fn every_screen() -> Vec<Vec<Message>> {
    vec![
        vec![],
        vec![Message::FocusDetail, Message::NextLink],
        vec![Message::SelectTab(0)],
        vec![Message::SelectTab(2), Message::FocusDetail],
        vec![Message::SelectTab(3), Message::Down, Message::FocusDetail],
        vec![
            Message::SelectTab(4),
            Message::FocusDetail,
            Message::NextLink,
        ],
        vec![
            Message::OpenFinder,
            Message::FinderType('n'),
            Message::FinderType('l'),
        ],
        vec![Message::ToggleHelp],
        vec![Message::ToggleHelp, Message::Bottom],
        vec![Message::ToggleProblems],
        vec![Message::ToggleZoom],
    ]
}

/// The cells drawn on the terminal's own background in a colour `forbidden` rejects.
fn unreadable_cells(app: &mut App, forbidden: fn(Color) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for messages in every_screen() {
        let mut screen_app = App::new(Arc::clone(&app.catalog), app.theme);
        screen_app.update(Message::Resize(120, 40));
        drive(&mut screen_app, messages.clone());
        let buffer = render(&mut screen_app, 120, 40);
        for (i, cell) in buffer.content.iter().enumerate() {
            let on_default = matches!(cell.bg, Color::Reset);
            if on_default && forbidden(cell.fg) && !cell.symbol().trim().is_empty() {
                found.push(format!(
                    "{messages:?} cell {i} {:?} {:?}",
                    cell.symbol(),
                    cell.fg
                ));
            }
        }
    }
    found
}

#[test]
fn the_light_theme_draws_nothing_pale_on_a_light_background() {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), LIGHT);
    let pale = |color| {
        matches!(
            color,
            Color::White
                | Color::Gray
                | Color::Yellow
                | Color::LightYellow
                | Color::LightCyan
                | Color::LightGreen
                | Color::LightBlue
                | Color::LightMagenta
                | Color::LightRed
        )
    };
    let found = unreadable_cells(&mut app, pale);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_dark_theme_draws_nothing_dark_on_a_dark_background() {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), DARK);
    let dark = |color| matches!(color, Color::Black | Color::DarkGray | Color::Blue);
    let found = unreadable_cells(&mut app, dark);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn body_text_uses_the_terminals_own_foreground_in_both_themes() {
    for theme in [DARK, LIGHT] {
        let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), theme);
        let buffer = render(&mut app, 120, 40);
        let text = screen_text(&buffer);
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(_, line)| line.contains("The answer calls the Netherlands"))
            .expect("the summary");
        let column = line.chars().take_while(|&c| c != 'T').count() as u16;
        let cell = &buffer[(column, row as u16)];
        assert_eq!(cell.fg, Color::Reset, "{}: {cell:?}", theme.name);
        // The title too, which used to be fixed white.
        assert_eq!(buffer[(1, 0)].fg, Color::Reset, "{}", theme.name);
        // And the two themes do differ where colour helps.
        assert_ne!(DARK.heading, LIGHT.heading);
    }
}

#[test]
fn ascii_symbols_draw_nothing_but_ascii_around_ascii_text() {
    let ascii_text: String = dossier::catalog::BUILT_IN
        .chars()
        .map(|c| if c.is_ascii() { c } else { '?' })
        .collect();
    let catalog = Arc::new(Catalog::from_text("ascii.ron", &ascii_text).unwrap());
    for (width, height) in [(120, 40), (80, 24), (40, 12), (20, 5)] {
        for messages in every_screen() {
            let mut app = App::new(Arc::clone(&catalog), DARK);
            app.update(Message::Glyphs(Box::new(dossier::tui::symbols::ASCII)));
            app.update(Message::Resize(width, height));
            drive(&mut app, messages.clone());
            let buffer = render(&mut app, width, height);
            let text = screen_text(&buffer);
            let odd: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(
                odd.is_empty(),
                "{messages:?} at {width}x{height}: {odd:?}\n{text}"
            );
        }
    }
    let mut app = App::new(Arc::clone(&catalog), DARK);
    app.update(Message::Glyphs(Box::new(dossier::tui::symbols::ASCII)));
    drive(&mut app, [Message::FocusDetail, Message::NextLink]);
    insta::assert_snapshot!("ascii_80x24", screen_text(&render(&mut app, 80, 24)));
}

#[test]
fn clicks_land_on_the_tab_row_or_link_under_the_pointer() {
    use dossier::tui::Hit;
    let mut app = seed_app();
    let text = screen_text(&render(&mut app, 120, 40));
    let tabs_row = text.lines().nth(1).unwrap();
    let column = |row: &str, needle: &str| {
        row.find(needle)
            .map(|at| row[..at].chars().count() as u16)
            .unwrap()
    };
    assert_eq!(
        app.hit_test(column(tabs_row, "Forums"), 1),
        Some(Hit::Tab(2))
    );
    assert_eq!(
        app.hit_test(column(tabs_row, "Overview"), 1),
        Some(Hit::Tab(0))
    );
    assert_eq!(app.hit_test(0, 1), None, "between tabs");
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│ Denmark"))
        .unwrap();
    assert_eq!(
        app.hit_test(column(line, "Denmark"), row as u16),
        Some(Hit::ListRow(2))
    );
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("→ DUWP"))
        .unwrap();
    assert_eq!(
        app.hit_test(column(line, "DUWP") + 1, row as u16),
        Some(Hit::Link(1))
    );
    assert_eq!(
        app.hit_test(column(line, "→"), row as u16),
        Some(Hit::Detail),
        "the arrow is not the link"
    );
    // What a click does.
    drive(
        &mut app,
        [Message::Click {
            column: column(line, "DUWP"),
            row: row as u16,
        }],
    );
    assert_eq!(app.current(), app.catalog.find("duwp"));
    drive(
        &mut app,
        [Message::Click {
            column: column(tabs_row, "Actions"),
            row: 1,
        }],
    );
    assert_eq!(
        app.current_tab(),
        dossier::tui::Tab::List(dossier::Kind::Action)
    );
    let text = screen_text(&render(&mut app, 120, 40));
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│ PAUSE  Annual consultation with Germany"))
        .unwrap();
    drive(
        &mut app,
        [Message::Click {
            column: column(line, "Annual"),
            row: row as u16,
        }],
    );
    assert_eq!(app.current(), app.catalog.find("de-annual-consultation"));
    // The wheel moves in the list under the pointer, and scrolls the detail under it.
    drive(
        &mut app,
        [Message::Wheel {
            column: 5,
            row: 5,
            lines: 3,
        }],
    );
    assert_eq!(app.current(), app.catalog.find("fr-dialogue"));
    drive(
        &mut app,
        [Message::Click {
            column: column(tabs_row, "Countries"),
            row: 1,
        }],
    );
    drive(
        &mut app,
        [Message::Wheel {
            column: 100,
            row: 20,
            lines: 3,
        }],
    );
    assert_eq!(app.detail.scroll, 3);
    assert_eq!(app.current(), app.catalog.find("nl"), "the list stays");
}

#[test]
fn zoom_shows_the_detail_alone_and_back() {
    let mut app = seed_app();
    drive(&mut app, [Message::ToggleZoom]);
    let text = screen_text(&render(&mut app, 120, 40));
    insta::assert_snapshot!("zoomed_120x40", text);
    assert!(!text.contains("╭ Countries"), "{text}");
    let top = text.lines().nth(2).unwrap();
    assert!(
        top.starts_with("╭ Detail") && top.ends_with('╮'),
        "full width: {top}"
    );
    drive(&mut app, [Message::ToggleZoom]);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("╭ Countries"), "{text}");
    // Esc (back to the list) ends the zoom: the list that has the keys is on screen.
    drive(&mut app, [Message::ToggleZoom, Message::FocusList]);
    assert!(!app.zoomed);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("╭ Countries"), "{text}");
    drive(&mut app, [Message::Down]);
    assert_eq!(app.current(), app.catalog.find("de"));
}

#[test]
fn the_help_says_there_is_more_and_its_footer_is_its_own() {
    let mut app = seed_app();
    drive(&mut app, [Message::OpenFinder]);
    type_query(&mut app, "najaar");
    drive(&mut app, [Message::FinderOpen]);
    assert!(screen_text(&render(&mut app, 120, 40)).contains("n next match"));
    drive(&mut app, [Message::ToggleHelp]);
    for (width, height) in [(80, 24), (120, 40)] {
        let buffer = render(&mut app, width, height);
        let text = screen_text(&buffer);
        let footer = text.lines().last().unwrap();
        assert!(!footer.contains("next match"), "{footer}");
        assert!(footer.contains("close"), "{footer}");
        // The help is longer than the screen: its right border is a scrollbar.
        let help_top = text
            .lines()
            .position(|line| line.contains("Keys · "))
            .unwrap();
        let right = text.lines().nth(help_top + 1).unwrap();
        assert!(
            right.contains("Lists") && right.trim_end().ends_with('█'),
            "{text}"
        );
    }
    // At its end, the thumb is at the bottom.
    render(&mut app, 80, 24);
    drive(&mut app, [Message::Bottom]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.lines().nth(21).unwrap().ends_with('█'), "{text}");
    assert!(text.contains("Status tags"), "{text}");
}

#[test]
fn a_followers_help_starts_with_what_a_follower_can_do() {
    let mut app = seed_app();
    drive(
        &mut app,
        [
            Message::Followed {
                briefing: Some("nl-partnership".to_owned()),
                stops: vec!["nl-partnership".to_owned(), "nl".to_owned()],
                stop: 1,
            },
            Message::ToggleHelp,
        ],
    );
    let text = screen_text(&render(&mut app, 80, 24));
    let rows: Vec<&str> = text.lines().skip(3).collect();
    assert!(rows[0].contains("Present"), "{text}");
    assert!(!text.to_lowercase().contains("problem"), "{text}");
    assert!(text.contains("close the help"), "{text}");
}

#[test]
fn present_mode_screens_at_80x24_and_on_a_projector() {
    use dossier::tui::{Mode, Presentation};
    let catalog = Arc::new(Catalog::built_in().unwrap());
    let briefing = catalog.find("nl-partnership").expect("a bundled briefing");
    let mut app = App::new(Arc::clone(&catalog), DARK);
    app.mode = Mode::Present(Presentation::of_briefing(&catalog, briefing).unwrap());
    let title = screen_text(&render(&mut app, 80, 24));
    insta::assert_snapshot!("present_title_80x24", title);
    assert!(
        !title.contains("Presenter's notes"),
        "hidden at first: {title}"
    );
    assert!(title.contains("6 stops"), "{title}");
    snapshot!("present_title_200x50", &mut app, 200, 50);
    app.update(Message::ToggleNotes);
    let with_notes = screen_text(&render(&mut app, 80, 24));
    assert!(with_notes.contains("Presenter's notes"), "{with_notes}");
    assert!(with_notes.contains("N hides them"), "{with_notes}");
    app.update(Message::ToggleNotes);
    drive(&mut app, [Message::NextStop]);
    let stop = screen_text(&render(&mut app, 80, 24));
    insta::assert_snapshot!("present_stop_80x24", stop);
    assert!(
        stop.contains("1/6") && stop.contains("country · nl"),
        "{stop}"
    );
    assert!(!stop.contains("╭"), "no borders to speak of");
    snapshot!("present_stop_200x50", &mut app, 200, 50);
    // j scrolls a stop that does not fit; the next stop starts at its top.
    render(&mut app, 80, 24);
    drive(&mut app, [Message::Down, Message::Down]);
    let Mode::Present(presentation) = &app.mode else {
        panic!("presenting")
    };
    assert_eq!(presentation.scroll, 2);
    drive(&mut app, [Message::LastStop, Message::NextStop]);
    let Mode::Present(presentation) = &app.mode else {
        panic!("presenting")
    };
    assert_eq!(
        (presentation.stop, presentation.scroll),
        (6, 0),
        "the last, not past it"
    );
    drive(&mut app, [Message::Close]);
    assert_eq!(app.mode, Mode::Browse, "back to the viewer");
    assert!(!app.quit);
}

#[test]
fn p_chooses_a_briefing_then_presents_it() {
    use dossier::tui::Mode;
    let mut app = seed_app();
    drive(&mut app, [Message::Present]);
    assert_eq!(app.mode, Mode::ChooseBriefing { selected: 0 });
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("Present which briefing?") && text.contains("Where each partner stands"),
        "{text}"
    );
    drive(&mut app, [Message::Down, Message::Choose]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("Where each partner stands") && text.contains("10 stops"),
        "{text}"
    );
}

#[test]
fn pins_are_marked_and_p_presents_them_in_pin_order() {
    use dossier::tui::{Mode, Stop};
    let mut app = seed_app();
    // Pin Denmark, then the Netherlands.
    drive(&mut app, [Message::Down, Message::Down, Message::TogglePin]);
    drive(&mut app, [Message::Top, Message::TogglePin]);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(
        text.contains("│◆Netherlands") && text.contains("│◆Denmark"),
        "{text}"
    );
    assert!(text.contains("country · nl · ◆ pinned"), "{text}");
    assert!(
        text.contains("pinned; 2 pinned"),
        "the footer confirms:\n{text}"
    );
    drive(&mut app, [Message::Present]);
    let Mode::Present(presentation) = &app.mode else {
        panic!("presenting the pins")
    };
    let expected: Vec<Stop> = ["dk", "nl"]
        .iter()
        .map(|id| Stop::Item(app.catalog.find(id).unwrap()))
        .collect();
    assert_eq!(presentation.stops, expected);
    // Unpinned: gone from the marks.
    drive(&mut app, [Message::Close, Message::TogglePin]);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(!text.contains("│◆Netherlands"), "{text}");
}

#[test]
fn y_copies_the_item_alone_as_markdown_and_capital_y_its_id() {
    let mut app = seed_app();
    let Some(Effect::Copy(id)) = app.update(Message::CopyId) else {
        panic!("a copy")
    };
    assert_eq!(id, "nl");
    let Some(Effect::Copy(text)) = app.update(Message::Copy) else {
        panic!("a copy")
    };
    let nl = app.catalog.find("nl").unwrap();
    assert_eq!(
        Some(text.clone()),
        dossier::export::item_markdown(&app.catalog, nl)
    );
    // The item alone: its own heading first, none of the dossier's header, contents
    // or anchors.
    assert!(text.starts_with("# Netherlands"), "{text}");
    assert!(!text.contains(app.catalog.dossier.title.as_str()), "{text}");
    assert!(
        !text.contains("Contents") && !text.contains("<a "),
        "{text}"
    );
    let footer = screen_text(&render(&mut app, 120, 40));
    assert!(footer.contains("copied nl ("), "{footer}");
    // A copy over 100 KB is refused, and says so.
    let summary = "long ".repeat(30_000);
    let big = format!(
        "Dossier(title: \"t\", countries: [Country(id: \"big\", name: \"Big\", summary: \"{summary}\")])"
    );
    let mut app = App::new(Arc::new(Catalog::from_text("big.ron", &big).unwrap()), DARK);
    assert_eq!(app.update(Message::Copy), None);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("not copied")),
        "{:?}",
        app.notice
    );
}

/// Text drawn on a row that also carries a right-aligned count keeps its own style: the
/// count's style must not cover the query typed in the finder, nor a presentation's title.
#[test]
fn right_aligned_counts_do_not_restyle_their_row() {
    use dossier::tui::{Mode, Presentation};
    let mut app = seed_app();
    drive(&mut app, [Message::OpenFinder]);
    type_query(&mut app, "coarm");
    let buffer = render(&mut app, 120, 40);
    let row = (0..buffer.area.height)
        .find(|&row| row_text(&buffer, row).contains("> coarm"))
        .expect("the query row");
    let start = row_text(&buffer, row).find("coarm").expect("typed") as u16;
    let column = row_text(&buffer, row)[..start as usize].chars().count() as u16;
    let typed = &buffer[(column, row)];
    assert_eq!(typed.symbol(), "c");
    assert!(!typed.modifier.contains(Modifier::DIM), "{typed:?}");

    let catalog = Arc::clone(&app.catalog);
    let briefing = catalog.find("nl-partnership").expect("a bundled briefing");
    app.mode = Mode::Present(Presentation::of_briefing(&catalog, briefing).unwrap());
    let buffer = render(&mut app, 80, 24);
    let title = &buffer[(1, 23)];
    assert_eq!(title.symbol(), "T", "{}", row_text(&buffer, 23));
    assert_eq!(title.fg, DARK.dim.fg.unwrap_or(Color::Reset), "{title:?}");
    assert!(!title.modifier.contains(Modifier::BOLD), "{title:?}");
}

/// On a light background the selection bar is white on blue: a status tag on it takes
/// the bar's colours, where its own blue would vanish.
#[test]
fn a_status_tag_stays_readable_on_the_selection_bar() {
    let mut app = App::new(Arc::new(Catalog::built_in().unwrap()), LIGHT);
    drive(&mut app, [Message::SelectTab(3), Message::Top]);
    let buffer = render(&mut app, 100, 30);
    let row = (0..buffer.area.height)
        .find(|&row| row_text(&buffer, row).contains(" INTEND "))
        .expect("the selected action is an intention");
    let column = (0..buffer.area.width)
        .find(|&column| buffer[(column, row)].symbol() == "I")
        .expect("the tag");
    let tag = &buffer[(column, row)];
    assert_eq!(tag.bg, Color::Blue, "on the bar: {tag:?}");
    assert_ne!(tag.fg, Color::Blue, "readable on the bar: {tag:?}");
}

/// The footer's trail keeps the place shown whole: earlier places are cut short, then
/// left out as `…`, before it is cut.
#[test]
fn the_trail_keeps_the_current_place() {
    let mut app = seed_app();
    // From the first action, link after link: long names.
    drive(
        &mut app,
        [Message::SelectTab(3), Message::Top, Message::FocusDetail],
    );
    for _ in 0..3 {
        drive(&mut app, [Message::FollowLink]);
    }
    // And back one, where the trail is longest and the current place was lost.
    drive(&mut app, [Message::Back]);
    let current = app
        .current()
        .and_then(|item| app.catalog.get(item))
        .map(|found| found.title().to_owned())
        .expect("an item");
    for width in [60, 80, 120, 200] {
        let buffer = render(&mut app, width, 24);
        let footer = row_text(&buffer, 23);
        let shown: String = current.chars().take(12).collect();
        assert!(
            footer.contains(&shown),
            "{width}: {footer:?} lacks {current:?}"
        );
        assert!(!footer.contains("……"), "{width}: {footer:?}");
    }
    let wide = row_text(&render(&mut app, 200, 24), 23);
    assert!(
        wide.contains(&current),
        "room for the whole place: {wide:?}"
    );
}

#[test]
fn the_briefing_chooser_is_as_tall_as_its_briefings() {
    let mut app = seed_app();
    drive(&mut app, [Message::Present]);
    let text = screen_text(&render(&mut app, 120, 40));
    let rows: Vec<&str> = text
        .lines()
        .filter(|line| {
            line.contains("Present which briefing?")
                || line.contains("│ The Dutch")
                || line.contains("│ Where each")
        })
        .collect();
    assert_eq!(rows.len(), 3, "a title and two entries:\n{text}");
    let top = text
        .lines()
        .position(|line| line.contains("Present which briefing?"))
        .unwrap();
    let bottom = text
        .lines()
        .skip(top + 1)
        .position(|line| line.contains('╰'))
        .unwrap();
    assert_eq!(bottom, 2, "two rows between the borders:\n{text}");
}
