//! `dossier diff OLD NEW` and `dossier diff --since REVISION [FILE]`: what changed between
//! two versions of a dossier, item by item, as text or JSON. Exit 0 when nothing changed,
//! 1 when something did, 2 when a version cannot be read, as diff(1).

use std::io::{self, Write};
use std::path::Path;
use std::thread;

use serde_json::json;

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE, Style};
use crate::diff::{Change, Changes, FieldChange, ItemChange, Segment};
use crate::text;
use crate::version::{self, Version, VersionError};

/// What `diff` was asked to compare.
pub(super) struct Request<'a> {
    pub(super) old: Option<&'a str>,
    pub(super) new: Option<&'a str>,
    pub(super) since: Option<&'a str>,
    /// `--file`, the file `--since` reads when no FILE is given.
    pub(super) file: Option<&'a Path>,
    pub(super) json: bool,
}

pub(super) fn run(
    request: &Request<'_>,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let (old, new) = match load(request) {
        Ok(versions) => versions,
        Err(error) => {
            writeln!(err, "dossier: {error}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    for version in [&old, &new] {
        let problems = version.catalog.problems.len();
        if problems > 0 {
            writeln!(
                err,
                "warning: {} has {problems} problem(s); run `dossier check` to see them",
                version.name
            )?;
        }
    }
    let changes = Changes::between(&old.catalog, &new.catalog);
    if request.json {
        text::write_json(&mut *out, &to_json(&changes, &old.name, &new.name))?;
        writeln!(out)?;
    } else {
        out.write_all(to_text(&changes, &old.name, &new.name, style).as_bytes())?;
    }
    out.flush()?;
    Ok(if changes.is_empty() { 0 } else { EXIT_PROBLEMS })
}

/// Both versions, read side by side.
fn load(request: &Request<'_>) -> Result<(Version, Version), String> {
    let (old, new) = match (request.since, request.old, request.new) {
        (Some(since), file, _) => {
            let file = file.map(Path::new).or(request.file).ok_or_else(|| {
                let since = text::inline(since);
                format!("diff --since {since} needs the dossier file: `dossier diff --since {since} FILE`")
            })?;
            thread::scope(|scope| {
                let old = scope.spawn(|| version::since(since, Some(file)));
                let new = version::file(file);
                (join(old), new)
            })
        }
        (None, Some(old), Some(new)) => thread::scope(|scope| {
            let old = scope.spawn(|| version::read(old));
            let new = version::read(new);
            (join(old), new)
        }),
        // clap asks for both without --since.
        (None, _, _) => return Err("diff needs OLD and NEW, or --since REVISION".to_owned()),
    };
    let error = |error: VersionError| error.to_string();
    Ok((old.map_err(error)?, new.map_err(error)?))
}

fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The changes as text: both versions' names and a summary line, then each item with
/// its fields indented under it.
fn to_text(changes: &Changes, old: &str, new: &str, style: Style) -> String {
    let mut page = Page {
        lines: Vec::new(),
        style,
    };
    page.wrap(&style.bold(&format!("{old} → {new}")), "", "    ");
    page.wrap(&changes.summary(), "", "");
    if !changes.dossier.is_empty() {
        page.wrap(
            &format!("{} dossier", page.mark(Change::Changed)),
            "",
            "    ",
        );
        for field in &changes.dossier {
            page.field(field);
        }
    }
    for item in &changes.items {
        page.item(item);
    }
    let mut text = page.lines.join("\n");
    text.push('\n');
    text
}

struct Page {
    lines: Vec<String>,
    style: Style,
}

impl Page {
    /// `content`, already safe, wrapped to the width.
    fn wrap(&mut self, content: &str, first_indent: &str, rest_indent: &str) {
        let options = textwrap::Options::new(self.style.width)
            .initial_indent(first_indent)
            .subsequent_indent(rest_indent);
        self.lines.extend(
            textwrap::wrap(content, &options)
                .into_iter()
                .map(|line| line.into_owned()),
        );
    }

    fn paint(&self, code: &str, content: &str) -> String {
        if self.style.color {
            format!("\u{1b}[{code}m{content}\u{1b}[0m")
        } else {
            content.to_owned()
        }
    }

    fn removed(&self, content: &str) -> String {
        self.paint("31", content)
    }

    fn added(&self, content: &str) -> String {
        self.paint("32", content)
    }

    fn mark(&self, change: Change) -> String {
        let mark = change.mark().to_string();
        match change {
            Change::Added => self.added(&mark),
            Change::Removed => self.removed(&mark),
            Change::Changed => self.style.bold(&mark),
        }
    }

    fn item(&mut self, item: &ItemChange) {
        let heading = format!(
            "{} {} {}  {}",
            self.mark(item.change),
            item.kind.label(),
            self.style.bold(&text::inline(&item.id)),
            text::inline(&item.title)
        );
        self.wrap(&heading, "", "    ");
        for field in &item.fields {
            self.field(field);
        }
        for link in &item.links {
            let kind = link.kind.map_or("item", |kind| kind.label());
            let line = format!(
                "{} {kind} {}",
                self.mark(link.change),
                text::inline(&link.id)
            );
            self.wrap(&line, "    ", "      ");
        }
        for citation in &item.citations {
            let mut line = format!(
                "{} citation of {}: “{}”",
                self.mark(citation.change),
                text::inline(&citation.source),
                text::inline(&citation.quote)
            );
            if let Some(locator) = &citation.locator {
                line.push_str(&format!(" ({})", text::inline(locator)));
            }
            self.wrap(&line, "    ", "      ");
        }
    }

    /// `Status: Planned → Done`, or for prose a short word diff:
    /// `Summary: … held [-yearly-] {+annually+} with …`.
    fn field(&mut self, field: &FieldChange) {
        let value = if field.prose {
            let segments = field.words();
            if segments.is_empty() {
                self.style.dim("(spacing or paragraphs only)")
            } else {
                self.words(&segments)
            }
        } else {
            let shown = |value: &str| {
                if value.is_empty() {
                    self.style.dim("(none)")
                } else {
                    text::inline(value).into_owned()
                }
            };
            format!(
                "{} → {}",
                self.removed(&shown(&field.before)),
                self.added(&shown(&field.after))
            )
        };
        self.wrap(&format!("{}: {value}", field.label), "    ", "      ");
    }

    fn words(&self, segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| match segment {
                Segment::Same(words) => text::inline(words).into_owned(),
                Segment::Removed(words) => self.removed(&format!("[-{}-]", text::inline(words))),
                Segment::Added(words) => self.added(&format!("{{+{}+}}", text::inline(words))),
                Segment::Elided => self.style.dim("…"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The changes as JSON: both versions' names, the counts, and every change as data.
fn to_json(changes: &Changes, old: &str, new: &str) -> serde_json::Value {
    json!({
        "old": old,
        "new": new,
        "summary": changes.summary(),
        "added": changes.count(Change::Added),
        "removed": changes.count(Change::Removed),
        "changed": changes.count(Change::Changed),
        "dossier": changes.dossier,
        "items": changes.items,
    })
}
