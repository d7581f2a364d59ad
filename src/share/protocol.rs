//! The wire: frames, their limits, and how they are written and read.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer, Serialize};

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

/// The most stops a position may list: far more than any briefing or command line has,
/// and few enough that a frame of 26 million one-character ids (128 MiB of JSON, and
/// 2 GB once built as strings) is refused.
pub const MAX_STOPS: usize = 65_536;

/// The most JSON values (each string, number, list and object, and each key) a frame may
/// hold: a position with [`MAX_STOPS`] stops, and room to spare. A dossier frame is a
/// handful of values however long its text. Counted before anything is built, because
/// serde builds every value of an internally tagged frame before it looks at any,
/// unknown fields included.
pub const MAX_VALUES: usize = MAX_STOPS + 64;

/// Frames queued for one follower before it counts as too far behind. Positions are tiny
/// and come at the pace of key presses, so 64 is many seconds of a presenter moving on
/// while the follower took nothing.
pub const QUEUE: usize = 64;

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

/// A message of one of the two channels: the followers' [`Frame`] or the presenter's
/// console's frame (see `console`). Both are framed, bounded and checked alike.
pub(super) trait Wire: Serialize + DeserializeOwned {
    /// The rules JSON cannot express; both sides apply them.
    fn check(&self) -> Result<(), ShareError>;
}

impl Wire for Frame {
    fn check(&self) -> Result<(), ShareError> {
        Frame::check(self)
    }
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
            Frame::Position { stops, .. } if stops.len() > MAX_STOPS => {
                Err(ShareError::TooManyStops {
                    stops: stops.len(),
                    limit: MAX_STOPS,
                })
            }
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
    #[error("a position of {stops} stops is over the limit of {limit}")]
    TooManyStops { stops: usize, limit: usize },
    #[error("a frame of more than {limit} values is over the limit")]
    TooManyValues { limit: usize },
    #[error("the position's stop {stop} is outside its {stops} stops")]
    StopOutOfRange { stop: usize, stops: usize },
    #[error("a {0} frame cannot be published; the server sends it itself")]
    NotPublishable(&'static str),
    #[error("{path}: the presenter there runs as another user; a console steers only your own")]
    NotYours { path: PathBuf },
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

pub(super) fn read_payload(input: &mut impl Read) -> Result<Option<String>, ShareError> {
    read_payload_within(input, MAX_FRAME_BYTES)
}

/// [`read_payload`] for a frame that may be at most `limit` bytes.
pub(super) fn read_payload_within(
    input: &mut impl Read,
    limit: u64,
) -> Result<Option<String>, ShareError> {
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
    if size > limit {
        return Err(ShareError::TooLarge { size, limit });
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

pub(super) fn parse<F: Wire>(text: &str) -> Result<F, ShareError> {
    let mut values = Values {
        left: MAX_VALUES,
        exceeded: false,
    };
    let counted = (&mut values).deserialize(&mut serde_json::Deserializer::from_str(text));
    if values.exceeded {
        return Err(ShareError::TooManyValues { limit: MAX_VALUES });
    }
    counted.map_err(ShareError::BadFrame)?;
    let frame: F = serde_json::from_str(text).map_err(ShareError::BadFrame)?;
    frame.check()?;
    Ok(frame)
}

/// Walks a JSON document building nothing, and fails (`exceeded`) once it has seen more
/// than `left` values. Nesting deeper than serde_json's limit of 128 fails too.
struct Values {
    left: usize,
    exceeded: bool,
}

impl Values {
    fn take<E: de::Error>(&mut self) -> Result<(), E> {
        match self.left.checked_sub(1) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.exceeded = true;
                Err(E::custom("too many values"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut Values {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Values {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.take()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.take()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.take()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.take()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.take()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.take()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.take()?;
        while seq.next_element_seed(&mut *self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.take()?;
        while map.next_key::<IgnoredAny>()?.is_some() {
            self.take()?;
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
}

/// The frame with its length in front, ready to be written as many times as needed.
pub(super) fn encode<F: Wire>(frame: &F) -> Result<Vec<u8>, ShareError> {
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
        let frame: Frame = parse(json).expect("a position");
        assert!(
            !serde_json::to_string(&frame)
                .expect("json")
                .contains("notes")
        );
    }
}
