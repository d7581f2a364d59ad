//! "Did you mean …?" for misspelt fields, variants, ids and commands.

/// Below this similarity a suggestion is more confusing than helpful.
const MIN_SIMILARITY: f64 = 0.8;

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .filter(|candidate| !candidate.is_empty() && *candidate != input)
        .map(|candidate| {
            let score = strsim::jaro_winkler(&input, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
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
}
