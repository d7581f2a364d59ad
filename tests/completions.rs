//! `dossier completions SHELL`: each script is valid for its shell, and completion offers
//! the ids of the dossier named on the line, through clap_complete's engine in the real
//! binary and, for bash and fish, through the shell itself.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::process::Command;

use common::{dossier, fixture, output, run};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

/// Whether `program` can be run here; if not, says that the test skips it.
fn have(program: &str, test: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("note: {test}: `{program}` is not installed here; skipped");
    }
    found
}

#[test]
fn every_shell_gets_a_script_that_calls_dossier_back() {
    for shell in SHELLS {
        let out = run(&["completions", shell]);
        assert_eq!(out.code(), 0, "{shell}: {out:#?}");
        assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("COMPLETE"), "{shell}: {}", out.stdout);
        assert!(
            out.stdout.contains(env!("CARGO_BIN_EXE_dossier")),
            "{shell} does not call this binary: {}",
            out.stdout
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("invalid value 'tcsh'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("bash, zsh, fish, elvish, powershell"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_scripts_are_valid_for_their_shells() {
    let checks: [(&str, &str, &[&str]); 3] = [
        ("bash", "bash", &["-n"]),
        ("zsh", "zsh", &["-n"]),
        ("fish", "fish", &["--no-execute"]),
    ];
    for (shell, program, flags) in checks {
        if !have(program, "the_scripts_are_valid_for_their_shells") {
            continue;
        }
        let script = run(&["completions", shell]).stdout;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("dossier.{shell}"));
        std::fs::write(&path, &script).unwrap();
        let checked = Command::new(program)
            .args(flags)
            .arg(&path)
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{shell}: {}\n{script}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
    eprintln!("note: elvish and powershell scripts are generated but not syntax-checked");
}

/// What the engine offers for `WORDS…`, the last being the word under the cursor, as
/// fish asks for it: one candidate a line, a tab before its help.
fn offered(words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let mut command = dossier();
    command
        .env("COMPLETE", "fish")
        .arg("--")
        .arg("dossier")
        .args(words);
    for (name, value) in env {
        command.env(name, value);
    }
    let out = output(&mut command);
    assert_eq!(out.code(), 0, "{out:#?}");
    out.stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn show_offers_the_built_in_dossiers_ids() {
    let ids = offered(&["show", "n"], &[]);
    assert!(ids.contains(&"nl".to_owned()), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with('n')), "{ids:?}");
    assert!(ids.contains(&"nl-partnership".to_owned()), "{ids:?}");
}

/// Variables set for one run.
type Env<'a> = Vec<(&'a str, &'a str)>;

#[test]
fn ids_come_from_the_dossier_named_on_the_line() {
    let example = fixture("example.ron");
    let every_way: [(Vec<&str>, Env); 5] = [
        (vec!["-f", &example, "show", ""], vec![]),
        (vec!["show", "--file", &example, ""], vec![]),
        (vec!["export", "nl", ""], vec![("DOSSIER_FILE", &example)]),
        (vec![&example, "--at", ""], vec![]),
        (vec!["--at", ""], vec![("DOSSIER_FILE", &example)]),
    ];
    for (words, env) in every_way {
        let ids = offered(&words, &env);
        assert!(ids.contains(&"nl-brief".to_owned()), "{words:?}: {ids:?}");
        assert!(ids.contains(&"dk".to_owned()), "{words:?}: {ids:?}");
        // The built-in dossier's ids are not offered.
        assert!(!ids.contains(&"coarm".to_owned()), "{words:?}: {ids:?}");
    }
}

#[test]
fn present_offers_briefings_first() {
    let ids = offered(&["-f", &fixture("example.ron"), "present", ""], &[]);
    assert_eq!(ids.first().map(String::as_str), Some("nl-brief"), "{ids:?}");
    assert!(ids.contains(&"nl".to_owned()), "{ids:?}");
}

#[test]
fn a_dossier_that_cannot_be_read_offers_no_ids_and_no_error() {
    let ids = offered(&["-f", "no/such.ron", "show", ""], &[]);
    assert!(!ids.contains(&"nl".to_owned()), "{ids:?}");
    assert!(ids.contains(&"--json".to_owned()), "{ids:?}");
}

#[test]
fn the_config_files_dossier_is_completed_when_none_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    let example = common::root().join(fixture("example.ron"));
    std::fs::write(
        &config,
        format!("(file: {:?})", example.display().to_string()),
    )
    .unwrap();
    let config = config.display().to_string();
    let ids = offered(&["show", ""], &[("DOSSIER_CONFIG", &config)]);
    assert!(ids.contains(&"nl-brief".to_owned()), "{ids:?}");
    let ids = offered(&["--config", &config, "show", ""], &[]);
    assert!(ids.contains(&"nl-brief".to_owned()), "{ids:?}");
}

#[test]
fn bash_completes_an_id_through_the_script() {
    if !have("bash", "bash_completes_an_id_through_the_script") {
        return;
    }
    let script = run(&["completions", "bash"]).stdout;
    // What bash does on `dossier show n<TAB>`: the script's function, with the words.
    let session = format!(
        "{script}\nCOMP_WORDS=(dossier show n); COMP_CWORD=2; COMP_TYPE=9\n\
         _clap_complete_dossier dossier n show\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let out = output(dossier_env(Command::new("bash").args([
        "--norc",
        "--noprofile",
        "-c",
        &session,
    ])));
    assert_eq!(out.code(), 0, "{out:#?}");
    let offered: Vec<&str> = out.stdout.lines().collect();
    assert!(offered.contains(&"nl"), "{offered:?}");
    assert!(!offered.contains(&"coarm"), "{offered:?}");
}

#[test]
fn fish_completes_an_id_through_the_script() {
    if !have("fish", "fish_completes_an_id_through_the_script") {
        return;
    }
    let script = run(&["completions", "fish"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.fish");
    std::fs::write(&path, script).unwrap();
    let session = format!(
        "source {}; complete --do-complete 'dossier show co'",
        path.display()
    );
    // fish makes folders under XDG_CONFIG_HOME and XDG_DATA_HOME: a scratch one for both,
    // which holds no config for dossier either.
    let out = output(
        dossier_env(Command::new("fish").args(["--no-config", "-c", &session]))
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path()),
    );
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(
        out.stdout.lines().any(|line| line == "coarm\tCOARM"),
        "{}",
        out.stdout
    );
}

/// A shell run with the tests' clean environment.
fn dossier_env(command: &mut Command) -> &mut Command {
    command
        .current_dir(common::root())
        .env_clear()
        .envs(common::clean_env())
}
