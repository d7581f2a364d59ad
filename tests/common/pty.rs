//! A pseudo-terminal harness for end-to-end tests: runs the real `dossier` binary in a PTY
//! of a chosen size, feeds everything it writes to a `vt100` parser on a background thread
//! (keeping the raw bytes too), and lets a test type keys and wait for the screen to show
//! something. Waits poll the parsed screen; timeouts are only failure limits.

#![allow(dead_code)] // Each test crate uses its own subset.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The binary under test.
#[path = "env.rs"]
mod env;

pub const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// How long any wait may take before the test fails: generous, for a loaded machine.
pub const TIMEOUT: Duration = Duration::from_secs(10);

const POLL: Duration = Duration::from_millis(20);
/// How long the output must stay quiet for a frame to count as complete.
const SETTLE: Duration = Duration::from_millis(40);

/// What the terminal was asked to do besides drawing: things a dossier must never trigger.
#[derive(Debug, Default)]
pub struct Seen {
    /// Window title and icon name sets (OSC 0, 1, 2).
    pub titles: Vec<String>,
    /// Clipboard reads and writes (OSC 52).
    pub clipboard: Vec<String>,
    pub bells: usize,
    /// Sequences the emulator did not understand, for diagnosing garbage.
    pub unhandled: Vec<String>,
}

impl vt100::Callbacks for Seen {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.clipboard.push(format!(
            "copy {} {}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard
            .push(format!("paste {}", String::from_utf8_lossy(ty)));
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.unhandled.push(format!("char {c:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled.push(format!("control {b:#04x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.unhandled
            .push(format!("escape {i1:?} {i2:?} {:?}", char::from(b)));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // SGR 58/59 (underline colour) is valid and sent by ratatui; vt100 lacks it.
        if c == 'm' && matches!(params.first().and_then(|p| p.first()), Some(58 | 59)) {
            return;
        }
        // Private modes vt100 lacks but terminals know: urxvt mouse reports (1015) and
        // synchronized output (2026), both sent by crossterm.
        let private = i1 == Some(b'?');
        if private
            && matches!(c, 'h' | 'l')
            && matches!(params.first().and_then(|p| p.first()), Some(1015 | 2026))
        {
            return;
        }
        self.unhandled
            .push(format!("csi {i1:?} {i2:?} {params:?} {c:?}"));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.unhandled.push(format!("osc {params:?}"));
    }
}

/// Everything the child wrote, raw and parsed.
pub struct Output {
    pub parser: vt100::Parser<Seen>,
    pub raw: Vec<u8>,
    /// The reader saw end of file: the child and everything holding the PTY are gone.
    pub closed: bool,
    /// The reader stopped on request and let go of its copy of the master side.
    pub released: bool,
}

impl Output {
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn seen(&self) -> &Seen {
        self.parser.callbacks()
    }

    /// The raw stream as text; invalid UTF-8 shows up as U+FFFD.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

/// When the reader thread should stop and let go of the master side.
pub type ReleaseWhen = Box<dyn Fn(&vt100::Screen) -> bool + Send>;

/// A running `dossier` in a pseudo-terminal.
pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Arc<Mutex<Output>>,
    status: Option<ExitStatus>,
}

impl Term {
    /// Starts `dossier ARGS` in a `cols`×`rows` terminal.
    pub fn spawn(cols: u16, rows: u16, args: &[&str]) -> Term {
        Term::start(cols, rows, args, None)
    }

    /// Starts `dossier ARGS` as [`Term::spawn`] does, with `env` on top of the harness's
    /// environment: a value sets a variable, `None` removes it.
    pub fn spawn_with_env(
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, Option<&str>)],
    ) -> Term {
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        let env: Vec<(String, Option<String>)> = env
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.map(str::to_owned)))
            .collect();
        Term::start_command_with_env(cols, rows, command, &env)
    }

    /// Like [`Term::spawn`], but the reader thread stops, and closes its copy of the master
    /// side, as soon as `release_when` holds for the screen. Needed to close the PTY for
    /// real: a blocked read cannot be interrupted, and any open master fd keeps it alive.
    pub fn spawn_releasing_reader(
        cols: u16,
        rows: u16,
        args: &[&str],
        release_when: impl Fn(&vt100::Screen) -> bool + Send + 'static,
    ) -> Term {
        Term::start(cols, rows, args, Some(Box::new(release_when)))
    }

    fn start(cols: u16, rows: u16, args: &[&str], release_when: Option<ReleaseWhen>) -> Term {
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        Term::start_command(cols, rows, command, release_when)
    }

    /// Runs `command` with the harness's environment and then `env` on top: a value
    /// sets a variable, `None` removes it.
    pub fn start_command_with_env(
        cols: u16,
        rows: u16,
        command: CommandBuilder,
        env: &[(String, Option<String>)],
    ) -> Term {
        Term::start_inner(cols, rows, command, None, env)
    }

    /// Runs an arbitrary command (with the same environment) in the PTY.
    pub fn start_command(
        cols: u16,
        rows: u16,
        command: CommandBuilder,
        release_when: Option<ReleaseWhen>,
    ) -> Term {
        Term::start_inner(cols, rows, command, release_when, &[])
    }

    fn start_inner(
        cols: u16,
        rows: u16,
        mut command: CommandBuilder,
        release_when: Option<ReleaseWhen>,
        env: &[(String, Option<String>)],
    ) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        // Nothing of the caller's terminal (tmux, TERM, NO_COLOR, a locale, a light
        // background) reaches the viewer: an xterm, a UTF-8 locale and a dark background,
        // said up front; tests that want another set their own. (Without COLORFGBG the
        // viewer would ask the terminal, and the query would show in what tests read.)
        let own: Vec<(String, String)> = command
            .iter_extra_env_as_str()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        command.env_clear();
        for (name, value) in env::clean_env() {
            command.env(name, value);
        }
        command.env("COLORFGBG", "15;0");
        // What the test set on the command, then what it asked for here, win.
        for (name, value) in own {
            command.env(name, value);
        }
        for (name, value) in env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            }
        }
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        // Only the child may hold the slave side, so that its exit reads as end of file.
        drop(pair.slave);

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new_with_callbacks(
                NonZeroU16::new(rows).expect("rows > 0"),
                NonZeroU16::new(cols).expect("cols > 0"),
                0,
                Seen::default(),
            ),
            raw: Vec::new(),
            closed: false,
            released: false,
        }));
        let shared = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => 0,
                    Ok(n) => n,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => 0,
                };
                let mut out = lock(&shared);
                if n == 0 {
                    out.closed = true;
                    return;
                }
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
                if release_when
                    .as_ref()
                    .is_some_and(|release| release(out.parser.screen()))
                {
                    out.released = true;
                    return; // drops `reader`, this thread's copy of the master fd
                }
            }
        });

        Term {
            child,
            master: Some(pair.master),
            writer: None,
            output,
            status: None,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// The output so far. Do not hold it across a wait.
    pub fn output(&self) -> MutexGuard<'_, Output> {
        lock(&self.output)
    }

    /// Types `keys` into the terminal.
    pub fn send(&mut self, keys: &str) {
        if self.writer.is_none() {
            let master = self.master.as_ref().expect("pty already closed");
            self.writer = Some(master.take_writer().expect("pty writer"));
        }
        let writer = self.writer.as_mut().expect("writer");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush keys");
    }

    /// Resizes the terminal, as a window resize does: the emulator first, then the PTY
    /// (which sends the child SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.output().parser.set_size(
            NonZeroU16::new(rows).expect("rows > 0"),
            NonZeroU16::new(cols).expect("cols > 0"),
        );
        self.master
            .as_ref()
            .expect("pty open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Resizes only the PTY: the child is told of a size the test's emulator does not
    /// take on, for sizes no emulator could hold (65535×65535).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("pty open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Waits until `condition` holds for the parsed screen; fails with the screen shown.
    pub fn wait_for(&mut self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (met, closed, seen) = {
                let out = self.output();
                (condition(out.screen()), out.closed, out.raw.len())
            };
            // A frame can arrive in pieces: the condition must still hold once the
            // output has been quiet for a moment, so later assertions see whole frames.
            if met {
                thread::sleep(SETTLE);
                let out = self.output();
                if out.raw.len() == seen && condition(out.screen()) {
                    return;
                }
                continue;
            }
            // The child is gone and everything it wrote has been read: waiting longer is futile.
            let exited = closed && self.try_status().is_some();
            if exited || Instant::now() >= deadline {
                let why = if exited {
                    format!("the viewer exited ({:?})", self.status)
                } else {
                    format!("timed out after {TIMEOUT:?}")
                };
                panic!(
                    "waiting for {what}: {why}; the screen shows:\n{}",
                    dump(self.output().screen())
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `needle`.
    pub fn wait_for_text(&mut self, needle: &str) {
        self.wait_for(&format!("{needle:?}"), |screen| {
            screen.contents().contains(needle)
        });
    }

    /// Waits until the screen no longer contains `needle`.
    pub fn wait_for_no_text(&mut self, needle: &str) {
        self.wait_for(&format!("{needle:?} to go away"), |screen| {
            !screen.contents().contains(needle)
        });
    }

    fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    /// True while the child runs.
    pub fn is_running(&mut self) -> bool {
        self.try_status().is_none()
    }

    /// Waits for the child to exit and for its last output to be read; returns its status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.try_status() {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the viewer did not exit within {TIMEOUT:?}; the screen shows:\n{}",
                    dump(self.output().screen())
                );
            }
            thread::sleep(POLL);
        };
        // Everything written before exit is in the PTY; wait for the reader to drain it.
        while !{
            let out = self.output();
            out.closed || out.released
        } {
            assert!(
                Instant::now() < deadline,
                "the pty did not reach end of file after the viewer exited"
            );
            thread::sleep(POLL);
        }
        status
    }

    /// Waits until the reader thread has let go of the master side (see
    /// [`Term::spawn_releasing_reader`]).
    pub fn wait_reader_released(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.output().released {
            assert!(
                Instant::now() < deadline,
                "the reader never released the pty; screen:\n{}",
                dump(self.output().screen())
            );
            thread::sleep(POLL);
        }
    }

    /// Closes our side of the terminal, as a terminal emulator does when its window closes.
    /// The reader thread must have let go already, or the PTY stays open.
    pub fn close(&mut self) {
        self.writer = None;
        self.master = None;
    }

    /// Sends `signal` (a name such as `TERM`) to the child with `kill(1)`.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed: {status}");
    }

    /// The terminal's local mode flags (`ICANON`, `ECHO`, …), by name, for telling raw mode
    /// from cooked mode.
    pub fn local_flags(&self) -> Vec<String> {
        let master = self.master.as_ref().expect("pty open");
        let termios = master.get_termios().expect("tcgetattr on the pty");
        format!("{:?}", termios.local_flags)
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Asserts that the viewer gave the terminal back as it found it: the raw stream left
    /// the alternate screen and showed the cursor after last entering/hiding them, the
    /// emulator agrees, and the line discipline is back in cooked mode.
    pub fn assert_restored(&self) {
        let out = self.output();
        let raw = &out.raw;
        let enter = rfind(raw, b"\x1b[?1049h");
        let leave = rfind(raw, b"\x1b[?1049l");
        assert!(enter.is_some(), "never entered the alternate screen");
        assert!(
            leave > enter,
            "the output does not leave the alternate screen after entering it; it ends with {:?}",
            tail(raw)
        );
        let hide = rfind(raw, b"\x1b[?25l");
        let show = rfind(raw, b"\x1b[?25h");
        assert!(hide.is_some(), "never hid the cursor");
        assert!(
            show > hide,
            "the output does not show the cursor after hiding it; it ends with {:?}",
            tail(raw)
        );
        assert!(
            !out.screen().alternate_screen(),
            "the emulator is still on the alternate screen"
        );
        assert!(!out.screen().hide_cursor(), "the cursor is still hidden");
        drop(out);
        let flags = self.local_flags();
        for flag in ["ICANON", "ECHO"] {
            assert!(
                flags.iter().any(|f| f == flag),
                "raw mode was not turned off: {flag} missing from {flags:?}"
            );
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.try_status().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lock(output: &Mutex<Output>) -> MutexGuard<'_, Output> {
    output
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    rfind(haystack, needle).is_some()
}

fn tail(raw: &[u8]) -> String {
    let start = raw.len().saturating_sub(80);
    String::from_utf8_lossy(&raw[start..]).into_owned()
}

/// The screen, one numbered row a line, for failure messages.
pub fn dump(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .enumerate()
        .map(|(i, row)| format!("{i:>3}|{row}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text in columns `start..start + width`, one row a line.
pub fn columns(screen: &vt100::Screen, start: u16, width: u16) -> String {
    screen.rows(start, width).collect::<Vec<_>>().join("\n")
}

/// Row `row` of the screen.
pub fn row(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(row))
        .unwrap_or_default()
}
