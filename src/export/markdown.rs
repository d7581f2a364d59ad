//! A handout as CommonMark (with GitHub's extensions in mind: `~` and `|` are escaped),
//! and one item alone, as the viewer copies it.

use std::fmt::Write as _;

use super::{Handout, alone, heading, id, name, paragraphs, reference, safe_url};
use crate::catalog::Catalog;
use crate::describe::{Description, LinkGroup, Overview, Quote, status_tag};
use crate::model::{Field, ItemRef};
use crate::text;

/// The handout as Markdown: the title page, where things stand for the whole dossier,
/// the contents, a section per item and the sources.
pub fn markdown(catalog: &Catalog, handout: &Handout<'_>) -> String {
    let mut writer = Writer {
        catalog,
        handout,
        out: String::new(),
        level: 2,
    };
    writer.title_page();
    writer
        .out
        .push_str(handout.changes.as_deref().unwrap_or_default());
    if let Some(overview) = &handout.overview {
        writer.overview(overview);
    }
    writer.contents();
    for section in &handout.sections {
        writer.section(section);
    }
    writer.sources();
    writer.finish()
}

/// One item alone as Markdown, its title the top heading: what `y` in the viewer copies.
/// No dossier header, contents, anchors or ids; related items and sources are named, not
/// linked. `None` when the item does not exist.
pub fn item_markdown(catalog: &Catalog, item: ItemRef) -> Option<String> {
    let handout = alone(catalog, item)?;
    let mut writer = Writer {
        catalog,
        handout: &handout,
        out: String::new(),
        level: 1,
    };
    for section in &handout.sections {
        writer.section(section);
    }
    Some(writer.finish())
}

struct Writer<'c, 'h> {
    catalog: &'c Catalog,
    handout: &'h Handout<'h>,
    out: String,
    /// The heading level of an item's title; its parts are one level below.
    level: usize,
}

impl Writer<'_, '_> {
    fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    fn heading(&mut self, level: usize, title: &str) {
        let _ = write!(self.out, "{} {title}\n\n", "#".repeat(level));
    }

    /// `[Netherlands](#nl)` when the item is in the handout, its plain name otherwise;
    /// with `(nl)` after it when ids are asked for.
    fn link(&self, item: ItemRef) -> String {
        let label = md_inline(name(self.catalog, item));
        let mut link = match self.handout.link_target(item) {
            Some(anchor) => format!("[{label}](#{anchor})"),
            None => label,
        };
        if self.handout.show_ids {
            let _ = write!(link, " ({})", md_inline(id(self.catalog, item)));
        }
        link
    }

    /// `**Countries:** [Netherlands](#nl) · Germany`: links in one paragraph.
    fn inline_links(&mut self, label: &str, items: &[ItemRef]) {
        let links: Vec<String> = items.iter().map(|&item| self.link(item)).collect();
        let _ = write!(self.out, "**{label}:** {}\n\n", links.join(" · "));
    }

    fn title_page(&mut self) {
        let handout = self.handout;
        self.heading(1, &md_inline(handout.title));
        if let Some(byline) = &handout.byline {
            let _ = write!(self.out, "*{}*\n\n", md_inline(byline));
        }
        if let Some(day) = handout.made_on {
            let _ = write!(self.out, "*Made on {day}*\n\n");
        }
        if !handout.summary.trim().is_empty() {
            let _ = write!(self.out, "{}\n\n", md_block(handout.summary, ""));
        }
    }

    /// Where things stand: the actions per status, the partners' open actions as a
    /// table, the briefings, the sources and the problems.
    fn overview(&mut self, overview: &Overview<'_>) {
        self.heading(2, "Where things stand");
        let counts = overview.status_counts();
        if !counts.is_empty() {
            let total: usize = counts.iter().map(|&(_, n)| n).sum();
            let parts: Vec<String> = counts
                .iter()
                .map(|&(status, n)| format!("{} {n}", status_tag(status).trim_end()))
                .collect();
            let _ = write!(self.out, "**Actions ({total}):** {}\n\n", parts.join(" · "));
        }
        let columns = overview.partner_columns();
        if !overview.partners.is_empty() && !columns.is_empty() {
            self.out.push_str("| Partner |");
            for &status in &columns {
                let _ = write!(self.out, " {} |", status_tag(status).trim_end());
            }
            self.out.push_str("\n|---|");
            self.out.push_str(&"---:|".repeat(columns.len()));
            self.out.push('\n');
            for partner in &overview.partners {
                let _ = write!(self.out, "| {} |", self.link(partner.country));
                for &status in &columns {
                    match partner.count(status) {
                        0 => self.out.push_str(" · |"),
                        n => {
                            let _ = write!(self.out, " {n} |");
                        }
                    }
                }
                self.out.push('\n');
            }
            self.out.push('\n');
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
        let _ = write!(self.out, "**Problems:** {problems}\n\n");
    }

    fn contents(&mut self) {
        let handout = self.handout;
        if handout.sections.is_empty() {
            return;
        }
        self.heading(2, "Contents");
        for (n, section) in handout.sections.iter().enumerate() {
            let link = self.link(section.item);
            let _ = writeln!(
                self.out,
                "{}. {link} · {}",
                n + 1,
                section.item.kind.label()
            );
        }
        self.out.push('\n');
    }

    fn section(&mut self, d: &Description<'_>) {
        let handout = self.handout;
        let level = self.level;
        if let Some(anchor) = handout.anchor(d.item) {
            let _ = write!(self.out, "<a id=\"{anchor}\"></a>\n\n");
        }
        self.heading(level, &md_inline(&heading(d)));
        let kind = d.item.kind.label();
        if handout.show_ids {
            let _ = write!(self.out, "*{kind} · {}*\n\n", md_inline(d.id));
        } else {
            let _ = write!(self.out, "*{kind}*\n\n");
        }
        if !d.fields.is_empty() {
            for field in &d.fields {
                let _ = writeln!(self.out, "{}", md_field(field));
            }
            self.out.push('\n');
        }
        if !d.summary.trim().is_empty() {
            let _ = write!(self.out, "{}\n\n", md_block(d.summary, ""));
        }
        if d.notes_public && !d.notes.is_empty() {
            self.heading(level + 1, d.notes_heading);
            for note in d.notes {
                let _ = writeln!(self.out, "- {}", md_block(note, "  "));
            }
            self.out.push('\n');
        }
        for group in handout.groups(d) {
            self.group(&group);
        }
        if !d.citations.is_empty() {
            self.heading(level + 1, &format!("Citations ({})", d.citations.len()));
            for quote in &d.citations {
                let source = match quote.source {
                    Some(source) => self.source_link(source),
                    None => md_inline(quote.source_name),
                };
                let origin = match quote.locator {
                    Some(locator) => format!("{source}, {}", md_inline(locator)),
                    None => source,
                };
                self.quote(quote, &origin);
            }
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
            self.heading(level + 1, &format!("{title} ({})", elsewhere.len()));
        }
        for cited in elsewhere {
            let link = self.link(cited.item);
            self.heading(level + 2, &link);
            for quote in &cited.quotes {
                let origin = quote.locator.map(md_inline).unwrap_or_default();
                self.quote(quote, &origin);
            }
        }
    }

    /// A source as a quote credits it: linked to its entry in the Sources section.
    fn source_link(&self, source: ItemRef) -> String {
        let label = md_inline(name(self.catalog, source));
        match self.handout.source_anchor(source) {
            Some(anchor) => format!("[{label}](#{anchor})"),
            None => label,
        }
    }

    /// A list in the author's order stays a numbered list; the others are compact, one
    /// paragraph of links.
    fn group(&mut self, group: &LinkGroup) {
        if !group.ordered {
            self.inline_links(group.title, &group.items);
            return;
        }
        self.heading(self.level + 1, &group.heading());
        for (n, &item) in group.items.iter().enumerate() {
            let link = self.link(item);
            let _ = writeln!(self.out, "{}. {link}", n + 1);
        }
        self.out.push('\n');
    }

    /// A quote as a block quote, then where it is from on a line of its own.
    fn quote(&mut self, quote: &Quote<'_>, origin: &str) {
        let body = md_block(&format!("“{}”", quote.quote), "> ");
        let _ = write!(self.out, "> {body}\n\n");
        if !origin.is_empty() {
            let _ = write!(self.out, "— {origin}\n\n");
        }
    }

    /// The closing Sources section: each source's title, full reference and address,
    /// under the anchor its quotes link to.
    fn sources(&mut self) {
        let handout = self.handout;
        if handout.sources.is_empty() {
            return;
        }
        self.heading(2, "Sources");
        for (n, &source) in handout.sources.iter().enumerate() {
            let anchor = handout
                .source_anchor(source)
                .map(|anchor| format!("<a id=\"{anchor}\"></a>"))
                .unwrap_or_default();
            let mut entry = md_inline(name(self.catalog, source));
            if handout.show_ids {
                let _ = write!(entry, " ({})", md_inline(id(self.catalog, source)));
            }
            let (reference, url) = reference(self.catalog, source);
            if let Some(reference) = reference {
                let _ = write!(entry, "\\\n   {}", md_block(reference, "   "));
            }
            if let Some(url) = url {
                let _ = write!(entry, "\\\n   {}", md_address(url));
            }
            let _ = writeln!(self.out, "{}. {anchor}{entry}", n + 1);
        }
        self.out.push('\n');
    }
}

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

/// An address: a link when its scheme is safe, else its text.
fn md_address(value: &str) -> String {
    let shown = md_inline(value);
    match safe_url(value) {
        // `<…>` destinations take any character but `<`, `>` and line ends, which
        // `safe_url` has refused; backslash escapes still apply inside them.
        Some(url) => format!("[{shown}](<{}>)", url.replace('&', "\\&")),
        None => shown,
    }
}

fn md_field(field: &Field) -> String {
    let value = field.joined(" · ");
    let value = if field.is_address {
        md_address(&value)
    } else {
        md_inline(&value)
    };
    format!("- **{}:** {value}", field.label)
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
    }

    #[test]
    fn an_item_alone_has_no_header_contents_anchors_or_ids() {
        let catalog = Catalog::built_in().unwrap();
        let nl = catalog.find("nl").unwrap();
        let text = item_markdown(&catalog, nl).unwrap();
        assert!(
            text.starts_with(
                "# Netherlands (Nederland)\n\n*country*\n\n- **Role:** Principal partner"
            ),
            "{text}"
        );
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
        for absent in [
            "Arms trade",
            "Contents",
            "<a ",
            "](#",
            "## Sources",
            "· nl",
            "(nl)",
            // The briefings are the presenter's, not part of the item.
            "Briefings",
        ] {
            assert!(!text.contains(absent), "{absent:?} in\n{text}");
        }
        // Related items are named, quotes credited to their source, all plain text.
        assert!(text.contains("\n**Forums:** COARM · DUWP\n"), "{text}");
        assert!(
            text.contains("\n— Question 'Wapenhandel - Bilaterale relaties' and answer, answer\n")
        );
        assert!(text.contains("\n## Citations (2)\n"), "{text}");
        assert_eq!(
            item_markdown(
                &catalog,
                ItemRef {
                    kind: nl.kind,
                    index: 99
                }
            ),
            None
        );
    }
}
