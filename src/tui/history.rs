//! Back and forward over the places a user jumped to, like a browser's, except that
//! moving about in a list after a jump is one more step, not a loss: Backspace first
//! returns to where the jump landed, then to where it started.
//!
//! The footer shows the trail behind a place while the user stands where a jump, Back
//! or Forward put them; once they move on (in a list, to another tab) it has said what
//! it had to say, and goes. A place reads the same however it was reached: the trail is
//! the places Back would visit, each once.

/// How many steps Backspace can undo.
const LIMIT: usize = 1000;

/// The trail behind and ahead of the current place. `P` is a place: the viewer uses
/// an item or a tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<P> {
    back: Vec<P>,
    forward: Vec<P>,
    /// Where the last jump, back or forward put us. When the current place differs,
    /// the user has moved since, and that run of moves is a step of its own.
    landed: Option<P>,
}

impl<P> Default for History<P> {
    fn default() -> Self {
        History {
            back: Vec::new(),
            forward: Vec::new(),
            landed: None,
        }
    }
}

impl<P: Clone + PartialEq> History<P> {
    /// Records a jump from `current` to `target`; the forward trail is dropped.
    pub fn jump(&mut self, current: P, target: P) {
        if let Some(landed) = self.landed.take()
            && landed != current
        {
            self.push_back(landed);
        }
        self.push_back(current);
        self.forward.clear();
        self.landed = Some(target);
    }

    /// Where Backspace goes from `current`, if anywhere.
    pub fn back(&mut self, current: P) -> Option<P> {
        let to = match self.landed.take() {
            // Moved since landing: return to the landing place first. The moves were a
            // step of their own, so what lay ahead of the landing place no longer does.
            Some(landed) if landed != current => {
                self.forward.clear();
                landed
            }
            _ => self.back.pop()?,
        };
        self.forward.push(current);
        self.landed = Some(to.clone());
        Some(to)
    }

    /// Where `]` goes from `current`, if anywhere: the mirror of [`History::back`].
    pub fn forward(&mut self, current: P) -> Option<P> {
        if self
            .landed
            .as_ref()
            .is_some_and(|landed| *landed != current)
        {
            // Moved since landing, which is a step of its own, like a jump: what lay
            // ahead no longer does.
            self.forward.clear();
            return None;
        }
        let to = self.forward.pop()?;
        self.push_back(current);
        self.landed = Some(to.clone());
        Some(to)
    }

    /// Every place kept, through `keep`, which may change it or drop it: after a reload,
    /// items are found again by id, and those gone are forgotten.
    pub fn retain_map(&mut self, keep: impl Fn(&P) -> Option<P>) {
        self.back = self.back.iter().filter_map(&keep).collect();
        self.forward = self.forward.iter().filter_map(&keep).collect();
        self.landed = self.landed.as_ref().and_then(&keep);
    }

    /// The trail behind `current`, newest first, each place once (and never `current`):
    /// empty unless a jump, Back or Forward put the user at `current`.
    pub fn trail<'a>(&'a self, current: &'a P) -> impl Iterator<Item = &'a P> {
        let landed_here = self.landed.as_ref() == Some(current);
        let mut seen: Vec<&P> = Vec::new();
        self.back
            .iter()
            .rev()
            .filter(move |place| landed_here && *place != current)
            .filter(move |place| {
                let new = !seen.contains(place);
                if new {
                    seen.push(place);
                }
                new
            })
    }

    #[cfg(test)]
    pub(crate) fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    fn push_back(&mut self, place: P) {
        if self.back.last() != Some(&place) {
            self.back.push(place);
        }
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user at a place, with a history: jumps, moves and steps back and forth.
    struct User {
        at: &'static str,
        history: History<&'static str>,
    }

    impl User {
        fn new(at: &'static str) -> User {
            User {
                at,
                history: History::default(),
            }
        }
        fn jump(&mut self, to: &'static str) {
            self.history.jump(self.at, to);
            self.at = to;
        }
        fn go(&mut self, to: &'static str) {
            self.at = to;
        }
        fn back(&mut self) -> &'static str {
            if let Some(to) = self.history.back(self.at) {
                self.at = to;
            }
            self.at
        }
        fn forward(&mut self) -> &'static str {
            if let Some(to) = self.history.forward(self.at) {
                self.at = to;
            }
            self.at
        }
    }

    #[test]
    fn back_and_forward_over_jumps() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.jump("fr");
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.back(), "nl");
        assert_eq!(user.back(), "nl", "nothing further back");
        assert_eq!(user.forward(), "coarm");
        assert_eq!(user.forward(), "fr");
        assert_eq!(user.forward(), "fr", "nothing further forward");
    }

    #[test]
    fn moves_after_a_jump_return_first_to_the_jump_target() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.go("duwp");
        user.go("x");
        user.go("y");
        assert_eq!(user.back(), "coarm", "the jump's target first");
        assert_eq!(user.back(), "nl", "then where the jump started");
        assert_eq!(user.forward(), "coarm");
        assert_eq!(user.forward(), "y", "the run of moves is one step");
        assert_eq!(user.forward(), "y");
    }

    #[test]
    fn moves_before_a_jump_keep_the_place_jumped_from() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.go("duwp");
        user.jump("fr");
        assert_eq!(user.back(), "duwp");
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.back(), "nl");
        assert_eq!(user.forward(), "coarm");
        assert_eq!(user.forward(), "duwp");
        assert_eq!(user.forward(), "fr");
    }

    #[test]
    fn a_jump_after_going_back_drops_the_forward_trail() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.jump("fr");
        user.back();
        user.jump("dk");
        assert!(!user.history.can_go_forward());
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.back(), "nl");
    }

    #[test]
    fn moves_after_going_back_are_a_step_and_drop_what_lay_ahead() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.jump("fr");
        assert_eq!(user.back(), "coarm");
        user.go("duwp");
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.forward(), "duwp");
        assert_eq!(
            user.forward(),
            "duwp",
            "`fr` lay ahead of the moves, no longer"
        );
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.back(), "nl");
    }

    #[test]
    fn forward_after_moving_goes_nowhere() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.back();
        user.go("de");
        assert_eq!(user.forward(), "de");
        assert_eq!(user.back(), "nl", "back to where going back landed");
    }

    #[test]
    fn moves_alone_make_no_history() {
        let mut user = User::new("nl");
        user.go("de");
        user.go("dk");
        assert_eq!(user.back(), "dk");
        assert_eq!(user.forward(), "dk");
    }

    #[test]
    fn the_trail_is_bounded() {
        let mut history = History::default();
        for n in 0..LIMIT + 10 {
            history.jump(n, n + 1);
        }
        let at = LIMIT + 10;
        assert_eq!(history.trail(&at).count(), LIMIT);
        assert_eq!(history.trail(&at).last(), Some(&10));
    }

    impl User {
        fn trail(&self) -> Vec<&'static str> {
            let mut trail: Vec<_> = self.history.trail(&self.at).copied().collect();
            trail.reverse();
            trail
        }
    }

    #[test]
    fn the_trail_names_each_place_once_and_never_the_current_one() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.jump("nl");
        assert_eq!(user.trail(), ["coarm"]);
        user.jump("fr");
        assert_eq!(user.trail(), ["coarm", "nl"]);
        user.jump("coarm");
        assert_eq!(user.trail(), ["nl", "fr"]);
    }

    #[test]
    fn the_trail_reads_the_same_after_back_and_after_forward() {
        let mut user = User::new("nl");
        user.jump("coarm");
        user.go("duwp");
        user.jump("fr");
        let at_fr = user.trail();
        assert_eq!(at_fr, ["nl", "coarm", "duwp"]);
        user.back();
        let at_duwp = user.trail();
        assert_eq!(at_duwp, ["nl", "coarm"]);
        user.back();
        user.forward();
        assert_eq!(user.trail(), at_duwp);
        user.forward();
        assert_eq!(user.trail(), at_fr);
    }

    #[test]
    fn the_trail_goes_once_the_user_moves_on_and_comes_back_with_back() {
        let mut user = User::new("nl");
        user.jump("coarm");
        assert_eq!(user.trail(), ["nl"]);
        // Another tab shows the Netherlands again: no `Netherlands › Netherlands`.
        user.go("nl");
        assert!(user.trail().is_empty());
        user.go("de");
        assert!(user.trail().is_empty());
        assert_eq!(user.back(), "coarm");
        assert_eq!(user.trail(), ["nl"]);
        // Back where the jump started, nothing lies behind.
        assert_eq!(user.back(), "nl");
        assert!(user.trail().is_empty());
    }
}
