//! The threads beside the loop. Each sends [`Event`]s into the loop's one channel and
//! never touches the state: the terminal's input, signals, the finder's search, the
//! file's reloader and a presenter's frames. A worker that falls behind runs only the
//! newest job waiting ([`newest`]).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;

use std::time::Duration;

use crossterm::event::{Event as TerminalEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::search_in;
use super::message::{Message, Reload, Retired};
use super::view::Baseline;
use crate::catalog::Catalog;
use crate::search::{Narrowing, SearchIndex};
use crate::share::{self, ConsoleFrame, ConsoleLink, ConsoleState, Cue, Encoded, Follower, Steer};

/// Everything the loop hears.
pub(crate) enum Event {
    Terminal(TerminalEvent),
    InputClosed,
    Signal(i32),
    /// A message for `update`: search results, a reloaded file, a presenter's move.
    Message(Message),
    /// The presentation followed ended (`ended`), or the link to it did: why.
    Unfollowed {
        ended: bool,
        why: String,
    },
    /// A presenter's dossier for its followers, built off the UI thread: for this version.
    DossierBuilt(u64, Encoded),
    /// What the presenter's console shows now.
    Presented(Box<ConsoleState>),
}

/// Waits for a job, then takes every job queued behind it, folding them with `merge`
/// (which keeps what still matters of the older and the newer); `None` once the queue
/// is closed. A worker that took a while finds the backlog reduced to one job.
pub(crate) fn newest_merged<J>(queue: &Receiver<J>, merge: impl Fn(J, J) -> J) -> Option<J> {
    let first = queue.recv().ok()?;
    Some(queue.try_iter().fold(first, merge))
}

/// Waits for a job and returns the newest one queued: the older ones are stale.
pub(crate) fn newest<J>(queue: &Receiver<J>) -> Option<J> {
    newest_merged(queue, |_, newer| newer)
}

/// How soon after an event the next one must be ready to count as sent with it, in the
/// same write of the terminal's: the second half of `ESC ESC q`, the rest of a reply.
const TOGETHER: Duration = Duration::from_millis(1);

/// How long an unfinished terminal string may wait for its next part before what was
/// held is taken for keys typed after all. A reply is written at once; a slow link
/// delays it whole, it does not spread it out.
const STRING_PAUSE: Duration = Duration::from_millis(250);

/// How long the input reader waits for input before it looks at its gate again: how
/// long at most handing the terminal to another program waits for the reader.
const GATE_CHECK: Duration = Duration::from_millis(100);

/// The most the runtime waits for the input reader to stop (it may be gone).
const GATE_WAIT: Duration = Duration::from_secs(1);

/// Stops the input reader while another program (the editor) has the terminal: a reader
/// waiting in `read` would take that program's keys. The reader only ever waits in
/// `poll`, for [`GATE_CHECK`] at most, and stops at the gate when it is closed.
#[derive(Debug, Default)]
pub(crate) struct InputGate {
    state: Mutex<Gate>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct Gate {
    /// The runtime wants the terminal's input left alone.
    closing: bool,
    /// The reader is waiting at the gate, reading nothing.
    stopped: bool,
}

impl InputGate {
    /// Stops the reader, and waits until it reads no more (a moment at most).
    pub(crate) fn close(&self) {
        let Ok(mut gate) = self.state.lock() else {
            return;
        };
        gate.closing = true;
        self.changed.notify_all();
        let _ = self
            .changed
            .wait_timeout_while(gate, GATE_WAIT, |gate| !gate.stopped);
    }

    /// Lets the reader read again.
    pub(crate) fn open(&self) {
        if let Ok(mut gate) = self.state.lock() {
            gate.closing = false;
            self.changed.notify_all();
        }
    }

    /// In the reader: waits here while the gate is closed.
    fn pass(&self) {
        let Ok(mut gate) = self.state.lock() else {
            return;
        };
        if !gate.closing {
            return;
        }
        gate.stopped = true;
        self.changed.notify_all();
        if let Ok(mut gate) = self.changed.wait_while(gate, |gate| gate.closing) {
            gate.stopped = false;
        }
    }
}

pub(crate) fn spawn_input_reader(events: Sender<Event>, gate: Arc<InputGate>) {
    thread::spawn(move || {
        let mut input = InputFilter::default();
        let mut together = false;
        loop {
            gate.pass();
            let wait = if input.holding() {
                STRING_PAUSE
            } else {
                GATE_CHECK
            };
            let read = match crossterm::event::poll(wait) {
                Ok(true) => crossterm::event::read().map(|event| input.feed(event, together)),
                Ok(false) if input.holding() => Ok(input.pause()),
                Ok(false) => continue,
                Err(error) => Err(error),
            };
            // The terminal is gone (SSH dropped, pane killed): reading fails for good.
            let Ok(passed) = read else {
                let _ = events.send(Event::InputClosed);
                return;
            };
            for event in passed {
                if events.send(Event::Terminal(event)).is_err() {
                    return;
                }
            }
            together = matches!(crossterm::event::poll(TOGETHER), Ok(true));
        }
    });
}

/// Mends what crossterm's parser makes of input that is not keys. crossterm knows no
/// terminal strings: a reply that comes after the viewer stopped waiting for it (the
/// background colour over a slow link: `ESC ] 11 ; rgb:ffff/ffff/ffff ESC \`) reaches
/// it as Alt-`]`, `1`, `1`, `;`, `r`, … and Alt-`\`; a DCS (`ESC P`) or APC (`ESC _`)
/// reply likewise. And it reads `ESC ESC q` as Esc and a plain `q`, where the second
/// escape makes the `q` Alt-q. (Cursor position and device attribute reports are
/// parsed, and kept from `read`, by crossterm itself.)
///
/// So: a key that comes together with an Esc before it is held with Alt, as crossterm
/// does for the one byte after a lone escape; and a string opened by Alt-`]`, Alt-`P` or
/// Alt-`_` is held until it ends (ST, `ESC \`, or BEL) and then dropped whole. Held keys
/// are given back, in order, as soon as something comes that no reply contains (a key
/// with Ctrl or Alt, an arrow, the mouse, a paste) or nothing comes for a while: a user
/// who pressed Alt-`]` and typed on loses nothing.
#[derive(Debug, Default)]
pub(crate) struct InputFilter {
    /// The unfinished string: its opening key and what came after it.
    held: Vec<TerminalEvent>,
    /// A string too long to be anyone's typing: dropped as it comes, to its end.
    discarding: bool,
    /// The last event given on was Esc.
    after_escape: bool,
}

/// More than any reply the viewer can provoke, and more than a user types after an
/// Alt key without pausing.
const MOST_HELD: usize = 256;

impl InputFilter {
    /// True while a string is open: the reader waits for its next part no longer than
    /// [`STRING_PAUSE`], then calls [`InputFilter::pause`].
    pub(crate) fn holding(&self) -> bool {
        !self.held.is_empty() || self.discarding
    }

    /// The events to pass on now that `event` came; `together` when it was ready at once
    /// after the one before.
    pub(crate) fn feed(&mut self, event: TerminalEvent, together: bool) -> Vec<TerminalEvent> {
        let event = match event {
            TerminalEvent::Key(key) if self.after_escape && together => {
                TerminalEvent::Key(KeyEvent {
                    modifiers: key.modifiers | KeyModifiers::ALT,
                    ..key
                })
            }
            other => other,
        };
        if self.holding() {
            if self.ends_string(&event) {
                self.held.clear();
                self.discarding = false;
                self.after_escape = false;
                return Vec::new();
            }
            if in_string(&event) {
                if self.discarding {
                    return Vec::new();
                }
                self.held.push(event);
                if self.held.len() > MOST_HELD {
                    self.held.clear();
                    self.discarding = true;
                }
                return Vec::new();
            }
            let mut passed = self.pause();
            passed.extend(self.feed(event, false));
            return passed;
        }
        if opens_string(&event) {
            self.held.push(event);
            self.after_escape = false;
            return Vec::new();
        }
        self.after_escape = is_key(&event, KeyCode::Esc, KeyModifiers::NONE);
        vec![event]
    }

    /// Nothing came for a while: a string left open was typed, not sent; give it back.
    pub(crate) fn pause(&mut self) -> Vec<TerminalEvent> {
        self.discarding = false;
        self.after_escape = false;
        std::mem::take(&mut self.held)
    }

    /// ST (`ESC \`, read as Alt-`\`, or as Esc and `\` when the two came apart) or BEL.
    fn ends_string(&self, event: &TerminalEvent) -> bool {
        let after_escape = self
            .held
            .last()
            .is_some_and(|last| is_key(last, KeyCode::Esc, KeyModifiers::NONE));
        is_key(event, KeyCode::Char('\\'), KeyModifiers::ALT)
            || is_key(event, KeyCode::Char('g'), KeyModifiers::CONTROL)
            || (after_escape && is_key(event, KeyCode::Char('\\'), KeyModifiers::NONE))
    }
}

/// A press of `code` with exactly `modifiers` (Shift aside).
fn is_key(event: &TerminalEvent, code: KeyCode, modifiers: KeyModifiers) -> bool {
    matches!(event, TerminalEvent::Key(key)
        if key.kind == KeyEventKind::Press
            && key.code == code
            && key.modifiers - KeyModifiers::SHIFT == modifiers)
}

/// ESC `]` (OSC), ESC `P` (DCS) or ESC `_` (APC), as crossterm reads them.
fn opens_string(event: &TerminalEvent) -> bool {
    [']', 'P', '_']
        .into_iter()
        .any(|c| is_key(event, KeyCode::Char(c), KeyModifiers::ALT))
}

/// What a string's body is made of: printable characters, and the escape that may
/// begin its ST.
fn in_string(event: &TerminalEvent) -> bool {
    matches!(event, TerminalEvent::Key(key)
        if key.kind == KeyEventKind::Press
            && key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE
            && matches!(key.code, KeyCode::Char(_) | KeyCode::Esc))
}

/// Work for the search worker: a newer catalog or query makes an older one stale, each
/// on its own.
#[derive(Default)]
pub(crate) struct SearchJob {
    /// A reloaded dossier: index it, in this slot, and search it from now on.
    pub catalog: Option<(Arc<Catalog>, Arc<OnceLock<SearchIndex>>)>,
    /// The finder's query, with its generation.
    pub search: Option<(u64, String)>,
}

impl SearchJob {
    fn merge(older: SearchJob, newer: SearchJob) -> SearchJob {
        SearchJob {
            catalog: newer.catalog.or(older.catalog),
            search: newer.search.or(older.search),
        }
    }
}

/// Searches on its own thread so typing never waits for matching. Results for a query
/// that is no longer the newest are dropped by `App::update`.
pub(crate) fn spawn_search_worker(
    catalog: Arc<Catalog>,
    index: Arc<OnceLock<SearchIndex>>,
    events: Sender<Event>,
) -> Sender<SearchJob> {
    let (jobs, queue) = mpsc::channel::<SearchJob>();
    thread::spawn(move || {
        let (mut catalog, mut index) = (catalog, index);
        // Kept for the worker's life: a new index starts it afresh by itself.
        let mut narrowing = Narrowing::new();
        // Prepare the search while the user reads the first frame.
        index.get_or_init(|| SearchIndex::new(&catalog));
        while let Some(job) = newest_merged(&queue, SearchJob::merge) {
            if let Some((new_catalog, new_index)) = job.catalog {
                (catalog, index) = (new_catalog, new_index);
            }
            // Built now, so that a query typed later finds it ready.
            index.get_or_init(|| SearchIndex::new(&catalog));
            let Some((generation, query)) = job.search else {
                continue;
            };
            let done = search_in(&index, &catalog, &mut narrowing, generation, &query);
            if events.send(Event::Message(done)).is_err() {
                return;
            }
        }
    });
    jobs
}

/// Reads the dossier again, on its own thread, each time the file changes; only the
/// newest change waiting is read. What it finds, a catalog with what changed since
/// `baseline`, or a problem, goes to the loop.
pub(crate) fn spawn_reloader(
    path: PathBuf,
    baseline: Option<Baseline>,
    events: Sender<Event>,
) -> Sender<()> {
    let (changes, queue) = mpsc::channel::<()>();
    thread::spawn(move || {
        while newest(&queue).is_some() {
            let reloaded = match Catalog::load(&path) {
                Ok(catalog) => Reload::compared(Arc::new(catalog), baseline.as_ref()),
                Err(error) => Reload(Err(first_line(&error.to_string()))),
            };
            if events
                .send(Event::Message(Message::Reloaded(reloaded)))
                .is_err()
            {
                return;
            }
        }
    });
    changes
}

/// Every frame a follower receives becomes an event of the loop. A dossier is loaded
/// here, off the UI thread, as a reloaded file is, and compared with `baseline`.
pub(crate) fn spawn_follower_reader(
    follower: Follower,
    baseline: Option<Baseline>,
    events: Sender<Event>,
) {
    thread::spawn(move || {
        for frame in follower {
            let event = match share::cue(frame) {
                Cue::Position {
                    briefing,
                    stops,
                    stop,
                } => Event::Message(Message::Followed {
                    briefing,
                    stops,
                    stop,
                }),
                Cue::Dossier(catalog) => Event::Message(Message::Reloaded(Reload::compared(
                    Arc::new(*catalog),
                    baseline.as_ref(),
                ))),
                Cue::Unloadable(why) => Event::Unfollowed { ended: false, why },
                Cue::Over { ended, why } => Event::Unfollowed { ended, why },
                Cue::Nothing => continue,
            };
            if events.send(event).is_err() {
                return;
            }
        }
    });
}

/// Each steer from the presenter's console becomes the stop key it stands for, handed to
/// `update` as the presenter's own keys are: the state changes only there.
pub(crate) fn spawn_steer_reader(steers: Receiver<Steer>, events: Sender<Event>) {
    thread::spawn(move || {
        for steer in steers {
            let stop_key = match steer {
                Steer::Next => Message::NextStop,
                Steer::Prev => Message::PrevStop,
                Steer::First => Message::FirstStop,
                Steer::Last => Message::LastStop,
            };
            let steered = Message::Steered(Box::new(stop_key));
            if events.send(Event::Message(steered)).is_err() {
                return;
            }
        }
    });
}

/// Every frame the presenter's console receives becomes an event of its loop.
pub(crate) fn spawn_console_reader(link: ConsoleLink, events: Sender<Event>) {
    thread::spawn(move || {
        for frame in link {
            let safe = |message: &str| crate::text::inline(message).into_owned();
            let event = match frame {
                Ok(ConsoleFrame::State(state)) => Event::Presented(Box::new(state)),
                Ok(ConsoleFrame::End) => Event::Unfollowed {
                    ended: true,
                    why: "the briefing has ended".to_owned(),
                },
                Ok(ConsoleFrame::Dropped { reason }) => Event::Unfollowed {
                    ended: false,
                    why: safe(&reason),
                },
                Ok(ConsoleFrame::ConsoleHello { .. } | ConsoleFrame::Steer { .. }) => continue,
                Err(error) => Event::Unfollowed {
                    ended: false,
                    why: safe(&error.to_string()),
                },
            };
            if events.send(event).is_err() {
                return;
            }
        }
    });
}

/// Frees a catalog and its index the viewer no longer shows, off the UI thread: a big
/// dossier takes tens of milliseconds to free.
pub(crate) fn retire(retired: Retired) {
    thread::spawn(move || drop(retired));
}

/// `FILE:LINE:COL: message`, without the excerpt and caret that follow in a terminal.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events crossterm reads from `bytes` when they come in one write, as the PTY
    /// tests saw them: an escape before a character makes it Alt, a second escape
    /// after the first is swallowed with it.
    fn crossterm_reads(bytes: &str) -> Vec<TerminalEvent> {
        let key = |code, modifiers| TerminalEvent::Key(KeyEvent::new(code, modifiers));
        let mut events = Vec::new();
        let mut chars = bytes.chars().peekable();
        while let Some(c) = chars.next() {
            events.push(match (c, chars.peek().copied()) {
                ('\x1b', Some('\x1b')) => {
                    chars.next();
                    key(KeyCode::Esc, KeyModifiers::NONE)
                }
                ('\x1b', Some(next)) => {
                    chars.next();
                    let shift = if next.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    key(KeyCode::Char(next), KeyModifiers::ALT | shift)
                }
                ('\x1b', None) => key(KeyCode::Esc, KeyModifiers::NONE),
                ('\x07', _) => key(KeyCode::Char('g'), KeyModifiers::CONTROL),
                (c, _) if c.is_uppercase() => key(KeyCode::Char(c), KeyModifiers::SHIFT),
                (c, _) => key(KeyCode::Char(c), KeyModifiers::NONE),
            });
        }
        events
    }

    /// What the filter passes on for writes that arrive apart; each write's events
    /// come together, the first of each after a pause.
    fn filtered(writes: &[&str]) -> Vec<TerminalEvent> {
        let mut input = InputFilter::default();
        let mut passed = Vec::new();
        for write in writes {
            for (i, event) in crossterm_reads(write).into_iter().enumerate() {
                passed.extend(input.feed(event, i > 0));
            }
        }
        passed.extend(input.pause());
        passed
    }

    fn keys(text: &str) -> Vec<TerminalEvent> {
        crossterm_reads(text)
    }

    #[test]
    fn a_late_background_reply_is_dropped_whole_and_the_next_key_passes() {
        for reply in [
            "\x1b]11;rgb:ffff/ffff/ffff\x1b\\",
            "\x1b]11;rgb:0000/0000/0000\x07",
            "\x1bP1$r0m\x1b\\",
            "\x1b_Gi=1;OK\x1b\\",
        ] {
            assert_eq!(filtered(&[reply]), [], "{reply:?}");
            assert_eq!(filtered(&["j", reply, "k"]), keys("jk"), "{reply:?}");
            // Glued to a key typed just before or after it, in the same read.
            assert_eq!(filtered(&[&format!("j{reply}k")]), keys("jk"), "{reply:?}");
        }
    }

    #[test]
    fn a_reply_split_across_reads_is_still_dropped() {
        assert_eq!(
            filtered(&["\x1b]11;rgb:ff", "ff/ffff/ffff\x1b", "\\", "j"]),
            keys("j")
        );
    }

    #[test]
    fn keys_typed_after_an_alt_bracket_are_given_back_in_order() {
        // A pause: what was held was typed.
        let mut input = InputFilter::default();
        let mut passed = Vec::new();
        for event in keys("\x1b]1j") {
            passed.extend(input.feed(event, false));
        }
        assert!(passed.is_empty() && input.holding());
        passed.extend(input.pause());
        assert_eq!(passed, keys("\x1b]1j"));
        assert!(!input.holding());
        // Something no reply holds: an arrow.
        let mut input = InputFilter::default();
        let down = TerminalEvent::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        let mut passed = Vec::new();
        for event in keys("\x1b]q").into_iter().chain([down.clone()]) {
            passed.extend(input.feed(event, false));
        }
        let mut expected = keys("\x1b]q");
        expected.push(down);
        assert_eq!(passed, expected);
    }

    #[test]
    fn a_string_too_long_for_typing_is_dropped_to_its_end() {
        let long = format!("\x1b]52;c;{}\x07j", "A".repeat(4 * MOST_HELD));
        assert_eq!(filtered(&[&long]), keys("j"));
    }

    #[test]
    fn escape_escape_q_is_escape_then_alt_q() {
        let alt_q = TerminalEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
        let escape = TerminalEvent::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(filtered(&["\x1b\x1bq"]), [escape.clone(), alt_q.clone()]);
        assert_eq!(filtered(&["\x1b", "\x1bq"]), [escape.clone(), alt_q]);
        // Esc, then a q typed after it: a plain q, as ever.
        let q = TerminalEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
        assert_eq!(filtered(&["\x1b", "q"]), [escape, q]);
    }

    #[test]
    fn a_backlog_comes_down_to_its_newest_job() {
        let (send, queue) = mpsc::channel();
        for job in 1..=5 {
            send.send(job).expect("queued");
        }
        assert_eq!(newest(&queue), Some(5));
        send.send(6).expect("queued");
        assert_eq!(newest(&queue), Some(6));
        drop(send);
        assert_eq!(newest(&queue), None);
    }

    #[test]
    fn a_search_backlog_keeps_the_newest_catalog_and_the_newest_query() {
        let catalog = Arc::new(Catalog::built_in().expect("the built-in dossier"));
        let (send, queue) = mpsc::channel();
        let job = |catalog: Option<Arc<Catalog>>, search: Option<&str>| SearchJob {
            catalog: catalog.map(|catalog| (catalog, Arc::default())),
            search: search.map(|query| (0, query.to_owned())),
        };
        send.send(job(None, Some("a"))).expect("queued");
        send.send(job(Some(Arc::clone(&catalog)), None))
            .expect("queued");
        send.send(job(None, Some("ab"))).expect("queued");
        let merged = newest_merged(&queue, SearchJob::merge).expect("a job");
        assert_eq!(merged.search, Some((0, "ab".to_owned())));
        assert!(
            merged
                .catalog
                .is_some_and(|(kept, _)| Arc::ptr_eq(&kept, &catalog))
        );
    }
}
