//! What changed between two versions of a dossier: items added and removed, matched by
//! kind and id, and for an item in both, each field, link and citation that changed.
//!
//! Only what an author would call a change counts. Reordering alone is none: items,
//! topics, links and citations are compared as sets, except a briefing's items, whose
//! order is the author's. An id renamed reads as one item removed and another added.
//! Only what the author wrote is compared: a country added to an action's `countries`
//! changes the action, not the country it names.
//!
//! [`Changes`] is data for every output: `dossier diff` prints it, a handout renders it
//! ([`markdown_section`], [`html_section`]), the viewer marks the items it names.

mod handout;
mod words;

use std::collections::VecDeque;

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::model::{Citation, Dossier, Field, Item, ItemRef, Kind, Text, Wanted};

pub use handout::{html_section, markdown_section};
pub use words::{Segment, plain, words};

/// How many words of unchanged text a short word diff keeps on each side of a change.
pub const CONTEXT_WORDS: usize = 4;

/// What happened to an item, a link or a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    /// In both versions, different (items only).
    Changed,
}

impl Change {
    /// The mark before a line of `dossier diff`, in ASCII so that every terminal and
    /// every mono theme shows it: `+`, `-`, `~`.
    pub fn mark(self) -> char {
        match self {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Changed => '~',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One field whose value changed: `Status: Planned → Done`. An absent value is `""`;
/// a list's parts are joined with ` · `.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// As the item's detail labels it: `Status`, `Native name`, `Presenter's notes`.
    #[serde(rename = "field")]
    pub label: &'static str,
    pub before: String,
    pub after: String,
    /// Long text (a summary, notes): shown as a word diff, not as before → after.
    #[serde(skip)]
    pub prose: bool,
}

impl FieldChange {
    /// What changed in a few words: the changed words with [`CONTEXT_WORDS`] of context
    /// each side, the rest elided. Meant for prose, fine for any value.
    pub fn words(&self) -> Vec<Segment> {
        words(&self.before, &self.after, CONTEXT_WORDS)
    }

    /// The change in one line of plain text, as `dossier diff` prints it without colour:
    /// `Planned → Done`, `(none) → autumn`, or for prose the short word diff
    /// (`… held [-yearly-] {+annually+} with …`). Dossier text as written: an output
    /// makes it safe its own way.
    pub fn shown(&self) -> String {
        if self.prose {
            let segments = self.words();
            if segments.is_empty() {
                return "(spacing or paragraphs only)".to_owned();
            }
            return plain(&segments);
        }
        let value = |value: &str| {
            if value.is_empty() {
                "(none)".to_owned()
            } else {
                value.to_owned()
            }
        };
        format!("{} → {}", value(&self.before), value(&self.after))
    }
}

/// A link written in an item that was added or removed: `+ country jp`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkChange {
    pub change: Change,
    /// The list it is in, as the file names it: `countries`, `members`, `items`.
    pub field: &'static str,
    /// The kind of item it names, when known (a briefing's item may be any kind; an id
    /// that names nothing has none).
    pub kind: Option<Kind>,
    pub id: String,
}

/// A citation added or removed. One whose quote or locator changed reads as the old one
/// removed and the new one added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationChange {
    pub change: Change,
    pub source: String,
    pub quote: String,
    pub locator: Option<String>,
}

/// An item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    pub change: Change,
    pub kind: Kind,
    pub id: String,
    /// Its title in the new version, or in the old one when it was removed.
    pub title: String,
    /// The item in the old version; `None` when added.
    #[serde(skip)]
    pub old: Option<ItemRef>,
    /// The item in the new version; `None` when removed.
    #[serde(skip)]
    pub new: Option<ItemRef>,
    /// Fields that changed, in the order the item's detail shows them.
    pub fields: Vec<FieldChange>,
    pub links: Vec<LinkChange>,
    pub citations: Vec<CitationChange>,
}

/// Everything that changed between two versions of a dossier.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// The dossier's own fields: title, as of, summary.
    pub dossier: Vec<FieldChange>,
    /// Kind by kind ([`Kind::ALL`] order): items added or changed in the new version's
    /// order, then items removed in the old version's order.
    pub items: Vec<ItemChange>,
    /// The new version's items in `items`, by position there.
    by_new: HashMap<ItemRef, usize>,
}

impl Changes {
    /// What changed from `old` to `new`.
    pub fn between(old: &Catalog, new: &Catalog) -> Changes {
        let mut items = Vec::new();
        for kind in Kind::ALL {
            compare_kind(old, new, kind, &mut items);
        }
        let by_new = items
            .iter()
            .enumerate()
            .filter_map(|(position, change)| Some((change.new?, position)))
            .collect();
        Changes {
            dossier: dossier_changes(&old.dossier, &new.dossier),
            items,
            by_new,
        }
    }

    /// How the new version's `item` changed (added or changed), or `None` when it did
    /// not. Removed items are in [`Changes::items`] only.
    pub fn of(&self, item: ItemRef) -> Option<&ItemChange> {
        self.by_new
            .get(&item)
            .and_then(|&position| self.items.get(position))
    }

    /// True when nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.dossier.is_empty() && self.items.is_empty()
    }

    /// How many items were added, removed or changed.
    pub fn count(&self, change: Change) -> usize {
        self.items
            .iter()
            .filter(|item| item.change == change)
            .count()
    }

    /// `2 added, 1 removed, 3 changed`, and which of the dossier's own fields changed
    /// (`; the dossier's title changed`); `no changes` when there are none.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "no changes".to_owned();
        }
        let mut line = [Change::Added, Change::Removed, Change::Changed]
            .map(|change| format!("{} {}", self.count(change), change.label()))
            .join(", ");
        if !self.dossier.is_empty() {
            let labels: Vec<String> = self
                .dossier
                .iter()
                .map(|field| field.label.to_lowercase())
                .collect();
            line.push_str(&format!("; the dossier's {} changed", and_list(&labels)));
        }
        line
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn dossier_changes(old: &Dossier, new: &Dossier) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    value(&mut fields, "Title", &old.title, &new.title);
    let as_of = |dossier: &Dossier| dossier.as_of.clone().unwrap_or_default();
    value(&mut fields, "As of", &as_of(old), &as_of(new));
    prose(&mut fields, "Summary", &old.summary, &new.summary);
    fields
}

/// The old version's items of one kind by id, to be taken as the new version's items
/// find them. A duplicate id (a rule violation, but the file still loads) is matched in
/// file order: the second `nl` with the second `nl`.
struct OldItems<'a> {
    first: HashMap<&'a str, usize>,
    later: HashMap<&'a str, VecDeque<usize>>,
}

impl<'a> OldItems<'a> {
    fn new(catalog: &'a Catalog, kind: Kind) -> OldItems<'a> {
        let mut first = HashMap::with_capacity(catalog.count(kind));
        let mut later: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for item in catalog.items(kind) {
            let Some(found) = catalog.get(item) else {
                continue;
            };
            let id = found.id();
            if first.contains_key(id) {
                later.entry(id).or_default().push_back(item.index);
            } else {
                first.insert(id, item.index);
            }
        }
        OldItems { first, later }
    }

    fn take(&mut self, id: &str) -> Option<usize> {
        if let Some(index) = self.first.remove(id) {
            return Some(index);
        }
        self.later.get_mut(id)?.pop_front()
    }
}

fn compare_kind(old: &Catalog, new: &Catalog, kind: Kind, out: &mut Vec<ItemChange>) {
    let mut old_items = OldItems::new(old, kind);
    let mut matched = vec![false; old.count(kind)];
    for new_ref in new.items(kind) {
        let Some(new_item) = new.get(new_ref) else {
            continue;
        };
        let found = old_items.take(new_item.id()).and_then(|index| {
            let old_ref = ItemRef { kind, index };
            Some((old_ref, old.get(old_ref)?))
        });
        match found {
            Some((old_ref, old_item)) => {
                if let Some(slot) = matched.get_mut(old_ref.index) {
                    *slot = true;
                }
                if !same(old_item, new_item)
                    && let Some(change) = compare(old, old_ref, old_item, new, new_ref, new_item)
                {
                    out.push(change);
                }
            }
            None => out.push(whole(Change::Added, new_ref, new_item)),
        }
    }
    for old_ref in old.items(kind) {
        if matched.get(old_ref.index) == Some(&false)
            && let Some(old_item) = old.get(old_ref)
        {
            out.push(whole(Change::Removed, old_ref, old_item));
        }
    }
}

/// An item added or removed as a whole.
fn whole(change: Change, item: ItemRef, found: Item<'_>) -> ItemChange {
    let (old, new) = match change {
        Change::Removed => (Some(item), None),
        _ => (None, Some(item)),
    };
    ItemChange {
        change,
        kind: item.kind,
        id: found.id().to_owned(),
        title: found.title().to_owned(),
        old,
        new,
        fields: Vec::new(),
        links: Vec::new(),
        citations: Vec::new(),
    }
}

/// Whether two items are written the same, field for field: most items of a big
/// dossier are, and this is all they cost.
fn same(old: Item<'_>, new: Item<'_>) -> bool {
    match (old, new) {
        (Item::Country(a), Item::Country(b)) => a == b,
        (Item::Forum(a), Item::Forum(b)) => a == b,
        (Item::Action(a), Item::Action(b)) => a == b,
        (Item::Source(a), Item::Source(b)) => a == b,
        (Item::Briefing(a), Item::Briefing(b)) => a == b,
        _ => false,
    }
}

/// How an item in both versions changed, or `None` when only an order did. Fields are
/// read through [`Item`]'s accessors, the ones every output shows, so that a field the
/// model gains is compared as soon as it is shown.
fn compare(
    old: &Catalog,
    old_ref: ItemRef,
    old_item: Item<'_>,
    new: &Catalog,
    new_ref: ItemRef,
    new_item: Item<'_>,
) -> Option<ItemChange> {
    let kind = new_ref.kind;
    let mut fields = Vec::new();
    let title_label = match kind {
        Kind::Country | Kind::Forum => "Name",
        Kind::Action | Kind::Source | Kind::Briefing => "Title",
    };
    value(&mut fields, title_label, old_item.title(), new_item.title());
    let subtitle_label = match kind {
        Kind::Country => Some("Native name"),
        Kind::Forum => Some("Full name"),
        Kind::Action | Kind::Source | Kind::Briefing => None,
    };
    if let Some(label) = subtitle_label {
        let before = old_item.subtitle().unwrap_or_default();
        value(
            &mut fields,
            label,
            before,
            new_item.subtitle().unwrap_or_default(),
        );
    }
    labelled_fields(&mut fields, &old_item.fields(), &new_item.fields());
    let (old_summary, old_notes) = old_item.prose();
    let (new_summary, new_notes) = new_item.prose();
    prose(&mut fields, "Summary", old_summary, new_summary);
    prose(
        &mut fields,
        kind.notes_heading(),
        &old_notes.join("\n\n"),
        &new_notes.join("\n\n"),
    );
    let links = links(old, old_item, new, new_item, &mut fields);
    let citations = citations(old_item, new_item);
    if fields.is_empty() && links.is_empty() && citations.is_empty() {
        return None;
    }
    Some(ItemChange {
        change: Change::Changed,
        kind,
        id: new_item.id().to_owned(),
        title: new_item.title().to_owned(),
        old: Some(old_ref),
        new: Some(new_ref),
        fields,
        links,
        citations,
    })
}

fn value(fields: &mut Vec<FieldChange>, label: &'static str, before: &str, after: &str) {
    if before != after {
        fields.push(FieldChange {
            label,
            before: before.to_owned(),
            after: after.to_owned(),
            prose: false,
        });
    }
}

fn prose(fields: &mut Vec<FieldChange>, label: &'static str, before: &str, after: &str) {
    if before != after {
        fields.push(FieldChange {
            label,
            before: before.to_owned(),
            after: after.to_owned(),
            prose: true,
        });
    }
}

/// The short labelled fields ([`Item::fields`]: role, status, timing, topics, …), matched
/// by label. A list whose parts only moved has not changed.
fn labelled_fields(out: &mut Vec<FieldChange>, old: &[Field], new: &[Field]) {
    // Both lists leave out empty fields, so a label may be in one only. Each keeps the
    // item's order; an old-only label goes after the label it followed.
    let mut labels: Vec<&'static str> = new.iter().map(|field| field.label).collect();
    let mut after = 0;
    for field in old {
        match labels.iter().position(|&label| label == field.label) {
            Some(at) => after = at + 1,
            None => {
                labels.insert(after.min(labels.len()), field.label);
                after += 1;
            }
        }
    }
    let parts = |fields: &[Field], label: &str| -> Vec<String> {
        fields
            .iter()
            .find(|field| field.label == label)
            .map(|field| field.parts.clone())
            .unwrap_or_default()
    };
    for label in labels {
        let (before, after) = (parts(old, label), parts(new, label));
        let mut sorted_before = before.clone();
        let mut sorted_after = after.clone();
        sorted_before.sort_unstable();
        sorted_after.sort_unstable();
        if sorted_before != sorted_after {
            value(out, label, &before.join(" · "), &after.join(" · "));
        }
    }
}

/// Links added and removed in each list of ids the item holds. A list whose order is
/// the author's (a briefing's items) that was reordered is a field change as well.
fn links(
    old: &Catalog,
    old_item: Item<'_>,
    new: &Catalog,
    new_item: Item<'_>,
    fields: &mut Vec<FieldChange>,
) -> Vec<LinkChange> {
    let mut links = Vec::new();
    // The same kind has the same lists, in the same order.
    for (before, after) in old_item.references().into_iter().zip(new_item.references()) {
        let kind_in = |catalog: &Catalog, id: &str| match after.wanted {
            Wanted::Only(kind) => Some(kind),
            Wanted::AnyBut(_) => catalog.find(id).map(|found| found.kind),
        };
        let removed = missing_from(before.ids, after.ids);
        let added = missing_from(after.ids, before.ids);
        for (change, ids, catalog) in [
            (Change::Added, &added, new),
            (Change::Removed, &removed, old),
        ] {
            for id in ids {
                links.push(LinkChange {
                    change,
                    field: after.field,
                    kind: kind_in(catalog, id),
                    id: (*id).to_owned(),
                });
            }
        }
        if let Some(label) = after.sequence {
            let kept_before: Vec<&Text> = before
                .ids
                .iter()
                .filter(|id| after.ids.contains(id))
                .collect();
            let kept_after: Vec<&Text> = after
                .ids
                .iter()
                .filter(|id| before.ids.contains(id))
                .collect();
            if kept_before != kept_after {
                value(
                    fields,
                    label,
                    &before.ids.join(" · "),
                    &after.ids.join(" · "),
                );
            }
        }
    }
    links
}

/// The ids in `these` that `others` lacks, each once, in `these`' order.
fn missing_from<'a>(these: &'a [Text], others: &[Text]) -> Vec<&'a str> {
    let others: foldhash::HashSet<&str> = others.iter().map(Text::as_str).collect();
    let mut seen = foldhash::HashSet::default();
    these
        .iter()
        .map(Text::as_str)
        .filter(|id| !others.contains(id) && seen.insert(*id))
        .collect()
}

/// Citations removed (in the old order) and added (in the new order), counted as a
/// multiset: quoting the same passage twice and then once is one removed.
fn citations(old: Item<'_>, new: Item<'_>) -> Vec<CitationChange> {
    let mut changes = Vec::new();
    for (change, from, to) in [(Change::Removed, old, new), (Change::Added, new, old)] {
        let mut left = count_citations(to);
        for citation in from.citations() {
            match left.get_mut(&citation_key(citation)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => changes.push(CitationChange {
                    change,
                    source: String::from(&citation.source),
                    quote: String::from(&citation.quote),
                    locator: citation.locator.as_ref().map(String::from),
                }),
            }
        }
    }
    changes
}

fn count_citations(item: Item<'_>) -> HashMap<CitationKey<'_>, usize> {
    let mut counts: HashMap<CitationKey<'_>, usize> = HashMap::new();
    for citation in item.citations() {
        *counts.entry(citation_key(citation)).or_default() += 1;
    }
    counts
}

/// What makes two citations the same: source, quote and locator.
type CitationKey<'a> = (&'a str, &'a str, Option<&'a str>);

fn citation_key(citation: &Citation) -> CitationKey<'_> {
    (
        &citation.source,
        &citation.quote,
        citation.locator.as_deref(),
    )
}

#[cfg(test)]
mod tests;
