//! The user's settings file, `$XDG_CONFIG_HOME/dossier/config.ron` (else
//! `~/.config/dossier/config.ron`): the default dossier, the theme and single colours,
//! the glyphs, the mouse, and keys remapped by action name. RON, like a dossier, and
//! checked as a dossier is: every mistake is `FILE:LINE:COL` with a caret and help.
//!
//! What a setting ends up as follows one order everywhere: the command line, then the
//! environment, then this file, then the built-in default ([`Settings::resolve`]).
//!
//! - [`keys`]: keys as the file writes them (`"ctrl-d"`, `"PageDown"`);
//! - [`actions`]: the actions keys are remapped to, as the key table describes them;
//! - [`style`]: colours on top of a theme;
//! - [`parse`]: the text to values, and errors to messages.

mod actions;
mod keys;
mod parse;
mod style;

#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use actions::{Action, KeyTable};
pub use keys::{KeySpec, KeySpecError};
pub use parse::Remap;
pub use style::{Colors, Colour, StyleSpec};

use crate::load::{SyntaxError, describe_io_error};
use crate::text;

/// Config files larger than this are refused unread: a real one is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The file's path under the configuration directory.
pub const RELATIVE_PATH: &str = "dossier/config.ron";

/// A theme by name, as `--theme`, `DOSSIER_THEME` and `theme:` give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ThemeName {
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    /// Reads `DOSSIER_THEME`'s spellings, as `--theme` does.
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "mono" | "monochrome" | "none" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

/// The viewer's own glyphs: borders, arrows, marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Glyphs {
    Ascii,
    Unicode,
}

/// A config file, read and checked. Every setting it leaves out is `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The dossier to read when none is named: `~` expanded, a relative path taken from
    /// the config file's folder.
    pub file: Option<PathBuf>,
    pub theme: Option<ThemeName>,
    /// Styles changed on top of whichever theme is in use.
    pub colors: Colors,
    pub glyphs: Option<Glyphs>,
    pub mouse: Option<bool>,
    /// Actions given new keys, in the file's order. Each replaces the action's own keys;
    /// every action is in the key table, and no key is bound twice in one place.
    pub keys: Vec<Remap>,
}

/// Everything that stops a config file from being used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: no such file")]
    NotFound { file: String },
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error(
        "{file}: the file is {size} bytes, over the limit of {limit} bytes",
        limit = MAX_CONFIG_BYTES
    )]
    TooLarge { file: String, size: u64 },
    #[error("{file}: not UTF-8 text; save the file as UTF-8")]
    NotUtf8 { file: String },
    #[error("{0}")]
    Syntax(Box<SyntaxError>),
}

/// Where settings are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named by `--config` or `DOSSIER_CONFIG`: it must exist.
    Given(PathBuf),
    /// The usual place, read if it exists.
    Usual(PathBuf),
    /// Neither `XDG_CONFIG_HOME` nor `HOME` is set: no usual place.
    Nowhere,
}

impl Location {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::Given(path) | Location::Usual(path) => Some(path),
            Location::Nowhere => None,
        }
    }
}

/// The environment, as far as finding the config file and its paths goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl Environment {
    pub fn from_process() -> Environment {
        let var = |name| std::env::var_os(name).filter(|value| !value.is_empty());
        Environment {
            xdg_config_home: var("XDG_CONFIG_HOME").map(PathBuf::from),
            home: var("HOME").map(PathBuf::from),
        }
    }
}

/// Where the config file is: `given` (`--config`, or `DOSSIER_CONFIG`), else under
/// `XDG_CONFIG_HOME` when that is an absolute path (the XDG rule), else under
/// `~/.config`.
pub fn locate(given: Option<&Path>, env: &Environment) -> Location {
    if let Some(path) = given {
        return Location::Given(path.to_path_buf());
    }
    let base = env
        .xdg_config_home
        .clone()
        .filter(|path| path.is_absolute())
        .or_else(|| env.home.as_ref().map(|home| home.join(".config")));
    match base {
        Some(base) => Location::Usual(base.join(RELATIVE_PATH)),
        None => Location::Nowhere,
    }
}

/// Reads the config file at `location`, checking its keys against `table`. A file
/// missing from the usual place is no config at all; a given one must exist.
pub fn load(
    location: &Location,
    env: &Environment,
    table: &KeyTable,
) -> Result<Config, ConfigError> {
    let (path, must_exist) = match location {
        Location::Given(path) => (path, true),
        Location::Usual(path) => (path, false),
        Location::Nowhere => return Ok(Config::default()),
    };
    let file = text::inline(&path.display().to_string()).into_owned();
    let text = match read_text(path, &file) {
        Err(ConfigError::NotFound { .. }) if !must_exist => return Ok(Config::default()),
        other => other?,
    };
    parse(&file, &text, path.parent(), env.home.as_deref(), table)
}

/// Parses config text. `file` names it in messages; `folder` is where a relative `file:`
/// setting starts from, and `home` what `~` means.
pub fn parse(
    file: &str,
    text: &str,
    folder: Option<&Path>,
    home: Option<&Path>,
    table: &KeyTable,
) -> Result<Config, ConfigError> {
    let raw = parse::parse(file, text, table).map_err(ConfigError::Syntax)?;
    Ok(Config {
        file: raw.file.map(|path| resolve_path(&path, folder, home)),
        theme: raw.theme,
        colors: raw.colors.unwrap_or_default(),
        glyphs: raw.glyphs,
        mouse: raw.mouse,
        keys: raw.keys.map(|remaps| remaps.0).unwrap_or_default(),
    })
}

fn read_text(path: &Path, file: &str) -> Result<String, ConfigError> {
    let unreadable = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => ConfigError::NotFound {
            file: file.to_owned(),
        },
        _ => ConfigError::Unreadable {
            file: file.to_owned(),
            reason: describe_io_error(&error),
        },
    };
    // Asked before opening: opening a FIFO would wait for a writer, for ever.
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        let reason = if metadata.is_dir() {
            "it is a directory"
        } else {
            "it is not a regular file"
        };
        return Err(ConfigError::Unreadable {
            file: file.to_owned(),
            reason: reason.to_owned(),
        });
    }
    let handle = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let size = bytes.len() as u64;
    if size > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge {
            file: file.to_owned(),
            size: metadata.len().max(size),
        });
    }
    String::from_utf8(bytes).map_err(|_| ConfigError::NotUtf8 {
        file: file.to_owned(),
    })
}

/// `~/x` from `home`, a relative path from `folder`, an absolute one as it is.
fn resolve_path(path: &str, folder: Option<&Path>, home: Option<&Path>) -> PathBuf {
    let tilde = path
        .strip_prefix("~/")
        .or_else(|| (path == "~").then_some(""));
    match (tilde, home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => match folder {
            Some(folder) if Path::new(path).is_relative() => folder.join(path),
            _ => PathBuf::from(path),
        },
    }
}

/// What the command line and the environment asked for, before the config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    /// `--file`, `DOSSIER_FILE` or the `PATH` argument.
    pub file: Option<PathBuf>,
    /// `--theme`.
    pub theme: Option<ThemeName>,
    /// `DOSSIER_THEME`, as it is set.
    pub theme_env: Option<String>,
    /// `--ascii`.
    pub ascii: bool,
    /// `--no-mouse`.
    pub no_mouse: bool,
}

/// The settings in force: the command line, then the environment, then the config file,
/// then the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `None`: the built-in dossier.
    pub file: Option<PathBuf>,
    /// `None`: as the terminal's background is.
    pub theme: Option<ThemeName>,
    /// `None`: as the locale says.
    pub glyphs: Option<Glyphs>,
    pub mouse: bool,
}

impl Settings {
    pub fn resolve(asked: &Asked, config: &Config) -> Settings {
        Settings {
            file: asked.file.clone().or_else(|| config.file.clone()),
            theme: asked
                .theme
                .or_else(|| asked.theme_env.as_deref().and_then(ThemeName::parse))
                .or(config.theme),
            glyphs: asked.ascii.then_some(Glyphs::Ascii).or(config.glyphs),
            mouse: !asked.no_mouse && config.mouse.unwrap_or(true),
        }
    }
}
