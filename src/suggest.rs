//! "Did you mean …?" for misspelt fields, variants, ids and commands.
//!
//! The work is bounded, because a file can ask for many suggestions among many
//! candidates: one action naming 20 000 unknown ids among 20 000 countries is 400 million
//! comparisons, and comparing two strings costs the product of their lengths. So strings
//! longer than [`MAX_CHARS`] are never compared (ids and field names are short), and a
//! [`Budget`] shared by a run of suggestions ends them once it is spent.

use std::borrow::Cow;

/// Below this similarity a suggestion is more confusing than helpful.
const MIN_SIMILARITY: f64 = 0.8;

/// The fixed cost of one comparison, in the [`Budget`]'s pairs of characters.
const COMPARISON: u64 = 64;

/// Longer inputs get no suggestion and longer candidates are not suggested: an id is a
/// few words at most, and a 320 000-character one compared with its near twin would take
/// most of a minute.
pub const MAX_CHARS: usize = 64;

/// What a run of suggestions may still compare, in pairs of characters plus a fixed cost
/// a comparison (its allocations, worth about [`COMPARISON`] pairs): comparing an
/// 8-character id with a 10-character one costs 80 + 64. Once it is spent there are no
/// more suggestions, and a call that spends it suggests the best of what it compared.
#[derive(Debug, Clone)]
pub struct Budget {
    left: u64,
}

impl Budget {
    /// Enough for every suggestion an ordinary file needs, and for a dozen among 20 000
    /// ids: about 0.1 s of comparing, measured on the pathological files of issue 16.
    pub fn for_a_file() -> Budget {
        Budget { left: 40_000_000 }
    }

    /// No limit but [`MAX_CHARS`]: for one suggestion at a time.
    pub fn unlimited() -> Budget {
        Budget { left: u64::MAX }
    }

    pub fn is_spent(&self) -> bool {
        self.left == 0
    }
}

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean_within(input, candidates, &mut Budget::unlimited())
}

/// [`did_you_mean`], spending from `budget`.
pub fn did_you_mean_within<'a, I>(
    input: &str,
    candidates: I,
    budget: &mut Budget,
) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_chars = short_length(input)?;
    let input = input.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate.is_empty() || *candidate == *input {
            continue;
        }
        let Some(chars) = short_length(candidate) else {
            continue;
        };
        let cost = (input_chars * chars) as u64 + COMPARISON;
        if budget.left < cost {
            budget.left = 0;
            break;
        }
        budget.left -= cost;
        let score = strsim::jaro_winkler(&input, &lowercase(candidate));
        // The last of equally close candidates wins, as it always has.
        if score >= MIN_SIMILARITY && best.is_none_or(|(best, _)| score >= best) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The length of `text` in characters, if it is at most [`MAX_CHARS`]; found without
/// reading a long text through.
fn short_length(text: &str) -> Option<usize> {
    // No character takes more than four bytes.
    if text.len() > MAX_CHARS * 4 {
        return None;
    }
    let chars = text.chars().count();
    (chars <= MAX_CHARS).then_some(chars)
}

/// Ids are lowercase already: copied only when there is something to lower.
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        let fields = ["id", "name", "summary", "notes", "native_name"];
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("nativename", fields), Some("native_name"));
    }

    #[test]
    fn suggests_a_shorter_id() {
        assert_eq!(did_you_mean("nl-x", ["nl", "de", "dk"]), Some("nl"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(did_you_mean("zzz", ["summary", "notes"]), None);
        assert_eq!(did_you_mean("x", std::iter::empty()), None);
    }

    #[test]
    fn case_counts_for_nothing() {
        assert_eq!(
            did_you_mean("Sumary", ["Summary", "notes"]),
            Some("Summary")
        );
    }

    #[test]
    fn long_strings_are_not_compared() {
        let long = "a".repeat(MAX_CHARS + 1);
        let near = format!("{long}b");
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
        assert_eq!(did_you_mean(&near, [long.as_str()]), None);
        let longest = "a".repeat(MAX_CHARS);
        let near = format!("{}b", "a".repeat(MAX_CHARS - 1));
        assert_eq!(
            did_you_mean(&near, [longest.as_str()]),
            Some(longest.as_str())
        );
    }

    #[test]
    fn a_spent_budget_ends_the_suggestions() {
        let ids = ["nl", "de", "dk"];
        // "nl-x" against two-letter ids costs 8 + 64 a candidate: enough for one only.
        let mut budget = Budget { left: 100 };
        assert_eq!(did_you_mean_within("nl-x", ids, &mut budget), Some("nl"));
        assert!(budget.is_spent());
        assert_eq!(did_you_mean_within("nl-x", ids, &mut budget), None);
    }
}
