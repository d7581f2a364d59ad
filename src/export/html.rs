//! A handout as one self-contained HTML file, laid out to print on A4: no heading ends a
//! page, an item's short blocks stay together, and links to related items run inline.

use std::fmt::Write as _;

use super::{Handout, heading, id, name, paragraphs, reference, safe_url};
use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Overview, Quote, status_tag};
use crate::model::{Field, ItemRef, Status};
use crate::text;

/// Print-friendly and self-contained: no fonts, images or scripts from anywhere. One rule
/// a line, so that a test can read them back.
const STYLE: &str = "\
@page { size: A4; margin: 14mm 15mm 16mm; }
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: #1a1a1a; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 0.3em; }
h2 { font-size: 1.3em; line-height: 1.25; margin: 0 0 0.1em; }
h3 { font-size: 1em; margin: 0.8em 0 0.25em; }
h4 { font-size: 0.95em; margin: 0.6em 0 0.2em; }
a { color: #0b57d0; }
header { margin-bottom: 1em; }
.byline, .made, .kind { color: #555; margin: 0; }
.kind { font-size: 0.9em; }
.id { color: #666; font-size: 0.85em; }
nav ol { margin: 0.3em 0; padding-left: 1.6em; }
section.item, section.overview, section.sources { border-top: 1px solid #ccc; padding-top: 0.9em; margin-top: 1.3em; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0.5em 0; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
p.links { margin: 0.4em 0; }
.label { font-weight: 600; }
ol.links { margin: 0.3em 0; padding-left: 1.6em; }
ul.notes { margin: 0.3em 0; padding-left: 1.4em; }
figure { margin: 0.45em 0 0.6em; }
blockquote { margin: 0; padding-left: 0.9em; border-left: 3px solid #bbb; font-style: italic; }
blockquote p { margin: 0.2em 0; }
figcaption { color: #555; font-size: 0.9em; margin-top: 0.15em; }
.status { font-family: ui-monospace, \"SFMono-Regular\", Menlo, Consolas, monospace; font-size: 0.9em; text-decoration: none; }
table.partners { border-collapse: collapse; margin: 0.5em 0; }
table.partners th, table.partners td { padding: 0.1em 0.7em; text-align: right; border-bottom: 1px solid #ddd; }
table.partners th:first-child, table.partners td:first-child { text-align: left; padding-left: 0; }
ol.sources li { margin-bottom: 0.35em; overflow-wrap: anywhere; }
@media print {
  body { font-size: 10pt; line-height: 1.35; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, .head { break-after: avoid; page-break-after: avoid; }
  .head, figure, li, p.links, dl.fields, tr, header { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 3; widows: 3; }
}
";

/// The handout as one self-contained HTML file.
pub fn html(catalog: &Catalog, handout: &Handout<'_>) -> String {
    let mut writer = Writer {
        catalog,
        handout,
        out: String::new(),
    };
    writer.title_page();
    if let Some(overview) = &handout.overview {
        writer.overview(overview);
    }
    writer.contents();
    writer.out.push_str("<main>\n");
    for section in &handout.sections {
        writer.section(section);
    }
    writer.out.push_str("</main>\n");
    writer.sources();
    writer.out.push_str("</body>\n</html>\n");
    writer.out
}

struct Writer<'c, 'h> {
    catalog: &'c Catalog,
    handout: &'h Handout<'h>,
    out: String,
}

impl Writer<'_, '_> {
    /// A link to the item's section when it is in the handout, its plain name otherwise;
    /// with its id after it when ids are asked for.
    fn link(&self, item: ItemRef) -> String {
        let label = html_inline(name(self.catalog, item));
        let mut link = match self.handout.link_target(item) {
            Some(anchor) => format!("<a href=\"#{anchor}\">{label}</a>"),
            None => label,
        };
        if self.handout.show_ids {
            let _ = write!(
                link,
                " <span class=\"id\">{}</span>",
                html_inline(id(self.catalog, item))
            );
        }
        link
    }

    /// `Countries: Netherlands · Germany`: links in one paragraph.
    fn inline_links(&mut self, label: &str, items: &[ItemRef]) {
        let links: Vec<String> = items.iter().map(|&item| self.link(item)).collect();
        let _ = writeln!(
            self.out,
            "<p class=\"links\"><span class=\"label\">{label}:</span> {}</p>",
            links.join(" · ")
        );
    }

    fn title_page(&mut self) {
        let handout = self.handout;
        let title = html_inline(handout.title);
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n\
             <h1>{title}</h1>\n"
        );
        if let Some(byline) = &handout.byline {
            let _ = writeln!(self.out, "<p class=\"byline\">{}</p>", html_inline(byline));
        }
        if let Some(day) = handout.made_on {
            let _ = writeln!(
                self.out,
                "<p class=\"made\">Made on <time datetime=\"{day}\">{day}</time></p>"
            );
        }
        if !handout.summary.trim().is_empty() {
            let _ = writeln!(
                self.out,
                "<div class=\"summary\">\n{}\n</div>",
                html_block(handout.summary)
            );
        }
        self.out.push_str("</header>\n");
        self.out
            .push_str(handout.changes.as_deref().unwrap_or_default());
    }

    /// Where things stand: the actions per status, the partners' open actions as a
    /// table, the briefings, the sources and the problems.
    fn overview(&mut self, overview: &Overview<'_>) {
        self.out
            .push_str("<section class=\"overview\">\n<h2>Where things stand</h2>\n");
        let counts = overview.status_counts();
        if !counts.is_empty() {
            let total: usize = counts.iter().map(|&(_, n)| n).sum();
            let parts: Vec<String> = counts
                .iter()
                .map(|&(status, n)| format!("{} {n}", tag(status)))
                .collect();
            let _ = writeln!(
                self.out,
                "<p class=\"statuses\"><span class=\"label\">Actions ({total}):</span> {}</p>",
                parts.join(" · ")
            );
        }
        let columns = overview.partner_columns();
        if !overview.partners.is_empty() && !columns.is_empty() {
            self.out
                .push_str("<table class=\"partners\">\n<thead><tr><th>Partner</th>");
            for &status in &columns {
                let _ = write!(self.out, "<th>{}</th>", tag(status));
            }
            self.out.push_str("</tr></thead>\n<tbody>\n");
            for partner in &overview.partners {
                let _ = write!(self.out, "<tr><td>{}</td>", self.link(partner.country));
                for &status in &columns {
                    match partner.count(status) {
                        0 => self.out.push_str("<td>·</td>"),
                        n => {
                            let _ = write!(self.out, "<td>{n}</td>");
                        }
                    }
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n</table>\n");
        }
        for (label, items) in [
            ("Briefings", &overview.briefings),
            ("Sources", &overview.sources),
        ] {
            if !items.is_empty() {
                self.inline_links(label, items);
            }
        }
        let problems = match overview.problems {
            0 => "none".to_owned(),
            n => n.to_string(),
        };
        let _ = writeln!(
            self.out,
            "<p class=\"problems\"><span class=\"label\">Problems:</span> {problems}</p>\n</section>"
        );
    }

    fn contents(&mut self) {
        let handout = self.handout;
        if handout.sections.is_empty() {
            return;
        }
        self.out.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
        for section in &handout.sections {
            let _ = writeln!(
                self.out,
                "<li>{} <span class=\"kind\">{}</span></li>",
                self.link(section.item),
                section.item.kind.label()
            );
        }
        self.out.push_str("</ol>\n</nav>\n");
    }

    /// An item's section: its head (heading, kind and fields, kept together and with
    /// what follows), its summary and notes, its links, its quotes.
    fn section(&mut self, d: &Description<'_>) {
        let handout = self.handout;
        let anchor = handout.anchor(d.item).unwrap_or_default();
        let kind = d.item.kind.label();
        let _ = write!(
            self.out,
            "<section class=\"item {kind}\" id=\"{anchor}\">\n<div class=\"head\">\n\
             <h2>{}</h2>\n<p class=\"kind\">{kind}",
            html_inline(&heading(d)),
        );
        if handout.show_ids {
            let _ = write!(
                self.out,
                " · <span class=\"id\">{}</span>",
                html_inline(d.id)
            );
        }
        self.out.push_str("</p>\n");
        if !d.fields.is_empty() {
            self.out.push_str("<dl class=\"fields\">\n");
            for field in &d.fields {
                let _ = writeln!(self.out, "{}", html_field(field));
            }
            self.out.push_str("</dl>\n");
        }
        self.out.push_str("</div>\n");
        if !d.summary.trim().is_empty() {
            let _ = writeln!(self.out, "{}", html_block(d.summary));
        }
        if d.notes_public && !d.notes.is_empty() {
            let _ = writeln!(
                self.out,
                "<div class=\"block\">\n<h3>{}</h3>\n<ul class=\"notes\">",
                d.notes_heading
            );
            for note in d.notes {
                let _ = writeln!(self.out, "<li>{}</li>", html_block(note));
            }
            self.out.push_str("</ul>\n</div>\n");
        }
        for group in handout.groups(d) {
            self.group(&group);
        }
        if !d.citations.is_empty() {
            let _ = writeln!(
                self.out,
                "<div class=\"block\">\n<h3>Citations ({})</h3>",
                d.citations.len()
            );
            for quote in &d.citations {
                let source = match quote.source {
                    Some(source) => self.source_link(source),
                    None => html_inline(quote.source_name),
                };
                let origin = match quote.locator {
                    Some(locator) => format!("{source}, {}", html_inline(locator)),
                    None => source,
                };
                self.quote(quote, &origin);
            }
            self.out.push_str("</div>\n");
        }
        let (here, elsewhere) = handout.cited_by(d);
        if !here.is_empty() {
            self.inline_links("Cited by", &here);
        }
        if !elsewhere.is_empty() {
            let title = if here.is_empty() {
                "Cited by"
            } else {
                "Also cited by"
            };
            let _ = writeln!(
                self.out,
                "<div class=\"block\">\n<h3>{title} ({})</h3>",
                elsewhere.len()
            );
            for cited in elsewhere {
                let _ = writeln!(self.out, "<h4>{}</h4>", self.link(cited.item));
                for quote in &cited.quotes {
                    let origin = quote.locator.map(html_inline).unwrap_or_default();
                    self.quote(quote, &origin);
                }
            }
            self.out.push_str("</div>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// A list in the author's order stays a numbered list; the others are compact, one
    /// paragraph of links.
    fn group(&mut self, group: &LinkGroup) {
        if !group.ordered {
            self.inline_links(group.title, &group.items);
            return;
        }
        let _ = writeln!(
            self.out,
            "<div class=\"block\">\n<h3>{}</h3>\n<ol class=\"links\">",
            group.heading()
        );
        for &item in &group.items {
            let _ = writeln!(self.out, "<li>{}</li>", self.link(item));
        }
        self.out.push_str("</ol>\n</div>\n");
    }

    /// A source as a quote credits it: linked to its entry in the Sources section.
    fn source_link(&self, source: ItemRef) -> String {
        let label = html_inline(name(self.catalog, source));
        match self.handout.source_anchor(source) {
            Some(anchor) => format!("<a href=\"#{anchor}\">{label}</a>"),
            None => label,
        }
    }

    fn quote(&mut self, quote: &Quote<'_>, origin: &str) {
        let _ = writeln!(
            self.out,
            "<figure>\n<blockquote>{}</blockquote>",
            html_block(&format!("“{}”", quote.quote))
        );
        if !origin.is_empty() {
            let _ = writeln!(self.out, "<figcaption>— {origin}</figcaption>");
        }
        self.out.push_str("</figure>\n");
    }

    /// The closing Sources section: each source's title, full reference and address,
    /// under the anchor its quotes link to.
    fn sources(&mut self) {
        let handout = self.handout;
        if handout.sources.is_empty() {
            return;
        }
        self.out
            .push_str("<section class=\"sources\">\n<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for &source in &handout.sources {
            let anchor = handout.source_anchor(source).unwrap_or_default();
            let _ = write!(
                self.out,
                "<li id=\"{anchor}\"><cite>{}</cite>",
                html_inline(name(self.catalog, source))
            );
            if handout.show_ids {
                let _ = write!(
                    self.out,
                    " <span class=\"id\">{}</span>",
                    html_inline(id(self.catalog, source))
                );
            }
            let (reference, url) = reference(self.catalog, source);
            if let Some(reference) = reference {
                let _ = write!(
                    self.out,
                    "<div class=\"reference\">{}</div>",
                    html_block(reference)
                );
            }
            if let Some(url) = url {
                let _ = write!(self.out, "<div class=\"url\">{}</div>", html_address(url));
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }
}

/// A status's tag, its name spelt out for a reader who hovers or reads aloud.
fn tag(status: Status) -> String {
    format!(
        "<abbr class=\"status\" title=\"{}\">{}</abbr>",
        status.label(),
        status_tag(status).trim_end()
    )
}

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

/// An address: a link when its scheme is safe, else its text.
fn html_address(value: &str) -> String {
    let shown = html_inline(value);
    match safe_url(value) {
        Some(url) => format!("<a href=\"{}\">{shown}</a>", html_escape(url)),
        None => shown,
    }
}

fn html_field(field: &Field) -> String {
    let value = field.joined(" · ");
    let value = if field.is_address {
        html_address(&value)
    } else {
        html_inline(&value)
    };
    format!("<dt>{}</dt><dd>{value}</dd>", field.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_text_keeps_its_lines_and_paragraphs() {
        assert_eq!(
            html_block("a<b\n\n\u{1b}[2J"),
            "<p>a&lt;b</p>\n<p>^[[2J</p>"
        );
    }

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            html_escape(r#"<script>"it's" & </script>"#),
            "&lt;script&gt;&quot;it&#39;s&quot; &amp; &lt;/script&gt;"
        );
    }
}
