//! Following the file as it changes: the real binary in a pseudo-terminal, on a real
//! file that the test rewrites as an editor would.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;
#[path = "common/saving.rs"]
mod saving;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use pty::{BIN, Term, dump};
use saving::{WATCHED, atomic_save};

fn spawn_on(path: &Path, extra: &[&str]) -> Term {
    let mut args = vec![path.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let mut term = Term::spawn(100, 30, &args);
    term.wait_for_text("Countries 1/3");
    term
}

#[test]
fn changes_show_and_a_broken_save_keeps_the_view_with_a_banner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let mut term = spawn_on(&path, &[]);
    term.send("j");
    term.wait_for_text("Countries 2/3");

    // Written in place: the new name shows, the same item stays selected.
    std::fs::write(&path, WATCHED.replace("Belgium", "Belgium (BE)")).expect("write");
    term.wait_for_text("Belgium (BE)");
    assert!(term.output().screen().contents().contains("Countries 2/3"));

    // An atomic save, with an item before the selected one.
    let with_new = WATCHED.replace("Belgium", "Belgium (BE)").replace(
        "countries: [",
        "countries: [\n        Country(id: \"0\", name: \"Albania\"),",
    );
    atomic_save(&path, &with_new);
    term.wait_for("the selection following its item", |screen| {
        screen.contents().contains("Countries 3/4") && screen.contents().contains("Albania")
    });

    // A broken save: the view stays, and the banner says where.
    atomic_save(
        &path,
        &with_new.replace("name: \"Croatia\"", "name: \"Croatia\" oops"),
    );
    term.wait_for_text("showing the last good version");
    {
        let out = term.output();
        let text = out.screen().contents();
        let file = path.display().to_string();
        assert!(
            text.contains(&format!("{file}:")) || text.contains("d.ron:"),
            "{}",
            dump(out.screen())
        );
        let banner_line = text
            .lines()
            .find(|line| line.contains("showing the last good version"))
            .unwrap_or_default();
        assert!(
            banner_line.contains(":6:") || banner_line.contains(":7:"),
            "line and column: {banner_line}"
        );
        assert!(
            text.contains("Belgium (BE)"),
            "the view stays:\n{}",
            dump(out.screen())
        );
    }
    // Fixed: the banner goes.
    atomic_save(&path, &with_new);
    term.wait_for_no_text("showing the last good version");

    // The selected item deleted: its neighbour is selected.
    atomic_save(
        &path,
        &with_new.replace("        Country(id: \"b\", name: \"Belgium (BE)\"),\n", ""),
    );
    term.wait_for("the neighbour", |screen| {
        screen.contents().contains("Countries 3/3") && screen.contents().contains("Croatia")
    });

    // Gone altogether: a banner, and the view stays.
    std::fs::remove_file(&path).expect("remove");
    term.wait_for_text("no such file");
    assert!(term.output().screen().contents().contains("Croatia"));
    term.send("q");
    assert_eq!(term.wait_exit().exit_code(), 0);
}

/// A FIFO put in the file's place is refused with a banner, never opened for reading
/// (which would wait for a writer, and block every later reload); the next good save shows.
#[test]
fn a_fifo_in_the_files_place_is_refused_and_later_saves_still_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let mut term = spawn_on(&path, &[]);
    let fifo = dir.path().join("d.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::fs::rename(&fifo, &path).expect("rename");
    term.wait_for_text("not a regular file");
    assert!(term.output().screen().contents().contains("Belgium"));
    atomic_save(&path, &WATCHED.replace("Belgium", "Belgium (BE)"));
    term.wait_for_text("Belgium (BE)");
    term.wait_for_no_text("not a regular file");
    term.send("q");
    assert_eq!(term.wait_exit().exit_code(), 0);
}

#[test]
fn no_watch_shows_the_file_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let mut term = spawn_on(&path, &["--no-watch"]);
    std::fs::write(&path, WATCHED.replace("Belgium", "Belgium (BE)")).expect("write");
    // Long enough for a watched viewer to have shown it (it takes about 0.1 s).
    thread::sleep(Duration::from_millis(1500));
    term.send("j");
    term.wait_for_text("Countries 2/3");
    assert!(!term.output().screen().contents().contains("(BE)"));
    term.send("q");
    assert_eq!(term.wait_exit().exit_code(), 0);
}

#[test]
fn check_watch_checks_again_on_every_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let mut child = Command::new(BIN)
        .args(["check", "--watch"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dossier check --watch");
    let (lines, received) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ] {
        let lines = lines.clone();
        thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    }
    let expect = |needle: &str| loop {
        let line = received
            .recv_timeout(pty::TIMEOUT)
            .unwrap_or_else(|_| panic!("no line with {needle:?}"));
        if line.contains(needle) {
            return line;
        }
    };
    expect("3 countries");
    expect("watching for changes");
    atomic_save(
        &path,
        &WATCHED.replace("name: \"Austria\"", "name: \"Austria\" oops"),
    );
    let broken = expect("d.ron:");
    assert!(broken.contains(":4:"), "{broken}");
    std::fs::write(&path, WATCHED.replace("Croatia", "Croatia (HR)")).expect("write");
    expect("3 countries");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_broken_save_while_presenting_shows_on_the_presenters_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, WATCHED).expect("write");
    let file = path.to_str().expect("utf-8 path");
    let mut term = Term::spawn(100, 30, &["--file", file, "present", "a", "b"]);
    term.wait_for_text("1/2");
    atomic_save(
        &path,
        &WATCHED.replace("name: \"Belgium\"", "name: \"Belgium\" oops"),
    );
    term.wait_for_text("showing the last good version");
    {
        let out = term.output();
        let text = out.screen().contents();
        assert!(text.contains("d.ron:"), "{}", dump(out.screen()));
        assert!(
            text.contains("Austria"),
            "the stop stays: {}",
            dump(out.screen())
        );
    }
    // Fixed: the banner goes, the presentation goes on.
    atomic_save(&path, &WATCHED.replace("Austria", "Austria (AT)"));
    term.wait_for_text("Austria (AT)");
    assert!(
        !term
            .output()
            .screen()
            .contents()
            .contains("last good version")
    );
    term.send("q");
    term.wait_exit();
}
