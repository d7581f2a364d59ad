//! Helpers shared by the integration tests: running the real binary and finding fixtures.
#![allow(dead_code)] // Each test crate uses its own subset.

mod env;
pub mod rng;
pub mod term;
pub mod viewer;

pub use env::clean_env;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root; the binary runs there so that paths in messages stay short.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/NAME`, relative to the repository root, as messages name it.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(root().join(fixture(name))).unwrap()
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr_bytes: Vec<u8>,
}

impl Output {
    pub fn code(&self) -> i32 {
        self.code
            .unwrap_or_else(|| panic!("killed by a signal: {self:#?}"))
    }

    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// A command for the binary with a clean environment ([`clean_env`]): tests add what
/// they need.
pub fn dossier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command
        .current_dir(root())
        .env_clear()
        .envs(clean_env())
        .stdin(Stdio::null());
    command
}

pub fn output(command: &mut Command) -> Output {
    let out = command.output().expect("the binary runs");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
        stderr_bytes: out.stderr,
    }
}

/// Runs `dossier ARGS…`.
pub fn run(args: &[&str]) -> Output {
    output(dossier().args(args))
}

/// Runs `dossier ARGS… --file FIXTURE`.
pub fn run_on(name: &str, args: &[&str]) -> Output {
    let path = fixture(name);
    output(dossier().args(args).args(["--file", &path]))
}

/// The absolute path of a fixture, for the library API.
pub fn fixture_path(name: &str) -> PathBuf {
    root().join(fixture(name))
}

/// Bytes a terminal would act on rather than show: C0 controls (but newline, and tab
/// where `tabs_ok`), DEL, C1 controls and bidi controls.
pub fn raw_controls(text: &str, tabs_ok: bool) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            let control = c.is_control() && c != '\n' && !(tabs_ok && c == '\t');
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            control || bidi
        })
        .collect()
}

/// Runs of whitespace become one space, as when comparing text that was re-wrapped.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
