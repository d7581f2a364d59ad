//! A short word diff: the words taken out and put in, with a little unchanged text around
//! each change and the rest elided, so that a changed paragraph reads in one line.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

/// A diff of two long texts gives up looking for the smallest diff after this long and
/// settles for a larger one: a hostile summary of megabytes must not stall a diff.
const DEADLINE: Duration = Duration::from_millis(100);

/// A piece of a word diff. Words are joined by single spaces: how the text was spaced or
/// wrapped is not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Same(String),
    Removed(String),
    Added(String),
    /// Unchanged text left out: shown as `…`.
    Elided,
}

/// The word diff of `before` and `after`, keeping `context` unchanged words on each side
/// of a change. Empty when only the spacing differs.
pub fn words(before: &str, after: &str, context: usize) -> Vec<Segment> {
    let old: Vec<&str> = before.split_whitespace().collect();
    let new: Vec<&str> = after.split_whitespace().collect();
    let deadline = Instant::now().checked_add(DEADLINE);
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &old, &new, deadline);
    let joined = |words: &[&str]| words.join(" ");
    let mut segments = Vec::new();
    let last = ops.len().saturating_sub(1);
    for (n, op) in ops.iter().enumerate() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let removed = old.get(old_range.clone()).unwrap_or_default();
        let added = new.get(new_range).unwrap_or_default();
        match tag {
            DiffTag::Equal => same(&mut segments, removed, context, n == 0, n == last),
            DiffTag::Delete => segments.push(Segment::Removed(joined(removed))),
            DiffTag::Insert => segments.push(Segment::Added(joined(added))),
            DiffTag::Replace => {
                segments.push(Segment::Removed(joined(removed)));
                segments.push(Segment::Added(joined(added)));
            }
        }
    }
    let changed = |segment: &Segment| matches!(segment, Segment::Removed(_) | Segment::Added(_));
    if !segments.iter().any(changed) {
        return Vec::new();
    }
    segments
}

/// Unchanged words: all of them when few, else `context` next to each change.
fn same(out: &mut Vec<Segment>, words: &[&str], context: usize, first: bool, last: bool) {
    let keep_before = if first { 0 } else { context };
    let keep_after = if last { 0 } else { context };
    if words.len() <= keep_before + keep_after + 1 {
        out.push(Segment::Same(words.join(" ")));
        return;
    }
    if keep_before > 0 {
        out.push(Segment::Same(words[..keep_before].join(" ")));
    }
    out.push(Segment::Elided);
    if keep_after > 0 {
        out.push(Segment::Same(words[words.len() - keep_after..].join(" ")));
    }
}

/// A word diff as plain text, in the notation of `git diff --word-diff=plain`:
/// `held [-yearly-] {+annually+} with`.
pub fn plain(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Same(text) => text.clone(),
            Segment::Removed(text) => format!("[-{text}-]"),
            Segment::Added(text) => format!("{{+{text}+}}"),
            Segment::Elided => "…".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_word_shows_with_its_context() {
        let before = "one two three four five six seven eight nine ten eleven twelve";
        let after = "one two three four five six SEVEN eight nine ten eleven twelve";
        let diff = words(before, after, 2);
        assert_eq!(
            diff,
            vec![
                Segment::Elided,
                Segment::Same("five six".into()),
                Segment::Removed("seven".into()),
                Segment::Added("SEVEN".into()),
                Segment::Same("eight nine".into()),
                Segment::Elided,
            ]
        );
        assert_eq!(plain(&diff), "… five six [-seven-] {+SEVEN+} eight nine …");
    }

    #[test]
    fn short_texts_keep_every_word_and_spacing_is_no_change() {
        assert_eq!(
            plain(&words("held yearly with", "held annually with", 4)),
            "held [-yearly-] {+annually+} with"
        );
        assert_eq!(plain(&words("", "new text", 4)), "{+new text+}");
        assert_eq!(plain(&words("old", "", 4)), "[-old-]");
        assert!(words("a  b\n\nc", "a b c", 4).is_empty());
    }

    #[test]
    fn two_changes_far_apart_are_elided_between() {
        let before: Vec<String> = (0..30).map(|n| format!("w{n}")).collect();
        let mut after = before.clone();
        after[3] = "x".into();
        after[25] = "y".into();
        let shown = plain(&words(&before.join(" "), &after.join(" "), 2));
        assert_eq!(
            shown,
            "w0 w1 w2 [-w3-] {+x+} w4 w5 … w23 w24 [-w25-] {+y+} w26 w27 …"
        );
    }
}
