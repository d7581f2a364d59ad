//! The "What changed since …" section of a handout (`export --since`), in Markdown or
//! HTML. A handout is for an audience: a briefing's presenter's notes are left out here
//! as everywhere in it, and dossier text is escaped by the handout's own rules.

use std::fmt::Write as _;

use super::{Change, Changes, FieldChange, ItemChange, LinkChange, Segment};
use crate::export::{Handout, html_inline, md_inline};
use crate::model::Kind;

/// What the section shows: the items in the handout that changed, and when the handout
/// is the whole dossier, the items removed and the dossier's own fields too.
struct Shown<'a> {
    dossier: &'a [FieldChange],
    items: Vec<&'a ItemChange>,
}

fn shown<'a>(changes: &'a Changes, handout: &Handout<'_>, whole: bool) -> Shown<'a> {
    let items = changes
        .items
        .iter()
        .filter(|item| match item.new {
            Some(new) => handout.anchor(new).is_some(),
            None => whole,
        })
        // An item whose only change the audience may not see is no change to them.
        .filter(|item| {
            item.change != Change::Changed
                || public_fields(item).next().is_some()
                || !item.links.is_empty()
                || !item.citations.is_empty()
        })
        .collect();
    Shown {
        dossier: if whole { &changes.dossier } else { &[] },
        items,
    }
}

impl Shown<'_> {
    fn summary(&self) -> String {
        if self.dossier.is_empty() && self.items.is_empty() {
            return "Nothing changed.".to_owned();
        }
        let counts = [Change::Added, Change::Removed, Change::Changed].map(|change| {
            let n = self.items.iter().filter(|i| i.change == change).count();
            format!("{n} {}", change.label())
        });
        format!("{}.", counts.join(", "))
    }
}

/// The fields a handout may show: not a briefing's presenter's notes.
fn public_fields(item: &ItemChange) -> impl Iterator<Item = &FieldChange> {
    item.fields
        .iter()
        .filter(|field| item.kind.notes_are_public() || field.label != item.kind.notes_heading())
}

fn link_kind(link: &LinkChange) -> &'static str {
    link.kind.map_or("item", Kind::label)
}

/// The section in Markdown, for `handout` (whose anchors the items link to). `since`
/// names the old version; `whole` says the handout is the whole dossier.
pub fn markdown_section(
    changes: &Changes,
    since: &str,
    handout: &Handout<'_>,
    whole: bool,
) -> String {
    let shown = shown(changes, handout, whole);
    let mut out = format!("## What changed since {}\n\n", md_inline(since));
    let _ = write!(out, "{}\n\n", shown.summary());
    for field in shown.dossier {
        let label = format!("The dossier's {}", field.label.to_lowercase());
        let _ = writeln!(out, "- {}", md_field(&label, field));
    }
    for item in &shown.items {
        let name = match item.new.and_then(|new| handout.anchor(new)) {
            Some(anchor) => format!("[{}](#{anchor})", md_inline(&item.title)),
            None => md_inline(&item.title),
        };
        let verb = capitalised(item.change.label());
        let _ = writeln!(out, "- {verb}: {name} · {}", item.kind.label());
        for field in public_fields(item) {
            let _ = writeln!(out, "  - {}", md_field(field.label, field));
        }
        for link in &item.links {
            let _ = writeln!(
                out,
                "  - {} {}: {}",
                capitalised(link.change.label()),
                link_kind(link),
                md_inline(&link.id)
            );
        }
        for citation in &item.citations {
            let _ = writeln!(
                out,
                "  - {} citation: “{}” ({})",
                capitalised(citation.change.label()),
                md_inline(&citation.quote),
                md_inline(&citation.source)
            );
        }
    }
    out.push('\n');
    out
}

fn md_field(label: &str, field: &FieldChange) -> String {
    if field.prose {
        let words: Vec<String> = field
            .words()
            .iter()
            .map(|segment| match segment {
                Segment::Same(text) => md_inline(text),
                Segment::Removed(text) => format!("<del>{}</del>", md_inline(text)),
                Segment::Added(text) => format!("<ins>{}</ins>", md_inline(text)),
                Segment::Elided => "…".to_owned(),
            })
            .collect();
        return format!("{label}: {}", words.join(" "));
    }
    format!(
        "{label}: {} → {}",
        md_value(&field.before),
        md_value(&field.after)
    )
}

fn md_value(value: &str) -> String {
    if value.is_empty() {
        "*(none)*".to_owned()
    } else {
        md_inline(value)
    }
}

/// The section in HTML; see [`markdown_section`].
pub fn html_section(changes: &Changes, since: &str, handout: &Handout<'_>, whole: bool) -> String {
    let shown = shown(changes, handout, whole);
    let mut out = format!(
        "<section class=\"changes\">\n<h2>What changed since {}</h2>\n<p>{}</p>\n<ul>\n",
        html_inline(since),
        shown.summary()
    );
    for field in shown.dossier {
        let label = format!("The dossier's {}", field.label.to_lowercase());
        let _ = writeln!(out, "<li>{}</li>", html_field(&label, field));
    }
    for item in &shown.items {
        let title = html_inline(&item.title);
        let name = match item.new.and_then(|new| handout.anchor(new)) {
            Some(anchor) => format!("<a href=\"#{anchor}\">{title}</a>"),
            None => title,
        };
        let verb = capitalised(item.change.label());
        let _ = write!(
            out,
            "<li>{verb}: {name} <span class=\"id\">{}</span>",
            item.kind.label()
        );
        let mut details = Vec::new();
        details.extend(public_fields(item).map(|field| html_field(field.label, field)));
        details.extend(item.links.iter().map(|link| {
            format!(
                "{} {}: {}",
                capitalised(link.change.label()),
                link_kind(link),
                html_inline(&link.id)
            )
        }));
        details.extend(item.citations.iter().map(|citation| {
            format!(
                "{} citation: “{}” ({})",
                capitalised(citation.change.label()),
                html_inline(&citation.quote),
                html_inline(&citation.source)
            )
        }));
        if !details.is_empty() {
            out.push_str("\n<ul>\n");
            for detail in details {
                let _ = writeln!(out, "<li>{detail}</li>");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
    out
}

fn html_field(label: &str, field: &FieldChange) -> String {
    if field.prose {
        let words: Vec<String> = field
            .words()
            .iter()
            .map(|segment| match segment {
                Segment::Same(text) => html_inline(text),
                Segment::Removed(text) => format!("<del>{}</del>", html_inline(text)),
                Segment::Added(text) => format!("<ins>{}</ins>", html_inline(text)),
                Segment::Elided => "…".to_owned(),
            })
            .collect();
        return format!("<strong>{label}:</strong> {}", words.join(" "));
    }
    format!(
        "<strong>{label}:</strong> {} → {}",
        html_value(&field.before),
        html_value(&field.after)
    )
}

fn html_value(value: &str) -> String {
    if value.is_empty() {
        "<em>(none)</em>".to_owned()
    } else {
        html_inline(value)
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
