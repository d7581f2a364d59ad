//! The footer: key hints for the current screen, read from the key table, and where the
//! user is. `? help` stays at every size; other hints go first, the least needed first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::layout::cells;
use crate::tui::layout::truncate;
use crate::tui::message::Message;
use crate::tui::view::{Place, Tab};

/// The least room a trail keeps beside the hints, when it needs it.
const MIN_LOCATION: usize = 12;

impl App {
    fn truncate(&self, text: &str, width: usize) -> String {
        truncate(text, width, self.symbols.ellipsis)
    }

    pub(super) fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut hints = self.keymap.footer_hints(self.screen(), &self.symbols);
        // The finder's query lit up in the item: where `n` works, not over the help.
        let next_match = self
            .keymap
            .key_name(self.screen(), &Message::NextMatch, &self.symbols);
        if self.find_query().is_some() && !next_match.is_empty() {
            hints.push((next_match, "next match", 1));
        }
        // Drop the least needed hints until the must-haves leave room for the place. A
        // trail takes no more room from the hints than the position it stands for: it
        // is cut instead. A notice, there for a moment, may take half the row.
        let hint_width = |hints: &[(String, &str, u8)]| -> usize {
            1 + hints
                .iter()
                .map(|(key, what, _)| key.width() + 1 + what.width() + 2)
                .sum::<usize>()
        };
        let mut location = self.location(usize::MAX).width();
        if self.notice.is_none() && self.oversized.is_none() {
            location = location.min(self.position().width().max(MIN_LOCATION));
        }
        while hint_width(&hints) + (location + 1).min(width / 2) > width {
            let Some(worst) = hints
                .iter()
                .enumerate()
                .filter(|(_, (_, _, rank))| *rank > 0)
                .max_by_key(|(index, (_, _, rank))| (*rank, *index))
                .map(|(index, _)| index)
            else {
                break;
            };
            hints.remove(worst);
        }
        let keys_width = hint_width(&hints).min(width);
        let [keys_area, location_area] =
            Layout::horizontal([Constraint::Length(keys_width as u16), Constraint::Fill(1)])
                .areas(area);
        let mut spans = vec![Span::raw(" ")];
        for (key, what, _) in &hints {
            spans.push(Span::styled(key.clone(), self.theme.key));
            spans.push(Span::styled(format!(" {what}  "), self.theme.dim));
        }
        Line::from(spans).render(keys_area, buf);
        let room = usize::from(location_area.width).saturating_sub(1);
        Line::styled(format!("{} ", self.location(room)), self.theme.dim)
            .right_aligned()
            .render(location_area, buf);
    }

    /// Where the user is, in at most `room` columns: the trail of jumps, or the tab and
    /// position. In a window too large to draw whole, that is said instead.
    pub fn location(&self, room: usize) -> String {
        // Text is cut at its end, never its start: its start says what it is.
        if let Some(notice) = &self.notice {
            return self.truncate(notice, room);
        }
        if let Some((width, height)) = self.oversized {
            let (shown_width, shown_height) = self.size;
            let times = self.symbols.times;
            let said = format!(
                "window {width}{times}{height}: showing {shown_width}{times}{shown_height}"
            );
            return self.truncate(&said, room);
        }
        let name = |place: &Place| match *place {
            Place::Item(item) => self
                .catalog
                .get(item)
                .map(|found| cells::inline(found.title()).into_owned())
                .unwrap_or_default(),
            Place::Tab(tab) => Tab::at(tab).map_or("", Tab::title).to_owned(),
        };
        let place = self.place();
        let mut earlier: Vec<String> = self.history.trail(&place).take(3).map(name).collect();
        if !earlier.is_empty() && self.current().is_some() {
            let more = earlier.len() > 2;
            earlier.truncate(2);
            earlier.reverse();
            return self.fit_trail(&earlier, more, &name(&place), room);
        }
        self.truncate(&self.position(), room)
    }

    /// The tab and the position in its list: `Countries 3/5`.
    fn position(&self) -> String {
        match self.kind() {
            Some(kind) => {
                let count = self.catalog.count(kind);
                let position = if count == 0 {
                    0
                } else {
                    self.selected_index() + 1
                };
                format!("{} {position}/{count}", kind.heading())
            }
            None => self.current_tab().title().to_owned(),
        }
    }

    /// `Netherlands › COARM › Annual consultation…` in `room` columns. The place shown
    /// matters most, then the place just before it: earlier names are cut short before
    /// any is left out, and the earliest are left out (as `…`) before the current one
    /// is cut.
    fn fit_trail(&self, earlier: &[String], more: bool, current: &str, room: usize) -> String {
        let ellipsis = self.symbols.ellipsis;
        for skip in 0..=earlier.len() {
            for cap in [usize::MAX, 24, 16] {
                let mut parts: Vec<String> = Vec::new();
                if more || skip > 0 {
                    parts.push(ellipsis.to_owned());
                }
                let kept = earlier.get(skip..).unwrap_or_default();
                parts.extend(kept.iter().map(|part| self.truncate(part, cap)));
                parts.push(current.to_owned());
                let joined = parts.join(self.symbols.trail);
                if joined.width() <= room {
                    return joined;
                }
            }
        }
        self.truncate(current, room)
    }
}
