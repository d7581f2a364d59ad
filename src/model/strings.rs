//! [`Text`]: the model's strings, each distinct one stored once per parse.
//!
//! A large dossier is mostly short strings said many times over: the same ids in every
//! action's `countries` and `forums`, the same topics, the same stock notes and quotes.
//! At 100 000 actions that is 870 000 strings and only 220 000 different ones. As
//! `String`s each had a header of 24 bytes and an allocation of its own (16 bytes of
//! the allocator's on top of its characters); as [`Text`] each is a shared pointer of
//! 8 bytes (an [`ArcStr`], whose length sits with the characters) to one copy of its
//! characters, made while the file is parsed ([`interning`]). The parsed strings take
//! less than half what they did.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

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

thread_local! {
    /// The strings read so far by the parse running on this thread, if it is
    /// [`interning`]. A thread-local because serde gives a type's `Deserialize` nothing
    /// but the deserializer: this is how the parse hands it a table.
    static SEEN: RefCell<Option<HashSet<Text>>> = const { RefCell::new(None) };
}

/// Runs `parse` with every [`Text`] it deserializes on this thread stored once: equal
/// strings share their characters. The table goes when `parse` returns (or unwinds);
/// the strings stay as long as something holds them.
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
        seen.get_or_insert_with(HashSet::default);
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
            if let Some(found) = seen.get(text) {
                return found.clone();
            }
            let new = Text::from(text);
            seen.insert(new.clone());
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
