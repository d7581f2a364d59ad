//! The format's rules that the parser cannot check: id syntax, unique ids, and references
//! to existing ids of the right kind. Every violation is collected, not just the first.

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use crate::model::{Dossier, Item, ItemRef, Kind, Wanted};
use crate::suggest::{Budget, did_you_mean_within};
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

/// Every item in file order (sources, countries, forums, actions, briefings), with its
/// index within its kind, from which [`label`] names it.
fn items_in_file_order(dossier: &Dossier) -> Vec<(Item<'_>, usize)> {
    Kind::FILE_ORDER
        .into_iter()
        .flat_map(|kind| {
            (0..dossier.count(kind)).filter_map(move |index| {
                let item = dossier.get(ItemRef { kind, index })?;
                Some((item, index))
            })
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

/// Every id an item refers to: (field, id, the kinds it may name).
fn references<'a>(item: Item<'a>) -> Vec<(Field, &'a str, Wanted)> {
    let mut refs = Vec::new();
    for references in item.references() {
        for (index, id) in references.ids.iter().enumerate() {
            let field = Field {
                list: references.field,
                index,
                suffix: "",
            };
            refs.push((field, id.as_str(), references.wanted));
        }
    }
    for (index, citation) in item.citations().iter().enumerate() {
        let field = Field {
            list: "citations",
            index,
            suffix: ".source",
        };
        refs.push((field, citation.source.as_str(), Wanted::Only(Kind::Source)));
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

    // In file order, so that equally near suggestions are the same on every run.
    let in_order = items
        .iter()
        .map(|(item, _)| item.id())
        .filter(|id| is_valid_id(id))
        .filter_map(|id| Some((id, first_use.get(id)?.0)));
    let mut known = References {
        kinds: first_use
            .iter()
            .map(|(id, (kind, _, _))| (*id, *kind))
            .collect(),
        valid: dedup_in_order(in_order),
        candidates: Vec::new(),
        suggested: HashMap::new(),
        budget: Budget::for_a_file(),
    };
    for (position, &(item, index)) in items.iter().enumerate() {
        for list in item.references() {
            if list.required && list.ids.is_empty() {
                problems.push((
                    position,
                    Problem {
                        item: label(item, index),
                        field: list.field.to_owned(),
                        message: format!(
                            "empty: a {} lists at least one {}",
                            item.kind().label(),
                            either(list.wanted, Kind::label)
                        ),
                        suggestion: None,
                    },
                ));
            }
        }
        for (field, id, wanted) in references(item) {
            if let Some((message, suggestion)) = known.check(item.kind(), id, wanted) {
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

/// The ids a reference may name, and what is needed to suggest one for a broken
/// reference without the work growing with the square of the file.
struct References<'a> {
    kinds: HashMap<&'a str, Kind>,
    /// Every valid id once, with its kind, in file order.
    valid: Vec<(&'a str, Kind)>,
    /// The ids each `Wanted` may name, made when first needed: there are few of them.
    candidates: Vec<(Wanted, Vec<&'a str>)>,
    /// The suggestion for each broken reference already seen, for a typo made twice.
    suggested: HashMap<(&'a str, usize), Option<String>>,
    /// Shared by every suggestion in the file.
    budget: Budget,
}

fn dedup_in_order<'a>(ids: impl Iterator<Item = (&'a str, Kind)>) -> Vec<(&'a str, Kind)> {
    let mut seen = foldhash::HashSet::default();
    ids.filter(|(id, _)| seen.insert(*id)).collect()
}

impl<'a> References<'a> {
    /// The nearest id of the `wanted` kinds to `id`, while the budget lasts.
    fn suggest(&mut self, id: &'a str, wanted: Wanted) -> Option<String> {
        let slot = match self.candidates.iter().position(|(w, _)| *w == wanted) {
            Some(slot) => slot,
            None => {
                let ids = self
                    .valid
                    .iter()
                    .filter(|(_, kind)| wanted.allows(*kind))
                    .map(|(id, _)| *id)
                    .collect();
                self.candidates.push((wanted, ids));
                self.candidates.len() - 1
            }
        };
        if let Some(suggestion) = self.suggested.get(&(id, slot)) {
            return suggestion.clone();
        }
        if self.budget.is_spent() {
            return None;
        }
        let candidates = self.candidates.get(slot).map_or(&[][..], |(_, ids)| ids);
        let suggestion = did_you_mean_within(id, candidates.iter().copied(), &mut self.budget)
            .map(str::to_owned);
        self.suggested.insert((id, slot), suggestion.clone());
        suggestion
    }

    /// What is wrong with a reference to `id`, from an item of kind `from`, where an item
    /// of the `wanted` kinds belongs, if anything.
    fn check(
        &mut self,
        from: Kind,
        id: &'a str,
        wanted: Wanted,
    ) -> Option<(String, Option<String>)> {
        let message = match (self.kinds.get(id), wanted) {
            (Some(&kind), _) if wanted.allows(kind) => return None,
            (Some(kind), Wanted::Only(only)) => format!(
                "`{}` is a {}, not a {}",
                text::inline(id),
                kind.label(),
                only.label()
            ),
            (Some(kind), Wanted::AnyBut(_)) => format!(
                "`{}` is a {}; a {} lists {}",
                text::inline(id),
                kind.label(),
                from.label(),
                either(wanted, Kind::plural)
            ),
            (None, Wanted::Only(only)) => {
                format!("unknown {} id `{}`", only.label(), text::inline(id))
            }
            (None, Wanted::AnyBut(_)) => format!("unknown id `{}`", text::inline(id)),
        };
        Some((message, self.suggest(id, wanted)))
    }
}

/// The kinds a list may name, as a reader says it: `countries, forums, actions or sources`
/// with [`Kind::plural`], `country, forum, action or source` with [`Kind::label`].
fn either(wanted: Wanted, name: fn(Kind) -> &'static str) -> String {
    let names: Vec<&str> = wanted.kinds().map(name).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dossier(text: &str) -> Dossier {
        crate::load::parse("test.ron", text).expect("a dossier")
    }

    /// Many broken references among many ids: every one is reported, the first ones and
    /// every repeat of a typo already suggested for get a suggestion, and the work stops
    /// growing with the square of the file.
    #[test]
    fn suggestions_are_bounded_but_every_problem_is_reported() {
        let countries: Vec<String> = (0..5000)
            .map(|n| format!("Country(id: \"country-{n:04}\", name: \"C\")"))
            .collect();
        let mut references: Vec<String> =
            (0..5000).map(|n| format!("\"country-{n:04}x\"")).collect();
        // The first typo again, last: remembered, not compared again.
        references.push("\"country-0000x\"".to_owned());
        let text = format!(
            "Dossier(title: \"t\", countries: [{}], actions: [Action(id: \"a\", title: \"A\", \
             status: Planned, countries: [{}])])",
            countries.join(","),
            references.join(",")
        );
        let problems = validate(&dossier(&text));
        assert_eq!(problems.len(), 5001);
        assert_eq!(problems[0].suggestion.as_deref(), Some("country-0000"));
        assert_eq!(problems[5000].suggestion.as_deref(), Some("country-0000"));
        let suggested = problems.iter().filter(|p| p.suggestion.is_some()).count();
        assert!(suggested < 5000, "the budget ran out: {suggested}");
    }

    /// An id too long to compare gets no suggestion, however near its twin is.
    #[test]
    fn a_very_long_id_gets_no_suggestion() {
        let long = "a".repeat(10_000);
        let near = format!("{}b", "a".repeat(9_999));
        let text = format!(
            "Dossier(title: \"t\", countries: [Country(id: \"{long}\", name: \"L\")], \
             actions: [Action(id: \"x\", title: \"X\", status: Planned, countries: [\"{near}\"])])"
        );
        let problems = validate(&dossier(&text));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].suggestion, None);
        // An ordinary typo still gets one.
        let text = "Dossier(title: \"t\", countries: [Country(id: \"nl\", name: \"N\")], \
             actions: [Action(id: \"x\", title: \"X\", status: Planned, countries: [\"nl-x\"])])";
        assert_eq!(
            validate(&dossier(text))[0].suggestion.as_deref(),
            Some("nl")
        );
    }
}
