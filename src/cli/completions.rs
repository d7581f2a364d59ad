//! Shell completion: `dossier completions SHELL` prints a script that asks `dossier`
//! itself what to offer (`COMPLETE=SHELL dossier -- WORDS…`, clap_complete's protocol),
//! so completion knows the ids of the dossier named on the line being completed:
//! `dossier show n<TAB>` offers `nl`, `dossier -f team.ron show <TAB>` that file's ids.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgMatches, CommandFactory};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{ArgValueCandidates, CompleteEnv, CompletionCandidate};

use super::{Cli, settings};
use crate::catalog::Catalog;
use crate::model::Kind;

/// The environment variable that asks for completions, as the scripts set it.
const VARIABLE: &str = "COMPLETE";

/// The shells `dossier completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Elvish => &Elvish,
            Shell::Powershell => &Powershell,
        }
    }
}

/// `dossier completions SHELL`: the script to source.
pub(super) fn print(shell: Shell, out: &mut dyn Write) -> io::Result<u8> {
    shell
        .completer()
        .write_registration(VARIABLE, "dossier", "dossier", &completer_path(), out)?;
    Ok(0)
}

/// How the script calls `dossier` back: by name when it was run by name (found on
/// `PATH` each time, so an upgrade is picked up), else by its absolute path.
fn completer_path() -> String {
    let first = std::env::args_os()
        .next()
        .unwrap_or_else(|| "dossier".into());
    let mut path = PathBuf::from(first);
    if path.components().count() > 1
        && let Ok(current) = std::env::current_dir()
    {
        path = current.join(path);
    }
    path.to_string_lossy().into_owned()
}

/// Answers a completion request (`COMPLETE=SHELL dossier -- WORDS…`) and says how to
/// exit, or `None` when this run is not one.
pub(super) fn complete_from_env() -> Option<ExitCode> {
    let asked = std::env::var_os(VARIABLE)?;
    if asked.is_empty() || asked == "0" {
        return None;
    }
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|word| word != "--")
        .skip(1)
        .collect();
    let source = dossier_on_line(&words);
    let current_dir = std::env::current_dir().ok();
    let completed = CompleteEnv::with_factory(move || command_completing_ids(source.clone()))
        .var(VARIABLE)
        .try_complete(std::env::args_os(), current_dir.as_deref());
    match completed {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => None,
        Err(error) => {
            let _ = error.print();
            Some(ExitCode::from(super::EXIT_UNREADABLE))
        }
    }
}

/// The dossier the words being completed name: `--file`, `-f`, the `PATH` argument or
/// `DOSSIER_FILE`, else the config file's (a broken config is no config here), else
/// none: the built-in one.
fn dossier_on_line(words: &[OsString]) -> Option<PathBuf> {
    let matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
        .ok()?;
    let found = |matches: &ArgMatches, name: &str| {
        matches.try_get_one::<PathBuf>(name).ok().flatten().cloned()
    };
    let deepest = matches.subcommand().map_or(&matches, |(_, sub)| sub);
    let named = found(deepest, "file")
        .or_else(|| found(&matches, "file"))
        .or_else(|| found(&matches, "path"));
    let given = found(deepest, "config").or_else(|| found(&matches, "config"));
    let config = settings::load(given.as_deref()).unwrap_or_default();
    settings::dossier(named, &config)
}

/// The command line, with the ids of `source` offered where ids go.
fn command_completing_ids(source: Option<PathBuf>) -> clap::Command {
    let items = {
        let source = source.clone();
        ArgValueCandidates::new(move || id_candidates(source.as_deref(), false))
    };
    let briefings_first = ArgValueCandidates::new(move || id_candidates(source.as_deref(), true));
    Cli::command()
        .mut_arg("at", |arg| arg.add(items.clone()))
        .mut_subcommand("show", |show| {
            show.mut_arg("id", |arg| arg.add(items.clone()))
        })
        .mut_subcommand("export", |export| {
            export.mut_arg("ids", |arg| arg.add(items.clone()))
        })
        .mut_subcommand("present", |present| {
            present.mut_arg("ids", |arg| arg.add(briefings_first))
        })
}

/// Every id of the dossier, with its title as the help zsh and fish show; briefings
/// first when they are what is most likely wanted. Nothing when it cannot be read.
fn id_candidates(source: Option<&Path>, briefings_first: bool) -> Vec<CompletionCandidate> {
    let catalog = match source {
        Some(path) => Catalog::load(path),
        None => Catalog::built_in(),
    };
    let Ok(catalog) = catalog else {
        return Vec::new();
    };
    let mut kinds = Kind::ALL.to_vec();
    if briefings_first {
        kinds.sort_by_key(|kind| *kind != Kind::Briefing);
    }
    kinds
        .into_iter()
        .flat_map(|kind| catalog.items(kind))
        .filter_map(|item| catalog.get(item))
        .map(|item| {
            let title = crate::text::inline(item.title()).into_owned();
            CompletionCandidate::new(item.id()).help(Some(title.into()))
        })
        .collect()
}
