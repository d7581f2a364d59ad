use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;

use super::*;

fn table() -> KeyTable {
    crate::tui::keys::key_table()
}

fn parse_text(text: &str) -> Result<Config, ConfigError> {
    parse(
        "config.ron",
        text,
        Some(Path::new("/cfg")),
        Some(Path::new("/home/me")),
        &table(),
    )
}

/// The error's first line, and its help, for a text that must fail.
fn error(text: &str) -> (String, Option<String>) {
    match parse_text(text) {
        Ok(config) => panic!("accepted: {config:?}"),
        Err(ConfigError::Syntax(error)) => {
            let shown = error.to_string();
            let first = shown.lines().next().unwrap_or_default().to_owned();
            (first, error.help.clone())
        }
        Err(other) => panic!("not a syntax error: {other}"),
    }
}

fn key(spec: &str) -> KeySpec {
    KeySpec::parse(spec).unwrap()
}

#[test]
fn a_full_config_is_read() {
    let config = parse_text(
        r##"// Mine.
Config(
    file: "~/dossiers/team.ron",
    theme: Light,
    colors: (
        heading: (fg: "blue", bold: true),
        selected: (fg: "black", bg: "#a0c8ff"),
        status_planned: (fg: "130"),
    ),
    glyphs: Ascii,
    mouse: false,
    keys: {
        "next-item": ["j", "ctrl-n", "Down"],
        "zoom": ["Z"],
    },
)
"##,
    )
    .unwrap();
    assert_eq!(
        config.file,
        Some(PathBuf::from("/home/me/dossiers/team.ron"))
    );
    assert_eq!(config.theme, Some(ThemeName::Light));
    assert_eq!(config.glyphs, Some(Glyphs::Ascii));
    assert_eq!(config.mouse, Some(false));
    let heading = config.colors.heading.unwrap();
    assert_eq!(heading.fg, Some(Colour(Color::Blue)));
    assert_eq!(heading.bold, Some(true));
    assert_eq!(
        config.colors.selected.and_then(|s| s.bg),
        Some(Colour(Color::Rgb(0xa0, 0xc8, 0xff)))
    );
    assert_eq!(
        config.colors.statuses()[1].and_then(|s| s.fg),
        Some(Colour(Color::Indexed(130)))
    );
    assert_eq!(
        config.keys,
        vec![
            Remap {
                action: "next-item".to_owned(),
                keys: vec![key("j"), key("ctrl-n"), key("Down")],
            },
            Remap {
                action: "zoom".to_owned(),
                keys: vec![KeySpec::new(KeyCode::Char('Z'), KeyModifiers::NONE)],
            },
        ]
    );
}

#[test]
fn empty_and_unnamed_configs_change_nothing() {
    for text in [
        "",
        "  \n",
        "// nothing yet\n",
        "/* a */ // b",
        "()",
        "Config()",
    ] {
        assert_eq!(parse_text(text).unwrap(), Config::default(), "{text:?}");
    }
}

#[test]
fn paths_are_taken_from_the_config_folder_and_home() {
    let file = |path: &str| {
        parse_text(&format!("(file: {path:?})"))
            .unwrap()
            .file
            .unwrap()
    };
    assert_eq!(file("team.ron"), PathBuf::from("/cfg/team.ron"));
    assert_eq!(file("/srv/d.ron"), PathBuf::from("/srv/d.ron"));
    assert_eq!(file("~/d.ron"), PathBuf::from("/home/me/d.ron"));
    assert_eq!(file("~other/d.ron"), PathBuf::from("/cfg/~other/d.ron"));
}

#[test]
fn an_unknown_setting_is_placed_and_named() {
    let (first, help) = error("Config(\n    theme: Light,\n    mose: false,\n)");
    assert_eq!(first, "config.ron:3:5: unknown setting `mose` in `Config`");
    assert_eq!(help.as_deref(), Some("did you mean `mouse`?"));
}

#[test]
fn an_unknown_action_gets_a_suggestion() {
    let (first, help) = error("(keys: {\n  \"nxt-item\": [\"j\"],\n})");
    assert!(first.starts_with("config.ron:2:"), "{first}");
    assert!(first.ends_with("unknown action `nxt-item`"), "{first}");
    assert_eq!(help.as_deref(), Some("did you mean `next-item`?"));
}

#[test]
fn an_unknown_key_gets_a_suggestion_at_its_column() {
    let text = "(keys: {\n  \"next-item\": [\"j\", \"PgDwn\"],\n})";
    let (first, help) = error(text);
    assert_eq!(first, "config.ron:2:22: unknown key `PgDwn`");
    assert_eq!(help.as_deref(), Some("did you mean `PgDn`?"));
    let Err(ConfigError::Syntax(shown)) = parse_text(text) else {
        panic!()
    };
    // The caret sits under the key, as under a dossier's mistakes.
    let lines: Vec<_> = shown.to_string().lines().map(str::to_owned).collect();
    let column = lines[3].find('^').unwrap() - lines[2].find('|').unwrap() - 2;
    assert_eq!(
        &lines[2][lines[2].find('|').unwrap() + 2..][column..column + 7],
        "\"PgDwn\""
    );
}

#[test]
fn unknown_themes_glyphs_and_colours_are_explained() {
    let (first, help) = error("(theme: Ligth)");
    assert_eq!(first, "config.ron:1:9: unknown value `Ligth`");
    assert_eq!(help.as_deref(), Some("did you mean `Light`?"));
    let (first, _) = error("(glyphs: Emoji)");
    assert!(first.contains("unknown value `Emoji`"), "{first}");
    let (first, help) = error("(colors: (heading: (fg: \"blu\")))");
    assert!(first.starts_with("config.ron:1:"), "{first}");
    assert!(first.ends_with("unknown colour `blu`"), "{first}");
    assert_eq!(help.as_deref(), Some("did you mean `blue`?"));
    let (first, help) = error("(colors: (headnig: (bold: true)))");
    assert!(
        first.ends_with("unknown setting `headnig` in `Colors`"),
        "{first}"
    );
    assert_eq!(help.as_deref(), Some("did you mean `heading`?"));
    let (first, _) = error("(mouse: \"no\")");
    assert!(first.ends_with("expected `true` or `false`"), "{first}");
}

#[test]
fn syntax_errors_have_lines_and_columns() {
    let (first, _) = error("(\n  theme: Light\n  mouse: false,\n)");
    assert_eq!(first, "config.ron:3:3: expected a comma");
    let (first, _) = error("(keys: {\"quit\": [\"x\"]");
    assert!(first.contains("the file ends too early"), "{first}");
    let (first, _) = error("Settings(mouse: true)");
    assert!(first.contains("expected `Config(…)` here"), "{first}");
}

#[test]
fn a_key_listed_twice_or_an_empty_list_is_refused() {
    let (first, _) = error("(keys: {\"quit\": [\"x\", \"x\"]})");
    assert!(first.ends_with("`x` is listed twice for `quit`"), "{first}");
    let (first, help) = error("(keys: {\"quit\": []})");
    assert!(first.ends_with("`quit` is given no key"), "{first}");
    assert!(help.is_some());
    let (first, _) = error("(keys: {\"quit\": [\"x\"], \"quit\": [\"y\"]})");
    assert!(
        first.ends_with("action `quit` is given keys twice"),
        "{first}"
    );
}

#[test]
fn a_conflict_with_a_default_binding_names_both_and_points_at_the_key() {
    // `q` quits the lists; zoom shares their places.
    let text = "(keys: {\n  \"zoom\": [\"Z\", \"q\"],\n})";
    let (first, help) = error(text);
    assert_eq!(
        first,
        "config.ron:2:17: `q` is bound to both `zoom` and `quit` in the list"
    );
    assert_eq!(
        help.as_deref(),
        Some("`quit` has `q` when not remapped: remap `quit` too, or choose another key")
    );
    // Remapping `quit` away from `q` frees it.
    let config = parse_text("(keys: {\"zoom\": [\"q\"], \"quit\": [\"Q\"]})").unwrap();
    assert_eq!(config.keys.len(), 2);
}

#[test]
fn a_conflict_between_two_remaps_is_found_whichever_comes_first() {
    let (first, help) = error("(keys: {\"copy\": [\"x\"], \"pin\": [\"x\"]})");
    assert!(
        first.ends_with("`x` is bound to both `copy` and `pin` in the list"),
        "{first}"
    );
    assert_eq!(help.as_deref(), Some("give one of them another key"));
}

#[test]
fn the_same_key_in_places_that_do_not_meet_is_no_conflict() {
    // The finder and the presentation never show at once.
    parse_text("(keys: {\"next-stop\": [\"ctrl-n\"], \"finder-next\": [\"ctrl-n\"]})").unwrap();
}

#[test]
fn the_finder_types_plain_characters() {
    let (first, help) = error("(keys: {\"finder-next\": [\"j\"]})");
    assert!(
        first.ends_with("`j` is typed in the finder, so `finder-next` cannot have it"),
        "{first}"
    );
    assert!(help.unwrap().contains("ctrl-"));
    parse_text("(keys: {\"finder-next\": [\"alt-j\", \"F3\"]})").unwrap();
}

#[test]
fn control_characters_in_a_config_do_not_reach_the_terminal() {
    let (first, _) = error("(keys: {\"\u{1b}]0;x\u{7}\": [\"j\"]})");
    assert!(!first.contains('\u{1b}'), "{first:?}");
    assert!(first.contains("^["), "{first:?}");
}

#[test]
fn the_usual_place_follows_xdg_then_home() {
    let env = |xdg: Option<&str>, home: Option<&str>| Environment {
        xdg_config_home: xdg.map(PathBuf::from),
        home: home.map(PathBuf::from),
    };
    let usual = |path: &str| Location::Usual(PathBuf::from(path));
    assert_eq!(
        locate(None, &env(Some("/x"), Some("/h"))),
        usual("/x/dossier/config.ron")
    );
    // XDG says a relative XDG_CONFIG_HOME is to be ignored.
    assert_eq!(
        locate(None, &env(Some("rel"), Some("/h"))),
        usual("/h/.config/dossier/config.ron")
    );
    assert_eq!(locate(None, &env(None, None)), Location::Nowhere);
    assert_eq!(
        locate(Some(Path::new("my.ron")), &env(Some("/x"), Some("/h"))),
        Location::Given(PathBuf::from("my.ron"))
    );
}

#[test]
fn a_missing_file_is_no_config_unless_it_was_named() {
    let missing = PathBuf::from("/nonexistent/dossier/config.ron");
    let env = Environment::default();
    assert_eq!(
        load(&Location::Usual(missing.clone()), &env, &table()).unwrap(),
        Config::default()
    );
    let given = load(&Location::Given(missing), &env, &table()).unwrap_err();
    assert_eq!(
        given.to_string(),
        "/nonexistent/dossier/config.ron: no such file"
    );
    let folder = load(&Location::Given(PathBuf::from("/")), &env, &table()).unwrap_err();
    assert!(
        folder.to_string().ends_with("it is a directory"),
        "{folder}"
    );
    let device = load(&Location::Given(PathBuf::from("/dev/null")), &env, &table()).unwrap_err();
    assert!(
        device.to_string().ends_with("it is not a regular file"),
        "{device}"
    );
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("note: mkfifo is not available here; skipped");
        return;
    }
    let refused = load(&Location::Given(fifo), &Environment::default(), &table()).unwrap_err();
    assert!(
        refused.to_string().ends_with("it is not a regular file"),
        "{refused}"
    );
}

#[test]
fn a_file_is_read_and_named_in_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    std::fs::write(&path, "(file: \"team.ron\", mouse: nope)").unwrap();
    let error = load(
        &Location::Given(path.clone()),
        &Environment::default(),
        &table(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with(&format!("{}:1:", path.display())),
        "{error}"
    );
    std::fs::write(&path, "(file: \"team.ron\")").unwrap();
    let config = load(&Location::Given(path), &Environment::default(), &table()).unwrap();
    assert_eq!(config.file, Some(dir.path().join("team.ron")));
    std::fs::write(dir.path().join("big.ron"), vec![b' '; 2 << 20]).unwrap();
    let big = load(
        &Location::Given(dir.path().join("big.ron")),
        &Environment::default(),
        &table(),
    );
    assert!(matches!(big, Err(ConfigError::TooLarge { .. })), "{big:?}");
    std::fs::write(dir.path().join("latin1.ron"), b"(file: \"caf\xe9\")").unwrap();
    let latin1 = load(
        &Location::Given(dir.path().join("latin1.ron")),
        &Environment::default(),
        &table(),
    );
    assert!(
        matches!(latin1, Err(ConfigError::NotUtf8 { .. })),
        "{latin1:?}"
    );
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_the_default() {
    let config = Config {
        file: Some(PathBuf::from("/cfg/team.ron")),
        theme: Some(ThemeName::Light),
        glyphs: Some(Glyphs::Unicode),
        mouse: Some(false),
        ..Config::default()
    };
    let nothing = Asked::default();
    // The file over the defaults.
    assert_eq!(
        Settings::resolve(&nothing, &config),
        Settings {
            file: Some(PathBuf::from("/cfg/team.ron")),
            theme: Some(ThemeName::Light),
            glyphs: Some(Glyphs::Unicode),
            mouse: false,
        }
    );
    // The defaults with no file.
    assert_eq!(
        Settings::resolve(&nothing, &Config::default()),
        Settings {
            file: None,
            theme: None,
            glyphs: None,
            mouse: true,
        }
    );
    // The environment over the file; a value it does not know is no value.
    let env = Asked {
        theme_env: Some("mono".to_owned()),
        ..Asked::default()
    };
    assert_eq!(
        Settings::resolve(&env, &config).theme,
        Some(ThemeName::Mono)
    );
    let nonsense = Asked {
        theme_env: Some("plaid".to_owned()),
        ..Asked::default()
    };
    assert_eq!(
        Settings::resolve(&nonsense, &config).theme,
        Some(ThemeName::Light)
    );
    // Flags over both.
    let flags = Asked {
        file: Some(PathBuf::from("mine.ron")),
        theme: Some(ThemeName::Dark),
        theme_env: Some("mono".to_owned()),
        ascii: true,
        no_mouse: true,
    };
    assert_eq!(
        Settings::resolve(&flags, &config),
        Settings {
            file: Some(PathBuf::from("mine.ron")),
            theme: Some(ThemeName::Dark),
            glyphs: Some(Glyphs::Ascii),
            mouse: false,
        }
    );
}

#[test]
fn theme_names_read_as_the_flag_reads_them() {
    assert_eq!(ThemeName::parse(" Light "), Some(ThemeName::Light));
    assert_eq!(ThemeName::parse("monochrome"), Some(ThemeName::Mono));
    assert_eq!(ThemeName::parse("sepia"), None);
}
