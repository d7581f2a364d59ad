//! A deterministic generator of large, realistic dossiers in format version 1, for the
//! `gen` example and the benchmarks. One implementation, included by both with
//! `#[path = "…"] mod generate;`, so that what is benchmarked is what `gen` writes.
//!
//! Only the standard library: a splitmix64 generator, fixed word lists and templates.
//! The same `(actions, seed)` always gives the same text, byte for byte.

use std::fmt::Write as _;

/// A small, fast, deterministic pseudo-random generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed ^ 0x6a09_e667_f3bc_c908);
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index chosen with the given relative weights.
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }

    /// `k` distinct indices in `0..n`, in the order drawn.
    pub fn distinct(&mut self, k: usize, n: usize) -> Vec<usize> {
        let mut chosen = Vec::with_capacity(k);
        while chosen.len() < k.min(n) {
            let candidate = self.below(n);
            if !chosen.contains(&candidate) {
                chosen.push(candidate);
            }
        }
        chosen
    }
}

struct CountryDef {
    id: &'static str,
    name: &'static str,
    native: Option<&'static str>,
    /// The adjective: "Dutch export control services".
    adjective: &'static str,
}

const fn country(
    id: &'static str,
    name: &'static str,
    native: Option<&'static str>,
    adjective: &'static str,
) -> CountryDef {
    CountryDef {
        id,
        name,
        native,
        adjective,
    }
}

const COUNTRIES: &[CountryDef] = &[
    country("nl", "Netherlands", Some("Nederland"), "Dutch"),
    country("be", "Belgium", Some("België"), "Belgian"),
    country("de", "Germany", Some("Deutschland"), "German"),
    country("dk", "Denmark", Some("Danmark"), "Danish"),
    country("fr", "France", Some("France"), "French"),
    country("lu", "Luxembourg", Some("Lëtzebuerg"), "Luxembourg"),
    country("at", "Austria", Some("Österreich"), "Austrian"),
    country("cz", "Czechia", Some("Česko"), "Czech"),
    country("sk", "Slovakia", Some("Slovensko"), "Slovak"),
    country("pl", "Poland", Some("Polska"), "Polish"),
    country("se", "Sweden", Some("Sverige"), "Swedish"),
    country("fi", "Finland", Some("Suomi"), "Finnish"),
    country("no", "Norway", Some("Norge"), "Norwegian"),
    country("is", "Iceland", Some("Ísland"), "Icelandic"),
    country("ie", "Ireland", Some("Éire"), "Irish"),
    country("pt", "Portugal", Some("Portugal"), "Portuguese"),
    country("es", "Spain", Some("España"), "Spanish"),
    country("it", "Italy", Some("Italia"), "Italian"),
    country("mt", "Malta", Some("Malta"), "Maltese"),
    country("gr", "Greece", Some("Ελλάδα"), "Greek"),
    country("cy", "Cyprus", Some("Κύπρος"), "Cypriot"),
    country("bg", "Bulgaria", Some("България"), "Bulgarian"),
    country("ro", "Romania", Some("România"), "Romanian"),
    country("hu", "Hungary", Some("Magyarország"), "Hungarian"),
    country("si", "Slovenia", Some("Slovenija"), "Slovenian"),
    country("hr", "Croatia", Some("Hrvatska"), "Croatian"),
    country("rs", "Serbia", Some("Србија"), "Serbian"),
    country("ua", "Ukraine", Some("Україна"), "Ukrainian"),
    country("ee", "Estonia", Some("Eesti"), "Estonian"),
    country("lv", "Latvia", Some("Latvija"), "Latvian"),
    country("lt", "Lithuania", Some("Lietuva"), "Lithuanian"),
    country("tr", "Türkiye", Some("Türkiye"), "Turkish"),
    country("ch", "Switzerland", Some("Schweiz"), "Swiss"),
    country("gb", "United Kingdom", None, "British"),
    country("us", "United States", None, "US"),
    country("ca", "Canada", None, "Canadian"),
    country("mx", "Mexico", Some("México"), "Mexican"),
    country("br", "Brazil", Some("Brasil"), "Brazilian"),
    country("ar", "Argentina", None, "Argentine"),
    country("cl", "Chile", None, "Chilean"),
    country("za", "South Africa", Some("Suid-Afrika"), "South African"),
    country("jp", "Japan", Some("日本"), "Japanese"),
    country("cn", "China", Some("中国"), "Chinese"),
    country("kr", "South Korea", Some("대한민국"), "South Korean"),
    country("tw", "Taiwan", Some("臺灣"), "Taiwanese"),
    country("in", "India", Some("भारत"), "Indian"),
    country("sg", "Singapore", Some("Singapura"), "Singaporean"),
    country("au", "Australia", None, "Australian"),
    country("nz", "New Zealand", Some("Aotearoa"), "New Zealand"),
    country(
        "ae",
        "United Arab Emirates",
        Some("الإمارات العربية المتحدة"),
        "Emirati",
    ),
    country("sa", "Saudi Arabia", Some("السعودية"), "Saudi"),
    country("il", "Israel", Some("ישראל"), "Israeli"),
    country("eg", "Egypt", Some("مصر"), "Egyptian"),
    country("kz", "Kazakhstan", Some("Қазақстан"), "Kazakh"),
    country("th", "Thailand", Some("ประเทศไทย"), "Thai"),
    country("vn", "Vietnam", Some("Việt Nam"), "Vietnamese"),
];

struct ForumDef {
    id: &'static str,
    name: &'static str,
    full_name: Option<&'static str>,
    kind: &'static str,
    topics: &'static [&'static str],
}

const FORUMS: &[ForumDef] = &[
    ForumDef {
        id: "coarm",
        name: "COARM",
        full_name: Some("Council Working Party on Conventional Arms Exports"),
        kind: "EU Council working party",
        topics: &[
            "military goods",
            "conventional arms exports",
            "arms embargoes",
        ],
    },
    ForumDef {
        id: "duwp",
        name: "DUWP",
        full_name: Some("Council Working Party on Dual-Use Goods"),
        kind: "EU Council working party",
        topics: &["dual-use goods", "catch-all controls"],
    },
    ForumDef {
        id: "ducg",
        name: "DUCG",
        full_name: Some("Dual-Use Coordination Group"),
        kind: "EU expert group under Regulation (EU) 2021/821",
        topics: &["dual-use goods", "cyber-surveillance items", "enforcement"],
    },
    ForumDef {
        id: "wa",
        name: "Wassenaar Arrangement",
        full_name: Some(
            "Wassenaar Arrangement on Export Controls for Conventional Arms and Dual-Use Goods and Technologies",
        ),
        kind: "Multilateral export control regime",
        topics: &["dual-use goods", "military goods", "emerging technologies"],
    },
    ForumDef {
        id: "mtcr",
        name: "MTCR",
        full_name: Some("Missile Technology Control Regime"),
        kind: "Multilateral export control regime",
        topics: &["missile technology", "drones", "space technology"],
    },
    ForumDef {
        id: "ag",
        name: "Australia Group",
        full_name: None,
        kind: "Multilateral export control regime",
        topics: &["chemical precursors", "biological agents"],
    },
    ForumDef {
        id: "nsg",
        name: "NSG",
        full_name: Some("Nuclear Suppliers Group"),
        kind: "Multilateral export control regime",
        topics: &["nuclear-related items"],
    },
    ForumDef {
        id: "zc",
        name: "Zangger Committee",
        full_name: None,
        kind: "Multilateral export control regime",
        topics: &["nuclear-related items"],
    },
    ForumDef {
        id: "att",
        name: "ATT",
        full_name: Some("Arms Trade Treaty"),
        kind: "Treaty; annual Conference of States Parties",
        topics: &[
            "small arms and light weapons",
            "diversion",
            "human rights risk assessment",
        ],
    },
];

struct SourceDef {
    id: &'static str,
    title: &'static str,
    reference: Option<&'static str>,
    url: Option<&'static str>,
}

const SOURCES: &[SourceDef] = &[
    SourceDef {
        id: "vp-wapenhandel-2021",
        title: "Written question 'Wapenhandel - Bilaterale relaties' and answer",
        reference: Some(
            "Flemish Parliament, written question and the minister-president's answer, 2021 (in Dutch)",
        ),
        url: None,
    },
    SourceDef {
        id: "beleidsnota-2019-2024",
        title: "Beleidsnota Buitenlandse Zaken 2019-2024",
        reference: Some("Flemish Government policy memorandum (in Dutch)"),
        url: Some("https://example.org/beleidsnota-buitenlandse-zaken-2019-2024.pdf"),
    },
    SourceDef {
        id: "jaarverslag-2022",
        title: "Jaarverslag wapenhandel 2022",
        reference: Some("Annual report on arms-trade and dual-use licensing, 2022 (in Dutch)"),
        url: None,
    },
];

const TOPICS: &[&str] = &[
    "dual-use goods",
    "military goods",
    "strategic goods",
    "export control",
    "licensing practice",
    "semiconductors",
    "emerging technologies",
    "end-use verification",
    "brokering",
    "sanctions",
    "civil firearms",
    "cyber-surveillance items",
    "catch-all controls",
    "intangible technology transfers",
    "transit and transhipment",
    "denial notifications",
    "post-shipment checks",
    "sensitive destinations",
    "quantum computing",
    "additive manufacturing",
    "small arms and light weapons",
    "ammunition",
    "spare parts",
    "human rights risk assessment",
    "outreach",
    "internal compliance programmes",
    "enforcement",
    "customs cooperation",
    "encryption",
    "space technology",
    "drones",
    "chemical precursors",
    "missile technology",
    "re-export controls",
    "policy and regulatory initiatives",
    "geopolitical developments",
    "arms embargoes",
    "diversion",
];

/// Dutch terms, as a source in Dutch would put them.
const DUTCH_TERMS: &[&str] = &[
    "goederen voor tweeërlei gebruik",
    "strategische goederen",
    "militaire goederen",
    "halfgeleiders",
    "opkomende technologieën",
    "eindgebruikscontrole",
    "tussenhandel",
    "vergunningspraktijken",
    "gevoelige bestemmingen",
    "civiele vuurwapens",
    "cybersurveillance",
    "exportcontrolediensten",
];

const ROLES: &[&str] = &[
    "Principal partner for bilateral cooperation on strategic goods",
    "Like-minded partner; annual consultation",
    "Like-minded partner; annual consultation focused on dual-use control",
    "Partner on specific issues",
    "Regular contact on licensing practice",
    "Partner in multilateral forums",
    "Outreach partner",
    "Destination under enhanced scrutiny",
];

const COUNTERPARTS: &[&str] = &[
    "export control services",
    "licensing authority",
    "customs administration",
    "ministry of foreign affairs",
    "ministry of economic affairs",
    "competent services for civil firearms",
    "defence procurement agency",
];

const TIMINGS: &[&str] = &[
    "Yearly, for some years now; next round probably in the autumn",
    "Held once; to be repeated once circumstances allow",
    "Autumn",
    "Spring",
    "Soon",
    "Regular",
    "Before the next plenary",
    "Ahead of the annual Conference of States Parties",
    "Twice a year",
    "No date set",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Ongoing since 2019",
    "Completed in 2022",
    "Postponed until further notice",
];

const LOCATORS: &[&str] = &[
    "answer",
    "answer to question 1",
    "answer to question 2",
    "answer to question 3",
    "introduction to the question",
    "annex",
    "section 2.3",
    "section 4.1",
    "p. 12",
    "p. 37",
];

const NOTES: &[&str] = &[
    "The source gives no timing for this action.",
    "All levels of the services involved take part: lawyers, political analysts and technical experts.",
    "The source does not name the counterpart services.",
    "Follow-up depends on the outcome of the next plenary meeting.",
    "Contact details of the counterparts are kept outside this dossier.",
    "Part of the broader effort to develop bilateral relations with like-minded countries.",
    "Dutch term in the source: exportcontrolediensten.",
    "Dutch term in the source: goederen voor tweeërlei gebruik.",
];

/// Title templates: `{c}` country name, `{a}` its adjective, `{t}` a topic, `{u}` a
/// second topic, `{f}` a forum name. Each has a short slug for the action id.
const TITLES: &[(&str, &str)] = &[
    (
        "annual-consultation",
        "Annual consultation with the {a} export control services on {t}",
    ),
    (
        "annual-consultation",
        "Annual general consultation with the {a} export control services",
    ),
    ("dialogue", "Start a dialogue with {c} on {t} and {u}"),
    ("contacts", "Regular contacts with {c} on {t}"),
    (
        "align-positions",
        "Share and possibly align positions with {c} on {t}",
    ),
    (
        "broad-consultation",
        "Broad consultation with the competent {a} services on {t}",
    ),
    (
        "expert-meeting",
        "Technical expert meeting with the {a} licensing authority on {t}",
    ),
    (
        "licensing-exchange",
        "Exchange of licensing practice with {c} on {t}",
    ),
    ("end-use-visit", "Joint end-use verification visit with {c}"),
    ("outreach", "Outreach seminar with {c} on {t}"),
    ("contacts", "Contacts with {c} on {t}"),
    ("visit", "Study visit to {c}"),
    ("annual-consultation", "Annual consultation with {c}"),
    ("cooperation", "Cooperation with {c} in {f} on {t}"),
    (
        "forum-position",
        "Prepare a common position with {c} for the {f} meeting on {t}",
    ),
    (
        "denials",
        "Share denial notifications on {t} with {c} within {f}",
    ),
    ("review", "Contribute with {c} to the {f} review of {t}"),
];

const SENTENCES: &[&str] = &[
    "The services cooperate intensely with the {a} export control services on {t}.",
    "Each round covers relevant policy and regulatory initiatives, concrete problems and licensing practice.",
    "The consultation focuses in the first instance on {t} because of the internal structure of the {a} authorities.",
    "Both sides intend to share positions on {t} more systematically and possibly to align them.",
    "Regular contacts address the export-control challenges around {t}.",
    "A new round will probably take place in the autumn.",
    "It has taken place once and is to be repeated once circumstances allow.",
    "The exchange also touches on {u} and the approach to {t}.",
    "Lawyers, political analysts and technical experts take part, which strengthens mutual cooperation.",
    "Positions on {t} are aligned where possible ahead of meetings in {f}.",
    "The {a} counterparts raised questions on brokering, transit and end-use verification.",
    "Licensing data on {t} are compared to detect diversion risks early.",
    "The source uses the Dutch term {d}.",
    "Relevant geopolitical developments and sanctions are discussed as well.",
    "Follow-up on {u} is expected within the framework of {f}.",
    "Specific contact was established with the competent {a} services.",
    "A new round is planned.",
    "Timing is not yet fixed.",
    "Talks continue in {f}.",
    "Dutch term: {d}.",
    "The focus is on {t}.",
    "{c} asked for a follow-up.",
    "Contacts on {t} are regular.",
    "Results feed into licensing decisions.",
];

const QUOTES: &[&str] = &[
    "Mijn diensten hebben een intense samenwerking in het kader van multilaterale fora zoals {f}.",
    "Wij beleggen sinds enkele jaren een jaarlijks algemeen overleg met de exportcontrolediensten inzake {d}.",
    "Tijdens dat overleg wordt telkens ingegaan op relevante beleids- en regelgevingsinitiatieven, concrete problematieken en vergunningspraktijken.",
    "Het is de bedoeling om dit te herhalen eens de omstandigheden dit toelaten.",
    "Zo heeft de dienst regelmatige contacten over de exportcontrole-uitdagingen omtrent {d}.",
    "Buiten dit jaarlijks overleg is het ook de intentie om meer systematisch standpunten onderling te delen en eventueel af te stemmen.",
    "Recenter werd ook specifiek contact gelegd met de bevoegde diensten inzake {d}.",
    "Met dit land focust het overleg zich in eerste instantie op de controle betreffende {d}.",
];

/// Filler for summaries that must reach their word count.
const VOCABULARY: &[&str] = &[
    "export",
    "control",
    "licensing",
    "dual-use",
    "semiconductors",
    "emerging",
    "technologies",
    "end-use",
    "verification",
    "brokering",
    "sanctions",
    "authorities",
    "consultation",
    "cooperation",
    "strategic",
    "goods",
    "diversion",
    "compliance",
    "outreach",
    "enforcement",
    "customs",
    "transit",
    "catch-all",
    "controls",
    "tweeërlei",
    "exportcontrolediensten",
    "vergunningen",
    "partners",
    "regime",
    "plenary",
];

const STATUSES: [(&str, usize); 7] = [
    ("Intended", 10),
    ("Planned", 18),
    ("Ongoing", 25),
    ("Recurring", 20),
    ("Done", 15),
    ("Paused", 7),
    ("Cancelled", 5),
];

/// What fills a template's slots for one item.
struct Slots<'a> {
    country: &'a CountryDef,
    topic: &'a str,
    other_topic: &'a str,
    forum: &'a str,
    dutch: &'a str,
}

fn fill(template: &str, slots: &Slots<'_>, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let slot = &rest[open + 1..open + 2];
        out.push_str(match slot {
            "c" => slots.country.name,
            "a" => slots.country.adjective,
            "t" => slots.topic,
            "u" => slots.other_topic,
            "f" => slots.forum,
            "d" => slots.dutch,
            _ => unreachable!("unknown slot {slot}"),
        });
        rest = &rest[open + 3..];
    }
    out.push_str(rest);
}

fn filled(template: &str, slots: &Slots<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill(template, slots, &mut out);
    out
}

fn random_slots<'a>(rng: &mut Rng, country: &'a CountryDef, forum: Option<&'a str>) -> Slots<'a> {
    let topic = rng.pick(TOPICS);
    let mut other_topic = rng.pick(TOPICS);
    if other_topic == topic {
        other_topic =
            TOPICS[(TOPICS.iter().position(|t| *t == topic).unwrap_or(0) + 1) % TOPICS.len()];
    }
    Slots {
        country,
        topic,
        other_topic,
        forum: forum.unwrap_or_else(|| FORUMS[rng.below(FORUMS.len())].name),
        dutch: rng.pick(DUTCH_TERMS),
    }
}

const WORDS_MIN: usize = 15;
const WORDS_MAX: usize = 40;

/// A paragraph of `low..=high` words (shorter ones likelier), from whole sentences, with
/// a few loose words at the end when no sentence fits the count.
fn summary(rng: &mut Rng, slots: &Slots<'_>, low: usize, high: usize) -> String {
    let target = rng.between(low, high).min(rng.between(low, high));
    let mut text = String::new();
    let mut words = 0;
    let mut used = Vec::new();
    for _ in 0..12 {
        if words >= target {
            break;
        }
        let chosen = rng.below(SENTENCES.len());
        let sentence = filled(SENTENCES[chosen], slots);
        let count = sentence.split_whitespace().count();
        if used.contains(&chosen) || words + count > target + 2 || words + count > high {
            continue;
        }
        used.push(chosen);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence);
        words += count;
    }
    if words < low {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        for n in 0..(low - words) {
            if n > 0 {
                text.push(' ');
            }
            text.push_str(rng.pick(VOCABULARY));
        }
        text.push('.');
        if let Some(first) = text[start..].chars().next() {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(start..start + first.len_utf8(), &upper);
        }
    }
    text
}

/// A RON string literal.
fn quoted(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn field(out: &mut String, indent: usize, name: &str, value: &str) {
    pad(out, indent);
    out.push_str(name);
    out.push_str(": ");
    quoted(value, out);
    out.push_str(",\n");
}

fn list<S: AsRef<str>>(out: &mut String, indent: usize, name: &str, values: &[S]) {
    if values.is_empty() {
        return;
    }
    pad(out, indent);
    out.push_str(name);
    out.push_str(": [");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quoted(value.as_ref(), out);
    }
    out.push_str("],\n");
}

/// Long texts (notes) one a line, as an author would lay them out.
fn long_list(out: &mut String, indent: usize, name: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    pad(out, indent);
    out.push_str(name);
    out.push_str(": [\n");
    for value in values {
        pad(out, indent + 1);
        quoted(value, out);
        out.push_str(",\n");
    }
    pad(out, indent);
    out.push_str("],\n");
}

/// Spaces per nesting level. Two rather than the hand-written dossier's four keeps a
/// 100 000-action file near 50 MB; the parser does not care.
const INDENT: usize = 2;

fn pad(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n(' ', level * INDENT));
}

/// One line at a nesting level.
fn line(out: &mut String, level: usize, text: &str) {
    pad(out, level);
    out.push_str(text);
    out.push('\n');
}

fn citations(rng: &mut Rng, out: &mut String, indent: usize, count: usize, slots: &Slots<'_>) {
    if count == 0 {
        return;
    }
    pad(out, indent);
    out.push_str("citations: [\n");
    for _ in 0..count {
        pad(out, indent + 1);
        out.push_str("Citation(source: ");
        quoted(SOURCES[rng.below(SOURCES.len())].id, out);
        out.push_str(", quote: ");
        quoted(&filled(rng.pick(QUOTES), slots), out);
        if rng.chance(85) {
            out.push_str(", locator: ");
            quoted(rng.pick(LOCATORS), out);
        }
        out.push_str("),\n");
    }
    pad(out, indent);
    out.push_str("],\n");
}

fn topics(rng: &mut Rng, first: &str, count: usize) -> Vec<&'static str> {
    let mut chosen: Vec<&'static str> = Vec::with_capacity(count);
    if let Some(first) = TOPICS.iter().find(|t| **t == first) {
        chosen.push(first);
    }
    while chosen.len() < count {
        let topic = rng.pick(TOPICS);
        if !chosen.contains(&topic) {
            chosen.push(topic);
        }
    }
    chosen
}

/// A whole dossier with `actions` actions, as RON text.
pub fn dossier(actions: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(actions * 480 + 64 * 1024);
    let _ = writeln!(
        out,
        "// Synthetic dossier for benchmarks: {actions} actions, seed {seed}.\n\
         // Generated by `cargo run --release --example gen -- --actions {actions} --seed {seed}`."
    );
    out.push_str("Dossier(\n");
    field(
        &mut out,
        1,
        "title",
        &format!("Strategic goods — bilateral and multilateral relations ({actions} actions)"),
    );
    field(
        &mut out,
        1,
        "summary",
        "A synthetic dossier in the style of the real one: bilateral consultations, dialogues \
         and forum work on export control of military and dual-use goods (goederen voor \
         tweeërlei gebruik), with quotes in Dutch from the sources.",
    );
    field(&mut out, 1, "as_of", "2024");

    line(&mut out, 1, "sources: [");
    for source in SOURCES {
        line(&mut out, 2, "Source(");
        field(&mut out, 3, "id", source.id);
        field(&mut out, 3, "title", source.title);
        if let Some(reference) = source.reference {
            field(&mut out, 3, "reference", reference);
        }
        if let Some(url) = source.url {
            field(&mut out, 3, "url", url);
        }
        line(&mut out, 2, "),");
    }
    line(&mut out, 1, "],");

    // Forum membership first, so that countries can name the forums they sit in.
    let members: Vec<Vec<usize>> = FORUMS
        .iter()
        .map(|_| {
            let count = rng.between(4, 30);
            let mut chosen = rng.distinct(count, COUNTRIES.len());
            chosen.sort_unstable();
            chosen
        })
        .collect();

    line(&mut out, 1, "countries: [");
    for (index, country) in COUNTRIES.iter().enumerate() {
        let slots = random_slots(&mut rng, country, None);
        line(&mut out, 2, "Country(");
        field(&mut out, 3, "id", country.id);
        field(&mut out, 3, "name", country.name);
        if let Some(native) = country.native {
            field(&mut out, 3, "native_name", native);
        }
        field(&mut out, 3, "role", rng.pick(ROLES));
        field(&mut out, 3, "summary", &summary(&mut rng, &slots, 25, 60));
        let count = rng.between(1, 2);
        let counterparts: Vec<String> = rng
            .distinct(count, COUNTERPARTS.len())
            .into_iter()
            .map(|i| format!("{} {}", country.adjective, COUNTERPARTS[i]))
            .collect();
        list(&mut out, 3, "counterparts", &counterparts);
        let forums: Vec<&str> = FORUMS
            .iter()
            .zip(&members)
            .filter(|(_, members)| members.contains(&index))
            .map(|(forum, _)| forum.id)
            .filter(|_| rng.chance(70))
            .collect();
        list(&mut out, 3, "forums", &forums);
        let count = rng.between(1, 4);
        list(&mut out, 3, "topics", &topics(&mut rng, slots.topic, count));
        let notes: Vec<String> = (0..rng.weighted(&[50, 35, 15]))
            .map(|_| rng.pick(NOTES).to_string())
            .collect();
        long_list(&mut out, 3, "notes", &notes);
        let count = rng.weighted(&[40, 40, 20]);
        citations(&mut rng, &mut out, 3, count, &slots);
        line(&mut out, 2, "),");
    }
    line(&mut out, 1, "],");

    line(&mut out, 1, "forums: [");
    for (forum, members) in FORUMS.iter().zip(&members) {
        let slots = random_slots(&mut rng, &COUNTRIES[members[0]], Some(forum.name));
        line(&mut out, 2, "Forum(");
        field(&mut out, 3, "id", forum.id);
        field(&mut out, 3, "name", forum.name);
        if let Some(full_name) = forum.full_name {
            field(&mut out, 3, "full_name", full_name);
        }
        field(&mut out, 3, "kind", forum.kind);
        field(&mut out, 3, "summary", &summary(&mut rng, &slots, 25, 60));
        let ids: Vec<&str> = members.iter().map(|&i| COUNTRIES[i].id).collect();
        list(&mut out, 3, "members", &ids);
        list(&mut out, 3, "topics", forum.topics);
        let notes: Vec<String> = (0..rng.weighted(&[40, 40, 20]))
            .map(|_| rng.pick(NOTES).to_string())
            .collect();
        long_list(&mut out, 3, "notes", &notes);
        let count = rng.between(0, 2);
        citations(&mut rng, &mut out, 3, count, &slots);
        line(&mut out, 2, "),");
    }
    line(&mut out, 1, "],");

    line(&mut out, 1, "actions: [");
    for n in 1..=actions {
        action(&mut rng, &mut out, n);
    }
    line(&mut out, 1, "],");
    out.push_str(")\n");
    out
}

fn action(rng: &mut Rng, out: &mut String, n: usize) {
    let count = 1 + rng.weighted(&[70, 22, 8]);
    let countries = rng.distinct(count, COUNTRIES.len());
    let count = rng.weighted(&[55, 35, 10]);
    let forums = rng.distinct(count, FORUMS.len());
    let first = &COUNTRIES[countries[0]];
    let slots = random_slots(rng, first, forums.first().map(|&f| FORUMS[f].name));
    // Templates naming a forum only when the action is held in one.
    let (slug, template) = loop {
        let candidate = rng.pick(TITLES);
        if !candidate.1.contains("{f}") || !forums.is_empty() {
            break candidate;
        }
    };

    line(out, 2, "Action(");
    pad(out, 3);
    let _ = writeln!(out, "id: \"{}-{slug}-{n}\",", first.id);
    field(out, 3, "title", &filled(template, &slots));
    let status = STATUSES[rng.weighted(&STATUSES.map(|(_, weight)| weight))].0;
    pad(out, 3);
    let _ = writeln!(out, "status: {status},");
    if rng.chance(80) {
        field(out, 3, "timing", rng.pick(TIMINGS));
    }
    let ids: Vec<&str> = countries.iter().map(|&i| COUNTRIES[i].id).collect();
    list(out, 3, "countries", &ids);
    let ids: Vec<&str> = forums.iter().map(|&i| FORUMS[i].id).collect();
    list(out, 3, "forums", &ids);
    let count = 1 + rng.weighted(&[45, 35, 12, 8]);
    list(out, 3, "topics", &topics(rng, slots.topic, count));
    field(
        out,
        3,
        "summary",
        &summary(rng, &slots, WORDS_MIN, WORDS_MAX),
    );
    if rng.chance(12) {
        long_list(out, 3, "notes", &[rng.pick(NOTES).to_string()]);
    }
    let count = rng.weighted(&[70, 25, 5]);
    citations(rng, out, 3, count, &slots);
    line(out, 2, "),");
}
