//! The format's rules that the parser cannot check: id syntax, unique ids, and references
//! to existing ids of the right kind. Every violation is collected, not just the first.

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use crate::model::{Dossier, Item, Kind};
use crate::suggest::did_you_mean;
use crate::text;

/// One broken rule, located by item and field since a parsed value has no line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The item, as an author finds it: `actions[3] "fr-dialogue"`.
    pub item: String,
    /// The field within it: `countries[0]`, `citations[1].source`.
    pub field: String,
    pub message: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.item, self.field, self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean `{}`?", text::inline(suggestion))?;
        }
        Ok(())
    }
}

/// An id is non-empty and uses only `a-z`, `0-9`, `-`, `_` and `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// The nearest valid id to a bad one, to suggest: `NL Office` → `nl-office`.
fn repaired_id(id: &str) -> Option<String> {
    let repaired: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        .collect();
    is_valid_id(&repaired).then_some(repaired)
}

/// Every item in file order (sources, countries, forums, actions), with its index within
/// its kind, from which [`label`] names it.
fn items_in_file_order(dossier: &Dossier) -> Vec<(Item<'_>, usize)> {
    let sources = dossier.sources.iter().map(Item::Source);
    let countries = dossier.countries.iter().map(Item::Country);
    let forums = dossier.forums.iter().map(Item::Forum);
    let actions = dossier.actions.iter().map(Item::Action);
    let groups: [Vec<Item<'_>>; 4] = [
        sources.collect(),
        countries.collect(),
        forums.collect(),
        actions.collect(),
    ];
    groups
        .into_iter()
        .flat_map(|group| {
            group
                .into_iter()
                .enumerate()
                .map(|(index, item)| (item, index))
        })
        .collect()
}

/// How a message names an item: `actions[3] "fr-dialogue"`. Only made for problems, as
/// formatting one for each of 100 000 items would be most of the validation's cost.
fn label(item: Item<'_>, index: usize) -> String {
    format!(
        "{}[{index}] \"{}\"",
        item.kind().plural(),
        text::inline(item.id())
    )
}

/// Where in an item a reference is: `countries[0]`, `citations[1].source`. Turned into
/// text only for a reference that is broken.
#[derive(Debug, Clone, Copy)]
struct Field {
    list: &'static str,
    index: usize,
    suffix: &'static str,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]{}", self.list, self.index, self.suffix)
    }
}

/// Every id an item refers to: (field, id, the kind it must be).
fn references<'a>(item: Item<'a>) -> Vec<(Field, &'a str, Kind)> {
    let mut refs = Vec::new();
    for references in item.references() {
        for (index, id) in references.ids.iter().enumerate() {
            let field = Field {
                list: references.field,
                index,
                suffix: "",
            };
            refs.push((field, id.as_str(), references.kind));
        }
    }
    for (index, citation) in item.citations().iter().enumerate() {
        let field = Field {
            list: "citations",
            index,
            suffix: ".source",
        };
        refs.push((field, citation.source.as_str(), Kind::Source));
    }
    refs
}

/// Checks rules 1 and 2 of the format and returns every violation, in file order.
pub fn validate(dossier: &Dossier) -> Vec<Problem> {
    // Each problem with its item's position, to report them in file order.
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let items = items_in_file_order(dossier);

    let mut first_use: HashMap<&str, (Kind, Item<'_>, usize)> = HashMap::new();
    for (position, &(item, index)) in items.iter().enumerate() {
        let id = item.id();
        if !is_valid_id(id) {
            problems.push((
                position,
                Problem {
                    item: label(item, index),
                    field: "id".to_owned(),
                    message: format!(
                        "`{}` is not a valid id: use only a-z, 0-9, `-`, `_` and `.`",
                        text::inline(id)
                    ),
                    suggestion: repaired_id(id),
                },
            ));
        }
        match first_use.get(id) {
            Some(&(_, earlier, earlier_index)) => problems.push((
                position,
                Problem {
                    item: label(item, index),
                    field: "id".to_owned(),
                    message: format!(
                        "duplicate id `{}`, already used by {}",
                        text::inline(id),
                        label(earlier, earlier_index)
                    ),
                    suggestion: None,
                },
            )),
            None => {
                first_use.insert(id, (item.kind(), item, index));
            }
        }
    }

    let known = References {
        kinds: first_use
            .iter()
            .map(|(id, (kind, _, _))| (*id, *kind))
            .collect(),
    };
    for (position, &(item, index)) in items.iter().enumerate() {
        for (field, id, wanted) in references(item) {
            if let Some((message, suggestion)) = known.check(id, wanted) {
                problems.push((
                    position,
                    Problem {
                        item: label(item, index),
                        field: field.to_string(),
                        message,
                        suggestion,
                    },
                ));
            }
        }
    }
    problems.sort_by_key(|(position, _)| *position);
    problems.into_iter().map(|(_, problem)| problem).collect()
}

struct References<'a> {
    kinds: HashMap<&'a str, Kind>,
}

impl References<'_> {
    /// What is wrong with a reference to `id` where a `wanted` item belongs, if anything.
    fn check(&self, id: &str, wanted: Kind) -> Option<(String, Option<String>)> {
        let same_kind = || {
            self.kinds
                .iter()
                .filter(|(id, kind)| **kind == wanted && is_valid_id(id))
                .map(|(id, _)| *id)
        };
        match self.kinds.get(id) {
            Some(kind) if *kind == wanted => None,
            Some(kind) => Some((
                format!(
                    "`{}` is a {}, not a {}",
                    text::inline(id),
                    kind.label(),
                    wanted.label()
                ),
                did_you_mean(id, same_kind()).map(str::to_owned),
            )),
            None => Some((
                format!("unknown {} id `{}`", wanted.label(), text::inline(id)),
                did_you_mean(id, same_kind()).map(str::to_owned),
            )),
        }
    }
}
