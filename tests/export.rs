//! `dossier export`: handouts in HTML and Markdown, read back with real parsers (scraper
//! for HTML, pulldown-cmark to render the Markdown as a reader's tool would), for their
//! structure, their links and their escaping; and the `-o` file, written atomically and
//! never over the dossier being read.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{dossier, fixture, output, raw_controls, run};
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
    // Relations are links within the document.
    let nl_links = attributes(&document, "section#nl ul.links a", "href");
    assert!(nl_links.contains(&"#coarm".to_owned()), "{nl_links:?}");
    assert!(nl_links.contains(&"#nl-partnership".to_owned()));
    let quote = select(&document, "section#nl figure blockquote").join("");
    assert!(quote.starts_with("“Onze belangrijkste partner"), "{quote}");
    let origin = select(&document, "section#nl figure figcaption a");
    assert_eq!(
        origin[0],
        "Written question 'Wapenhandel - Bilaterale relaties' and answer"
    );
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
    let summary = select(&document, "header p:not(.byline)");
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
        "# Where each partner stands\n\n*Arms trade — bilateral relations · as of c. 2021*\n\nThe five countries"
    ));
    // Items outside the handout are named, not linked: no link lands nowhere.
    assert!(
        select(&document, "section#nl ul.links li")
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
    assert!(select(&document, "header p:not(.byline)").is_empty());
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
    // Only the web and mail addresses are links; the others are text.
    let hrefs: Vec<String> = attributes(&document, "a", "href")
        .into_iter()
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/page?a=1&b=2",
            "mailto:desk@example.org"
        ]
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
    assert!(markdown.starts_with("# Arms trade — bilateral relations\n\n*As of c. 2021*\n\n"));
    assert!(markdown.ends_with('\n') && !markdown.ends_with("\n\n"));
    let html = rendered(&markdown);
    let document = Html::parse_fragment(&html);
    assert_eq!(
        select(&document, "h1"),
        ["Arms trade — bilateral relations"]
    );
    // A section per item, each under its anchor, and every link lands on one.
    let anchors = attributes(&document, "a[id]", "id");
    assert_eq!(anchors.len(), 19);
    let headings = select(&document, "h2");
    assert_eq!(headings.len(), 1 + 19, "{headings:?}");
    assert_eq!(headings[0], "Contents");
    assert_eq!(headings[1], "Netherlands (Nederland)");
    let anchor_set: HashSet<&String> = anchors.iter().collect();
    for href in attributes(&document, "a[href]", "href") {
        let anchor = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert!(anchor_set.contains(&anchor.to_owned()), "#{anchor}");
    }
    // Citations are block quotes, their source and locator after them.
    assert!(markdown.contains(
        "> “Onze belangrijkste partner inzake bilaterale samenwerking binnen het domein van strategische goederen (en dus niet enkel wapenhandel in strikte zin) is Nederland.”\n\n— [Written question 'Wapenhandel - Bilaterale relaties' and answer](#vp-wapenhandel-2021), answer\n"
    ));
    let quotes = select(&document, "blockquote");
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Onze belangrijkste partner"))
    );
    // A briefing's items are numbered, in order.
    assert!(
        markdown
            .contains("### Items (6)\n\n1. [Netherlands](#nl) · nl\n2. [COARM](#coarm) · coarm\n")
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
        // The handout's own emphasis (the byline, the kind line) and bold labels are
        // the only ones; none comes from the dossier's text.
        let allowed = match tag {
            "em" => found
                .iter()
                .all(|t| t.starts_with("As of") || t.contains(" · ")),
            "strong" => found.iter().all(|t| t.ends_with(':')),
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
        select(&document, "h2")[1],
        "<script>alert(1)</script> (\"quoted\" & 'single')"
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
    assert_eq!(
        out_links,
        [
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
