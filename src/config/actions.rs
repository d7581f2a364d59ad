//! The actions keys can be remapped to, by name, where each applies and its keys when
//! nothing is remapped: what a config file is checked against.
//!
//! The viewer's key table is the authority on these: `tui::keys::key_table` describes
//! itself in these terms, one action for each message of a help row.

use super::keys::KeySpec;

/// One action of the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// As a config file names it: `next-item`, `quit`.
    pub name: &'static str,
    /// Where it applies (the viewer's screens); two actions can share a key only where
    /// their places do not overlap.
    pub places: Vec<&'static str>,
    /// Its keys when the config file does not remap it.
    pub defaults: Vec<KeySpec>,
}

/// Every remappable action, and the places where plain characters are typed rather
/// than taken as keys (the finder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    pub actions: Vec<Action>,
    pub typing_places: &'static [&'static str],
}

impl KeyTable {
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|action| action.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.actions.iter().map(|action| action.name)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_viewers_table_names_each_action_once_and_has_no_conflict_of_its_own() {
        let table = crate::tui::keys::key_table();
        let mut names: Vec<_> = table.names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), table.actions.len(), "a name is used twice");
        let places = [
            "list", "detail", "overview", "present", "follow", "chooser", "finder", "help",
            "problems",
        ];
        for place in &places {
            let mut seen = Vec::new();
            for action in table.actions.iter().filter(|a| a.places.contains(place)) {
                for key in &action.defaults {
                    assert!(!seen.contains(key), "{key} twice on {place}");
                    seen.push(*key);
                }
            }
        }
    }
}
