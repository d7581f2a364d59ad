//! The diff on hand-made pairs: every kind of change, and what is no change.

use super::*;
use crate::model::{Citation, Status, Text, Texts};

const EXAMPLE: &str = include_str!("../../tests/fixtures/example.ron");

fn catalog(dossier: Dossier) -> Catalog {
    Catalog::new(dossier)
}

fn example() -> Dossier {
    Catalog::from_text("example", EXAMPLE)
        .expect("the example loads")
        .dossier
}

/// The changes from the example to the example as `edit` leaves it.
fn after(edit: impl FnOnce(&mut Dossier)) -> Changes {
    let old = example();
    let mut new = old.clone();
    edit(&mut new);
    Changes::between(&catalog(old), &catalog(new))
}

/// `list` as `edit` leaves it: a dossier's lists are shared, and changed as a whole.
fn change(list: &mut Texts, edit: impl FnOnce(&mut Vec<Text>)) {
    let mut items = list.to_vec();
    edit(&mut items);
    *list = items.into();
}

/// The only item change, which must be a change of `id`.
fn only(changes: &Changes, id: &str) -> ItemChange {
    assert_eq!(changes.items.len(), 1, "{:#?}", changes.items);
    let item = changes.items[0].clone();
    assert_eq!(item.id, id);
    item
}

fn field(label: &'static str, before: &str, after: &str, prose: bool) -> FieldChange {
    FieldChange {
        label,
        before: before.to_owned(),
        after: after.to_owned(),
        prose,
    }
}

#[test]
fn the_same_dossier_has_no_changes() {
    let changes = after(|_| {});
    assert!(changes.is_empty());
    assert_eq!(changes.summary(), "no changes");
}

#[test]
fn a_status_and_timing_change() {
    let changes = after(|d| {
        d.actions[0].status = Status::Done;
        d.actions[0].timing = None;
    });
    let item = only(&changes, "nl-annual-consultation");
    assert_eq!(item.change, Change::Changed);
    assert_eq!(
        item.fields,
        vec![
            field("Status", "Recurring", "Done", false),
            field(
                "Timing",
                "Yearly; next round probably in the autumn",
                "",
                false
            ),
        ]
    );
    assert!(item.links.is_empty() && item.citations.is_empty());
    assert_eq!(changes.summary(), "0 added, 0 removed, 1 changed");
    assert_eq!(item.fields[0].shown(), "Recurring → Done");
    assert_eq!(
        item.fields[1].shown(),
        "Yearly; next round probably in the autumn → (none)"
    );
}

#[test]
fn titles_names_and_short_fields() {
    let changes = after(|d| {
        d.countries[0].name = "The Netherlands".into();
        d.countries[0].native_name = None;
        d.countries[0].role = Some("Partner".into());
        change(&mut d.countries[0].counterparts, |list| {
            list.push("Customs".into())
        });
        change(&mut d.countries[0].topics, |list| {
            list.retain(|topic| topic != "military goods")
        });
    });
    let item = only(&changes, "nl");
    assert_eq!(
        item.fields,
        vec![
            field("Name", "Netherlands", "The Netherlands", false),
            field("Native name", "Nederland", "", false),
            field(
                "Role",
                "Principal partner for strategic goods",
                "Partner",
                false
            ),
            field(
                "Counterparts",
                "Dutch export control services",
                "Dutch export control services · Customs",
                false
            ),
            field(
                "Topics",
                "dual-use goods · military goods",
                "dual-use goods",
                false
            ),
        ]
    );
    assert_eq!(item.title, "The Netherlands");
}

#[test]
fn a_field_emptied_is_still_listed_where_it_was() {
    let changes = after(|d| d.sources[0].reference = None);
    let item = only(&changes, "vp-wapenhandel-2021");
    assert_eq!(item.fields.len(), 1);
    assert_eq!(item.fields[0].label, "Reference");
    assert_eq!(item.fields[0].after, "");
    let changes = after(|d| d.forums[0].kind = None);
    assert_eq!(only(&changes, "duwp").fields[0].label, "Kind");
}

#[test]
fn summaries_and_notes_are_word_diffs() {
    let changes = after(|d| {
        d.actions[0].summary = "A yearly consultation on military goods.".into();
        change(&mut d.actions[0].notes, |list| {
            list.push("A second note.".into())
        });
    });
    let item = only(&changes, "nl-annual-consultation");
    assert_eq!(item.fields.len(), 2);
    assert!(item.fields.iter().all(|field| field.prose));
    assert_eq!(item.fields[0].label, "Summary");
    assert_eq!(
        item.fields[0].shown(),
        "A yearly consultation on military [-and dual-use-] goods."
    );
    assert_eq!(
        plain(&item.fields[0].words()),
        "A yearly consultation on military [-and dual-use-] goods."
    );
    assert_eq!(item.fields[1].label, "Notes");
    assert_eq!(
        plain(&item.fields[1].words()),
        "… technical experts take part. {+A second note.+}"
    );
    // A briefing's notes are the presenter's, and labelled so.
    let changes = after(|d| change(&mut d.briefings[0].notes, |list| list.clear()));
    assert_eq!(
        only(&changes, "nl-brief").fields[0].label,
        "Presenter's notes"
    );
}

#[test]
fn links_added_and_removed() {
    let changes = after(|d| {
        change(&mut d.actions[1].countries, |list| list.push("nl".into()));
        change(&mut d.actions[1].countries, |list| {
            list.retain(|id| id != "dk")
        });
        change(&mut d.actions[1].forums, |list| list.push("duwp".into()));
    });
    let item = only(&changes, "dk-annual-consultation");
    let link = |change, field, kind: Kind, id: &str| LinkChange {
        change,
        field,
        kind: Some(kind),
        id: id.to_owned(),
    };
    assert_eq!(
        item.links,
        vec![
            link(Change::Added, "countries", Kind::Country, "nl"),
            link(Change::Removed, "countries", Kind::Country, "dk"),
            link(Change::Added, "forums", Kind::Forum, "duwp"),
        ]
    );
    assert!(item.fields.is_empty());
    // Members of a forum, forums of a country: the same.
    let changes = after(|d| change(&mut d.forums[0].members, |list| list.push("dk".into())));
    assert_eq!(
        only(&changes, "duwp").links,
        vec![link(Change::Added, "members", Kind::Country, "dk")]
    );
    // An id that names nothing has no kind.
    let changes = after(|d| {
        change(&mut d.countries[1].forums, |list| {
            list.push("nowhere".into())
        })
    });
    assert_eq!(only(&changes, "dk").links[0].id, "nowhere");
}

#[test]
fn a_briefings_items_name_their_kind_and_their_order_counts() {
    let changes = after(|d| {
        change(&mut d.briefings[0].items, |list| {
            list.push("vp-wapenhandel-2021".into())
        })
    });
    let item = only(&changes, "nl-brief");
    assert_eq!(item.links[0].kind, Some(Kind::Source));
    assert!(item.fields.is_empty(), "{:?}", item.fields);
    let changes = after(|d| change(&mut d.briefings[0].items, |list| list.reverse()));
    let item = only(&changes, "nl-brief");
    assert!(item.links.is_empty());
    assert_eq!(
        item.fields,
        vec![field(
            "Items",
            "nl · duwp · nl-annual-consultation",
            "nl-annual-consultation · duwp · nl",
            false
        )]
    );
}

#[test]
fn citations_added_and_removed() {
    let changes = after(|d| {
        d.countries[0].citations[0].locator = Some("answer, first line".into());
        d.countries[0].citations.push(Citation {
            source: "vp-wapenhandel-2021".into(),
            quote: "Nieuw citaat.".into(),
            locator: None,
        });
    });
    let item = only(&changes, "nl");
    let changes: Vec<(Change, Option<&str>)> = item
        .citations
        .iter()
        .map(|c| (c.change, c.locator.as_deref()))
        .collect();
    assert_eq!(
        changes,
        [
            (Change::Removed, Some("answer")),
            (Change::Added, Some("answer, first line")),
            (Change::Added, None),
        ]
    );
}

#[test]
fn items_added_and_removed_and_found_by_new_ref() {
    let changes = after(|d| {
        let mut added = d.countries[1].clone();
        added.id = "jp".into();
        added.name = "Japan".into();
        d.countries.insert(0, added);
        d.actions.remove(1);
        d.actions[0].status = Status::Ongoing;
    });
    let summary: Vec<(Change, Kind, &str, &str)> = changes
        .items
        .iter()
        .map(|i| (i.change, i.kind, i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (Change::Added, Kind::Country, "jp", "Japan"),
            (
                Change::Changed,
                Kind::Action,
                "nl-annual-consultation",
                "Annual general consultation with the Dutch export control services"
            ),
            (
                Change::Removed,
                Kind::Action,
                "dk-annual-consultation",
                "Annual consultation with the Danish authorities"
            ),
        ]
    );
    assert_eq!(changes.summary(), "1 added, 1 removed, 1 changed");
    let at = |kind, index| ItemRef { kind, index };
    assert_eq!(
        changes.of(at(Kind::Country, 0)).map(|c| c.change),
        Some(Change::Added)
    );
    // `nl` moved to second place: it did not change, and is not marked.
    assert_eq!(changes.of(at(Kind::Country, 1)), None);
    assert_eq!(
        changes.of(at(Kind::Action, 0)).map(|c| c.change),
        Some(Change::Changed)
    );
    let removed = &changes.items[2];
    assert_eq!(removed.old, Some(at(Kind::Action, 1)));
    assert_eq!(removed.new, None);
}

#[test]
fn reordering_alone_is_no_change() {
    let changes = after(|d| {
        d.countries.reverse();
        d.actions.reverse();
        change(&mut d.countries[1].topics, |list| list.reverse());
        change(&mut d.countries[1].counterparts, |list| list.reverse());
        change(&mut d.actions[1].countries, |list| list.reverse());
        change(&mut d.forums[0].members, |list| list.push("dk".into()));
        change(&mut d.forums[0].members, |list| list.reverse());
        let again = d.countries[1].citations[0].clone();
        d.countries[1].citations.push(again);
    });
    // The reversed lists are no change; only the member and the citation added are.
    let kinds: Vec<(&str, usize, usize)> = changes
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.links.len(), i.citations.len()))
        .collect();
    assert_eq!(kinds, [("nl", 0, 1), ("duwp", 1, 0)]);
    let changes = after(|d| {
        d.countries.reverse();
        change(&mut d.countries[1].topics, |list| list.reverse());
        d.actions[0].citations.reverse();
    });
    assert!(changes.is_empty(), "{:#?}", changes.items);
}

#[test]
fn a_renamed_id_reads_as_removed_and_added() {
    let changes = after(|d| d.forums[0].id = "dual-use-wp".into());
    let seen: Vec<(Change, &str)> = changes
        .items
        .iter()
        .map(|i| (i.change, i.id.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(Change::Added, "dual-use-wp"), (Change::Removed, "duwp")]
    );
    // The same id under another kind is another item too.
    let changes = after(|d| {
        let forum = d.forums.remove(0);
        d.countries.push(crate::model::Country {
            id: forum.id,
            name: forum.name,
            native_name: None,
            role: None,
            summary: Default::default(),
            counterparts: Texts::default(),
            forums: Texts::default(),
            topics: Texts::default(),
            notes: Texts::default(),
            citations: Vec::new(),
        });
    });
    assert_eq!(changes.count(Change::Added), 1);
    assert_eq!(changes.count(Change::Removed), 1);
}

#[test]
fn duplicate_ids_are_matched_in_file_order() {
    let changes = after(|d| {
        let mut twin = d.actions[1].clone();
        twin.title = "Second".into();
        d.actions.push(twin);
    });
    let item = only(&changes, "dk-annual-consultation");
    assert_eq!(item.change, Change::Added);
    assert_eq!(item.title, "Second");
}

#[test]
fn the_dossiers_own_fields() {
    let changes = after(|d| {
        d.title = "New title".into();
        d.as_of = Some("2022".into());
    });
    assert!(changes.items.is_empty());
    assert_eq!(
        changes.dossier,
        vec![
            field(
                "Title",
                "Arms trade — bilateral relations",
                "New title",
                false
            ),
            field("As of", "2021", "2022", false),
        ]
    );
    assert_eq!(
        changes.summary(),
        "0 added, 0 removed, 0 changed; the dossier's title and as of changed"
    );
}

/// A field the model gains is compared as soon as an output shows it: every field of
/// every kind, changed on its own, is a change.
#[test]
fn every_field_of_every_kind_is_compared() {
    let old = example();
    let base = serde_json::to_value(&old).expect("serializes");
    let lists = ["sources", "countries", "forums", "actions", "briefings"];
    let mut checked = 0;
    for list in lists {
        let item = &base[list][0];
        for (name, value) in item.as_object().expect("an object") {
            if name == "id" {
                continue;
            }
            let changed = match value {
                serde_json::Value::String(text) => format!("{text} x").into(),
                serde_json::Value::Null => "x".into(),
                serde_json::Value::Array(values) if name == "citations" => {
                    let mut values = values.clone();
                    values.push(serde_json::json!({"source": "vp-wapenhandel-2021", "quote": "q"}));
                    values.into()
                }
                serde_json::Value::Array(values) => {
                    let mut values = values.clone();
                    values.push("x".into());
                    values.into()
                }
                other => panic!("{list}.{name}: {other}"),
            };
            let changed = if name == "status" {
                "Done".into()
            } else {
                changed
            };
            let mut new = base.clone();
            new[list][0][name.as_str()] = changed;
            let new: Dossier = serde_json::from_value(new).expect("still a dossier");
            let changes = Changes::between(&catalog(old.clone()), &catalog(new));
            assert_eq!(changes.items.len(), 1, "{list}.{name} changed unseen");
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
}
