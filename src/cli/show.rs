//! `dossier show ID`: everything about one item, as wrapped text or as JSON.

use serde_json::{Value, json};

use super::Style;
use crate::catalog::{Catalog, Item};
use crate::model::{ItemRef, Kind};
use crate::text;

/// Related items are listed under these headings, in this order.
const RELATED_GROUPS: [(Kind, &str); 4] = [
    (Kind::Country, "Countries"),
    (Kind::Forum, "Forums"),
    (Kind::Action, "Actions"),
    (Kind::Source, "Sources"),
];

pub fn to_text(catalog: &Catalog, item: ItemRef, style: Style) -> String {
    let Some(found) = catalog.get(item) else {
        return String::new();
    };
    let mut page = Page {
        lines: Vec::new(),
        style,
    };
    let mut heading = text::inline(found.title()).into_owned();
    if let Some(subtitle) = found.subtitle() {
        heading.push_str(&format!(" ({})", text::inline(subtitle)));
    }
    let tag = format!("[{} {}]", item.kind.label(), text::inline(found.id()));
    page.heading(&heading, &tag);

    for (label, value) in fields(found) {
        page.paragraph(&format!("{label}: {value}"), "", "  ");
    }
    let (summary, notes) = found.prose();
    if !summary.is_empty() {
        page.blank();
        page.paragraph(summary, "", "");
    }
    if !notes.is_empty() {
        page.section("Notes");
        for note in notes {
            page.paragraph(note, "  - ", "    ");
        }
    }

    let related = catalog.related(item);
    for (kind, title) in RELATED_GROUPS {
        let group: Vec<ItemRef> = related.iter().copied().filter(|r| r.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        page.section(title);
        for other in group {
            if let Some(other_item) = catalog.get(other) {
                page.paragraph(
                    &format!("{}  {}", other_item.id(), other_item.title()),
                    "  ",
                    "    ",
                );
            }
        }
    }

    if !found.citations().is_empty() {
        page.section("Citations");
        for citation in found.citations() {
            page.paragraph(&format!("“{}”", citation.quote), "  ", "   ");
            let mut origin = catalog
                .source(citation)
                .map_or_else(|| citation.source.clone(), |source| source.title.clone());
            if let Some(locator) = &citation.locator {
                origin.push_str(&format!(", {locator}"));
            }
            page.paragraph(&format!("— {origin}"), "    ", "      ");
        }
    }
    let mut out = page.lines.join("\n");
    out.push('\n');
    out
}

/// The short labelled fields of an item, as (label, value).
fn fields(found: Item<'_>) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    let list = |items: &[String]| items.join("; ");
    match found {
        Item::Country(c) => {
            if let Some(role) = &c.role {
                fields.push(("Role", role.clone()));
            }
            if !c.counterparts.is_empty() {
                fields.push(("Counterparts", list(&c.counterparts)));
            }
            if !c.topics.is_empty() {
                fields.push(("Topics", list(&c.topics)));
            }
        }
        Item::Forum(f) => {
            if let Some(kind) = &f.kind {
                fields.push(("Kind", kind.clone()));
            }
            if !f.topics.is_empty() {
                fields.push(("Topics", list(&f.topics)));
            }
        }
        Item::Action(a) => {
            fields.push(("Status", a.status.label().to_owned()));
            if let Some(timing) = &a.timing {
                fields.push(("Timing", timing.clone()));
            }
            if !a.topics.is_empty() {
                fields.push(("Topics", list(&a.topics)));
            }
        }
        Item::Source(s) => {
            if let Some(reference) = &s.reference {
                fields.push(("Reference", reference.clone()));
            }
            if let Some(url) = &s.url {
                fields.push(("URL", url.clone()));
            }
        }
    }
    fields
}

struct Page {
    lines: Vec<String>,
    style: Style,
}

impl Page {
    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// The title in bold and the kind and id dimmed after it, wrapped like the rest: the
    /// tag goes on the title's last line if it fits there, else on a line of its own.
    fn heading(&mut self, title: &str, tag: &str) {
        use unicode_width::UnicodeWidthStr;
        let width = self.style.width;
        let mut lines: Vec<String> = textwrap::wrap(title, width)
            .into_iter()
            .map(|line| line.into_owned())
            .collect();
        let tag_lines: Vec<String> = textwrap::wrap(tag, width)
            .into_iter()
            .map(|line| line.into_owned())
            .collect();
        let last = lines.pop().unwrap_or_default();
        let joined = [last.as_str(), tag].join("  ");
        self.lines
            .extend(lines.iter().map(|line| self.style.bold(line)));
        if joined.width() <= width && tag_lines.len() == 1 {
            self.lines.push(format!(
                "{}  {}",
                self.style.bold(&last),
                self.style.dim(tag)
            ));
        } else {
            self.lines.push(self.style.bold(&last));
            self.lines
                .extend(tag_lines.iter().map(|line| self.style.dim(line)));
        }
    }

    fn section(&mut self, title: &str) {
        self.blank();
        self.lines.push(self.style.bold(title));
    }

    /// Adds `content` made safe and wrapped to the page width; each of its own lines
    /// is wrapped on its own, and only the first gets `first_indent` (a note's bullet).
    fn paragraph(&mut self, content: &str, first_indent: &str, rest_indent: &str) {
        let safe = text::block(content);
        for (n, line) in safe.lines().enumerate() {
            let options = textwrap::Options::new(self.style.width)
                .initial_indent(if n == 0 { first_indent } else { rest_indent })
                .subsequent_indent(rest_indent);
            self.lines.extend(
                textwrap::wrap(line, &options)
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        }
    }
}

/// The item's own fields as written, plus `kind`, `title`, its related items and each
/// citation's source title.
pub fn to_json(catalog: &Catalog, item: ItemRef) -> Value {
    let Some(found) = catalog.get(item) else {
        return Value::Null;
    };
    let mut value = match found {
        Item::Country(c) => serde_json::to_value(c),
        Item::Forum(f) => serde_json::to_value(f),
        Item::Action(a) => serde_json::to_value(a),
        Item::Source(s) => serde_json::to_value(s),
    }
    .unwrap_or(Value::Null);
    value["kind"] = json!(item.kind);
    value["title"] = json!(found.title());
    value["related"] = catalog
        .related(item)
        .iter()
        .filter_map(|&other| {
            let other_item = catalog.get(other)?;
            Some(json!({"kind": other.kind, "id": other_item.id(), "title": other_item.title()}))
        })
        .collect();
    if let Some(citations) = value.get_mut("citations").and_then(Value::as_array_mut) {
        for (citation, written) in citations.iter_mut().zip(found.citations()) {
            citation["source_title"] = json!(catalog.source(written).map(|s| &s.title));
        }
    }
    value
}
