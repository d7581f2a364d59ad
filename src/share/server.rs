//! The presenter's side: a socket, and a writer thread and bounded queue per client.
//!
//! Two channels are served this way: the followers' socket and the presenter's console's
//! (see `console`). They differ in their greeting and in what a client may send
//! ([`Listen`]): a follower nothing at all, a console its greeting and then steering.

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

use super::protocol::{Frame, QUEUE, ShareError, VERSION, encode};

/// How long [`Server::end`] waits for followers to be sent [`Frame::End`]: enough for a
/// local socket, short enough that quitting never feels slow.
pub(super) const END_GRACE: Duration = Duration::from_millis(200);

/// How long a write to a follower may make no progress at all before the follower is
/// given up. Only that follower's writer thread waits; without a limit a follower that
/// stopped reading would hold a thread and a socket for as long as the presenter runs.
const WRITE_STALL: Duration = Duration::from_secs(10);

/// A frame followers can be sent, encoded once and shared by every follower's queue.
/// Encoding a big dossier takes tens of milliseconds: a presenter does it on a worker
/// thread and publishes the bytes.
#[derive(Debug, Clone)]
pub struct Encoded {
    dossier: bool,
    bytes: Arc<[u8]>,
}

impl Encoded {
    /// Bytes of another channel's frame that stands for where the presentation is: kept
    /// for clients who join late, as a position is.
    pub(super) fn state(bytes: Vec<u8>) -> Encoded {
        Encoded {
            dossier: false,
            bytes: bytes.into(),
        }
    }

    /// A [`Frame::Dossier`] or [`Frame::Position`]; the server sends the others itself.
    pub fn new(frame: &Frame) -> Result<Encoded, ShareError> {
        let dossier = match frame {
            Frame::Dossier { .. } => true,
            Frame::Position { .. } => false,
            other => return Err(ShareError::NotPublishable(other.kind())),
        };
        Ok(Encoded {
            dossier,
            bytes: encode(frame)?.into(),
        })
    }
}

/// What a channel does with its clients, besides sending them frames.
pub(super) trait Listen: Send + Sync + 'static {
    /// Whether to let this client in; runs before it is sent anything.
    fn welcome(&self, stream: &UnixStream) -> bool;
    /// Reads what the client sends until it leaves or breaks the channel's rules; the
    /// client is then cut off.
    fn listen(&self, stream: &UnixStream);
}

/// The followers' rule: they send nothing. A read returning is the follower leaving, or
/// breaking the protocol by sending something, and either way it is dropped. (Reading on
/// and ignoring what a follower streams would keep a thread busy for as long as it
/// streams.)
struct Silent;

impl Listen for Silent {
    fn welcome(&self, _: &UnixStream) -> bool {
        true
    }

    fn listen(&self, mut stream: &UnixStream) {
        let mut ignored = [0u8; 1];
        loop {
            match stream.read(&mut ignored) {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Ok(_) | Err(_) => return,
            }
        }
    }
}

/// A channel: its greeting, and its rule for clients.
pub(super) struct Channel {
    pub hello: Arc<[u8]>,
    pub listen: Box<dyn Listen>,
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
        let channel = Channel {
            hello: encode(&Frame::Hello { version: VERSION })?.into(),
            listen: Box::new(Silent),
        };
        Server::bind_channel(path, mode, channel)
    }

    /// [`Server::bind`] for either channel.
    pub(super) fn bind_channel(
        path: &Path,
        mode: u32,
        channel: Channel,
    ) -> Result<Server, ShareError> {
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
        let channel = Arc::new(channel);
        let accepting = Arc::clone(&shared);
        let stopping = Arc::clone(&stop);
        thread::Builder::new()
            .name("share-accept".into())
            .spawn(move || accept_loop(&listener, &accepting, &stopping, &channel))
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
        self.publish_encoded(&Encoded::new(frame)?);
        Ok(())
    }

    /// [`Server::publish`] for a frame encoded already, perhaps on another thread.
    pub fn publish_encoded(&self, frame: &Encoded) {
        let mut state = self.shared.lock();
        if frame.dossier {
            state.dossier = Some(Arc::clone(&frame.bytes));
        } else {
            state.position = Some(Arc::clone(&frame.bytes));
        }
        state.send_all(&frame.bytes);
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
    channel: &Arc<Channel>,
) {
    loop {
        let accepted = listener.accept();
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match accepted {
            // A thread a client, so one slow to greet never holds up the others.
            Ok((stream, _)) => {
                let (shared, channel) = (Arc::clone(shared), Arc::clone(channel));
                let _ = thread::Builder::new()
                    .name("share-client".into())
                    .spawn(move || serve(&stream, &shared, &channel));
            }
            // Out of file descriptors and the like: pause rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// One client, from its welcome to being cut off.
fn serve(stream: &UnixStream, shared: &Arc<Shared>, channel: &Channel) {
    if !channel.listen.welcome(stream) {
        let _ = stream.shutdown(Shutdown::Both);
        return;
    }
    let Ok(id) = admit(stream, shared, &channel.hello) else {
        let _ = stream.shutdown(Shutdown::Both);
        return;
    };
    // Returns when the client leaves, too: without it, a follower that left would count
    // until the next publish failed to reach it.
    channel.listen.listen(stream);
    let mut state = shared.lock();
    if let Some(connection) = state.connections.get_mut(&id) {
        connection.queue = None;
        let _ = connection.stream.shutdown(Shutdown::Both);
    }
}

/// Registers a new client with the greeting and the current state already queued, under
/// the same lock as [`Server::publish`], so it misses nothing and gets nothing twice.
/// Returns its id.
fn admit(stream: &UnixStream, shared: &Arc<Shared>, hello: &Arc<[u8]>) -> io::Result<u64> {
    let writing = stream.try_clone()?;
    let stream = stream.try_clone()?;
    writing.set_write_timeout(Some(WRITE_STALL))?;
    let (queue, frames) = mpsc::sync_channel::<Arc<[u8]>>(QUEUE);
    let dropped = Arc::new(AtomicBool::new(false));
    let mut state = shared.lock();
    let id = state.next_id;
    state.next_id += 1;
    // At most three frames into an empty queue of QUEUE: these cannot fail.
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
    Ok(id)
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

fn forget(shared: &Shared, id: u64) {
    shared.lock().connections.remove(&id);
    shared.gone.notify_all();
}
