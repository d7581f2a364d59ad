//! The command that opens the author's editor at a line of a file: `$VISUAL`, else
//! `$EDITOR`, else `vi`, called as `EDITOR +LINE FILE`, which vi, vim, nvim, nano, emacs,
//! helix, kakoune and micro understand.
//!
//! The variable is split into words as a shell would (`EDITOR="code -w"`, or a quoted path
//! with spaces in it), but no shell runs: nothing in it is expanded or executed but the
//! program. Editors that want the line another way are called their way: VS Code and
//! its kin as `code --goto FILE:LINE`, Sublime Text as `subl FILE:LINE`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The editor when neither variable names one.
pub const FALLBACK: &str = "vi";

/// A program and its arguments, ready for `std::process::Command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    pub program: OsString,
    pub args: Vec<OsString>,
}

impl EditorCommand {
    /// The command for this process's `VISUAL` and `EDITOR`.
    pub fn from_env(file: &Path, line: Option<usize>) -> EditorCommand {
        let visual = std::env::var_os("VISUAL");
        let editor = std::env::var_os("EDITOR");
        EditorCommand::new(visual.as_deref(), editor.as_deref(), file, line)
    }

    /// The command opening `file` at `line` (1-based; none opens it at the top) in the
    /// editor `visual` names, else `editor`, else [`FALLBACK`]. A variable that is set but
    /// blank counts as unset.
    pub fn new(
        visual: Option<&OsStr>,
        editor: Option<&OsStr>,
        file: &Path,
        line: Option<usize>,
    ) -> EditorCommand {
        let chosen = [visual, editor]
            .into_iter()
            .flatten()
            .find(|value| !value.to_string_lossy().trim().is_empty());
        let mut words = chosen.map_or_else(|| vec![OsString::from(FALLBACK)], split);
        let program = if words.is_empty() {
            OsString::from(FALLBACK)
        } else {
            words.remove(0)
        };
        let mut args = words;
        let file = safe_file_argument(file);
        let line = line.filter(|&line| line > 0);
        match (line, LineStyle::of(&program)) {
            (None, _) => args.push(file.into_os_string()),
            (Some(line), LineStyle::Plus) => {
                args.push(OsString::from(format!("+{line}")));
                args.push(file.into_os_string());
            }
            (Some(line), LineStyle::Goto) => {
                args.push(OsString::from("--goto"));
                args.push(with_line(&file, line));
            }
            (Some(line), LineStyle::Suffix) => args.push(with_line(&file, line)),
        }
        EditorCommand { program, args }
    }
}

/// How an editor takes the line to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `+LINE FILE`: vi and nearly every terminal editor.
    Plus,
    /// `--goto FILE:LINE`: VS Code and the editors built on it.
    Goto,
    /// `FILE:LINE`: Sublime Text.
    Suffix,
}

impl LineStyle {
    fn of(program: &OsStr) -> LineStyle {
        let name = Path::new(program)
            .file_stem()
            .map(|stem| stem.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => LineStyle::Goto,
            "subl" | "sublime_text" => LineStyle::Suffix,
            _ => LineStyle::Plus,
        }
    }
}

/// A variable's value as words, split as a shell would split it: `code -w`,
/// `"/opt/My Editor/ed" -w`. A value that is not UTF-8, or whose quotes do not close,
/// is split at whitespace only.
fn split(value: &OsStr) -> Vec<OsString> {
    let Some(text) = value.to_str() else {
        return vec![value.to_owned()];
    };
    match shell_words::split(text) {
        Ok(words) => words.into_iter().map(OsString::from).collect(),
        Err(_) => text.split_whitespace().map(OsString::from).collect(),
    }
}

/// `file`, or `./file` when its name could pass for an option (`-x.ron`, `+3.ron`).
fn safe_file_argument(file: &Path) -> PathBuf {
    let looks_like_option = file
        .to_str()
        .is_some_and(|name| name.starts_with('-') || name.starts_with('+'));
    if looks_like_option {
        Path::new(".").join(file)
    } else {
        file.to_path_buf()
    }
}

fn with_line(file: &Path, line: usize) -> OsString {
    let mut argument = file.as_os_str().to_owned();
    argument.push(format!(":{line}"));
    argument
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(visual: Option<&str>, editor: Option<&str>, line: Option<usize>) -> Vec<String> {
        let built = EditorCommand::new(
            visual.map(OsStr::new),
            editor.map(OsStr::new),
            Path::new("data/dossier.ron"),
            line,
        );
        std::iter::once(built.program)
            .chain(built.args)
            .map(|word| word.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(
            command(Some("nvim"), Some("nano"), Some(12)),
            ["nvim", "+12", "data/dossier.ron"]
        );
        assert_eq!(
            command(None, Some("nano"), Some(12)),
            ["nano", "+12", "data/dossier.ron"]
        );
        assert_eq!(
            command(None, None, Some(3)),
            ["vi", "+3", "data/dossier.ron"]
        );
        // Set but blank is unset, as for git.
        assert_eq!(
            command(Some("  "), Some(""), Some(3)),
            ["vi", "+3", "data/dossier.ron"]
        );
    }

    #[test]
    fn a_variable_with_arguments_is_split_as_a_shell_would() {
        assert_eq!(
            command(None, Some("emacsclient -t -a ''"), Some(7)),
            ["emacsclient", "-t", "-a", "", "+7", "data/dossier.ron"]
        );
        assert_eq!(
            command(Some("'/opt/My Editor/bin/ed' --wait"), None, Some(7)),
            ["/opt/My Editor/bin/ed", "--wait", "+7", "data/dossier.ron"]
        );
        // Unclosed quotes: split at whitespace rather than refuse.
        assert_eq!(
            command(None, Some("vim -c 'set ft=ron"), Some(2)),
            ["vim", "-c", "'set", "ft=ron", "+2", "data/dossier.ron"]
        );
        // Nothing is expanded or run: a `$(…)` is only a word.
        assert_eq!(
            command(None, Some("vi $(touch /tmp/x)"), Some(2)),
            ["vi", "$(touch", "/tmp/x)", "+2", "data/dossier.ron"]
        );
    }

    #[test]
    fn editors_that_take_the_line_their_own_way() {
        assert_eq!(
            command(None, Some("code -w"), Some(40)),
            ["code", "-w", "--goto", "data/dossier.ron:40"]
        );
        assert_eq!(
            command(Some("/usr/local/bin/subl -w"), None, Some(40)),
            ["/usr/local/bin/subl", "-w", "data/dossier.ron:40"]
        );
        assert_eq!(
            command(None, Some("code -w"), None),
            ["code", "-w", "data/dossier.ron"]
        );
    }

    #[test]
    fn no_line_opens_the_file_and_odd_names_stay_files() {
        assert_eq!(
            command(None, Some("vim"), None),
            ["vim", "data/dossier.ron"]
        );
        assert_eq!(
            command(None, Some("vim"), Some(0)),
            ["vim", "data/dossier.ron"]
        );
        let built = EditorCommand::new(None, Some(OsStr::new("vi")), Path::new("-rf.ron"), Some(1));
        assert_eq!(
            built.args,
            [OsString::from("+1"), OsString::from("./-rf.ron")]
        );
    }
}
