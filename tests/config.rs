//! The config file from the command line: where it is found, what it changes, what beats
//! it, and how its mistakes are shown; and the README's example, which must be valid.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::path::{Path, PathBuf};

use common::{dossier, fixture, output, root, run};

/// A config file holding `text` in a fresh folder, which is kept while it lives.
struct ConfigFile {
    dir: tempfile::TempDir,
}

impl ConfigFile {
    fn new(text: &str) -> ConfigFile {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.ron"), text).unwrap();
        ConfigFile { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("config.ron")
    }

    fn path_str(&self) -> String {
        self.path().display().to_string()
    }
}

fn example() -> String {
    root().join(fixture("example.ron")).display().to_string()
}

#[test]
fn the_files_dossier_is_read_when_none_is_named() {
    let config = ConfigFile::new(&format!("Config(file: {:?})", example()));
    let out = run(&["list", "country", "--config", &config.path_str()]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout_lines(),
        ["country\tnl\tNetherlands", "country\tdk\tDenmark"]
    );
    // A relative path starts from the config file's folder.
    std::fs::copy(example(), config.dir.path().join("team.ron")).unwrap();
    std::fs::write(config.path(), "(file: \"team.ron\")").unwrap();
    let out = output(
        dossier()
            .args(["check"])
            .env("DOSSIER_CONFIG", config.path()),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(
        out.stdout.contains("team.ron: 2 countries"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_usual_place_is_under_xdg_config_home() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("dossier")).unwrap();
    std::fs::write(
        home.path().join("dossier/config.ron"),
        format!("(file: {:?})", example()),
    )
    .unwrap();
    let out = output(
        dossier()
            .args(["list", "country"])
            .env("XDG_CONFIG_HOME", home.path()),
    );
    assert_eq!(out.stdout_lines().len(), 2, "{out:#?}");
    // With no XDG_CONFIG_HOME, ~/.config.
    let config_home = home.path().join(".config");
    std::fs::create_dir_all(&config_home).unwrap();
    std::fs::rename(home.path().join("dossier"), config_home.join("dossier")).unwrap();
    let out = output(
        dossier()
            .args(["list", "country"])
            .env_remove("XDG_CONFIG_HOME")
            .env("HOME", home.path()),
    );
    assert_eq!(out.stdout_lines().len(), 2, "{out:#?}");
}

#[test]
fn the_command_line_and_the_environment_beat_the_file() {
    let config = ConfigFile::new(&format!("(file: {:?})", example()));
    // --file and DOSSIER_FILE over the file's dossier.
    let out = run(&[
        "list",
        "country",
        "--config",
        &config.path_str(),
        "-f",
        "data/dossier.ron",
    ]);
    assert_eq!(out.stdout_lines().len(), 5, "{out:#?}");
    let out = output(
        dossier()
            .args(["list", "country", "--config", &config.path_str()])
            .env("DOSSIER_FILE", "data/dossier.ron"),
    );
    assert_eq!(out.stdout_lines().len(), 5, "{out:#?}");
    // --config over DOSSIER_CONFIG, which may then be broken.
    let broken = ConfigFile::new("(mose: false)");
    let out = output(
        dossier()
            .args(["list", "country", "--config", &config.path_str()])
            .env("DOSSIER_CONFIG", broken.path()),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(out.stdout_lines().len(), 2, "{out:#?}");
}

#[test]
fn a_mistake_is_placed_named_and_exits_2() {
    let config = ConfigFile::new(
        "Config(\n    theme: Light,\n    keys: {\n        \"zoom\": [\"Z\", \"q\"],\n    },\n)\n",
    );
    let out = run(&["list", "--config", &config.path_str()]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        format!(
            "{}:4:23: `q` is bound to both `zoom` and `quit` in the list\n  |\n4 |         \"zoom\": [\"Z\", \"q\"],\n  |                       ^^^\n  = help: `quit` has `q` when not remapped: remap `quit` too, or choose another key\n",
            config.path_str()
        )
    );
    std::fs::write(config.path(), "(\n  keys: {\"nxt-item\": [\"j\"]},\n)").unwrap();
    let out = run(&["show", "nl", "--config", &config.path_str()]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr.starts_with(&format!(
            "{}:2:11: unknown action `nxt-item`",
            config.path_str()
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("= help: did you mean `next-item`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_named_file_must_exist_and_the_usual_one_need_not() {
    let out = run(&["list", "--config", "no/such/config.ron"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(out.stderr, "no/such/config.ron: no such file\n");
    // The tests' own XDG_CONFIG_HOME holds no config file.
    let config_home = common::clean_env()
        .into_iter()
        .find(|(name, _)| *name == "XDG_CONFIG_HOME")
        .map(|(_, value)| PathBuf::from(value))
        .unwrap();
    assert!(!config_home.join("dossier/config.ron").exists());
    assert_eq!(run(&["list", "country"]).code(), 0);
}

#[test]
fn a_broken_config_does_not_stop_the_man_page_or_completions() {
    let broken = ConfigFile::new("(mose: false)");
    for args in [&["man"][..], &["completions", "bash"]] {
        let out = output(dossier().args(args).env("DOSSIER_CONFIG", broken.path()));
        assert_eq!(out.code(), 0, "{args:?}: {out:#?}");
    }
}

#[test]
fn help_says_where_the_file_is_read_from() {
    let out = output(dossier().arg("--help").env("XDG_CONFIG_HOME", "/xdg"));
    assert_eq!(out.code(), 0);
    let help = common::collapse_whitespace(&out.stdout);
    assert!(help.contains("--config <PATH>"), "{help}");
    assert!(help.contains("[env: DOSSIER_CONFIG=]"), "{help}");
    assert!(
        help.contains("here: /xdg/dossier/config.ron (not there)"),
        "{help}"
    );
}

#[test]
fn the_readmes_example_config_is_valid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("### The config file\n")
        .nth(1)
        .expect("the README has a config section");
    let example = section
        .split("```ron\n")
        .nth(1)
        .and_then(|block| block.split("\n```\n").next())
        .expect("a ron block");
    let table = dossier::tui::keys::key_table();
    let config = dossier::config::parse(
        "config.ron",
        example,
        Some(Path::new("/cfg")),
        Some(Path::new("/home/me")),
        &table,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    // A complete example: every setting set.
    assert!(config.file.is_some());
    assert!(config.theme.is_some());
    assert!(config.glyphs.is_some());
    assert!(config.mouse.is_some());
    assert!(!config.keys.is_empty());
    assert_ne!(config.colors, dossier::config::Colors::default());
}
