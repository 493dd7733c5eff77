//! `hailong users add|list|remove|passwd`: the accounts of a province server
//! ([`crate::app::users`]). Passwords are typed twice on a terminal without being shown, or
//! read from standard input with `--password-stdin` (its first line) for scripts.
//!
//! Exit codes: 0 done; 2 refused (a name taken or unknown, a password too short, a commune not
//! found) with nothing changed.

use super::{emit, fail};
use crate::app::users::{self, AccountError, NewAccount, Role};
use crate::i18n::{AccountText as T, Lang};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

/// Arguments of `users`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Việc cần làm / what to do.
    #[command(subcommand)]
    pub command: Command,
}

/// What an account may see, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// Cấp tỉnh: xem mọi xã, quản lý tài khoản.
    Province,
    /// Cấp xã: chỉ xem và nhập phiếu của xã mình.
    Commune,
}

/// The subcommands of `users`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Tạo tài khoản / create an account.
    Add {
        /// Tên tài khoản (chữ, số, dấu chấm, gạch ngang, gạch dưới).
        name: String,
        /// Cấp: province (tỉnh) hoặc commune (xã).
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Xã của tài khoản cấp xã ("chieng mung", "Xã Chiềng Mung").
        #[arg(long)]
        commune: Option<String>,
        /// Đọc mật khẩu từ đầu vào chuẩn (dòng đầu) / read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liệt kê tài khoản / list the accounts.
    List {
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Xoá tài khoản / remove an account.
    Remove {
        /// Tên tài khoản.
        name: String,
    },
    /// Đổi mật khẩu / change an account's password.
    Passwd {
        /// Tên tài khoản.
        name: String,
        /// Đọc mật khẩu từ đầu vào chuẩn (dòng đầu) / read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// Runs `users`.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    match a.command {
        Command::Add {
            name,
            role,
            commune,
            password_stdin,
        } => {
            let password = password(&name, password_stdin, lang)?;
            let role = match role {
                RoleArg::Province => Role::Province,
                RoleArg::Commune => Role::Commune,
            };
            let added = users::add(&NewAccount {
                data,
                name: &name,
                role,
                commune: commune.as_deref(),
                password: &password,
            })
            .map_err(|e| fail(e, lang))?;
            let said = match &added.commune {
                Some(c) => T::AddedCommune.fill(lang, &[("name", &added.name), ("commune", c)]),
                None => T::AddedProvince.fill(lang, &[("name", &added.name)]),
            };
            emit(&format!("{said}\n"))?;
        }
        Command::List { json } => {
            let all = users::list(data).map_err(|e| fail(e, lang))?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&all)?))?;
            } else {
                emit(&table(&all, lang))?;
            }
        }
        Command::Remove { name } => {
            let gone = users::remove(data, &name, None).map_err(|e| fail(e, lang))?;
            emit(&format!(
                "{}\n",
                T::Removed.fill(lang, &[("name", &gone.name)])
            ))?;
        }
        Command::Passwd {
            name,
            password_stdin,
        } => {
            // Said before the password is asked for: an unknown name is not typed for twice.
            let known = users::accounts(data).map_err(|e| fail(e, lang))?;
            if users::named(&known, &name).is_none() {
                let names = known.iter().map(|a| a.name.clone()).collect();
                return Err(fail(AccountError::Unknown { name, names }, lang));
            }
            let password = password(&name, password_stdin, lang)?;
            let changed = users::set_password(data, &name, &password).map_err(|e| fail(e, lang))?;
            emit(&format!(
                "{}\n",
                T::PasswordChanged.fill(lang, &[("name", &changed.name)])
            ))?;
        }
    }
    Ok(0)
}

/// The accounts as a table, or how to create the first one.
fn table(all: &[users::Listed], lang: Lang) -> String {
    if all.is_empty() {
        return format!("{}\n", T::NoAccounts.text(lang));
    }
    let mut out = format!(
        "{:<24} {:<8} {:<28} {}\n",
        T::Name.text(lang),
        T::Role.text(lang),
        T::Commune.text(lang),
        T::Created.text(lang)
    );
    for a in all {
        out.push_str(&format!(
            "{:<24} {:<8} {:<28} {}\n",
            a.name,
            users::role_word(a.role, lang),
            a.commune.as_deref().unwrap_or("—"),
            a.created_at
        ));
    }
    out
}

/// The new password: standard input's first line, or typed twice on the terminal.
fn password(name: &str, from_stdin: bool, lang: Lang) -> anyhow::Result<String> {
    let unreadable = |e: std::io::Error| {
        anyhow::anyhow!(T::StdinUnreadable.fill(lang, &[("message", &e.to_string())]))
    };
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(unreadable)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    if !std::io::stdin().is_terminal() {
        return Err(anyhow::anyhow!(T::NoTerminal.text(lang)));
    }
    let first = rpassword::prompt_password(T::PromptPassword.fill(lang, &[("name", name)]))
        .map_err(unreadable)?;
    let again = rpassword::prompt_password(T::PromptAgain.text(lang)).map_err(unreadable)?;
    if first != again {
        return Err(fail(AccountError::PasswordsDiffer, lang));
    }
    Ok(first)
}
