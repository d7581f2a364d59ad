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

/// A query's error as a compiler would show it: the message, then the query with a
/// caret run under the term at fault.
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
    let pad = text::inline(before).width();
    let carets = text::inline(at_fault).width().max(1);
    format!(
        "error: {}\n  {}\n  {}{}",
        text::inline(&error.message),
        text::inline(query),
        " ".repeat(pad),
        "^".repeat(carets)
    )
}
