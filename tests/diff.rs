//! `dossier diff` and `export --since` against the real binary: the text and JSON, exit
//! statuses as diff(1)'s, colour on a terminal only, and versions read from a git
//! repository that each test makes for itself.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::path::Path;
use std::process::Command;

use common::{dossier, fixture, output, raw_controls, run};

const OLD: &str = "tests/fixtures/example.ron";
const NEW: &str = "tests/fixtures/example-later.ron";

const EXPECTED: &str = "\
tests/fixtures/example.ron → tests/fixtures/example-later.ron
1 added, 1 removed, 3 changed; the dossier's as of changed
~ dossier
    As of: 2021 → 2022
+ country jp  Japan
~ forum duwp  DUWP
    + country jp
~ action nl-annual-consultation  Annual general consultation with the Dutch
    export control services
    Status: Recurring → Done
    Timing: Yearly; next round probably in the autumn → Held in October
    Summary: A yearly consultation on [-military and-] {+military,+} dual-use
      {+and space+} goods.
    + country jp
    + citation of vp-wapenhandel-2021: “Het overleg vond plaats in oktober.”
      (follow-up answer)
- action dk-annual-consultation  Annual consultation with the Danish authorities
~ briefing nl-brief  The Dutch partnership in three stops
    Presenter's notes: … goods, not only arms. {+Then Japan.+}
";

#[test]
fn every_kind_of_change_as_text_and_exit_1() {
    let out = run(&["diff", OLD, NEW]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert_eq!(out.stdout, EXPECTED);
    assert_eq!(out.stderr, "");
}

#[test]
fn the_same_version_twice_is_no_change_and_exit_0() {
    let out = run(&["diff", OLD, OLD]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "tests/fixtures/example.ron → tests/fixtures/example.ron\nno changes\n"
    );
    // Reordering alone is no change either: the bundled dossier against itself reversed.
    let dir = tempfile::tempdir().unwrap();
    let reversed = dir.path().join("reversed.ron");
    let text = std::fs::read_to_string(common::root().join("data/dossier.ron")).unwrap();
    let mut catalog = dossier::Catalog::from_text("seed", &text).unwrap();
    catalog.dossier.actions.reverse();
    catalog.dossier.countries.reverse();
    let written = ron::ser::to_string_pretty(&catalog.dossier, Default::default()).unwrap();
    std::fs::write(&reversed, written).unwrap();
    let out = run(&["diff", "data/dossier.ron", reversed.to_str().unwrap()]);
    assert_eq!(out.code(), 0, "{out:#?}");
}

#[test]
fn an_unreadable_version_is_exit_2_and_named() {
    let out = run(&["diff", OLD, "tests/fixtures/no-such.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "dossier: tests/fixtures/no-such.ron: no such file\n"
    );
    let broken = fixture("missing-comma.ron");
    let out = run(&["diff", &broken, OLD]);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr
            .starts_with("dossier: tests/fixtures/missing-comma.ron:"),
        "{}",
        out.stderr
    );
    let out = run(&["diff", OLD]);
    assert_eq!(out.code(), 2, "one version is a usage error");
    let out = run(&["diff", "--since", "HEAD"]);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("needs the dossier file"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_for_scripts() {
    let out = run(&["diff", OLD, NEW, "--json"]);
    assert_eq!(out.code(), 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["old"], OLD);
    assert_eq!(json["new"], NEW);
    assert_eq!(
        (&json["added"], &json["removed"], &json["changed"]),
        (&1.into(), &1.into(), &3.into())
    );
    assert_eq!(
        json["dossier"],
        serde_json::json!([{"field": "As of", "before": "2021", "after": "2022"}])
    );
    let items = json["items"].as_array().unwrap();
    let action = items
        .iter()
        .find(|item| item["id"] == "nl-annual-consultation")
        .unwrap();
    assert_eq!(action["change"], "changed");
    assert_eq!(action["kind"], "action");
    assert_eq!(
        action["fields"][0],
        serde_json::json!({"field": "Status", "before": "Recurring", "after": "Done"})
    );
    assert_eq!(
        action["links"][0],
        serde_json::json!({"change": "added", "field": "countries", "kind": "country", "id": "jp"})
    );
    assert_eq!(action["citations"][0]["change"], "added");
    assert_eq!(action["citations"][0]["locator"], "follow-up answer");
    let removed = items
        .iter()
        .find(|item| item["change"] == "removed")
        .unwrap();
    assert_eq!(removed["id"], "dk-annual-consultation");
    let same = run(&["diff", OLD, OLD, "--json"]);
    assert_eq!(same.code(), 0);
    let json: serde_json::Value = serde_json::from_str(&same.stdout).unwrap();
    assert_eq!(json["items"], serde_json::json!([]));
    assert_eq!(json["summary"], "no changes");
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let hostile = fixture("hostile.ron");
    let out = run(&["diff", OLD, &hostile]);
    assert_eq!(out.code(), 1);
    assert_eq!(raw_controls(&out.stdout, false), Vec::<char>::new());
    let json = run(&["diff", OLD, &hostile, "--json"]);
    assert_eq!(raw_controls(&json.stdout, false), Vec::<char>::new());
}

mod terminal {
    //! On a terminal the marks and word diffs are in colour; never with NO_COLOR.
    use super::{NEW, OLD, common};
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    fn on_terminal(args: &[&str], no_color: bool) -> String {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 50,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        command.args(args);
        command.cwd(common::root());
        command.env_remove("DOSSIER_FILE");
        command.env_remove("COLUMNS");
        if no_color {
            command.env("NO_COLOR", "1");
        } else {
            command.env_remove("NO_COLOR");
        }
        let mut child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let reading = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let mut buffer = [0; 4096];
            // Linux reports EIO, not EOF, once the other side is closed.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                bytes.extend_from_slice(&buffer[..n]);
            }
            bytes
        });
        let status = child.wait().unwrap();
        assert_eq!(status.exit_code(), 1, "{status:?}");
        drop(pair.master);
        let bytes = reading.join().unwrap();
        String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
    }

    #[test]
    fn colour_on_a_terminal_plain_with_no_color() {
        let coloured = on_terminal(&["diff", OLD, NEW], false);
        assert!(
            coloured.contains("\u{1b}[32m+\u{1b}[0m country"),
            "{coloured:?}"
        );
        assert!(
            coloured.contains("\u{1b}[31m-\u{1b}[0m action"),
            "{coloured:?}"
        );
        assert!(
            coloured.contains("\u{1b}[32m{+Then Japan.+}\u{1b}[0m"),
            "{coloured:?}"
        );
        let plain = on_terminal(&["diff", OLD, NEW], true);
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        assert!(plain.contains("+ country jp  Japan"));
    }
}

// --- Versions from git ------------------------------------------------------------------

/// A git repository in a temporary directory, with git run hermetically: no system or
/// user configuration, a fixed identity and dates.
struct Repo {
    dir: tempfile::TempDir,
}

/// Environment variables git reads that a test must not inherit from whoever runs it
/// (a hook sets GIT_DIR, for instance).
const GIT_INHERITED: [&str; 6] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_CEILING_DIRECTORIES",
    "XDG_CONFIG_HOME",
];

fn hermetic(command: &mut Command, home: &Path) {
    for name in GIT_INHERITED {
        command.env_remove(name);
    }
    command
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z");
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir(repo.path().join("home")).unwrap();
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) {
        let mut command = Command::new("git");
        command.args(args).current_dir(self.path());
        hermetic(&mut command, &self.path().join("home"));
        let out = command.output().unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }

    /// Writes `fixture` to `path` in the repository and commits it.
    fn commit(&self, path: &str, fixture_name: &str, message: &str) {
        self.write(path, fixture_name);
        self.git(&["add", path]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn write(&self, path: &str, fixture_name: &str) {
        let target = self.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(common::fixture_path(fixture_name), target).unwrap();
    }

    /// `dossier ARGS…` run in `dir` (inside the repository or not), hermetically.
    fn dossier_in(&self, dir: &Path, args: &[&str]) -> common::Output {
        let mut command = dossier();
        command.current_dir(dir).args(args);
        hermetic(&mut command, &self.path().join("home"));
        output(&mut command)
    }

    fn dossier(&self, args: &[&str]) -> common::Output {
        self.dossier_in(self.path(), args)
    }
}

/// A repository whose `data/d.ron` was the example, then the example a year on, and is
/// now the example again in the working tree (not committed).
fn history() -> Repo {
    let repo = Repo::new();
    repo.commit("data/d.ron", "example.ron", "first");
    repo.commit("data/d.ron", "example-later.ron", "second");
    repo.write("data/d.ron", "example.ron");
    repo
}

#[test]
fn revisions_on_either_side() {
    let repo = history();
    let out = repo.dossier(&["diff", "HEAD~1:data/d.ron", "HEAD:data/d.ron"]);
    assert_eq!(out.code(), 1, "{out:#?}");
    let expected = EXPECTED.replacen(
        "tests/fixtures/example.ron → tests/fixtures/example-later.ron",
        "HEAD~1:data/d.ron → HEAD:data/d.ron",
        1,
    );
    assert_eq!(out.stdout, expected);
    // A revision against the working file, and from a subdirectory with git's `./`.
    let out = repo.dossier(&["diff", "HEAD~1:data/d.ron", "data/d.ron"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    let out = repo.dossier_in(
        &repo.path().join("data"),
        &["diff", "main~1:./d.ron", "d.ron"],
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(out.stdout, "main~1:./d.ron → d.ron\nno changes\n");
}

#[test]
fn since_a_revision_compares_the_file_then_and_now() {
    let repo = history();
    let out = repo.dossier(&["diff", "--since", "HEAD", "data/d.ron"]);
    assert_eq!(out.code(), 1, "{out:#?}");
    assert!(
        out.stdout
            .starts_with("HEAD:data/d.ron → data/d.ron\n1 added, 1 removed, 3 changed"),
        "{}",
        out.stdout
    );
    // The working file is the first version again: what the second added is removed.
    assert!(out.stdout.contains("- country jp  Japan"), "{}", out.stdout);
    let out = repo.dossier(&["diff", "--since", "HEAD~1", "data/d.ron"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    // From outside the repository, with an absolute path; and with --file.
    let outside = tempfile::tempdir().unwrap();
    let file = repo.path().join("data/d.ron");
    let file = file.to_str().unwrap();
    let out = repo.dossier_in(outside.path(), &["diff", "--since", "HEAD", file]);
    assert_eq!(out.code(), 1, "{out:#?}");
    let out = repo.dossier_in(
        outside.path(),
        &["diff", "--since", "HEAD~1", "--file", file],
    );
    assert_eq!(out.code(), 0, "{out:#?}");
}

#[test]
fn git_refusals_are_exit_2_and_name_what_is_missing() {
    let repo = history();
    let out = repo.dossier(&["diff", "HEAD~9:data/d.ron", "data/d.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "dossier: HEAD~9:data/d.ron: unknown revision `HEAD~9`\n"
    );
    let out = repo.dossier(&["diff", "HEAD:data/other.ron", "data/d.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "dossier: HEAD:data/other.ron: `data/other.ron` is not a file in revision `HEAD`\n"
    );
    let out = repo.dossier(&["diff", "--since", "no-such-branch", "data/d.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "dossier: no-such-branch:data/d.ron: unknown revision `no-such-branch`\n"
    );
    // A file added since: it was not in the revision.
    repo.write("data/new.ron", "example.ron");
    let out = repo.dossier(&["diff", "--since", "HEAD", "data/new.ron"]);
    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr,
        "dossier: HEAD:data/new.ron: `./new.ron` is not a file in revision `HEAD`\n"
    );
    // A revision that git could take for an option is refused before git sees it.
    let out = repo.dossier(&["diff", "--since=--output=x", "data/d.ron"]);
    assert_eq!(out.code(), 2);
    assert!(!repo.path().join("data/x").exists());
    // Outside any repository.
    let outside = tempfile::tempdir().unwrap();
    let plain = outside.path().join("d.ron");
    std::fs::copy(common::fixture_path("example.ron"), &plain).unwrap();
    let out = repo.dossier_in(outside.path(), &["diff", "--since", "HEAD", "d.ron"]);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("not a git repository"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_existing_file_wins_over_a_revision_of_the_same_name() {
    let repo = Repo::new();
    repo.commit("data/d.ron", "example.ron", "first");
    // A file named as `HEAD:data/d.ron` would be read, holding the later version.
    let odd = repo.path().join("HEAD:data");
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::copy(common::fixture_path("example-later.ron"), odd.join("d.ron")).unwrap();
    let out = repo.dossier(&["diff", "HEAD:data/d.ron", "data/d.ron"]);
    assert_eq!(out.code(), 1, "the file, not the revision: {out:#?}");
    assert!(out.stdout.contains("- country jp"), "{}", out.stdout);
    // Written so that no file has the name, it is the revision, the same as the file.
    let out = repo.dossier(&["diff", "HEAD:./data/d.ron", "data/d.ron"]);
    assert_eq!(out.code(), 0, "the revision: {out:#?}");
}

// --- Handouts --------------------------------------------------------------------------

fn export(args: &[&str]) -> common::Output {
    let mut all = vec!["export", "--file", NEW, "--since", OLD];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn a_markdown_handout_says_what_changed_first() {
    let out = export(&[]);
    assert_eq!(out.code(), 0, "{out:#?}");
    let md = out.stdout;
    let section = md
        .split("## What changed since tests/fixtures/example.ron\n\n")
        .nth(1)
        .expect("the section")
        // A whole-dossier handout says where things stand next.
        .split("## Where things stand")
        .next()
        .unwrap();
    assert_eq!(
        section,
        "1 added, 1 removed, 2 changed.\n\n\
         - The dossier's as of: 2021 → 2022\n\
         - Added: [Japan](#jp) · country\n\
         - Changed: [DUWP](#duwp) · forum\n  \
           - Added country: jp\n\
         - Changed: [Annual general consultation with the Dutch export control services](#nl-annual-consultation) · action\n  \
           - Status: Recurring → Done\n  \
           - Timing: Yearly; next round probably in the autumn → Held in October\n  \
           - Summary: A yearly consultation on <del>military and</del> <ins>military,</ins> dual-use <ins>and space</ins> goods.\n  \
           - Added country: jp\n  \
           - Added citation: “Het overleg vond plaats in oktober.” (vp-wapenhandel-2021)\n\
         - Removed: Annual consultation with the Danish authorities · action\n\n"
    );
    // The briefing's presenter's notes changed, but a handout never shows them: nor
    // that the briefing changed, when nothing else did.
    assert!(!md.contains("Then Japan"), "{md}");
    assert!(!section.contains("(#nl-brief)"), "{md}");
}

#[test]
fn a_briefing_handout_lists_only_its_own_items() {
    let out = export(&["nl-brief"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    let md = out.stdout;
    assert!(md.contains("## What changed since"), "{md}");
    assert!(md.contains("[DUWP](#duwp)"), "{md}");
    assert!(
        !md.contains("Japan](#jp)"),
        "jp is not in the briefing: {md}"
    );
    assert!(!md.contains("Danish authorities"), "{md}");
    assert!(!md.contains("The dossier's as of"), "{md}");
}

#[test]
fn an_html_handout_has_the_section_after_its_header() {
    let out = export(&["--format", "html"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    let page = scraper::Html::parse_document(&out.stdout);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let section = page
        .select(&select("body > section.changes"))
        .next()
        .expect("a changes section");
    let heading: String = section
        .select(&select("h2"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(heading, "What changed since tests/fixtures/example.ron");
    let first: Vec<String> = page
        .select(&select("section.changes > ul > li"))
        .map(|li| li.text().collect::<String>())
        .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(first[0], "The dossier's as of: 2021 → 2022");
    assert_eq!(first[1], "Added: Japan country");
    let deleted: Vec<String> = section
        .select(&select("del"))
        .map(|del| del.text().collect())
        .collect();
    assert_eq!(deleted, ["military and"]);
    let links: Vec<&str> = section
        .select(&select("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"#jp"), "{links:?}");
    // Right after the header, before where things stand and the contents.
    let previous = section
        .prev_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    assert_eq!(previous.value().name(), "header");
}

#[test]
fn export_since_an_unreadable_version_is_exit_2() {
    let out = run(&[
        "export",
        "--file",
        NEW,
        "--since",
        "tests/fixtures/unclosed.ron",
    ]);
    assert_eq!(out.code(), 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("dossier: tests/fixtures/unclosed.ron:"),
        "{}",
        out.stderr
    );
    // The built-in dossier has no history: a revision needs a file.
    let out = run(&["export", "--since", "HEAD~1"]);
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("neither a file nor"), "{}", out.stderr);
}

#[test]
fn export_since_a_revision() {
    let repo = history();
    let out = repo.dossier(&["export", "--file", "data/d.ron", "--since", "HEAD"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(
        out.stdout
            .contains("## What changed since HEAD:data/d.ron\n\n1 added, 1 removed, 2 changed."),
        "{}",
        out.stdout
    );
}
