//! The dossier format, version 1.1, as Rust types (see `README.md`, "For dossier authors").
//!
//! Every struct refuses unknown fields: a misspelt field must never make data vanish.
//! Optional values are `Option`, and the loader enables ron's `implicit_some` so authors
//! write them bare.

use serde::{Deserialize, Serialize};

mod strings;

pub(crate) use strings::interning;
pub use strings::{Text, Texts};

/// A list read from a file, kept at its exact length. serde grows a list by doubling as
/// it reads it, so a list of one holds room for four, a list of 100 000 actions room
/// for 131 072; a large dossier holds tens of thousands of lists of citations. The list
/// is shrunk as soon as it is read, so the room it gives back is reused for what the
/// parser reads next. (Lists of ids, topics and notes are [`Texts`], made at their
/// length.)
fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub as_of: Option<Text>,
    #[serde(default, deserialize_with = "exact")]
    pub sources: Vec<Source>,
    #[serde(default, deserialize_with = "exact")]
    pub countries: Vec<Country>,
    #[serde(default, deserialize_with = "exact")]
    pub forums: Vec<Forum>,
    #[serde(default, deserialize_with = "exact")]
    pub actions: Vec<Action>,
    /// Since version 1.1.
    #[serde(default, deserialize_with = "exact")]
    pub briefings: Vec<Briefing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub reference: Option<Text>,
    #[serde(default)]
    pub url: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub native_name: Option<Text>,
    #[serde(default)]
    pub role: Option<Text>,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub counterparts: Texts,
    #[serde(default)]
    pub forums: Texts,
    #[serde(default)]
    pub topics: Texts,
    #[serde(default)]
    pub notes: Texts,
    #[serde(default, deserialize_with = "exact")]
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub full_name: Option<Text>,
    #[serde(default)]
    pub kind: Option<Text>,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub members: Texts,
    #[serde(default)]
    pub topics: Texts,
    #[serde(default)]
    pub notes: Texts,
    #[serde(default, deserialize_with = "exact")]
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Text,
    pub title: Text,
    pub status: Status,
    #[serde(default)]
    pub timing: Option<Text>,
    #[serde(default)]
    pub countries: Texts,
    #[serde(default)]
    pub forums: Texts,
    #[serde(default)]
    pub topics: Texts,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub notes: Texts,
    #[serde(default, deserialize_with = "exact")]
    pub citations: Vec<Citation>,
}

/// A prepared sequence of items to present, in order (since version 1.1).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    pub id: Text,
    pub title: Text,
    /// The opening words.
    #[serde(default)]
    pub summary: Text,
    /// Ids of items of any kind but briefing, in the order they are presented. Required
    /// (no default): a briefing without its items is a mistake, not an empty default.
    pub items: Texts,
    /// The presenter's own notes, never shown to the audience in a handout.
    #[serde(default)]
    pub notes: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: Text,
    pub quote: Text,
    #[serde(default)]
    pub locator: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Status {
    Intended,
    Planned,
    Ongoing,
    Recurring,
    Done,
    Paused,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Intended,
        Status::Planned,
        Status::Ongoing,
        Status::Recurring,
        Status::Done,
        Status::Paused,
        Status::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Intended => "Intended",
            Status::Planned => "Planned",
            Status::Ongoing => "Ongoing",
            Status::Recurring => "Recurring",
            Status::Done => "Done",
            Status::Paused => "Paused",
            Status::Cancelled => "Cancelled",
        }
    }
}

/// The kinds of item, in the order the viewer's tabs, `list` and the search show them.
/// They share one id namespace. Everything that differs between kinds is written once,
/// here and in [`Item`]: adding a kind means adding it to [`Kind::ALL`] and
/// [`Kind::FILE_ORDER`] and to the matches in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Country,
    Forum,
    Action,
    Source,
    Briefing,
}

impl Kind {
    /// Briefings come last, so the viewer's tab numbers of the version-1 kinds stay.
    pub const ALL: [Kind; 5] = [
        Kind::Country,
        Kind::Forum,
        Kind::Action,
        Kind::Source,
        Kind::Briefing,
    ];

    /// The order of the lists in a file, as problems are reported.
    pub const FILE_ORDER: [Kind; 5] = [
        Kind::Source,
        Kind::Country,
        Kind::Forum,
        Kind::Action,
        Kind::Briefing,
    ];

    /// The singular, as in messages and `--kind`: `country`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Forum => "forum",
            Kind::Action => "action",
            Kind::Source => "source",
            Kind::Briefing => "briefing",
        }
    }

    /// The plural, as in `list KIND` and the file's lists: `countries`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Country => "countries",
            Kind::Forum => "forums",
            Kind::Action => "actions",
            Kind::Source => "sources",
            Kind::Briefing => "briefings",
        }
    }

    /// The heading of a tab or of a group of links: `Countries`.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Country => "Countries",
            Kind::Forum => "Forums",
            Kind::Action => "Actions",
            Kind::Source => "Sources",
            Kind::Briefing => "Briefings",
        }
    }

    /// Whether a dossier's counts name this kind when it has none. A kind added after
    /// version 1 is counted only when present, so that version-1 files summarise as they
    /// always did (`5 countries, 2 forums, 9 actions, 1 source`).
    pub fn counted_when_none(self) -> bool {
        self != Kind::Briefing
    }

    /// How an item's `notes` are headed.
    pub fn notes_heading(self) -> &'static str {
        match self {
            Kind::Briefing => "Presenter's notes",
            _ => "Notes",
        }
    }

    /// Whether an item's `notes` are for its audience. A briefing's are the presenter's
    /// own: a handout leaves them out.
    pub fn notes_are_public(self) -> bool {
        self != Kind::Briefing
    }

    /// `5 countries`, `1 source`.
    pub fn count(self, n: usize) -> String {
        let noun = if n == 1 { self.label() } else { self.plural() };
        format!("{n} {noun}")
    }

    /// The kind named by its singular or plural, in any case: `Country`, `forums`.
    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.to_lowercase();
        Kind::ALL
            .into_iter()
            .find(|kind| kind.label() == name || kind.plural() == name)
    }
}

/// A pointer to one item: its kind and its position in that kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub kind: Kind,
    pub index: usize,
}

/// One item, whichever its kind. It serializes as the item itself.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum Item<'a> {
    Country(&'a Country),
    Forum(&'a Forum),
    Action(&'a Action),
    Source(&'a Source),
    Briefing(&'a Briefing),
}

/// A labelled value of an item, such as its role or its topics: one part, or a list. Each
/// output joins the parts its own way (` · `, or ` | ` in ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub parts: Vec<String>,
    /// The value is an address (a source's `url`), which an output that can link may
    /// link when its scheme is safe.
    pub is_address: bool,
}

impl Field {
    pub fn new(label: &'static str, parts: Vec<String>) -> Field {
        Field {
            label,
            parts,
            is_address: false,
        }
    }

    /// A field whose value is an address: see [`Field::is_address`].
    pub fn address(label: &'static str, parts: Vec<String>) -> Field {
        Field {
            is_address: true,
            ..Field::new(label, parts)
        }
    }

    pub fn joined(&self, separator: &str) -> String {
        self.parts.join(separator)
    }
}

/// The kinds of item a list of ids may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Only this kind: `members` names countries.
    Only(Kind),
    /// Any kind but this one: a briefing's `items` name anything but briefings.
    AnyBut(Kind),
}

impl Wanted {
    pub fn allows(self, kind: Kind) -> bool {
        match self {
            Wanted::Only(only) => kind == only,
            Wanted::AnyBut(excluded) => kind != excluded,
        }
    }

    /// The kinds allowed, in [`Kind::ALL`] order.
    pub fn kinds(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |&kind| self.allows(kind))
    }
}

/// One list of ids in an item that must name items of the `wanted` kinds (rule 2 of the
/// format).
#[derive(Debug, Clone, Copy)]
pub struct References<'a> {
    /// The field's name in the file: `members`.
    pub field: &'static str,
    pub ids: &'a [Text],
    pub wanted: Wanted,
    /// The list must name at least one item.
    pub required: bool,
    /// The order is the author's and means something (a briefing's stops): the items
    /// are shown as one group, in this order and under this heading, rather than
    /// sorted into the related items of each kind.
    pub sequence: Option<&'static str>,
}

impl Dossier {
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Country => self.countries.len(),
            Kind::Forum => self.forums.len(),
            Kind::Action => self.actions.len(),
            Kind::Source => self.sources.len(),
            Kind::Briefing => self.briefings.len(),
        }
    }

    pub fn get(&self, item: ItemRef) -> Option<Item<'_>> {
        match item.kind {
            Kind::Country => self.countries.get(item.index).map(Item::Country),
            Kind::Forum => self.forums.get(item.index).map(Item::Forum),
            Kind::Action => self.actions.get(item.index).map(Item::Action),
            Kind::Source => self.sources.get(item.index).map(Item::Source),
            Kind::Briefing => self.briefings.get(item.index).map(Item::Briefing),
        }
    }
}

impl<'a> Item<'a> {
    pub fn kind(self) -> Kind {
        match self {
            Item::Country(_) => Kind::Country,
            Item::Forum(_) => Kind::Forum,
            Item::Action(_) => Kind::Action,
            Item::Source(_) => Kind::Source,
            Item::Briefing(_) => Kind::Briefing,
        }
    }

    pub fn id(self) -> &'a str {
        self.shared_id()
    }

    /// The id as the dossier holds it, to keep without copying its characters.
    pub fn shared_id(self) -> &'a Text {
        match self {
            Item::Country(c) => &c.id,
            Item::Forum(f) => &f.id,
            Item::Action(a) => &a.id,
            Item::Source(s) => &s.id,
            Item::Briefing(b) => &b.id,
        }
    }

    /// The name a person knows it by: a country's or forum's name, an action's or a
    /// source's title.
    pub fn title(self) -> &'a str {
        match self {
            Item::Country(c) => &c.name,
            Item::Forum(f) => &f.name,
            Item::Action(a) => &a.title,
            Item::Source(s) => &s.title,
            Item::Briefing(b) => &b.title,
        }
    }

    /// A second name shown next to the title: native name or full name.
    pub fn subtitle(self) -> Option<&'a str> {
        match self {
            Item::Country(c) => c.native_name.as_deref(),
            Item::Forum(f) => f.full_name.as_deref(),
            Item::Action(_) | Item::Source(_) | Item::Briefing(_) => None,
        }
    }

    /// The action's status, for the kinds that have one.
    pub fn status(self) -> Option<Status> {
        match self {
            Item::Action(a) => Some(a.status),
            _ => None,
        }
    }

    /// The short labelled fields, in the order they are shown; empty ones left out.
    pub fn fields(self) -> Vec<Field> {
        let strings = |values: &[Text]| values.iter().map(|v| v.as_str().to_owned()).collect();
        let one = |value: &Option<Text>| strings(value.as_slice());
        let fields = match self {
            Item::Country(c) => vec![
                Field::new("Role", one(&c.role)),
                Field::new("Counterparts", strings(&c.counterparts)),
                Field::new("Topics", strings(&c.topics)),
            ],
            Item::Forum(f) => vec![
                Field::new("Kind", one(&f.kind)),
                Field::new("Topics", strings(&f.topics)),
            ],
            Item::Action(a) => vec![
                Field::new("Status", vec![a.status.label().to_owned()]),
                Field::new("Timing", one(&a.timing)),
                Field::new("Topics", strings(&a.topics)),
            ],
            Item::Source(s) => vec![
                Field::new("Reference", one(&s.reference)),
                Field::address("URL", one(&s.url)),
            ],
            // Its items are its substance: they show as a group of links, in order.
            Item::Briefing(_) => Vec::new(),
        };
        fields
            .into_iter()
            .filter(|field| field.parts.iter().any(|part| !part.is_empty()))
            .collect()
    }

    /// The free-text paragraphs: summary and notes (a source has none; a briefing's
    /// notes are the presenter's, see [`Kind::notes_are_public`]).
    pub fn prose(self) -> (&'a str, &'a [Text]) {
        match self {
            Item::Country(c) => (&c.summary, &c.notes),
            Item::Forum(f) => (&f.summary, &f.notes),
            Item::Action(a) => (&a.summary, &a.notes),
            Item::Source(_) => ("", &[]),
            Item::Briefing(b) => (&b.summary, &b.notes),
        }
    }

    /// Free tags; the search reads them as body text.
    pub fn topics(self) -> &'a [Text] {
        match self {
            Item::Country(c) => &c.topics,
            Item::Forum(f) => &f.topics,
            Item::Action(a) => &a.topics,
            Item::Source(_) | Item::Briefing(_) => &[],
        }
    }

    pub fn citations(self) -> &'a [Citation] {
        match self {
            Item::Country(c) => &c.citations,
            Item::Forum(f) => &f.citations,
            Item::Action(a) => &a.citations,
            Item::Source(_) | Item::Briefing(_) => &[],
        }
    }

    /// The link schema: every list of ids this item holds, with the kind each id must
    /// name. Citations' sources come on top, from [`Item::citations`]. Validation checks
    /// these and the catalog stores them in both directions, so the two cannot disagree.
    pub fn references(self) -> Vec<References<'a>> {
        let refs = |field, ids: &'a [Text], kind| References {
            field,
            ids,
            wanted: Wanted::Only(kind),
            required: false,
            sequence: None,
        };
        match self {
            Item::Country(c) => vec![refs("forums", &c.forums, Kind::Forum)],
            Item::Forum(f) => vec![refs("members", &f.members, Kind::Country)],
            Item::Action(a) => vec![
                refs("countries", &a.countries, Kind::Country),
                refs("forums", &a.forums, Kind::Forum),
            ],
            Item::Source(_) => Vec::new(),
            Item::Briefing(b) => vec![References {
                field: "items",
                ids: &b.items,
                wanted: Wanted::AnyBut(Kind::Briefing),
                required: true,
                sequence: Some("Items"),
            }],
        }
    }
}
