//! Handouts: the whole dossier, one briefing or chosen items as one document for an
//! audience, in Markdown or in self-contained HTML.
//!
//! Both formats lay out the same [`Description`]s that `show` and the viewer use, so an
//! item's parts are decided in one place. A handout is for the audience: a briefing's
//! presenter's notes never appear in it.
//!
//! Dossier text is never markup. It is first made visible as the terminal shows it
//! ([`text::inline`] and [`text::block`]: `^[`, `U+202E`), then escaped, so that a
//! Markdown or HTML renderer shows `<script>` or `[x](javascript:…)` as the characters
//! written. Only `http`, `https` and `mailto` addresses become links to elsewhere.

use std::fmt::Write as _;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Quote, describe};
use crate::model::{Field, Item, ItemRef, Kind};
use crate::text;
use crate::validate::is_valid_id;

/// The two formats a handout is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// Why a handout cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// An id names no item.
    #[error("{}", unknown_id(id, suggestion.as_deref()))]
    UnknownId {
        id: String,
        suggestion: Option<String>,
    },
}

fn unknown_id(id: &str, suggestion: Option<&str>) -> String {
    let mut message = format!("no item with id `{}`", text::inline(id));
    if let Some(near) = suggestion {
        let _ = write!(message, "; did you mean `{}`?", text::inline(near));
    }
    message
}

/// What a handout holds: a title page and one section per item, in order.
#[derive(Debug)]
pub struct Handout<'a> {
    pub title: &'a str,
    /// The line under the title: when the dossier is as of, or which dossier a briefing
    /// comes from.
    pub byline: Option<String>,
    /// The opening paragraphs: the dossier's or the briefing's summary.
    pub summary: &'a str,
    /// One per item, each item once, in the order they are exported.
    pub sections: Vec<Description<'a>>,
    /// Each section's in-document anchor, unique in the document.
    anchors: HashMap<ItemRef, String>,
    /// A section already in the handout's format, put after the title page: what changed
    /// since an older version (`export --since`, see `diff::markdown_section`).
    pub changes: Option<String>,
}

impl Handout<'_> {
    /// The anchor of an item's section, when the item is in the handout.
    pub fn anchor(&self, item: ItemRef) -> Option<&str> {
        self.anchors.get(&item).map(String::as_str)
    }
}

/// The handout for `ids`:
/// - none: the whole dossier, every item in `list` order;
/// - one briefing: the briefing as the title page (its title and summary, not its
///   presenter's notes), then its items in its order;
/// - otherwise each id's item in the order given; a briefing among them brings its
///   items right after it.
///
/// An item named twice, directly or through briefings, has one section, where it first
/// comes.
pub fn handout<'a>(catalog: &'a Catalog, ids: &[String]) -> Result<Handout<'a>, ExportError> {
    let mut chosen = Vec::with_capacity(ids.len());
    for id in ids {
        let item = catalog.find(id).ok_or_else(|| ExportError::UnknownId {
            id: id.clone(),
            suggestion: catalog.suggest_id(id).map(str::to_owned),
        })?;
        chosen.push(item);
    }
    let dossier = &catalog.dossier;
    let as_of = dossier
        .as_of
        .as_deref()
        .map(|as_of| format!("As of {as_of}"));
    let (title, byline, summary, items): (&str, _, &str, Vec<ItemRef>) = match chosen[..] {
        [] => (
            &dossier.title,
            as_of,
            &dossier.summary,
            catalog.all_items().collect(),
        ),
        [only] if only.kind == Kind::Briefing => {
            let found = catalog.get(only);
            let byline = match &dossier.as_of {
                Some(as_of) => format!("{} · as of {as_of}", dossier.title),
                None => dossier.title.clone(),
            };
            (
                found.map_or("", Item::title),
                Some(byline),
                found.map_or("", |found| found.prose().0),
                stops(catalog, only),
            )
        }
        _ => (
            &dossier.title,
            as_of,
            "",
            chosen
                .iter()
                .flat_map(|&item| std::iter::once(item).chain(stops(catalog, item)))
                .collect(),
        ),
    };
    let mut seen = HashSet::new();
    let items: Vec<ItemRef> = items.into_iter().filter(|&i| seen.insert(i)).collect();
    Ok(Handout {
        title,
        byline,
        summary,
        anchors: anchors(catalog, &items),
        changes: None,
        sections: items
            .into_iter()
            .filter_map(|item| describe(catalog, item))
            .collect(),
    })
}

/// A briefing's items in its order, from its description; nothing for another kind.
fn stops(catalog: &Catalog, item: ItemRef) -> Vec<ItemRef> {
    if item.kind != Kind::Briefing {
        return Vec::new();
    }
    describe(catalog, item)
        .into_iter()
        .flat_map(|description| description.groups)
        .filter(|group| group.ordered)
        .flat_map(|group| group.items)
        .collect()
}

/// An anchor per item: its id when that is a valid id (a link reads `#nl`), otherwise
/// its kind and position. An id that broke rule 1 may hold anything, and ids may repeat:
/// a suffix keeps every anchor unique.
fn anchors(catalog: &Catalog, items: &[ItemRef]) -> HashMap<ItemRef, String> {
    let mut anchors = HashMap::with_capacity(items.len());
    let mut taken = HashSet::with_capacity(items.len());
    for &item in items {
        let id = catalog.get(item).map_or("", Item::id);
        let base = if is_valid_id(id) {
            id.to_owned()
        } else {
            format!("{}-{}", item.kind.label(), item.index + 1)
        };
        let mut anchor = base.clone();
        let mut n = 2;
        while !taken.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        anchors.insert(item, anchor);
    }
    anchors
}

/// Renders a handout in `format`.
pub fn render(catalog: &Catalog, handout: &Handout<'_>, format: Format) -> String {
    match format {
        Format::Markdown => markdown(catalog, handout),
        Format::Html => html(catalog, handout),
    }
}

/// An address that may become a link: `http`, `https` or `mailto`, with nothing in it a
/// renderer could read otherwise (whitespace, controls, quotes, angle brackets).
pub fn safe_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    let clean = !url.chars().any(|c| {
        c.is_whitespace()
            || text::is_unsafe(c)
            || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`' | '(' | ')')
    });
    (scheme_ok && clean).then_some(url)
}

/// An item's name as links show it.
fn name(catalog: &Catalog, item: ItemRef) -> &str {
    catalog.get(item).map_or("", Item::title)
}

fn id(catalog: &Catalog, item: ItemRef) -> &str {
    catalog.get(item).map_or("", Item::id)
}

/// The heading of an item's section: `Netherlands (Nederland)`.
fn heading(description: &Description<'_>) -> String {
    match description.subtitle {
        Some(subtitle) => format!("{} ({subtitle})", description.title),
        None => description.title.to_owned(),
    }
}

/// Paragraphs of dossier text, made visible, split at blank lines, each a list of lines.
fn paragraphs(content: &str) -> Vec<Vec<String>> {
    let safe = text::block(content);
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in safe.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

// --- Markdown ---------------------------------------------------------------------------

/// One line of dossier text as Markdown that renders as the text itself. Characters that
/// are markup anywhere are backslash-escaped; those that are markup only at the start of
/// a line (a list's `-` or `1.`, a setext `=`) are escaped there.
fn md_escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (n, c) in line.chars().enumerate() {
        let always = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '{' | '}'
        );
        let at_start = n == 0 && matches!(c, '+' | '-' | '=');
        let ordered_list = n == digits && digits > 0 && matches!(c, '.' | ')');
        if always || at_start || ordered_list {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Dossier text on one line, as Markdown.
pub(crate) fn md_inline(content: &str) -> String {
    md_escape(text::inline(content).trim())
}

/// Dossier text as Markdown paragraphs, each line after the first prefixed by `indent`
/// (`  ` to stay inside a list item, `> ` inside a block quote); a line break within a
/// paragraph is kept.
fn md_block(content: &str, indent: &str) -> String {
    paragraphs(content)
        .iter()
        .map(|lines| {
            let lines: Vec<String> = lines.iter().map(|line| md_escape(line)).collect();
            lines.join(&format!("\\\n{indent}"))
        })
        .collect::<Vec<_>>()
        .join(&format!("\n{}\n{indent}", indent.trim_end()))
}

/// `[Netherlands](#nl)` when the item is in the handout, its plain name otherwise.
fn md_link(catalog: &Catalog, handout: &Handout<'_>, item: ItemRef) -> String {
    let label = md_inline(name(catalog, item));
    match handout.anchor(item) {
        Some(anchor) => format!("[{label}](#{anchor})"),
        None => label,
    }
}

fn md_field(field: &Field) -> String {
    let value = field.joined(" · ");
    let shown = md_inline(&value);
    let value = match (field.is_address, safe_url(&value)) {
        // `<…>` destinations take any character but `<`, `>` and line ends, which
        // `safe_url` has refused; backslash escapes still apply inside them.
        (true, Some(url)) => format!("[{shown}](<{}>)", url.replace('&', "\\&")),
        _ => shown,
    };
    format!("- **{}:** {value}", field.label)
}

/// A quote as a block quote, then where it is from on a line of its own.
fn md_quote(out: &mut String, quote: &Quote<'_>, origin: &str) {
    let body = md_block(&format!("“{}”", quote.quote), "> ");
    let _ = write!(out, "> {body}\n\n");
    if !origin.is_empty() {
        let _ = write!(out, "— {origin}\n\n");
    }
}

fn md_group(out: &mut String, catalog: &Catalog, handout: &Handout<'_>, group: &LinkGroup) {
    let _ = write!(out, "### {}\n\n", group.heading());
    for (n, &item) in group.items.iter().enumerate() {
        let bullet = if group.ordered {
            format!("{}.", n + 1)
        } else {
            "-".to_owned()
        };
        let link = md_link(catalog, handout, item);
        let id = md_inline(id(catalog, item));
        let _ = writeln!(out, "{bullet} {link} · {id}");
    }
    out.push('\n');
}

/// The handout as CommonMark (with GitHub's extensions in mind: `~` and `|` are escaped).
pub fn markdown(catalog: &Catalog, handout: &Handout<'_>) -> String {
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", md_inline(handout.title));
    if let Some(byline) = &handout.byline {
        let _ = write!(out, "*{}*\n\n", md_inline(byline));
    }
    if !handout.summary.trim().is_empty() {
        let _ = write!(out, "{}\n\n", md_block(handout.summary, ""));
    }
    out.push_str(handout.changes.as_deref().unwrap_or_default());
    if !handout.sections.is_empty() {
        out.push_str("## Contents\n\n");
        for (n, section) in handout.sections.iter().enumerate() {
            let link = md_link(catalog, handout, section.item);
            let _ = writeln!(out, "{}. {link} · {}", n + 1, section.item.kind.label());
        }
        out.push('\n');
    }
    for section in &handout.sections {
        md_section(&mut out, catalog, handout, section);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn md_section(out: &mut String, catalog: &Catalog, handout: &Handout<'_>, d: &Description<'_>) {
    if let Some(anchor) = handout.anchor(d.item) {
        let _ = write!(out, "<a id=\"{anchor}\"></a>\n\n");
    }
    let _ = write!(out, "## {}\n\n", md_inline(&heading(d)));
    let _ = write!(out, "*{} · {}*\n\n", d.item.kind.label(), md_inline(d.id));
    if !d.fields.is_empty() {
        for field in &d.fields {
            let _ = writeln!(out, "{}", md_field(field));
        }
        out.push('\n');
    }
    if !d.summary.trim().is_empty() {
        let _ = write!(out, "{}\n\n", md_block(d.summary, ""));
    }
    if d.notes_public && !d.notes.is_empty() {
        let _ = write!(out, "### {}\n\n", d.notes_heading);
        for note in d.notes {
            let _ = writeln!(out, "- {}", md_block(note, "  "));
        }
        out.push('\n');
    }
    for group in &d.groups {
        md_group(out, catalog, handout, group);
    }
    if !d.citations.is_empty() {
        let _ = write!(out, "### Citations ({})\n\n", d.citations.len());
        for quote in &d.citations {
            let source = match quote.source {
                Some(source) => md_link(catalog, handout, source),
                None => md_inline(quote.source_name),
            };
            let origin = match quote.locator {
                Some(locator) => format!("{source}, {}", md_inline(locator)),
                None => source,
            };
            md_quote(out, quote, &origin);
        }
    }
    if !d.cited_by.is_empty() {
        let _ = write!(out, "### Cited by ({})\n\n", d.cited_by.len());
        for cited in &d.cited_by {
            let _ = write!(out, "#### {}\n\n", md_link(catalog, handout, cited.item));
            for quote in &cited.quotes {
                md_quote(
                    out,
                    quote,
                    &quote.locator.map(md_inline).unwrap_or_default(),
                );
            }
        }
    }
}

// --- HTML -------------------------------------------------------------------------------

/// Text for an HTML element or a quoted attribute value.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Dossier text on one line, as HTML text.
pub(crate) fn html_inline(content: &str) -> String {
    html_escape(text::inline(content).trim())
}

/// Dossier text as `<p>` paragraphs; a line break within a paragraph is kept.
fn html_block(content: &str) -> String {
    paragraphs(content)
        .iter()
        .map(|lines| {
            let lines: Vec<String> = lines.iter().map(|line| html_escape(line)).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn html_link(catalog: &Catalog, handout: &Handout<'_>, item: ItemRef) -> String {
    let label = html_inline(name(catalog, item));
    match handout.anchor(item) {
        Some(anchor) => format!("<a href=\"#{anchor}\">{label}</a>"),
        None => label,
    }
}

/// Print-friendly and self-contained: no fonts, images or scripts from anywhere.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: #1a1a1a; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin-bottom: 0.25rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.1rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
h4 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
a { color: #0b57d0; }
.byline, .tag { color: #555; margin-top: 0; }
.tag { font-size: 0.9rem; }
.id { color: #666; font-size: 0.85rem; }
nav ol { padding-left: 1.6rem; }
section.item { border-top: 1px solid #ccc; padding-top: 1.2rem; margin-top: 1.6rem; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.6rem 0; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 0.6rem 0 0.9rem; }
blockquote { margin: 0; padding-left: 0.9rem; border-left: 3px solid #bbb; font-style: italic; }
blockquote p { margin: 0.2rem 0; }
figcaption { color: #555; font-size: 0.9rem; margin-top: 0.2rem; }
@media print {
  body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href^=\"http\"]::after, a[href^=\"mailto\"]::after { content: \" <\" attr(href) \">\"; font-size: 0.85em; color: #555; }
  nav { break-after: page; }
  section.item { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  figure, li, dl.fields { break-inside: avoid; }
}
";

/// The handout as one self-contained HTML file.
pub fn html(catalog: &Catalog, handout: &Handout<'_>) -> String {
    let mut out = String::new();
    let title = html_inline(handout.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}</h1>\n"
    );
    if let Some(byline) = &handout.byline {
        let _ = writeln!(out, "<p class=\"byline\">{}</p>", html_inline(byline));
    }
    if !handout.summary.trim().is_empty() {
        let _ = writeln!(out, "{}", html_block(handout.summary));
    }
    out.push_str("</header>\n");
    out.push_str(handout.changes.as_deref().unwrap_or_default());
    if !handout.sections.is_empty() {
        out.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
        for section in &handout.sections {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"id\">{}</span></li>",
                html_link(catalog, handout, section.item),
                section.item.kind.label()
            );
        }
        out.push_str("</ol>\n</nav>\n");
    }
    out.push_str("<main>\n");
    for section in &handout.sections {
        html_section(&mut out, catalog, handout, section);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn html_field(field: &Field) -> String {
    let value = field.joined(" · ");
    let shown = html_inline(&value);
    let value = match (field.is_address, safe_url(&value)) {
        (true, Some(url)) => format!("<a href=\"{}\">{shown}</a>", html_escape(url)),
        _ => shown,
    };
    format!("<dt>{}</dt><dd>{value}</dd>", field.label)
}

fn html_quote(quote: &Quote<'_>, origin: &str) -> String {
    let mut figure = format!(
        "<figure>\n<blockquote>{}</blockquote>\n",
        html_block(&format!("“{}”", quote.quote))
    );
    if !origin.is_empty() {
        let _ = writeln!(figure, "<figcaption>— {origin}</figcaption>");
    }
    figure.push_str("</figure>\n");
    figure
}

fn html_section(out: &mut String, catalog: &Catalog, handout: &Handout<'_>, d: &Description<'_>) {
    let anchor = handout.anchor(d.item).unwrap_or_default();
    let _ = write!(
        out,
        "<section class=\"item {}\" id=\"{anchor}\">\n<h2>{}</h2>\n<p class=\"tag\">{} · {}</p>\n",
        d.item.kind.label(),
        html_inline(&heading(d)),
        d.item.kind.label(),
        html_inline(d.id)
    );
    if !d.fields.is_empty() {
        out.push_str("<dl class=\"fields\">\n");
        for field in &d.fields {
            let _ = writeln!(out, "{}", html_field(field));
        }
        out.push_str("</dl>\n");
    }
    if !d.summary.trim().is_empty() {
        let _ = writeln!(out, "{}", html_block(d.summary));
    }
    if d.notes_public && !d.notes.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"notes\">", d.notes_heading);
        for note in d.notes {
            let _ = writeln!(out, "<li>{}</li>", html_block(note));
        }
        out.push_str("</ul>\n");
    }
    for group in &d.groups {
        let list = if group.ordered { "ol" } else { "ul" };
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<{list} class=\"links\">",
            group.heading()
        );
        for &item in &group.items {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"id\">{}</span></li>",
                html_link(catalog, handout, item),
                html_inline(id(catalog, item))
            );
        }
        let _ = writeln!(out, "</{list}>");
    }
    if !d.citations.is_empty() {
        let _ = writeln!(out, "<h3>Citations ({})</h3>", d.citations.len());
        for quote in &d.citations {
            let source = match quote.source {
                Some(source) => html_link(catalog, handout, source),
                None => html_inline(quote.source_name),
            };
            let origin = match quote.locator {
                Some(locator) => format!("{source}, {}", html_inline(locator)),
                None => source,
            };
            out.push_str(&html_quote(quote, &origin));
        }
    }
    if !d.cited_by.is_empty() {
        let _ = writeln!(out, "<h3>Cited by ({})</h3>", d.cited_by.len());
        for cited in &d.cited_by {
            let _ = writeln!(out, "<h4>{}</h4>", html_link(catalog, handout, cited.item));
            for quote in &cited.quotes {
                let origin = quote.locator.map(html_inline).unwrap_or_default();
                out.push_str(&html_quote(quote, &origin));
            }
        }
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_keeps_plain_text() {
        assert_eq!(
            md_escape("a plain line, with: commas."),
            "a plain line, with: commas."
        );
        assert_eq!(
            md_escape("[x](javascript:alert(1)) <b> *a* _b_ `c` # | ~ &amp;"),
            "\\[x\\](javascript:alert(1)) \\<b\\> \\*a\\* \\_b\\_ \\`c\\` \\# \\| \\~ \\&amp;"
        );
        assert_eq!(md_escape("- item"), "\\- item");
        assert_eq!(md_escape("12. item"), "12\\. item");
        assert_eq!(md_escape("2) item"), "2\\) item");
        assert_eq!(md_escape("==="), "\\===");
        assert_eq!(md_escape("a - b = 2. c"), "a - b = 2. c");
        assert_eq!(md_escape("ends in \\"), "ends in \\\\");
    }

    #[test]
    fn block_text_keeps_its_lines_and_paragraphs() {
        assert_eq!(
            md_block("one\n    two\n\nthree", "  "),
            "one\\\n  two\n\n  three"
        );
        assert_eq!(
            html_block("a<b\n\n\u{1b}[2J"),
            "<p>a&lt;b</p>\n<p>^[[2J</p>"
        );
    }

    #[test]
    fn only_plain_web_and_mail_addresses_are_links() {
        for good in [
            "https://www.vlaamsparlement.be/",
            "http://example.org/a?b=1&c=2",
            "HTTPS://EXAMPLE.ORG",
            "mailto:someone@example.org",
        ] {
            assert_eq!(safe_url(good), Some(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " https://example.org",
            "data:text/html,<script>alert(1)</script>",
            "https://example.org/\"onmouseover=\"alert(1)",
            "https://example.org/\u{1b}[2J",
            "https://exa mple.org",
            "//example.org",
            "file:///etc/passwd",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            html_escape(r#"<script>"it's" & </script>"#),
            "&lt;script&gt;&quot;it&#39;s&quot; &amp; &lt;/script&gt;"
        );
    }
}
