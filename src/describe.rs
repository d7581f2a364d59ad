//! One description of an item, and one of the dossier itself, built once from the
//! catalog and rendered by every output: `show`, the viewer's detail pane and overview.
//! What an item shows, and in which order, is decided here; the outputs only lay it out.

use crate::catalog::Catalog;
use crate::model::{Citation, Field, ItemRef, Kind, Status, Text};

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
    pub notes: &'a [Text],
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

/// The width of every [`status_tag`].
pub const STATUS_TAG_WIDTH: usize = 6;

/// A short, fixed-width status tag, readable without colour: list rows, the overview's
/// counts and its table of partners use it.
pub fn status_tag(status: Status) -> &'static str {
    match status {
        Status::Intended => "INTEND",
        Status::Planned => "PLAN  ",
        Status::Ongoing => "ONGO  ",
        Status::Recurring => "RECUR ",
        Status::Done => "DONE  ",
        Status::Paused => "PAUSE ",
        Status::Cancelled => "CANCEL",
    }
}

/// Whether an action with this status still has something to happen: all but done and
/// cancelled. A paused action is open; it is waiting, not over.
pub fn is_open(status: Status) -> bool {
    !matches!(status, Status::Done | Status::Cancelled)
}

/// The dossier itself, and where things stand: what `0` shows in the viewer, `show`
/// prints with no id and a whole-dossier handout opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview<'a> {
    pub title: &'a str,
    pub as_of: Option<&'a str>,
    pub summary: &'a str,
    /// How many items of each kind, in tab order.
    pub counts: Vec<(Kind, usize)>,
    /// Rule violations found (broken references, duplicate ids).
    pub problems: usize,
    /// How many actions have each status, every status in [`Status::ALL`] order.
    pub statuses: Vec<(Status, usize)>,
    /// Every country in file order, with its open actions per status.
    pub partners: Vec<Partner>,
    /// The briefings, in file order.
    pub briefings: Vec<ItemRef>,
    /// The sources, in file order.
    pub sources: Vec<ItemRef>,
}

/// A country and the open actions that name it, counted per status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub country: ItemRef,
    /// Every open status (see [`is_open`]) in [`Status::ALL`] order, with its count.
    pub open: Vec<(Status, usize)>,
}

impl Partner {
    /// The open actions of this status.
    pub fn count(&self, status: Status) -> usize {
        self.open
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |&(_, n)| n)
    }

    /// All its open actions.
    pub fn total(&self) -> usize {
        self.open.iter().map(|&(_, n)| n).sum()
    }
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

    /// What the overview links to, in the order it shows them: the partners, the
    /// briefings, the sources.
    pub fn links(&self) -> Vec<ItemRef> {
        let partners = self.partners.iter().map(|partner| partner.country);
        partners
            .chain(self.briefings.iter().copied())
            .chain(self.sources.iter().copied())
            .collect()
    }

    /// The statuses some action has, with their counts, in [`Status::ALL`] order.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        self.statuses
            .iter()
            .copied()
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// The columns of the table of partners: the open statuses some country's action
    /// has, in [`Status::ALL`] order.
    pub fn partner_columns(&self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|&status| is_open(status))
            .filter(|&status| self.partners.iter().any(|p| p.count(status) > 0))
            .collect()
    }

    /// `9 actions: 2 INTEND, 2 PLAN, 2 ONGO, 1 RECUR, 2 PAUSE`, or `no actions`.
    pub fn statuses_line(&self) -> String {
        let total: usize = self.statuses.iter().map(|&(_, n)| n).sum();
        if total == 0 {
            return "no actions".to_owned();
        }
        let parts: Vec<String> = self
            .status_counts()
            .iter()
            .map(|&(status, n)| format!("{n} {}", status_tag(status).trim_end()))
            .collect();
        format!("{}: {}", Kind::Action.count(total), parts.join(", "))
    }
}

pub fn overview(catalog: &Catalog) -> Overview<'_> {
    let dossier = &catalog.dossier;
    let statuses = |actions: &mut dyn Iterator<Item = Status>, wanted: &[Status]| {
        let mut counts: Vec<(Status, usize)> = wanted.iter().map(|&s| (s, 0)).collect();
        for status in actions {
            if let Some((_, n)) = counts.iter_mut().find(|(s, _)| *s == status) {
                *n += 1;
            }
        }
        counts
    };
    let open: Vec<Status> = Status::ALL.into_iter().filter(|&s| is_open(s)).collect();
    let partners = catalog
        .items(Kind::Country)
        .map(|country| {
            // An action naming the country, once however often it names it.
            let mut actions = catalog
                .related(country)
                .iter()
                .filter(|related| related.kind == Kind::Action)
                .filter_map(|&action| catalog.get(action)?.status());
            Partner {
                country,
                open: statuses(&mut actions, &open),
            }
        })
        .collect();
    let mut all_actions = dossier.actions.iter().map(|action| action.status);
    Overview {
        title: &dossier.title,
        as_of: dossier.as_of.as_deref(),
        summary: &dossier.summary,
        counts: Kind::ALL
            .into_iter()
            .map(|kind| (kind, catalog.count(kind)))
            .collect(),
        problems: catalog.problems.len(),
        statuses: statuses(&mut all_actions, &Status::ALL),
        partners,
        briefings: catalog.items(Kind::Briefing).collect(),
        sources: catalog.items(Kind::Source).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(partner: &Partner) -> Vec<(&'static str, usize)> {
        partner
            .open
            .iter()
            .filter(|&&(_, n)| n > 0)
            .map(|&(status, n)| (status_tag(status).trim_end(), n))
            .collect()
    }

    #[test]
    fn the_bundled_overview_says_where_things_stand() {
        let catalog = Catalog::built_in().unwrap();
        let overview = overview(&catalog);
        assert_eq!(
            overview.status_counts(),
            [
                (Status::Intended, 2),
                (Status::Planned, 2),
                (Status::Ongoing, 2),
                (Status::Recurring, 1),
                (Status::Paused, 2),
            ]
        );
        assert_eq!(
            overview.statuses_line(),
            "9 actions: 2 INTEND, 2 PLAN, 2 ONGO, 1 RECUR, 2 PAUSE"
        );
        let rows: Vec<(&str, Vec<(&str, usize)>)> = overview
            .partners
            .iter()
            .map(|partner| {
                let id = catalog.get(partner.country).unwrap().id();
                (id, counts(partner))
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "nl",
                    vec![("INTEND", 2), ("PLAN", 1), ("ONGO", 1), ("RECUR", 1)]
                ),
                ("de", vec![("INTEND", 1), ("PAUSE", 1)]),
                ("dk", vec![("INTEND", 1), ("PAUSE", 1)]),
                ("us", vec![("ONGO", 1)]),
                ("fr", vec![("PLAN", 1)]),
            ]
        );
        assert_eq!(
            overview.partner_columns(),
            [
                Status::Intended,
                Status::Planned,
                Status::Ongoing,
                Status::Recurring,
                Status::Paused
            ]
        );
        let name = |item: ItemRef| catalog.get(item).unwrap().id();
        let briefings: Vec<&str> = overview.briefings.iter().map(|&b| name(b)).collect();
        assert_eq!(briefings, ["nl-partnership", "partners-overview"]);
        let sources: Vec<&str> = overview.sources.iter().map(|&s| name(s)).collect();
        assert_eq!(sources, ["vp-wapenhandel-2021"]);
    }

    /// Done and cancelled actions count among the statuses but are no partner's open
    /// actions; an action naming a country twice counts once; a country with nothing
    /// open is still a partner, with nothing.
    #[test]
    fn only_open_actions_count_for_a_partner() {
        let catalog = Catalog::from_text(
            "t",
            r#"Dossier(title: "t",
                countries: [Country(id: "a", name: "A"), Country(id: "b", name: "B")],
                actions: [
                    Action(id: "x", title: "X", status: Done, countries: ["a"]),
                    Action(id: "y", title: "Y", status: Cancelled, countries: ["a"]),
                    Action(id: "z", title: "Z", status: Paused, countries: ["a", "a"]),
                    Action(id: "w", title: "W", status: Paused, countries: ["missing"]),
                ])"#,
        )
        .unwrap();
        let overview = overview(&catalog);
        assert_eq!(
            overview.status_counts(),
            [
                (Status::Done, 1),
                (Status::Paused, 2),
                (Status::Cancelled, 1)
            ]
        );
        assert_eq!(overview.problems, 1);
        assert_eq!(counts(&overview.partners[0]), [("PAUSE", 1)]);
        assert_eq!(overview.partners[0].total(), 1);
        assert_eq!(overview.partners[1].total(), 0);
        assert_eq!(overview.partner_columns(), [Status::Paused]);
        assert!(
            overview
                .partners
                .iter()
                .all(|p| p.open.iter().all(|&(s, _)| is_open(s)))
        );
    }

    #[test]
    fn an_empty_dossier_has_an_empty_overview() {
        let catalog = Catalog::from_text("t", r#"Dossier(title: "t")"#).unwrap();
        let overview = overview(&catalog);
        assert!(overview.status_counts().is_empty());
        assert_eq!(overview.statuses_line(), "no actions");
        assert!(overview.partners.is_empty() && overview.partner_columns().is_empty());
        assert!(overview.briefings.is_empty() && overview.sources.is_empty());
    }
}
