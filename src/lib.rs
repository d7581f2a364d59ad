//! `dossier`: a read-only viewer for policy dossiers kept in one RON file.
//!
//! The library holds everything; the binary is a thin shell over [`cli::main`].
//! - [`model`]: the file format as Rust types;
//! - [`load`]: reading and parsing, with compiler-style error messages;
//! - [`validate`]: the rules the parser cannot check;
//! - [`catalog`]: a loaded dossier indexed by id, with relations both ways;
//! - [`search`]: fzf-like fuzzy search;
//! - [`text`]: making dossier text safe for a terminal;
//! - [`cli`]: the command line.

pub mod catalog;
pub mod cli;
pub mod load;
pub mod model;
pub mod search;
pub mod suggest;
pub mod text;
pub mod tui;
pub mod validate;

pub use catalog::{Catalog, Item};
pub use load::LoadError;
pub use model::{Dossier, ItemRef, Kind, Status};
