//! The viewer's flags: how it looks and listens, for the viewer and for the commands
//! that open it (`present`, `follow`, `console`).

use super::parse_theme;
use crate::tui::ThemeChoice;

/// How the viewer looks and listens: for the viewer, and for `present` and `follow`,
/// which take them after their name too (`dossier present ID --theme light`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ViewerFlags {
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

    /// Show the file as it was at start: do not follow its changes.
    #[arg(long)]
    pub no_watch: bool,
}

impl ViewerFlags {
    /// These flags, or those given before the command name where these are not.
    pub(super) fn or(self, outer: &ViewerFlags) -> ViewerFlags {
        ViewerFlags {
            theme: self.theme.or(outer.theme),
            ascii: self.ascii || outer.ascii,
            no_mouse: self.no_mouse || outer.no_mouse,
            no_watch: self.no_watch || outer.no_watch,
        }
    }
}

/// The viewer's flags a follower can use: it reads no file, so it has none to watch.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FollowFlags {
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

impl From<FollowFlags> for ViewerFlags {
    fn from(flags: FollowFlags) -> ViewerFlags {
        ViewerFlags {
            theme: flags.theme,
            ascii: flags.ascii,
            no_mouse: flags.no_mouse,
            no_watch: false,
        }
    }
}
