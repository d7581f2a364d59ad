//! Keys to actions: a pure function of the screen and the key, so every binding is
//! testable without a terminal. Only key presses count, not repeats' releases.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{Action, Screen};

pub fn action_for(screen: Screen, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match screen {
        Screen::Finder => finder_key(key.code, ctrl),
        Screen::Help => overlay_key(key.code, '?', Action::ToggleHelp),
        Screen::Problems => overlay_key(key.code, '!', Action::ShowProblems),
        Screen::List | Screen::Detail => browse_key(screen, key.code, ctrl, shift),
    }
}

/// A scrolling overlay that closes with `Esc` or the key that opened it.
fn overlay_key(code: KeyCode, opener: char, close: Action) -> Option<Action> {
    match code {
        KeyCode::Esc => Some(close),
        KeyCode::Char(c) if c == opener => Some(close),
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        _ => None,
    }
}

fn finder_key(code: KeyCode, ctrl: bool) -> Option<Action> {
    match code {
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Enter => Some(Action::FinderOpen),
        KeyCode::Up => Some(Action::FinderUp),
        KeyCode::Down => Some(Action::FinderDown),
        KeyCode::PageUp => Some(Action::FinderPageUp),
        KeyCode::PageDown => Some(Action::FinderPageDown),
        KeyCode::Backspace => Some(Action::FinderBackspace),
        KeyCode::Char('p') if ctrl => Some(Action::FinderUp),
        KeyCode::Char('n') if ctrl => Some(Action::FinderDown),
        KeyCode::Char('k') if ctrl => Some(Action::FinderUp),
        KeyCode::Char('j') if ctrl => Some(Action::FinderDown),
        KeyCode::Char('u') if ctrl => Some(Action::FinderClear),
        KeyCode::Char('w') if ctrl => Some(Action::FinderDeleteWord),
        KeyCode::Char(_) if ctrl => None,
        KeyCode::Char(c) => Some(Action::FinderType(c)),
        _ => None,
    }
}

fn browse_key(screen: Screen, code: KeyCode, ctrl: bool, shift: bool) -> Option<Action> {
    let in_detail = screen == Screen::Detail;
    let action = match code {
        KeyCode::Char('d') if ctrl => Action::ScrollDetailHalfPage(1),
        KeyCode::Char('u') if ctrl => Action::ScrollDetailHalfPage(-1),
        KeyCode::Char('o') if ctrl => Action::Back,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Down if shift => Action::ScrollDetail(1),
        KeyCode::Up if shift => Action::ScrollDetail(-1),
        KeyCode::Char('J') => Action::ScrollDetail(1),
        KeyCode::Char('K') => Action::ScrollDetail(-1),
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('!') => Action::ShowProblems,
        KeyCode::Char('/') => Action::OpenFinder,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Char('1') => Action::SelectTab(0),
        KeyCode::Char('2') => Action::SelectTab(1),
        KeyCode::Char('3') => Action::SelectTab(2),
        KeyCode::Backspace | KeyCode::Char('[') => Action::Back,
        KeyCode::Char(']') => Action::Forward,
        KeyCode::Esc => Action::Escape,
        KeyCode::Tab if in_detail => Action::NextLink,
        KeyCode::BackTab if in_detail => Action::PrevLink,
        KeyCode::Tab => Action::NextTab,
        KeyCode::BackTab => Action::PrevTab,
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') if in_detail => Action::FollowLink,
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Action::FocusDetail,
        KeyCode::Left | KeyCode::Char('h') => Action::FocusList,
        _ => return None,
    };
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn only_presses_count() {
        let release = KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        assert_eq!(action_for(Screen::List, release), None);
        assert_eq!(
            action_for(Screen::List, press(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn ctrl_c_quits_from_every_screen() {
        for screen in [
            Screen::List,
            Screen::Detail,
            Screen::Finder,
            Screen::Help,
            Screen::Problems,
        ] {
            assert_eq!(
                action_for(screen, ctrl('c')),
                Some(Action::Quit),
                "{screen:?}"
            );
        }
    }

    #[test]
    fn escape_never_quits() {
        for screen in [
            Screen::List,
            Screen::Detail,
            Screen::Finder,
            Screen::Help,
            Screen::Problems,
        ] {
            assert_ne!(action_for(screen, press(KeyCode::Esc)), Some(Action::Quit));
            assert!(action_for(screen, press(KeyCode::Esc)).is_some());
        }
    }

    #[test]
    fn list_keys() {
        let cases = [
            (press(KeyCode::Char('j')), Action::Down),
            (press(KeyCode::Down), Action::Down),
            (press(KeyCode::Char('k')), Action::Up),
            (press(KeyCode::Char('g')), Action::Top),
            (press(KeyCode::Char('G')), Action::Bottom),
            (press(KeyCode::Home), Action::Top),
            (press(KeyCode::End), Action::Bottom),
            (press(KeyCode::PageDown), Action::PageDown),
            (press(KeyCode::Tab), Action::NextTab),
            (press(KeyCode::BackTab), Action::PrevTab),
            (press(KeyCode::Char('3')), Action::SelectTab(2)),
            (press(KeyCode::Char('/')), Action::OpenFinder),
            (press(KeyCode::Enter), Action::FocusDetail),
            (press(KeyCode::Char('l')), Action::FocusDetail),
            (press(KeyCode::Backspace), Action::Back),
            (press(KeyCode::Char('[')), Action::Back),
            (ctrl('o'), Action::Back),
            (press(KeyCode::Char(']')), Action::Forward),
            (ctrl('d'), Action::ScrollDetailHalfPage(1)),
            (ctrl('u'), Action::ScrollDetailHalfPage(-1)),
            (press(KeyCode::Char('J')), Action::ScrollDetail(1)),
            (
                KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT),
                Action::ScrollDetail(-1),
            ),
            (press(KeyCode::Char('?')), Action::ToggleHelp),
        ];
        for (key, action) in cases {
            assert_eq!(action_for(Screen::List, key), Some(action), "{key:?}");
        }
    }

    #[test]
    fn detail_keys_move_between_links() {
        let cases = [
            (press(KeyCode::Tab), Action::NextLink),
            (press(KeyCode::BackTab), Action::PrevLink),
            (press(KeyCode::Enter), Action::FollowLink),
            (press(KeyCode::Left), Action::FocusList),
            (press(KeyCode::Esc), Action::Escape),
        ];
        for (key, action) in cases {
            assert_eq!(action_for(Screen::Detail, key), Some(action), "{key:?}");
        }
    }

    #[test]
    fn finder_types_letters_that_are_keys_elsewhere() {
        for c in ['q', 'j', 'k', '/', '?', 'g', '1', ' ', 'é'] {
            let key = press(KeyCode::Char(c));
            assert_eq!(action_for(Screen::Finder, key), Some(Action::FinderType(c)));
        }
        let cases = [
            (ctrl('n'), Action::FinderDown),
            (ctrl('p'), Action::FinderUp),
            (press(KeyCode::Down), Action::FinderDown),
            (press(KeyCode::Enter), Action::FinderOpen),
            (press(KeyCode::Backspace), Action::FinderBackspace),
            (ctrl('u'), Action::FinderClear),
        ];
        for (key, action) in cases {
            assert_eq!(action_for(Screen::Finder, key), Some(action), "{key:?}");
        }
    }

    #[test]
    fn help_closes_with_escape_or_question_mark() {
        assert_eq!(
            action_for(Screen::Help, press(KeyCode::Esc)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action_for(Screen::Help, press(KeyCode::Char('?'))),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action_for(Screen::Help, press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(action_for(Screen::Help, press(KeyCode::Char('/'))), None);
    }
}
