//! The follower's side: connect, check the greeting, then read frames on a thread.

use std::fs;
use std::io::{self, Read};
use std::net::Shutdown;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::text;

use super::protocol::{Frame, QUEUE, ShareError, VERSION, read_frame, read_payload_within};

/// How long a follower waits for the whole greeting: a live socket that never greets, or
/// greets a byte at a time, is not a presenter, and `follow` should say so rather than hang.
pub(super) const HELLO_WAIT: Duration = Duration::from_secs(10);

/// The largest greeting read: a hello is a few dozen bytes, even from a later version.
const MAX_HELLO_BYTES: u64 = 4 * 1024;

/// What the frames waiting for the viewer may hold, in bytes (see [`held`]): dozens of
/// ordinary dossiers, but not many of the largest, whatever their count. A count alone
/// let 64 frames of 129 MiB wait, 8 GiB. One frame waits whatever its size.
const QUEUED_BYTES: usize = 64 * 1024 * 1024;

/// The follower's side: frames from the presenter, read and checked on a thread.
///
/// After an error, [`Frame::End`] or [`Frame::Dropped`] nothing more arrives. Dropping it
/// disconnects.
#[derive(Debug)]
pub struct Follower {
    frames: Receiver<(Result<Frame, ShareError>, usize)>,
    queued: Arc<Queued>,
    stream: UnixStream,
}

/// The bytes the frames waiting hold, shared by the reading thread, which waits while
/// they are too many, and the follower, which takes frames off.
#[derive(Debug, Default)]
struct Queued {
    state: Mutex<QueuedState>,
    taken: Condvar,
}

#[derive(Debug, Default)]
struct QueuedState {
    bytes: usize,
    /// The follower was dropped: nobody will take frames off any more.
    closed: bool,
}

impl Queued {
    fn lock(&self) -> MutexGuard<'_, QueuedState> {
        // Every change is one assignment: a panic elsewhere leaves the count consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until `bytes` more fit, or nothing waits; false once the follower is gone.
    fn make_room(&self, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.closed && state.bytes > 0 && state.bytes.saturating_add(bytes) > QUEUED_BYTES {
            state = self
                .taken
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.bytes = state.bytes.saturating_add(bytes);
        !state.closed
    }

    fn took(&self, bytes: usize) {
        let mut state = self.lock();
        state.bytes = state.bytes.saturating_sub(bytes);
        self.taken.notify_all();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.taken.notify_all();
    }
}

/// About how many bytes a frame holds in memory: its strings, and for each of a
/// position's stops the `String` besides.
fn held(item: &Result<Frame, ShareError>) -> usize {
    const STRING: usize = std::mem::size_of::<String>() + 16;
    match item {
        Ok(Frame::Dossier { name, text }) => name.len() + text.len(),
        Ok(Frame::Position {
            briefing, stops, ..
        }) => {
            let ids = stops.iter().chain(briefing);
            ids.map(|id| id.len() + STRING).sum()
        }
        _ => STRING,
    }
}

fn is_socket(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|found| found.file_type().is_socket())
}

/// Connects to the presenter at `path` and checks its greeting; frames then arrive on
/// [`Follower::frames`]. The presenter closing without [`Frame::End`] arrives as
/// [`ShareError::PresenterGone`].
pub fn follow(path: &Path) -> Result<Follower, ShareError> {
    let stream = connect(path)?;
    let failed = |source| ShareError::Io {
        path: path.to_path_buf(),
        context: "cannot set up the connection",
        source,
    };
    greet(
        &mut Deadline {
            stream: &stream,
            at: Instant::now() + HELLO_WAIT,
        },
        "hello",
        VERSION,
    )?;
    stream.set_read_timeout(None).map_err(failed)?;
    let reading = stream.try_clone().map_err(failed)?;
    // Bounded, in frames and in bytes: a viewer that falls behind makes this thread wait,
    // which in turn lets the presenter drop us, instead of frames piling up in memory.
    let (sink, frames) = mpsc::sync_channel(QUEUE);
    let queued = Arc::new(Queued::default());
    let room = Arc::clone(&queued);
    thread::Builder::new()
        .name("share-follow".into())
        .spawn(move || read_loop(reading, &sink, &room))
        .map_err(failed)?;
    Ok(Follower {
        frames,
        queued,
        stream,
    })
}

/// Connects to a presenter's socket, saying plainly why not when nobody listens there.
pub(super) fn connect(path: &Path) -> Result<UnixStream, ShareError> {
    UnixStream::connect(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => ShareError::NotSharing {
            path: path.to_path_buf(),
            reason: "no such socket",
        },
        // Connecting to something that is not a socket is refused too: say which.
        io::ErrorKind::ConnectionRefused if !is_socket(path) => ShareError::NotSharing {
            path: path.to_path_buf(),
            reason: "it is not a socket",
        },
        io::ErrorKind::ConnectionRefused => ShareError::NotSharing {
            path: path.to_path_buf(),
            reason: "the socket is left over from a presentation that ended",
        },
        _ => ShareError::Io {
            path: path.to_path_buf(),
            context: "cannot connect",
            source,
        },
    })
}

/// Reads from a stream until a moment, however the bytes come: a timeout per read would
/// let a peer sending one byte every few seconds hold the reader for ever.
pub(super) struct Deadline<'a> {
    pub stream: &'a UnixStream,
    pub at: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let left = self.at.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buffer)
    }
}

/// Checks the first frame: a greeting of type `kind` in `ours`. Parsed leniently, type and
/// version only, so a peer of another version gets a clear "version" error even if its
/// greeting grew fields.
pub(super) fn greet(stream: &mut impl Read, kind: &str, ours: u32) -> Result<(), ShareError> {
    #[derive(Deserialize)]
    struct Greeting {
        #[serde(rename = "type")]
        kind: String,
        version: Option<u32>,
    }
    let text = match read_payload_within(stream, MAX_HELLO_BYTES) {
        Ok(Some(text)) => text,
        Ok(None) => return Err(ShareError::PresenterGone),
        Err(ShareError::Read(error))
            if matches!(
                error.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            return Err(ShareError::NoHello);
        }
        Err(error) => return Err(error),
    };
    match serde_json::from_str::<Greeting>(&text) {
        Ok(Greeting {
            kind: theirs_kind,
            version: Some(theirs),
        }) if theirs_kind == kind => {
            if theirs == ours {
                Ok(())
            } else {
                Err(ShareError::Version { theirs, ours })
            }
        }
        _ => Err(ShareError::NoHello),
    }
}

fn read_loop(
    mut stream: UnixStream,
    sink: &SyncSender<(Result<Frame, ShareError>, usize)>,
    queued: &Queued,
) {
    loop {
        let item = match read_frame(&mut stream) {
            Ok(Some(Frame::Hello { .. })) => Err(ShareError::Unexpected("hello")),
            Ok(Some(frame)) => Ok(frame),
            Ok(None) => Err(ShareError::PresenterGone),
            Err(error) => Err(error),
        };
        let last = !matches!(item, Ok(Frame::Dossier { .. } | Frame::Position { .. }));
        let bytes = held(&item);
        if !queued.make_room(bytes) || sink.send((item, bytes)).is_err() || last {
            return;
        }
    }
}

impl Follower {
    /// The next frame, waiting at most `timeout`. `None` on timeout, and once the stream
    /// has ended (after its last item).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Result<Frame, ShareError>> {
        let received = self.frames.recv_timeout(timeout).ok();
        self.taken(received)
    }

    /// The next frame if one has arrived.
    pub fn try_recv(&self) -> Option<Result<Frame, ShareError>> {
        let received = self.frames.try_recv().ok();
        self.taken(received)
    }

    fn taken(
        &self,
        received: Option<(Result<Frame, ShareError>, usize)>,
    ) -> Option<Result<Frame, ShareError>> {
        let (item, bytes) = received?;
        self.queued.took(bytes);
        Some(item)
    }
}

/// Blocks for each frame; ends after the last item (an error, `End` or `Dropped`).
impl Iterator for Follower {
    type Item = Result<Frame, ShareError>;

    fn next(&mut self) -> Option<Self::Item> {
        let received = self.frames.recv().ok();
        self.taken(received)
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        // Unblocks the reading thread, waiting for room or for the presenter, which then
        // ends.
        self.queued.close();
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// What a frame from the presenter asks of a follower. Every string in it is safe to
/// print: the presenter's text has passed through [`text::inline`].
#[derive(Debug)]
pub enum Cue {
    /// Show this position: the stops as ids (a briefing's own id first, standing for its
    /// title screen) and the stop on screen.
    Position {
        briefing: Option<String>,
        stops: Vec<String>,
        stop: usize,
    },
    /// Show this version of the dossier from now on.
    Dossier(Box<Catalog>),
    /// The presenter sent a dossier this follower cannot load: why, in one line.
    Unloadable(String),
    /// The presentation ended (`ended`), or the link to it did: why.
    Over { ended: bool, why: String },
    /// Nothing to show.
    Nothing,
}

/// Turns a frame (or the link's failure) into what the follower does. A dossier is
/// loaded here, so a caller on a worker thread keeps the load off the UI thread.
pub fn cue(frame: Result<Frame, ShareError>) -> Cue {
    let safe = |message: &str| text::inline(message).into_owned();
    match frame {
        Ok(Frame::Position {
            briefing,
            stops,
            stop,
            ..
        }) => Cue::Position {
            briefing,
            stops,
            stop,
        },
        Ok(Frame::Dossier { name, text }) => match Catalog::from_text(&name, &text) {
            Ok(catalog) => Cue::Dossier(Box::new(catalog)),
            // `FILE:LINE:COL: message`, without the excerpt and caret below it.
            Err(error) => {
                let message = error.to_string();
                let first = message.lines().next().unwrap_or_default();
                Cue::Unloadable(safe(&format!("the presenter's dossier: {first}")))
            }
        },
        Ok(Frame::End) => Cue::Over {
            ended: true,
            why: "the briefing has ended".to_owned(),
        },
        Ok(Frame::Dropped { reason }) => Cue::Over {
            ended: false,
            why: safe(&reason),
        },
        Ok(Frame::Hello { .. }) => Cue::Nothing,
        Err(error) => Cue::Over {
            ended: false,
            why: safe(&error.to_string()),
        },
    }
}
