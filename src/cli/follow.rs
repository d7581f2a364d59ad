//! `dossier follow SOCKET`: a presentation shared from another terminal.

use std::io::Write;
use std::path::Path;

use super::EXIT_UNREADABLE;
use super::viewer::{can_show_a_viewer, run_viewer};
use crate::share::{Cue, cue};
use crate::text;
use crate::tui::{Link, Options, Start};

/// `follow SOCKET`: the presenter's dossier and position first, then the viewer.
pub(super) fn follow(socket: &Path, options: Options, err: &mut dyn Write) -> u8 {
    let shown = text::inline(&socket.display().to_string()).into_owned();
    let follower = match crate::share::follow(socket) {
        Ok(follower) => follower,
        Err(error) => {
            let error = text::inline(&error.to_string()).into_owned();
            let _ = match error.starts_with(&shown) {
                true => writeln!(err, "dossier: cannot follow {error}"),
                false => writeln!(err, "dossier: cannot follow {shown}: {error}"),
            };
            return EXIT_UNREADABLE;
        }
    };
    // A presenter sends its dossier, then where it is; a late joiner gets both at once.
    let mut catalog = None;
    let start = loop {
        let Some(frame) = follower.recv_timeout(std::time::Duration::from_secs(10)) else {
            let _ = writeln!(err, "dossier: {shown} sent nothing to show");
            return 1;
        };
        match cue(frame) {
            Cue::Dossier(loaded) => catalog = Some(*loaded),
            Cue::Position {
                briefing,
                stops,
                stop,
            } if catalog.is_some() => {
                break Start::Follow {
                    briefing,
                    stops,
                    stop,
                };
            }
            Cue::Position { .. } | Cue::Nothing => {}
            Cue::Unloadable(why) => {
                let _ = writeln!(err, "dossier: {why}");
                return EXIT_UNREADABLE;
            }
            Cue::Over { ended: true, why } => {
                let _ = writeln!(err, "dossier: {why}");
                return 0;
            }
            Cue::Over { ended: false, why } => {
                let _ = writeln!(err, "dossier: following {shown}: {why}");
                return 1;
            }
        }
    };
    let Some(catalog) = catalog else {
        return 1;
    };
    if !can_show_a_viewer(err) {
        return EXIT_UNREADABLE;
    }
    run_viewer(catalog, start, options, Link::Follow(follower), err)
}
