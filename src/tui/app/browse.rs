//! Browsing: the lists, the tabs, jumps and history, the mouse, copying and pins.

use super::{App, Effect, Message, Mode, kind_index};
use crate::tui::layout::Hit;
use crate::tui::message::Screen;
use crate::tui::view::{DetailView, Focus, Place, Tab};

/// The most a copy sends the terminal: terminals and tmux drop longer OSC 52 sequences.
const COPY_LIMIT: usize = 100 * 1024;

impl App {
    pub(super) fn update_browse(&mut self, message: Message) -> Option<Effect> {
        self.refresh_pages();
        let in_detail = self.focus == Focus::Detail;
        let page = self.detail_height().max(1) as i32;
        match message {
            Message::Up if in_detail => self.scroll_detail(-1),
            Message::Down if in_detail => self.scroll_detail(1),
            Message::PageUp if in_detail => self.scroll_detail(-page),
            Message::PageDown if in_detail => self.scroll_detail(page),
            Message::Top if in_detail => self.scroll_detail(i32::MIN),
            Message::Bottom if in_detail => self.scroll_detail(i32::MAX),
            Message::Up => self.move_selection(-1),
            Message::Down => self.move_selection(1),
            Message::PageUp => self.move_selection(-(self.list_page() as isize)),
            Message::PageDown => self.move_selection(self.list_page() as isize),
            Message::Top => self.move_selection(isize::MIN / 2),
            Message::Bottom => self.move_selection(isize::MAX / 2),
            Message::NextTab => self.select_tab((self.tab + 1) % Tab::count()),
            Message::PrevTab => self.select_tab((self.tab + Tab::count() - 1) % Tab::count()),
            Message::SelectTab(tab) if tab < Tab::count() => self.select_tab(tab),
            Message::FocusDetail if self.current().is_some() => {
                self.focus = Focus::Detail;
                self.land();
            }
            // Leaving the detail pane for the list ends a zoom: the list comes back.
            Message::FocusList if self.kind().is_some() => {
                self.focus = Focus::List;
                self.zoomed = false;
            }
            Message::NextLink => self.move_link(1),
            Message::PrevLink => self.move_link(-1),
            Message::FollowLink => {
                let links = self.links();
                if let Some(&target) = self.link_to_follow().and_then(|link| links.get(link)) {
                    self.jump(Place::Item(target));
                    self.land();
                }
            }
            Message::ScrollDetail(lines) => self.scroll_detail(lines),
            Message::ScrollDetailHalfPage(direction) => self.scroll_detail(direction * page / 2),
            Message::NextMatch => self.move_match(1),
            Message::PrevMatch => self.move_match(-1),
            Message::Back => {
                if let Some(to) = self.history.back(self.place()) {
                    self.show(to);
                    self.land();
                }
            }
            Message::Forward => {
                if let Some(to) = self.history.forward(self.place()) {
                    self.show(to);
                    self.land();
                }
            }
            Message::OpenFinder => {
                self.mode = Mode::Finder(super::Finder::default());
                return Some(Effect::Search {
                    generation: 0,
                    query: String::new(),
                });
            }
            // Pasting where nothing is typed looks the text up: an id, a name.
            Message::Paste(text) => {
                self.mode = Mode::Finder(super::Finder::default());
                return self.update_finder(Message::Paste(text));
            }
            Message::ToggleZoom => {
                self.zoomed = !self.zoomed;
                if self.zoomed && self.current().is_some() {
                    self.focus = Focus::Detail;
                    self.land();
                }
            }
            Message::Click { column, row } => self.click(column, row),
            Message::Wheel { column, row, lines } => match self.hit_test(column, row) {
                Some(Hit::List | Hit::ListRow(_)) => {
                    self.move_selection(lines as isize);
                }
                Some(Hit::Detail | Hit::Link(_)) => self.scroll_detail(lines),
                _ => {}
            },
            Message::Present => self.start_presenting(),
            Message::Copy | Message::CopyId => return self.copy(message == Message::CopyId),
            Message::TogglePin => self.toggle_pin(),
            Message::Edit => return self.edit(),
            Message::ToggleHelp => {
                self.mode = Mode::Help {
                    scroll: 0,
                    behind: None,
                }
            }
            Message::ToggleProblems => self.mode = Mode::Problems { scroll: 0 },
            _ => {}
        }
        None
    }

    /// `y` and `Y`: the current item as the text `dossier export ID` prints, or its id.
    fn copy(&mut self, id_only: bool) -> Option<Effect> {
        let found = self.current().and_then(|item| self.catalog.get(item))?;
        let id = found.id().to_owned();
        let text = if id_only {
            id.clone()
        } else {
            crate::export::item_markdown(&self.catalog, self.current()?)?
        };
        if text.len() > COPY_LIMIT {
            self.notice = Some(format!(
                "not copied: {} KB is more than a terminal takes ({} KB at most)",
                text.len() / 1024,
                COPY_LIMIT / 1024
            ));
            return None;
        }
        self.notice = Some(if id_only {
            format!("copied the id {}", crate::text::inline(&id))
        } else {
            format!("copied {} ({} bytes)", crate::text::inline(&id), text.len())
        });
        Some(Effect::Copy(text))
    }

    /// `e`: the dossier's file in the author's editor, at the current item's line (the
    /// overview opens it at the top). The runtime hands the terminal over.
    fn edit(&mut self) -> Option<Effect> {
        let Some(file) = self.file.clone() else {
            self.notice =
                Some("the built-in dossier has no file; `dossier init` writes one".to_owned());
            return None;
        };
        let line = self.current().and_then(|item| self.catalog.line(item));
        Some(Effect::Edit { file, line })
    }

    /// `m`: pins the current item, or unpins it.
    fn toggle_pin(&mut self) {
        let Some(item) = self.current() else { return };
        if let Some(at) = self.pins.iter().position(|&pinned| pinned == item) {
            self.pins.remove(at);
            self.notice = Some(format!("unpinned; {} pinned", self.pins.len()));
        } else {
            self.pins.push(item);
            let present = self
                .keymap
                .key_name(Screen::List, &Message::Present, &self.symbols);
            self.notice = Some(format!(
                "pinned; {} pinned, {present} presents them",
                self.pins.len()
            ));
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let Some(kind) = self.kind() else { return };
        let Some(last) = self.catalog.count(kind).checked_sub(1) else {
            return;
        };
        if let Some(selected) = self.selected.get_mut(kind_index(kind)) {
            let moved = selected.saturating_add_signed(delta).min(last);
            if moved != *selected {
                *selected = moved;
                self.detail = DetailView::default();
            }
        }
    }

    fn select_tab(&mut self, tab: usize) {
        if tab != self.tab {
            self.tab = tab;
            self.detail = DetailView::default();
        }
        // The overview has no list: its keys scroll its text.
        self.focus = match self.current_tab() {
            Tab::Overview => Focus::Detail,
            Tab::List(_) => Focus::List,
        };
    }

    /// Goes to `target`, remembering where we were.
    pub(super) fn jump(&mut self, target: Place) {
        let current = self.place();
        if current != target {
            self.history.jump(current, target);
            self.show(target);
        }
    }

    /// A click: on a tab selects it, on a list row selects that item, on a link follows
    /// it, anywhere in the detail pane gives it the keys.
    fn click(&mut self, column: u16, row: u16) {
        match self.hit_test(column, row) {
            Some(Hit::Tab(tab)) => self.select_tab(tab),
            Some(Hit::ListRow(index)) => {
                self.focus = Focus::List;
                let delta = index as isize - self.selected_index() as isize;
                self.move_selection(delta);
            }
            Some(Hit::Link(link)) => {
                self.focus = Focus::Detail;
                self.detail.link = Some(link);
                if let Some(&target) = self.links().get(link) {
                    self.jump(Place::Item(target));
                    self.land();
                }
            }
            Some(Hit::Detail) if self.current().is_some() => {
                self.focus = Focus::Detail;
                self.land();
            }
            Some(Hit::List) => self.focus = Focus::List,
            _ => {}
        }
    }

    /// After a jump, or when the detail pane takes the keys: its pages laid out, and no
    /// link cursor the user cannot see. Enter goes on to the first link in view, and Tab
    /// to the same link at every size.
    pub(super) fn land(&mut self) {
        self.refresh_pages();
        self.drop_hidden_link();
    }

    /// Shows `place`: its tab, with it selected.
    pub(super) fn show(&mut self, place: Place) {
        match place {
            Place::Tab(tab) => self.select_tab(tab),
            Place::Item(item) => {
                let Some(tab) = Tab::all().position(|tab| tab == Tab::List(item.kind)) else {
                    return;
                };
                let focus = self.focus;
                self.select_tab(tab);
                self.focus = focus;
                if let Some(selected) = self.selected.get_mut(kind_index(item.kind))
                    && *selected != item.index
                {
                    *selected = item.index;
                    self.detail = DetailView::default();
                }
            }
        }
    }

    fn detail_height(&self) -> usize {
        self.detail_geometry().map_or(0, |geometry| geometry.height)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{app, id, open_by_finder};
    use crate::model::Kind;
    use crate::tui::message::{Message, Screen};
    use crate::tui::view::Tab;

    #[test]
    fn selection_stays_within_the_list() {
        let mut app = app();
        app.update(Message::Up);
        assert_eq!(app.selected_index(), 0);
        app.update(Message::Bottom);
        assert_eq!(app.selected_index(), 4);
        app.update(Message::Down);
        assert_eq!(app.selected_index(), 4);
        app.update(Message::PageUp);
        assert_eq!(app.selected_index(), 0);
    }

    #[test]
    fn tabs_wrap_and_keep_their_own_selection() {
        let mut app = app();
        app.update(Message::Down);
        app.update(Message::PrevTab);
        assert_eq!(app.current_tab(), Tab::Overview);
        app.update(Message::PrevTab);
        assert_eq!(app.current_tab(), Tab::List(Kind::Briefing));
        app.update(Message::SelectTab(1));
        assert_eq!(app.selected_index(), 1);
        app.update(Message::SelectTab(9));
        assert_eq!(app.current_tab(), Tab::List(Kind::Country));
    }

    #[test]
    fn the_overview_has_no_item_and_scrolls_like_a_detail_pane() {
        let mut app = app();
        // Small enough that the overview does not fit.
        app.update(Message::Resize(60, 16));
        app.update(Message::SelectTab(0));
        assert_eq!(app.current(), None);
        assert_eq!(app.screen(), Screen::Overview);
        let bottom = app.max_detail_scroll();
        assert!(bottom > 1, "the overview is longer than the pane");
        app.update(Message::Down);
        assert_eq!(app.detail.scroll, 1);
        app.update(Message::Bottom);
        assert_eq!(app.detail.scroll, bottom);
        app.update(Message::PageUp);
        assert!(app.detail.scroll < bottom);
        app.update(Message::FocusList);
        assert_eq!(app.screen(), Screen::Overview, "no list to go to");
    }

    #[test]
    fn jumps_moves_and_back() {
        let mut app = app();
        open_by_finder(&mut app, "coarm", "coarm");
        app.update(Message::FocusList);
        app.update(Message::Down);
        assert_eq!(id(&app), "duwp");
        app.update(Message::Back);
        assert_eq!(id(&app), "coarm", "the jump's target first");
        app.update(Message::Back);
        assert_eq!(id(&app), "nl", "then where the jump started");
        app.update(Message::Forward);
        app.update(Message::Forward);
        assert_eq!(id(&app), "duwp");
    }

    #[test]
    fn following_a_link_is_a_jump() {
        let mut app = app();
        app.update(Message::FocusDetail);
        let links = app.links();
        assert!(links.len() >= 2, "the Netherlands has links");
        app.update(Message::NextLink);
        app.update(Message::NextLink);
        app.update(Message::FollowLink);
        assert_eq!(app.current(), links.get(1).copied());
        app.update(Message::Back);
        assert_eq!(id(&app), "nl");
    }

    #[test]
    fn tab_goes_to_the_first_link_at_every_size() {
        for (width, height) in [(80, 24), (120, 40), (200, 50)] {
            let mut app = app();
            app.update(Message::Resize(width, height));
            app.update(Message::FocusDetail);
            assert_eq!(
                app.detail.link, None,
                "{width}x{height}: nothing chosen yet"
            );
            app.update(Message::NextLink);
            assert_eq!(app.detail.link, Some(0), "{width}x{height}");
            // And after a jump, the same.
            app.update(Message::FollowLink);
            assert_eq!(app.detail.link, None, "{width}x{height}");
            app.update(Message::NextLink);
            assert_eq!(app.detail.link, Some(0), "{width}x{height}");
        }
    }

    #[test]
    fn enter_goes_on_to_the_first_link_in_view() {
        let mut app = app();
        app.update(Message::Resize(120, 40));
        app.update(Message::FocusDetail);
        let first = app.links().first().copied();
        app.update(Message::FollowLink);
        assert_eq!(app.current(), first);
    }

    #[test]
    fn the_overview_links_to_the_partners_briefings_and_sources() {
        let mut app = app();
        app.update(Message::SelectTab(0));
        let links = app.links();
        let first = app.catalog.find("nl");
        assert_eq!(links.first().copied(), first, "the first partner first");
        assert_eq!(
            links.len(),
            5 + 2 + 1,
            "five partners, two briefings, a source"
        );
        app.update(Message::NextLink);
        app.update(Message::FollowLink);
        assert_eq!(app.current(), first);
        app.update(Message::Back);
        assert_eq!(app.current_tab(), Tab::Overview);
    }
}
