//! Handouts: the whole dossier, one briefing or chosen items as one document for an
//! audience, in Markdown or in self-contained HTML made to print on A4; and one item
//! alone as Markdown, as the viewer copies it.
//!
//! Both formats lay out the same [`Description`]s that `show` and the viewer use, so an
//! item's parts are decided in one place; a whole-dossier handout opens with the same
//! [`Overview`]. A handout is for the audience: a briefing's presenter's notes never
//! appear in it, nor the briefings it is not about, nor item ids unless asked for. Every
//! quote points to its source's entry in the handout's closing Sources section, which
//! gives the source's full reference and address.
//!
//! Dossier text is never markup. It is first made visible as the terminal shows it
//! ([`text::inline`] and [`text::block`]: `^[`, `U+202E`), then escaped, so that a
//! Markdown or HTML renderer shows `<script>` or `[x](javascript:…)` as the characters
//! written. Only `http`, `https` and `mailto` addresses become links to elsewhere.

mod html;
mod markdown;

use std::fmt::{self, Write as _};

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::catalog::Catalog;
use crate::describe::{CitedBy, Description, LinkGroup, Overview, describe, overview};
use crate::model::{Item, ItemRef, Kind};
use crate::text;
use crate::validate::is_valid_id;

pub use html::html;
pub(crate) use html::html_inline;
pub(crate) use markdown::md_inline;
pub use markdown::{item_markdown, markdown};

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

/// A calendar day in UTC: the day a handout was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: i64,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// The day `seconds` after the Unix epoch (before it, when negative), in UTC, by the
    /// proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_seconds(seconds: i64) -> Day {
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Day {
            year,
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

/// ISO 8601, `2026-12-06`: the same for every reader, whichever order their dates take.
impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a handout holds: a title page, one section per item in order, and the sources.
#[derive(Debug)]
pub struct Handout<'a> {
    pub title: &'a str,
    /// The line under the title: when the dossier is as of, or which dossier a briefing
    /// comes from and when that is as of.
    pub byline: Option<String>,
    /// The day it was made, shown under the byline; none when not set.
    pub made_on: Option<Day>,
    /// The opening paragraphs: the dossier's or the briefing's summary.
    pub summary: &'a str,
    /// Where things stand: for a handout of the whole dossier.
    pub overview: Option<Overview<'a>>,
    /// One per item, each item once, in the order they are exported.
    pub sections: Vec<Description<'a>>,
    /// The closing Sources section: every source the handout quotes or holds, in the
    /// order first met.
    pub sources: Vec<ItemRef>,
    /// Whether items show their ids (`export --ids`); a handout for an audience does not.
    pub show_ids: bool,
    /// A section already in the handout's format, put after the title page: what changed
    /// since an older version (`export --since`, see `diff::markdown_section`).
    pub changes: Option<String>,
    /// Each section's in-document anchor, unique in the document.
    anchors: HashMap<ItemRef, String>,
    /// Each source's anchor in the Sources section, unique in the document.
    source_anchors: HashMap<ItemRef, String>,
}

impl Handout<'_> {
    /// The anchor of an item's section, when the item is in the handout.
    pub fn anchor(&self, item: ItemRef) -> Option<&str> {
        self.anchors.get(&item).map(String::as_str)
    }

    /// The anchor of a source's entry in the Sources section.
    pub fn source_anchor(&self, source: ItemRef) -> Option<&str> {
        self.source_anchors.get(&source).map(String::as_str)
    }

    /// Where a link to an item goes: its section, or for a source without one, its entry
    /// in the Sources section; nowhere when the item is in neither.
    fn link_target(&self, item: ItemRef) -> Option<&str> {
        self.anchor(item).or_else(|| self.source_anchor(item))
    }

    /// The groups of links a section shows: a briefing only when it is in the handout,
    /// since the audience has none of the others.
    fn groups(&self, description: &Description<'_>) -> Vec<LinkGroup> {
        description
            .groups
            .iter()
            .map(|group| LinkGroup {
                items: group
                    .items
                    .iter()
                    .copied()
                    .filter(|&item| item.kind != Kind::Briefing || self.anchor(item).is_some())
                    .collect(),
                ..group.clone()
            })
            .filter(|group| !group.items.is_empty())
            .collect()
    }

    /// A source's citing items: those in the handout, whose quotes are in their own
    /// sections, to link to; and the others, whose quotes are shown here.
    fn cited_by<'d, 'a>(
        &self,
        description: &'d Description<'a>,
    ) -> (Vec<ItemRef>, Vec<&'d CitedBy<'a>>) {
        let (here, elsewhere): (Vec<&CitedBy<'a>>, Vec<&CitedBy<'a>>) = description
            .cited_by
            .iter()
            .partition(|cited| self.anchor(cited.item).is_some());
        (
            here.into_iter().map(|cited| cited.item).collect(),
            elsewhere,
        )
    }
}

/// The handout for `ids`:
/// - none: the whole dossier, opening with where things stand, then every item in
///   `list` order;
/// - one briefing: the briefing as the title page (its title and summary, not its
///   presenter's notes), then its items in its order;
/// - otherwise each id's item in the order given; a briefing among them brings its
///   items right after it.
///
/// An item named twice, directly or through briefings, has one section, where it first
/// comes. The handout shows no ids and no date until [`Handout::show_ids`] and
/// [`Handout::made_on`] say otherwise.
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
    let whole = chosen.is_empty();
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
                None => String::from(&dossier.title),
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
    let sections: Vec<Description<'a>> = items
        .iter()
        .filter_map(|&item| describe(catalog, item))
        .collect();
    let sources = bibliography(&sections);
    let mut anchors = Anchors::default();
    Ok(Handout {
        title,
        byline,
        made_on: None,
        summary,
        overview: whole.then(|| overview(catalog)),
        anchors: items
            .iter()
            .map(|&item| (item, anchors.take(item_anchor(catalog, item))))
            .collect(),
        source_anchors: sources
            .iter()
            .enumerate()
            .map(|(n, &source)| (source, anchors.take(format!("source-{}", n + 1))))
            .collect(),
        sections,
        sources,
        show_ids: false,
        changes: None,
    })
}

/// A handout of one item alone, with nothing to link to: what [`item_markdown`] lays out.
fn alone(catalog: &Catalog, item: ItemRef) -> Option<Handout<'_>> {
    Some(Handout {
        title: "",
        byline: None,
        made_on: None,
        summary: "",
        overview: None,
        sections: vec![describe(catalog, item)?],
        sources: Vec::new(),
        show_ids: false,
        changes: None,
        anchors: HashMap::new(),
        source_anchors: HashMap::new(),
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

/// The sources of the closing Sources section: each section's, when it is a source, and
/// each quoted, in the order first met.
fn bibliography(sections: &[Description<'_>]) -> Vec<ItemRef> {
    let mut seen = HashSet::new();
    let mut sources = Vec::new();
    for section in sections {
        let own = (section.item.kind == Kind::Source).then_some(section.item);
        let quoted = section.citations.iter().filter_map(|quote| quote.source);
        for source in own.into_iter().chain(quoted) {
            if seen.insert(source) {
                sources.push(source);
            }
        }
    }
    sources
}

/// An item's anchor: its id when that is a valid id (a link reads `#nl`), otherwise its
/// kind and position; an id that broke rule 1 may hold anything.
fn item_anchor(catalog: &Catalog, item: ItemRef) -> String {
    let id = catalog.get(item).map_or("", Item::id);
    if is_valid_id(id) {
        id.to_owned()
    } else {
        format!("{}-{}", item.kind.label(), item.index + 1)
    }
}

/// The anchors given out so far. Ids may repeat, and a source's entry (`source-1`) may
/// meet an item with that id: a suffix keeps every anchor unique.
#[derive(Default)]
struct Anchors {
    taken: HashSet<String>,
}

impl Anchors {
    fn take(&mut self, base: String) -> String {
        let mut anchor = base.clone();
        let mut n = 2;
        while !self.taken.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        anchor
    }
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

/// A source's reference and address, as its entry in the Sources section gives them.
fn reference(catalog: &Catalog, source: ItemRef) -> (Option<&str>, Option<&str>) {
    match catalog.get(source) {
        Some(Item::Source(found)) => (
            found.reference.as_deref().filter(|r| !r.trim().is_empty()),
            found.url.as_deref().filter(|u| !u.trim().is_empty()),
        ),
        _ => (None, None),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn days_from_unix_seconds() {
        let day = |seconds| Day::from_unix_seconds(seconds).to_string();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(86_399), "1970-01-01");
        assert_eq!(day(-1), "1969-12-31");
        assert_eq!(day(951_782_400), "2000-02-29");
        assert_eq!(day(1_709_164_800), "2024-02-29");
        assert_eq!(day(1_735_689_599), "2024-12-31");
        assert_eq!(day(1_735_689_600), "2025-01-01");
        assert_eq!(day(4_102_444_800), "2100-01-01");
        assert_eq!(day(-62_135_596_800), "0001-01-01");
        // Far out of range still makes a day, not a panic.
        let _ = Day::from_unix_seconds(i64::MAX);
        let _ = Day::from_unix_seconds(i64::MIN);
    }

    #[test]
    fn anchors_stay_unique_when_ids_meet_source_entries() {
        let catalog = Catalog::from_text(
            "t",
            r#"Dossier(title: "t",
                sources: [Source(id: "s", title: "S")],
                countries: [Country(id: "source-1", name: "A",
                    citations: [Citation(source: "s", quote: "q")])])"#,
        )
        .unwrap();
        let handout = handout(&catalog, &["source-1".to_owned()]).unwrap();
        let country = catalog.find("source-1").unwrap();
        let source = catalog.find("s").unwrap();
        assert_eq!(handout.anchor(country), Some("source-1"));
        assert_eq!(handout.source_anchor(source), Some("source-1-2"));
        assert_eq!(handout.sources, [source]);
    }
}
