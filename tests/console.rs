//! The presenter's console end to end: a real presenter (`present --share`), a real
//! console (`console`) and real followers, each in its own pseudo-terminal, over real Unix
//! sockets in a temporary directory; and hand-written clients that try what a follower
//! must never manage. Waits only turn hangs into failures; nothing here times anything.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use dossier::share::{Frame, console_path, read_frame};
use pty::{TIMEOUT, Term, contains, dump};

/// The first note of the bundled `nl-partnership` briefing: for the presenter's eyes only.
const NOTE: &str = "The partnership covers strategic goods";

fn assert_exit_code(status: &portable_pty::ExitStatus, code: u32) {
    assert!(status.signal().is_none(), "killed by {status}");
    assert_eq!(status.exit_code(), code, "exit status: {status}");
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !condition() {
        assert!(Instant::now() < deadline, "{what} never happened");
        thread::sleep(Duration::from_millis(20));
    }
}

fn present(socket: &Path, extra: &[&str]) -> Term {
    let mut args = vec!["present", "--share", arg(socket)];
    args.extend_from_slice(extra);
    args.push("nl-partnership");
    let mut presenter = Term::spawn(100, 30, &args);
    presenter.wait_for_text("6 stops");
    presenter
}

fn console(socket: &Path) -> Term {
    let mut console = Term::spawn(90, 24, &["console", arg(socket)]);
    console.wait_for_text("Presenter's console");
    console
}

/// A frame as the wire carries it, from its JSON.
fn framed(json: &str) -> Vec<u8> {
    let mut bytes = u32::try_from(json.len())
        .expect("small")
        .to_be_bytes()
        .to_vec();
    bytes.extend_from_slice(json.as_bytes());
    bytes
}

#[test]
fn the_console_shows_the_notes_and_the_next_stop_and_steers_everyone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &["--share-mode", "660"]);
    let console_socket = console_path(&socket);
    let meta = fs::metadata(&console_socket).expect("the console's socket exists");
    assert!(meta.file_type().is_socket());
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "the console is the owner's whatever --share-mode says"
    );
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    follower.wait_for_text("following · 6 stops");

    let mut console = console(&socket);
    console.wait_for_text(NOTE);
    {
        let out = console.output();
        let screen = out.screen().contents();
        assert!(
            screen.contains("The Dutch partnership"),
            "{}",
            dump(out.screen())
        );
        assert!(screen.contains("6 stops"), "{}", dump(out.screen()));
        assert!(
            screen.contains("Next  Netherlands"),
            "{}",
            dump(out.screen())
        );
        assert!(screen.contains("elapsed"), "{}", dump(out.screen()));
    }
    // The presenter's screen shows no notes for it: the console is where they are.
    assert!(!presenter.output().screen().contents().contains(NOTE));

    // The console's keys move the presenter and, through it, every follower.
    console.send(" ");
    presenter.wait_for_text("1/6");
    follower.wait_for_text("following · 1/6");
    console.wait_for_text("Now   1/6  Netherlands");
    console.wait_for_text("Next  COARM");
    assert!(
        console.output().screen().contents().contains(NOTE),
        "the notes stay throughout"
    );
    console.send("\x1b[F");
    presenter.wait_for_text("6/6");
    follower.wait_for_text("following · 6/6");
    console.wait_for_text("the last stop is on screen");
    console.send("\x1b[D");
    presenter.wait_for_text("5/6");
    console.send("\x1b[H");
    presenter.wait_for_text("1 follower · 6 stops");
    console.wait_for_text("Now   6 stops");

    // The presenter's own keys show on the console too.
    presenter.send("l");
    console.wait_for_text("Now   1/6");

    // Leaving the console leaves the presentation going.
    console.send("q");
    assert_exit_code(&console.wait_exit(), 0);
    console.assert_restored();
    presenter.send("l");
    presenter.wait_for_text("2/6");
    follower.wait_for_text("following · 2/6");

    // A follower never sees the notes, not even in the bytes it was sent.
    assert!(!contains(&follower.output().raw, NOTE.as_bytes()));
    assert!(
        !follower
            .output()
            .screen()
            .contents()
            .contains("Presenter's notes")
    );

    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
    assert_exit_code(&follower.wait_exit(), 0);
    wait_until("the console's socket going", || !console_socket.exists());
    assert!(!socket.exists());
}

#[test]
fn a_console_open_when_the_presenter_ends_hears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &[]);
    let mut console = console(&socket);
    presenter.signal("TERM");
    assert_exit_code(&presenter.wait_exit(), 128 + 15);
    assert_exit_code(&console.wait_exit(), 0);
    console.assert_restored();
    assert!(
        console
            .output()
            .raw_text()
            .contains("the briefing has ended")
    );
    wait_until("the sockets going", || {
        !socket.exists() && !console_path(&socket).exists()
    });
}

/// What a colleague could write by hand against the followers' socket: it reads what
/// followers get, and asks to steer in the console's words. It gets no notes, it is cut
/// off, and nothing moves.
#[test]
fn a_client_on_the_followers_socket_gets_no_notes_and_cannot_steer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &[]);
    let mut stream = UnixStream::connect(&socket).expect("connect");
    stream
        .set_read_timeout(Some(TIMEOUT))
        .expect("read timeout");
    let mut received = Vec::new();
    while received.len() < 3 {
        match read_frame(&mut stream).expect("a frame") {
            Some(frame) => received.push(frame),
            None => panic!("cut off before the position"),
        }
    }
    assert!(matches!(received.first(), Some(Frame::Hello { .. })));
    let Some(Frame::Dossier { text, .. }) = received.get(1) else {
        panic!("{received:?}")
    };
    assert!(text.contains("The Dutch partnership"));
    assert!(!text.contains(NOTE), "the notes went to a follower");
    presenter.wait_for_text("1 follower");

    // The console's greeting and a steer, on the followers' socket.
    let hello = framed(r#"{"type":"console_hello","version":1}"#);
    let steer = framed(r#"{"type":"steer","to":"next"}"#);
    let _ = stream.write_all(&hello);
    let _ = stream.write_all(&steer);
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    // Cut off: the presenter counts it gone, and is where it was.
    presenter.wait_for_no_text("1 follower");
    let screen = presenter.output().screen().contents();
    assert!(screen.contains("6 stops"), "{screen}");
    assert!(!contains(&rest, NOTE.as_bytes()));

    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
}

/// `dossier follow` pointed at the console's socket (a forced command written wrong):
/// a console must speak first, a follower never does, so it hears nothing, notes least
/// of all.
#[test]
fn follow_on_the_consoles_socket_hears_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &[]);
    let console_socket: PathBuf = console_path(&socket);
    let mut follower = Term::spawn(80, 24, &["follow", arg(&console_socket)]);
    // It waits the 10 seconds a greeting may take: longer than the harness's own wait.
    let deadline = Instant::now() + 3 * TIMEOUT;
    while follower.is_running() {
        assert!(Instant::now() < deadline, "follow never gave up");
        thread::sleep(Duration::from_millis(50));
    }
    assert_exit_code(&follower.wait_exit(), 2);
    let said = follower.output().raw_text();
    assert!(said.contains("cannot follow"), "{said}");
    assert!(!said.contains(NOTE));
    assert!(
        !said.contains("\u{1b}["),
        "the terminal was touched: {said:?}"
    );
    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
}

#[test]
fn a_console_with_nobody_presenting_says_so_without_touching_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("none.sock");
    let mut console = Term::spawn(80, 24, &["console", arg(&socket)]);
    assert_exit_code(&console.wait_exit(), 2);
    let said = console.output().raw_text();
    assert!(said.contains("nobody presents with `--share"), "{said}");
    assert_eq!(said.matches("none.sock").count(), 1, "named once: {said}");
    assert!(
        !said.contains("\u{1b}["),
        "the terminal was touched: {said:?}"
    );
}

/// Saves as editors do: a temporary file beside it, renamed over it.
fn atomic_save(path: &Path, text: &str) {
    let temporary = path.with_extension("ron.tmp");
    fs::write(&temporary, text).expect("write");
    fs::rename(&temporary, path).expect("rename");
}

#[test]
fn a_broken_save_shows_on_the_console() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dossier.ron"))
        .expect("the bundled dossier");
    fs::write(&file, &text).expect("write");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &["-f", arg(&file)]);
    let mut console = console(&socket);
    console.wait_for_text(NOTE);

    atomic_save(&file, &text.replacen("id: \"nl\",", "id: \"nl\" oops", 1));
    presenter.wait_for_text("showing the last good version");
    console.wait_for_text("showing the last good version");
    {
        let out = console.output();
        let screen = out.screen().contents();
        assert!(screen.contains("dossier.ron:"), "{}", dump(out.screen()));
        assert!(screen.contains(NOTE), "the last good notes stay");
    }
    atomic_save(&file, &text);
    console.wait_for_no_text("showing the last good version");

    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
    assert_exit_code(&console.wait_exit(), 0);
}

#[test]
fn the_console_reads_no_file() {
    let output = std::process::Command::new(pty::BIN)
        .args(["-f", "data/dossier.ron", "console", "/tmp/none.sock"])
        .env_remove("DOSSIER_FILE")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("`console` reads no dossier file"), "{said}");
}
