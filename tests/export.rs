//! `dossier export`: handouts in HTML and Markdown, read back with real parsers (scraper
//! for HTML, pulldown-cmark to render the Markdown as a reader's tool would), for their
//! structure, their print rules, their links and their escaping; and the `-o` file,
//! written atomically and never over the dossier being read. (How many pages a handout
//! prints on is measured by `scripts/handout-print.sh` in headless Chromium, not here.)
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{fixture, output, raw_controls};
use scraper::{Html, Selector};

fn select(document: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .map(|element| element.text().collect::<String>())
        .collect()
}

fn attributes(document: &Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .filter_map(|element| element.value().attr(attribute).map(str::to_owned))
        .collect()
}

/// The day every handout in these tests is made: 2025-12-06.
const MADE: &str = "1765000000";

/// The binary, its handouts made on [`MADE`] unless a test says otherwise.
fn dossier() -> std::process::Command {
    let mut command = common::dossier();
    command.env("SOURCE_DATE_EPOCH", MADE);
    command
}

/// `dossier ARGS…`, made on [`MADE`].
fn run(args: &[&str]) -> common::Output {
    output(dossier().args(args))
}

fn export(args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend(args);
    let out = run(&all);
    assert_eq!(out.code(), 0, "{out:#?}");
    out.stdout
}

/// The checks every exported HTML document passes: one self-contained file, no script,
/// nothing loaded from elsewhere, every in-document link landing on an anchor, and only
/// `http`, `https` and `mailto` links out.
fn assert_safe_html(html: &str) -> Html {
    let document = Html::parse_document(html);
    assert!(document.errors.is_empty(), "{:?}", document.errors);
    for tag in [
        "script", "iframe", "img", "link", "object", "embed", "base", "form",
    ] {
        assert!(select(&document, tag).is_empty(), "a <{tag}> element");
    }
    // Nothing is loaded from anywhere: no attribute that fetches, no inline handler.
    let any = Selector::parse("*").unwrap();
    for element in document.select(&any) {
        for (name, _) in element.value().attrs() {
            assert!(
                !["src", "srcset", "action", "style"].contains(&name) && !name.starts_with("on"),
                "<{} {name}=…>",
                element.value().name()
            );
        }
    }
    let styles = select(&document, "style").join("\n");
    assert!(styles.contains("@media print"), "{styles}");
    assert!(!styles.contains("url(") && !styles.contains("@import"));
    let ids: HashSet<String> = attributes(&document, "[id]", "id").into_iter().collect();
    assert_eq!(
        ids.len(),
        attributes(&document, "[id]", "id").len(),
        "ids are unique"
    );
    for href in attributes(&document, "a", "href") {
        match href.strip_prefix('#') {
            Some(anchor) => assert!(ids.contains(anchor), "#{anchor} lands nowhere"),
            None => assert!(
                ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| href.starts_with(scheme)),
                "a link out to {href:?}"
            ),
        }
    }
    assert!(
        raw_controls(html, false).is_empty(),
        "{:?}",
        raw_controls(html, false)
    );
    document
}

#[test]
fn the_whole_dossier_as_html() {
    let html = export(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    let document = assert_safe_html(&html);
    assert_eq!(
        select(&document, "title"),
        ["Arms trade — bilateral relations"]
    );
    assert_eq!(
        select(&document, "h1"),
        ["Arms trade — bilateral relations"]
    );
    assert_eq!(select(&document, ".byline"), ["As of c. 2021"]);
    assert_eq!(select(&document, ".made"), ["Made on 2025-12-06"]);
    // One section per item, in `list` order, each with its id as its anchor.
    let list = run(&["list"]).stdout;
    let ids: Vec<&str> = list
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(ids.len(), 19);
    assert_eq!(attributes(&document, "main > section.item", "id"), ids);
    // The contents list links every section, in order.
    let contents: Vec<String> = attributes(&document, "nav li a", "href");
    let expected: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
    assert_eq!(contents, expected);
    // Relations are links within the document; the whole dossier has the briefings.
    let nl_links = attributes(&document, "section#nl p.links a", "href");
    assert!(nl_links.contains(&"#coarm".to_owned()), "{nl_links:?}");
    assert!(nl_links.contains(&"#nl-partnership".to_owned()));
    let quote = select(&document, "section#nl figure blockquote").join("");
    assert!(quote.starts_with("“Onze belangrijkste partner"), "{quote}");
    let origin = select(&document, "section#nl figure figcaption a");
    assert_eq!(
        origin[0],
        "Question 'Wapenhandel - Bilaterale relaties' and answer"
    );
    assert_eq!(
        attributes(&document, "section#nl figure figcaption a", "href"),
        ["#source-1", "#source-1"]
    );
    // A source's section links the items quoting it, whose sections have the quotes.
    let citers = attributes(&document, "section#vp-wapenhandel-2021 p.links a", "href");
    assert_eq!(citers.len(), 16, "{citers:?}");
    assert!(select(&document, "section#vp-wapenhandel-2021 figure").is_empty());
    // The briefings are there, their items in order, but not their presenter's notes.
    let stops = attributes(&document, "section#nl-partnership ol.links a", "href");
    assert_eq!(
        stops,
        [
            "#nl",
            "#coarm",
            "#duwp",
            "#nl-annual-consultation",
            "#nl-align-positions",
            "#nl-civil-firearms"
        ]
    );
    assert!(
        !html.contains("Presenter"),
        "presenter's notes in a handout"
    );
    assert!(!html.contains("the source gives no year"));
}

#[test]
fn a_briefing_exports_its_title_page_and_its_items_in_order() {
    let html = export(&["partners-overview", "--format", "html"]);
    let document = assert_safe_html(&html);
    assert_eq!(select(&document, "h1"), ["Where each partner stands"]);
    assert_eq!(
        select(&document, ".byline"),
        ["Arms trade — bilateral relations · as of c. 2021"]
    );
    assert_eq!(select(&document, "header .made"), ["Made on 2025-12-06"]);
    let summary = select(&document, "header .summary p");
    assert_eq!(
        summary,
        [
            "The five countries the answer names, from the principal partner to a dialogue that has not started yet."
        ]
    );
    assert_eq!(
        attributes(&document, "main > section.item", "id"),
        [
            "nl",
            "nl-annual-consultation",
            "de",
            "de-annual-consultation",
            "dk",
            "dk-annual-consultation",
            "us",
            "us-semiconductors-contacts",
            "fr",
            "fr-dialogue"
        ]
    );
    // None of the presenter's notes, in either format.
    let markdown = export(&["partners-overview"]);
    for handout in [&html, &markdown] {
        assert!(
            !handout.contains("German or Danish counterpart"),
            "{handout}"
        );
        assert!(!handout.contains("how the Danish authorities are organised"));
        assert!(!handout.contains("Presenter's notes"));
    }
    assert!(markdown.starts_with(
        "# Where each partner stands\n\n*Arms trade — bilateral relations · as of c. 2021*\n\n*Made on 2025-12-06*\n\nThe five countries"
    ));
    // Items outside the handout are named, not linked: no link lands nowhere.
    assert!(
        select(&document, "section#nl p.links")
            .join("\n")
            .contains("COARM")
    );
    assert!(!attributes(&document, "a", "href").contains(&"#coarm".to_owned()));
}

#[test]
fn item_ids_export_those_items_in_the_order_given() {
    let html = export(&["fr", "coarm", "fr", "--format", "html"]);
    let document = assert_safe_html(&html);
    assert_eq!(
        select(&document, "h1"),
        ["Arms trade — bilateral relations"]
    );
    assert_eq!(
        attributes(&document, "main > section.item", "id"),
        ["fr", "coarm"]
    );
    // Not the dossier's summary: the handout is about these items.
    assert!(select(&document, "header .summary").is_empty());
    // A briefing among ids brings its items after it.
    let html = export(&["us", "nl-partnership", "--format", "html"]);
    let document = assert_safe_html(&html);
    assert_eq!(
        attributes(&document, "main > section.item", "id"),
        [
            "us",
            "nl-partnership",
            "nl",
            "coarm",
            "duwp",
            "nl-annual-consultation",
            "nl-align-positions",
            "nl-civil-firearms"
        ]
    );
    assert!(!html.contains("the source gives no year"));
}

#[test]
fn hostile_text_is_shown_as_written_in_html() {
    for name in ["export-hostile.ron", "hostile.ron", "tui-hostile.ron"] {
        let path = fixture(name);
        let html = export(&["-f", &path, "--format", "html"]);
        assert_safe_html(&html);
    }
    let html = export(&["-f", &fixture("export-hostile.ron"), "--format", "html"]);
    let document = assert_safe_html(&html);
    assert_eq!(
        select(&document, "h1"),
        ["<script>alert('title')</script> *bold* _it_ # [x](javascript:alert(1))"]
    );
    assert_eq!(
        select(&document, "section#x h2"),
        ["<script>alert(1)</script> (\"quoted\" & 'single')"]
    );
    let summary = select(&document, "header p:not(.byline)").join("\n");
    assert!(
        summary.contains("<img src=x onerror=alert(1)>"),
        "{summary}"
    );
    assert!(summary.contains("^[[2J"), "{summary}");
    // Only the web and mail addresses are links, in the sources' sections and in the
    // Sources section; the others are text.
    let hrefs: Vec<String> = attributes(&document, "a", "href")
        .into_iter()
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/page?a=1&b=2",
            "mailto:desk@example.org",
            "https://example.org/page?a=1&b=2",
            "mailto:desk@example.org"
        ]
    );
    assert_eq!(
        attributes(&document, "section.sources a", "href"),
        hrefs[2..]
    );
    let fields = select(&document, "section#js dd").join("\n");
    assert_eq!(fields, "javascript:alert(1)");
    let quote = select(&document, "section#x blockquote").join("");
    assert_eq!(quote, "“</blockquote><script>alert(1)</script>”");
    // The line break and the tab in a quote are kept; the bell is shown.
    let quote = select(&document, "section#act blockquote").join("");
    assert_eq!(quote, "“Quote\nacross lines    and tabs ^G”");
    assert!(!html.contains("SECRET"));
}

/// The Markdown rendered to HTML by pulldown-cmark, as a reader's tool would show it.
fn rendered(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_FOOTNOTES,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[test]
fn the_whole_dossier_as_markdown() {
    let markdown = export(&[]);
    assert_eq!(export(&["--format", "md"]), markdown);
    assert!(markdown.starts_with(
        "# Arms trade — bilateral relations\n\n*As of c. 2021*\n\n*Made on 2025-12-06*\n\nA question asked"
    ));
    assert!(markdown.ends_with('\n') && !markdown.ends_with("\n\n"));
    let html = rendered(&markdown);
    let document = Html::parse_fragment(&html);
    assert_eq!(
        select(&document, "h1"),
        ["Arms trade — bilateral relations"]
    );
    // Where things stand, the contents, a section per item under its anchor, and the
    // sources, each under its own; every link lands on an anchor.
    let anchors = attributes(&document, "a[id]", "id");
    assert_eq!(anchors.len(), 19 + 1);
    assert_eq!(anchors[19], "source-1");
    let headings = select(&document, "h2");
    assert_eq!(headings.len(), 2 + 19 + 1, "{headings:?}");
    assert_eq!(
        headings[..3],
        ["Where things stand", "Contents", "Netherlands (Nederland)"]
    );
    assert_eq!(headings[21], "Sources");
    let anchor_set: HashSet<&String> = anchors.iter().collect();
    for href in attributes(&document, "a[href]", "href") {
        let anchor = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert!(anchor_set.contains(&anchor.to_owned()), "#{anchor}");
    }
    // Citations are block quotes, their source and locator after them.
    assert!(markdown.contains(
        "> “Onze belangrijkste partner inzake bilaterale samenwerking binnen het domein van strategische goederen (en dus niet enkel wapenhandel in strikte zin) is Nederland.”\n\n— [Question 'Wapenhandel - Bilaterale relaties' and answer](#source-1), answer\n"
    ));
    let quotes = select(&document, "blockquote");
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Onze belangrijkste partner"))
    );
    // A briefing's items are numbered, in order; the other links run inline, no ids.
    assert!(markdown.contains(
        "### Items (6)\n\n1. [Netherlands](#nl)\n2. [COARM](#coarm)\n3. [DUWP](#duwp)\n"
    ));
    assert!(markdown.contains("\n**Forums:** [COARM](#coarm) · [DUWP](#duwp)\n"));
    // Where things stand: the actions per status with their tags, the partners' table.
    assert!(
        markdown.contains("**Actions (9):** INTEND 2 · PLAN 2 · ONGO 2 · RECUR 1 · PAUSE 2\n"),
        "{markdown}"
    );
    assert_eq!(
        select(&document, "table tbody tr:first-child td"),
        ["Netherlands", "2", "1", "1", "1", "·"]
    );
    assert_eq!(
        select(&document, "table thead th"),
        ["Partner", "INTEND", "PLAN", "ONGO", "RECUR", "PAUSE"]
    );
    assert!(!markdown.contains("Presenter"));
}

#[test]
fn hostile_text_is_shown_as_written_in_markdown() {
    let markdown = export(&["-f", &fixture("export-hostile.ron")]);
    assert!(raw_controls(&markdown, false).is_empty());
    assert!(!markdown.contains("SECRET"));
    let html = rendered(&markdown);
    let document = Html::parse_fragment(&html);
    for tag in [
        "script", "img", "iframe", "em", "strong", "code", "del", "table", "h3 h1",
    ] {
        let found = select(&document, tag);
        // The handout's own emphasis (the byline, the date, the kind line), bold labels
        // and the table of partners are the only ones; none comes from the dossier's text.
        let kinds = ["country", "forum", "action", "source", "briefing"];
        let allowed = match tag {
            "em" => found.iter().all(|t| {
                t.starts_with("As of") || t.starts_with("Made on ") || kinds.contains(&t.as_str())
            }),
            "strong" => found.iter().all(|t| t.ends_with(':')),
            "table" => found.len() == 1 && found[0].contains("Partner"),
            _ => found.is_empty(),
        };
        assert!(allowed, "<{tag}>: {found:?}");
    }
    // The only raw HTML is the anchors; every link is to one of them or a safe address.
    for href in attributes(&document, "a[href]", "href") {
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("mailto:"),
            "{href}"
        );
    }
    assert_eq!(
        select(&document, "h1"),
        ["<script>alert('title')</script> *bold* _it_ # [x](javascript:alert(1))"]
    );
    assert_eq!(
        select(&document, "h2")[..3],
        [
            "Where things stand",
            "Contents",
            "<script>alert(1)</script> (\"quoted\" & 'single')"
        ]
    );
    let paragraphs = select(&document, "p").join("\n");
    for written in [
        "Summary with <img src=x onerror=alert(1)> and `code` and | pipes | and ~~strike~~ and &amp; and ^[[2J.",
        "- not a list\n1. not a list either\n=== not a heading",
        "![img](https://evil.example/x.png) [x](javascript:alert(1)) <a href=\"javascript:alert(1)\">a</a>",
        "“Quote\nacross lines    and tabs ^G”",
    ] {
        assert!(paragraphs.contains(written), "{written:?} in\n{paragraphs}");
    }
    let items = select(&document, "li").join("\n");
    for written in [
        "Role: # not a heading",
        "Counterparts: *a* · _b_",
        "Topics: `tick` · |pipe|",
        "> not a quote",
        "<!-- not a comment -->",
        "URL: javascript:alert(1)",
        "Act \\ backslash * star",
    ] {
        assert!(items.contains(written), "{written:?} in\n{items}");
    }
    // Only safe addresses are links in Markdown too: the web one is, in `<…>`.
    assert!(
        markdown
            .contains("[https://example.org/page?a=1\\&b=2](<https://example.org/page?a=1\\&b=2>)")
    );
    let out_links: Vec<String> = attributes(
        &Html::parse_fragment(&rendered(&export(&[
            "-f",
            &fixture("export-hostile.ron"),
            "web",
            "mail",
            "data",
            "js",
        ]))),
        "a[href]",
        "href",
    )
    .into_iter()
    .filter(|href| !href.starts_with('#'))
    .collect();
    // Each in its source's section, then in the Sources section.
    assert_eq!(
        out_links,
        [
            "https://example.org/page?a=1&b=2",
            "mailto:desk@example.org",
            "https://example.org/page?a=1&b=2",
            "mailto:desk@example.org"
        ]
    );
}

#[test]
fn an_unknown_id_exits_1_with_a_suggestion_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("handout.md");
    let out = run(&["export", "nl-partnershp", "-o", target.to_str().unwrap()]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "no item with id `nl-partnershp`; did you mean `nl-partnership`?\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_goes_to_a_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("handout.html");
    std::fs::write(&target, "an older handout").unwrap();
    let out = run(&["export", "nl-partnership", "-o", target.to_str().unwrap()]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    // The extension chose HTML; the file holds what standard output would have.
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, export(&["nl-partnership", "--format", "html"]));
    // No temporary file is left beside it.
    assert_eq!(entries(dir.path()), ["handout.html"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0, "a handout is readable by others: {mode:o}");
    }
    // --format wins over the extension.
    let out = run(&["export", "--format", "md", "-o", target.to_str().unwrap()]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Arms trade")
    );
}

#[test]
fn a_file_that_cannot_be_written_exits_2() {
    let out = run(&["export", "-o", "/nonexistent-directory/handout.md"]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr
            .starts_with("dossier: cannot write /nonexistent-directory/handout.md: "),
        "{}",
        out.stderr
    );
    // The reason, without the temporary file's name or the OS's error number.
    assert!(!out.stderr.contains(".dossier-export-"), "{}", out.stderr);
    assert!(!out.stderr.contains("os error"), "{}", out.stderr);
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = output(dossier().arg("export").stdout(full));
        assert_eq!(out.code(), 2, "{out:#?}");
        assert!(out.stderr.starts_with("dossier: cannot write output: "));
    }
}

#[test]
fn the_dossier_being_read_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("my.ron");
    let original = common::fixture_text("example.ron");
    std::fs::write(&input, &original).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let mut targets = vec![
        input.clone(),
        // Another spelling of the same path.
        sub.join("..").join("my.ron"),
    ];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        targets.push(link);
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&input, &hard).unwrap();
        targets.push(hard);
    }
    let before = entries(dir.path());
    for target in &targets {
        let out = output(
            dossier()
                .current_dir(dir.path())
                .args(["export", "-f", "my.ron", "-o"])
                .arg(target),
        );
        assert_eq!(out.code(), 2, "{target:?}: {out:#?}");
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr
                .contains("is the dossier being read; refusing to write the handout over it"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
        assert_eq!(entries(dir.path()), before, "nothing else written");
    }
    // The same through DOSSIER_FILE and a relative path.
    let out = output(
        dossier()
            .current_dir(dir.path())
            .env("DOSSIER_FILE", &input)
            .args(["export", "-o", "./my.ron"]),
    );
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
}

#[test]
fn no_other_dossier_is_overwritten_either() {
    let dir = tempfile::tempdir().unwrap();
    let original = common::fixture_text("example.ron");
    // A copy of a dossier under another name (say, the bundled dossier's source, while
    // the handout is made from the bundled copy), and a `.ron` file that is not even valid.
    let copy = dir.path().join("dossier-copy.txt");
    std::fs::write(&copy, &original).unwrap();
    let draft = dir.path().join("draft.ron");
    std::fs::write(&draft, "Dossier(title: ").unwrap();
    let before = entries(dir.path());
    for (target, text) in [(&copy, original.as_str()), (&draft, "Dossier(title: ")] {
        let out = output(dossier().args(["export", "coarm", "-o"]).arg(target));
        assert_eq!(out.code(), 2, "{target:?}: {out:#?}");
        let said = if target == &draft {
            "`.ron` files are dossiers; refusing to write a handout there"
        } else {
            "is a dossier file; refusing to write the handout over it"
        };
        assert!(out.stderr.contains(said), "{}", out.stderr);
        assert_eq!(std::fs::read_to_string(target).unwrap(), text);
        assert_eq!(entries(dir.path()), before, "nothing else written");
    }
    // An earlier handout is replaced as asked.
    let handout = dir.path().join("handout.md");
    std::fs::write(&handout, "old").unwrap();
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&handout));
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(std::fs::read_to_string(&handout).unwrap().contains("COARM"));
}

/// The style sheet's rules, one a line as the handout writes them: whether the rule is
/// for print, its selectors and its declarations.
fn css_rules(css: &str) -> Vec<(bool, Vec<String>, Vec<String>)> {
    let mut rules = Vec::new();
    let mut print = false;
    for line in css.lines().map(str::trim) {
        if line == "@media print {" {
            print = true;
        } else if line == "}" {
            print = false;
        } else if let Some((selectors, rest)) = line.split_once('{') {
            let body = rest.trim_end_matches('}');
            rules.push((
                print,
                selectors.split(',').map(|s| s.trim().to_owned()).collect(),
                body.split(';')
                    .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|d| !d.is_empty())
                    .collect(),
            ));
        }
    }
    rules
}

/// Whether some rule (for print only, when `print`) gives `selector` the declaration.
fn has_rule(css: &str, print: bool, selector: &str, declaration: &str) -> bool {
    css_rules(css)
        .iter()
        .any(|(for_print, selectors, declarations)| {
            (*for_print || !print)
                && selectors.iter().any(|s| s == selector)
                && declarations.iter().any(|d| d == declaration)
        })
}

/// The print rules of the issue, read back from the handout: A4, no heading at the foot
/// of a page, an item's short blocks kept together, link lists inline, a Sources section
/// every quote points to, links only within the handout, no ids, no other briefings, and
/// the date it was made with the dossier's `as_of` on the title.
#[test]
fn the_briefing_handout_follows_the_print_rules() {
    let html = export(&["nl-partnership", "--format", "html"]);
    let document = assert_safe_html(&html);
    let css = select(&document, "style").join("\n");
    assert!(has_rule(&css, false, "@page", "size: A4"), "{css}");
    for heading in ["h1", "h2", "h3", "h4", ".head"] {
        assert!(
            has_rule(&css, true, heading, "break-after: avoid"),
            "{heading} may end a page"
        );
    }
    for block in [".head", "figure", "li", "p.links", "dl.fields", "tr"] {
        assert!(
            has_rule(&css, true, block, "break-inside: avoid"),
            "{block} may break across pages"
        );
    }
    assert!(has_rule(&css, true, "a", "color: inherit"));
    // A page break is never forced: the contents do not take a page of their own.
    assert!(!css.contains("break-after: page") && !css.contains("break-before: page"));

    // The title page: the briefing, the dossier and its `as_of`, the day it was made.
    assert_eq!(select(&document, "header h1"), ["The Dutch partnership"]);
    assert_eq!(
        select(&document, "header .byline"),
        ["Arms trade — bilateral relations · as of c. 2021"]
    );
    assert_eq!(select(&document, "header .made"), ["Made on 2025-12-06"]);
    assert_eq!(
        attributes(&document, "header .made time", "datetime"),
        ["2025-12-06"]
    );

    // Every heading has something after it in its block to keep it company, and an
    // item's heading opens its head, with its kind and fields.
    let headings = Selector::parse("main h2, main h3, main h4, section.sources h2").unwrap();
    for heading in document.select(&headings) {
        let text: String = heading.text().collect();
        assert!(
            heading
                .next_siblings()
                .any(|sibling| sibling.value().is_element()),
            "{text:?} is the last thing in its block"
        );
    }
    let sections = Selector::parse("main > section.item").unwrap();
    let first_child = |element: scraper::ElementRef<'_>| {
        element
            .children()
            .find_map(scraper::ElementRef::wrap)
            .map(|child| {
                child.value().name().to_owned() + "." + child.value().attr("class").unwrap_or("")
            })
    };
    let mut count = 0;
    for section in document.select(&sections) {
        count += 1;
        assert_eq!(first_child(section).as_deref(), Some("div.head"));
        let head = section
            .children()
            .find_map(scraper::ElementRef::wrap)
            .unwrap();
        assert_eq!(first_child(head).as_deref(), Some("h2."));
        let kind = head
            .select(&Selector::parse("p.kind").unwrap())
            .map(|p| p.text().collect::<String>())
            .collect::<Vec<_>>();
        assert_eq!(kind.len(), 1);
        assert!(
            ["country", "forum", "action"].contains(&kind[0].as_str()),
            "{kind:?}"
        );
    }
    assert_eq!(count, 6);

    // No ids: not on a section, not in a link list.
    assert!(select(&document, ".id").is_empty());
    let body = select(&document, "body").join("\n");
    for id in [
        "nl-annual-consultation",
        "vp-wapenhandel-2021",
        "nl-civil-firearms",
    ] {
        assert!(!body.contains(id), "the id {id} is shown");
    }
    // Link lists are compact: one paragraph, inline, as the viewer shows them; only the
    // briefing's own order is a numbered list (the contents).
    assert!(select(&document, "ul.links").is_empty());
    assert_eq!(
        select(&document, "section#nl p.links .label"),
        ["Forums:", "Actions:", "Sources:"]
    );
    // Links only to what the handout holds: its sections and its sources.
    let mut targets: HashSet<String> = attributes(&document, "main > section.item", "id")
        .into_iter()
        .collect();
    targets.extend(attributes(&document, "section.sources li", "id"));
    for href in attributes(&document, "a", "href") {
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert!(targets.contains(target), "{href} leaves the handout");
    }
    let nl_actions = select(&document, "section#nl p.links").join("\n");
    assert!(
        nl_actions.contains("Develop bilateral relations with like-minded countries"),
        "named, though not in the handout"
    );
    assert!(!attributes(&document, "a", "href").contains(&"#like-minded-relations".to_owned()));
    // No briefing is listed: not this one, not the other.
    let main = select(&document, "main").join("\n");
    for briefing in [
        "Briefings",
        "Where each partner stands",
        "The Dutch partnership",
    ] {
        assert!(!main.contains(briefing), "{briefing:?} in a section");
    }

    // The Sources section: the source's full reference, and every quote points to it.
    assert_eq!(select(&document, "section.sources > h2"), ["Sources"]);
    assert_eq!(
        attributes(&document, "section.sources li", "id"),
        ["source-1"]
    );
    assert_eq!(
        select(&document, "section.sources li cite"),
        ["Question 'Wapenhandel - Bilaterale relaties' and answer"]
    );
    let reference = select(&document, "section.sources li .reference").join("");
    assert!(
        reference.starts_with("A question to the minister-president and his answer, in Dutch"),
        "{reference}"
    );
    let figures = Selector::parse("main figure").unwrap();
    let caption_link = Selector::parse("figcaption a").unwrap();
    let mut quotes = 0;
    for figure in document.select(&figures) {
        quotes += 1;
        let links: Vec<&str> = figure
            .select(&caption_link)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links, ["#source-1"], "{}", figure.html());
    }
    assert_eq!(quotes, 2 + 1 + 1 + 5 + 1 + 2);
}

/// The same rules in Markdown: no ids, no other briefings, and quotes pointing to the
/// closing Sources section.
#[test]
fn the_briefing_handout_in_markdown() {
    let markdown = export(&["nl-partnership"]);
    assert!(!markdown.contains("Briefings"));
    assert!(!markdown.contains("Where each partner stands"));
    assert!(!markdown.contains("vp-wapenhandel-2021"));
    // No ids in what a reader sees: only in the links' targets.
    let shown = select(&Html::parse_fragment(&rendered(&markdown)), "*").join("\n");
    for id in ["nl-annual-consultation", "nl-civil-firearms", "coarm"] {
        assert!(!shown.contains(id), "{id}");
    }
    assert!(markdown.contains("\n*country*\n"));
    assert!(markdown.contains("\n**Forums:** [COARM](#coarm) · [DUWP](#duwp)\n"));
    assert!(markdown.contains(
        "\n— [Question 'Wapenhandel - Bilaterale relaties' and answer](#source-1), answer\n"
    ));
    assert!(markdown.ends_with(
        "## Sources\n\n1. <a id=\"source-1\"></a>Question 'Wapenhandel - Bilaterale relaties' and answer\\\n   A question to the minister-president and his answer, in Dutch; its terms (minister-president, beleids- en begrotingstoelichting) point to the Flemish Parliament. The text does not say whether the question was written or oral, and gives no number, date or asker.\n"
    ));
    let document = Html::parse_fragment(&rendered(&markdown));
    let anchors: HashSet<String> = attributes(&document, "a[id]", "id").into_iter().collect();
    for href in attributes(&document, "a[href]", "href") {
        let anchor = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert!(anchors.contains(anchor), "#{anchor} lands nowhere");
    }
}

#[test]
fn ids_are_shown_when_asked_for() {
    let html = export(&["nl-partnership", "--format", "html", "--ids"]);
    let document = assert_safe_html(&html);
    assert_eq!(select(&document, "section#nl .kind"), ["country · nl"]);
    assert_eq!(
        select(&document, "section#nl p.links .id")[..2],
        ["coarm", "duwp"]
    );
    assert_eq!(
        select(&document, "section.sources li .id"),
        ["vp-wapenhandel-2021"]
    );
    let markdown = export(&["nl-partnership", "--ids"]);
    assert!(markdown.contains("\n*country · nl*\n"), "{markdown}");
    assert!(markdown.contains("\n**Forums:** [COARM](#coarm) (coarm) · [DUWP](#duwp) (duwp)\n"));
    // Without the flag, the same handout but for the ids.
    assert_ne!(export(&["nl-partnership"]), markdown);
}

/// A whole-dossier handout opens with where things stand, as `show` does.
#[test]
fn the_whole_dossier_opens_with_where_things_stand() {
    let html = export(&["--format", "html"]);
    let document = assert_safe_html(&html);
    assert_eq!(
        select(&document, "body > section.overview > h2"),
        ["Where things stand"]
    );
    assert_eq!(
        select(&document, "section.overview p.statuses"),
        ["Actions (9): INTEND 2 · PLAN 2 · ONGO 2 · RECUR 1 · PAUSE 2"]
    );
    assert_eq!(
        attributes(&document, "section.overview abbr.status", "title")[..5],
        ["Intended", "Planned", "Ongoing", "Recurring", "Paused"]
    );
    let rows: Vec<Vec<String>> = document
        .select(&Selector::parse("table.partners tbody tr").unwrap())
        .map(|row| {
            row.select(&Selector::parse("td").unwrap())
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["Netherlands", "2", "1", "1", "1", "·"],
            ["Germany", "1", "·", "·", "·", "1"],
            ["Denmark", "1", "·", "·", "·", "1"],
            ["United States", "·", "·", "1", "·", "·"],
            ["France", "·", "1", "·", "·", "·"],
        ]
    );
    assert_eq!(
        attributes(&document, "table.partners a", "href"),
        ["#nl", "#de", "#dk", "#us", "#fr"]
    );
    assert_eq!(
        attributes(&document, "section.overview p.links a", "href"),
        [
            "#nl-partnership",
            "#partners-overview",
            "#vp-wapenhandel-2021"
        ]
    );
    assert_eq!(
        select(&document, "section.overview p.problems"),
        ["Problems: none"]
    );
    // Only the whole dossier has it.
    let briefing = Html::parse_document(&export(&["nl-partnership", "--format", "html"]));
    assert!(select(&briefing, "section.overview").is_empty());
}

#[test]
fn the_day_made_is_source_date_epochs_or_todays() {
    let out = output(
        dossier()
            .args(["export", "coarm"])
            .env("SOURCE_DATE_EPOCH", "0"),
    );
    assert!(out.stdout.contains("\n*Made on 1970-01-01*\n"), "{out:#?}");
    let out = output(
        dossier()
            .args(["export", "coarm"])
            .env("SOURCE_DATE_EPOCH", "yesterday\u{1b}[2J"),
    );
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "dossier: SOURCE_DATE_EPOCH must be a number of seconds since 1970, not `yesterday^[[2J`\n"
    );
    let today = || {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        dossier::export::Day::from_unix_seconds(i64::try_from(now).unwrap()).to_string()
    };
    let before = today();
    let out = output(
        dossier()
            .args(["export", "coarm"])
            .env_remove("SOURCE_DATE_EPOCH"),
    );
    let after = today();
    let made = out
        .stdout
        .lines()
        .find_map(|line| line.strip_prefix("*Made on "))
        .and_then(|rest| rest.strip_suffix('*'))
        .unwrap_or_else(|| panic!("{out:#?}"));
    assert!(made == before || made == after, "{made}: {before}/{after}");
}

/// `-o NAME.ron` is refused before anything is written, whether the file exists or not:
/// a handout written there would be taken for a dossier, and refused the next time.
#[test]
fn a_ron_name_is_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("handout.RON");
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&target));
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(
        out.stderr,
        format!(
            "dossier: {}: `.ron` files are dossiers; refusing to write a handout there (name it `.md` or `.html`)\n",
            target.display()
        )
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    // Refused for an unknown id too: where the handout goes is settled first.
    let out = output(dossier().args(["export", "no-such", "-o"]).arg(&target));
    assert_eq!(out.code(), 2, "{out:#?}");
    // Nor through a link whose name hides it.
    let notes = dir.path().join("notes.ron");
    std::fs::write(&notes, "not a dossier").unwrap();
    let link = dir.path().join("handout.md");
    std::os::unix::fs::symlink(&notes, &link).unwrap();
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&link));
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr.contains("`.ron` files are dossiers"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "not a dossier");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A symbolic link is written through: the file it leads to gets the handout and the
/// link stays a link. A link to nothing is refused, and nothing is created.
#[test]
fn a_symbolic_link_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("handout-2024.md");
    std::fs::write(&target, "an older handout").unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink("handout-2024.md", &link).unwrap();
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&link));
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        export(&["coarm"])
    );
    assert_eq!(entries(dir.path()), ["handout-2024.md", "latest.md"]);

    let dangling = dir.path().join("next.md");
    std::os::unix::fs::symlink("missing.md", &dangling).unwrap();
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&dangling));
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr.contains("is a symbolic link to nothing"),
        "{}",
        out.stderr
    );
    assert_eq!(
        entries(dir.path()),
        ["handout-2024.md", "latest.md", "next.md"]
    );
}

/// A FIFO is written into, as `>` would, and stays a FIFO.
#[test]
fn a_fifo_is_written_into_and_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("handout.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (read, received) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || {
        let _ = read.send(std::fs::read_to_string(&reading));
    });
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(&fifo));
    let handout = received.recv_timeout(std::time::Duration::from_secs(10));
    if handout.is_err() {
        // Releases the reader, still waiting in `open` for a writer.
        let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
    }
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(out.stderr, "");
    assert_eq!(handout.unwrap().unwrap(), export(&["coarm"]));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(
        entries(dir.path()),
        ["handout.md"],
        "no temporary file left"
    );
}

/// A character device is written into and stays a device. The devices are made in a
/// temporary directory (the null and full devices' numbers, 1:3 and 1:7), so that a
/// failure can never replace the machine's own `/dev/null` or `/dev/full`. Making them
/// needs root; elsewhere the test says so and checks the rest.
#[test]
fn a_character_device_is_written_into_and_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    let full = dir.path().join("full");
    let made = [(&null, "3"), (&full, "7")]
        .into_iter()
        .all(|(path, minor)| {
            std::process::Command::new("mknod")
                .arg(path)
                .args(["c", "1", minor])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        });
    if !made {
        eprintln!("cannot make device nodes here (not root): only a directory is tried");
    } else {
        let out = output(dossier().args(["export", "coarm", "-o"]).arg(&null));
        assert_eq!(out.code(), 0, "{out:#?}");
        let out = output(dossier().args(["export", "coarm", "-o"]).arg(&full));
        assert_eq!(out.code(), 2, "{out:#?}");
        assert_eq!(
            out.stderr,
            format!(
                "dossier: cannot write {}: No space left on device\n",
                full.display()
            )
        );
        for device in [&null, &full] {
            let kind = std::fs::symlink_metadata(device).unwrap().file_type();
            assert!(kind.is_char_device(), "{device:?} was replaced");
        }
        assert_eq!(
            entries(dir.path()),
            ["full", "null"],
            "no temporary file left"
        );
    }
    let out = output(dossier().args(["export", "coarm", "-o"]).arg(dir.path()));
    assert_eq!(out.code(), 2, "{out:#?}");
    assert!(
        out.stderr
            .ends_with("is a directory; refusing to write the handout there\n"),
        "{}",
        out.stderr
    );
}
