//! The detail pane: scrolling like `less`, the link cursor, and `n`/`N` over the finder's
//! matches.

use super::{App, scrolled};
use crate::model::ItemRef;
use crate::tui::view::Tab;

/// The finder's query, highlighted in the item it opened until another is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindInText {
    pub item: ItemRef,
    pub query: String,
    /// The match `n` and `N` last went to, an index into the pane's match rows.
    pub current: Option<usize>,
}

impl App {
    /// The query whose terms the detail pane highlights, if any.
    pub fn find_query(&self) -> Option<&str> {
        self.find
            .as_ref()
            .filter(|find| Some(find.item) == self.current())
            .map(|find| find.query.as_str())
    }

    /// The detail pane's links, in the order Tab visits them.
    pub fn links(&self) -> Vec<ItemRef> {
        match self.current() {
            Some(item) => crate::describe::describe(&self.catalog, item)
                .map_or_else(Vec::new, |description| description.links()),
            // The changes come first on the overview, as their links do.
            None if self.current_tab() == Tab::Overview => self
                .changed_items()
                .chain(crate::describe::overview(&self.catalog).links())
                .collect(),
            None => Vec::new(),
        }
    }

    /// The items added or changed since the baseline, in the overview's order.
    fn changed_items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        self.since
            .iter()
            .flat_map(|since| since.changes.items.iter())
            .filter(|change| change.change != crate::diff::Change::Removed)
            .filter_map(|change| change.new)
    }

    /// Scrolls the detail text; the link cursor stays only while its link is on screen.
    pub(super) fn scroll_detail(&mut self, lines: i32) {
        self.detail.scroll = scrolled(self.detail.scroll, lines).min(self.max_detail_scroll());
        self.drop_hidden_link();
    }

    /// Drops the link cursor when its link is not on screen. Then, at every size, Tab
    /// goes to the first link in view (or the next below it) and Enter opens the first
    /// link in view: the cursor is only ever where the user put it.
    pub(super) fn drop_hidden_link(&mut self) {
        let Some(geometry) = self.detail_geometry() else {
            return;
        };
        let on_screen = self
            .detail
            .link
            .and_then(|link| geometry.link_rows.get(link))
            .is_some_and(|&row| geometry.is_visible(row, self.detail.scroll));
        if !on_screen {
            self.detail.link = None;
        }
    }

    /// The link Enter opens: the one under the cursor, else the first on screen.
    pub(super) fn link_to_follow(&self) -> Option<usize> {
        self.detail.link.or_else(|| self.first_visible_link())
    }

    pub(super) fn first_visible_link(&self) -> Option<usize> {
        let geometry = self.detail_geometry()?;
        geometry
            .link_rows
            .iter()
            .position(|&row| geometry.is_visible(row, self.detail.scroll))
    }

    /// Moves the cursor to the next or previous link, from the one under the cursor or,
    /// when none is on screen, from the top of the view, and scrolls it into view.
    pub(super) fn move_link(&mut self, delta: isize) {
        let Some(geometry) = self.detail_geometry() else {
            return;
        };
        let count = geometry.link_rows.len();
        if count == 0 {
            return;
        }
        let next = match self.detail.link {
            Some(link) => (link as isize + delta).rem_euclid(count as isize) as usize,
            None => {
                let top = self.detail.scroll;
                let below = geometry.link_rows.iter().position(|&row| row >= top);
                match (below, delta > 0) {
                    (Some(first), true) => first,
                    (Some(first), false) => first.checked_sub(1).unwrap_or(count - 1),
                    (None, _) => count - 1,
                }
            }
        };
        self.detail.link = Some(next);
        if let Some(&row) = geometry.link_rows.get(next) {
            self.detail.scroll = geometry.scroll_to_show(row, self.detail.scroll);
        }
    }

    /// `n` and `N`: the next or previous row holding a match of the finder's query.
    pub(super) fn move_match(&mut self, delta: isize) {
        let Some(geometry) = self.detail_geometry() else {
            return;
        };
        let count = geometry.match_rows.len();
        let Some(find) = self.find.as_mut().filter(|_| count > 0) else {
            return;
        };
        let next = match find.current {
            Some(current) => (current as isize + delta).rem_euclid(count as isize) as usize,
            None if delta > 0 => 0,
            None => count - 1,
        };
        find.current = Some(next);
        if let Some(&row) = geometry.match_rows.get(next) {
            // Each match lands on the view's top row, as in `less`, where it can.
            self.detail.scroll = row.min(self.max_detail_scroll());
            self.drop_hidden_link();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{app, id, open_by_finder};
    use crate::tui::message::Message;

    #[test]
    fn scrolling_is_clamped_to_what_the_pane_can_show() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        app.update(Message::FocusDetail);
        for _ in 0..50 {
            app.update(Message::ScrollDetail(1));
        }
        let bottom = app.detail.scroll;
        assert!(bottom > 0);
        assert_eq!(bottom, app.max_detail_scroll());
        app.update(Message::ScrollDetail(-1));
        assert_eq!(app.detail.scroll, bottom - 1, "the first key back moves");
    }

    #[test]
    fn paging_the_detail_keeps_the_list_selection() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        app.update(Message::FocusDetail);
        app.update(Message::PageDown);
        assert!(app.detail.scroll > 0);
        assert_eq!(id(&app), "nl");
        app.update(Message::Top);
        assert_eq!(app.detail.scroll, 0);
        app.update(Message::Bottom);
        assert_eq!(app.detail.scroll, app.max_detail_scroll());
        assert_eq!(id(&app), "nl");
    }

    #[test]
    fn the_finder_query_is_found_in_the_text_until_another_item_shows() {
        let mut app = app();
        open_by_finder(&mut app, "nl-annual-consultation", "najaar");
        assert_eq!(app.find_query(), Some("najaar"));
        app.update(Message::NextMatch);
        assert_eq!(app.find.as_ref().and_then(|f| f.current), Some(0));
        app.update(Message::FocusList);
        app.update(Message::Down);
        assert_eq!(app.find, None);
        app.update(Message::Up);
        assert_eq!(app.find_query(), None, "gone for good");
    }
}
