//! The config file in the viewer: its dossier, theme, glyphs and mouse, and flags that
//! beat it, in a pseudo-terminal running the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::{BIN, Term, contains, dump, row};

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

    fn path_str(&self) -> String {
        self.dir.path().join("config.ron").display().to_string()
    }
}

fn example() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/example.ron").to_owned()
}

/// The viewer with a config file, in a terminal that would answer nothing.
fn viewer_with(config: &ConfigFile, args: &[&str]) -> Term {
    let mut command = CommandBuilder::new(BIN);
    command.args(args);
    let env = [
        ("DOSSIER_CONFIG".to_owned(), Some(config.path_str())),
        ("COLORFGBG".to_owned(), None),
    ];
    Term::start_command_with_env(80, 24, command, &env)
}

#[test]
fn the_viewer_takes_its_dossier_theme_glyphs_and_mouse_from_the_file() {
    let config = ConfigFile::new(&format!(
        "(file: {:?}, theme: Light, glyphs: Ascii, mouse: false)",
        example()
    ));
    let mut term = viewer_with(&config, &[]);
    term.wait_for_text("Countries 1/2");
    {
        let out = term.output();
        let screen = out.screen();
        assert!(
            row(screen, 2).starts_with("+ Countries -"),
            "{}",
            dump(screen)
        );
        // The light theme's tab is white on blue; the theme was given, so nothing asked.
        let tab = screen.cell(1, 15).expect("a tab cell");
        assert_eq!(tab.bgcolor(), vt100::Color::Idx(4), "{}", dump(screen));
        assert!(!contains(&out.raw, b"\x1b]11;?"));
    }
    term.send("q");
    term.wait_exit();
    assert!(
        !contains(&term.output().raw, b"\x1b[?1000h"),
        "the mouse was captured"
    );

    // Flags beat the file.
    let mut term = viewer_with(&config, &["--theme", "dark", "data/dossier.ron"]);
    term.wait_for_text("Countries 1/5");
    {
        let out = term.output();
        let tab = out.screen().cell(1, 15).expect("a tab cell");
        assert_eq!(
            tab.bgcolor(),
            vt100::Color::Idx(6),
            "{}",
            dump(out.screen())
        );
    }
    term.send("q");
    term.wait_exit();
}

#[test]
fn a_remapped_key_works_shows_in_the_help_and_the_old_key_is_gone() {
    let config = ConfigFile::new(r#"(keys: { "next-item": ["ctrl-n"], "find": ["F"] })"#);
    let mut term = viewer_with(&config, &[]);
    term.wait_for_text("Countries 1/5");
    // `j` moves no more; Ctrl-n does.
    term.send("j");
    term.send("\x0e");
    term.wait_for_text("Countries 2/5");
    // `/` no longer opens the finder: the `?` after it opens the help instead of being
    // typed into a query. The help names the new keys.
    term.send("/");
    term.send("?");
    term.wait_for_text("Keys");
    {
        let out = term.output();
        let text = out.screen().contents();
        assert!(text.contains("Ctrl-n"), "{}", dump(out.screen()));
    }
    term.send("q");
    term.wait_for("the help closed", |screen| {
        !screen.contents().contains("Keys")
    });
    // The finder opens with `F`.
    term.send("F");
    term.wait_for_text("Find");
    term.send("\x1b");
    term.wait_for("the finder closed", |screen| {
        !screen.contents().contains("Find")
    });
    term.send("q");
    term.wait_exit();
}
