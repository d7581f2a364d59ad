//! Keeping a dossier from the viewer: `--since` marks what changed, a live save is listed
//! as a change, and `e` hands the terminal to the author's editor at the item's line.
//! The real binary in a pseudo-terminal, on real files; the editor is a real script.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;
#[path = "common/saving.rs"]
mod saving;

use std::os::unix::fs::PermissionsExt;

use pty::{BIN, Term, dump};
use saving::{WATCHED, atomic_save};

const OLD: &str = "tests/fixtures/example.ron";
const LATER: &str = "tests/fixtures/example-later.ron";

/// The countries list marks Japan, new in the later version, with `+` (in every
/// glyph set).
fn wait_for_japan_marked_added(term: &mut Term) {
    term.wait_for("Japan marked as added", |screen| {
        screen
            .contents()
            .lines()
            .any(|line| line.contains("+ Japan"))
    });
}

#[test]
fn since_a_file_marks_the_lists_and_the_overview_lists_every_change() {
    let mut term = Term::spawn(110, 40, &[LATER, "--since", OLD]);
    term.wait_for_text("Countries 1/");
    wait_for_japan_marked_added(&mut term);
    // Actions: the Dutch consultation changed (`~`); its detail says how.
    term.send("3");
    term.wait_for_text("Actions 1/");
    let contents = term.output().screen().contents();
    assert!(
        contents
            .lines()
            .any(|line| line.contains("~ ") && line.contains("Annual general")),
        "{contents}"
    );
    term.wait_for_text(&format!("Changed since {OLD}"));
    term.wait_for_text("Status: Recurring → Done");
    // The overview: the count, then each change; the removed one as plain text.
    term.send("0");
    term.wait_for_text(&format!("Since {OLD}: 1 added, 1 removed, 3 changed"));
    let out = term.output();
    let text = out.screen().contents();
    for line in [
        "+ country Japan",
        "~ forum DUWP",
        "~ action Annual general consultation",
        "- action Annual consultation with the Danish authorities (dk-annual-consultation)",
    ] {
        assert!(text.contains(line), "{line}:\n{}", dump(out.screen()));
    }
}

#[test]
fn since_a_file_in_ascii_and_mono_marks_with_ascii() {
    let mut term = Term::spawn_with_env(
        100,
        30,
        &[LATER, "--since", OLD, "--ascii", "--theme", "mono"],
        &[("NO_COLOR", Some("1"))],
    );
    term.wait_for_text("Countries 1/");
    wait_for_japan_marked_added(&mut term);
    term.send("3");
    term.wait_for_text("Status: Recurring -> Done");
}

#[test]
fn since_a_version_that_cannot_be_read_refuses_before_the_terminal() {
    let output = std::process::Command::new(BIN)
        .args([LATER, "--since", "tests/fixtures/no-such-file.ron"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no-such-file.ron"), "{err}");
    assert!(output.stdout.is_empty(), "the terminal was not touched");
}

#[test]
fn a_live_save_is_listed_as_a_change_since_the_version_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let mut term = Term::spawn(100, 30, &[path.to_str().expect("utf-8")]);
    term.wait_for_text("Countries 1/3");
    atomic_save(&path, &WATCHED.replace("Belgium", "Belgium (BE)"));
    term.wait_for("Belgium marked as changed", |screen| {
        screen
            .contents()
            .lines()
            .any(|line| line.contains("~ Belgium (BE)"))
    });
    term.send("0");
    term.wait_for_text("Since the version opened: 0 added, 0 removed, 1 changed");
    term.wait_for_text("~ country Belgium (BE)");
}

#[test]
fn e_opens_the_editor_at_the_item_and_shows_the_edit_on_return() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let record = dir.path().join("called");
    let typed = dir.path().join("typed");
    let mode = dir.path().join("mode");
    let editor = dir.path().join("editor.sh");
    // Records how it was called and the terminal's mode, reads a line typed at the
    // terminal (which the viewer must leave alone), then edits the file as an author
    // would.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstty -a > '{mode}'\nread line\nprintf '%s\\n' \"$line\" > '{typed}'\n\
             sed -i 's/Belgium/Belgique/' \"$2\"\nprintf '%s\\n' \"$@\" > '{record}'\n",
            mode = mode.display(),
            typed = typed.display(),
            record = record.display()
        ),
    )
    .expect("write the editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut term = Term::spawn_with_env(
        100,
        30,
        &[path.to_str().expect("utf-8")],
        &[
            ("EDITOR", Some(editor.to_str().expect("utf-8"))),
            ("VISUAL", None),
        ],
    );
    term.wait_for_text("Countries 1/3");
    term.send("j");
    term.wait_for_text("Countries 2/3");
    term.send("e");
    term.wait_for("the editor has the terminal", |_| mode.exists());
    term.wait_for("the main screen, for the editor", |screen| {
        !screen.alternate_screen()
    });
    term.send("typed in the editor\r");
    // The edit, listed as a change, on the same item.
    term.wait_for_text("Name: Belgium → Belgique");
    let called = std::fs::read_to_string(&record).expect("the editor ran");
    assert_eq!(
        called,
        format!("+5\n{}\n", path.display()),
        "EDITOR +LINE FILE"
    );
    let typed = std::fs::read_to_string(&typed).expect("the editor read a line");
    assert_eq!(
        typed, "typed in the editor\n",
        "the viewer took none of its keys"
    );
    let stty = std::fs::read_to_string(&mode).expect("stty");
    assert!(
        stty.split_whitespace().any(|flag| flag == "icanon"),
        "the editor got a cooked terminal: {stty}"
    );
    // Back: the alternate screen, raw mode, the same item, the file read again.
    let screen_text = {
        let out = term.output();
        assert!(
            out.screen().alternate_screen(),
            "back on the alternate screen"
        );
        out.screen().contents()
    };
    assert!(screen_text.contains("~ Belgique"), "{screen_text}");
    assert!(
        screen_text.contains("back from the editor"),
        "{screen_text}"
    );
    assert!(
        !term.local_flags().iter().any(|flag| flag == "ICANON"),
        "raw mode again"
    );
    term.send("q");
    term.wait_exit();
    term.assert_restored();
}

#[test]
fn e_on_the_built_in_dossier_says_why_not() {
    let mut term = Term::spawn_with_env(
        100,
        30,
        &[],
        &[("DOSSIER_FILE", None), ("EDITOR", Some("false"))],
    );
    term.wait_for_text("Countries 1/");
    term.send("e");
    term.wait_for_text("the built-in dossier has no file; `dossier init` writes one");
}
