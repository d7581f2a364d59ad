//! Building the index: what each item is searched by, folded once into two long
//! buffers (names, bodies) that the search reads front to back.
//!
//! One buffer per kind of text, rather than three `String`s per item, is what keeps the
//! index small (no per-string headers, capacity slack or allocator overhead, and no map
//! back to the original characters except for the rare title that needs one) and the
//! search quick (each entry's text sits next to the next entry's, so a search streams
//! through memory instead of chasing a pointer per field).

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::model::{Item, ItemRef, Kind, Status};
use crate::text::fold_char;

use super::LINKABLE;

/// Offsets into the buffers are `u32`: half the size of `usize` on 64-bit machines, for
/// a 4 GiB limit on folded text that a 128 MiB file cannot reach in any real dossier.
/// Text past it (only a hostile file, each of whose items names thousands of long
/// names, could get there) is left out of the index rather than wrapping around.
const MAX_TEXT: usize = u32::MAX as usize;

/// One searchable item: where its texts are in its shard's buffers, and what the
/// filters look at. Titles and names are in [`Shard::names`], bodies (with the topics
/// somewhere inside) in [`Shard::bodies`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub(super) kind: Kind,
    /// Which [`Shard`] holds the texts.
    pub(super) shard: u8,
    pub(super) status: Option<Status>,
    /// Which of the texts are ASCII once folded: [`ASCII_TITLE`] and so on.
    pub(super) ascii: u8,
    pub(super) index: u32,
    pub(super) title: u32,
    /// Where the other names start: the title ends here.
    pub(super) names: u32,
    pub(super) names_end: u32,
    pub(super) body: u32,
    pub(super) topics: u32,
    pub(super) topics_end: u32,
    pub(super) body_end: u32,
    /// A bloom of the characters in the title, the names and the body, to skip fields
    /// that cannot match.
    pub(super) masks: [u64; 3],
}

pub(super) const ASCII_TITLE: u8 = 1;
pub(super) const ASCII_NAMES: u8 = 2;

impl Entry {
    pub(super) fn item(&self) -> ItemRef {
        ItemRef {
            kind: self.kind,
            index: self.index as usize,
        }
    }
}

/// The folded texts of a run of entries, built by one thread. They stay where that
/// thread put them: gathering them into one buffer would copy half the index while
/// both copies are alive, the peak of the viewer's memory.
#[derive(Debug, Default)]
pub(super) struct Shard {
    pub(super) names: String,
    pub(super) bodies: String,
}

/// For each title whose folded characters do not line up one to one with the
/// original's (a decomposing Hangul syllable, a combining accent that folds away): the
/// entry's position and, for each folded character, the original character's index.
/// Sorted by entry.
pub(super) type Origins = Vec<(u32, Box<[u32]>)>;

/// A shard and the entries pointing into it.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    pub(super) entries: Vec<Entry>,
    pub(super) shard: Shard,
    pub(super) origins: Origins,
}

impl Buffers {
    /// The entries for `items` of `catalog`, in order.
    pub(super) fn build(catalog: &Catalog, items: &[ItemRef]) -> Buffers {
        let mut buffers = Buffers::default();
        for &item in items {
            if let Some(found) = catalog.get(item) {
                buffers.add(catalog, item, found);
            }
        }
        buffers.shard.names.shrink_to_fit();
        buffers.shard.bodies.shrink_to_fit();
        buffers.entries.shrink_to_fit();
        buffers
    }

    fn add(&mut self, catalog: &Catalog, item: ItemRef, found: Item<'_>) {
        let Ok(index) = u32::try_from(item.index) else {
            return;
        };
        let position = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        let title = offset(&self.shard.names);
        let origin = push_folded(&mut self.shard.names, found.title(), true);
        if let Some(origin) = origin {
            self.origins.push((position, origin));
        }
        let names = offset(&self.shard.names);
        let mut first = true;
        for piece in [Some(found.id()), found.subtitle()].into_iter().flatten() {
            add_piece(&mut self.shard.names, &mut first, piece);
        }
        let names_end = offset(&self.shard.names);
        let body = offset(&self.shard.bodies);
        let (mut topics, mut topics_end) = (body, body);
        let mut first = true;
        body_pieces(catalog, item, found, |piece, is_topics| {
            if let Some(start) = add_piece(&mut self.shard.bodies, &mut first, piece)
                && is_topics
            {
                (topics, topics_end) = (start, offset(&self.shard.bodies));
            }
        });
        let body_end = offset(&self.shard.bodies);
        fn text(buffer: &str, from: u32, to: u32) -> &str {
            buffer.get(from as usize..to as usize).unwrap_or_default()
        }
        let (title_text, names_text) = (
            text(&self.shard.names, title, names),
            text(&self.shard.names, names, names_end),
        );
        let ascii = (u8::from(title_text.is_ascii()) * ASCII_TITLE)
            | (u8::from(names_text.is_ascii()) * ASCII_NAMES);
        let masks = [
            char_mask(title_text),
            char_mask(names_text),
            char_mask(text(&self.shard.bodies, body, body_end)),
        ];
        self.entries.push(Entry {
            kind: item.kind,
            shard: 0,
            status: found.status(),
            ascii,
            index,
            title,
            names,
            names_end,
            body,
            topics,
            topics_end,
            body_end,
            masks,
        });
    }

    /// The shards of `parts` (in order), and their entries and origins numbered as one
    /// list.
    pub(super) fn join(parts: Vec<Buffers>) -> (Vec<Shard>, Vec<Entry>, Origins) {
        let mut shards = Vec::with_capacity(parts.len());
        let mut entries = Vec::with_capacity(parts.iter().map(|part| part.entries.len()).sum());
        let mut origins = Vec::new();
        for (shard, part) in parts.into_iter().enumerate() {
            let Ok(shard) = u8::try_from(shard) else {
                break;
            };
            let first = u32::try_from(entries.len()).unwrap_or(u32::MAX);
            entries.extend(
                part.entries
                    .into_iter()
                    .map(|entry| Entry { shard, ..entry }),
            );
            origins.extend(
                part.origins
                    .into_iter()
                    .map(|(entry, origin)| (entry.saturating_add(first), origin)),
            );
            shards.push(part.shard);
        }
        (shards, entries, origins)
    }
}

fn offset(buffer: &str) -> u32 {
    u32::try_from(buffer.len()).unwrap_or(u32::MAX)
}

/// Appends `piece` folded, after a newline unless it is the first of its field, and
/// returns where it starts; empty pieces add nothing, as in [`search_text`].
fn add_piece(buffer: &mut String, first: &mut bool, piece: &str) -> Option<u32> {
    if piece.is_empty() || buffer.len() + 1 + piece.len() * MAX_GROWTH > MAX_TEXT {
        return None;
    }
    if !*first {
        buffer.push('\n');
    }
    *first = false;
    let start = offset(buffer);
    push_folded(buffer, piece, false);
    Some(start)
}

/// How many times longer than the original folded text can be: a Hangul syllable (three
/// bytes) decomposes into three jamo of three bytes each.
const MAX_GROWTH: usize = 3;

/// Appends `original` folded (accents stripped, lower-cased) and, when asked and the
/// folded characters do not line up one to one with the original ones, returns for
/// each folded character the index of the original character it came from.
fn push_folded(buffer: &mut String, original: &str, map: bool) -> Option<Box<[u32]>> {
    if buffer.len() + original.len() * MAX_GROWTH > MAX_TEXT {
        return None;
    }
    if original.is_ascii() {
        buffer.extend(original.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return None;
    }
    // Built only from the first character that does not fold to exactly one.
    let mut origin: Option<Vec<u32>> = None;
    for (index, c) in original.chars().enumerate() {
        let mut produced = 0;
        fold_char(c, |folded| {
            buffer.push(folded);
            produced += 1;
        });
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        match &mut origin {
            Some(origin) => origin.extend(std::iter::repeat_n(index, produced)),
            None if produced != 1 && map => {
                let mut built: Vec<u32> = (0..index).collect();
                built.extend(std::iter::repeat_n(index, produced));
                origin = Some(built);
            }
            None => {}
        }
    }
    origin.map(Vec::into_boxed_slice)
}

pub(super) fn char_mask(text: &str) -> u64 {
    if text.is_ascii() {
        return text
            .bytes()
            .fold(0, |mask, b| mask | char_bit(char::from(b)));
    }
    text.chars().fold(0, |mask, c| mask | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32 % 28)),
    }
}

/// The text the finder searches for one item, before folding: its names (id, then
/// native or full name; the title is searched on its own) and its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    pub names: String,
    pub body: String,
}

/// What the finder searches for `item`; `gen --lines` prints the same, for fzf.
pub fn search_text(catalog: &Catalog, item: ItemRef) -> SearchText {
    let Some(found) = catalog.get(item) else {
        return SearchText::default();
    };
    let add = |into: &mut String, piece: &str| {
        if !piece.is_empty() {
            if !into.is_empty() {
                into.push('\n');
            }
            into.push_str(piece);
        }
    };
    let mut text = SearchText::default();
    add(&mut text.names, found.id());
    add(&mut text.names, found.subtitle().unwrap_or(""));
    body_pieces(catalog, item, found, |piece, _| add(&mut text.body, piece));
    text
}

/// Each piece of `item`'s body text in order, and whether it is the item's topics
/// (one a line), which `topic:` looks at.
fn body_pieces(catalog: &Catalog, item: ItemRef, found: Item<'_>, mut add: impl FnMut(&str, bool)) {
    for field in found.fields() {
        let joined: Cow<'_, str> = match field.parts.as_slice() {
            [one] => Cow::Borrowed(one),
            _ => Cow::Owned(field.joined("\n")),
        };
        add(&joined, field.label == TOPICS);
    }
    let (summary, notes) = found.prose();
    add(summary, false);
    for note in notes {
        add(note, false);
    }
    for citation in found.citations() {
        add(&citation.quote, false);
    }
    // An action held with Denmark is found by `denmark` even if its text never says so.
    // Not the other way round: a forum's text would hold the title of every action held
    // in it, thousands in a large dossier, and match whatever any of them says. Nor is
    // a source found by the names of the items that cite it, nor an item by the titles
    // of the briefings that present it: only countries', forums' and sources' names
    // describe what an item is about.
    let cites_item = |other: Item<'_>| {
        other
            .citations()
            .iter()
            .any(|citation| catalog.source_of(citation) == Some(item))
    };
    for other in catalog
        .related(item)
        .iter()
        .filter(|other| LINKABLE.contains(&other.kind))
        .filter_map(|&other| catalog.get(other))
        .filter(|&other| !cites_item(other))
    {
        add(other.title(), false);
        add(other.subtitle().unwrap_or(""), false);
    }
}

/// The label of the field that holds an item's topics ([`Item::fields`]).
const TOPICS: &str = "Topics";

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(original: &str) -> (String, Option<Box<[u32]>>) {
        let mut buffer = String::new();
        let origin = push_folded(&mut buffer, original, true);
        (buffer, origin)
    }

    #[test]
    fn folded_positions_map_back_to_original_characters() {
        // A Hangul syllable decomposes into three jamo: later characters shift by two.
        let (text, origin) = folded("한x");
        assert_eq!(text.chars().count(), 4);
        assert_eq!(origin.as_deref().and_then(|o| o.get(3)), Some(&1));
        // A lone combining accent folds to nothing: later characters shift back by one.
        let (text, origin) = folded("e\u{301}x");
        assert_eq!(text, "ex");
        assert_eq!(origin.as_deref().and_then(|o| o.get(1)), Some(&2));
        // Text that folds one to one needs no map at all.
        assert!(folded("İzmir").1.is_none());
        assert_eq!(folded("Česko").0, "cesko");
    }

    #[test]
    fn the_topics_span_holds_the_topics_folded() {
        let text = r#"Dossier(title: "t",
            countries: [Country(id: "nl", name: "Netherlands", role: "Partner",
                topics: ["Dual-use", "Exportcontrôle"], summary: "About dual use.")],
            actions: [Action(id: "a", title: "A", status: Done, timing: "Q1",
                topics: ["Drones"], countries: ["nl"])],
            sources: [Source(id: "s", title: "S")],
        )"#;
        let catalog = Catalog::from_text("t.ron", text).expect("parses");
        let items: Vec<ItemRef> = catalog.all_items().collect();
        let buffers = Buffers::build(&catalog, &items);
        let topics = |n: usize| {
            let entry = buffers.entries[n];
            &buffers.shard.bodies[entry.topics as usize..entry.topics_end as usize]
        };
        assert_eq!(topics(0), "dual-use\nexportcontrole");
        assert_eq!(topics(1), "drones");
        assert_eq!(topics(2), "");
        // The body is what `search_text` says, folded.
        for (n, &item) in items.iter().enumerate() {
            let entry = buffers.entries[n];
            let body = &buffers.shard.bodies[entry.body as usize..entry.body_end as usize];
            assert_eq!(body, crate::text::fold(&search_text(&catalog, item).body));
        }
    }

    #[test]
    fn joined_shards_keep_their_entries_texts() {
        let catalog = Catalog::built_in().expect("the built-in dossier loads");
        let items: Vec<ItemRef> = catalog.all_items().collect();
        let whole = Buffers::build(&catalog, &items);
        let (front, back) = items.split_at(7);
        let parts = vec![
            Buffers::build(&catalog, front),
            Buffers::build(&catalog, back),
        ];
        let (shards, entries, _) = Buffers::join(parts);
        assert_eq!(entries.len(), whole.entries.len());
        let text = |shard: &Shard, entry: &Entry| {
            let title = &shard.names[entry.title as usize..entry.names as usize];
            let body = &shard.bodies[entry.body as usize..entry.body_end as usize];
            (title.to_owned(), body.to_owned())
        };
        for (joined, alone) in entries.iter().zip(&whole.entries) {
            assert_eq!(
                text(&shards[usize::from(joined.shard)], joined),
                text(&whole.shard, alone)
            );
        }
        assert_eq!(entries[7].shard, 1);
    }
}
