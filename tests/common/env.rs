//! The environment the binary runs with in tests.

use std::path::Path;

/// The whole environment the binary runs with in tests, whatever the caller's: inside
/// tmux or not, any `TERM`, `NO_COLOR`, locale or `COLORFGBG`. Only the search path comes
/// from outside; `HOME` and the config directory are empty places of the tests' own, and
/// the terminal is an xterm in a UTF-8 locale.
pub fn clean_env() -> Vec<(&'static str, String)> {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("home");
    vec![
        ("PATH", std::env::var("PATH").unwrap_or_default()),
        ("HOME", home.display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("LANG", "C.UTF-8".to_owned()),
        ("TERM", "xterm-256color".to_owned()),
    ]
}
