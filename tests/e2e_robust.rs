//! End-to-end robustness: pastes and backlogs, every fatal signal, suspend and resume
//! under a real shell, absurd window sizes and keys with modifiers, each in a
//! pseudo-terminal running the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{BIN, TIMEOUT, Term, contains, dump, row};

const FIRST_FRAME: &str = "Countries 1/5";
const CTRL_C: &str = "\x03";

fn assert_exit_code(status: &portable_pty::ExitStatus, code: u32) {
    assert!(status.signal().is_none(), "killed by {status}");
    assert_eq!(status.exit_code(), code, "exit status: {status}");
}

#[test]
fn a_paste_is_one_edit_and_ctrl_c_does_not_wait_behind_it() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("/");
    term.wait_for_text(" Find ");
    // Bracketed paste: one event, one edit, one search.
    let pasted = "nl ".repeat(20);
    term.send(&format!("\x1b[200~{pasted}\x1b[201~"));
    term.wait_for("the pasted query", |screen| {
        screen.contents().contains("> nl nl nl")
    });
    // Typed key by key (a terminal without bracketed paste), 5 000 characters and then
    // Ctrl-c in one go: the viewer ends without working through the backlog first.
    let backlog: String = "abc ".repeat(1250);
    term.send(&format!("{backlog}{CTRL_C}"));
    let status = term.wait_exit();
    assert_exit_code(&status, 0);
    term.assert_restored();
}

/// The signal's number, as `kill -l NAME` says.
fn number(signal: &str) -> u32 {
    let out = Command::new("bash")
        .args(["-c", &format!("kill -l {signal}")])
        .output()
        .expect("kill -l");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no number for {signal}"))
}

#[test]
fn every_fatal_signal_restores_the_terminal() {
    for signal in [
        "QUIT", "USR1", "USR2", "ALRM", "VTALRM", "PROF", "XCPU", "XFSZ", "IO", "SYS",
    ] {
        let mut term = Term::spawn(80, 24, &[]);
        term.wait_for_text(FIRST_FRAME);
        term.signal(signal);
        let status = term.wait_exit();
        assert_exit_code(&status, 128 + number(signal));
        term.assert_restored();
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    // A real job-control shell in the terminal, as a user has.
    let mut shell = CommandBuilder::new("bash");
    shell.args(["--norc", "--noprofile", "-i"]);
    shell.env("PS1", "PROMPT$ ");
    let mut term = Term::start_command(100, 30, shell, None);
    term.wait_for_text("PROMPT$");
    term.send(&format!("{BIN}\r"));
    term.wait_for_text(FIRST_FRAME);
    // Raw mode turns signals from keys off; a shell (readline) leaves them on.
    let raw = |term: &Term| !term.local_flags().iter().any(|f| f == "ISIG");
    assert!(raw(&term), "raw mode");
    term.send("\x1a"); // Ctrl-z
    term.wait_for("the shell's prompt after the stop", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    assert!(!raw(&term), "the shell's modes: {:?}", term.local_flags());
    term.send("fg\r");
    term.wait_for("the viewer, redrawn whole", |screen| {
        screen.alternate_screen() && screen.contents().contains(FIRST_FRAME)
    });
    assert!(raw(&term), "raw again");
    // SIGTSTP from outside does the same.
    let pid = viewer_pid(&term);
    kill("TSTP", pid);
    term.wait_for("stopped by SIGTSTP", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    term.send("fg\r");
    term.wait_for("back after SIGTSTP", |screen| {
        screen.alternate_screen() && screen.contents().contains(FIRST_FRAME)
    });
    term.send("q");
    term.wait_for("the shell again", |screen| !screen.alternate_screen());
    term.send("exit\r");
    term.wait_exit();
}

/// The viewer's pid: the shell's child running the binary.
fn viewer_pid(term: &Term) -> u32 {
    let out = Command::new("pgrep")
        .args(["-P", &term.pid().to_string(), "-f", BIN])
        .output()
        .expect("pgrep");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .and_then(|pid| pid.trim().parse().ok())
        .expect("the viewer runs under the shell")
}

fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

#[test]
fn an_absurd_window_size_is_drawn_in_part_and_said() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.resize_pty_only(65535, 65535);
    let deadline = Instant::now() + TIMEOUT;
    while !contains(&term.output().raw, "showing 1000×500".as_bytes()) {
        assert!(term.is_running(), "the viewer ended at 65535×65535");
        assert!(Instant::now() < deadline, "no word of the size");
        thread::sleep(Duration::from_millis(20));
    }
    term.resize(100, 30);
    term.wait_for("a normal frame again", |screen| {
        row(screen, 29).contains(FIRST_FRAME)
    });
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn alt_and_ctrl_keys_match_only_bindings_that_name_them() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("\x1bq"); // Alt-q
    thread::sleep(Duration::from_millis(250));
    term.send("\x11"); // Ctrl-q
    term.send("j");
    term.wait_for("the second country", |screen| {
        screen.contents().contains("Countries 2/5")
    });
    assert!(
        term.is_running(),
        "a modified q quit:\n{}",
        dump(term.output().screen())
    );
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn a_dumb_terminal_is_refused_before_anything_is_written() {
    for term_value in [Some("dumb"), None] {
        let mut term = Term::spawn_with_env(80, 24, &[], &[("TERM", term_value)]);
        let status = term.wait_exit();
        assert_exit_code(&status, 2);
        let out = term.output();
        let text = out.raw_text();
        assert!(text.contains("needs a capable terminal"), "{text:?}");
        assert!(text.contains("dossier show ID"), "{text:?}");
        assert!(
            !text.contains('\u{1b}'),
            "no escape sequence was sent: {text:?}"
        );
    }
}

#[test]
fn a_c_locale_gets_ascii_borders_and_dossier_text_as_it_is() {
    let mut term = Term::spawn_with_env(80, 24, &[], &[("LANG", Some("C")), ("LC_ALL", Some("C"))]);
    term.wait_for_text(FIRST_FRAME);
    {
        let out = term.output();
        let screen = out.screen();
        assert!(
            row(screen, 2).starts_with("+ Countries -"),
            "{}",
            dump(screen)
        );
        // The dossier's own em dash is still there: only the viewer's glyphs change.
        assert!(
            row(screen, 0).contains("Arms trade — bilateral"),
            "{}",
            dump(screen)
        );
        let frame: String = screen.contents();
        let own: Vec<char> = frame
            .chars()
            .filter(|c| !c.is_ascii() && *c != '—')
            .collect();
        assert!(own.is_empty(), "{own:?}\n{}", dump(screen));
    }
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn every_frame_is_synchronized_output() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("j");
    term.wait_for_text("Countries 2/5");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    let out = term.output();
    let raw = &out.raw;
    let begins = raw.windows(8).filter(|w| *w == b"\x1b[?2026h").count();
    let ends = raw.windows(8).filter(|w| *w == b"\x1b[?2026l").count();
    assert!(begins >= 2, "one per frame: {begins}");
    assert_eq!(begins, ends);
    // Every cell written sits between a begin and its end.
    let first_cell = pty::rfind(raw, "Netherlands".as_bytes()).expect("drawn");
    let before = &raw[..first_cell];
    assert!(pty::rfind(before, b"\x1b[?2026h") > pty::rfind(before, b"\x1b[?2026l"));
}

#[test]
fn the_terminals_background_chooses_the_theme() {
    // No COLORFGBG: the viewer asks (OSC 11), and a light background answers.
    let mut term = Term::spawn_with_env(80, 24, &[], &[("COLORFGBG", None)]);
    let deadline = Instant::now() + TIMEOUT;
    while !contains(&term.output().raw, b"\x1b]11;?") {
        assert!(Instant::now() < deadline, "no background query");
        thread::sleep(Duration::from_millis(5));
    }
    // Black text on white, then the device attributes the query ends with.
    term.send("\x1b]10;rgb:0000/0000/0000\x1b\\\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c");
    term.wait_for_text(FIRST_FRAME);
    {
        let out = term.output();
        let screen = out.screen();
        // The light theme's tab is white on blue; the reply never reached the screen.
        let tab = screen.cell(1, 15).expect("a tab cell");
        assert_eq!(tab.bgcolor(), vt100::Color::Idx(4), "{}", dump(screen));
        assert!(!screen.contents().contains("rgb:"), "{}", dump(screen));
    }
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    // --theme wins, and asks nothing.
    let mut term = Term::spawn_with_env(80, 24, &["--theme", "dark"], &[("COLORFGBG", None)]);
    term.wait_for_text(FIRST_FRAME);
    assert!(!contains(&term.output().raw, b"\x1b]11;?"));
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    // So it does after `present`'s ids, as a presenter types it for a projector.
    let mut term = Term::spawn_with_env(
        80,
        24,
        &["present", "nl-partnership", "--theme", "light", "--ascii"],
        &[("COLORFGBG", None)],
    );
    term.wait_for_text("6 stops");
    assert!(!contains(&term.output().raw, b"\x1b]11;?"));
    // With the notes shown the title screen goes on below the screen. ASCII: the
    // footer's `more` arrow and separator are plain characters.
    term.send("N");
    term.wait_for_text("more (j)");
    assert!(
        term.output()
            .screen()
            .contents()
            .contains("Down more (j) | 6 stops"),
        "{}",
        dump(term.output().screen())
    );
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn the_mouse_is_captured_unless_left_to_the_terminal() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    // A click on the Forums tab (SGR mouse report, 1-based), then the wheel on the list.
    // At 80 columns the tab row has room only for the current tab's name: `2 2` is Forums.
    term.send("\x1b[<0;33;2M\x1b[<0;33;2m");
    term.wait_for_text("Forums 1/2");
    term.send("\x1b[<65;5;5M");
    term.wait_for_text("Forums 2/2");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    assert!(contains(&term.output().raw, b"\x1b[?1000h"));
    let mut term = Term::spawn(80, 24, &["--no-mouse"]);
    term.wait_for_text(FIRST_FRAME);
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    assert!(!contains(&term.output().raw, b"\x1b[?1000h"));
}

#[test]
fn present_pages_through_a_briefing_and_q_ends_it() {
    let mut term = Term::spawn(100, 30, &["present", "nl-partnership"]);
    term.wait_for_text("6 stops");
    // The room sees this screen: the notes wait until the presenter asks for them.
    assert!(
        !term
            .output()
            .screen()
            .contents()
            .contains("Presenter's notes")
    );
    term.send("N");
    term.wait_for_text("Presenter's notes");
    term.send("N");
    term.wait_for("the notes hidden again", |screen| {
        !screen.contents().contains("Presenter's notes")
    });
    term.send(" ");
    term.wait_for_text("1/6");
    assert!(term.output().screen().contents().contains("country · nl"));
    term.send("\x1b[C"); // →
    term.wait_for_text("2/6");
    term.send("h");
    term.wait_for_text("1/6");
    term.send("\x1b[F"); // End
    term.wait_for_text("6/6");
    term.send("\x1b[H"); // Home
    term.wait_for_text("6 stops");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
    // Items in order, from the first item; an unknown id never touches the terminal.
    let mut term = Term::spawn(100, 30, &["present", "fr", "us"]);
    term.wait_for_text("1/2");
    assert!(term.output().screen().contents().contains("France"));
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    let mut term = Term::spawn(100, 30, &["present", "nl-partnersip"]);
    assert_exit_code(&term.wait_exit(), 1);
    assert!(
        term.output()
            .raw_text()
            .contains("did you mean `nl-partnership`?")
    );
    assert!(!term.output().raw_text().contains("\u{1b}["));
}

#[test]
fn y_and_capital_y_reach_the_terminals_clipboard_as_osc_52() {
    use base64::Engine;
    let decode = |data: &str| {
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(data)
                .expect("base64"),
        )
        .expect("utf-8")
    };
    let mut term = Term::spawn(100, 30, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("Y");
    term.wait_for_text("copied the id nl");
    term.send("y");
    term.wait_for_text("copied nl (");
    let copies = term.output().seen().clipboard.clone();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let id = copies[0].strip_prefix("copy c ").expect("to the clipboard");
    assert_eq!(decode(id), "nl");
    let text = decode(copies[1].strip_prefix("copy c ").expect("to the clipboard"));
    assert!(
        text.contains("Netherlands") && text.contains("nl"),
        "{text}"
    );
    // The item alone: its own heading, none of a handout's header, contents or anchors.
    assert!(text.starts_with("# Netherlands"), "{text}");
    assert!(
        !text.contains("Arms trade") && !text.contains("Contents") && !text.contains("<a "),
        "{text}"
    );
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    // Inside tmux the sequence goes plain (for `set-clipboard on`) and wrapped in the
    // pass-through (for `allow-passthrough on`).
    let mut term = Term::spawn_with_env(100, 30, &[], &[("TMUX", Some("/tmp/tmux-0/default,1,0"))]);
    term.wait_for_text(FIRST_FRAME);
    term.send("Y");
    term.wait_for_text("copied the id nl");
    let expected = format!(
        "\x1bPtmux;\x1b\x1b]52;c;{}\x07\x1b\\",
        base64::engine::general_purpose::STANDARD.encode("nl")
    );
    assert!(contains(&term.output().raw, expected.as_bytes()));
    let plain = format!(
        "\x1b]52;c;{}\x07\x1bPtmux;",
        base64::engine::general_purpose::STANDARD.encode("nl")
    );
    assert!(contains(&term.output().raw, plain.as_bytes()));
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

/// What a terminal sends unasked, or after the viewer stopped waiting for it: the
/// background colour ended by ST and by BEL, a DCS and an APC reply, a cursor position
/// report and the device attributes.
const LATE_REPLIES: [&str; 6] = [
    "\x1b]11;rgb:ffff/ffff/ffff\x1b\\",
    "\x1b]11;rgb:0000/0000/0000\x07",
    "\x1bP1$r0m\x1b\\",
    "\x1b_Gi=1;OK\x1b\\",
    "\x1b[12;40R",
    "\x1b[?62;22c",
];

#[test]
fn a_late_terminal_reply_changes_nothing_and_the_next_key_works() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    let before = term.output().screen().contents();
    for reply in LATE_REPLIES {
        term.send(reply);
    }
    // Read as keys, `1` would jump to a tab and `/` open the finder.
    term.send("j");
    term.wait_for_text("Countries 2/5");
    term.send("k");
    term.wait_for_text("Countries 1/5");
    assert_eq!(term.output().screen().contents(), before);

    // In the finder nothing of them is typed; the replies also come glued to keys.
    term.send("/");
    term.wait_for_text(" Find ");
    term.send(&format!("f{}r", LATE_REPLIES.concat()));
    term.wait_for("the finder's query `fr`", |screen| {
        screen.contents().contains("> fr▏")
    });
    {
        let out = term.output();
        let screen = out.screen().contents();
        for trace in ["ffff", "rgb", "0m", "OK", "62"] {
            assert!(!screen.contains(trace), "{trace}:\n{}", dump(out.screen()));
        }
    }
    term.send(CTRL_C);
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn escape_then_alt_q_closes_the_finder_and_the_help_and_never_quits() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    let mut countries = 1;
    for (open, title) in [("/", " Find "), ("?", "Keys · q or Esc closes")] {
        // In one write (`ESC ESC q`), and as Esc with `ESC q` right behind it.
        for keys in [&["\x1b\x1bq"][..], &["\x1b", "\x1bq"]] {
            term.send(open);
            term.wait_for_text(title);
            for write in keys {
                term.send(write);
            }
            term.wait_for_no_text(title);
            // Still running, and reading keys: the next one moves the list.
            countries += 1;
            term.send("j");
            term.wait_for_text(&format!("Countries {countries}/5"));
            assert!(term.is_running(), "Esc Alt-q quit from {title}");
        }
    }
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}
