//! End to end: the real binary in a pseudo-terminal, read back through a terminal
//! emulator (`vt100`). Every step waits for the screen to show what it should; timeouts
//! are failure limits only.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{BIN, TIMEOUT, Term, columns, contains, dump, row};

// Keys as a terminal sends them.
const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";
const CTRL_C: &str = "\x03";
const TAB: &str = "\t";

/// The built-in dossier's first frame is complete once the footer (the last row drawn)
/// shows where the user is.
const FIRST_FRAME: &str = "Countries 1/5";

/// Where the detail pane starts: the list takes the width its titles need.
fn detail_start(screen: &vt100::Screen) -> u16 {
    let top = row(screen, 2);
    top.find("╭ Detail")
        .or_else(|| top.find("╭ Overview"))
        .map_or(0, |at| top[..at].chars().count() as u16)
}

fn detail(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let start = detail_start(screen);
    columns(screen, start, cols.get() - start)
}

fn list(screen: &vt100::Screen) -> String {
    columns(screen, 0, detail_start(screen))
}

fn footer(screen: &vt100::Screen) -> String {
    let (rows, _) = screen.size();
    row(screen, rows.get() - 1)
}

/// Waits until the detail pane (120×40 layout) contains `needle`.
fn wait_for_detail(term: &mut Term, needle: &str) {
    term.wait_for(&format!("the detail pane to show {needle:?}"), |screen| {
        detail(screen).contains(needle)
    });
}

/// The finder's `selected/total` count and prompt row, once the results for `query` are
/// in (no `…` searching mark).
fn finder_count(screen: &vt100::Screen, query: &str) -> Option<(usize, usize, u16)> {
    let (_, cols) = screen.size();
    let prompt = format!("> {query}");
    screen.rows(0, cols.get()).enumerate().find_map(|(i, row)| {
        if !row.contains(&prompt) || row.contains('…') {
            return None;
        }
        let (selected, total) = row
            .split(|c: char| c.is_whitespace() || c == '│')
            .rev()
            .find_map(|token| {
                let (selected, total) = token.split_once('/')?;
                Some((selected.parse().ok()?, total.parse().ok()?))
            })?;
        Some((selected, total, i as u16))
    })
}

fn wait_for_finder_selection(term: &mut Term, query: &str, selected: usize) {
    term.wait_for(&format!("finder selection {selected}"), |screen| {
        finder_count(screen, query).is_some_and(|(at, _, _)| at == selected)
    });
}

/// The titles `dossier search QUERY` prints, best first.
fn cli_search(query: &[&str]) -> Vec<String> {
    let output = Command::new(BIN)
        .arg("search")
        .args(query)
        .env_remove("DOSSIER_FILE")
        .output()
        .expect("run dossier search");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| line.splitn(3, '\t').nth(2).unwrap_or_default().to_owned())
        .collect()
}

/// Lets crossterm see a lone ESC as the Escape key when nothing on screen can confirm it
/// was read: bytes arriving together with ESC would be parsed as Alt+key. Not an assertion.
fn settle_after_esc() {
    thread::sleep(Duration::from_millis(250));
}

fn assert_exit_code(status: &portable_pty::ExitStatus, code: u32) {
    assert!(
        status.signal().is_none(),
        "killed by a signal instead of exiting: {status}"
    );
    assert_eq!(status.exit_code(), code, "exit status: {status}");
}

#[test]
fn main_journey() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    {
        let out = term.output();
        let screen = out.screen();
        let text = screen.contents();
        assert!(row(screen, 0).contains("Arms trade"), "{}", dump(screen));
        assert!(row(screen, 1).contains("Countries 5"), "{}", dump(screen));
        assert!(row(screen, 1).contains("Forums 2"), "{}", dump(screen));
        assert!(row(screen, 1).contains("Actions 9"), "{}", dump(screen));
        assert!(list(screen).contains("Netherlands"), "{}", dump(screen));
        assert!(detail(screen).contains("country · nl"), "{}", dump(screen));
        assert!(text.contains("q quit"), "{}", dump(screen));
        assert!(
            screen.alternate_screen(),
            "the viewer should use the alternate screen"
        );
        assert!(screen.hide_cursor(), "the viewer should hide the cursor");
        let seen = out.seen();
        assert!(
            seen.unhandled.is_empty(),
            "the emulator did not understand: {:?}",
            seen.unhandled
        );
    }
    let flags = term.local_flags();
    assert!(
        !flags.iter().any(|f| f == "ICANON"),
        "the viewer should run in raw mode: {flags:?}"
    );

    // The finder: all kinds, best first, with `selected/total` above the results; the
    // same hits, in the same order, as `dossier search`.
    term.send("/");
    term.wait_for_text(" Find ");
    term.wait_for_text("> ");
    term.send("dual nl");
    term.wait_for("the results for `dual nl`, searched", |screen| {
        finder_count(screen, "dual nl").is_some_and(|(selected, _, _)| selected == 1)
    });
    let expected = cli_search(&["dual", "nl"]);
    let (_, total, prompt) =
        finder_count(term.output().screen(), "dual nl").expect("the finder's count");
    assert_eq!(
        total,
        expected.len(),
        "finder and `dossier search` disagree"
    );
    let target = {
        let out = term.output();
        let screen = out.screen();
        let results: Vec<String> = screen
            .rows(0, 120)
            .skip(usize::from(prompt) + 2) // the prompt, then the counts per kind
            .take(expected.len().min(20)) // all on screen, inside the overlay
            .collect();
        for (row, title) in results.iter().zip(&expected) {
            // Beside the preview, long titles are cut: their start must be there.
            let start: String = title.chars().take(30).collect();
            assert!(
                row.contains(start.as_str()),
                "finder row {row:?} should show {title:?}\n{}",
                dump(screen)
            );
        }
        expected
            .iter()
            .position(|title| title == "Cooperation with the Netherlands in COARM and DUWP")
            .expect("`dual nl` finds the COARM and DUWP action")
            + 1
    };
    // Down, then wherever the action is ranked.
    let mut at = 2;
    term.send(DOWN);
    wait_for_finder_selection(&mut term, "dual nl", at);
    while at != target {
        if at < target {
            term.send(DOWN);
            at += 1;
        } else {
            term.send(UP);
            at -= 1;
        }
        wait_for_finder_selection(&mut term, "dual nl", at);
    }
    term.send(ENTER);
    term.wait_for_no_text(" Find ");
    wait_for_detail(&mut term, "action · nl-multilateral-cooperation");
    {
        let out = term.output();
        let screen = out.screen();
        assert!(
            detail(screen).contains("Cooperation with the Netherlands in COARM and DUWP"),
            "{}",
            dump(screen)
        );
        // The list pane is now the Actions list, with the action selected.
        assert!(row(screen, 2).contains("Actions"), "{}", dump(screen));
        assert!(!row(screen, 2).contains("Countries"), "{}", dump(screen));
        // The footer names where the jump landed, and the hints keep their room.
        assert!(footer(screen).contains("Cooperation"), "{}", dump(screen));
        assert!(footer(screen).contains("q quit"), "{}", dump(screen));
    }

    // Opened from the finder, the detail pane has the keys: Enter follows its first
    // link (the Netherlands).
    term.wait_for_text("Tab link");
    term.send(ENTER);
    wait_for_detail(&mut term, "country · nl");
    {
        let out = term.output();
        let screen = out.screen();
        let footer = footer(screen);
        // The Netherlands once, not `Netherlands › … › Netherlands`.
        assert!(
            footer.ends_with("› Netherlands ") && footer.matches("Netherlands").count() == 1,
            "footer: {footer:?}\n{}",
            dump(screen)
        );
        assert!(row(screen, 2).contains("Countries"), "{}", dump(screen));
    }

    // Back and forward again.
    term.send(BACKSPACE);
    wait_for_detail(&mut term, "action · nl-multilateral-cooperation");
    term.send("]");
    wait_for_detail(&mut term, "country · nl");

    // Help, and Esc closes it.
    term.send("?");
    term.wait_for_text("Keys · q or Esc closes");
    {
        let out = term.output();
        let text = out.screen().contents();
        for entry in [
            "previous or next item",
            "into the detail pane",
            "next or previous link",
        ] {
            assert!(text.contains(entry), "help lacks {entry:?}");
        }
    }
    // The help scrolls to its end, where the status tags are explained.
    term.send("G");
    term.wait_for_text("INTEND  Intended");
    {
        let out = term.output();
        let text = out.screen().contents();
        for entry in ["quit", "repaint the whole screen"] {
            assert!(text.contains(entry), "help lacks {entry:?}");
        }
    }
    term.send(ESC);
    term.wait_for_no_text("Keys · q or Esc closes");
    wait_for_detail(&mut term, "country · nl");

    term.send("q");
    let status = term.wait_exit();
    assert_exit_code(&status, 0);
    term.assert_restored();
    let out = term.output();
    assert!(
        out.screen().contents().trim().is_empty(),
        "the main screen should be left as it was (empty):\n{}",
        dump(out.screen())
    );
}

#[test]
fn small_window() {
    let mut term = Term::spawn(40, 12, &[]);
    term.wait_for_text(FIRST_FRAME);
    {
        let out = term.output();
        let screen = out.screen();
        // One pane at a time below 15 rows; the one-row header holds the tabs.
        assert!(row(screen, 0).contains("Countries 5"), "{}", dump(screen));
        let text = screen.contents();
        for name in ["Netherlands", "Germany", "Denmark"] {
            assert!(text.contains(name), "{name} missing:\n{}", dump(screen));
        }
        assert!(!text.contains("country · nl"), "{}", dump(screen));
        assert_clean(&out);
    }
    // The detail replaces the list, from its top; Tab brings its first link (the
    // Netherlands' first forum) into view.
    term.send(ENTER);
    term.wait_for("the Netherlands' detail", |screen| {
        let text = screen.contents();
        text.contains("╭ Detail") && text.contains("country · nl")
    });
    term.send(TAB);
    term.wait_for_text("→ COARM");
    {
        let out = term.output();
        assert!(
            !out.screen().contents().contains("Germany"),
            "the detail should replace the list:\n{}",
            dump(out.screen())
        );
        assert_clean(&out);
    }
    term.send(ESC);
    term.wait_for("the list to come back", |screen| {
        let text = screen.contents();
        text.contains("Germany") && !text.contains("Detail")
    });
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

/// No stray bytes: nothing the emulator did not understand, no replacement characters,
/// no caret stand-ins (the built-in dossier has no control characters).
fn assert_clean(out: &pty::Output) {
    let text = out.screen().contents();
    assert!(
        out.seen().unhandled.is_empty(),
        "unhandled: {:?}",
        out.seen().unhandled
    );
    assert!(!text.contains('\u{fffd}'), "{}", dump(out.screen()));
    assert!(!text.contains("^["), "{}", dump(out.screen()));
}

#[test]
fn tiny_window() {
    let mut term = Term::spawn(10, 4, &[]);
    term.wait_for_text("too small");
    {
        let out = term.output();
        let text = out.screen().contents();
        assert!(text.contains("Terminal"), "{}", dump(out.screen()));
        assert!(text.contains("need 24×7"), "{}", dump(out.screen()));
        assert_clean(&out);
    }
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn resize_redraws_for_the_new_size() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.resize(40, 12);
    // Stacked to one pane, with the header reduced to the tabs.
    term.wait_for("the one-pane layout", |screen| {
        row(screen, 0).contains("Countries 5") && !screen.contents().contains("Arms trade")
    });
    term.resize(10, 4);
    term.wait_for_text("too small");
    term.resize(120, 40);
    term.wait_for("the two-pane layout", |screen| {
        row(screen, 0).contains("Arms trade") && detail(screen).contains("country · nl")
    });
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

fn exits_on_signal(signal: &str, code: u32) {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.signal(signal);
    let status = term.wait_exit();
    assert_exit_code(&status, code);
    term.assert_restored();
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    exits_on_signal("TERM", 143);
}

#[test]
fn sighup_exits_129_and_restores_the_terminal() {
    exits_on_signal("HUP", 129);
}

#[test]
fn sigint_exits_130_and_restores_the_terminal() {
    exits_on_signal("INT", 130);
}

/// Starts the viewer, waits for its first frame, lets the reader go, and closes the
/// terminal. Returns the viewer's exit status, failing if it does not exit in time.
fn close_terminal_under_the_viewer() -> portable_pty::ExitStatus {
    let mut term = Term::spawn_releasing_reader(80, 24, &[], |screen| {
        screen.contents().contains(FIRST_FRAME)
    });
    term.wait_reader_released();
    assert!(term.is_running());
    term.close();
    let deadline = Instant::now() + TIMEOUT;
    while term.is_running() {
        assert!(
            Instant::now() < deadline,
            "the viewer is still running {TIMEOUT:?} after its terminal closed"
        );
        thread::sleep(Duration::from_millis(20));
    }
    term.wait_exit()
}

#[test]
fn closing_the_terminal_ends_the_viewer_with_a_hang_up_status() {
    // The viewer leads its session here, so the kernel sends it SIGHUP (129); if its
    // reader sees the terminal gone first, it says so with 1. Never a panic (101), never
    // killed by the signal itself.
    let status = close_terminal_under_the_viewer();
    assert!(status.signal().is_none(), "killed by a signal: {status}");
    assert!(
        [1, 129].contains(&status.exit_code()),
        "unexpected exit status {status}"
    );
}

/// Kills a process we did not spawn directly (the viewer under `sh`) when the test ends.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", &self.0.to_string()])
            .stderr(Stdio::null())
            .status();
    }
}

/// Whether `pid` is still a live (not zombie) process.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let state = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .next()?
                .to_owned();
            Some(state != "Z" && state != "X")
        })
        .unwrap_or(false)
}

/// User plus system CPU time of `pid`, in clock ticks (usually 100 a second).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

#[test]
fn closing_the_terminal_ends_the_viewer_even_without_sighup() {
    // `sh` leads the session, ignores SIGHUP and outlives the viewer, like a shell that
    // does not pass the hang-up on to its jobs.
    let mut command = CommandBuilder::new("sh");
    command.args(["-c", "trap '' HUP; \"$0\"; echo done", BIN]);
    let mut term = Term::start_command(
        80,
        24,
        command,
        Some(Box::new(|screen: &vt100::Screen| {
            screen.contents().contains(FIRST_FRAME)
        })),
    );
    term.wait_reader_released();
    let shell = term.pid();
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("read the shell's children");
    let viewer: u32 = children
        .split_whitespace()
        .next()
        .and_then(|pid| pid.parse().ok())
        .expect("the viewer's pid");
    let _kill = KillOnDrop(viewer);
    term.close();
    let before = cpu_ticks(viewer);
    let deadline = Instant::now() + TIMEOUT;
    while alive(viewer) {
        if Instant::now() >= deadline {
            let used = cpu_ticks(viewer) - before;
            panic!(
                "the viewer is still running {TIMEOUT:?} after its terminal closed, having \
                 used {used} CPU ticks since (100 a second is one busy core)"
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_c_quits_from_the_finder() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("/");
    term.wait_for_text(" Find ");
    term.send(CTRL_C);
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn escape_closes_the_finder_without_moving_and_never_quits() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("/");
    term.wait_for_text(" Find ");
    term.send("france");
    term.wait_for("results for `france`", |screen| {
        screen
            .rows(0, 120)
            .any(|r| r.contains("> france") && r.contains("1/") && !r.contains('…'))
    });
    term.send(DOWN);
    term.wait_for_text("2/");
    term.send(ESC);
    term.wait_for_no_text(" Find ");
    {
        let out = term.output();
        let screen = out.screen();
        assert!(detail(screen).contains("country · nl"), "{}", dump(screen));
        assert!(footer(screen).contains(FIRST_FRAME), "{}", dump(screen));
    }

    // Esc in the list does nothing visible, and must not quit.
    term.send(ESC);
    settle_after_esc();
    assert!(term.is_running(), "Esc in the list quit the viewer");
    term.send("j");
    wait_for_detail(&mut term, "country · de");
    assert!(term.is_running());

    // Esc leaves the detail pane (and still does not quit).
    term.send(ENTER);
    term.wait_for_text("Tab link");
    term.send(ESC);
    term.wait_for_no_text("Tab link");
    term.send(UP);
    wait_for_detail(&mut term, "country · nl");
    assert!(term.is_running());

    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn a_broken_file_is_reported_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "Dossier(\n    title: \"Broken\",\n    countries: [\n        Country(id: \"nl\" name: \"Netherlands\"),\n    ],\n)\n",
    )
    .expect("write the broken file");
    let path_arg = path.to_str().expect("utf-8 temp path");

    let check = Command::new(BIN)
        .args(["check", path_arg])
        .env_remove("DOSSIER_FILE")
        .output()
        .expect("run dossier check");
    assert_eq!(check.status.code(), Some(2), "dossier check: {check:?}");
    let expected = String::from_utf8(check.stderr).expect("utf-8 stderr");
    assert!(!expected.trim().is_empty());

    let mut term = Term::spawn(120, 40, &[path_arg]);
    let status = term.wait_exit();
    assert_exit_code(&status, 2);
    let out = term.output();
    // The terminal turns each `\n` into `\r\n` on the way out.
    let printed = String::from_utf8_lossy(&out.raw).replace("\r\n", "\n");
    assert_eq!(printed, expected);
    assert!(
        !contains(&out.raw, b"\x1b[?1049h"),
        "entered the alternate screen"
    );
    assert!(!contains(&out.raw, b"\x1b[?25l"), "hid the cursor");
    assert!(!out.screen().alternate_screen());
}

#[test]
fn without_a_terminal_the_viewer_refuses_and_points_to_the_commands() {
    let output = Command::new(BIN)
        .env_remove("DOSSIER_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run dossier");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.contains("terminal"), "{stderr:?}");
    assert!(stderr.contains("search"), "{stderr:?}");
}

/// A dossier full of escape sequences, OSC title and clipboard requests, C1 controls and
/// a bidi override, written for this test.
const E2E_HOSTILE: &str = "tests/fixtures/e2e-hostile.ron";
/// The shared hostile fixture, when another suite has written it.
const SHARED_HOSTILE: &str = "tests/fixtures/hostile.ron";

#[test]
fn a_hostile_dossier_cannot_drive_the_terminal() {
    let mut opened = 0;
    for fixture in [E2E_HOSTILE, SHARED_HOSTILE] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        if !path.exists() {
            assert_ne!(fixture, E2E_HOSTILE, "{fixture} is missing");
            continue;
        }
        check_hostile(&path);
        opened += 1;
    }
    assert!(opened >= 1);
}

fn check_hostile(path: &Path) {
    let path_arg = path.to_str().expect("utf-8 path");
    let mut term = Term::spawn(120, 40, &[path_arg]);
    // Every pane that shows dossier text: header, list, detail, each tab, the finder.
    term.wait_for("the first frame", |screen| {
        footer(screen).contains("Countries 1/")
    });
    term.send(ENTER);
    term.wait_for_text("Tab link");
    term.send(ESC);
    term.wait_for_no_text("Tab link");
    term.send("2");
    term.wait_for("the forums tab", |screen| {
        footer(screen).contains("Forums 1/")
    });
    term.send("3");
    term.wait_for("the actions tab", |screen| {
        footer(screen).contains("Actions 1/")
    });
    term.send("/");
    term.wait_for_text(" Find ");
    term.send("a");
    term.wait_for("results for `a`", |screen| {
        screen
            .rows(0, 120)
            .any(|r| r.contains("> a") && r.contains("1/") && !r.contains('…'))
    });
    let screen_text = term.output().screen().contents();
    term.send(ESC);
    term.wait_for_no_text(" Find ");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();

    let out = term.output();
    let raw = &out.raw;
    let text = out.raw_text();
    let fixture = path.display();
    assert!(
        !contains(raw, b"\x1b]52"),
        "{fixture}: OSC 52 reached the terminal"
    );
    assert!(
        !contains(raw, b"\x1b]0;"),
        "{fixture}: OSC 0 reached the terminal"
    );
    assert!(
        !contains(raw, b"\x1b]"),
        "{fixture}: an OSC reached the terminal"
    );
    assert!(
        !contains(raw, b"\x1bP"),
        "{fixture}: a DCS reached the terminal"
    );
    assert!(
        !contains(raw, b"\x07"),
        "{fixture}: BEL reached the terminal"
    );
    assert!(
        !contains(raw, b"\x1b[6n"),
        "{fixture}: a cursor report request reached the terminal"
    );
    // A C1 CSI is U+009B (C2 9B in UTF-8); a lone 0x9B byte would decode as U+FFFD.
    assert!(
        !text.contains('\u{9b}'),
        "{fixture}: C1 CSI reached the terminal"
    );
    assert!(
        !text.contains('\u{fffd}'),
        "{fixture}: invalid UTF-8 reached the terminal"
    );
    assert!(
        !text.contains('\u{202e}'),
        "{fixture}: a bidi override reached the terminal"
    );
    let seen = out.seen();
    assert!(
        seen.titles.is_empty(),
        "{fixture}: title set: {:?}",
        seen.titles
    );
    assert!(
        seen.clipboard.is_empty(),
        "{fixture}: clipboard: {:?}",
        seen.clipboard
    );
    assert_eq!(seen.bells, 0, "{fixture}: the bell rang");
    // The stand-ins are on screen instead.
    assert!(
        screen_text.contains("^["),
        "{fixture}: no ^[ stand-in:\n{screen_text}"
    );
}

/// Types a query in the finder and opens its first result once the results are in.
fn open_from_finder(term: &mut Term, query: &str) {
    term.send("/");
    term.wait_for_text(" Find ");
    term.send(query);
    term.wait_for(&format!("the results for `{query}`"), |screen| {
        finder_count(screen, query).is_some_and(|(selected, _, _)| selected == 1)
    });
    term.send(ENTER);
    term.wait_for_no_text(" Find ");
}

#[test]
fn backspace_returns_to_every_place_jumped_to() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    open_from_finder(&mut term, "coarm");
    wait_for_detail(&mut term, "forum · coarm");
    // A run of moves in the list after the jump.
    term.send("h");
    term.send("j");
    wait_for_detail(&mut term, "forum · duwp");
    term.send(BACKSPACE);
    wait_for_detail(&mut term, "forum · coarm");
    term.send(BACKSPACE);
    wait_for_detail(&mut term, "country · nl");
    term.send(BACKSPACE);
    settle_after_esc();
    wait_for_detail(&mut term, "country · nl");
    term.send("]");
    wait_for_detail(&mut term, "forum · coarm");
    term.send("]");
    wait_for_detail(&mut term, "forum · duwp");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

/// The first text row of the detail pane.
fn detail_top(screen: &vt100::Screen) -> String {
    detail(screen).lines().nth(3).unwrap_or_default().to_owned()
}

#[test]
fn the_detail_pane_pages_like_less_and_the_list_keeps_its_item() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send(ENTER);
    term.wait_for_text("Tab link");
    term.wait_for("the title on top", |screen| {
        detail_top(screen).contains("Netherlands")
    });
    term.send(" ");
    term.wait_for("a page down", |screen| {
        !detail_top(screen).contains("Netherlands")
    });
    assert!(footer(term.output().screen()).contains("Countries 1/5"));
    term.send("b");
    term.wait_for("a page up", |screen| {
        detail_top(screen).contains("Netherlands")
    });
    term.send("G");
    term.wait_for("the bottom", |screen| {
        !detail_top(screen).contains("Netherlands") && detail(screen).contains("— answer")
            || detail(screen).contains("— Question")
    });
    let bottom = detail_top(term.output().screen());
    // The first key back up moves at once: nothing was scrolled past the end.
    term.send("k");
    term.wait_for("one line up", |screen| detail_top(screen) != bottom);
    term.send("g");
    term.wait_for("the top", |screen| {
        detail_top(screen).contains("Netherlands")
    });
    assert!(footer(term.output().screen()).contains("Countries 1/5"));
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn n_goes_from_match_to_match_of_the_finder_query() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    open_from_finder(&mut term, "overleg");
    term.wait_for_text("n next match");
    let title = detail_top(term.output().screen());
    // The matches are further down than the pane shows: `n` scrolls to the first.
    assert!(
        !detail(term.output().screen())
            .to_lowercase()
            .contains("overleg")
    );
    term.send("n");
    term.wait_for("a match in view", |screen| {
        detail(screen).to_lowercase().contains("overleg") && detail_top(screen) != title
    });
    let first = detail_top(term.output().screen());
    // From the top again, `n` goes back to the first match, `N` to the last one.
    term.send("g");
    term.wait_for("the top", |screen| detail_top(screen) == title);
    term.send("N");
    term.wait_for("the last match in view", |screen| {
        detail(screen).to_lowercase().contains("overleg") && detail_top(screen) != title
    });
    term.send("g");
    term.wait_for("the top", |screen| detail_top(screen) == title);
    term.send("n");
    term.send("N");
    term.send("n");
    term.wait_for("the first match again", |screen| {
        detail_top(screen) == first
    });
    // Another item: the matches are gone, and so is the hint.
    term.send("h");
    term.send("j");
    term.wait_for_no_text("n next match");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn q_and_esc_close_overlays_and_only_ctrl_c_quits_there() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    for (open, title) in [
        ("?", "Keys · q or Esc closes"),
        ("!", "problems · q or Esc"),
    ] {
        for close in ["q", ESC] {
            term.send(open);
            term.wait_for_text(title);
            // Keys with a modifier match nothing here: Ctrl-q and Alt-q do not quit.
            term.send("\x11");
            term.send("\x1bq");
            settle_after_esc();
            assert!(term.is_running(), "a modified q quit from {title}");
            term.wait_for_text(title);
            term.send(close);
            if close == ESC {
                settle_after_esc();
            }
            term.wait_for_no_text(title);
            assert!(term.is_running(), "{close:?} quit from {title}");
        }
    }
    term.send("?");
    term.wait_for_text("Keys · q or Esc closes");
    term.send(CTRL_C);
    assert_exit_code(&term.wait_exit(), 0);
    term.assert_restored();
}

#[test]
fn ctrl_l_repaints_over_garbage() {
    let mut term = Term::spawn(80, 24, &[]);
    term.wait_for_text(FIRST_FRAME);
    // Noise on the line: the terminal shows something the viewer never drew.
    term.output()
        .parser
        .process(b"\x1b[5;40HGARBAGE FROM A NOISY LINK\x1b[12;5HMORE");
    assert!(term.output().screen().contents().contains("GARBAGE"));
    term.send("\x0c");
    term.wait_for("the garbage to go", |screen| {
        let text = screen.contents();
        !text.contains("GARBAGE") && !text.contains("MORE") && text.contains("Netherlands")
    });
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn at_opens_the_viewer_on_an_item() {
    let mut term = Term::spawn(120, 40, &["--at", "duwp"]);
    term.wait_for_text("Forums 2/2");
    {
        let out = term.output();
        let screen = out.screen();
        assert!(detail(screen).contains("forum · duwp"), "{}", dump(screen));
        assert!(footer(screen).contains("Tab link"), "{}", dump(screen));
    }
    // Its links are one Tab away.
    term.send(TAB);
    term.send(ENTER);
    wait_for_detail(&mut term, "country · nl");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}

#[test]
fn the_finder_filters_shows_errors_and_previews() {
    let mut term = Term::spawn(120, 40, &[]);
    term.wait_for_text(FIRST_FRAME);
    term.send("/");
    term.wait_for_text(" Find ");
    // Everything still planned with the Netherlands, in one line.
    term.send("status:planned country:nl");
    term.wait_for("the one planned Dutch action", |screen| {
        finder_count(screen, "status:planned country:nl")
            .is_some_and(|(selected, total, _)| selected == 1 && total == 1)
    });
    {
        let out = term.output();
        let text = out.screen().contents();
        assert!(text.contains("1 action"), "{}", dump(out.screen()));
        // The preview beside the results shows the highlighted result's detail.
        assert!(
            text.contains("action · nl-civil-firearms"),
            "{}",
            dump(out.screen())
        );
        assert!(text.contains("Status  Planned"), "{}", dump(out.screen()));
    }
    // A mistake: the error shows under the query, and the last good results stay.
    term.send(" statu:x");
    term.wait_for_text("unknown field `statu`; did you mean `status`?");
    {
        let out = term.output();
        let text = out.screen().contents();
        assert!(
            text.contains("action   Broad consultation"),
            "{}",
            dump(out.screen())
        );
    }
    // The cursor: to the start, and a word typed there.
    term.send("\x01"); // Ctrl-a
    term.send("kind:action ");
    term.send("\x05"); // Ctrl-e
    for _ in 0.." statu:x".len() {
        term.send(BACKSPACE);
    }
    term.wait_for("the fixed query", |screen| {
        finder_count(screen, "kind:action status:planned country:nl")
            .is_some_and(|(_, total, _)| total == 1)
    });
    term.send(ENTER);
    wait_for_detail(&mut term, "action · nl-civil-firearms");
    term.send("q");
    assert_exit_code(&term.wait_exit(), 0);
}
