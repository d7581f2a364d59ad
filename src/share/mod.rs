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
//! The presenter's console (`dossier console SOCKET`) has a channel of its own, on a
//! socket of its own that only the presenter's user can use: the notes and steering
//! travel there, never on the followers' socket. See [`console`].
//!
//! Everything a follower receives is checked ([`read_frame`]) before it is believed, but the
//! strings in a frame are data from another process: the caller makes them safe for the
//! terminal (see [`crate::text`]) before showing them, exactly as it does for a dossier file.

mod console;
mod follower;
mod protocol;
mod server;

pub use console::{
    CONSOLE_VERSION, ConsoleFrame, ConsoleLink, ConsoleServer, ConsoleState, ConsoleSteering,
    Steer, console, console_path,
};
pub use follower::{Cue, Follower, cue, follow};
pub use protocol::{
    Frame, MAX_FRAME_BYTES, MAX_STOPS, MAX_VALUES, QUEUE, ShareError, VERSION, read_frame,
    write_frame,
};
pub use server::{Encoded, Server};
