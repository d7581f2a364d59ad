//! Every way a file can fail to load, one fixture per class: the exact `FILE:LINE:COL`,
//! message, source line, caret and hints; exit status 2; never a panic, never raw control
//! characters.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)] // A panic here fails a test or a benchmark; nothing a user runs.

mod common;

use std::io::Write;

use common::{fixture, fixture_text, raw_controls, run};
use unicode_width::UnicodeWidthChar;

/// Runs `dossier check FIXTURE`, which must fail as unreadable: status 2, nothing on
/// stdout, no panic. Returns stderr.
fn check_fails(path: &str) -> String {
    let out = run(&["check", path]);
    assert_eq!(out.code(), 2, "{out:#?}");
    assert_eq!(out.stdout, "", "{out:#?}");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(out.stderr.ends_with('\n'), "{:?}", out.stderr);
    out.stderr
}

/// The text under the caret: the source line (as shown) from the caret's display column
/// on, and how many columns of carets there are.
fn under_caret(stderr: &str) -> (String, usize) {
    let lines: Vec<&str> = stderr.lines().collect();
    let (_, source) = lines[2].split_once(" | ").expect("a source line");
    let (_, carets) = lines[3].split_once(" | ").expect("a caret line");
    let offset = carets.chars().take_while(|&c| c == ' ').count();
    let width = carets.chars().filter(|&c| c == '^').count();
    assert_eq!(carets.trim_start(), "^".repeat(width), "{stderr}");
    let mut column = 0;
    for (index, c) in source.char_indices() {
        if column == offset {
            return (source[index..].to_owned(), width);
        }
        column += c.width().unwrap_or(0);
        assert!(
            column <= offset,
            "caret at column {offset} is inside a wide character: {stderr}"
        );
    }
    assert_eq!(
        column, offset,
        "caret beyond the end of the line + 1: {stderr}"
    );
    (String::new(), width)
}

/// The text of the fixture at a reported 1-based line and character column.
fn file_at(name: &str, line: usize, column: usize) -> String {
    let text = fixture_text(name);
    let line = text.lines().nth(line - 1).expect("line exists");
    line.chars().skip(column - 1).collect()
}

#[test]
fn misspelt_field_names_it_lists_fields_and_suggests_the_nearest() {
    let stderr = check_fails(&fixture("misspelt-field.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/misspelt-field.ron:7:13: unknown field `sumary` in `Country`
  |
7 |             sumary: \"The principal partner for strategic goods.\",
  |             ^^^^^^
  = expected one of `id`, `name`, `native_name`, `role`, `summary`, `counterparts`, `forums`, `topics`, `notes`, `citations`
  = help: did you mean `summary`?
"
    );
    assert!(file_at("misspelt-field.ron", 7, 13).starts_with("sumary:"));
    assert_eq!(
        under_caret(&stderr),
        (
            String::from("sumary: \"The principal partner for strategic goods.\","),
            6
        )
    );
}

#[test]
fn unknown_status_lists_the_valid_ones_and_suggests_the_near_one() {
    let stderr = check_fails(&fixture("unknown-status.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/unknown-status.ron:7:21: unknown status `Planed`
  |
7 |             status: Planed,
  |                     ^^^^^^
  = expected one of `Intended`, `Planned`, `Ongoing`, `Recurring`, `Done`, `Paused`, `Cancelled`
  = help: did you mean `Planned`?
"
    );
    assert!(file_at("unknown-status.ron", 7, 21).starts_with("Planed,"));
}

#[test]
fn wrong_type_says_what_was_expected_and_found() {
    let stderr = check_fails(&fixture("wrong-type.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/wrong-type.ron:3:12: expected a string in double quotes, found `2021`
  |
3 |     as_of: 2021,
  |            ^
  = expected `\"text\"`
"
    );
    assert!(file_at("wrong-type.ron", 3, 12).starts_with("2021"));
}

#[test]
fn missing_required_field_is_named() {
    let stderr = check_fails(&fixture("missing-field.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/missing-field.ron:7:9: missing required field `status` in `Action`
  |
7 |         ),
  |         ^
  = help: add `status: …` inside the parentheses
"
    );
}

#[test]
fn wrong_struct_name_suggests_the_right_one() {
    let stderr = check_fails(&fixture("wrong-struct-name.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/wrong-struct-name.ron:4:9: expected `Country(…)` here, found `Contry`
  |
4 |         Contry(id: \"nl\", name: \"Netherlands\"),
  |         ^^^^^^
  = help: did you mean `Country`?
"
    );
    assert!(file_at("wrong-struct-name.ron", 4, 9).starts_with("Contry("));
}

#[test]
fn missing_comma_points_at_the_next_field_and_says_where_the_comma_goes() {
    let stderr = check_fails(&fixture("missing-comma.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/missing-comma.ron:6:13: expected a comma
  |
6 |             name: \"Netherlands\",
  |             ^
  = expected `,` between fields and list items
  = help: add a `,` at the end of line 5
"
    );
    assert!(
        fixture_text("missing-comma.ron")
            .lines()
            .nth(4)
            .unwrap()
            .ends_with("\"nl\"")
    );
}

#[test]
fn missing_comma_on_the_same_line() {
    let file = temp_file(b"Dossier(title: \"x\" summary: \"y\")");
    let stderr = check_fails(&file.path().display().to_string());
    assert!(stderr.contains(":1:20: expected a comma\n"), "{stderr}");
    assert!(
        stderr.contains("= help: add a `,` before this\n"),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr).0, "summary: \"y\")");
}

#[test]
fn unclosed_file_says_it_ends_too_early() {
    let stderr = check_fails(&fixture("unclosed.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/unclosed.ron:4:48: the file ends too early
  |
4 |         Country(id: \"nl\", name: \"Netherlands\"),
  |                                                ^
  = expected a closing `)` or `]`
  = help: check that every `(` and `[` is closed
"
    );
    // The caret sits just after the last thing in the file.
    assert_eq!(under_caret(&stderr).0, "");
    assert_eq!(fixture_text("unclosed.ron").lines().count(), 4);
}

#[test]
fn unclosed_string_points_at_its_opening_quote() {
    let file = temp_file(b"Dossier(\n    title: \"never closed,\n)\n");
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":2:12: this string is never closed\n"),
        "{stderr}"
    );
    assert!(stderr.contains("= expected a closing `\"`\n"), "{stderr}");
    assert_eq!(under_caret(&stderr).0, "\"never closed,");
}

#[test]
fn trailing_characters_are_pointed_at() {
    let stderr = check_fails(&fixture("trailing.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/trailing.ron:6:2: text after the end of the dossier
  |
6 | ))
  |  ^
  = expected nothing after the closing `)` of `Dossier(…)`
"
    );
}

#[test]
fn trailing_text_after_blank_lines_is_located_on_its_own_line() {
    let file = temp_file(b"Dossier(title: \"x\")\n\n   // a comment\n  Dossier(title: \"y\")\n");
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":4:3: text after the end of the dossier\n"),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr).0, "Dossier(title: \"y\")");
}

#[test]
fn quoted_status_gets_a_hint() {
    let file = temp_file(
        b"Dossier(title: \"x\", actions: [Action(id: \"a\", title: \"A\", status: \"Planned\")])",
    );
    let stderr = check_fails(&file.path().display().to_string());
    assert!(stderr.contains(":1:67: expected identifier\n"), "{stderr}");
    assert!(
        stderr.contains(
            "= help: field names and `Status` values are written without quotes: `status: Planned`"
        ),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr).0, "\"Planned\")])");
}

#[test]
fn not_utf8_gives_the_position_of_the_first_bad_byte() {
    let stderr = check_fails(&fixture("not-utf8.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/not-utf8.ron:4:39: not UTF-8 text; save the file as UTF-8\n"
    );
    let bytes = std::fs::read(common::fixture_path("not-utf8.ron")).unwrap();
    let line_4 = bytes.split(|&b| b == b'\n').nth(3).unwrap();
    assert_eq!(line_4[38], 0xEB, "column 39 is the Latin-1 `ë`");
}

#[test]
fn empty_file() {
    let stderr = check_fails(&fixture("empty.ron"));
    assert_eq!(
        stderr,
        "tests/fixtures/empty.ron: the file is empty; a dossier needs at least `Dossier(title: \"…\")`\n"
    );
    assert_eq!(fixture_text("empty.ron"), "");
}

#[test]
fn blank_and_comment_only_files_count_as_empty() {
    for text in [
        &b"  \n\t\n"[..],
        b"// nothing yet\n/* still nothing */\n",
        b"\xef\xbb\xbf\n",
    ] {
        let file = temp_file(text);
        let stderr = check_fails(&file.path().display().to_string());
        assert!(
            stderr.ends_with(
                ": the file is empty; a dossier needs at least `Dossier(title: \"…\")`\n"
            ),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1);
    }
}

#[test]
fn nonexistent_file() {
    let stderr = check_fails("tests/fixtures/no-such-file.ron");
    assert_eq!(stderr, "tests/fixtures/no-such-file.ron: no such file\n");
}

#[test]
fn directory() {
    let stderr = check_fails("tests/fixtures");
    assert_eq!(stderr, "tests/fixtures: cannot read: it is a directory\n");
}

/// `check` on a FIFO must not wait for a writer: it is refused before it is opened. The
/// guard only turns a hang into a failure; nothing here is timed.
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("d.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = common::dossier()
        .arg("check")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            // Opening the FIFO for writing releases a reader blocked in `open`.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
            panic!("`check` on a FIFO is still waiting");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:#?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "{}: cannot read: it is a FIFO (a named pipe), not a regular file\n",
            fifo.display()
        )
    );
}

/// Lines ending in CR alone (classic Mac) are lines: a `//` comment ends at its CR.
#[test]
fn a_file_with_cr_line_endings_loads() {
    let file = temp_file(b"// An old Mac file\rDossier(\r  title: \"CR\",\r  countries: [Country(id: \"x\", name: \"X\")],\r)\r");
    let out = run(&["check", &file.path().display().to_string()]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert!(out.stdout.contains("1 country"), "{}", out.stdout);
    // And its errors are on the line an editor shows.
    let file = temp_file(b"// An old Mac file\rDossier(\r  title: 12,\r)\r");
    let stderr = check_fails(&file.path().display().to_string());
    assert!(stderr.contains(".ron:3:10: "), "{stderr}");
}

#[test]
fn deeply_nested_brackets_fail_cleanly() {
    let stderr = check_fails(&fixture("deep-nesting.ron"));
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "tests/fixtures/deep-nesting.ron:3:17: expected `Country(…)`, found `[`"
    );
    // The 600-character line is cut to a window around the caret.
    assert!(
        stderr.lines().all(|line| line.chars().count() < 120),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr).0.chars().next(), Some('['));
}

#[test]
fn a_million_levels_of_nesting_never_overflow_the_stack() {
    let depth = 1_000_000;
    let shapes = [
        format!(
            "Dossier(title: \"x\", countries: {}{})",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            "Dossier(title: \"x\", as_of: {}\"x\"{})",
            "Some(".repeat(depth),
            ")".repeat(depth)
        ),
        format!("Dossier(title: {}", "(".repeat(depth)),
        format!("Dossier(title: \"x\", sumary: {}", "[(".repeat(depth)),
        "[".repeat(depth),
    ];
    for text in shapes {
        let file = temp_file(text.as_bytes());
        let stderr = check_fails(&file.path().display().to_string());
        assert!(
            stderr.len() < 2000,
            "a short message, not {} bytes",
            stderr.len()
        );
        // The library refuses it the same way, on the test's own (small) stack.
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || dossier::load::parse("deep.ron", &text).map(|_| ()))
            .unwrap()
            .join()
            .expect("no stack overflow or panic");
        let message = result.unwrap_err().to_string();
        assert!(message.starts_with("deep.ron:1:"), "{message}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    assert_eq!(
        dossier::load::MAX_FILE_BYTES,
        128 * 1024 * 1024,
        "README documents 128 MiB"
    );
    let file = tempfile::NamedTempFile::new().unwrap();
    // Sparse: no disk space is used, and the size check comes before any read.
    file.as_file()
        .set_len(dossier::load::MAX_FILE_BYTES + 1)
        .unwrap();
    let path = file.path().display().to_string();
    let stderr = check_fails(&path);
    assert_eq!(
        stderr,
        format!("{path}: the file is 134217729 bytes, over the limit of 134217728 bytes\n")
    );
}

#[test]
fn control_characters_in_the_file_come_out_escaped() {
    // Raw bytes, not RON escapes: an unknown field name with ESC [2J inside it, and on
    // the next line a bad status with BEL, C1 CSI and a bidi override around it.
    let text = "Dossier(\n    title: \"x\", sum\u{1b}[2Jary: \"y\",\n)\n";
    let file = temp_file(text.as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":2:17: unknown field `sum` in `Dossier`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("title: \"x\", sum^[[2Jary: \"y\","),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr), ("sum^[[2Jary: \"y\",".to_owned(), 3));

    let text = "Dossier(title: \"\u{1b}]52;c;aGk=\u{7}\", actions: [Action(id: \"a\", \
                title: \"\u{9b}31m\", status: Plan\u{7}\u{202e}ned)])\n";
    let file = temp_file(text.as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(stderr.contains("unknown status `Plan`"), "{stderr}");
    assert!(stderr.contains("status: Plan^GU+202Ened)])"), "{stderr}");
    assert_eq!(under_caret(&stderr).0, "Plan^GU+202Ened)])");
    assert!(stderr.contains("\"U+009B31m\""), "{stderr}");
    assert_eq!(
        raw_controls(&stderr, false),
        Vec::<char>::new(),
        "{stderr:?}"
    );

    // A wrong value whose text is echoed back: the found token is escaped too.
    let file = temp_file("Dossier(title: \"x\", countries: \"\u{1b}[2J\u{9b}\")".as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains("expected a list, found `\"^[[2JU+009B\"`"),
        "{stderr}"
    );
    assert_eq!(
        raw_controls(&stderr, false),
        Vec::<char>::new(),
        "{stderr:?}"
    );
}

#[test]
fn no_raw_escape_bytes_reach_stderr() {
    let text = b"Dossier(title: \"\x1b[2J\x07\xc2\x9b\", summary: 4, \x1b]0;x\x07)";
    let file = temp_file(text);
    let out = run(&["check", &file.path().display().to_string()]);
    assert_eq!(out.code(), 2);
    for forbidden in [&b"\x1b"[..], b"\x07", b"\xc2\x9b"] {
        assert!(
            !out.stderr_bytes
                .windows(forbidden.len())
                .any(|w| w == forbidden),
            "{forbidden:?} in {:?}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("^[[2J^GU+009B"), "{}", out.stderr);
}

#[test]
fn a_hostile_file_name_is_escaped() {
    let stderr = check_fails("evil\u{1b}[2J\u{7}.ron");
    assert_eq!(stderr, "evil^[[2J^G.ron: no such file\n");
}

#[test]
fn byte_order_mark_is_accepted_and_columns_count_from_after_it() {
    let out = run(&["check", &fixture("bom.ron")]);
    assert_eq!(out.code(), 0, "{out:#?}");
    assert_eq!(
        out.stdout,
        "tests/fixtures/bom.ron: 1 country, 0 forums, 0 actions, 0 sources\n"
    );
    assert!(
        std::fs::read(common::fixture_path("bom.ron"))
            .unwrap()
            .starts_with(b"\xef\xbb\xbf")
    );

    let file = temp_file(b"\xef\xbb\xbfDossier(title: 4)");
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":1:16: expected a string in double quotes, found `4`\n"),
        "{stderr}"
    );
    assert!(stderr.contains("\n1 | Dossier(title: 4)\n"), "{stderr}");
    assert_eq!(under_caret(&stderr).0, "4)");
}

#[test]
fn caret_sits_under_the_column_after_wide_characters() {
    let stderr = check_fails(&fixture("wide-before-error.ron"));
    assert!(
        stderr.starts_with(
            "tests/fixtures/wide-before-error.ron:4:62: unknown field `sumary` in `Country`\n"
        ),
        "{stderr}"
    );
    // 日本 is two characters but four columns: the caret must account for both.
    assert!(stderr.contains("\n4 |         Country(id: \"jp\", name: \"日本\", native_name: \"Nippon\", sumary: \"x\"),\n"));
    assert!(
        stderr.contains(
            "\n  |                                                                ^^^^^^\n"
        ),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr), ("sumary: \"x\"),".to_owned(), 6));
    assert!(file_at("wide-before-error.ron", 4, 62).starts_with("sumary"));
}

#[test]
fn caret_sits_under_the_column_after_escaped_and_accented_characters() {
    // `^[` takes two columns where ESC took one character; `é` (e + combining accent)
    // is two characters but one column.
    let text = "Dossier(title: \"\u{1b}[1mcafe\u{301}\", summary: 7)";
    let file = temp_file(text.as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":1:38: expected a string in double quotes"),
        "{stderr}"
    );
    assert_eq!(under_caret(&stderr).0, "7)");
}

#[test]
fn long_lines_are_cut_around_the_error() {
    let padding = "x".repeat(300);
    let text = format!("Dossier(title: \"{padding}\", sumary: \"{padding}\")");
    let file = temp_file(text.as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(
        stderr.contains(":1:320: unknown field `sumary`"),
        "{stderr}"
    );
    assert!(
        stderr.lines().all(|line| line.chars().count() < 120),
        "{stderr}"
    );
    let (under, width) = under_caret(&stderr);
    assert!(under.starts_with("sumary: \"xxx"), "{under}");
    assert_eq!(width, 6);
    // A short line is shown whole, even when the error is far to the right.
    let text = format!("Dossier(title: \"{}\", sumary: \"x\")", "x".repeat(60));
    let file = temp_file(text.as_bytes());
    let stderr = check_fails(&file.path().display().to_string());
    assert!(stderr.contains(&format!("1 | {text}\n")), "{stderr}");
}

#[test]
fn every_command_refuses_a_broken_file_the_same_way() {
    let expected = check_fails(&fixture("misspelt-field.ron"));
    for args in [&["list"][..], &["search", "nl"], &["show", "nl"]] {
        let out = common::run_on("misspelt-field.ron", args);
        assert_eq!(out.code(), 2, "{args:?}");
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr, expected);
    }
}

#[test]
fn library_errors_carry_the_position() {
    let text = fixture_text("unknown-status.ron");
    match dossier::load::parse("unknown-status.ron", &text) {
        Err(dossier::LoadError::Syntax(error)) => {
            assert_eq!((error.line, error.column), (7, 21));
            assert_eq!(error.message, "unknown status `Planed`");
            assert_eq!(error.help.as_deref(), Some("did you mean `Planned`?"));
            assert_eq!(error.caret, (20, 6));
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    file.write_all(bytes).unwrap();
    file.flush().unwrap();
    file
}
