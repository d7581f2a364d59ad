//! A presenter's link to its followers. The dossier goes out first and again after each
//! reload, built and encoded on a thread of its own (a big dossier takes a while to write
//! out), and every move after the dossier it refers to, once each.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread;

use super::app::App;
use super::workers::Event;
use crate::catalog::Catalog;
use crate::share::{Encoded, Frame, Server};

pub(crate) struct Sharing {
    pub server: Server,
    name: String,
    events: Sender<Event>,
    /// The version whose dossier is being built, or was sent.
    building: Option<u64>,
    /// The version whose dossier was sent: positions wait for it.
    sent: Option<u64>,
    position: Option<Frame>,
}

impl Sharing {
    pub(super) fn new(server: Server, name: String, events: Sender<Event>) -> Sharing {
        Sharing {
            server,
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
        self.server.followers()
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
        briefing.notes.clear();
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
