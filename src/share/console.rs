//! The presenter's console: a second channel, for the presenter alone, that carries what
//! followers must never get — the notes — and the one thing they must never do: steer.
//!
//! It is not the followers' channel with more frames. It has a socket of its own,
//! [`console_path`] (`SOCKET.console` beside the followers' `SOCKET`), always mode 0600
//! whatever `--share-mode` says, and its own frames ([`ConsoleFrame`]), which the
//! followers' [`Frame`](super::Frame) cannot express. On top of the socket's mode, each
//! side checks that the other runs as the same user (`SO_PEERCRED`): the presenter lets in
//! only its own user's consoles, and a console steers only its own user's presenter, even
//! in a directory others can write to.
//!
//! A console speaks first: it greets with [`ConsoleFrame::ConsoleHello`], and only then
//! does the presenter greet back and send its state. A follower sends nothing, so even a
//! `dossier follow` pointed at the console's socket by mistake hears nothing, notes least
//! of all, and gives up.

use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::follower::{Deadline, HELLO_WAIT, connect, greet};
use super::protocol::{MAX_FRAME_BYTES, ShareError, Wire, encode, parse, read_payload_within};
use super::server::{Channel, Encoded, Listen, Server};

/// The console protocol spoken here; raise it whenever a console frame changes shape.
pub const CONSOLE_VERSION: u32 = 1;

/// The largest frame a presenter reads from a console: a greeting or a steer is a few
/// dozen bytes, and a console must not make the presenter hold more.
const MAX_CONSOLE_SEND: u64 = 4 * 1024;

/// Steers queued for the presenter's loop before a console's reader waits: keys come at
/// the pace of a hand.
const STEERS: usize = 16;

/// How long the presenter waits for a console's greeting, which it writes as soon as it
/// connects: less than a follower waits for the presenter's, so that a follower pointed at
/// this socket is cut off rather than left to wonder.
const CONSOLE_GREETING: Duration = Duration::from_secs(5);

/// How long a console may take to write a steer before it gives up on the presenter.
const STEER_STALL: Duration = Duration::from_secs(2);

/// Where the console's socket is for a presentation shared on `socket`.
pub fn console_path(socket: &Path) -> PathBuf {
    let mut path = socket.as_os_str().to_owned();
    path.push(".console");
    PathBuf::from(path)
}

/// A move of the presentation, asked for by the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Steer {
    Next,
    Prev,
    First,
    Last,
}

/// What the presenter's console shows. Strings are carried as they are: escape them
/// before display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleState {
    /// The briefing's title, or the dossier's name for items presented in order.
    pub title: String,
    /// The stop on screen: its title.
    pub stop: String,
    /// Where the presentation is, as its footer says it: `3/6`, or `6 stops` on a
    /// briefing's title screen.
    pub counter: String,
    /// The next stop's title; `None` on the last.
    pub next: Option<String>,
    /// The briefing's notes for the presenter, one paragraph each.
    pub notes: Vec<String>,
    /// When the presentation started, in seconds since the Unix epoch: both ends are on
    /// one machine, so a console that joins late counts from the same moment.
    pub started_at: u64,
    /// Why the presenter's file is not what is shown: a broken save (`FILE:LINE:COL:
    /// message`); the last good version stays.
    pub banner: Option<String>,
}

/// One message on the console's channel.
///
/// `end` and `dropped` are spelled as the followers' frames spell them, so the server that
/// serves both channels says goodbye the same way on each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConsoleFrame {
    /// Each side's greeting: the console's first, then the presenter's.
    ConsoleHello { version: u32 },
    /// Presenter to console: what to show.
    State(ConsoleState),
    /// Console to presenter: move the presentation.
    Steer { to: Steer },
    /// The presentation ended.
    End,
    /// This console fell too far behind and is being disconnected.
    Dropped { reason: String },
}

impl Wire for ConsoleFrame {
    fn check(&self) -> Result<(), ShareError> {
        Ok(())
    }
}

impl ConsoleFrame {
    fn kind(&self) -> &'static str {
        match self {
            ConsoleFrame::ConsoleHello { .. } => "console hello",
            ConsoleFrame::State(_) => "state",
            ConsoleFrame::Steer { .. } => "steer",
            ConsoleFrame::End => "end",
            ConsoleFrame::Dropped { .. } => "dropped",
        }
    }
}

/// Whether the process at the other end of `stream` runs as this one's user.
fn same_user(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .is_ok_and(|peer| peer.uid == rustix::process::geteuid())
}

/// The presenter's side of the console's channel.
pub struct ConsoleServer {
    server: Server,
}

/// The presenter's rule for consoles: its own user only, greeting first, then steers.
struct Consoles {
    steers: SyncSender<Steer>,
}

impl Listen for Consoles {
    fn welcome(&self, stream: &UnixStream) -> bool {
        if !same_user(stream) {
            return false;
        }
        let mut reading = Deadline {
            stream,
            at: Instant::now() + CONSOLE_GREETING,
        };
        let greeted = greet(&mut reading, "console_hello", CONSOLE_VERSION);
        let _ = stream.set_read_timeout(None);
        match greeted {
            Ok(()) => true,
            // A console of another version is told ours, so that it can say so.
            Err(ShareError::Version { .. }) => {
                if let Ok(bytes) = hello() {
                    let mut writing = stream;
                    let _ = writing.write_all(&bytes);
                }
                false
            }
            Err(_) => false,
        }
    }

    fn listen(&self, mut stream: &UnixStream) {
        loop {
            let frame = match read_payload_within(&mut stream, MAX_CONSOLE_SEND) {
                Ok(Some(text)) => parse::<ConsoleFrame>(&text),
                Ok(None) | Err(_) => return,
            };
            match frame {
                Ok(ConsoleFrame::Steer { to }) => {
                    if self.steers.send(to).is_err() {
                        return;
                    }
                }
                // Anything else from a console breaks the protocol: it is cut off.
                _ => return,
            }
        }
    }
}

fn hello() -> Result<Vec<u8>, ShareError> {
    encode(&ConsoleFrame::ConsoleHello {
        version: CONSOLE_VERSION,
    })
}

impl ConsoleServer {
    /// Listens for consoles at [`console_path`]`(socket)`, owner only (mode 0600), with the
    /// same care as the followers' socket ([`Server::bind`]): nothing but a stale socket is
    /// replaced, and the socket is removed when the server ends or is dropped. Steers
    /// arrive on the receiver, in order.
    pub fn bind(socket: &Path) -> Result<(ConsoleServer, Receiver<Steer>), ShareError> {
        let (steers, steered) = mpsc::sync_channel(STEERS);
        let channel = Channel {
            hello: hello()?.into(),
            listen: Box::new(Consoles { steers }),
        };
        let server = Server::bind_channel(&console_path(socket), 0o600, channel)?;
        Ok((ConsoleServer { server }, steered))
    }

    /// Sends every console the presenter's state, and keeps it for consoles that join
    /// later. Never waits for a console: one too far behind is dropped.
    pub fn publish(&self, state: ConsoleState) -> Result<(), ShareError> {
        let bytes = encode(&ConsoleFrame::State(state))?;
        self.server.publish_encoded(&Encoded::state(bytes));
        Ok(())
    }

    /// Tells every console the presentation ended, and removes the socket.
    pub fn end(self) {
        self.server.end();
    }
}

/// The console's side: the presenter's states arrive on a thread; steers go straight out.
/// Dropping it disconnects.
#[derive(Debug)]
pub struct ConsoleLink {
    frames: Receiver<Result<ConsoleFrame, ShareError>>,
    stream: UnixStream,
}

/// Connects to the console's socket of the presentation shared on `socket`: checks that
/// its presenter runs as this user, greets, and checks the greeting back.
pub fn console(socket: &Path) -> Result<ConsoleLink, ShareError> {
    let path = console_path(socket);
    let stream = connect(&path)?;
    let failed = |context: &'static str| {
        let path = path.clone();
        move |source| ShareError::Io {
            path,
            context,
            source,
        }
    };
    if !same_user(&stream) {
        return Err(ShareError::NotYours { path });
    }
    stream
        .set_write_timeout(Some(STEER_STALL))
        .map_err(failed("cannot set up the connection"))?;
    let mut writing = &stream;
    writing
        .write_all(&hello()?)
        .map_err(failed("cannot greet the presenter"))?;
    let mut reading = Deadline {
        stream: &stream,
        at: Instant::now() + HELLO_WAIT,
    };
    greet(&mut reading, "console_hello", CONSOLE_VERSION).map_err(|error| match error {
        // Someone listens, but not a presenter's console (or one that refused us).
        ShareError::PresenterGone => ShareError::NoHello,
        other => other,
    })?;
    stream
        .set_read_timeout(None)
        .map_err(failed("cannot set up the connection"))?;
    let mut reader = stream
        .try_clone()
        .map_err(failed("cannot set up the connection"))?;
    let (sink, frames) = mpsc::sync_channel(super::QUEUE);
    thread::Builder::new()
        .name("share-console".into())
        .spawn(move || {
            loop {
                let item = match read_payload_within(&mut reader, MAX_FRAME_BYTES) {
                    Ok(Some(text)) => parse::<ConsoleFrame>(&text).and_then(|frame| match frame {
                        ConsoleFrame::State(_)
                        | ConsoleFrame::End
                        | ConsoleFrame::Dropped { .. } => Ok(frame),
                        other => Err(ShareError::Unexpected(other.kind())),
                    }),
                    Ok(None) => Err(ShareError::PresenterGone),
                    Err(error) => Err(error),
                };
                let last = !matches!(item, Ok(ConsoleFrame::State(_)));
                if sink.send(item).is_err() || last {
                    return;
                }
            }
        })
        .map_err(failed("cannot set up the connection"))?;
    Ok(ConsoleLink { frames, stream })
}

impl ConsoleLink {
    /// The next frame, waiting at most `timeout`; `None` on timeout and once the link
    /// has ended (after its last item: an error, `End` or `Dropped`).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Result<ConsoleFrame, ShareError>> {
        self.frames.recv_timeout(timeout).ok()
    }

    /// A second handle on the connection, for a thread that only steers.
    pub fn steering(&self) -> io::Result<ConsoleSteering> {
        Ok(ConsoleSteering {
            stream: self.stream.try_clone()?,
        })
    }
}

impl Drop for ConsoleLink {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// Blocks for each frame; ends after the last item.
impl Iterator for ConsoleLink {
    type Item = Result<ConsoleFrame, ShareError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.frames.recv().ok()
    }
}

/// Steers a presentation over a console's connection, from the thread that has the keys.
#[derive(Debug)]
pub struct ConsoleSteering {
    stream: UnixStream,
}

impl ConsoleSteering {
    /// Asks the presenter to move.
    pub fn steer(&self, to: Steer) -> Result<(), ShareError> {
        let bytes = encode(&ConsoleFrame::Steer { to })?;
        let mut writing = &self.stream;
        writing.write_all(&bytes).map_err(ShareError::Read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::Frame;

    #[test]
    fn the_console_says_goodbye_as_followers_hear_it() {
        let end = encode(&Frame::End).expect("end");
        let text = std::str::from_utf8(end.get(4..).expect("a payload")).expect("utf-8");
        assert_eq!(
            parse::<ConsoleFrame>(text).expect("parses"),
            ConsoleFrame::End
        );
        let dropped = encode(&Frame::Dropped {
            reason: "slow".to_owned(),
        })
        .expect("dropped");
        let text = std::str::from_utf8(dropped.get(4..).expect("a payload")).expect("utf-8");
        assert!(matches!(
            parse::<ConsoleFrame>(text),
            Ok(ConsoleFrame::Dropped { .. })
        ));
    }

    #[test]
    fn a_steer_is_no_frame_of_the_followers() {
        let steer = encode(&ConsoleFrame::Steer { to: Steer::Next }).expect("steer");
        let text = std::str::from_utf8(steer.get(4..).expect("a payload")).expect("utf-8");
        assert!(parse::<Frame>(text).is_err());
    }

    #[test]
    fn the_console_socket_sits_beside_the_followers() {
        assert_eq!(
            console_path(Path::new("/tmp/briefing.sock")),
            Path::new("/tmp/briefing.sock.console")
        );
    }
}
