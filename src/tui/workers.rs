//! The threads beside the loop. Each sends [`Event`]s into the loop's one channel and
//! never touches the state: the terminal's input, signals, the finder's search, the
//! file's reloader and a presenter's frames. A worker that falls behind runs only the
//! newest job waiting ([`newest`]).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use std::thread;

use crossterm::event::Event as TerminalEvent;

use super::app::search_in;
use super::message::{Message, Reload, Retired};
use crate::catalog::Catalog;
use crate::search::SearchIndex;
use crate::share::{self, ConsoleFrame, ConsoleLink, ConsoleState, Cue, Encoded, Follower, Steer};

/// Everything the loop hears.
pub(crate) enum Event {
    Terminal(TerminalEvent),
    InputClosed,
    Signal(i32),
    /// A message for `update`: search results, a reloaded file, a presenter's move.
    Message(Message),
    /// The presentation followed ended (`ended`), or the link to it did: why.
    Unfollowed {
        ended: bool,
        why: String,
    },
    /// A presenter's dossier for its followers, built off the UI thread: for this version.
    DossierBuilt(u64, Encoded),
    /// What the presenter's console shows now.
    Presented(Box<ConsoleState>),
}

/// Waits for a job, then takes every job queued behind it, folding them with `merge`
/// (which keeps what still matters of the older and the newer); `None` once the queue
/// is closed. A worker that took a while finds the backlog reduced to one job.
pub(crate) fn newest_merged<J>(queue: &Receiver<J>, merge: impl Fn(J, J) -> J) -> Option<J> {
    let first = queue.recv().ok()?;
    Some(queue.try_iter().fold(first, merge))
}

/// Waits for a job and returns the newest one queued: the older ones are stale.
pub(crate) fn newest<J>(queue: &Receiver<J>) -> Option<J> {
    newest_merged(queue, |_, newer| newer)
}

pub(crate) fn spawn_input_reader(events: Sender<Event>) {
    thread::spawn(move || {
        loop {
            match crossterm::event::read() {
                Ok(event) => {
                    if events.send(Event::Terminal(event)).is_err() {
                        return;
                    }
                }
                // The terminal is gone (SSH dropped, pane killed): reading fails for good.
                Err(_) => {
                    let _ = events.send(Event::InputClosed);
                    return;
                }
            }
        }
    });
}

/// Work for the search worker: a newer catalog or query makes an older one stale, each
/// on its own.
#[derive(Default)]
pub(crate) struct SearchJob {
    /// A reloaded dossier: index it, in this slot, and search it from now on.
    pub catalog: Option<(Arc<Catalog>, Arc<OnceLock<SearchIndex>>)>,
    /// The finder's query, with its generation.
    pub search: Option<(u64, String)>,
}

impl SearchJob {
    fn merge(older: SearchJob, newer: SearchJob) -> SearchJob {
        SearchJob {
            catalog: newer.catalog.or(older.catalog),
            search: newer.search.or(older.search),
        }
    }
}

/// Searches on its own thread so typing never waits for matching. Results for a query
/// that is no longer the newest are dropped by `App::update`.
pub(crate) fn spawn_search_worker(
    catalog: Arc<Catalog>,
    index: Arc<OnceLock<SearchIndex>>,
    events: Sender<Event>,
) -> Sender<SearchJob> {
    let (jobs, queue) = mpsc::channel::<SearchJob>();
    thread::spawn(move || {
        let (mut catalog, mut index) = (catalog, index);
        // Prepare the search while the user reads the first frame.
        index.get_or_init(|| SearchIndex::new(&catalog));
        while let Some(job) = newest_merged(&queue, SearchJob::merge) {
            if let Some((new_catalog, new_index)) = job.catalog {
                (catalog, index) = (new_catalog, new_index);
            }
            // Built now, so that a query typed later finds it ready.
            index.get_or_init(|| SearchIndex::new(&catalog));
            let Some((generation, query)) = job.search else {
                continue;
            };
            let done = search_in(&index, &catalog, generation, &query);
            if events.send(Event::Message(done)).is_err() {
                return;
            }
        }
    });
    jobs
}

/// Reads the dossier again, on its own thread, each time the file changes; only the
/// newest change waiting is read. What it finds, a catalog or a problem, goes to the loop.
pub(crate) fn spawn_reloader(path: PathBuf, events: Sender<Event>) -> Sender<()> {
    let (changes, queue) = mpsc::channel::<()>();
    thread::spawn(move || {
        while newest(&queue).is_some() {
            let reloaded = match Catalog::load(&path) {
                Ok(catalog) => Reload::loaded(Arc::new(catalog)),
                Err(error) => Reload(Err(first_line(&error.to_string()))),
            };
            if events
                .send(Event::Message(Message::Reloaded(reloaded)))
                .is_err()
            {
                return;
            }
        }
    });
    changes
}

/// Every frame a follower receives becomes an event of the loop. A dossier is loaded
/// here, off the UI thread, as a reloaded file is.
pub(crate) fn spawn_follower_reader(follower: Follower, events: Sender<Event>) {
    thread::spawn(move || {
        for frame in follower {
            let event = match share::cue(frame) {
                Cue::Position {
                    briefing,
                    stops,
                    stop,
                } => Event::Message(Message::Followed {
                    briefing,
                    stops,
                    stop,
                }),
                Cue::Dossier(catalog) => {
                    Event::Message(Message::Reloaded(Reload::loaded(Arc::new(*catalog))))
                }
                Cue::Unloadable(why) => Event::Unfollowed { ended: false, why },
                Cue::Over { ended, why } => Event::Unfollowed { ended, why },
                Cue::Nothing => continue,
            };
            if events.send(event).is_err() {
                return;
            }
        }
    });
}

/// Each steer from the presenter's console becomes the stop key it stands for, handed to
/// `update` as the presenter's own keys are: the state changes only there.
pub(crate) fn spawn_steer_reader(steers: Receiver<Steer>, events: Sender<Event>) {
    thread::spawn(move || {
        for steer in steers {
            let stop_key = match steer {
                Steer::Next => Message::NextStop,
                Steer::Prev => Message::PrevStop,
                Steer::First => Message::FirstStop,
                Steer::Last => Message::LastStop,
            };
            let steered = Message::Steered(Box::new(stop_key));
            if events.send(Event::Message(steered)).is_err() {
                return;
            }
        }
    });
}

/// Every frame the presenter's console receives becomes an event of its loop.
pub(crate) fn spawn_console_reader(link: ConsoleLink, events: Sender<Event>) {
    thread::spawn(move || {
        for frame in link {
            let safe = |message: &str| crate::text::inline(message).into_owned();
            let event = match frame {
                Ok(ConsoleFrame::State(state)) => Event::Presented(Box::new(state)),
                Ok(ConsoleFrame::End) => Event::Unfollowed {
                    ended: true,
                    why: "the briefing has ended".to_owned(),
                },
                Ok(ConsoleFrame::Dropped { reason }) => Event::Unfollowed {
                    ended: false,
                    why: safe(&reason),
                },
                Ok(ConsoleFrame::ConsoleHello { .. } | ConsoleFrame::Steer { .. }) => continue,
                Err(error) => Event::Unfollowed {
                    ended: false,
                    why: safe(&error.to_string()),
                },
            };
            if events.send(event).is_err() {
                return;
            }
        }
    });
}

/// Frees a catalog and its index the viewer no longer shows, off the UI thread: a big
/// dossier takes tens of milliseconds to free.
pub(crate) fn retire(retired: Retired) {
    thread::spawn(move || drop(retired));
}

/// `FILE:LINE:COL: message`, without the excerpt and caret that follow in a terminal.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backlog_comes_down_to_its_newest_job() {
        let (send, queue) = mpsc::channel();
        for job in 1..=5 {
            send.send(job).expect("queued");
        }
        assert_eq!(newest(&queue), Some(5));
        send.send(6).expect("queued");
        assert_eq!(newest(&queue), Some(6));
        drop(send);
        assert_eq!(newest(&queue), None);
    }

    #[test]
    fn a_search_backlog_keeps_the_newest_catalog_and_the_newest_query() {
        let catalog = Arc::new(Catalog::built_in().expect("the built-in dossier"));
        let (send, queue) = mpsc::channel();
        let job = |catalog: Option<Arc<Catalog>>, search: Option<&str>| SearchJob {
            catalog: catalog.map(|catalog| (catalog, Arc::default())),
            search: search.map(|query| (0, query.to_owned())),
        };
        send.send(job(None, Some("a"))).expect("queued");
        send.send(job(Some(Arc::clone(&catalog)), None))
            .expect("queued");
        send.send(job(None, Some("ab"))).expect("queued");
        let merged = newest_merged(&queue, SearchJob::merge).expect("a job");
        assert_eq!(merged.search, Some((0, "ab".to_owned())));
        assert!(
            merged
                .catalog
                .is_some_and(|(kept, _)| Arc::ptr_eq(&kept, &catalog))
        );
    }
}
