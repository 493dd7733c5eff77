//! The `hailong` binary: parses arguments and hands over to `hailong::cli`.

use clap::{CommandFactory, FromArgMatches};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The help speaks the language asked for, so the language is read before clap parses.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = hailong::cli::help::lang_of(&args);
    let cmd = hailong::cli::help::localize(hailong::cli::Cli::command(), lang);
    let matches = match cmd.try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Some(refusal) = hailong::cli::ignored_flag(&matches) {
        let _ = writeln!(std::io::stderr(), "{}", refusal.text(lang));
        return ExitCode::from(2);
    }
    let parsed = hailong::cli::Cli::from_arg_matches(&matches);
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = cli.lang;
    match hailong::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        // `hailong score --json | head`: the reader has what it wanted.
        Err(e) if hailong::cli::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let tag = hailong::i18n::CliText::ErrorTag.text(lang);
            // A closed standard error must not turn a refusal into a panic.
            let _ = writeln!(std::io::stderr(), "{tag}: {e:#}");
            ExitCode::from(2)
        }
    }
}
