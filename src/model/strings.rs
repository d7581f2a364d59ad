//! [`Text`] and [`Texts`]: the model's strings and lists of strings, each distinct one
//! stored once per parse.
//!
//! A large dossier is mostly short strings said many times over: the same ids in every
//! action's `countries` and `forums`, the same topics, the same stock notes and quotes.
//! At 100 000 actions that is 870 000 strings and only 220 000 different ones. As
//! `String`s each had a header of 24 bytes and an allocation of its own (16 bytes of
//! the allocator's on top of its characters); as [`Text`] each is a shared pointer of
//! 8 bytes (an [`ArcStr`], whose length sits with the characters) to one copy of its
//! characters, made while the file is parsed ([`interning`]). The parsed strings take
//! less than half what they did.
//!
//! The lists of ids, topics and notes repeat just as much: 257 000 of them at 100 000
//! actions, 31 000 different. As [`Texts`] each is a shared pointer to one copy.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, LazyLock};

use arcstr::ArcStr;
use foldhash::HashSet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string of the dossier: reads as a `&str` (it derefs to one), compares, hashes and
/// orders as one, and clones without copying its characters.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(ArcStr);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An absent `summary` allocates nothing: the empty `ArcStr` is a static.
impl Default for Text {
    fn default() -> Text {
        Text(ArcStr::new())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// So that a map keyed by `Text` is looked up with a `&str`.
impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(ArcStr::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(ArcStr::from(text))
    }
}

impl From<&Text> for String {
    fn from(text: &Text) -> String {
        text.as_str().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(intern(text))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// A list of [`Text`]s: reads as a `&[Text]` (it derefs to one), compares and hashes as
/// one, and clones without copying. Equal lists read in one parse are one list.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Texts(Arc<[Text]>);

/// The lists an item leaves out (most actions have no notes) allocate nothing each.
static NO_TEXTS: LazyLock<Texts> = LazyLock::new(|| Texts(Arc::from([])));

impl Default for Texts {
    fn default() -> Texts {
        NO_TEXTS.clone()
    }
}

impl Deref for Texts {
    type Target = [Text];

    fn deref(&self) -> &[Text] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Texts {
    type Item = &'a Text;
    type IntoIter = std::slice::Iter<'a, Text>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// So that the parse's table of lists is looked up with a slice.
impl Borrow<[Text]> for Texts {
    fn borrow(&self) -> &[Text] {
        &self.0
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<Vec<Text>> for Texts {
    fn from(list: Vec<Text>) -> Texts {
        Texts(Arc::from(list))
    }
}

impl<const N: usize> From<[&str; N]> for Texts {
    fn from(list: [&str; N]) -> Texts {
        Texts(list.into_iter().map(Text::from).collect())
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        Vec::<Text>::deserialize(deserializer).map(intern_list)
    }
}

/// What a parse has read so far.
#[derive(Default)]
struct Seen {
    texts: HashSet<Text>,
    lists: HashSet<Texts>,
}

thread_local! {
    /// The strings and lists read so far by the parse running on this thread, if it is
    /// [`interning`]. A thread-local because serde gives a type's `Deserialize` nothing
    /// but the deserializer: this is how the parse hands it a table.
    static SEEN: RefCell<Option<Seen>> = const { RefCell::new(None) };
}

/// Runs `parse` with every [`Text`] and [`Texts`] it deserializes on this thread stored
/// once: equal strings and lists are shared. The table goes when `parse` returns (or
/// unwinds); what was read stays as long as something holds it.
pub(crate) fn interning<R>(parse: impl FnOnce() -> R) -> R {
    struct Table {
        /// An enclosing call's table is left to it.
        outer: bool,
    }
    impl Drop for Table {
        fn drop(&mut self) {
            if !self.outer {
                SEEN.with_borrow_mut(|seen| *seen = None);
            }
        }
    }
    let outer = SEEN.with_borrow_mut(|seen| {
        let outer = seen.is_some();
        seen.get_or_insert_with(Seen::default);
        outer
    });
    let _table = Table { outer };
    parse()
}

/// `text` as a [`Text`]: the copy already seen, when [`interning`].
fn intern(text: &str) -> Text {
    SEEN.with_borrow_mut(|seen| match seen {
        None => Text::from(text),
        Some(seen) => {
            if let Some(found) = seen.texts.get(text) {
                return found.clone();
            }
            let new = Text::from(text);
            seen.texts.insert(new.clone());
            new
        }
    })
}

/// `list` as [`Texts`]: the copy already seen, when [`interning`].
fn intern_list(list: Vec<Text>) -> Texts {
    SEEN.with_borrow_mut(|seen| match seen {
        None => Texts::from(list),
        Some(seen) => {
            if let Some(found) = seen.lists.get(list.as_slice()) {
                return found.clone();
            }
            let new = Texts::from(list);
            seen.lists.insert(new.clone());
            new
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ptr(text: &Text) -> *const u8 {
        text.as_ptr()
    }

    #[test]
    fn equal_strings_read_in_one_parse_share_their_characters() {
        let (first, second, other) = interning(|| {
            (
                intern("coarm"),
                intern(&String::from("coarm")),
                intern("nsg"),
            )
        });
        assert_eq!(first, "coarm");
        assert_eq!(ptr(&first), ptr(&second));
        assert_ne!(ptr(&first), ptr(&other));
        // Outside a parse, and in the next one, nothing is shared with these.
        assert_ne!(ptr(&intern("coarm")), ptr(&first));
        assert_ne!(ptr(&interning(|| intern("coarm"))), ptr(&first));
    }

    #[test]
    fn the_table_goes_with_the_parse_even_when_it_panics() {
        let unwound = std::panic::catch_unwind(|| interning(|| panic!("a broken parse")));
        assert!(unwound.is_err());
        assert!(SEEN.with_borrow(Option::is_none));
        // Lists too.
        let (first, second) = interning(|| {
            let list = || vec![intern("nl"), intern("de")];
            (intern_list(list()), intern_list(list()))
        });
        assert_eq!(*first, ["nl", "de"]);
        assert_eq!(first.as_ptr(), second.as_ptr());
        // A nested call keeps the outer table.
        interning(|| {
            let first = intern("nl");
            interning(|| ());
            assert_eq!(ptr(&intern("nl")), ptr(&first));
        });
    }

    #[test]
    fn reads_and_writes_as_a_plain_string() {
        let text: Text = serde_json::from_str("\"Česko \\\"x\\\"\"").expect("a string");
        assert_eq!(text, "Česko \"x\"");
        assert_eq!(format!("{text:?}"), format!("{:?}", "Česko \"x\""));
        assert_eq!(
            serde_json::to_string(&text).ok().as_deref(),
            Some("\"Česko \\\"x\\\"\"")
        );
        assert!(serde_json::from_str::<Text>("3").is_err());
        assert!(Text::default().is_empty());
    }
}
