//! `dossier list`: items one a line, or as JSON.

use std::io::{self, Write};

use serde_json::json;

use crate::catalog::Catalog;
use crate::model::{Item, ItemRef, Kind};
use crate::text;

/// `list [KIND] [--limit N]`: every item, or every item of one kind, in the dossier's
/// order; the first N of them with a limit.
pub(super) fn run(
    catalog: &Catalog,
    kind: Option<Kind>,
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let limit = limit.unwrap_or(usize::MAX);
    let items: Vec<ItemRef> = match kind {
        Some(kind) => catalog.items(kind).take(limit).collect(),
        None => catalog.all_items().take(limit).collect(),
    };
    print_items(catalog, &items, json, out)?;
    Ok(0)
}

pub(super) fn print_items(
    catalog: &Catalog,
    items: &[ItemRef],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let rows: Vec<serde_json::Value> = items
            .iter()
            .filter_map(|&item| {
                let found = catalog.get(item)?;
                let mut row = json!({
                    "kind": item.kind,
                    "id": found.id(),
                    "title": found.title(),
                });
                if let Item::Action(action) = found {
                    row["status"] = json!(action.status);
                    row["timing"] = json!(action.timing);
                }
                Some(row)
            })
            .collect();
        text::write_json(&mut *out, &rows)?;
        return writeln!(out);
    }
    for &item in items {
        if let Some(found) = catalog.get(item) {
            writeln!(
                out,
                "{}\t{}\t{}",
                item.kind.label(),
                text::inline(found.id()),
                text::inline(found.title())
            )?;
        }
    }
    Ok(())
}
