//! `dossier console SOCKET`: the presenter's console for a presentation shared on SOCKET,
//! in the presenter's second terminal.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use super::EXIT_UNREADABLE;
use super::viewer::{can_show_a_viewer, exit_status};
use crate::share::{ConsoleFrame, ShareError};
use crate::text;
use crate::tui::Options;

/// How long the presenter has to send what the console shows, once it has greeted.
const FIRST_STATE: Duration = Duration::from_secs(10);

/// `console SOCKET`: connected and shown the presenter's state before the terminal is
/// touched, so a mistake leaves the terminal as it was.
pub(super) fn console(socket: &Path, options: &Options, err: &mut dyn Write) -> u8 {
    let shown = text::inline(&socket.display().to_string()).into_owned();
    let link = match crate::share::console(socket) {
        Ok(link) => link,
        Err(ShareError::NotSharing { reason, .. }) => {
            let _ = writeln!(
                err,
                "dossier: cannot open the console: nobody presents with `--share {shown}` \
                 ({reason})"
            );
            return EXIT_UNREADABLE;
        }
        Err(error) => {
            let _ = writeln!(
                err,
                "dossier: cannot open the console for {shown}: {}",
                text::inline(&error.to_string())
            );
            return EXIT_UNREADABLE;
        }
    };
    let first = match link.recv_timeout(FIRST_STATE) {
        Some(Ok(ConsoleFrame::State(state))) => state,
        Some(Ok(ConsoleFrame::End)) => {
            let _ = writeln!(err, "dossier: the briefing has ended");
            return 0;
        }
        Some(Ok(ConsoleFrame::Dropped { reason })) => {
            let _ = writeln!(
                err,
                "dossier: console for {shown}: {}",
                text::inline(&reason)
            );
            return 1;
        }
        Some(Ok(_)) => {
            let _ = writeln!(err, "dossier: {shown}: the presenter sent no state first");
            return 1;
        }
        Some(Err(error)) => {
            let error = text::inline(&error.to_string()).into_owned();
            let _ = writeln!(err, "dossier: console for {shown}: {error}");
            return 1;
        }
        None => {
            let _ = writeln!(err, "dossier: {shown} sent nothing to show");
            return 1;
        }
    };
    if !can_show_a_viewer(err) {
        return EXIT_UNREADABLE;
    }
    exit_status(crate::tui::run_console(link, first, options), err)
}
