//! The command line: each subcommand's arguments and `run()` live in their own file here.
//!
//! Exit codes: 0 all input used; 1 some input rejected (rows, cells, areas or files listed in the
//! report); 2 unusable input or wrong usage. Errors reach the user in Vietnamese (or English with
//! `--lang en`), saying what is wrong, where, and what to do.

pub mod bench;
pub mod demo;
pub mod export;
pub mod generate;
pub mod import;
pub mod repair;
pub mod score;
pub mod template;

use crate::i18n::{Lang, Localized};
use clap::{Parser, Subcommand};
use std::fmt::Display;
use std::path::PathBuf;

/// hailong — chấm điểm phiếu lấy ý kiến sự hài lòng của người dân về xây dựng nông thôn mới.
#[derive(Debug, Parser)]
#[command(name = "hailong", version, about, long_about = None)]
pub struct Cli {
    /// Ngôn ngữ thông báo / message language.
    #[arg(long, global = true, value_enum, default_value = "vi")]
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
    /// Sinh dữ liệu giả định (kiểm thử, đo hiệu năng) / generate synthetic workbooks.
    #[command(hide = true)]
    Gen(generate::Args),
    /// Đo hiệu năng (dùng bởi bench/run.sh) / measurements for bench/run.sh.
    #[command(hide = true)]
    Bench(bench::Args),
}

/// Runs the parsed command; the number is the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    // Polars plans queries recursively; rayon's default 2 MiB worker stacks are thin for that
    // when communes are scored in parallel.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 << 20)
        .build_global();
    match cli.command {
        Command::Template(a) => template::run(a, cli.lang),
        Command::Import(a) => import::run(a, &cli.data, cli.lang, true),
        Command::Check(a) => import::run(a, &cli.data, cli.lang, false),
        Command::Score(a) => score::run(a, &cli.data, cli.lang),
        Command::Export(a) => export::run(a, &cli.data, cli.lang),
        Command::Demo(a) => demo::run(a, cli.lang),
        Command::Repair(a) => repair::run(a, &cli.data, cli.lang),
        Command::Gen(a) => generate::run(a, cli.lang),
        Command::Bench(a) => bench::run(a),
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

/// Tells the user on standard error that the workspace is busy with another import.
pub fn wait_notice(data: &std::path::Path, lang: Lang) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        crate::i18n::pick(
            lang,
            format!(
                "Đang chờ: thư mục dữ liệu {} đang được nhập bởi tiến trình khác…",
                data.display()
            ),
            format!(
                "Waiting: the workspace {} is being imported into by another process…",
                data.display()
            )
        )
    );
}

/// What a repair did, line by line (`tagged`: each line marked "[sửa]", inside an import's
/// report; otherwise closed by a conclusion, as `hailong repair` prints it).
pub fn repair_text(r: &crate::store::Repair, lang: Lang, tagged: bool) -> String {
    use crate::i18n::pick;
    use std::fmt::Write;
    let tag = if tagged {
        pick(lang, "[sửa] ", "[repair] ")
    } else {
        String::new()
    };
    let mut out = String::new();
    if r.restored_previous {
        let _ = writeln!(
            out,
            "{tag}{}",
            pick(
                lang,
                "manifest.json hỏng: đã khôi phục bản trước đó (manifest.prev.json).",
                "manifest.json was damaged: restored the previous one (manifest.prev.json)."
            )
        );
    }
    for m in &r.dropped {
        let _ = writeln!(
            out,
            "{tag}{}",
            pick(
                lang,
                format!(
                    "Đã bỏ nguồn {} (xã {}, đợt \"{}\"): thiếu hoặc hỏng bảng {}. Hãy nhập lại tệp này.",
                    m.file_name, m.commune, m.round, m.table
                ),
                format!(
                    "Dropped source {} (commune {}, round \"{}\"): table {} is missing or damaged. Import this file again.",
                    m.file_name, m.commune, m.round, m.table
                )
            )
        );
    }
    if tagged {
        return out;
    }
    let sources: std::collections::BTreeSet<(&str, &str, &str)> = r
        .dropped
        .iter()
        .map(|m| (m.file_name.as_str(), m.commune.as_str(), m.round.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "{}",
        if sources.is_empty() && !r.restored_previous {
            pick(
                lang,
                format!(
                    "Thư mục dữ liệu nhất quán: không có gì phải sửa ({} tệp thừa đã dọn).",
                    r.removed_files
                ),
                format!(
                    "The workspace is consistent: nothing to repair ({} leftover files removed).",
                    r.removed_files
                ),
            )
        } else {
            pick(
                lang,
                format!(
                    "Đã sửa: bỏ {} nguồn; {} tệp thừa đã dọn. Thư mục dữ liệu nay nhất quán.",
                    sources.len(),
                    r.removed_files
                ),
                format!(
                    "Repaired: {} sources dropped; {} leftover files removed. The workspace is consistent now.",
                    sources.len(),
                    r.removed_files
                ),
            )
        }
    );
    out
}

/// A localized error for the top level.
pub fn fail<E: Localized + Display>(e: E, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(e.message(lang))
}

/// The shipped rule library, or the error in the user's language.
pub fn library(lang: Lang) -> anyhow::Result<crate::rules::Library> {
    crate::rules::Library::shipped().map_err(|e| fail(e, lang))
}
