//! Sharing a presentation with colleagues in other terminals: the transport between the
//! presenter (`dossier present … --share SOCKET`) and its followers (`dossier follow SOCKET`).
//!
//! The presenter does not send screens: it sends the dossier's text once and then where it
//! is, and each follower renders that itself at its own terminal size. That keeps frames
//! small, lets every follower use its own theme and width, and means the presenter's notes
//! can never leak: no frame has a field for them.
//!
//! The protocol is a stream of frames over a Unix socket, each a 4-byte big-endian length
//! followed by that many bytes of UTF-8 JSON ([`Frame`]). The server greets with
//! [`Frame::Hello`], which carries [`VERSION`]; a follower refuses any other version rather
//! than guess at a format it does not know.
//!
//! Followers never steer, and they never slow the presenter: [`Server::publish`] only
//! queues, each follower has its own writer thread and bounded queue, and a follower whose
//! queue fills is told it was [`Frame::Dropped`] and cut off.
//!
//! Everything a follower receives is checked ([`read_frame`]) before it is believed, but the
//! strings in a frame are data from another process: the caller makes them safe for the
//! terminal (see [`crate::text`]) before showing them, exactly as it does for a dossier file.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::net::Shutdown;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{SocketAddr, UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::load::MAX_FILE_BYTES;

/// The protocol spoken here. Raise it whenever a frame changes shape: followers refuse a
/// version they were not built for instead of misreading it.
pub const VERSION: u32 = 1;

/// The largest frame either side accepts. A dossier frame carries a whole file, so the
/// loader's own limit plus room for JSON's quoting; anything larger cannot be a dossier
/// the loader would accept, so it is refused before a byte of it is allocated.
pub const MAX_FRAME_BYTES: u64 = MAX_FILE_BYTES + 1024 * 1024;

// The length prefix is a u32, and `encode` relies on every accepted frame fitting it.
const _: () = assert!(MAX_FRAME_BYTES < u32::MAX as u64);

/// Frames queued for one follower before it counts as too far behind. Positions are tiny
/// and come at the pace of key presses, so 64 is many seconds of a presenter moving on
/// while the follower took nothing.
pub const QUEUE: usize = 64;

/// How long [`Server::end`] waits for followers to be sent [`Frame::End`]: enough for a
/// local socket, short enough that quitting never feels slow.
pub const END_GRACE: Duration = Duration::from_millis(200);

/// How long a write to a follower may make no progress at all before the follower is
/// given up. Only that follower's writer thread waits; without a limit a follower that
/// stopped reading would hold a thread and a socket for as long as the presenter runs.
const WRITE_STALL: Duration = Duration::from_secs(10);

/// How long a follower waits for the greeting: a live socket that never greets is not a
/// presenter, and `follow` should say so rather than hang.
const HELLO_WAIT: Duration = Duration::from_secs(10);

/// One message on the wire.
///
/// There is deliberately no frame for the presenter's notes, and none from follower to
/// presenter. Strings are carried as they are: escape them before display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Frame {
    /// The server's first frame, so a follower knows what it is talking to.
    Hello { version: u32 },
    /// The whole text of the dossier file being presented; the follower loads it with
    /// [`crate::Catalog::from_text`], the same loader the presenter used.
    Dossier { name: String, text: String },
    /// What is on the presenter's screen: stop `stop` of `stops` (item ids), scrolled by
    /// `scroll` lines. `stops` lists every screen of the sequence, so a briefing's title
    /// screen is an entry too (the presenter's convention: the briefing's own id first);
    /// `stop` is always an index into it.
    Position {
        briefing: Option<String>,
        stops: Vec<String>,
        stop: usize,
        scroll: u16,
    },
    /// The presenter ended the presentation; the follower says so and exits successfully.
    End,
    /// This follower fell too far behind and is being disconnected.
    Dropped { reason: String },
}

impl Frame {
    /// Which frame this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Frame::Hello { .. } => "hello",
            Frame::Dossier { .. } => "dossier",
            Frame::Position { .. } => "position",
            Frame::End => "end",
            Frame::Dropped { .. } => "dropped",
        }
    }

    /// The rules JSON cannot express; both sides apply them, so a presenter cannot send
    /// what its followers would refuse.
    fn check(&self) -> Result<(), ShareError> {
        match self {
            Frame::Position { stops, stop, .. } if *stop >= stops.len() => {
                Err(ShareError::StopOutOfRange {
                    stop: *stop,
                    stops: stops.len(),
                })
            }
            Frame::Dossier { text, .. } if text.len() as u64 > MAX_FILE_BYTES => {
                Err(ShareError::TooLarge {
                    size: text.len() as u64,
                    limit: MAX_FILE_BYTES,
                })
            }
            _ => Ok(()),
        }
    }
}

/// Everything that can go wrong sharing or following. Messages name the socket where there
/// is one; paths and peer text are not escaped here.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("{path}: cannot share here: {what} is already there; choose another path")]
    Occupied { path: PathBuf, what: &'static str },
    #[error("{path}: another presentation is already shared on this socket")]
    Live { path: PathBuf },
    #[error("{path}: {context}: {}", crate::load::describe_io_error(source))]
    Io {
        path: PathBuf,
        context: &'static str,
        source: io::Error,
    },
    #[error("{path}: nobody is sharing a presentation here ({reason})")]
    NotSharing { path: PathBuf, reason: &'static str },
    #[error("the presenter speaks share protocol version {theirs}; this dossier speaks {ours}")]
    Version { theirs: u32, ours: u32 },
    #[error("the other end is not a dossier presenter: it did not greet")]
    NoHello,
    #[error("a frame of {size} bytes is over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("a frame is not UTF-8 text")]
    NotUtf8,
    #[error("a frame is not a known message: {0}")]
    BadFrame(serde_json::Error),
    #[error("a {0} frame arrived where it makes no sense")]
    Unexpected(&'static str),
    #[error("the position's stop {stop} is outside its {stops} stops")]
    StopOutOfRange { stop: usize, stops: usize },
    #[error("a {0} frame cannot be published; the server sends it itself")]
    NotPublishable(&'static str),
    #[error("the presenter went away")]
    PresenterGone,
    #[error("the presenter went away in the middle of a frame")]
    Truncated,
    #[error("reading from the presenter: {0}")]
    Read(io::Error),
}

/// Writes one frame: the length, then the JSON.
pub fn write_frame(out: &mut impl Write, frame: &Frame) -> Result<(), ShareError> {
    let bytes = encode(frame)?;
    out.write_all(&bytes).map_err(ShareError::Read)
}

/// Reads and checks one frame. `Ok(None)` is the peer closing the stream between frames.
///
/// The length is checked before anything is allocated, and the buffer grows only as bytes
/// actually arrive, so a peer announcing a huge frame and sending little costs little.
pub fn read_frame(input: &mut impl Read) -> Result<Option<Frame>, ShareError> {
    match read_payload(input)? {
        None => Ok(None),
        Some(text) => parse(&text).map(Some),
    }
}

fn read_payload(input: &mut impl Read) -> Result<Option<String>, ShareError> {
    let mut header = [0u8; 4];
    let mut filled = 0;
    while filled < header.len() {
        match input.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(ShareError::Truncated),
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(ShareError::Read(error)),
        }
    }
    let size = u64::from(u32::from_be_bytes(header));
    if size > MAX_FRAME_BYTES {
        return Err(ShareError::TooLarge {
            size,
            limit: MAX_FRAME_BYTES,
        });
    }
    let mut payload = Vec::with_capacity(size.min(64 * 1024) as usize);
    input
        .take(size)
        .read_to_end(&mut payload)
        .map_err(ShareError::Read)?;
    if (payload.len() as u64) < size {
        return Err(ShareError::Truncated);
    }
    String::from_utf8(payload)
        .map(Some)
        .map_err(|_| ShareError::NotUtf8)
}

fn parse(text: &str) -> Result<Frame, ShareError> {
    let frame: Frame = serde_json::from_str(text).map_err(ShareError::BadFrame)?;
    frame.check()?;
    Ok(frame)
}

/// The frame with its length in front, ready to be written as many times as needed.
fn encode(frame: &Frame) -> Result<Vec<u8>, ShareError> {
    frame.check()?;
    let mut bytes = vec![0u8; 4];
    serde_json::to_writer(&mut bytes, frame).map_err(ShareError::BadFrame)?;
    let size = (bytes.len() - 4) as u64;
    if size > MAX_FRAME_BYTES {
        return Err(ShareError::TooLarge {
            size,
            limit: MAX_FRAME_BYTES,
        });
    }
    // Fits: checked against MAX_FRAME_BYTES above, which is below u32::MAX.
    bytes[..4].copy_from_slice(&(size as u32).to_be_bytes());
    Ok(bytes)
}

/// The presenter's side: a listening socket and the followers connected to it.
///
/// Dropping it disconnects every follower (they see "the presenter went away") and removes
/// the socket file; [`Server::end`] says goodbye first.
pub struct Server {
    path: PathBuf,
    /// The socket file's device and inode, so only our own socket is ever removed: a
    /// presenter that outlived its socket file must not delete someone else's.
    identity: (u64, u64),
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled whenever a connection's writer is done, for [`Server::end`] to wait on.
    gone: Condvar,
}

#[derive(Default)]
struct State {
    connections: HashMap<u64, Connection>,
    next_id: u64,
    /// The last dossier and position, already encoded, for followers who join late.
    dossier: Option<Arc<[u8]>>,
    position: Option<Arc<[u8]>>,
    /// Set by [`Server::end`]: a follower joining after that is greeted and told it ended.
    end: Option<Arc<[u8]>>,
}

/// One follower's connection, kept until its writer thread is done with it.
struct Connection {
    /// `None` once the follower is dropped, gone or the server ends: the writer sees the
    /// queue close and stops.
    queue: Option<SyncSender<Arc<[u8]>>>,
    /// Set when the queue overflowed, so the writer says `Dropped` instead of carrying on.
    dropped: Arc<AtomicBool>,
    /// To cut the connection from outside its threads.
    stream: UnixStream,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic on another thread leaves the state consistent (every change is one
        // assignment), so carrying on beats propagating the panic into the presenter.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    /// Queues `frame` for every follower without waiting for any of them.
    fn send_all(&mut self, frame: &Arc<[u8]>) {
        for connection in self.connections.values_mut() {
            let Some(queue) = &connection.queue else {
                continue;
            };
            match queue.try_send(Arc::clone(frame)) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    connection.dropped.store(true, Ordering::SeqCst);
                    connection.queue = None;
                }
                Err(TrySendError::Disconnected(_)) => connection.queue = None,
            }
        }
    }
}

impl Server {
    /// Listens on a new socket at `path`, which only its owner can use when `mode` is 0o600.
    ///
    /// Nothing that exists at `path` is replaced, except a stale socket (one nobody
    /// listens on, left by a presenter that was killed): replacing a file or a directory
    /// would destroy someone's data, and replacing a live socket would hijack someone's
    /// presentation.
    ///
    /// The socket never exists at `path` with a wider mode than `mode`, even for a moment:
    /// it is bound in a new private directory next to `path`, given its mode there, and
    /// then hard-linked into place. Linking also fails if something appeared at `path`
    /// meanwhile, where a rename would replace it. A umask would do the first part too,
    /// but it is per process, and changing it would race with files other threads create.
    pub fn bind(path: &Path, mode: u32) -> Result<Server, ShareError> {
        let failed = |context: &'static str| {
            let path = path.to_path_buf();
            move |source| ShareError::Io {
                path,
                context,
                source,
            }
        };
        SocketAddr::from_pathname(path).map_err(failed("not usable as a socket path"))?;
        clear_stale(path)?;
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let private = tempfile::Builder::new()
            .prefix(".dossier")
            .tempdir_in(parent)
            .map_err(failed(
                "cannot create a private directory next to the socket",
            ))?;
        fs::set_permissions(private.path(), fs::Permissions::from_mode(0o700))
            .map_err(failed("cannot make the private directory private"))?;
        let bound = private.path().join("s");
        let listener = UnixListener::bind(&bound).map_err(failed("cannot create the socket"))?;
        fs::set_permissions(&bound, fs::Permissions::from_mode(mode))
            .map_err(failed("cannot set the socket's mode"))?;
        let metadata = fs::symlink_metadata(&bound).map_err(failed("cannot see the new socket"))?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            gone: Condvar::new(),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let hello: Arc<[u8]> = encode(&Frame::Hello { version: VERSION })?.into();
        let accepting = Arc::clone(&shared);
        let stopping = Arc::clone(&stop);
        thread::Builder::new()
            .name("share-accept".into())
            .spawn(move || accept_loop(&listener, &accepting, &stopping, &hello))
            .map_err(failed("cannot start the thread accepting followers"))?;
        // Last, so nothing can fail once the socket is at `path`: a failed bind leaves
        // nothing behind.
        if let Err(source) = fs::hard_link(&bound, path) {
            stop.store(true, Ordering::SeqCst);
            let _ = UnixStream::connect(&bound);
            return Err(if source.kind() == io::ErrorKind::AlreadyExists {
                ShareError::Occupied {
                    path: path.to_path_buf(),
                    what: "something created meanwhile",
                }
            } else {
                failed("cannot put the socket in place")(source)
            });
        }
        // The private directory and its link go; the socket stays reachable at `path`.
        drop(private);
        Ok(Server {
            path: path.to_path_buf(),
            identity: (metadata.dev(), metadata.ino()),
            shared,
            stop,
            closed: false,
        })
    }

    /// Followers connected and not dropped.
    pub fn followers(&self) -> usize {
        let state = self.shared.lock();
        state
            .connections
            .values()
            .filter(|connection| connection.queue.is_some())
            .count()
    }

    /// Sends a [`Frame::Dossier`] or [`Frame::Position`] to every follower, and remembers
    /// it for followers who join later. Never waits for a follower: one too far behind is
    /// dropped instead.
    ///
    /// Errors are the presenter's own mistakes (a frame followers would refuse), never a
    /// follower's trouble.
    pub fn publish(&self, frame: &Frame) -> Result<(), ShareError> {
        match frame {
            Frame::Dossier { .. } | Frame::Position { .. } => {}
            other => return Err(ShareError::NotPublishable(other.kind())),
        }
        // Encoded once, outside the lock, and shared by every follower's queue.
        let bytes: Arc<[u8]> = encode(frame)?.into();
        let mut state = self.shared.lock();
        match frame {
            Frame::Dossier { .. } => state.dossier = Some(Arc::clone(&bytes)),
            _ => state.position = Some(Arc::clone(&bytes)),
        }
        state.send_all(&bytes);
        Ok(())
    }

    /// Tells every follower the presentation ended, gives them up to [`END_GRACE`] to be
    /// sent it, then disconnects them and removes the socket file.
    pub fn end(mut self) {
        if let Ok(end) = encode(&Frame::End) {
            let end: Arc<[u8]> = end.into();
            let mut state = self.shared.lock();
            state.send_all(&end);
            state.end = Some(end);
            // Closing the queues lets each writer finish what is queued, End last, and stop.
            for connection in state.connections.values_mut() {
                connection.queue = None;
            }
            let deadline = Instant::now() + END_GRACE;
            while !state.connections.is_empty() {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                state = self
                    .shared
                    .gone
                    .wait_timeout(state, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        self.close();
    }

    fn close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        self.stop.store(true, Ordering::SeqCst);
        let ours = fs::symlink_metadata(&self.path)
            .is_ok_and(|metadata| (metadata.dev(), metadata.ino()) == self.identity);
        // Wakes the accept thread so it sees `stop`. If someone else removed the socket
        // file, there is no way in and the thread waits, idle, until the process exits.
        if ours {
            let _ = UnixStream::connect(&self.path);
        }
        {
            let mut state = self.shared.lock();
            for connection in state.connections.values_mut() {
                connection.queue = None;
                let _ = connection.stream.shutdown(Shutdown::Both);
            }
        }
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.close();
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("path", &self.path)
            .field("followers", &self.followers())
            .finish()
    }
}

/// Makes `path` free for a new socket if what is there is a stale socket; refuses anything
/// else, touching nothing.
fn clear_stale(path: &Path) -> Result<(), ShareError> {
    let failed = |context: &'static str| {
        move |source| ShareError::Io {
            path: path.to_path_buf(),
            context,
            source,
        }
    };
    let metadata = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other.map_err(failed("cannot see what is there"))?,
    };
    let kind = metadata.file_type();
    if !kind.is_socket() {
        let what = if kind.is_dir() {
            "a directory"
        } else if kind.is_file() {
            "a file"
        } else if kind.is_symlink() {
            "a symbolic link"
        } else {
            "something that is not a socket"
        };
        return Err(ShareError::Occupied {
            path: path.to_path_buf(),
            what,
        });
    }
    match UnixStream::connect(path) {
        Ok(_) => Err(ShareError::Live {
            path: path.to_path_buf(),
        }),
        Err(error) if error.kind() == io::ErrorKind::ConnectionRefused => {
            match fs::remove_file(path) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => {
                    Err(failed("cannot remove the stale socket")(error))
                }
                _ => Ok(()),
            }
        }
        Err(error) => Err(failed("cannot tell whether the socket there is in use")(
            error,
        )),
    }
}

fn accept_loop(
    listener: &UnixListener,
    shared: &Arc<Shared>,
    stop: &AtomicBool,
    hello: &Arc<[u8]>,
) {
    loop {
        let accepted = listener.accept();
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match accepted {
            Ok((stream, _)) => {
                let _ = admit(stream, shared, hello);
            }
            // Out of file descriptors and the like: pause rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Registers a new follower with the greeting and the current state already queued, under
/// the same lock as [`Server::publish`], so it misses nothing and gets nothing twice.
fn admit(stream: UnixStream, shared: &Arc<Shared>, hello: &Arc<[u8]>) -> io::Result<()> {
    let writing = stream.try_clone()?;
    let watching = stream.try_clone()?;
    writing.set_write_timeout(Some(WRITE_STALL))?;
    let (queue, frames) = mpsc::sync_channel::<Arc<[u8]>>(QUEUE);
    let dropped = Arc::new(AtomicBool::new(false));
    let mut state = shared.lock();
    let id = state.next_id;
    state.next_id += 1;
    // At most four frames into an empty queue of QUEUE: these cannot fail.
    let _ = queue.try_send(Arc::clone(hello));
    if let Some(end) = &state.end {
        let _ = queue.try_send(Arc::clone(end));
    } else {
        for frame in [&state.dossier, &state.position].into_iter().flatten() {
            let _ = queue.try_send(Arc::clone(frame));
        }
    }
    let open = state.end.is_none();
    state.connections.insert(
        id,
        Connection {
            queue: open.then_some(queue),
            dropped: Arc::clone(&dropped),
            stream,
        },
    );
    drop(state);
    let writer = Arc::clone(shared);
    let spawned = thread::Builder::new()
        .name("share-writer".into())
        .spawn(move || write_loop(id, &writing, &frames, &dropped, &writer));
    if let Err(error) = spawned {
        forget(shared, id);
        return Err(error);
    }
    let watcher = Arc::clone(shared);
    // Without it a follower that left would count until the next publish fails to reach it.
    let _ = thread::Builder::new()
        .name("share-watch".into())
        .spawn(move || watch_loop(id, watching, &watcher));
    Ok(())
}

fn write_loop(
    id: u64,
    mut stream: &UnixStream,
    frames: &Receiver<Arc<[u8]>>,
    dropped: &AtomicBool,
    shared: &Shared,
) {
    let mut whole = true;
    while let Ok(frame) = frames.recv() {
        if dropped.load(Ordering::SeqCst) {
            break;
        }
        if stream.write_all(&frame).is_err() {
            whole = false;
            break;
        }
    }
    // Only between frames: after a failed write the stream is mid-frame, and anything more
    // would be read as garbage.
    if whole && dropped.load(Ordering::SeqCst) {
        let reason = format!("fell more than {QUEUE} updates behind the presenter");
        if let Ok(bytes) = encode(&Frame::Dropped { reason }) {
            let _ = stream.write_all(&bytes);
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
    forget(shared, id);
}

/// Followers send nothing; a read returning is the follower leaving (or misbehaving).
fn watch_loop(id: u64, mut stream: UnixStream, shared: &Shared) {
    let mut ignored = [0u8; 256];
    loop {
        match stream.read(&mut ignored) {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let mut state = shared.lock();
    if let Some(connection) = state.connections.get_mut(&id) {
        connection.queue = None;
        let _ = connection.stream.shutdown(Shutdown::Both);
    }
}

fn forget(shared: &Shared, id: u64) {
    shared.lock().connections.remove(&id);
    shared.gone.notify_all();
}

/// The follower's side: frames from the presenter, read and checked on a thread.
///
/// After an error, [`Frame::End`] or [`Frame::Dropped`] nothing more arrives. Dropping it
/// disconnects.
#[derive(Debug)]
pub struct Follower {
    frames: Receiver<Result<Frame, ShareError>>,
    stream: UnixStream,
}

fn is_socket(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|found| found.file_type().is_socket())
}

/// Connects to the presenter at `path` and checks its greeting; frames then arrive on
/// [`Follower::frames`]. The presenter closing without [`Frame::End`] arrives as
/// [`ShareError::PresenterGone`].
pub fn follow(path: &Path) -> Result<Follower, ShareError> {
    let mut stream = UnixStream::connect(path).map_err(|source| match source.kind() {
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
    })?;
    let failed = |source| ShareError::Io {
        path: path.to_path_buf(),
        context: "cannot set up the connection",
        source,
    };
    stream.set_read_timeout(Some(HELLO_WAIT)).map_err(failed)?;
    greet(&mut stream)?;
    stream.set_read_timeout(None).map_err(failed)?;
    let reading = stream.try_clone().map_err(failed)?;
    // Bounded too: a viewer that falls behind makes this thread wait, which in turn lets
    // the presenter drop us, instead of frames piling up in memory.
    let (sink, frames) = mpsc::sync_channel(QUEUE);
    thread::Builder::new()
        .name("share-follow".into())
        .spawn(move || read_loop(reading, &sink))
        .map_err(failed)?;
    Ok(Follower { frames, stream })
}

/// Checks the first frame. Parsed leniently, type and version only, so a presenter of
/// another version gets a clear "version" error even if its greeting grew fields.
fn greet(stream: &mut UnixStream) -> Result<(), ShareError> {
    #[derive(Deserialize)]
    struct Greeting {
        #[serde(rename = "type")]
        kind: String,
        version: Option<u32>,
    }
    let text = match read_payload(stream) {
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
            kind,
            version: Some(theirs),
        }) if kind == "hello" => {
            if theirs == VERSION {
                Ok(())
            } else {
                Err(ShareError::Version {
                    theirs,
                    ours: VERSION,
                })
            }
        }
        _ => Err(ShareError::NoHello),
    }
}

fn read_loop(mut stream: UnixStream, sink: &SyncSender<Result<Frame, ShareError>>) {
    loop {
        let item = match read_frame(&mut stream) {
            Ok(Some(Frame::Hello { .. })) => Err(ShareError::Unexpected("hello")),
            Ok(Some(frame)) => Ok(frame),
            Ok(None) => Err(ShareError::PresenterGone),
            Err(error) => Err(error),
        };
        let last = !matches!(item, Ok(Frame::Dossier { .. } | Frame::Position { .. }));
        if sink.send(item).is_err() || last {
            return;
        }
    }
}

impl Follower {
    /// The frames, for an event loop that selects on them (`recv_timeout`, `try_iter`).
    pub fn frames(&self) -> &Receiver<Result<Frame, ShareError>> {
        &self.frames
    }

    /// The next frame, waiting at most `timeout`. `None` on timeout, and once the stream
    /// has ended (after its last item).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Result<Frame, ShareError>> {
        self.frames.recv_timeout(timeout).ok()
    }

    /// The next frame if one has arrived.
    pub fn try_recv(&self) -> Option<Result<Frame, ShareError>> {
        self.frames.try_recv().ok()
    }
}

/// Blocks for each frame; ends after the last item (an error, `End` or `Dropped`).
impl Iterator for Follower {
    type Item = Result<Frame, ShareError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.frames.recv().ok()
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        // Unblocks the reading thread, which then ends.
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_that_ends_inside_the_length_is_truncated() {
        let mut input = io::Cursor::new(vec![0, 0]);
        assert!(matches!(read_frame(&mut input), Err(ShareError::Truncated)));
        assert!(matches!(read_frame(&mut io::empty()), Ok(None)));
    }

    #[test]
    fn there_is_no_frame_for_notes() {
        let json =
            r#"{"type":"position","briefing":null,"stops":["a"],"stop":0,"scroll":0,"notes":"x"}"#;
        // Unknown fields are ignored, never carried: the frame has nowhere to keep them.
        let frame = parse(json).expect("a position");
        assert!(
            !serde_json::to_string(&frame)
                .expect("json")
                .contains("notes")
        );
    }
}
