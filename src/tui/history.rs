//! Back and forward over the places a user jumped to, like a browser's, except that
//! moving about in a list after a jump is one more step, not a loss: Backspace first
//! returns to where the jump landed, then to where it started.

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

    /// The places behind, oldest first, for the footer's trail.
    pub fn trail(&self) -> impl DoubleEndedIterator<Item = &P> + ExactSizeIterator {
        self.back.iter()
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
        assert_eq!(history.trail().len(), LIMIT);
        assert_eq!(history.trail().next(), Some(&10));
    }
}
