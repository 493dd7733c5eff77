//! The command line: each subcommand's arguments and `run()` live in their own file here.
//!
//! Exit codes: 0 all input used; 1 some input rejected (rows, cells, areas or files listed in the
//! report); 2 unusable input or wrong usage. Errors reach the user in Vietnamese (or English with
//! `--lang en`), saying what is wrong, where, and what to do.

pub mod ballot;
pub mod criteria;
pub mod demo;
pub mod export;
pub mod help;
pub mod import;
pub mod index;
pub mod present;
pub mod repair;
pub mod review;
pub mod score;
pub mod serve;
pub mod template;
pub mod users;

use crate::i18n::{Lang, Localized};
use clap::{Parser, Subcommand};
use std::fmt::Display;
use std::path::PathBuf;

/// hailong — chấm điểm phiếu lấy ý kiến sự hài lòng của người dân về xây dựng nông thôn mới.
#[derive(Debug, Parser)]
#[command(name = "hailong", version, about, long_about = None)]
pub struct Cli {
    /// Ngôn ngữ thông báo / message language.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "vi",
        env = "HAILONG_LANG"
    )]
    pub lang: Lang,
    /// Thư mục dữ liệu (workspace) / workspace directory.
    #[arg(
        long,
        global = true,
        env = "HAILONG_DATA",
        default_value = "hailong-data"
    )]
    pub data: PathBuf,
    /// Lệnh / command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo sổ nhập phiếu (Excel) cho một xã / write the entry workbook for a commune.
    Template(template::Args),
    /// Nhập các tệp phiếu vào thư mục dữ liệu / import survey workbooks.
    Import(import::Args),
    /// Kiểm tra tệp phiếu mà không lưu / validate files without storing them.
    Check(import::Args),
    /// Tính kết quả và kết luận của một xã / score a commune.
    Score(score::Args),
    /// Xuất phụ lục hồ sơ (Excel) của một xã hoặc toàn tỉnh / write the dossier appendices.
    Export(export::Args),
    /// Chạy thử trên dữ liệu mẫu / run on the bundled sample data.
    Demo(demo::Args),
    /// Kiểm tra và sửa thư mục dữ liệu không nhất quán / check and repair the workspace.
    Repair(repair::Args),
    /// Mở trang web cục bộ cho thư mục dữ liệu / serve the workspace as a local web page.
    Serve(serve::Args),
    /// Bộ tiêu chí theo văn bản của tỉnh: bảng mẫu, nhập, so sánh / the province's criteria
    /// table: template, import, diff.
    Criteria(criteria::Args),
    /// Tài khoản của trang web (mỗi xã một tài khoản) / the web server's accounts.
    Users(users::Args),
    /// Chỉ số của bộ khảo sát theo thang đo cho từng xã / a survey pack's indices per unit.
    Index(index::Args),
    /// Xác nhận các dấu của phiếu chụp ảnh mà máy chưa chắc / decide the marks of
    /// photographed ballots the reader was not sure of.
    Review(review::Args),
    /// In phiếu giấy có mã để đọc lại từ ảnh chụp / print paper ballots hailong can read back.
    Ballot(ballot::Args),
}

/// A flag given on the command line that the command would not use, as the message refusing
/// it: `demo --data` (the demo writes its own workspace under `--out`). Accepting it and
/// ignoring it left the user looking for results in the wrong folder.
pub fn ignored_flag(m: &clap::ArgMatches) -> Option<crate::i18n::CliText> {
    let on_command_line = m.value_source("data") == Some(clap::parser::ValueSource::CommandLine);
    (m.subcommand_name() == Some("demo") && on_command_line)
        .then_some(crate::i18n::CliText::DemoTakesNoData)
}

/// Runs the parsed command; the number is the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    // Polars plans queries recursively; rayon's default 2 MiB worker stacks are thin for that
    // when communes are scored in parallel.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 << 20)
        .build_global();
    match cli.command {
        Command::Template(a) => template::run(a, &cli.data, cli.lang),
        Command::Import(a) => import::run(a, &cli.data, cli.lang, true),
        Command::Check(a) => import::run(a, &cli.data, cli.lang, false),
        Command::Score(a) => score::run(a, &cli.data, cli.lang),
        Command::Export(a) => export::run(a, &cli.data, cli.lang),
        Command::Demo(a) => demo::run(a, cli.lang),
        Command::Repair(a) => repair::run(a, &cli.data, cli.lang),
        Command::Serve(a) => serve::run(a, &cli.data, cli.lang),
        Command::Criteria(a) => criteria::run(a, &cli.data, cli.lang),
        Command::Users(a) => users::run(a, &cli.data, cli.lang),
        Command::Index(a) => index::run(a, &cli.data, cli.lang),
        Command::Review(a) => review::run(a, &cli.data, cli.lang),
        Command::Ballot(a) => ballot::run(a, &cli.data, cli.lang),
    }
}

/// Which communes a command works on, in which round, under which rules (`score`, `export`).
#[derive(Debug, clap::Args)]
pub struct Selection {
    /// Tên xã (không cần dấu, không phân biệt hoa thường: "chieng mung").
    #[arg(long, required_unless_present = "all", conflicts_with = "all")]
    pub commune: Option<String>,
    /// Mọi xã trong thư mục dữ liệu (toàn tỉnh).
    #[arg(long)]
    pub all: bool,
    /// Mẫu phiếu (khi xã có nhiều mẫu; với --all: chỉ mẫu này).
    #[arg(long)]
    pub form: Option<String>,
    /// Đợt khảo sát (mặc định: đợt mới nhất).
    #[arg(long)]
    pub round: Option<String>,
    /// Tệp quy tắc riêng của tỉnh (mở rộng bộ quy tắc mặc định).
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

impl Selection {
    /// The selection as the application takes it.
    pub fn resolve<'a>(&'a self, data: &'a std::path::Path) -> crate::app::score::Selection<'a> {
        crate::app::score::Selection {
            data,
            commune: if self.all {
                None
            } else {
                self.commune.as_deref()
            },
            form: self.form.as_deref(),
            round: self.round.as_deref(),
            rules: self.rules.as_deref(),
        }
    }
}

/// The OS account running the command, as decisions and imports record who did them.
pub fn os_user() -> Option<String> {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|u| !u.trim().is_empty()))
}

/// Writes `text` to standard output. A reader that closed the pipe (`| head`) is not an error
/// of ours: the caller passes the error up and `main` ends quietly (see [`is_closed_pipe`]).
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether an error is standard output's reader going away (the run itself went well).
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A localized error for the top level.
pub fn fail<E: Localized + Display>(e: E, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(e.message(lang))
}
