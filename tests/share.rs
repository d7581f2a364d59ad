//! The share transport over real Unix sockets in a temporary directory, with real threads.
//! Every wait has a limit, and the limit only turns a hang into a failure: nothing here
//! asserts how long anything took.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fs;
use std::io::{Cursor, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use dossier::share::{
    Follower, Frame, MAX_FRAME_BYTES, MAX_STOPS, MAX_VALUES, QUEUE, Server, ShareError, VERSION,
    follow, read_frame, write_frame,
};

/// Records the largest allocation made by each thread, and the bytes it asked for in all,
/// so a test can show that a hostile frame was refused before anything was allocated for
/// it.
struct Measuring;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static ASKED: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
    let _ = ASKED.try_with(|asked| asked.set(asked.get().saturating_add(size)));
}

// SAFETY: every call is passed unchanged to the system allocator; noting the size touches
// only a const-initialised thread-local, which never allocates.
unsafe impl GlobalAlloc for Measuring {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's guarantees are passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Measuring = Measuring;

/// A failure limit, not a measurement: long enough for a loaded CI machine.
const LIMIT: Duration = Duration::from_secs(30);

fn socket_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("share.sock")
}

/// Runs `test` on its own thread and fails if it has not finished within `LIMIT`, so a
/// publish that blocked would fail the test instead of hanging it.
fn within<T: Send + 'static>(test: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(test());
    });
    match result.recv_timeout(LIMIT * 2) {
        Ok(value) => value,
        Err(_) => panic!("the test did not finish within {:?}", LIMIT * 2),
    }
}

fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + LIMIT;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        thread::sleep(Duration::from_millis(5));
    }
}

fn next(follower: &Follower) -> Result<Frame, ShareError> {
    follower
        .recv_timeout(LIMIT)
        .expect("a frame within the limit")
}

fn dossier(text: &str) -> Frame {
    Frame::Dossier {
        name: "briefing.ron".into(),
        text: text.into(),
    }
}

fn position(stop: usize) -> Frame {
    Frame::Position {
        briefing: Some("partners-overview".into()),
        stops: vec!["partners-overview".into(), "nl".into(), "dk".into()],
        stop,
        scroll: 3,
    }
}

fn every_frame() -> Vec<Frame> {
    vec![
        Frame::Hello { version: VERSION },
        dossier("Dossier(title: \"Ünïcode \\\"quoted\\\"\\n\u{1b}[31m\")"),
        position(2),
        Frame::Position {
            briefing: None,
            stops: vec!["nl".into()],
            stop: 0,
            scroll: u16::MAX,
        },
        Frame::End,
        Frame::Dropped {
            reason: "too slow".into(),
        },
    ]
}

#[test]
fn every_frame_survives_the_encoding() {
    let mut wire = Vec::new();
    for frame in every_frame() {
        write_frame(&mut wire, &frame).expect("write");
    }
    let mut input = Cursor::new(wire);
    for frame in every_frame() {
        assert_eq!(read_frame(&mut input).expect("read"), Some(frame));
    }
    assert_eq!(read_frame(&mut input).expect("end of stream"), None);
}

#[test]
fn frames_are_a_big_endian_length_and_json() {
    let mut wire = Vec::new();
    write_frame(&mut wire, &Frame::End).expect("write");
    let json = br#"{"type":"end"}"#;
    assert_eq!(&wire[..4], &(json.len() as u32).to_be_bytes());
    assert_eq!(&wire[4..], json);
}

#[test]
fn every_frame_crosses_a_real_socket() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        let follower = follow(&path).expect("follow");
        wait_until("the follower is counted", || server.followers() == 1);
        let frames = [dossier("Dossier(title: \"A\")"), position(0), position(2)];
        for frame in &frames {
            server.publish(frame).expect("publish");
        }
        for frame in &frames {
            assert_eq!(&next(&follower).expect("frame"), frame);
        }
        server.end();
        assert_eq!(next(&follower).expect("end"), Frame::End);
        assert!(follower.recv_timeout(LIMIT).is_none(), "nothing after End");
    });
}

#[test]
fn a_late_joiner_is_told_the_dossier_and_the_last_position() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        server.publish(&position(0)).expect("publish");
        server.publish(&dossier("old")).expect("publish");
        server.publish(&dossier("new")).expect("publish");
        server.publish(&position(1)).expect("publish");

        // `follow` has already checked the Hello; it is not passed on.
        let follower = follow(&path).expect("follow");
        assert_eq!(next(&follower).expect("dossier"), dossier("new"));
        assert_eq!(next(&follower).expect("position"), position(1));
        server.publish(&position(2)).expect("publish");
        assert_eq!(next(&follower).expect("position"), position(2));
    });
}

#[test]
fn the_greeting_comes_first_and_carries_the_version() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        server.publish(&dossier("text")).expect("publish");
        let mut raw = UnixStream::connect(&path).expect("connect");
        raw.set_read_timeout(Some(LIMIT)).expect("timeout");
        assert_eq!(
            read_frame(&mut raw).expect("hello"),
            Some(Frame::Hello { version: VERSION })
        );
        assert_eq!(
            read_frame(&mut raw).expect("dossier"),
            Some(dossier("text"))
        );
    });
}

#[test]
fn end_reaches_every_follower_and_removes_the_socket() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        let first = follow(&path).expect("follow");
        let second = follow(&path).expect("follow");
        wait_until("both followers are counted", || server.followers() == 2);
        server.end();
        assert_eq!(next(&first).expect("end"), Frame::End);
        assert_eq!(next(&second).expect("end"), Frame::End);
        assert!(!path.exists(), "the socket file is removed");
        assert!(
            matches!(follow(&path), Err(ShareError::NotSharing { .. })),
            "nobody to follow any more"
        );
    });
}

#[test]
fn dropping_the_server_removes_the_socket_and_followers_see_it_go() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        let follower = follow(&path).expect("follow");
        wait_until("the follower is counted", || server.followers() == 1);
        drop(server);
        assert!(!path.exists(), "the socket file is removed");
        assert!(matches!(
            next(&follower),
            Err(ShareError::PresenterGone | ShareError::Read(_))
        ));
    });
}

#[test]
fn a_follower_that_leaves_stops_being_counted() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        let follower = follow(&path).expect("follow");
        wait_until("the follower is counted", || server.followers() == 1);
        drop(follower);
        wait_until("the follower is forgotten", || server.followers() == 0);
        server
            .publish(&position(0))
            .expect("publishing to nobody is fine");
    });
}

#[test]
fn the_socket_is_only_its_owners() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    let server = Server::bind(&path, 0o600).expect("bind");
    let metadata = fs::symlink_metadata(&path).expect("metadata");
    assert!(metadata.file_type().is_socket());
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o600);
    drop(server);

    let server = Server::bind(&path, 0o660).expect("bind");
    let metadata = fs::symlink_metadata(&path).expect("metadata");
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o660);
    drop(server);
    let left: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "no private directory is left: {left:?}");
}

#[test]
fn bind_refuses_a_regular_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    fs::write(&path, "precious").expect("write");
    let error = Server::bind(&path, 0o600).expect_err("refused");
    assert!(matches!(error, ShareError::Occupied { .. }), "{error:?}");
    assert!(error.to_string().contains("a file"), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("read"), "precious");
    assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
}

#[test]
fn bind_refuses_a_directory_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    fs::create_dir(&path).expect("mkdir");
    fs::write(path.join("inside"), "precious").expect("write");
    let error = Server::bind(&path, 0o600).expect_err("refused");
    assert!(error.to_string().contains("a directory"), "{error}");
    assert_eq!(
        fs::read_to_string(path.join("inside")).expect("read"),
        "precious"
    );
}

#[test]
fn bind_refuses_a_symbolic_link_even_to_a_stale_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("target.sock");
    drop(UnixListener::bind(&target).expect("bind"));
    let path = socket_in(&dir);
    std::os::unix::fs::symlink(&target, &path).expect("symlink");
    let error = Server::bind(&path, 0o600).expect_err("refused");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert!(fs::symlink_metadata(&path).expect("link").is_symlink());
    assert!(
        fs::symlink_metadata(&target)
            .expect("target")
            .file_type()
            .is_socket()
    );
}

#[test]
fn bind_refuses_a_live_socket_and_leaves_it_working() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let first = Server::bind(&path, 0o600).expect("bind");
        first.publish(&dossier("first")).expect("publish");
        let error = Server::bind(&path, 0o600).expect_err("refused");
        assert!(matches!(error, ShareError::Live { .. }), "{error:?}");
        let follower = follow(&path).expect("the first presenter still answers");
        assert_eq!(next(&follower).expect("dossier"), dossier("first"));

        // Someone else's live socket, not a dossier presenter, is refused just the same.
        let other = dir.path().join("other.sock");
        let _listener = UnixListener::bind(&other).expect("bind");
        assert!(matches!(
            Server::bind(&other, 0o600),
            Err(ShareError::Live { .. })
        ));
        assert!(other.exists());
    });
}

#[test]
fn bind_replaces_a_stale_socket() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        drop(UnixListener::bind(&path).expect("bind"));
        assert!(path.exists(), "a socket nobody listens on is left behind");
        assert!(matches!(follow(&path), Err(ShareError::NotSharing { .. })));
        let server = Server::bind(&path, 0o600).expect("a stale socket is replaced");
        let follower = follow(&path).expect("follow");
        server.publish(&position(1)).expect("publish");
        assert_eq!(next(&follower).expect("position"), position(1));
    });
}

#[test]
fn bind_explains_a_path_it_cannot_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-directory").join("share.sock");
    assert!(matches!(
        Server::bind(&missing, 0o600),
        Err(ShareError::Io { .. })
    ));
    let long = dir.path().join("x".repeat(200));
    assert!(matches!(
        Server::bind(&long, 0o600),
        Err(ShareError::Io { .. })
    ));
}

#[test]
fn publish_sends_only_what_followers_would_accept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::bind(&socket_in(&dir), 0o600).expect("bind");
    for frame in [
        Frame::Hello { version: VERSION },
        Frame::End,
        Frame::Dropped { reason: "x".into() },
    ] {
        assert!(matches!(
            server.publish(&frame),
            Err(ShareError::NotPublishable(_))
        ));
    }
    assert!(matches!(
        server.publish(&position(3)),
        Err(ShareError::StopOutOfRange { stop: 3, stops: 3 })
    ));
    let empty = Frame::Position {
        briefing: None,
        stops: Vec::new(),
        stop: 0,
        scroll: 0,
    };
    assert!(server.publish(&empty).is_err());
}

#[test]
fn a_stuck_follower_neither_blocks_the_presenter_nor_delays_others() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        // Connects and never reads, until the end of the test.
        let mut stuck = UnixStream::connect(&path).expect("connect");
        let follower = follow(&path).expect("follow");
        wait_until("both are counted", || server.followers() == 2);

        let text = "x".repeat(32 * 1024);
        let mut published = 0;
        let mut dropped_after = None;
        for round in 0..3000 {
            let frame = Frame::Dossier {
                name: format!("{round}"),
                text: text.clone(),
            };
            // Were publish to wait for the stuck follower, this would never return and
            // `within` would fail the test.
            server.publish(&frame).expect("publish");
            published += 1;
            // The reading follower keeps up: each frame arrives before the next is sent.
            assert_eq!(next(&follower).expect("frame"), frame);
            if dropped_after.is_none() && server.followers() == 1 {
                dropped_after = Some(round);
            }
        }
        let dropped_after = dropped_after.expect("the stuck follower was dropped");
        assert!(dropped_after >= QUEUE, "dropped only once its queue filled");
        assert_eq!(server.followers(), 1);

        // Read now, it has some frames, then is told why it was cut off.
        stuck.set_read_timeout(Some(LIMIT)).expect("timeout");
        assert_eq!(
            read_frame(&mut stuck).expect("hello"),
            Some(Frame::Hello { version: VERSION })
        );
        let mut received = 0;
        let last = loop {
            match read_frame(&mut stuck) {
                Ok(Some(Frame::Dossier { .. })) => received += 1,
                other => break other,
            }
        };
        assert!(
            matches!(&last, Ok(Some(Frame::Dropped { reason })) if reason.contains("behind")),
            "{last:?}"
        );
        assert!(received < published, "{received} of {published}");
        assert!(matches!(read_frame(&mut stuck), Ok(None)), "then closed");
    });
}

/// A fake presenter that sends `bytes` to whoever connects, then keeps the connection
/// open until `hold` is dropped (so an error is the bytes' fault, not a closed socket).
struct FakePresenter {
    path: PathBuf,
    _dir: tempfile::TempDir,
    _hold: mpsc::Sender<()>,
}

fn fake_presenter(bytes: Vec<u8>) -> FakePresenter {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    let listener = UnixListener::bind(&path).expect("bind");
    let (hold, released) = mpsc::channel::<()>();
    thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.write_all(&bytes);
            let _ = released.recv_timeout(LIMIT);
        }
    });
    FakePresenter {
        path,
        _dir: dir,
        _hold: hold,
    }
}

fn framed(json: &[u8]) -> Vec<u8> {
    let mut bytes = (json.len() as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(json);
    bytes
}

fn hello() -> Vec<u8> {
    framed(format!(r#"{{"type":"hello","version":{VERSION}}}"#).as_bytes())
}

fn greeted(rest: &[u8]) -> Vec<u8> {
    let mut bytes = hello();
    bytes.extend_from_slice(rest);
    bytes
}

/// What `follow` makes of a fake presenter sending `bytes`: its error, or the first item.
fn outcome(bytes: Vec<u8>) -> Result<Frame, ShareError> {
    within(move || {
        let fake = fake_presenter(bytes);
        let follower = follow(&fake.path)?;
        next(&follower)
    })
}

#[test]
fn a_huge_length_is_refused_before_anything_is_allocated() {
    let four_gib = u32::MAX.to_be_bytes().to_vec();
    // Measured on this thread, where `read_frame` runs.
    LARGEST.with(|largest| largest.set(0));
    let refused = read_frame(&mut Cursor::new(four_gib.clone()));
    let largest = LARGEST.with(Cell::get);
    assert!(
        matches!(refused, Err(ShareError::TooLarge { size, limit })
            if size == u64::from(u32::MAX) && limit == MAX_FRAME_BYTES),
        "{refused:?}"
    );
    assert!(largest < 64 * 1024, "allocated {largest} bytes");

    // As the greeting, and after it.
    assert!(matches!(
        outcome(four_gib.clone()),
        Err(ShareError::TooLarge { .. })
    ));
    assert!(matches!(
        outcome(greeted(&four_gib)),
        Err(ShareError::TooLarge { .. })
    ));
}

#[test]
fn a_length_the_peer_does_not_send_costs_only_what_arrives() {
    // Just under the limit, announced, with a few bytes behind it and then the end.
    let mut bytes = (MAX_FRAME_BYTES as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(b"{\"type\"");
    LARGEST.with(|largest| largest.set(0));
    let result = read_frame(&mut Cursor::new(bytes));
    let largest = LARGEST.with(Cell::get);
    assert!(matches!(result, Err(ShareError::Truncated)), "{result:?}");
    assert!(largest < 1024 * 1024, "allocated {largest} bytes");
}

#[test]
fn invalid_utf8_is_refused() {
    assert!(matches!(
        outcome(framed(b"{\"type\":\"hel\xfflo\"}")),
        Err(ShareError::NotUtf8)
    ));
    assert!(matches!(
        outcome(greeted(&framed(b"\xc3\x28"))),
        Err(ShareError::NotUtf8)
    ));
}

#[test]
fn garbage_json_is_refused() {
    assert!(matches!(
        outcome(framed(b"not json at all")),
        Err(ShareError::NoHello)
    ));
    for garbage in [
        &b"not json"[..],
        br#"{"type":"notes","text":"secret"}"#,
        br#"{"type":"position","stops":["a"]}"#,
        br#"{"type":"position","briefing":null,"stops":["a"],"stop":0,"scroll":70000}"#,
        br#"[1,2,3]"#,
        b"",
    ] {
        let result = outcome(greeted(&framed(garbage)));
        assert!(
            matches!(result, Err(ShareError::BadFrame(_))),
            "{}: {result:?}",
            String::from_utf8_lossy(garbage)
        );
    }
}

#[test]
fn another_version_is_refused_clearly() {
    let result = outcome(framed(br#"{"type":"hello","version":2,"features":["x"]}"#));
    match result {
        Err(error @ ShareError::Version { theirs: 2, ours }) => {
            assert_eq!(ours, VERSION);
            assert!(error.to_string().contains("version 2"), "{error}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_peer_that_does_not_greet_is_not_a_presenter() {
    let dossier_first = framed(br#"{"type":"end"}"#);
    assert!(matches!(outcome(dossier_first), Err(ShareError::NoHello)));
}

#[test]
fn a_stop_out_of_range_is_refused() {
    let json = br#"{"type":"position","briefing":"b","stops":["b","nl"],"stop":2,"scroll":0}"#;
    assert!(matches!(
        outcome(greeted(&framed(json))),
        Err(ShareError::StopOutOfRange { stop: 2, stops: 2 })
    ));
    let huge =
        br#"{"type":"position","briefing":null,"stops":[],"stop":18446744073709551615,"scroll":0}"#;
    assert!(matches!(
        outcome(greeted(&framed(huge))),
        Err(ShareError::StopOutOfRange { .. })
    ));
}

#[test]
fn a_second_greeting_is_refused() {
    assert!(matches!(
        outcome(greeted(&hello())),
        Err(ShareError::Unexpected("hello"))
    ));
}

#[test]
fn a_presenter_that_vanishes_is_reported() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let listener = UnixListener::bind(&path).expect("bind");
        let server = thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            stream.write_all(&hello()).expect("write");
            // Half a frame, then gone.
            stream.write_all(&[0, 0, 0, 50, b'{']).expect("write");
        });
        let follower = follow(&path).expect("follow");
        server.join().expect("fake presenter");
        assert!(matches!(next(&follower), Err(ShareError::Truncated)));
        assert!(follower.recv_timeout(Duration::from_millis(1)).is_none());
    });
    let closed = within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let listener = UnixListener::bind(&path).expect("bind");
        let server = thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            stream.write_all(&hello()).expect("write");
        });
        let follower = follow(&path).expect("follow");
        server.join().expect("fake presenter");
        next(&follower)
    });
    assert!(
        matches!(closed, Err(ShareError::PresenterGone)),
        "{closed:?}"
    );
}

#[test]
fn following_nothing_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    let error = follow(&path).expect_err("nothing there");
    assert!(error.to_string().contains("nobody is sharing"), "{error}");
}

#[test]
fn the_server_removes_only_its_own_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = socket_in(&dir);
    let server = Server::bind(&path, 0o600).expect("bind");
    // Someone removed it and something else took the name.
    fs::remove_file(&path).expect("remove");
    fs::write(&path, "someone else's").expect("write");
    drop(server);
    assert_eq!(fs::read_to_string(&path).expect("read"), "someone else's");
}

#[test]
fn the_handles_work_from_other_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s");
    let server = Server::bind(&path, 0o600).expect("bind");
    let follower = follow(&path).expect("follow");
    // The follower reads on one thread while the server publishes from another.
    let reader = thread::spawn(move || follower.take(1).collect::<Vec<_>>());
    let publisher = thread::spawn(move || {
        server.publish(&position(0)).expect("publish");
        server
    });
    let server = publisher.join().expect("the publisher");
    let frames = reader.join().expect("the reader");
    assert!(
        matches!(frames.as_slice(), [Ok(Frame::Position { stop: 0, .. })]),
        "{frames:?}"
    );
    // An error, too, can be reported from the thread that met it.
    let error = thread::spawn(move || {
        drop(server);
        ShareError::PresenterGone
    })
    .join()
    .expect("a thread");
    assert_eq!(error.to_string(), "the presenter went away");
}

/// A presenter that dribbles its greeting, a byte a second: each read gets a byte well
/// within the greeting's wait, but the whole greeting does not come in it, and the
/// follower gives up instead of waiting for as long as the presenter likes.
#[test]
fn a_greeting_dribbled_byte_by_byte_is_given_up() {
    let result = within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let listener = UnixListener::bind(&path).expect("bind");
        let (stop, stopped) = mpsc::channel::<()>();
        let presenter = thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            for byte in hello() {
                if stream.write_all(&[byte]).is_err() {
                    return;
                }
                if stopped.recv_timeout(Duration::from_secs(1)).is_ok() {
                    return;
                }
            }
        });
        let result = follow(&path).map(|_| ());
        let _ = stop.send(());
        presenter.join().expect("fake presenter");
        result
    });
    assert!(matches!(result, Err(ShareError::NoHello)), "{result:?}");
}

/// A greeting is small: a huge one is refused at its length, before it is read.
#[test]
fn a_huge_greeting_is_refused_at_its_length() {
    let mut bytes = (64 * 1024u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(&[b' '; 64 * 1024]);
    assert!(matches!(
        outcome(bytes),
        Err(ShareError::TooLarge { size: 65536, .. })
    ));
}

/// Followers send nothing. One that streams data at the presenter breaks the protocol
/// and is dropped, rather than keeping a presenter's thread reading for ever.
#[test]
fn a_follower_that_sends_data_is_dropped() {
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let server = Server::bind(&path, 0o600).expect("bind");
        let mut stream = UnixStream::connect(&path).expect("connect");
        assert!(matches!(
            read_frame(&mut stream),
            Ok(Some(Frame::Hello { .. }))
        ));
        wait_until("the follower is counted", || server.followers() == 1);
        let mut writing = stream.try_clone().expect("clone");
        let streamer = thread::spawn(move || {
            // Bounded: 64 MiB at most, and it stops at the first refused write.
            for _ in 0..1024 {
                if writing.write_all(&[b'x'; 64 * 1024]).is_err() {
                    return;
                }
            }
        });
        wait_until("the streaming follower is dropped", || {
            server.followers() == 0
        });
        assert!(
            matches!(read_frame(&mut stream), Ok(None) | Err(_)),
            "the connection is closed"
        );
        streamer.join().expect("streamer");
    });
}

/// A position of a million one-character stops (4 MB of JSON, but 60 MB and more once
/// built) is refused before one of them is built: the bytes asked for stay within a few
/// times the frame's own size. So is one that hides them in a field nobody reads.
#[test]
fn a_frame_of_too_many_values_is_refused_before_they_are_built() {
    let stops = vec!["\"a\""; 1_000_000].join(",");
    let position =
        format!(r#"{{"type":"position","briefing":null,"stops":[{stops}],"stop":0,"scroll":0}}"#);
    let hidden = format!(r#"{{"type":"end","padding":[{stops}]}}"#);
    for json in [position, hidden] {
        let bytes = framed(json.as_bytes());
        ASKED.with(|asked| asked.set(0));
        let refused = read_frame(&mut Cursor::new(&bytes));
        let asked = ASKED.with(Cell::get);
        assert!(
            matches!(refused, Err(ShareError::TooManyValues { limit }) if limit == MAX_VALUES),
            "{refused:?}"
        );
        assert!(asked < 3 * bytes.len(), "asked for {asked} bytes");
    }
}

/// The stop limit, from both sides: a presenter cannot publish more stops than a follower
/// takes, and a follower refuses more.
#[test]
fn a_position_over_the_stop_limit_is_refused_both_ways() {
    let too_many = Frame::Position {
        briefing: None,
        stops: vec!["a".to_owned(); MAX_STOPS + 1],
        stop: 0,
        scroll: 0,
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::bind(&socket_in(&dir), 0o600).expect("bind");
    assert!(matches!(
        server.publish(&too_many),
        Err(ShareError::TooManyStops { .. })
    ));
    let stops = vec!["\"a\""; MAX_STOPS + 1].join(",");
    let json =
        format!(r#"{{"type":"position","briefing":null,"stops":[{stops}],"stop":0,"scroll":0}}"#);
    assert!(matches!(
        read_frame(&mut Cursor::new(framed(json.as_bytes()))),
        Err(ShareError::TooManyStops { stops, limit }) if stops == MAX_STOPS + 1 && limit == MAX_STOPS
    ));
    // At the limit, it passes.
    let stops = vec!["\"a\""; MAX_STOPS].join(",");
    let json =
        format!(r#"{{"type":"position","briefing":null,"stops":[{stops}],"stop":0,"scroll":0}}"#);
    assert!(matches!(
        read_frame(&mut Cursor::new(framed(json.as_bytes()))),
        Ok(Some(Frame::Position { .. }))
    ));
}

/// Frames wait for the viewer by bytes, not by count: a presenter sending big dossiers to
/// a follower that takes none gets only a few of them read before the follower stops
/// reading (and the presenter would drop it), and more once the follower takes one.
#[test]
fn frames_wait_by_bytes_not_by_count() {
    const FRAMES: usize = 20;
    const SIZE: usize = 16 * 1024 * 1024;
    within(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = socket_in(&dir);
        let listener = UnixListener::bind(&path).expect("bind");
        let (sent, progress) = mpsc::channel::<usize>();
        let presenter = thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            stream.write_all(&hello()).expect("hello");
            let text = "x".repeat(SIZE);
            let frame = Frame::Dossier {
                name: "big.ron".into(),
                text,
            };
            for n in 1..=FRAMES {
                if write_frame(&mut stream, &frame).is_err() {
                    return;
                }
                let _ = sent.send(n);
            }
        });
        let follower = follow(&path).expect("follow");
        // The presenter gets as far as it can: until a second passes without a whole
        // frame written. (On a slow machine that may be sooner; never later.)
        let mut written = 0;
        while let Ok(n) = progress.recv_timeout(Duration::from_secs(1)) {
            written = n;
        }
        assert!(
            written <= 6,
            "{written} frames of {SIZE} bytes were read while the follower took none"
        );
        // Taking frames makes room: the presenter carries on.
        assert!(matches!(next(&follower), Ok(Frame::Dossier { .. })));
        assert!(matches!(next(&follower), Ok(Frame::Dossier { .. })));
        let more = progress
            .recv_timeout(LIMIT)
            .expect("the presenter carries on");
        assert!(more > written, "{more} after {written}");
        drop(follower);
        presenter.join().expect("fake presenter");
    });
}
