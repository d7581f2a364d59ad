//! `dossier man`: a page that groff and man render without a warning, naming every
//! command and option, every key of the viewer and every term of the query language.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{root, run};

fn page() -> String {
    let out = run(&["man"]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

/// Whether `program` can be run here; if not, says that the test skips it.
fn have(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("note: `{program}` is not installed here; that rendering is skipped");
    }
    found
}

/// Runs `program ARGS…` with the page on standard input: (its output, its warnings).
fn render(program: &str, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{program}: {out:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_page_is_ascii_roff_with_its_sections() {
    let page = page();
    assert!(page.is_ascii(), "non-ASCII characters reach the page");
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
    assert!(page.contains(".TH dossier 1"), "no title");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "\"QUERY LANGUAGE\"",
        "CONFIGURATION",
        "\"EXIT STATUS\"",
        "ENVIRONMENT",
        "FILES",
    ] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
}

#[test]
fn groff_renders_it_without_a_warning() {
    if !have("groff") {
        return;
    }
    let (text, warnings) = render("groff", &["-man", "-Tutf8", "-ww"], &[]);
    assert_eq!(warnings, "", "groff warns");
    let text = strip_overstrike(&text);
    assert!(text.contains("COMMANDS"), "{text}");
}

#[test]
fn man_renders_it_cleanly_in_any_locale() {
    if !have("man") {
        return;
    }
    for locale in ["C.UTF-8", "C"] {
        let env = [
            ("LC_ALL", locale),
            ("MANWIDTH", "80"),
            ("MAN_KEEP_FORMATTING", ""),
        ];
        let (text, warnings) = render("man", &["--warnings=all", "-l", "-"], &env);
        assert_eq!(warnings, "", "man warns in {locale}");
        let text = strip_overstrike(&text);
        assert!(text.contains("dossier show"), "{locale}: {text}");
        assert!(text.contains("Ctrl-d Ctrl-u"), "{locale}: {text}");
    }
}

/// `X\bX` (bold) and `_\bX` (underline), as a pager sees them, to plain `X`.
fn strip_overstrike(text: &str) -> String {
    let mut plain: Vec<char> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek() == Some(&'\u{8}') {
            chars.next();
            continue;
        }
        plain.push(c);
    }
    plain.into_iter().collect()
}

#[test]
fn every_command_and_option_is_on_the_page() {
    let page = page();
    let help = run(&["--help"]).stdout;
    let mut commands = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line == "Commands:" {
            in_commands = true;
        } else if in_commands && line.starts_with("  ") {
            let name = line.split_whitespace().next().unwrap();
            if name != "help" {
                commands.push(name.to_owned());
            }
        } else {
            in_commands = false;
        }
    }
    assert!(commands.len() >= 9, "{commands:?}");
    for command in &commands {
        assert!(
            page.contains(&format!(".SS \"dossier {command}\"")),
            "{command}"
        );
        let help = run(&[command, "--help"]).stdout;
        for option in help
            .split_whitespace()
            .filter(|word| word.starts_with("--"))
        {
            let option = option.trim_end_matches([',', '.', ')', '`']);
            let roff = option.replace('-', "\\-");
            assert!(
                page.contains(&roff),
                "`{command} {option}` is not on the page"
            );
        }
    }
}

#[test]
fn every_term_of_the_readmes_query_language_is_on_the_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("#### The query language")
        .nth(1)
        .and_then(|rest| rest.split("####").next())
        .unwrap();
    let page = page();
    let terms: Vec<&str> = section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('`').nth(1))
        .collect();
    assert!(terms.len() >= 10, "{terms:?}");
    for term in terms {
        let term = term.replace("\\|", "|").replace('-', "\\-");
        let first = term.split(", ").next().unwrap();
        assert!(
            page.contains(&format!("\\fB{first}")),
            "`{term}` is not on the page"
        );
    }
}

#[test]
fn every_exit_status_of_the_readme_is_on_the_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = readme
        .split("### Exit statuses")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").nth(1))
        .unwrap();
    let page = page();
    let statuses: Vec<&str> = table
        .lines()
        .skip(2)
        .filter_map(|line| line.split('|').nth(1))
        .map(str::trim)
        .collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
    for status in statuses {
        assert!(
            page.contains(&format!(".TP\n\\fB{status}\\fR\n")),
            "exit status {status} is not on the page"
        );
    }
}

#[test]
fn the_page_names_the_keys_the_config_file_gives() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, r#"(keys: { "zoom": ["F2"] })"#).unwrap();
    let out = common::output(common::dossier().arg("man").env("DOSSIER_CONFIG", &config));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let zoom = out
        .stdout
        .lines()
        .position(|line| line.contains("the detail pane alone"))
        .expect("the zoom row");
    let near: String = out
        .stdout
        .lines()
        .skip(zoom.saturating_sub(3))
        .take(4)
        .collect();
    assert!(near.contains("F2"), "{near}");
}
