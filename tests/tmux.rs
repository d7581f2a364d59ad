//! The real binary in a real tmux: scripts whose letters and vowel signs tmux draws in
//! cells of their own leave nothing behind. tmux counts widths with the C library, and
//! before the viewer counted them the same way, leaving the Actions tab for the
//! Overview left a stale Hindi `ा` and Bengali `া` on screen. Skips, saying so, where
//! tmux is not installed (`.ci/run` installs it).
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::clean_env;

/// One tmux server of its own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// The viewer on `fixture` in a detached 100×30 window.
    fn start(name: &str, fixture: &str) -> Self {
        let socket = format!("dossier-test-{name}-{}", std::process::id());
        let tmux = Self { socket };
        let command = format!(
            "{} {}",
            env!("CARGO_BIN_EXE_dossier"),
            common::root().join(common::fixture(fixture)).display()
        );
        let started = tmux.run(&["new-session", "-d", "-x", "100", "-y", "30", &command]);
        assert!(started.status.success(), "tmux did not start: {started:?}");
        tmux
    }

    fn run(&self, arguments: &[&str]) -> Output {
        // `-u`: UTF-8 whatever the locale; `-f /dev/null`: none of the user's settings.
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(arguments)
            .env_clear()
            .envs(clean_env())
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8(self.run(&["capture-pane", "-p"]).stdout).expect("UTF-8")
    }

    /// The screen once it holds `expected` and has stopped changing.
    fn settled(&self, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        loop {
            sleep(Duration::from_millis(200));
            let screen = self.screen();
            if screen == last && screen.contains(expected) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never settled on {expected:?}:\n{screen}"
            );
            last = screen;
        }
    }

    /// Sends each key and waits for the screen to settle after it.
    fn keys(&self, keys: &[&str], expected: &str) -> String {
        for key in keys {
            self.run(&["send-keys", key]);
            sleep(Duration::from_millis(100));
        }
        self.settled(expected)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn tmux_installed() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn moving_through_indic_titles_to_the_overview_leaves_no_vowel_sign_behind() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let travelled = Tmux::start("travelled", "odd-widths.ron");
    travelled.settled("Overview");
    // Down the actions to the Hindi and the Tamil and Bengali titles, then the overview.
    travelled.keys(&["3", "j", "j", "j"], "இந்தியா and");
    let after = travelled.keys(&["0"], "Partners");

    let fresh = Tmux::start("fresh", "odd-widths.ron");
    fresh.settled("Overview");
    let expected = fresh.keys(&["0"], "Partners");

    assert_eq!(
        after, expected,
        "the overview after moving through the actions differs from a fresh one"
    );
    for stray in ['ा', 'া'] {
        assert!(
            !after.contains(stray),
            "a stray {stray} on the overview:\n{after}"
        );
    }
}
