//! What changed since the viewer's baseline, as lines of text: an item's changes for its
//! detail and its stop, and the marks the lists show. Every mark is ASCII (`+`, `~`,
//! `-`, as `dossier diff` prints them), so it reads on any terminal and in mono.

use super::cells;
use crate::diff::{Change, FieldChange, ItemChange, Segment};
use crate::tui::symbols::Symbols;

/// The heading of an item's changes: `Changed since HEAD~3:d.ron`, `Added since …`.
pub(crate) fn heading(change: &ItemChange, since: &str) -> String {
    let what = match change.change {
        Change::Added => "Added",
        Change::Removed => "Removed",
        Change::Changed => "Changed",
    };
    format!("{what} since {}", cells::inline(since))
}

/// Each change of an item, a line of text each: `Status: Planned → Done`, `+ country jp`,
/// `- citation of src: “…”`. An item added has none: it is all new.
pub(crate) fn item_lines(change: &ItemChange, symbols: &Symbols) -> Vec<String> {
    let mut lines: Vec<String> = change
        .fields
        .iter()
        .map(|field| field_line(field, symbols))
        .collect();
    for link in &change.links {
        let kind = link.kind.map_or("item", |kind| kind.label());
        lines.push(format!(
            "{} {kind} {}",
            link.change.mark(),
            cells::inline(&link.id)
        ));
    }
    for citation in &change.citations {
        let mut line = format!(
            "{} citation of {}: {}{}{}",
            citation.change.mark(),
            cells::inline(&citation.source),
            symbols.open_quote,
            cells::inline(&citation.quote),
            symbols.close_quote
        );
        if let Some(locator) = &citation.locator {
            line.push_str(&format!(" ({})", cells::inline(locator)));
        }
        lines.push(line);
    }
    lines
}

/// `Status: Planned → Done`; for prose a short word diff, the words taken out in
/// `[-…-]` and those put in in `{+…+}`.
pub(crate) fn field_line(field: &FieldChange, symbols: &Symbols) -> String {
    let value = |value: &str| {
        if value.trim().is_empty() {
            "(none)".to_owned()
        } else {
            cells::inline(value).into_owned()
        }
    };
    let shown = if field.prose {
        let segments = field.words();
        if segments.is_empty() {
            "(spacing or paragraphs only)".to_owned()
        } else {
            words(&segments, symbols)
        }
    } else {
        format!(
            "{}{}{}",
            value(&field.before),
            symbols.becomes,
            value(&field.after)
        )
    };
    format!("{}: {shown}", field.label)
}

/// A word diff in plain text, the elided parts as the viewer's ellipsis.
fn words(segments: &[Segment], symbols: &Symbols) -> String {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Same(words) => cells::inline(words).into_owned(),
            Segment::Removed(words) => format!("[-{}-]", cells::inline(words)),
            Segment::Added(words) => format!("{{+{}+}}", cells::inline(words)),
            Segment::Elided => symbols.ellipsis.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The list's mark of a change, one column: `+` added, `~` changed.
pub(crate) fn mark(change: Option<Change>) -> &'static str {
    match change {
        Some(Change::Added) => "+",
        Some(Change::Changed) => "~",
        Some(Change::Removed) => "-",
        None => " ",
    }
}
