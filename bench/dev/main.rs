//! `hailong-dev`: the developers' tool beside the product, for tests and benchmarks only.
//!
//! `gen` writes deterministic synthetic workbooks (the demo's samples, the tests' communes,
//! Sơn La-sized data for `bench/run.sh`); `omr-corpus`/`omr-bench` make and read synthetic
//! photographed ballots (`bench/omr.sh`); `bench` takes the measurements `bench/run.sh` cannot
//! take from outside (the parse floor, national in-memory scoring). None of this is shipped in
//! `hailong` itself: this binary uses only the `hailong` library's public API, so what it writes
//! goes through the same template writer and is counted by the same expressions as the product.

mod assessment;
mod bench;
mod generate;
mod national;
mod omr;
mod packs;
mod workbooks;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// hailong-dev — synthetic data and measurements for hailong's tests and benchmarks.
#[derive(Debug, Parser)]
#[command(name = "hailong-dev", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate deterministic synthetic workbooks.
    Gen(generate::Args),
    /// Measurements for bench/run.sh (one JSON object).
    Bench(bench::Args),
    /// A survey pack and filled pack workbooks (`hailong index`'s bench).
    Packs(packs::Args),
    /// Marked ballots photographed or scanned synthetically, with their truth (bench/omr.sh).
    OmrCorpus(omr::CorpusArgs),
    /// The ballot reader on corpora from omr-corpus: errors, review, failures, pages/s.
    OmrBench(omr::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Gen(a) => generate::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Packs(a) => packs::run(a),
        Command::OmrCorpus(a) => omr::corpus(a),
        Command::OmrBench(a) => omr::bench(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(2)
        }
    }
}
