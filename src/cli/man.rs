//! `dossier man`: the manual page. clap_mangen writes what the command line declares
//! (synopsis, options, each command's options); the sections clap knows nothing of are
//! written here: the viewer's keys, read from the key table as the help is, the query
//! language, the config file, exit statuses, the environment and files.

mod roff;

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

use super::Cli;
use crate::config::MAX_CONFIG_BYTES;
use crate::tui::keys::Keymap;
use crate::tui::symbols::ASCII;
use roff::Page;

/// One of clap_mangen's sections, written by a `Man`.
type Section = fn(&Man, &mut dyn Write) -> io::Result<()>;

/// `dossier man`.
pub(super) fn print(keymap: &Keymap, out: &mut dyn Write) -> io::Result<u8> {
    out.write_all(page(keymap).as_bytes())?;
    Ok(0)
}

/// The whole page, in roff.
fn page(keymap: &Keymap) -> String {
    let mut command = Cli::command();
    command.build();
    let man = Man::new(command.clone()).manual("dossier manual");
    let mut page = Page::default();
    let sections: [Section; 5] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    for (index, render) in sections.into_iter().enumerate() {
        let roff = rendered(|out| render(&man, out));
        page.raw(if index == 0 {
            &roff
        } else {
            without_preamble(&roff)
        });
    }
    commands(&mut page, &command);
    keys(&mut page, keymap);
    query_language(&mut page);
    configuration(&mut page);
    exit_status(&mut page);
    environment(&mut page);
    files(&mut page);
    page.section("SEE ALSO");
    page.paragraph(
        "The README, which has the dossier format for authors, examples of every command \
         and the measured performance.",
    );
    page.finish()
}

fn rendered(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut roff = Vec::new();
    // Writing into memory cannot fail.
    let _ = render(&mut roff);
    String::from_utf8_lossy(&roff).into_owned()
}

/// clap_mangen's roff without the lines every one of its renderings starts with, which
/// define the apostrophe once for the page.
fn without_preamble(roff: &str) -> &str {
    let mut rest = roff;
    while rest.starts_with(".ie \\n(.g") || rest.starts_with(".el .ds Aq") {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    rest
}

/// The same without its `.SH` heading line, to go under a subsection of this page.
fn without_heading(roff: &str) -> &str {
    let rest = without_preamble(roff);
    match rest.strip_prefix(".SH") {
        Some(heading) => heading.split_once('\n').map_or("", |(_, after)| after),
        None => rest,
    }
}

/// Each command: its synopsis, what it does and its options.
fn commands(page: &mut Page, command: &clap::Command) {
    page.section("COMMANDS");
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let man = Man::new(sub.clone());
        page.subsection(&format!("dossier {}", sub.get_name()));
        page.raw(without_heading(&rendered(|out| {
            man.render_synopsis_section(out)
        })));
        page.raw(".PP");
        page.raw(without_heading(&rendered(|out| {
            man.render_description_section(out)
        })));
        let options = rendered(|out| man.render_options_section(out));
        if !without_heading(&options).trim().is_empty() {
            page.raw(without_heading(&options));
        }
    }
}

/// The viewer's keys, as its help lists them, in ASCII names.
fn keys(page: &mut Page, keymap: &Keymap) {
    page.section("KEYS");
    page.paragraph(
        "In the viewer, `?` shows these keys for the screen at hand. A key held with Ctrl or \
         Alt does only what a binding naming that modifier does. The config file can give \
         actions other keys (see CONFIGURATION).",
    );
    let mut last_section = "";
    for (section, keys, help) in key_rows(keymap) {
        if section != last_section {
            page.subsection(section);
            last_section = section;
        }
        page.tagged(&keys, help);
    }
}

/// The key table's rows: (section, keys, what they do).
fn key_rows(keymap: &Keymap) -> Vec<(&'static str, String, &'static str)> {
    keymap.help_rows(&ASCII, &[]).collect()
}

/// The finder's and `search`'s query language: (term, what it matches).
const QUERY_TERMS: &[(&str, &str)] = &[
    (
        "word",
        "the word, fuzzily in names and ids, as typed in the rest of the text",
    ),
    (
        "'word",
        "the text exactly as typed, anywhere (also how to search for a `:`)",
    ),
    ("^word", "a name or id that starts with it"),
    ("word$", "a name or id that ends with it"),
    ("^word$", "a name or id that is exactly it"),
    (
        "!word",
        "items that do not contain it; `!'word`, `!^word` and `!word$` too",
    ),
    ("a | b", "either term: the `|` binds the terms on each side"),
    (
        "kind:K",
        "items of a kind: `country`, `forum`, `action`, `source` or `briefing` (or plural)",
    ),
    ("status:S", "actions with a status; a comma means or"),
    (
        "country:X",
        "items linked to a country, either way, and the country itself; X is an id or a name",
    ),
    ("forum:X, source:X", "the same for a forum or a source"),
    ("topic:T", "items with a topic that contains T"),
];

fn query_language(page: &mut Page) {
    page.section("QUERY LANGUAGE");
    page.paragraph(
        "One language serves `search` and the viewer's finder. Terms are separated by \
         spaces and every term must match; case and accents are ignored.",
    );
    for (term, meaning) in QUERY_TERMS {
        page.tagged(term, meaning);
    }
    page.paragraph(
        "A filter can be negated (`!status:done`) and joined with `|`. A query with a \
         mistake is not run: `search` names the mistake and exits 2. Names and ids match \
         fuzzily; the rest of an item's text matches where a word appears as typed.",
    );
}

fn configuration(page: &mut Page) {
    page.section("CONFIGURATION");
    page.paragraph(&format!(
        "Settings are read from `$XDG_CONFIG_HOME/dossier/config.ron`, else \
         `~/.config/dossier/config.ron`, or from the file `--config` or `DOSSIER_CONFIG` \
         names (which must then exist). It is RON, like a dossier, at most {MAX_CONFIG_BYTES} \
         bytes; every setting is optional. Flags and environment variables take precedence \
         over the file, and the file over the defaults. A mistake is reported as \
         FILE:LINE:COLUMN with the line and a suggestion, and exits 2."
    ));
    let settings = [
        (
            "file: \"PATH\"",
            "the dossier to read when none is named; `~/` is the home folder, and a relative \
             path starts from the config file's folder",
        ),
        ("theme: Dark | Light | Mono", "the viewer's colours"),
        (
            "colors: (NAME: (fg: \"COLOUR\", bg: \"COLOUR\", bold: true), ...)",
            "change single styles of the theme. A colour is a name (`blue`, `light-cyan`), \
             a palette number (`0` to `255`), `#rrggbb` or `reset`; the attributes are \
             `bold`, `dim`, `italic`, `underlined` and `reversed`",
        ),
        (
            "glyphs: Ascii | Unicode",
            "the viewer's borders, arrows and marks",
        ),
        ("mouse: false", "leave the mouse to the terminal"),
        (
            "keys: { \"ACTION\": [\"KEY\", ...], ... }",
            "give actions new keys, which replace their own. A key is a character (`q`, \
             `G`), a name (`Enter`, `Esc`, `Tab`, `BackTab`, `Space`, `Backspace`, `Up`, \
             `Down`, `Left`, `Right`, `PageUp`, `PageDown`, `Home`, `End`, `Delete`, \
             `Insert`, `F1` to `F24`), with `ctrl-`, `alt-` or `shift-` before it. A key \
             given to two actions on one screen is refused, naming both",
        ),
    ];
    for (setting, meaning) in settings {
        page.tagged(setting, meaning);
    }
    let table = crate::tui::keys::key_table();
    let names: Vec<String> = table.names().map(|name| format!("`{name}`")).collect();
    // Names are copied into the file: the formatter must not break them at a hyphen.
    page.raw(".nh");
    page.paragraph(&format!("The actions: {}.", names.join(", ")));
    page.raw(".hy");
}

fn exit_status(page: &mut Page) {
    page.section("EXIT STATUS");
    let statuses = [
        (
            "0",
            "success. `check`: every file is valid; `search`: at least one hit; `follow`: \
             the briefing ended",
        ),
        (
            "1",
            "`check`: a file breaks a rule; `show`, `export`, `present` and `--at`: no \
             item has that id; `search`: nothing matched; `follow`: the link to the \
             presenter broke, the presenter sent a frame over the limits, or dropped this \
             follower for falling behind",
        ),
        (
            "2",
            "a dossier cannot be read (a FIFO, a device or a directory is refused unread) \
             or has a syntax or type error; the config file cannot be read or has a \
             mistake; the command line is wrong; output cannot be written; `export -o` \
             names a dossier or another file it must not replace; `present`: a briefing \
             among other ids; `present --share`: the socket's path is taken; `follow`: \
             nobody is presenting on that socket",
        ),
        (
            "134",
            "out of memory: the program aborted, after giving the terminal back",
        ),
        (
            "128+N",
            "the viewer ended by signal N, with the terminal restored",
        ),
    ];
    for (status, meaning) in statuses {
        page.tagged(status, meaning);
    }
}

fn environment(page: &mut Page) {
    page.section("ENVIRONMENT");
    let variables = [
        (
            "DOSSIER_FILE",
            "the dossier to read, as `--file`, which takes precedence",
        ),
        ("DOSSIER_CONFIG", "the config file to read, as `--config`"),
        ("DOSSIER_THEME", "`dark`, `light` or `mono`, as `--theme`"),
        (
            "XDG_CONFIG_HOME, HOME",
            "where the config file is looked for",
        ),
        (
            "NO_COLOR",
            "when set and not empty: no colour in output, and the monochrome theme",
        ),
        (
            "COLORFGBG",
            "the terminal's colours, which choose the light or dark theme",
        ),
        (
            "TERM",
            "`dumb`, or unset: no viewer; a monochrome terminal (`vt100`): the monochrome theme",
        ),
        (
            "LC_ALL, LC_CTYPE, LANG",
            "the first one set decides whether the viewer draws in Unicode or ASCII",
        ),
        (
            "COLUMNS",
            "the width of printed output when it is not a terminal",
        ),
        (
            "COMPLETE",
            "set by the completion scripts (`dossier completions`) to ask for completions",
        ),
    ];
    for (name, meaning) in variables {
        page.tagged(name, meaning);
    }
}

fn files(page: &mut Page) {
    page.section("FILES");
    page.tagged(
        "$XDG_CONFIG_HOME/dossier/config.ron, ~/.config/dossier/config.ron",
        "the config file",
    );
    page.tagged(
        "*.ron",
        "a dossier: one RON file, read and never written. Without one, the dossier built \
         into the program is shown",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_row_and_command_is_on_the_page() {
        let page = page(&Keymap::default());
        assert!(page.is_ascii());
        for (_, keys, _) in key_rows(&Keymap::default()) {
            let first = keys.split(' ').next().unwrap_or_default();
            let escaped = first.replace('-', "\\-");
            assert!(page.contains(&format!("\\fB{}", escaped)), "{keys}");
        }
        for sub in Cli::command().get_subcommands() {
            assert!(
                page.contains(&format!(".SS \"dossier {}\"", sub.get_name())),
                "{}",
                sub.get_name()
            );
        }
    }
}
