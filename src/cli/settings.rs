//! The config file from the command line: where it is read from, loading it, and the
//! viewer's flags (`ViewerFlags`) and its options from the flags, the environment and the
//! file together.

use std::path::{Path, PathBuf};

use crate::config::{self, Asked, Config, ConfigError, Location, Settings, ThemeName};
use crate::tui::keys::{Keymap, key_table};
use crate::tui::{Options, ThemeChoice};

use super::parse_theme;

/// The config file `--config` or `DOSSIER_CONFIG` names, else the usual one.
pub(super) fn location(given: Option<&Path>) -> Location {
    config::locate(given, &config::Environment::from_process())
}

/// Reads the config file, if there is one.
pub(super) fn load(given: Option<&Path>) -> Result<Config, ConfigError> {
    let env = config::Environment::from_process();
    config::load(&config::locate(given, &env), &env, &key_table())
}

/// Where `--help` says settings come from, with the path this run would read.
pub(super) fn where_help() -> String {
    let now = match location(None) {
        Location::Usual(path) if path.exists() => format!("{} (read)", path.display()),
        Location::Usual(path) => format!("{} (not there)", path.display()),
        _ => "nowhere: neither XDG_CONFIG_HOME nor HOME is set".to_owned(),
    };
    let text = format!(
        "Settings are read from $XDG_CONFIG_HOME/dossier/config.ron, else \
         ~/.config/dossier/config.ron; here: {now}. --config PATH or DOSSIER_CONFIG \
         name another file. Flags and environment variables take precedence over it."
    );
    textwrap::fill(&text, 80)
}

/// The dossier to read: one named on the command line (or by `DOSSIER_FILE`), else the
/// config file's.
pub(super) fn dossier(named: Option<PathBuf>, config: &Config) -> Option<PathBuf> {
    let asked = Asked {
        file: named,
        ..Asked::default()
    };
    Settings::resolve(&asked, config).file
}

impl ViewerFlags {
    /// The viewer's options: these flags, then `DOSSIER_THEME`, then the config file.
    /// `file` is watched unless `--no-watch` says not to.
    pub(super) fn options(&self, file: Option<PathBuf>, config: &Config) -> Options {
        let asked = Asked {
            file: None,
            theme: self.look.theme.map(theme_name),
            theme_env: std::env::var("DOSSIER_THEME").ok(),
            ascii: self.look.ascii,
            no_mouse: self.look.no_mouse,
        };
        let settings = Settings::resolve(&asked, config);
        Options {
            theme: settings.theme.map(theme_choice),
            glyphs: settings.glyphs,
            colors: config.colors.clone(),
            keymap: Keymap::remapped(&config.keys),
            mouse: settings.mouse,
            watch: file.clone().filter(|_| !self.no_watch),
            file,
            since: None,
        }
    }
}

fn theme_name(choice: ThemeChoice) -> ThemeName {
    match choice {
        ThemeChoice::Dark => ThemeName::Dark,
        ThemeChoice::Light => ThemeName::Light,
        ThemeChoice::Mono => ThemeName::Mono,
    }
}

fn theme_choice(name: ThemeName) -> ThemeChoice {
    match name {
        ThemeName::Dark => ThemeChoice::Dark,
        ThemeName::Light => ThemeChoice::Light,
        ThemeName::Mono => ThemeChoice::Mono,
    }
}

/// How the viewer looks and listens: for the viewer, and for `present` and `follow`,
/// which take them after their name too (`dossier present ID --theme light`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ViewerFlags {
    #[command(flatten)]
    pub look: LookFlags,

    /// Show the file as it was at start: do not follow its changes.
    #[arg(long)]
    pub no_watch: bool,
}

/// The viewer's flags that are not about a file: all a follower, which reads none,
/// can use.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct LookFlags {
    /// The viewer's colours: dark or light background, or mono (default: as the
    /// terminal's background is, or DOSSIER_THEME).
    #[arg(long, value_name = "THEME", value_parser = parse_theme)]
    pub theme: Option<ThemeChoice>,

    /// Draw the viewer's borders, arrows and marks in ASCII (automatic when the locale
    /// is not UTF-8).
    #[arg(long)]
    pub ascii: bool,

    /// Leave the mouse to the terminal (for selecting text without Shift).
    #[arg(long)]
    pub no_mouse: bool,
}

impl ViewerFlags {
    /// These flags, or those given before the command name where these are not.
    pub(super) fn or(self, outer: &ViewerFlags) -> ViewerFlags {
        let (look, other) = (self.look, outer.look);
        ViewerFlags {
            look: LookFlags {
                theme: look.theme.or(other.theme),
                ascii: look.ascii || other.ascii,
                no_mouse: look.no_mouse || other.no_mouse,
            },
            no_watch: self.no_watch || outer.no_watch,
        }
    }
}

impl From<LookFlags> for ViewerFlags {
    fn from(look: LookFlags) -> ViewerFlags {
        ViewerFlags {
            look,
            no_watch: false,
        }
    }
}
