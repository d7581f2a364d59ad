//! A new version of the dossier: carried over by id, so the user stays where they were.

use std::sync::Arc;

use super::{App, Cached, Mode, kind_index};
use crate::model::{ItemRef, Kind};
use crate::tui::message::{Effect, Loaded, Reload, Retired};
use crate::tui::view::{DetailView, Place};

use super::detail::FindInText;

impl App {
    /// Puts a new version of the dossier in place of the old one, carrying over what the
    /// user was looking at by id: the selected item of each list (or, when it is gone,
    /// its neighbour), the history, the pins, a presentation, the finder's query and
    /// selection, the highlighted query in the detail.
    pub(super) fn reload(&mut self, reload: Reload) -> Option<Effect> {
        match reload {
            Reload(Ok(loaded)) => Some(self.swap_in(loaded)),
            Reload(Err(problem)) => {
                self.banner = Some(problem);
                None
            }
        }
    }

    fn swap_in(&mut self, loaded: Loaded) -> Effect {
        let old = std::mem::replace(&mut self.catalog, loaded.catalog);
        self.version += 1;
        let new = Arc::clone(&self.catalog);
        let remap = |item: ItemRef| -> Option<ItemRef> {
            let id = old.get(item)?.id();
            new.find(id).filter(|found| found.kind == item.kind)
        };
        let current = self.current();
        for kind in Kind::ALL {
            let slot = kind_index(kind);
            let Some(&index) = self.selected.get(slot) else {
                continue;
            };
            let moved = remap(ItemRef { kind, index }).map_or_else(
                || index.min(new.count(kind).saturating_sub(1)),
                |item| item.index,
            );
            if let Some(selected) = self.selected.get_mut(slot) {
                *selected = moved;
            }
        }
        self.history.retain_map(|place| match *place {
            Place::Item(item) => remap(item).map(Place::Item),
            Place::Tab(tab) => Some(Place::Tab(tab)),
        });
        self.pins = self.pins.iter().filter_map(|&pin| remap(pin)).collect();
        if let Mode::Present(presentation) = &self.mode {
            self.mode = Mode::Present(presentation.carried_over(&new, &remap));
        }
        if let Mode::Help {
            behind: Some(behind),
            ..
        } = &mut self.mode
        {
            *behind = behind.carried_over(&new, &remap);
        }
        if let Mode::ChooseBriefing { selected } = &mut self.mode {
            *selected = (*selected).min(new.count(Kind::Briefing).saturating_sub(1));
        }
        self.find = self.find.take().and_then(|find| {
            Some(FindInText {
                item: remap(find.item)?,
                ..find
            })
        });
        // The same item keeps its place in the text; another starts at the top.
        if current.and_then(remap) != self.current() {
            self.detail = DetailView::default();
        }
        self.columns = loaded.columns;
        self.since = loaded.since;
        self.detail_page = Cached::default();
        self.preview_page = Cached::default();
        self.stop_page = Cached::default();
        let old_search = std::mem::take(&mut self.search);
        self.banner = None;
        let search = match &mut self.mode {
            Mode::Finder(finder) => {
                finder.keep = finder
                    .results
                    .hits
                    .get(finder.selected)
                    .and_then(|hit| remap(hit.item));
                finder.generation += 1;
                Some((finder.generation, finder.query.clone()))
            }
            _ => None,
        };
        Effect::Reindex {
            search,
            retired: Retired(old, old_search),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{THREE, catalog_of, id, open_by_finder};
    use super::*;
    use crate::tui::app::search_in;
    use crate::tui::message::Message;
    use crate::tui::view::{Presentation, Stop};

    #[test]
    fn a_reload_keeps_the_selection_history_and_finder_by_id() {
        let mut app = App::new(catalog_of(THREE), crate::tui::theme::DARK);
        app.update(Message::Resize(120, 40));
        app.update(Message::Down);
        app.update(Message::Down);
        assert_eq!(id(&app), "c");
        open_by_finder(&mut app, "f", "f");
        app.update(Message::FocusList);
        app.update(Message::SelectTab(1));
        // `b` and `c` swap places, and a new country comes first.
        let moved = r#"Dossier(title: "t2", countries: [Country(id: "z", name: "Z"),
            Country(id: "a", name: "A"), Country(id: "c", name: "C"), Country(id: "b", name: "B")],
            forums: [Forum(id: "f", name: "F", members: ["a"])])"#;
        let effect = app.update(Message::Reloaded(Reload::loaded(catalog_of(moved))));
        assert!(
            matches!(effect, Some(Effect::Reindex { search: None, .. })),
            "{effect:?}"
        );
        assert_eq!(id(&app), "c", "the same item, at its new place");
        assert_eq!(app.catalog.dossier.title, "t2");
        app.update(Message::SelectTab(2));
        app.update(Message::Back);
        assert_eq!(id(&app), "c", "the history found `c` again");
        assert_eq!(app.banner, None);
    }

    #[test]
    fn a_reload_carries_pins_and_a_presentation_over_by_id() {
        let before = r#"Dossier(title: "t", countries: [Country(id: "a", name: "A"),
            Country(id: "b", name: "B"), Country(id: "c", name: "C")],
            briefings: [Briefing(id: "br", title: "Br", summary: "s", items: ["a", "b", "c"])])"#;
        let mut app = App::new(catalog_of(before), crate::tui::theme::DARK);
        let find = |app: &App, id: &str| app.catalog.find(id).expect(id);
        app.pins = vec![find(&app, "c"), find(&app, "a")];
        let mut presentation =
            Presentation::of_briefing(&app.catalog, find(&app, "br")).expect("a briefing");
        presentation.stop = 2; // `b`
        presentation.scroll = 3;
        app.mode = Mode::Present(presentation);
        // Everything moves; the briefing loses `a` and `c` and gains `d`.
        let after = r#"Dossier(title: "t", countries: [Country(id: "d", name: "D"),
            Country(id: "c", name: "C"), Country(id: "b", name: "B"), Country(id: "a", name: "A")],
            briefings: [Briefing(id: "br", title: "Br", summary: "s", items: ["d", "b"])])"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(after))));
        let ids = |app: &App, items: &[ItemRef]| -> Vec<String> {
            let id = |item: &ItemRef| app.catalog.get(*item).map(|found| found.id().to_owned());
            items.iter().filter_map(id).collect()
        };
        assert_eq!(ids(&app, &app.pins), ["c", "a"]);
        let Mode::Present(shown) = &app.mode else {
            panic!("still presenting: {:?}", app.mode)
        };
        let stops: Vec<ItemRef> = shown
            .stops
            .iter()
            .filter_map(|stop| match stop {
                Stop::Title => None,
                Stop::Item(item) => Some(*item),
            })
            .collect();
        assert_eq!(shown.stops.first(), Some(&Stop::Title));
        assert_eq!(ids(&app, &stops), ["d", "b"], "the briefing's new stops");
        assert_eq!(shown.current(), Some(Stop::Item(find(&app, "b"))));
        assert_eq!(
            (shown.stop, shown.scroll),
            (2, 3),
            "on the same stop, scrolled"
        );
    }

    #[test]
    fn a_reload_without_the_selected_item_selects_its_neighbour() {
        let mut app = App::new(catalog_of(THREE), crate::tui::theme::DARK);
        app.update(Message::Down);
        let fewer = r#"Dossier(title: "t", countries: [Country(id: "a", name: "A"), Country(id: "c", name: "C")])"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(fewer))));
        assert_eq!(id(&app), "c", "its neighbour");
        let none = r#"Dossier(title: "t")"#;
        app.update(Message::Reloaded(Reload::loaded(catalog_of(none))));
        assert_eq!(app.current(), None);
    }

    #[test]
    fn a_broken_reload_keeps_the_view_and_says_why_until_fixed() {
        let mut app = App::new(catalog_of(THREE), crate::tui::theme::DARK);
        app.update(Message::Down);
        let problem = "d.ron:3:7: expected a comma".to_owned();
        app.update(Message::Reloaded(Reload(Err(problem.clone()))));
        assert_eq!(app.banner, Some(problem));
        assert_eq!(id(&app), "b");
        app.update(Message::Reloaded(Reload::loaded(catalog_of(THREE))));
        assert_eq!(app.banner, None);
        assert_eq!(id(&app), "b");
    }

    #[test]
    fn a_reload_runs_the_finder_again_and_keeps_its_selection() {
        let mut app = App::new(catalog_of(THREE), crate::tui::theme::DARK);
        app.update(Message::OpenFinder);
        let done = search_in(
            &app.search_slot(),
            &app.catalog,
            &mut crate::search::Narrowing::new(),
            0,
            "",
        );
        app.update(done);
        app.update(Message::FinderDown);
        app.update(Message::FinderUp);
        let reversed = r#"Dossier(title: "t", countries: [Country(id: "c", name: "C"),
            Country(id: "b", name: "B"), Country(id: "a", name: "A")])"#;
        let effect = app.update(Message::Reloaded(Reload::loaded(catalog_of(reversed))));
        let Some(Effect::Reindex {
            search: Some((generation, query)),
            ..
        }) = effect
        else {
            panic!("a search after the reindex: {effect:?}")
        };
        let done = search_in(
            &app.search_slot(),
            &app.catalog,
            &mut crate::search::Narrowing::new(),
            generation,
            &query,
        );
        app.update(done);
        let Mode::Finder(finder) = &app.mode else {
            panic!("the finder stays open")
        };
        let selected = finder.results.hits.get(finder.selected).map(|hit| hit.item);
        assert_eq!(selected, app.catalog.find("a"), "still `a`, now last");
    }
}
