//! Presenting and following: the stops, the briefing chooser, and a presenter's position
//! shown in a follower.

use super::{App, Message, Mode};
use crate::model::{ItemRef, Kind};
use crate::tui::message::Screen;
use crate::tui::view::{Presentation, Stop};

impl App {
    /// What a follower needs to show the presentation on screen: the briefing's id, the
    /// stops as ids (the briefing's own id first for its title screen) and the stop.
    pub fn shared_position(&self) -> Option<(Option<String>, Vec<String>, usize)> {
        let Mode::Present(presentation) = &self.mode else {
            return None;
        };
        let id = |item: ItemRef| self.catalog.get(item).map(|found| found.id().to_owned());
        let briefing = presentation.briefing.and_then(id);
        let stops = presentation
            .stops
            .iter()
            .filter_map(|stop| match stop {
                Stop::Title => briefing.clone(),
                Stop::Item(item) => id(*item),
            })
            .collect();
        Some((briefing, stops, presentation.stop))
    }

    /// Shows the presenter's position: the same sequence, found by id in the dossier the
    /// presenter sent. The follower's own scroll starts again at each new stop.
    pub(super) fn follow(&mut self, briefing: Option<&str>, stops: &[String], stop: usize) {
        // Only a follower hears where a presenter is.
        self.following = true;
        let briefing = briefing.and_then(|id| self.catalog.find(id));
        let stops: Vec<Stop> = stops
            .iter()
            .filter_map(|id| match self.catalog.find(id) {
                Some(item) if Some(item) == briefing => Some(Stop::Title),
                Some(item) => Some(Stop::Item(item)),
                None => None,
            })
            .collect();
        let shown = match &self.mode {
            Mode::Present(shown) => Some(shown),
            Mode::Help { behind, .. } => behind.as_ref(),
            _ => None,
        };
        let scroll = match shown {
            Some(shown) if shown.stop == stop && shown.stops == stops => shown.scroll,
            _ => 0,
        };
        let presentation = Presentation {
            briefing,
            stop: stop.min(stops.len().saturating_sub(1)),
            stops,
            scroll,
            standalone: true,
        };
        // Under the help, the presenter moves on without the follower seeing it yet.
        if let Mode::Help { behind, .. } = &mut self.mode {
            *behind = Some(presentation);
        } else {
            self.mode = Mode::Present(presentation);
        }
    }

    /// `p`: the pins in pin order, else the briefing selected, else the dossier's only
    /// briefing, a choice of them, or the current list.
    pub(super) fn start_presenting(&mut self) {
        if let Some(presentation) = Presentation::of_items(self.pins.iter().copied()) {
            self.mode = Mode::Present(presentation);
            return;
        }
        // The briefing selected on the Briefings tab is the one meant.
        if let Some(briefing) = self.current().filter(|item| item.kind == Kind::Briefing)
            && let Some(presentation) = Presentation::of_briefing(&self.catalog, briefing)
        {
            self.mode = Mode::Present(presentation);
            return;
        }
        let briefings: Vec<ItemRef> = self.catalog.items(Kind::Briefing).collect();
        let presentation = match briefings.as_slice() {
            [] => Presentation::of_items(
                self.kind()
                    .map_or_else(Vec::new, |kind| self.catalog.items(kind).collect()),
            ),
            [only] => Presentation::of_briefing(&self.catalog, *only),
            _ => {
                self.mode = Mode::ChooseBriefing { selected: 0 };
                return;
            }
        };
        if let Some(presentation) = presentation {
            self.mode = Mode::Present(presentation);
        }
    }

    pub(super) fn update_chooser(&mut self, message: Message) {
        let count = self.catalog.count(Kind::Briefing);
        let Mode::ChooseBriefing { selected } = &mut self.mode else {
            return;
        };
        match message {
            Message::Up => *selected = selected.saturating_sub(1),
            Message::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Message::Choose => {
                let briefing = ItemRef {
                    kind: Kind::Briefing,
                    index: *selected,
                };
                self.mode = Presentation::of_briefing(&self.catalog, briefing)
                    .map_or(Mode::Browse, Mode::Present);
            }
            Message::Close => self.mode = Mode::Browse,
            _ => {}
        }
    }

    pub(super) fn update_present(&mut self, message: Message) {
        let height = usize::from(self.present_area().height);
        let max_scroll = self.max_present_scroll();
        let Mode::Present(presentation) = &mut self.mode else {
            return;
        };
        let before = presentation.stop;
        match message {
            Message::PresenterSteers => {
                let (down, up) = (
                    self.keymap
                        .key_name(Screen::Follow, &Message::Down, &self.symbols),
                    self.keymap
                        .key_name(Screen::Follow, &Message::Up, &self.symbols),
                );
                self.notice = Some(format!(
                    "the presenter moves the stops; {down} and {up} scroll your view"
                ));
                return;
            }
            Message::Edit => {
                self.notice = Some(
                    "following: the dossier is the presenter's to edit; you see each version they save"
                        .to_owned(),
                );
                return;
            }
            Message::ToggleNotes => {
                self.notes_shown = !self.notes_shown;
                let key =
                    self.keymap
                        .key_name(Screen::Present, &Message::ToggleNotes, &self.symbols);
                self.notice = Some(if self.notes_shown {
                    format!("the presenter's notes show; {key} hides them")
                } else {
                    format!("the presenter's notes are hidden; {key} shows them")
                });
                return;
            }
            Message::NextStop | Message::PrevStop | Message::FirstStop | Message::LastStop => {
                step(presentation, &message);
            }
            Message::Down => presentation.scroll = (presentation.scroll + 1).min(max_scroll),
            Message::Up => presentation.scroll = presentation.scroll.saturating_sub(1),
            Message::PageDown => {
                presentation.scroll = (presentation.scroll + height.max(1)).min(max_scroll);
            }
            Message::PageUp => presentation.scroll = presentation.scroll.saturating_sub(height),
            Message::Close => {
                if presentation.standalone {
                    self.quit = true;
                } else {
                    self.mode = Mode::Browse;
                }
                return;
            }
            Message::ToggleHelp => {
                let behind = Some(presentation.clone());
                self.mode = Mode::Help { scroll: 0, behind };
                return;
            }
            _ => {}
        }
        if presentation.stop != before {
            presentation.scroll = 0;
        }
    }

    /// The presentation on screen, or under the help opened over it.
    pub(crate) fn presented(&self) -> Option<&Presentation> {
        match &self.mode {
            Mode::Present(presentation) => Some(presentation),
            Mode::Help { behind, .. } => behind.as_ref(),
            _ => None,
        }
    }

    /// A stop key from the presenter's console: it moves the presentation whatever the
    /// presenter has open over it (the help), as the presenter's own stop keys would.
    pub(super) fn steered(&mut self, message: &Message) {
        let stop_key = matches!(
            message,
            Message::NextStop | Message::PrevStop | Message::FirstStop | Message::LastStop
        );
        if !stop_key {
            return;
        }
        match &mut self.mode {
            Mode::Present(_) => self.update_present(message.clone()),
            Mode::Help {
                behind: Some(presentation),
                ..
            } => step(presentation, message),
            _ => {}
        }
    }

    /// How far the current stop can scroll at the current size.
    pub(crate) fn max_present_scroll(&self) -> usize {
        let Mode::Present(presentation) = &self.mode else {
            return 0;
        };
        let area = self.present_area();
        self.with_stop_lines(presentation, area.width, |lines| {
            lines.len().saturating_sub(usize::from(area.height))
        })
    }
}

/// Moves to another stop for a stop key, at its top.
fn step(presentation: &mut Presentation, message: &Message) {
    let last = presentation.stops.len().saturating_sub(1);
    let before = presentation.stop;
    presentation.stop = match message {
        Message::NextStop => (presentation.stop + 1).min(last),
        Message::PrevStop => presentation.stop.saturating_sub(1),
        Message::FirstStop => 0,
        Message::LastStop => last,
        _ => presentation.stop,
    };
    if presentation.stop != before {
        presentation.scroll = 0;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::test_support::app;
    use super::*;
    use crate::tui::keys::message_for;

    fn press(app: &mut App, code: KeyCode) {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(message) = message_for(app.screen(), key) {
            app.update(message);
        }
    }

    #[test]
    fn escape_leaves_a_presentation_and_quits_only_one_started_alone() {
        let mut app = app();
        press(&mut app, KeyCode::Char('p'));
        assert!(
            matches!(app.mode, Mode::ChooseBriefing { .. }),
            "two briefings"
        );
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.mode, Mode::Present(_)));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Browse);
        assert!(!app.quit, "the viewer goes on");
        press(&mut app, KeyCode::Esc);
        assert!(!app.quit, "Esc in a list does nothing");

        // `dossier present`: the presentation is the program.
        let briefing = app
            .catalog
            .items(Kind::Briefing)
            .next()
            .expect("a briefing");
        let presentation = Presentation::of_briefing(&app.catalog, briefing).expect("stops");
        let mut alone = App::presenting(Arc::clone(&app.catalog), app.theme, presentation);
        press(&mut alone, KeyCode::Esc);
        assert!(alone.quit);
    }

    #[test]
    fn a_stop_is_laid_out_once_however_often_it_scrolls() {
        let mut app = app();
        app.update(Message::Resize(40, 10));
        let items = app.catalog.items(Kind::Action).collect::<Vec<_>>();
        let presentation = Presentation::of_items(items).expect("stops");
        app.mode = Mode::Present(presentation);
        app.update(Message::Down);
        let laid_out = app.layouts;
        for _ in 0..20 {
            app.update(Message::Down);
            app.update(Message::Up);
        }
        assert_eq!(app.layouts, laid_out, "scrolling reads the page laid out");
        app.update(Message::NextStop);
        assert_eq!(app.layouts, laid_out + 1, "a new stop is laid out once");
    }

    #[test]
    fn the_console_steers_the_presentation_even_under_the_help() {
        let mut app = app();
        let briefing = app
            .catalog
            .items(Kind::Briefing)
            .next()
            .expect("a briefing");
        let presentation = Presentation::of_briefing(&app.catalog, briefing).expect("stops");
        app.mode = Mode::Present(presentation);
        app.update(Message::Steered(Box::new(Message::NextStop)));
        assert_eq!(app.presented().map(|shown| shown.stop), Some(1));
        app.update(Message::ToggleHelp);
        app.update(Message::Steered(Box::new(Message::LastStop)));
        let last = app.presented().map(|shown| shown.stops.len() - 1);
        assert_eq!(app.presented().map(|shown| shown.stop), last);
        assert!(matches!(app.mode, Mode::Help { .. }), "the help stays open");
        // Only stop keys steer: the console cannot close the presentation.
        app.update(Message::Steered(Box::new(Message::Close)));
        assert!(!app.quit);
        assert!(matches!(app.mode, Mode::Help { .. }));
    }

    #[test]
    fn p_on_a_selected_briefing_presents_it() {
        let mut app = app();
        let briefings: Vec<ItemRef> = app.catalog.items(Kind::Briefing).collect();
        let second = *briefings.get(1).expect("two bundled briefings");
        app.update(Message::SelectTab(5));
        app.update(Message::Down);
        assert_eq!(app.current(), Some(second));
        press(&mut app, KeyCode::Char('p'));
        let Mode::Present(presentation) = &app.mode else {
            panic!("presenting: {:?}", app.mode)
        };
        assert_eq!(presentation.briefing, Some(second));
    }
}
