//! `dossier show ID`: everything about one item, as wrapped text or as JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{EXIT_PROBLEMS, Style, no_such_id};
use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Overview, Quote, describe, status_tag};
use crate::model::{Field, Item, ItemRef, Kind, Status, Text};
use crate::text;

/// `show [ID]`: the item, or with no id the dossier's overview; exit 1 for an unknown id.
pub(super) fn run(
    catalog: &Catalog,
    id: Option<&str>,
    json: bool,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(id) = id else {
        let overview = crate::describe::overview(catalog);
        if json {
            text::write_json(&mut *out, &overview_json(catalog, &overview))?;
            writeln!(out)?;
        } else {
            out.write_all(overview_text(catalog, &overview, style).as_bytes())?;
        }
        return Ok(0);
    };
    match catalog.find(id) {
        Some(item) if json => {
            text::write_json(&mut *out, &to_json(catalog, item))?;
            writeln!(out)?;
            Ok(0)
        }
        Some(item) => {
            out.write_all(to_text(catalog, item, style).as_bytes())?;
            Ok(0)
        }
        None => {
            writeln!(err, "{}", no_such_id(catalog, id))?;
            Ok(EXIT_PROBLEMS)
        }
    }
}

/// `show ID`: the item's [`Description`] as wrapped text.
pub(super) fn to_text(catalog: &Catalog, item: ItemRef, style: Style) -> String {
    let Some(description) = describe(catalog, item) else {
        return String::new();
    };
    let mut page = Page {
        lines: Vec::new(),
        style,
    };
    let Description {
        title, subtitle, ..
    } = description;
    let mut heading = text::inline(title).into_owned();
    if let Some(subtitle) = subtitle {
        heading.push_str(&format!(" ({})", text::inline(subtitle)));
    }
    let tag = format!("[{} {}]", item.kind.label(), text::inline(description.id));
    page.heading(&heading, &tag);
    page.fields(&description.fields);
    page.prose(
        description.summary,
        description.notes,
        description.notes_heading,
    );
    for group in &description.groups {
        page.group(catalog, group);
    }
    if !description.citations.is_empty() {
        page.section(&format!("Citations ({})", description.citations.len()));
        for quote in &description.citations {
            page.quote(quote, &quote.origin(), "  ");
        }
    }
    if !description.cited_by.is_empty() {
        page.section(&format!("Cited by ({})", description.cited_by.len()));
        for cited in &description.cited_by {
            page.paragraph(&named(catalog, cited.item), "  ", "    ");
            for quote in &cited.quotes {
                page.quote(quote, quote.locator.unwrap_or(""), "    ");
            }
        }
    }
    page.finish()
}

/// `show` with no id: the dossier's [`Overview`]: its fields, then where things stand
/// (actions per status, the partners' open actions, the briefings and the sources),
/// then its summary.
pub(super) fn overview_text(catalog: &Catalog, overview: &Overview<'_>, style: Style) -> String {
    let mut page = Page {
        lines: Vec::new(),
        style,
    };
    page.heading(&text::inline(overview.title), "[dossier]");
    page.fields(&overview.fields());
    let counts = overview.status_counts();
    if !counts.is_empty() {
        let total: usize = counts.iter().map(|&(_, n)| n).sum();
        page.section(&format!("Actions by status ({total})"));
        let digits = total.to_string().len();
        for (status, n) in counts {
            page.lines.push(format!(
                "  {}  {n:>digits$}  {}",
                status_tag(status),
                status.label()
            ));
        }
    }
    page.partners(catalog, overview);
    for (heading, items) in [
        (Kind::Briefing, &overview.briefings),
        (Kind::Source, &overview.sources),
    ] {
        if !items.is_empty() {
            page.section(&format!("{} ({})", heading.heading(), items.len()));
            for &item in items {
                page.paragraph(&named(catalog, item), "  ", "    ");
            }
        }
    }
    if !overview.summary.trim().is_empty() {
        page.section("Summary");
        page.paragraph(overview.summary, "", "");
    }
    page.finish()
}

/// The overview as JSON: the dossier's title, `as_of`, summary, counts and problems;
/// the actions per status; each country's open actions per status; the briefings and
/// the sources.
pub(super) fn overview_json(catalog: &Catalog, overview: &Overview<'_>) -> Value {
    let counts: serde_json::Map<String, Value> = overview
        .counts
        .iter()
        .map(|&(kind, n)| (kind.plural().to_owned(), json!(n)))
        .collect();
    let by_status = |counts: &[(Status, usize)]| -> serde_json::Map<String, Value> {
        counts
            .iter()
            .map(|&(status, n)| (status.label().to_owned(), json!(n)))
            .collect()
    };
    let item = |item: ItemRef| {
        catalog.get(item).map_or(
            Value::Null,
            |found| json!({"id": found.id(), "title": found.title()}),
        )
    };
    let partners: Vec<Value> = overview
        .partners
        .iter()
        .map(|partner| {
            let mut value = item(partner.country);
            value["open"] = Value::Object(by_status(&partner.open));
            value
        })
        .collect();
    let sources: Vec<Value> = overview
        .sources
        .iter()
        .map(|&source| match catalog.get(source) {
            Some(Item::Source(found)) => json!({
                "id": found.id,
                "title": found.title,
                "reference": found.reference,
                "url": found.url,
            }),
            _ => Value::Null,
        })
        .collect();
    json!({
        "title": overview.title,
        "as_of": overview.as_of,
        "summary": overview.summary,
        "counts": counts,
        "problems": overview.problems,
        "statuses": by_status(&overview.statuses),
        "partners": partners,
        "briefings": overview.briefings.iter().map(|&b| item(b)).collect::<Vec<_>>(),
        "sources": sources,
    })
}

/// `nl  Netherlands`: an item as `list` names it, id first, for a reader to `show` next.
fn named(catalog: &Catalog, item: ItemRef) -> String {
    catalog.get(item).map_or_else(String::new, |found| {
        format!("{}  {}", found.id(), found.title())
    })
}

struct Page {
    lines: Vec<String>,
    style: Style,
}

impl Page {
    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    fn finish(self) -> String {
        let mut out = self.lines.join("\n");
        out.push('\n');
        out
    }

    fn fields(&mut self, fields: &[Field]) {
        for field in fields {
            let value = field.joined(" · ");
            self.paragraph(&format!("{}: {value}", field.label), "", "  ");
        }
    }

    fn prose(&mut self, summary: &str, notes: &[Text], notes_heading: &str) {
        if !summary.is_empty() {
            self.blank();
            self.paragraph(summary, "", "");
        }
        if !notes.is_empty() {
            self.section(notes_heading);
            for note in notes {
                self.paragraph(note, "  - ", "    ");
            }
        }
    }

    /// A group of related items: one a line with its id, numbered when the order is the
    /// author's, or, when there are many, `Name (id)` flowing in wrapped rows.
    fn group(&mut self, catalog: &Catalog, group: &LinkGroup) {
        self.section(&group.heading());
        if group.flows() {
            let names: Vec<String> = group
                .items
                .iter()
                .filter_map(|&item| catalog.get(item))
                .map(|found| format!("{} ({})", found.title(), found.id()))
                .collect();
            self.flow(&names, "  ");
        } else if group.ordered {
            for (n, &item) in group.items.iter().enumerate() {
                let number = format!("  {}. ", n + 1);
                let rest = " ".repeat(number.len() + 2);
                self.paragraph(&named(catalog, item), &number, &rest);
            }
        } else {
            for &item in &group.items {
                self.paragraph(&named(catalog, item), "  ", "    ");
            }
        }
    }

    /// The partners' open actions as a table: a row per country, a column per open
    /// status some country has, `·` for none. Names too wide for the page are cut.
    fn partners(&mut self, catalog: &Catalog, overview: &Overview<'_>) {
        use unicode_width::UnicodeWidthStr;
        if overview.partners.is_empty() {
            return;
        }
        let columns = overview.partner_columns();
        self.section("Partners: open actions by status");
        if columns.is_empty() {
            self.lines
                .push("  No country has an open action.".to_owned());
            return;
        }
        let tags: Vec<&str> = columns.iter().map(|&s| status_tag(s).trim_end()).collect();
        let cells: usize = tags.iter().map(|tag| tag.width() + 2).sum();
        let names: Vec<String> = overview
            .partners
            .iter()
            .map(|partner| {
                let name = catalog.get(partner.country).map_or("", Item::title);
                text::inline(name).into_owned()
            })
            .collect();
        let widest = names.iter().map(|name| name.width()).max().unwrap_or(0);
        let room = self.style.width.saturating_sub(2 + cells).max(8);
        let name_width = widest.max("Country".len()).min(room);
        let mut header = format!("  {}", pad("Country", name_width));
        for tag in &tags {
            header.push_str(&format!("  {tag}"));
        }
        self.lines.push(self.style.dim(&header));
        for (partner, name) in overview.partners.iter().zip(&names) {
            let mut row = format!("  {}", pad(name, name_width));
            for (&status, tag) in columns.iter().zip(&tags) {
                let cell = match partner.count(status) {
                    0 => "·".to_owned(),
                    n => n.to_string(),
                };
                row.push_str(&format!("  {cell:>width$}", width = tag.width()));
            }
            self.lines.push(row.trim_end().to_owned());
        }
    }

    /// `entries` separated by ` · ` in rows no wider than the page, never breaking one.
    fn flow(&mut self, entries: &[String], indent: &str) {
        use unicode_width::UnicodeWidthStr;
        let mut row = String::from(indent);
        for entry in entries {
            let entry = text::inline(entry);
            let fresh = row.len() == indent.len();
            if !fresh && row.width() + 3 + entry.width() > self.style.width {
                self.lines
                    .push(std::mem::replace(&mut row, indent.to_owned()));
            } else if !fresh {
                row.push_str(" · ");
            }
            row.push_str(&entry);
        }
        if row.len() > indent.len() {
            self.lines.push(row);
        }
    }

    fn quote(&mut self, quote: &Quote<'_>, origin: &str, indent: &str) {
        let rest = format!("{indent} ");
        self.paragraph(&format!("“{}”", quote.quote), indent, &rest);
        if !origin.is_empty() {
            let first = format!("{indent}  — ");
            let rest = format!("{indent}    ");
            self.paragraph(origin, &first, &rest);
        }
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
pub(super) fn to_json(catalog: &Catalog, item: ItemRef) -> Value {
    let Some(found) = catalog.get(item) else {
        return Value::Null;
    };
    let mut value = serde_json::to_value(found).unwrap_or(Value::Null);
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

/// `text` cut or padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    if text.width() > width {
        for c in text.chars() {
            let next = format!("{out}{c}");
            if next.width() + 1 > width {
                break;
            }
            out = next;
        }
        out.push('…');
    } else {
        out.push_str(text);
    }
    let fill = width.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', fill));
    out
}
