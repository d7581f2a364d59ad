//! One description of an item, and one of the dossier itself, built once from the
//! catalog and rendered by every output: `show`, the viewer's detail pane and overview.
//! What an item shows, and in which order, is decided here; the outputs only lay it out.

use crate::catalog::Catalog;
use crate::model::{Citation, Field, ItemRef, Kind, Status};

/// A group of more links than this flows as wrapped rows (`A · B · C …`) instead of one
/// link a line, so that a forum with forty members does not bury what follows.
pub const FLOW_AFTER: usize = 5;

/// Everything about one item, in the order it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description<'a> {
    pub item: ItemRef,
    pub id: &'a str,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub status: Option<Status>,
    /// Short labelled values, such as role, status, timing and topics.
    pub fields: Vec<Field>,
    pub summary: &'a str,
    pub notes: &'a [String],
    /// How the notes are headed: `Notes`, or a briefing's `Presenter's notes`.
    pub notes_heading: &'static str,
    /// Whether the notes are for an audience; a handout leaves out those that are not.
    pub notes_public: bool,
    /// Related items in both directions: first the lists whose order is the author's (a
    /// briefing's items), each in that order, then the rest by kind, in [`Kind::ALL`]
    /// order.
    pub groups: Vec<LinkGroup>,
    /// The item's own citations, each with the source it quotes.
    pub citations: Vec<Quote<'a>>,
    /// For a source: every item citing it, in file order, with what it quotes.
    pub cited_by: Vec<CitedBy<'a>>,
}

/// Related items of one kind, or a list of items in the author's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkGroup {
    /// `Countries`, or a sequence's own title, such as a briefing's `Items`.
    pub title: &'static str,
    pub items: Vec<ItemRef>,
    /// The order is the author's and is part of the meaning (a briefing's stops).
    pub ordered: bool,
}

impl LinkGroup {
    /// `Countries (28)`.
    pub fn heading(&self) -> String {
        format!("{} ({})", self.title, self.items.len())
    }

    /// True when the group is shown as wrapped rows rather than a link a line. A list in
    /// the author's order never flows: each stop of a briefing keeps its own line.
    pub fn flows(&self) -> bool {
        !self.ordered && self.items.len() > FLOW_AFTER
    }
}

/// One quote, where it comes from, and the source it cites when that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote<'a> {
    pub quote: &'a str,
    pub locator: Option<&'a str>,
    /// The source, when the citation names an existing one.
    pub source: Option<ItemRef>,
    /// The source's title, or the id as written when it names no source.
    pub source_name: &'a str,
}

/// An item citing a source, and its quotes from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedBy<'a> {
    pub item: ItemRef,
    pub quotes: Vec<Quote<'a>>,
}

impl Quote<'_> {
    /// Where the quote is from: `Written question …, answer`.
    pub fn origin(&self) -> String {
        match self.locator {
            Some(locator) => format!("{}, {locator}", self.source_name),
            None => self.source_name.to_owned(),
        }
    }
}

impl Description<'_> {
    /// Every link, in the order it is shown: the groups, then each citation's source,
    /// then each citing item. Tab moves through them in this order.
    pub fn links(&self) -> Vec<ItemRef> {
        let groups = self
            .groups
            .iter()
            .flat_map(|group| group.items.iter().copied());
        let sources = self.citations.iter().filter_map(|quote| quote.source);
        let citing = self.cited_by.iter().map(|cited| cited.item);
        groups.chain(sources).chain(citing).collect()
    }
}

/// Describes `item`, or `None` when it does not exist.
pub fn describe(catalog: &Catalog, item: ItemRef) -> Option<Description<'_>> {
    let found = catalog.get(item)?;
    let quote = |citation| quote(catalog, citation);
    // Items citing this one (only a source is ever cited) show under `cited_by`, with
    // their quotes, rather than a second time as a bare link.
    let (citing, related): (Vec<ItemRef>, Vec<ItemRef>) =
        catalog.related(item).iter().partition(|&&other| {
            catalog.get(other).is_some_and(|other| {
                other
                    .citations()
                    .iter()
                    .any(|citation| catalog.source_of(citation) == Some(item))
            })
        });
    // A list whose order is the author's (a briefing's stops) is shown in that order, and
    // its items are not repeated among the related items of their kind.
    let mut groups: Vec<LinkGroup> = found
        .references()
        .into_iter()
        .filter_map(|list| {
            Some(LinkGroup {
                title: list.sequence?,
                items: catalog.sequence(list.ids, list.wanted),
                ordered: true,
            })
        })
        .collect();
    let related: Vec<ItemRef> = related
        .into_iter()
        .filter(|other| !groups.iter().any(|group| group.items.contains(other)))
        .collect();
    groups.extend(Kind::ALL.into_iter().map(|kind| LinkGroup {
        title: kind.heading(),
        items: related.iter().copied().filter(|r| r.kind == kind).collect(),
        ordered: false,
    }));
    groups.retain(|group| !group.items.is_empty());
    let cited_by = citing
        .into_iter()
        .filter_map(|citer| {
            let quotes = catalog
                .get(citer)?
                .citations()
                .iter()
                .filter(|citation| catalog.source_of(citation) == Some(item))
                .map(quote)
                .collect();
            Some(CitedBy {
                item: citer,
                quotes,
            })
        })
        .collect();
    let (summary, notes) = found.prose();
    Some(Description {
        item,
        id: found.id(),
        title: found.title(),
        subtitle: found.subtitle(),
        status: found.status(),
        fields: found.fields(),
        summary,
        notes,
        notes_heading: item.kind.notes_heading(),
        notes_public: item.kind.notes_are_public(),
        groups,
        citations: found.citations().iter().map(quote).collect(),
        cited_by,
    })
}

fn quote<'a>(catalog: &'a Catalog, citation: &'a Citation) -> Quote<'a> {
    Quote {
        quote: &citation.quote,
        locator: citation.locator.as_deref(),
        source: catalog.source_of(citation),
        source_name: catalog
            .source(citation)
            .map_or(citation.source.as_str(), |source| source.title.as_str()),
    }
}

/// The dossier itself: what `0` shows in the viewer and `show` prints with no id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview<'a> {
    pub title: &'a str,
    pub as_of: Option<&'a str>,
    pub summary: &'a str,
    /// How many items of each kind, in tab order.
    pub counts: Vec<(Kind, usize)>,
    /// Rule violations found (broken references, duplicate ids).
    pub problems: usize,
}

impl Overview<'_> {
    /// `5 countries, 2 forums, 9 actions, 1 source`, as `check` prints it; a kind newer
    /// than version 1 only when the dossier has some (`, 2 briefings`).
    pub fn counts_line(&self) -> String {
        self.counts
            .iter()
            .filter(|&&(kind, n)| n > 0 || kind.counted_when_none())
            .map(|&(kind, n)| kind.count(n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The short labelled values, like an item's.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = Vec::new();
        if let Some(as_of) = self.as_of {
            fields.push(Field::new("As of", vec![as_of.to_owned()]));
        }
        fields.push(Field::new("Contents", vec![self.counts_line()]));
        let problems = match self.problems {
            0 => "none".to_owned(),
            n => n.to_string(),
        };
        fields.push(Field::new("Problems", vec![problems]));
        fields
    }
}

pub fn overview(catalog: &Catalog) -> Overview<'_> {
    let dossier = &catalog.dossier;
    Overview {
        title: &dossier.title,
        as_of: dossier.as_of.as_deref(),
        summary: &dossier.summary,
        counts: Kind::ALL
            .into_iter()
            .map(|kind| (kind, catalog.count(kind)))
            .collect(),
        problems: catalog.problems.len(),
    }
}
