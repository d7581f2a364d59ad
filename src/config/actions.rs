//! The actions keys can be remapped to, by name, where each applies and its keys when
//! nothing is remapped: what a config file is checked against.
//!
//! The viewer's key table is the authority on these. Until it describes itself in these
//! terms, [`KeyTable::provisional`] holds a copy of its rows, one action for each message
//! of a help row.

use super::keys::KeySpec;

/// One action of the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// As a config file names it: `next-item`, `quit`.
    pub name: &'static str,
    /// Where it applies (the viewer's screens); two actions can share a key only where
    /// their places do not overlap.
    pub places: &'static [&'static str],
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

    /// The key table as this module knows it until the viewer's table names its actions.
    pub fn provisional() -> KeyTable {
        let actions = PROVISIONAL
            .iter()
            .map(|(name, places, keys)| Action {
                name,
                places,
                defaults: keys
                    .iter()
                    .filter_map(|key| KeySpec::parse(key).ok())
                    .collect(),
            })
            .collect();
        KeyTable {
            actions,
            typing_places: FINDER,
        }
    }
}

const LIST: &[&str] = &["list"];
const DETAIL: &[&str] = &["detail"];
const BROWSE: &[&str] = &["list", "detail", "overview"];
const TABS: &[&str] = &["list", "overview"];
const TEXT: &[&str] = &["detail", "overview"];
const FINDER: &[&str] = &["finder"];
const OVERLAYS: &[&str] = &["help", "problems"];
const PRESENT: &[&str] = &["present"];
const PRESENT_OR_FOLLOW: &[&str] = &["present", "follow"];
const BROWSE_OR_PRESENT: &[&str] = &["list", "detail", "overview", "present", "follow"];
const CHOOSER: &[&str] = &["chooser"];
const EVERYWHERE: &[&str] = &[
    "list", "detail", "overview", "present", "follow", "chooser", "finder", "help", "problems",
];

type Row = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// (name, places, default keys), in the help's order.
const PROVISIONAL: &[Row] = &[
    ("previous-item", LIST, &["Up", "k"]),
    ("next-item", LIST, &["Down", "j"]),
    ("page-up", LIST, &["PageUp"]),
    ("page-down", LIST, &["PageDown"]),
    ("first-item", LIST, &["Home", "g"]),
    ("last-item", LIST, &["End", "G"]),
    ("tab-overview", BROWSE, &["0"]),
    ("tab-countries", BROWSE, &["1"]),
    ("tab-forums", BROWSE, &["2"]),
    ("tab-actions", BROWSE, &["3"]),
    ("tab-sources", BROWSE, &["4"]),
    ("tab-briefings", BROWSE, &["5"]),
    ("next-tab", TABS, &["Tab"]),
    ("previous-tab", TABS, &["BackTab"]),
    ("open-detail", LIST, &["Enter", "Right", "l"]),
    ("next-link", DETAIL, &["Tab"]),
    ("previous-link", DETAIL, &["BackTab"]),
    ("follow-link", DETAIL, &["Enter", "Right", "l"]),
    ("scroll-up", TEXT, &["Up", "k"]),
    ("scroll-down", TEXT, &["Down", "j"]),
    ("scroll-page-up", TEXT, &["PageUp", "b"]),
    ("scroll-page-down", TEXT, &["PageDown", "Space"]),
    ("scroll-top", TEXT, &["Home", "g"]),
    ("scroll-bottom", TEXT, &["End", "G"]),
    ("back-to-list", DETAIL, &["Left", "h", "Esc"]),
    ("detail-line-down", BROWSE, &["J", "shift-Down"]),
    ("detail-line-up", BROWSE, &["K", "shift-Up"]),
    ("detail-half-page-down", BROWSE, &["ctrl-d"]),
    ("detail-half-page-up", BROWSE, &["ctrl-u"]),
    ("zoom", BROWSE, &["z"]),
    ("next-match", BROWSE, &["n"]),
    ("previous-match", BROWSE, &["N"]),
    ("back", BROWSE, &["Backspace", "[", "ctrl-o"]),
    ("forward", BROWSE, &["]"]),
    ("find", BROWSE, &["/"]),
    ("finder-previous", FINDER, &["Up", "ctrl-p", "ctrl-k"]),
    ("finder-next", FINDER, &["Down", "ctrl-n", "ctrl-j"]),
    ("finder-page-up", FINDER, &["PageUp"]),
    ("finder-page-down", FINDER, &["PageDown"]),
    ("finder-open", FINDER, &["Enter"]),
    ("finder-delete-char", FINDER, &["Backspace"]),
    ("finder-delete-word", FINDER, &["ctrl-w"]),
    ("finder-clear", FINDER, &["ctrl-u"]),
    ("finder-left", FINDER, &["Left"]),
    ("finder-right", FINDER, &["Right"]),
    ("finder-word-left", FINDER, &["alt-b"]),
    ("finder-word-right", FINDER, &["alt-f"]),
    ("finder-start", FINDER, &["Home", "ctrl-a"]),
    ("finder-end", FINDER, &["End", "ctrl-e"]),
    ("finder-cancel", FINDER, &["Esc"]),
    ("help", BROWSE_OR_PRESENT, &["?"]),
    ("problems", BROWSE, &["!"]),
    ("overlay-up", OVERLAYS, &["Up", "k"]),
    ("overlay-down", OVERLAYS, &["Down", "j"]),
    ("overlay-page-up", OVERLAYS, &["PageUp"]),
    ("overlay-page-down", OVERLAYS, &["PageDown"]),
    ("overlay-top", OVERLAYS, &["Home", "g"]),
    ("overlay-bottom", OVERLAYS, &["End", "G"]),
    ("close-overlay", OVERLAYS, &["q", "Esc", "?", "!"]),
    ("copy", BROWSE, &["y"]),
    ("copy-id", BROWSE, &["Y"]),
    ("pin", BROWSE, &["m"]),
    ("present", BROWSE, &["p"]),
    (
        "next-stop",
        PRESENT,
        &["Right", "l", "Space", "n", "PageDown"],
    ),
    (
        "previous-stop",
        PRESENT,
        &["Left", "h", "Backspace", "p", "PageUp"],
    ),
    ("first-stop", PRESENT, &["Home"]),
    ("last-stop", PRESENT, &["End"]),
    ("present-scroll-down", PRESENT_OR_FOLLOW, &["j", "Down"]),
    ("present-scroll-up", PRESENT_OR_FOLLOW, &["k", "Up"]),
    ("leave-presentation", PRESENT_OR_FOLLOW, &["q", "Esc"]),
    ("chooser-previous", CHOOSER, &["Up", "k"]),
    ("chooser-next", CHOOSER, &["Down", "j"]),
    ("choose", CHOOSER, &["Enter"]),
    ("chooser-close", CHOOSER, &["q", "Esc"]),
    ("repaint", EVERYWHERE, &["ctrl-l"]),
    ("suspend", EVERYWHERE, &["ctrl-z"]),
    ("quit", BROWSE, &["q"]),
    ("quit-anywhere", EVERYWHERE, &["ctrl-c"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provisional_table_reads_and_has_no_conflict_of_its_own() {
        let table = KeyTable::provisional();
        for (row, action) in PROVISIONAL.iter().zip(&table.actions) {
            assert_eq!(row.2.len(), action.defaults.len(), "{}", action.name);
        }
        let mut names: Vec<_> = table.names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), table.actions.len(), "a name is used twice");
        for place in EVERYWHERE {
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
