//! The `hailong` binary: parses arguments and hands over to `hailong::cli`.

use clap::Parser;
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
        Err(e) => {
            let tag = if lang == hailong::i18n::Lang::En {
                "Error"
            } else {
                "Lỗi"
            };
            eprintln!("{tag}: {e:#}");
            ExitCode::from(2)
        }
    }
}
