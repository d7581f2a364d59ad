//! Reading a dossier file and turning every way it can be wrong into a message an author
//! can act on: `FILE:LINE:COL`, the offending line with a caret, what was expected, and a
//! suggestion where one is close.

use std::fmt;
use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use crate::model::{Dossier, interning};
use crate::suggest::did_you_mean;
use crate::text;

/// Files larger than this are refused before they are read: a real dossier is a few
/// hundred kilobytes, and a generated 100 000-action one is about 45 MB.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// How deep values may nest. The format itself needs five levels; the limit is there so a
/// hostile file cannot exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// Everything that stops a file from being shown at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: no such file")]
    NotFound { file: String },
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: the file is empty; a dossier needs at least `Dossier(title: \"…\")`")]
    Empty { file: String },
    #[error("{file}:{line}:{column}: not UTF-8 text; save the file as UTF-8")]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },
    #[error(
        "{file}: the file is {size} bytes, over the limit of {limit} bytes",
        limit = MAX_FILE_BYTES
    )]
    TooLarge { file: String, size: u64 },
    #[error(
        "{file}:{line}:{column}: values nested deeper than {limit} levels",
        limit = MAX_NESTING
    )]
    TooDeep {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{0}")]
    Syntax(Box<SyntaxError>),
}

/// A syntax or type error with everything needed to show it like a compiler does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The line the error is on, already made safe for the terminal.
    pub source_line: String,
    /// Display columns of the caret run under `source_line`: (offset, width).
    pub caret: (usize, usize),
    pub expected: Option<String>,
    pub help: Option<String>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line_no = self.line.to_string();
        let gutter = " ".repeat(line_no.len());
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line_no} | {}", self.source_line)?;
        write!(
            f,
            "{gutter} | {}{}",
            " ".repeat(self.caret.0),
            "^".repeat(self.caret.1)
        )?;
        if let Some(expected) = &self.expected {
            write!(f, "\n{gutter} = expected {expected}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// Reads and parses a dossier file. Rule checks are separate: see [`crate::Catalog`].
pub fn read_file(path: &Path) -> Result<Dossier, LoadError> {
    // A file name can hold control characters too; it is shown like any other text.
    let file = text::inline(&path.display().to_string()).into_owned();
    let text = read_text(path, &file)?;
    parse(&file, &text)
}

fn read_text(path: &Path, file: &str) -> Result<String, LoadError> {
    use std::os::unix::fs::OpenOptionsExt;

    let unreadable = |err: std::io::Error| match err.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            file: file.to_owned(),
        },
        _ => LoadError::Unreadable {
            file: file.to_owned(),
            reason: describe_io_error(&err),
        },
    };
    let refuse = |metadata: &std::fs::Metadata| match not_regular(metadata) {
        Some(reason) => Err(LoadError::Unreadable {
            file: file.to_owned(),
            reason: reason.to_owned(),
        }),
        None => Ok(()),
    };
    // Only a regular file is read: `open` on a FIFO waits for a writer, for ever in a
    // viewer's reload thread, and a device can be endless or change as it is read.
    refuse(&std::fs::metadata(path).map_err(unreadable)?)?;
    // Without blocking, in case a FIFO took the file's place since: `open` then returns
    // at once and the check below refuses it. For a regular file the flag changes nothing.
    let handle = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(unreadable)?;
    let metadata = handle.metadata().map_err(unreadable)?;
    refuse(&metadata)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size: metadata.len(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // `take` guards against files that grow (or lie about their size) while being read.
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size,
        });
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let (line, column) = end_position(&String::from_utf8_lossy(valid));
        LoadError::NotUtf8 {
            file: file.to_owned(),
            line,
            column,
        }
    })
}

/// Why a file of this type is not read, if it is not a regular file.
fn not_regular(metadata: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;

    let kind = metadata.file_type();
    Some(if kind.is_file() {
        return None;
    } else if kind.is_dir() {
        "it is a directory"
    } else if kind.is_fifo() {
        "it is a FIFO (a named pipe), not a regular file"
    } else if kind.is_char_device() {
        "it is a character device, not a regular file"
    } else if kind.is_block_device() {
        "it is a block device, not a regular file"
    } else if kind.is_socket() {
        "it is a socket, not a regular file"
    } else {
        "it is not a regular file"
    })
}

/// An I/O error as a reason a user can read: no `(os error 2)`, and no name of a
/// temporary file they never asked for (which `tempfile`'s errors add).
pub(crate) fn describe_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        _ => {
            let reason = err.to_string();
            let reason = reason.split(" at path ").next().unwrap_or_default();
            let reason = reason.split(" (os error").next().unwrap_or_default();
            reason.to_owned()
        }
    }
}

/// Line and column (1-based, in characters) just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}

/// Parses dossier text. `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Dossier, LoadError> {
    // Editors hide a byte-order mark and count columns from the character after it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Lines that end in CR alone, as classic Mac editors saved them, are lines all the
    // same; but RON ends a `//` comment only at LF, so to it the rest of the file would
    // be one comment. Only where there is no LF at all: elsewhere a CR is left as written.
    let lines: std::borrow::Cow<'_, str> = if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n").into()
    } else {
        text.into()
    };
    let text = lines.as_ref();
    if skip_blank(text, 0) == text.len() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING);
    // A large dossier says the same ids, topics and stock phrases over and over: each
    // distinct string is kept once.
    interning(|| options.from_str(text)).map_err(|err| describe_ron_error(file, text, &err))
}

/// The byte offset of the first character at or after `offset` that is neither
/// whitespace nor inside a comment; `text.len()` if there is none.
pub(crate) fn skip_blank(text: &str, mut offset: usize) -> usize {
    loop {
        let rest = &text[offset..];
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            offset += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            offset += comment.find("*/").map_or(trimmed.len(), |end| end + 4);
        } else {
            return offset;
        }
    }
}

/// The byte offset of a 1-based (line, character column) position, clamped to the text.
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match text[line_start..].find('\n') {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[line_start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    line_start
        + line_text[..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(index, _)| index)
}

fn describe_ron_error(file: &str, text: &str, err: &SpannedError) -> LoadError {
    let mut start = err.span.start;
    let mut end = err.span.end;
    if err.code == RonError::ExceededRecursionLimit {
        return LoadError::TooDeep {
            file: file.to_owned(),
            line: start.line,
            column: start.col,
        };
    }
    // ron's span can begin at the whitespace before the offending token: point at the
    // token itself. With nothing but blank text left, the real problem is the early end.
    let offset = byte_offset(text, start.line, start.col);
    let token = skip_blank(text, offset);
    let (message, expected, help) = if token == text.len() {
        explain(&RonError::Eof)
    } else {
        if token > offset {
            let (line, col) = end_position(&text[..token]);
            start.line = line;
            start.col = col;
            if end < start {
                end = start;
            }
        }
        explain_at(&err.code, text, token)
    };
    let raw_line = text.lines().nth(start.line.saturating_sub(1)).unwrap_or("");
    let (source_line, caret) = caret_under(
        raw_line,
        start.col,
        (end.line == start.line).then_some(end.col),
    );
    LoadError::Syntax(Box::new(SyntaxError {
        file: file.to_owned(),
        line: start.line,
        column: start.col,
        message,
        source_line,
        caret,
        expected,
        help,
    }))
}

/// Long lines are cut to this many characters around the error.
const MAX_SHOWN_LINE: usize = 100;

/// The safe rendering of `line` and where, in display columns, the caret run goes for the
/// character columns `start..end` (1-based). A long line is cut to a window around `start`.
pub(crate) fn caret_under(
    line: &str,
    start: usize,
    end: Option<usize>,
) -> (String, (usize, usize)) {
    use unicode_width::UnicodeWidthStr;
    let chars: Vec<char> = line.chars().collect();
    let start = start.saturating_sub(1).min(chars.len());
    let first = if chars.len() <= MAX_SHOWN_LINE {
        0
    } else {
        start
            .saturating_sub(MAX_SHOWN_LINE / 2)
            .min(chars.len() - MAX_SHOWN_LINE)
    };
    let last = (first + MAX_SHOWN_LINE).min(chars.len());
    let shown = |from: usize, to: usize| -> String {
        let piece: String = chars.get(from..to).unwrap_or_default().iter().collect();
        text::inline(&piece).into_owned()
    };
    let lead = if first > 0 { "…" } else { "" };
    let tail = if last < chars.len() { "…" } else { "" };
    let caret_at = lead.width() + shown(first, start).width();
    let end = end.map_or(start + 1, |end| end.saturating_sub(1).clamp(start, last));
    let caret_width = shown(start, end).width().max(1);
    (
        format!("{lead}{}{tail}", shown(first, last)),
        (caret_at, caret_width),
    )
}

pub(crate) fn code(name: &str) -> String {
    format!("`{}`", text::inline(name))
}

pub(crate) fn one_of(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|name| code(name)).collect();
    format!("one of {}", names.join(", "))
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_deref()
        .map(|outer| format!(" in {}", code(outer)))
        .unwrap_or_default()
}

/// As [`explain`], with more help where the text around the error (`token` is its byte
/// offset in `text`) shows what went wrong.
fn explain_at(
    error: &RonError,
    text: &str,
    token: usize,
) -> (String, Option<String>, Option<String>) {
    let rest = &text[token..];
    let (mut message, expected, help) = explain(error);
    if matches!(
        error,
        RonError::ExpectedString | RonError::ExpectedArray | RonError::ExpectedNamedStructLike(_)
    ) && let Some(found) = token_at(rest)
    {
        message.push_str(&format!(", found {}", code(&found)));
    }
    let starts_item = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '_'));
    if *error == RonError::ExpectedComma && starts_item {
        let before = text[..token].trim_end();
        let help = match text[before.len()..token].matches('\n').count() {
            0 => "add a `,` before this".to_owned(),
            _ => format!(
                "add a `,` at the end of line {}",
                before.matches('\n').count() + 1
            ),
        };
        return (message, expected, Some(help));
    }
    if *error == RonError::ExpectedIdentifier && rest.starts_with('"') {
        let help = "field names and `Status` values are written without quotes: \
                    `status: Planned`";
        return (message, expected, Some(help.to_owned()));
    }
    (message, expected, help)
}

/// The token `rest` starts with, cut short if long: `2021`, `"coarm"`, `[`.
fn token_at(rest: &str) -> Option<String> {
    const MAX_CHARS: usize = 24;
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let end = match first {
        '"' => chars
            .find(|&(_, c)| c == '"' || c == '\n')
            .map_or(rest.len(), |(i, c)| if c == '"' { i + 1 } else { i }),
        c if c.is_alphanumeric() || c == '_' || c == '-' => chars
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .map_or(rest.len(), |(i, _)| i),
        c => c.len_utf8(),
    };
    let token = &rest[..end];
    Some(match token.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &token[..cut]),
        None => token.to_owned(),
    })
}

/// Turns ron's error into (message, expected, help) in an author's words.
fn explain(error: &RonError) -> (String, Option<String>, Option<String>) {
    let suggestion = |found: &str, candidates: &[&'static str]| {
        did_you_mean(found, candidates.iter().copied())
            .map(|near| format!("did you mean {}?", code(near)))
    };
    match error {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown field {}{}", code(found), in_outer(outer)),
            Some(one_of(expected)),
            suggestion(found, expected),
        ),
        RonError::MissingStructField { field, outer } => (
            format!("missing required field {}{}", code(field), in_outer(outer)),
            None,
            Some(format!("add `{field}: …` inside the parentheses")),
        ),
        RonError::DuplicateStructField { field, outer } => (
            format!("field {} is given twice{}", code(field), in_outer(outer)),
            None,
            Some("keep only one of them".to_owned()),
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer
                .as_deref()
                .map_or("variant".to_owned(), |outer| outer.to_lowercase());
            (
                format!("unknown {what} {}", code(found)),
                Some(one_of(expected)),
                suggestion(found, expected),
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            format!(
                "expected {} here, found {}",
                code(&format!("{expected}(…)")),
                code(found)
            ),
            None,
            suggestion(found, &[expected]),
        ),
        RonError::InvalidValueForType { expected, found } => (
            format!(
                "wrong type: expected {}, found {}",
                text::inline(expected),
                text::inline(found)
            ),
            None,
            None,
        ),
        RonError::ExpectedString => (
            "expected a string in double quotes".to_owned(),
            Some("`\"text\"`".to_owned()),
            None,
        ),
        RonError::ExpectedStringEnd => (
            "this string is never closed".to_owned(),
            Some("a closing `\"`".to_owned()),
            Some("a `\"` inside a string is written `\\\"`".to_owned()),
        ),
        RonError::ExpectedNamedStructLike(name) if !name.is_empty() => (
            format!("expected {}", code(&format!("{name}(…)"))),
            None,
            None,
        ),
        RonError::ExpectedArray => (
            "expected a list".to_owned(),
            Some("`[ … ]`, e.g. `[\"nl\", \"de\"]`".to_owned()),
            None,
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_owned(),
            Some("`,` between fields and list items".to_owned()),
            None,
        ),
        RonError::Eof => (
            "the file ends too early".to_owned(),
            Some("a closing `)` or `]`".to_owned()),
            Some("check that every `(` and `[` is closed".to_owned()),
        ),
        RonError::TrailingCharacters => (
            "text after the end of the dossier".to_owned(),
            Some("nothing after the closing `)` of `Dossier(…)`".to_owned()),
            None,
        ),
        RonError::ExpectedStructLikeEnd => (
            "expected a closing `)`".to_owned(),
            None,
            Some("is a comma missing before the next field?".to_owned()),
        ),
        RonError::ExpectedArrayEnd => (
            "expected a closing `]`".to_owned(),
            None,
            Some("is a comma missing between list items?".to_owned()),
        ),
        other => (
            lowercase_first(&text::inline(&other.to_string())),
            None,
            None,
        ),
    }
}

/// Reads a dossier file's text, checked as [`read_file`] checks it, with the name
/// messages give the file: for a caller that needs the text as well as the dossier
/// (`Catalog::load` finds each item's line in it).
pub(crate) fn read_file_text(path: &Path) -> Result<(String, String), LoadError> {
    let file = text::inline(&path.display().to_string()).into_owned();
    let text = read_text(path, &file)?;
    Ok((file, text))
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_position_counts_characters() {
        assert_eq!(end_position(""), (1, 1));
        assert_eq!(end_position("ab\nčd"), (2, 3));
    }

    #[test]
    fn positions_and_blanks() {
        let text = "ab\nčd /* x */ // y\n  e";
        assert_eq!(byte_offset(text, 2, 2), text.find('d').unwrap_or(0));
        assert_eq!(byte_offset(text, 9, 1), text.len());
        assert_eq!(
            skip_blank(text, text.find(' ').unwrap_or(0)),
            text.len() - 1
        );
        assert_eq!(skip_blank("  /* never closed", 0), 17);
        assert_eq!(token_at("2021,"), Some("2021".to_owned()));
        assert_eq!(token_at("\"a b\" x"), Some("\"a b\"".to_owned()));
        assert_eq!(token_at("[["), Some("[".to_owned()));
        assert_eq!(token_at(""), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, (at, width)) = caret_under(&line, 501, None);
        assert!(shown.chars().count() <= MAX_SHOWN_LINE + 2);
        assert_eq!(shown.chars().nth(at), Some('X'));
        assert_eq!(width, 1);
    }

    #[test]
    fn caret_accounts_for_escaped_and_wide_characters() {
        // The escape shows as two columns (`^[`), the CJK character as two as well.
        let (line, caret) = caret_under("\u{1b}中x", 3, None);
        assert_eq!(line, "^[中x");
        assert_eq!(caret, (4, 1));
    }
}
