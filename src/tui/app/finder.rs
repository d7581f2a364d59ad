//! The finder: a query typed and edited like a shell's line, its results arriving from
//! the search worker, and Enter opening one.

use std::sync::OnceLock;

use super::{App, Effect, Message, Mode};
use crate::catalog::Catalog;
use crate::model::ItemRef;
use crate::query::QueryError;
use crate::search::{Narrowing, Query, Results, SearchIndex};
use crate::tui::layout::{FinderAreas, PageKey};
use crate::tui::view::{Focus, Place};

use super::detail::FindInText;

/// How many finder results are kept; the count above them still says how many matched.
const FINDER_LIMIT: usize = 500;

/// The fuzzy finder overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub query: String,
    /// Where typing goes in `query`: a byte offset, always on a character boundary.
    pub cursor: usize,
    /// What is wrong with the query, when it cannot run; the last good results stay.
    pub error: Option<QueryError>,
    /// After a reload, the item to select again when the new results arrive.
    pub keep: Option<ItemRef>,
    /// Bumped on every edit; results for an older generation are stale and dropped.
    pub generation: u64,
    pub results: Results,
    /// The query the shown results belong to, to say when newer ones are on their way.
    pub results_generation: u64,
    pub selected: usize,
}

impl Finder {
    pub fn is_searching(&self) -> bool {
        self.results_generation != self.generation
    }
}

impl App {
    /// The preview the finder shows now: the highlighted result, at the preview's width,
    /// with the query's words.
    pub(crate) fn preview_key(&self) -> Option<PageKey> {
        let Mode::Finder(finder) = &self.mode else {
            return None;
        };
        let areas = self.areas()?;
        let preview = FinderAreas::of(areas.body, self.size.0).preview?;
        let hit = finder.results.hits.get(finder.selected)?;
        Some(PageKey::preview(
            hit.item,
            preview.width,
            &finder.query,
            self.version,
        ))
    }

    pub(super) fn update_finder(&mut self, message: Message) -> Option<Effect> {
        let page = self.list_page() as isize;
        let Mode::Finder(finder) = &mut self.mode else {
            return None;
        };
        match message {
            Message::FinderType(_)
            | Message::FinderBackspace
            | Message::FinderDeleteWord
            | Message::FinderClear
            | Message::Paste(_) => return finder.edit(&message),
            Message::FinderLeft
            | Message::FinderRight
            | Message::FinderWordLeft
            | Message::FinderWordRight
            | Message::FinderHome
            | Message::FinderEnd => finder.move_cursor(&message),
            Message::FinderUp => finder.move_selection(-1),
            Message::FinderDown => finder.move_selection(1),
            Message::FinderPageUp => finder.move_selection(-page),
            Message::FinderPageDown => finder.move_selection(page),
            Message::FinderOpen => {
                if let Some(hit) = finder.results.hits.get(finder.selected) {
                    let (target, query) = (hit.item, finder.query.clone());
                    self.mode = Mode::Browse;
                    self.jump(Place::Item(target));
                    self.focus = Focus::Detail;
                    self.land();
                    if Query::words(&query).has_words() {
                        self.find = Some(FindInText {
                            item: target,
                            query,
                            current: None,
                        });
                    }
                }
            }
            Message::Close => self.mode = Mode::Browse,
            _ => {}
        }
        None
    }
}

impl Finder {
    fn edit(&mut self, message: &Message) -> Option<Effect> {
        let length = self.query.len();
        let at = self.cursor.min(length);
        match message {
            Message::FinderType(c) => {
                self.query.insert(at, *c);
                self.cursor = at + c.len_utf8();
            }
            Message::FinderBackspace => {
                if let Some((start, _)) = self.query[..at].char_indices().next_back() {
                    self.query.replace_range(start..at, "");
                    self.cursor = start;
                }
            }
            Message::FinderDeleteWord => {
                let start = word_start_before(&self.query, at);
                self.query.replace_range(start..at, "");
                self.cursor = start;
            }
            Message::FinderClear => {
                self.query.clear();
                self.cursor = 0;
            }
            Message::Paste(text) if text.is_empty() => {}
            Message::Paste(text) => {
                // A query is one line: line breaks and other controls become spaces.
                let text: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                self.query.insert_str(at, &text);
                self.cursor = at + text.len();
            }
            _ => {}
        }
        // Every edit changes the length, and an edit that changed nothing did not.
        if self.query.len() == length {
            return None;
        }
        self.generation += 1;
        Some(Effect::Search {
            generation: self.generation,
            query: self.query.clone(),
        })
    }

    /// Moves the cursor by a character, a word, or to an end of the query.
    fn move_cursor(&mut self, message: &Message) {
        let at = self.cursor.min(self.query.len());
        self.cursor = match message {
            Message::FinderLeft => self.query[..at]
                .char_indices()
                .next_back()
                .map_or(0, |(start, _)| start),
            Message::FinderRight => self.query[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8()),
            Message::FinderWordLeft => word_start_before(&self.query, at),
            Message::FinderWordRight => word_end_after(&self.query, at),
            Message::FinderHome => 0,
            Message::FinderEnd => self.query.len(),
            _ => at,
        };
    }

    fn move_selection(&mut self, delta: isize) {
        let last = self.results.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub(super) fn receive(&mut self, generation: u64, results: Result<Results, QueryError>) {
        if self.generation != generation {
            return;
        }
        self.results_generation = generation;
        match results {
            Ok(results) => {
                let keep = self.keep.take();
                self.selected = keep
                    .and_then(|item| results.hits.iter().position(|hit| hit.item == item))
                    .unwrap_or(0);
                self.results = results;
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
    }
}

/// Where the word before byte `at` starts, spaces before it skipped, as readline's
/// Ctrl-w and Alt-b go.
fn word_start_before(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or(text);
    let trimmed = before.trim_end();
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(start, c)| start + c.len_utf8())
}

/// Where the word after byte `at` ends, spaces before it skipped, as Alt-f goes.
fn word_end_after(text: &str, at: usize) -> usize {
    let after = text.get(at..).unwrap_or_default();
    let skipped = after.len() - after.trim_start().len();
    let word = &after[skipped..];
    let length = word.find(char::is_whitespace).unwrap_or(word.len());
    at + skipped + length
}

/// Runs a finder search in the index held in `slot`, building it first if nobody has:
/// what the search worker does with each query. `narrowing` remembers the searches
/// before, so that a query typed on from the last searches only what it left.
pub fn search_in(
    slot: &OnceLock<SearchIndex>,
    catalog: &Catalog,
    narrowing: &mut Narrowing,
    generation: u64,
    query: &str,
) -> Message {
    let index = slot.get_or_init(|| SearchIndex::new(catalog));
    Message::SearchDone {
        generation,
        results: narrowing.search(index, query, Some(FINDER_LIMIT)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::app;
    use super::*;
    use crate::tui::message::Effect;

    #[test]
    fn stale_search_results_are_dropped() {
        let mut app = app();
        app.update(Message::OpenFinder);
        let first = app.update(Message::FinderType('n'));
        let second = app.update(Message::FinderType('l'));
        assert_eq!(
            second,
            Some(Effect::Search {
                generation: 2,
                query: "nl".to_owned()
            })
        );
        assert!(matches!(first, Some(Effect::Search { generation: 1, .. })));
        app.update(Message::SearchDone {
            generation: 1,
            results: Ok(Results {
                hits: Vec::new(),
                total: 99,
                per_kind: Vec::new(),
            }),
        });
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_ne!(finder.results.total, 99);
        assert!(finder.is_searching());
    }

    #[test]
    fn a_query_error_keeps_the_last_good_results() {
        let mut app = app();
        app.update(Message::OpenFinder);
        let mut generation = 0;
        for c in "nl statu:x".chars() {
            if let Some(Effect::Search {
                generation: g,
                query,
            }) = app.update(Message::FinderType(c))
            {
                generation = g;
                if query == "nl" {
                    let done = search_in(
                        &app.search_slot(),
                        &app.catalog,
                        &mut crate::search::Narrowing::new(),
                        g,
                        &query,
                    );
                    app.update(done);
                }
            }
        }
        let done = search_in(
            &app.search_slot(),
            &app.catalog,
            &mut crate::search::Narrowing::new(),
            generation,
            "nl statu:x",
        );
        app.update(done);
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        let error = finder.error.as_ref().expect("an error");
        assert!(error.message.contains("did you mean `status`"), "{error:?}");
        assert!(finder.results.total > 0, "the results for `nl` stay");
        assert!(!finder.is_searching());
    }

    #[test]
    fn the_finder_cursor_moves_and_edits_where_it_is() {
        let mut app = app();
        app.update(Message::OpenFinder);
        for c in "dual nl".chars() {
            app.update(Message::FinderType(c));
        }
        let query = |app: &App| match &app.mode {
            Mode::Finder(finder) => (finder.query.clone(), finder.cursor),
            _ => panic!("finder open"),
        };
        app.update(Message::FinderWordLeft);
        assert_eq!(query(&app), ("dual nl".to_owned(), 5));
        app.update(Message::FinderType('!'));
        assert_eq!(query(&app), ("dual !nl".to_owned(), 6));
        app.update(Message::FinderHome);
        app.update(Message::FinderRight);
        app.update(Message::FinderBackspace);
        assert_eq!(query(&app), ("ual !nl".to_owned(), 0));
        app.update(Message::FinderWordRight);
        assert_eq!(query(&app).1, 3);
        app.update(Message::FinderEnd);
        app.update(Message::FinderDeleteWord);
        assert_eq!(query(&app), ("ual ".to_owned(), 4));
        app.update(Message::FinderLeft);
        app.update(Message::FinderType('é'));
        assert_eq!(query(&app), ("ualé ".to_owned(), 5));
        app.update(Message::FinderLeft);
        assert_eq!(query(&app).1, 3, "a character back, not a byte");
    }

    #[test]
    fn editing_the_query() {
        let mut app = app();
        app.update(Message::OpenFinder);
        for c in "dual nl".chars() {
            app.update(Message::FinderType(c));
        }
        app.update(Message::FinderDeleteWord);
        app.update(Message::FinderBackspace);
        let Mode::Finder(finder) = &app.mode else {
            panic!("finder open")
        };
        assert_eq!(finder.query, "dual");
        assert!(app.update(Message::FinderClear).is_some());
        assert_eq!(
            app.update(Message::FinderClear),
            None,
            "no change, no search"
        );
    }

    #[test]
    fn escape_closes_the_finder_and_changes_nothing() {
        let mut app = app();
        app.update(Message::Down);
        let before = (app.tab, app.selected, app.history.clone());
        app.update(Message::OpenFinder);
        app.update(Message::FinderType('x'));
        app.update(Message::Close);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!((app.tab, app.selected, app.history.clone()), before);
        assert!(!app.quit);
    }
}
