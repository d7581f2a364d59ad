//! The command line as clap parses it, with what clap cannot refuse by itself refused
//! too, and clap's messages made safe for the terminal and more helpful where they
//! mislead.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use super::{COMMANDS, CONSOLE_USAGE, Cli, Command, EXIT_UNREADABLE, FOLLOW_USAGE};
use crate::text;

/// The command line, parsed, with what clap cannot refuse by itself refused too: a file or
/// `--no-watch` given to `follow` or `console`, which read no file (`DOSSIER_FILE` set in the
/// environment is no mistake: it is there for every command).
pub(super) fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = Cli::command()
        .after_help(super::settings::where_help())
        .try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    // `follow` and `console` read no file: the presenter has it.
    let reads_none = match cli.command {
        Some(Command::Follow { .. }) => Some(("follow", FOLLOW_USAGE)),
        Some(Command::Console { .. }) => Some(("console", CONSOLE_USAGE)),
        _ => None,
    };
    if let Some((name, usage)) = reads_none {
        // `--file` is global: typed before the command or after it.
        let typed =
            |matches: &ArgMatches| matches.value_source("file") == Some(ValueSource::CommandLine);
        let file_typed = typed(&matches) || matches.subcommand_matches(name).is_some_and(typed);
        let refused = if file_typed || cli.path.is_some() {
            Some(format!(
                "`{name}` reads no dossier file: the presenter sends what it shows; leave out the file"
            ))
        } else if cli.viewer.no_watch {
            Some(format!(
                "`{name}` has no file to watch: the presenter sends every new version; leave out --no-watch"
            ))
        } else {
            None
        };
        if let Some(why) = refused {
            return Err(clap::Error::raw(
                ErrorKind::ArgumentConflict,
                format!("{why}\n\nUsage: {usage}\n\nFor more information, try '--help'.\n"),
            ));
        }
    }
    Ok(cli)
}

/// clap's message for a command line it cannot take (or its help and version), with the
/// values it quotes made safe: `--kind "$(printf '\033]0;pwned\007')"` must not retitle
/// the window. Exit 2 for a mistake, 0 for help and version.
pub(super) fn usage(error: &clap::Error, args: &[OsString]) -> ExitCode {
    // clap styles nothing (see `Cli`), so the only escape sequences left are the user's, which
    // plain `to_string` would silently drop.
    let rendered = error.render().ansi().to_string();
    let rendered = improve(error, rendered, args);
    let safe: Vec<_> = rendered.lines().map(text::inline).collect();
    let safe = safe.join("\n");
    let written = if error.use_stderr() {
        writeln!(io::stderr(), "{safe}")
    } else {
        writeln!(io::stdout(), "{safe}")
    };
    match written {
        Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_UNREADABLE)),
        Err(_) => ExitCode::from(EXIT_UNREADABLE),
    }
}

/// clap's message made more helpful where it misleads: a tip to write `-- --limit` for
/// `list` or `follow`, whose KIND or SOCKET is never meant to start with `-`, goes; and a first word that is neither a
/// file nor a command but is near one (`dossier serch dual`) gets the command suggested,
/// as it does alone (`dossier serch`).
fn improve(error: &clap::Error, rendered: String, args: &[OsString]) -> String {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return rendered;
    }
    let usage = error
        .get(ContextKind::Usage)
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut paragraphs: Vec<String> = rendered.split("\n\n").map(str::to_owned).collect();
    if usage.contains("dossier list ") || usage.contains("dossier follow ") {
        paragraphs.retain(|paragraph| {
            !(paragraph.starts_with("  tip: to pass") && paragraph.contains("use '-- "))
        });
    }
    if let Some(word) = first_word(args)
        && !Path::new(word).exists()
        && !COMMANDS.contains(&word)
        && let Some(command) = crate::suggest::did_you_mean(word, COMMANDS)
    {
        let tip = format!("  tip: did you mean the command `dossier {command}`?");
        paragraphs.insert(1.min(paragraphs.len()), tip);
    }
    paragraphs.join("\n\n")
}

/// The first argument that is neither an option nor an option's value: the command, or
/// the file to view.
fn first_word(args: &[OsString]) -> Option<&str> {
    let mut words = args.iter().skip(1).filter_map(|arg| arg.to_str());
    while let Some(word) = words.next() {
        if matches!(word, "-f" | "--file" | "--at" | "--theme") {
            words.next();
        } else if word == "--" {
            return words.next();
        } else if !word.starts_with('-') {
            return Some(word);
        }
    }
    None
}
