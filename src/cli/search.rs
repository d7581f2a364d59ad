//! `dossier search`: the finder's query language, best hits first.

use std::io::{self, Write};

use super::list::print_items;
use super::{EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::catalog::Catalog;
use crate::model::{ItemRef, Kind};
use crate::query::QueryError;
use crate::search::SearchIndex;
use crate::text;

/// `search QUERY…`: exit 0 with hits, 1 with none, 2 for a query that cannot run.
pub(super) fn run(
    catalog: &Catalog,
    text: &str,
    kind: Option<Kind>,
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let index = SearchIndex::new(catalog);
    let query = match index.query(text) {
        Ok(query) => query,
        Err(error) => {
            writeln!(err, "{}", query_error(text, &error))?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let results = index.search(&query, kind, limit);
    let items: Vec<ItemRef> = results.hits.iter().map(|hit| hit.item).collect();
    print_items(catalog, &items, json, out)?;
    Ok(if results.total == 0 { EXIT_PROBLEMS } else { 0 })
}

/// A query up to this many characters is shown whole under its error. Of a longer one
/// (a pasted page), the error shows at most `BEFORE` characters before the term at
/// fault, `AT_FAULT` of the term and `AFTER` after it: it says what is refused, not the
/// page again.
const WHOLE: usize = 80;
const BEFORE: usize = 30;
const AT_FAULT: usize = 40;
const AFTER: usize = 20;

/// A query's error as a compiler would show it: the message, then the query (or, when
/// long, the part around the mistake, cut with `…`) with a caret run under the term at
/// fault.
///
/// ```text
/// error: unknown field `statu`; did you mean `status`?
///   statu:planned nl
///   ^^^^^
/// ```
fn query_error(query: &str, error: &QueryError) -> String {
    use unicode_width::UnicodeWidthStr;
    let before = query.get(..error.span.start).unwrap_or_default();
    let at_fault = query.get(error.span.clone()).unwrap_or_default();
    let after = query.get(error.span.end..).unwrap_or_default();
    let whole = query.chars().nth(WHOLE).is_none();
    let cut = |n: usize| if whole { usize::MAX } else { n };
    let (lead, before) = last_chars(before, cut(BEFORE));
    let (at_fault, fault_cut) = first_chars(at_fault, cut(AT_FAULT));
    let (after, tail) = first_chars(after, cut(AFTER));
    let before = format!("{lead}{}", text::inline(before));
    let at_fault = format!("{}{fault_cut}", text::inline(at_fault));
    format!(
        "error: {}\n  {before}{at_fault}{}{tail}\n  {}{}",
        text::inline(&error.message),
        text::inline(after),
        " ".repeat(before.width()),
        "^".repeat(at_fault.width().max(1))
    )
}

/// The last `n` characters of `text`, and `…` if that is not all of it.
fn last_chars(text: &str, n: usize) -> (&'static str, &str) {
    match text.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((at, _)) if at > 0 => ("…", &text[at..]),
        _ => ("", text),
    }
}

/// The first `n` characters of `text`, and `…` if that is not all of it.
fn first_chars(text: &str, n: usize) -> (&str, &'static str) {
    match text.char_indices().nth(n) {
        Some((at, _)) => (&text[..at], "…"),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(query: &str, span: std::ops::Range<usize>) -> String {
        let error = QueryError {
            message: "m".to_owned(),
            suggestion: None,
            span,
        };
        query_error(query, &error)
    }

    #[test]
    fn a_short_query_is_shown_whole() {
        assert_eq!(
            error("statu:planned nl", 0..5),
            "error: m\n  statu:planned nl\n  ^^^^^"
        );
        assert_eq!(error("a é b", 2..4), "error: m\n  a é b\n    ^");
    }

    #[test]
    fn a_huge_query_is_shown_around_the_mistake() {
        let query = "nl ".repeat(40_000);
        let shown = error(&query, 192..194);
        assert!(shown.len() < 200, "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with("  …") && lines[1].ends_with('…'),
            "{shown}"
        );
        // The carets are under the term at fault.
        let column = lines[2].find('^').unwrap_or(0);
        assert_eq!(
            lines[1].chars().skip(column).take(3).collect::<String>(),
            "nl "
        );
        assert_eq!(lines[2].trim_start(), "^^");
        // A term at fault too long to show is cut as well.
        let query = format!("a {}", "x".repeat(100_000));
        let shown = error(&query, 2..query.len());
        assert!(shown.len() < 200, "{shown}");
        assert!(shown.ends_with(&"^".repeat(41)), "{shown}");
    }
}
