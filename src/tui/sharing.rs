//! A presenter's link to its followers and to its console. Followers get the dossier
//! first and again after each reload, built and encoded on a thread of its own (a big
//! dossier takes a while to write out), and every move after the dossier it refers to,
//! once each. The console gets what it shows — the stop, the next, the notes, a broken
//! save — each time that changes, on its own socket.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use super::app::App;
use super::view::Stop;
use super::workers::Event;
use crate::catalog::Catalog;
use crate::model::{Item, Texts};
use crate::share::{ConsoleServer, ConsoleState, Encoded, Frame, Server};

pub(crate) struct Sharing {
    pub server: Server,
    pub console: ConsoleServer,
    /// When the presentation started, for the console's clock.
    started_at: u64,
    /// What the console was sent last.
    console_state: Option<ConsoleState>,
    name: String,
    events: Sender<Event>,
    /// The version whose dossier is being built, or was sent.
    building: Option<u64>,
    /// The version whose dossier was sent: positions wait for it.
    sent: Option<u64>,
    position: Option<Frame>,
}

impl Sharing {
    pub(super) fn new(
        server: Server,
        console: ConsoleServer,
        name: String,
        events: Sender<Event>,
    ) -> Sharing {
        let started_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        Sharing {
            server,
            console,
            started_at,
            console_state: None,
            name,
            events,
            building: None,
            sent: None,
            position: None,
        }
    }

    /// Sends followers what changed in `app`; returns how many follow now.
    pub(super) fn keep_up(&mut self, app: &App) -> usize {
        if self.building != Some(app.version) {
            self.building = Some(app.version);
            let (version, catalog) = (app.version, Arc::clone(&app.catalog));
            let (name, events) = (self.name.clone(), self.events.clone());
            thread::spawn(move || {
                // Encoded here too: JSON for a big dossier takes tens of milliseconds.
                if let Ok(frame) = Encoded::new(&dossier_frame(&catalog, &name)) {
                    let _ = events.send(Event::DossierBuilt(version, frame));
                }
            });
        }
        if self.sent == Some(app.version) {
            let position = position_frame(app);
            if position.is_some() && position != self.position {
                if let Some(frame) = &position {
                    let _ = self.server.publish(frame);
                }
                self.position = position;
            }
        }
        let state = console_state(app, &self.name, self.started_at);
        if state.is_some() && state != self.console_state {
            if let Some(state) = &state {
                let _ = self.console.publish(state.clone());
            }
            self.console_state = state;
        }
        self.server.followers()
    }

    /// Says goodbye to followers and consoles; the sockets go with them.
    pub(super) fn end(self) {
        self.console.end();
        self.server.end();
    }

    /// A dossier is built: sent, unless a newer version has come since.
    pub(super) fn dossier_built(&mut self, version: u64, frame: &Encoded) {
        if self.building == Some(version) {
            self.server.publish_encoded(frame);
            self.sent = Some(version);
            // Followers place the position in the new dossier: send it again.
            self.position = None;
        }
    }
}

/// The dossier as followers get it: the presenter's notes left out, since a follower is
/// the audience. Written back as RON, which the follower reads with the same loader.
fn dossier_frame(catalog: &Catalog, name: &str) -> Frame {
    let mut dossier = catalog.dossier.clone();
    for briefing in &mut dossier.briefings {
        briefing.notes = Texts::default();
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    Frame::Dossier {
        name: name.to_owned(),
        text: ron::ser::to_string_pretty(&dossier, config).unwrap_or_default(),
    }
}

/// The presenter's position as a frame, if it is presenting.
fn position_frame(app: &App) -> Option<Frame> {
    let (briefing, stops, stop) = app.shared_position()?;
    (!stops.is_empty()).then_some(Frame::Position {
        briefing,
        stops,
        stop,
        scroll: 0,
    })
}

/// What the presenter's console shows of `app`, if it is presenting: the briefing's notes
/// throughout (they are the presenter's crib sheet), whichever stop is on screen.
fn console_state(app: &App, name: &str, started_at: u64) -> Option<ConsoleState> {
    let presentation = app.presented()?;
    let briefing = presentation
        .briefing
        .and_then(|briefing| app.catalog.get(briefing));
    let title_of = |stop: Stop| match stop {
        Stop::Title => briefing.map(|found| format!("{} (title screen)", found.title())),
        Stop::Item(item) => app.catalog.get(item).map(|found| found.title().to_owned()),
    };
    let notes = match briefing {
        Some(Item::Briefing(found)) => found.notes.iter().map(String::from).collect(),
        _ => Vec::new(),
    };
    Some(ConsoleState {
        title: briefing.map_or_else(|| name.to_owned(), |found| found.title().to_owned()),
        stop: presentation
            .current()
            .and_then(title_of)
            .unwrap_or_default(),
        counter: presentation.counter(),
        next: presentation
            .stops
            .get(presentation.stop + 1)
            .and_then(|&stop| title_of(stop)),
        notes,
        started_at,
        banner: app.banner.clone(),
    })
}
