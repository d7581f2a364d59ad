//! Follow mode end to end: a real presenter (`present --share`) and real followers
//! (`follow`), each in its own pseudo-terminal, talking over a real Unix socket in a
//! temporary directory. Waits only turn hangs into failures; nothing here times anything.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::thread;
use std::time::Instant;

use dossier::share::{Frame, VERSION, write_frame};
use pty::{TIMEOUT, Term, contains, dump};

fn assert_exit_code(status: &portable_pty::ExitStatus, code: u32) {
    assert!(status.signal().is_none(), "killed by {status}");
    assert_eq!(status.exit_code(), code, "exit status: {status}");
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn wait_until_gone(path: &Path) {
    let deadline = Instant::now() + TIMEOUT;
    while path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} was never removed",
            path.display()
        );
        thread::sleep(std::time::Duration::from_millis(20));
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

/// The first note of the bundled `nl-partnership` briefing: for the presenter's eyes only.
const NOTE: &str = "The partnership covers strategic goods";

#[test]
fn followers_move_with_the_presenter_cannot_steer_and_hear_the_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &[]);
    let meta = fs::metadata(&socket).expect("the socket exists while presenting");
    assert!(meta.file_type().is_socket());
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "owner only by default"
    );
    // The presenter's notes show on the presenter's screen only when asked for.
    assert!(!presenter.output().screen().contents().contains(NOTE));
    presenter.send("N");
    presenter.wait_for_text(NOTE);

    // A follower at its own, smaller size sees the title screen without the notes.
    let mut early = Term::spawn(80, 24, &["follow", arg(&socket)]);
    early.wait_for_text("following · 6 stops");
    presenter.wait_for_text("1 follower · 6 stops");
    let screen = early.output().screen().contents();
    assert!(screen.contains("The Dutch partnership"), "{screen}");
    assert!(screen.contains("Stops"), "{screen}");
    assert!(!screen.contains("Presenter's notes"), "{screen}");
    assert!(!contains(&early.output().raw, NOTE.as_bytes()));

    presenter.send(" ");
    presenter.wait_for_text("1/6");
    early.wait_for_text("following · 1/6");
    assert!(early.output().screen().contents().contains("country · nl"));

    // The follower's keys that move a presenter move nothing here. `?` then shows help,
    // which proves the keys before it were read and handled.
    early.send("n\x1b[Cl \x1b[6~\x1b[F");
    early.wait_for_text("the presenter moves the stops");
    early.send("?");
    early.wait_for_text("Keys · q or Esc closes");
    let help = early.output().screen().contents();
    assert!(help.contains("stop following"), "{help}");
    assert!(
        !help.contains("next stop"),
        "a follower has no next stop: {help}"
    );
    early.send("?");
    early.wait_for_text("following · 1/6");
    assert!(presenter.output().screen().contents().contains("1/6"));

    // A late joiner starts at the current stop.
    presenter.send("l");
    presenter.wait_for_text("2/6");
    early.wait_for_text("following · 2/6");
    let mut late = Term::spawn(120, 40, &["follow", arg(&socket)]);
    late.wait_for_text("following · 2/6");
    presenter.wait_for_text("2 followers · 2/6");
    assert!(late.output().screen().contents().contains("DUWP"));

    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
    presenter.assert_restored();
    for follower in [&mut early, &mut late] {
        assert_exit_code(&follower.wait_exit(), 0);
        follower.assert_restored();
        assert!(
            follower
                .output()
                .raw_text()
                .contains("the briefing has ended"),
            "{}",
            dump(follower.output().screen())
        );
    }
    wait_until_gone(&socket);
}

#[test]
fn a_signal_to_the_presenter_still_ends_the_briefing_and_removes_the_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = present(&socket, &["--share-mode", "660"]);
    assert_eq!(
        fs::metadata(&socket).expect("socket").permissions().mode() & 0o777,
        0o660,
        "--share-mode sets the socket's mode"
    );
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    follower.wait_for_text("following · 6 stops");
    presenter.signal("TERM");
    assert_exit_code(&presenter.wait_exit(), 128 + 15);
    presenter.assert_restored();
    assert_exit_code(&follower.wait_exit(), 0);
    assert!(
        follower
            .output()
            .raw_text()
            .contains("the briefing has ended")
    );
    wait_until_gone(&socket);
}

#[test]
fn share_never_replaces_a_file_but_takes_over_a_stale_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.txt");
    fs::write(&file, "precious").expect("write");
    let mut refused = Term::spawn(
        100,
        30,
        &["present", "--share", arg(&file), "nl-partnership"],
    );
    assert_exit_code(&refused.wait_exit(), 2);
    assert_eq!(fs::read_to_string(&file).expect("still there"), "precious");
    let said = refused.output().raw_text();
    assert_eq!(said.matches("notes.txt").count(), 1, "named once: {said}");
    assert!(
        !said.contains("\u{1b}["),
        "refused before touching the terminal: {said:?}"
    );

    // A socket left behind by a presenter that died is stale: nobody listens on it.
    let socket = dir.path().join("stale.sock");
    drop(UnixListener::bind(&socket).expect("bind"));
    assert!(socket.exists());
    let mut presenter = present(&socket, &[]);
    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
    wait_until_gone(&socket);

    // A live one belongs to someone else's briefing.
    let other = dir.path().join("live.sock");
    let mut first = present(&other, &[]);
    let mut second = Term::spawn(
        100,
        30,
        &["present", "--share", arg(&other), "nl-partnership"],
    );
    assert_exit_code(&second.wait_exit(), 2);
    first.send("q");
    assert_exit_code(&first.wait_exit(), 0);
}

#[test]
fn following_nothing_says_so_without_touching_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut follower = Term::spawn(80, 24, &["follow", arg(&dir.path().join("none.sock"))]);
    let status = follower.wait_exit();
    assert!(status.exit_code() != 0, "{status}");
    let said = follower.output().raw_text();
    assert!(said.contains("cannot follow"), "{said}");
    assert!(!said.contains("\u{1b}["), "{said:?}");
    let file = dir.path().join("notes.txt");
    fs::write(&file, "not a socket").expect("write");
    let mut follower = Term::spawn(80, 24, &["follow", arg(&file)]);
    assert_exit_code(&follower.wait_exit(), 2);
    let said = follower.output().raw_text();
    assert!(said.contains("it is not a socket"), "{said}");
}

/// A hostile presenter, speaking the protocol by hand: a dossier whose text carries
/// terminal escapes, then positions naming ids that do not exist. (Positions out of range
/// never pass the protocol's checks: tests/share.rs.)
/// The follower shows the escapes visibly, never passes them to its terminal, and keeps
/// running until the presenter says the end.
#[test]
fn a_hostile_presenter_cannot_reach_the_followers_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("hostile.sock");
    let listener = UnixListener::bind(&socket).expect("bind");
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/e2e-hostile.ron"
    ))
    .expect("fixture");
    let (go_on, when) = std::sync::mpsc::channel::<()>();
    let presenter = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut send = |frame: Frame| write_frame(&mut stream, &frame).expect("write");
        send(Frame::Hello { version: VERSION });
        send(Frame::Dossier {
            name: "hostile\x1b]0;t\x07.ron".into(),
            text,
        });
        send(Frame::Position {
            briefing: None,
            stops: vec!["aa".into(), "no-such-item".into(), "xx".into()],
            stop: 2,
            scroll: u16::MAX,
        });
        when.recv().expect("go on");
        send(Frame::Position {
            briefing: Some("nothing".into()),
            stops: vec!["nothing".into()],
            stop: 0,
            scroll: 0,
        });
        when.recv().expect("go on");
        send(Frame::End);
    });
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    follower.wait_for_text("following");
    let screen = follower.output().screen().contents();
    assert!(screen.contains("Evil^[[31m red"), "the last stop: {screen}");
    go_on.send(()).expect("presenter");
    thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        follower.is_running(),
        "{}",
        dump(follower.output().screen())
    );
    go_on.send(()).expect("presenter");
    assert_exit_code(&follower.wait_exit(), 0);
    follower.assert_restored();
    presenter.join().expect("presenter thread");
    let out = follower.output();
    assert!(
        out.seen().clipboard.is_empty(),
        "{:?}",
        out.seen().clipboard
    );
    assert!(out.seen().titles.is_empty(), "{:?}", out.seen().titles);
    assert!(
        !contains(&out.raw, b"\x1b]52;"),
        "an OSC 52 reached the terminal"
    );
    assert!(
        !contains(&out.raw, b"\x1b[6n"),
        "a cursor query reached the terminal"
    );
}

/// The presenter's file changes while it presents: followers get the new version.
#[test]
fn followers_get_the_new_version_when_the_presenters_file_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dossier.ron"))
        .expect("the bundled dossier");
    fs::write(&file, &text).expect("write");
    let socket = dir.path().join("briefing.sock");
    let mut presenter = Term::spawn(
        100,
        30,
        &[
            "present",
            "-f",
            arg(&file),
            "--share",
            arg(&socket),
            "nl-partnership",
        ],
    );
    presenter.wait_for_text("6 stops");
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    follower.wait_for_text("following · 6 stops");

    let revised = text.replacen(
        "title: \"The Dutch partnership\"",
        "title: \"The Dutch partnership, revised\"",
        1,
    );
    assert_ne!(revised, text);
    // Saved as editors do: a temporary file renamed over the dossier.
    let temporary = dir.path().join("dossier.ron.tmp");
    fs::write(&temporary, revised).expect("write");
    fs::rename(&temporary, &file).expect("rename");
    presenter.wait_for_text("The Dutch partnership, revised");
    follower.wait_for_text("The Dutch partnership, revised");
    assert!(
        follower
            .output()
            .screen()
            .contents()
            .contains("following · 6 stops")
    );

    presenter.send("q");
    assert_exit_code(&presenter.wait_exit(), 0);
    assert_exit_code(&follower.wait_exit(), 0);
}

/// A presenter that sends a frame of its own invention, named with terminal escapes: the
/// follower's message quotes it visibly and never as a command to the terminal.
#[test]
fn a_made_up_frame_is_reported_without_its_escapes() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("odd.sock");
    let listener = UnixListener::bind(&socket).expect("bind");
    let presenter = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        write_frame(&mut stream, &Frame::Hello { version: VERSION }).expect("hello");
        let json = br#"{"type":"\u001b]0;pwned\u0007"}"#;
        stream
            .write_all(&(json.len() as u32).to_be_bytes())
            .expect("length");
        stream.write_all(json).expect("frame");
        // Stays open until the follower has given up.
        let _ = std::io::Read::read(&mut stream, &mut [0u8; 1]);
    });
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    assert_exit_code(&follower.wait_exit(), 1);
    let out = follower.output();
    assert!(
        out.raw_text().contains("not a known message"),
        "{}",
        out.raw_text()
    );
    assert!(!contains(&out.raw, b"\x1b]0;"), "{:?}", out.raw_text());
    assert!(out.seen().titles.is_empty(), "{:?}", out.seen().titles);
    drop(out);
    presenter.join().expect("presenter thread");
}

/// A presenter whose first dossier does not load, named with terminal escapes: the
/// follower says why before its viewer starts, with the name shown, never obeyed.
#[test]
fn a_hostile_name_in_a_first_dossier_that_fails_to_load_is_shown_inert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("hostile.sock");
    let listener = UnixListener::bind(&socket).expect("bind");
    let presenter = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        write_frame(&mut stream, &Frame::Hello { version: VERSION }).expect("hello");
        write_frame(
            &mut stream,
            &Frame::Dossier {
                name: "evil\x1b]0;pwned\x07\x1b[2J\x1b[31m\u{9b}1m.ron".into(),
                text: "Dossier(title: 12)".into(),
            },
        )
        .expect("dossier");
        // Stays open until the follower has given up.
        let _ = std::io::Read::read(&mut stream, &mut [0u8; 1]);
    });
    let mut follower = Term::spawn(80, 24, &["follow", arg(&socket)]);
    assert_exit_code(&follower.wait_exit(), 2);
    presenter.join().expect("presenter thread");
    let out = follower.output();
    let said = out.raw_text();
    assert!(
        said.contains("the presenter's dossier: evil^[]0;pwned^G^[[2J^[[31mU+009B1m.ron:1:"),
        "{said:?}"
    );
    assert!(
        !contains(&out.raw, b"\x1b"),
        "an escape reached the terminal: {said:?}"
    );
    assert!(!contains(&out.raw, b"\x07"), "{said:?}");
    assert!(!contains(&out.raw, "\u{9b}".as_bytes()), "{said:?}");
    assert!(out.seen().titles.is_empty(), "{:?}", out.seen().titles);
}

/// A hand-written presenter for the memory tests: it greets, sends the bundled dossier and
/// a position, waits for the word to go on, then sends `frame` (raw JSON) and stays until
/// the follower has gone.
fn presenter_sending(
    socket: &Path,
    frame: Vec<u8>,
) -> (std::sync::mpsc::Sender<()>, thread::JoinHandle<()>) {
    use std::io::Write;
    let listener = UnixListener::bind(socket).expect("bind");
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dossier.ron"))
        .expect("the bundled dossier");
    let (go_on, when) = std::sync::mpsc::channel::<()>();
    let presenter = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut send = |frame: Frame| write_frame(&mut stream, &frame).expect("write");
        send(Frame::Hello { version: VERSION });
        send(Frame::Dossier {
            name: "dossier.ron".into(),
            text,
        });
        send(Frame::Position {
            briefing: None,
            stops: vec!["nl".into()],
            stop: 0,
            scroll: 0,
        });
        when.recv().expect("go on");
        let length = u32::try_from(frame.len()).expect("a frame's length fits");
        // The follower may give up in the middle: that is what is tested.
        let _ = stream.write_all(&length.to_be_bytes());
        let _ = stream.write_all(&frame);
        let _ = std::io::Read::read(&mut stream, &mut [0u8; 1]);
    });
    (go_on, presenter)
}

/// Issue 16: a 120 MiB position frame of one-character stops took a follower to 2.3 GB.
/// Under a 1.5 GB address-space cap the follower now refuses it, says why and gives
/// the terminal back, without being killed.
#[test]
fn a_follower_capped_at_1_5_gb_survives_a_120_mib_position_frame() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("hostile.sock");
    let mut json = br#"{"type":"position","briefing":null,"stops":["a""#.to_vec();
    while json.len() < 120 * 1024 * 1024 {
        json.extend_from_slice(&br#","a""#.repeat(1024));
    }
    json.extend_from_slice(br#"],"stop":0,"scroll":0}"#);
    let (go_on, presenter) = presenter_sending(&socket, json);
    let mut command = portable_pty::CommandBuilder::new("sh");
    command.args([
        "-c",
        "ulimit -v 1572864 && exec \"$0\" follow \"$1\"",
        pty::BIN,
        arg(&socket),
    ]);
    let mut follower = Term::start_command(80, 24, command, None);
    follower.wait_for_text("following");
    go_on.send(()).expect("presenter");
    assert_exit_code(&follower.wait_exit(), 1);
    follower.assert_restored();
    let said = follower.output().raw_text();
    assert!(said.contains("over the limit"), "{said:?}");
    presenter.join().expect("presenter thread");
}

/// An allocation that fails aborts the process, and an abort runs no destructor: the
/// allocator's hook gives the terminal back first. The follower is capped, once running,
/// a little above what it uses: enough to read a 120 MiB frame, not to copy it.
#[test]
fn running_out_of_memory_gives_the_terminal_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("big.sock");
    // A dossier frame whose text has no escapes: read into one buffer, then copied into
    // the frame's own string, which is the allocation that fails.
    let mut json = br#"{"type":"dossier","name":"big.ron","text":""#.to_vec();
    json.resize(json.len() + 120 * 1024 * 1024, b'a');
    json.extend_from_slice(br#""}"#);
    let (go_on, presenter) = presenter_sending(&socket, json);
    let mut command = portable_pty::CommandBuilder::new(pty::BIN);
    command.args(["follow", arg(&socket)]);
    let env = [
        // The message alone: a backtrace would be long and needs memory of its own.
        ("RUST_BACKTRACE".to_owned(), None),
        // One malloc arena for every thread: a thread's first allocation cannot then
        // reserve 64 MiB more after the use was measured.
        ("MALLOC_ARENA_MAX".to_owned(), Some("1".to_owned())),
    ];
    let mut follower = Term::start_command_with_env(80, 24, command, &env);
    follower.wait_for_text("following");
    let pid = follower.pid();
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("its status");
    let used_kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmSize:"))
        .and_then(|size| size.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmSize");
    let cap = used_kib * 1024 + (128 + 60) * 1024 * 1024;
    let capped = std::process::Command::new("prlimit")
        .arg(format!("--pid={pid}"))
        .arg(format!("--as={cap}"))
        .status()
        .expect("prlimit");
    assert!(capped.success());
    go_on.send(()).expect("presenter");
    let status = follower.wait_exit();
    assert_eq!(status.signal(), Some("Aborted"), "{status}");
    follower.assert_restored();
    let said = follower.output().raw_text();
    assert!(said.contains("memory allocation of"), "{said:?}");
    presenter.join().expect("presenter thread");
}
