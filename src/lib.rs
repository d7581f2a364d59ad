//! `dossier`: a read-only viewer for policy dossiers kept in one RON file.
//!
//! The library holds everything; the binary is a thin shell over [`cli::main`].
//! - [`model`]: the file format as Rust types;
//! - [`load`]: reading and parsing, with compiler-style error messages;
//! - [`validate`]: the rules the parser cannot check;
//! - [`catalog`]: a loaded dossier indexed by id, with relations both ways;
//! - [`lines`]: where each item is in its file, for an editor;
//! - [`describe`]: what every output shows of an item or of the dossier;
//! - [`diff`]: what changed between two versions of a dossier;
//! - [`version`]: a version to compare with: a file, or a file in a git revision;
//! - [`export`]: handouts of the dossier, a briefing or items, in Markdown or HTML;
//! - [`query`]: the finder's query language, parsed;
//! - [`search`]: fzf-like fuzzy search;
//! - [`suggest`]: "did you mean" for ids, fields and commands;
//! - [`text`]: making dossier text safe for a terminal;
//! - [`editor`]: the command that opens an editor at an item's line;
//! - [`watch`]: noticing that a dossier file changed;
//! - [`share`]: carrying a presentation to followers in other terminals;
//! - [`config`]: the user's settings file;
//! - [`tui`]: the full-screen viewer;
//! - [`oom`]: giving the terminal back when memory runs out;
//! - [`cli`]: the command line.
//!
//! Imports run one way, from the command line down to the model: `cli` → `tui` →
//! `config`, `share`, `watch`, `export` → `search`, `describe` → `catalog` → `load`, `validate`
//! → `model`, with `text` and `suggest` below everything.

pub mod catalog;
pub mod cli;
pub mod config;
pub mod describe;
pub mod diff;
pub mod editor;
pub mod export;
pub mod lines;
pub mod load;
pub mod model;
pub mod oom;
pub mod query;
pub mod search;
pub mod share;
pub mod suggest;
pub mod text;
pub mod tui;
pub mod validate;
pub mod version;
pub mod watch;

pub use catalog::Catalog;
pub use load::LoadError;
pub use model::{Dossier, Item, ItemRef, Kind, Status, Wanted};
