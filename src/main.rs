//! The `hailong` binary: parses arguments and hands over to `hailong::cli`.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match hailong::cli::Cli::try_parse() {
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
