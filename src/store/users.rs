//! The accounts of `hailong serve` and their sign-ins, as files of the workspace:
//!
//! - `users.toml`: one `[[user]]` table per account (name, role, commune, argon2 hash of the
//!   password, when it was created and when its password was last set);
//! - `sessions.json`: the sign-ins in force, each by the SHA-256 of its session id (the id
//!   itself lives only in the browser's cookie), so a server restart keeps people signed in;
//! - `users.lock`: an OS lock held while either file is rewritten, so that `hailong users` and
//!   the accounts page never lose each other's changes.
//!
//! Both files are replaced atomically (a temporary file beside them, then a rename) and are
//! readable by their owner only. This layer stores what it is given: it never sees a password,
//! checks nothing and knows no rule about who may do what.

use crate::i18n::{AccountText as T, Lang, Localized};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The accounts file, in the workspace directory.
pub const USERS: &str = "users.toml";
/// The sign-ins file, in the workspace directory.
pub const SESSIONS: &str = "sessions.json";
/// The lock taken while either file is rewritten.
pub const USERS_LOCK: &str = "users.lock";

/// What an account may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Every commune, and the accounts.
    Province,
    /// Its own commune only.
    Commune,
}

/// One account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The name typed to sign in (compared without regard to case).
    pub name: String,
    /// What it may see.
    pub role: Role,
    /// The commune of a commune account (canonical name of the gazetteer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// The password's argon2id hash, as a PHC string (`$argon2id$v=19$…`).
    pub password: String,
    /// When it was created (UTC, ISO 8601).
    pub created_at: String,
    /// When its password was last set (UTC, ISO 8601).
    pub password_set_at: String,
}

/// `users.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accounts {
    /// The accounts, in the order they were created.
    #[serde(default, rename = "user")]
    pub users: Vec<Account>,
}

/// One sign-in in force, as `sessions.json` keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSession {
    /// SHA-256 of the session id (hex).
    pub id_sha256: String,
    /// The account signed in.
    pub user: String,
    /// A fingerprint of the account's password hash when it signed in: a sign-in ends when
    /// the password changes.
    pub stamp: String,
    /// When it ends (seconds since 1970-01-01, UTC).
    pub expires: u64,
    /// Whether "remember me" was ticked (the cookie then outlives the browser).
    pub remember: bool,
}

/// `sessions.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Sessions {
    sessions: Vec<StoredSession>,
}

/// Why the accounts or sign-ins could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
    /// `users.toml` does not parse.
    Damaged {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
}

impl Localized for UsersError {
    fn message(&self, lang: Lang) -> String {
        match self {
            UsersError::Io { path, message } => {
                T::FileIo.fill(lang, &[("path", path), ("message", message)])
            }
            UsersError::Damaged { path, message } => {
                T::FileDamaged.fill(lang, &[("path", path), ("message", message)])
            }
        }
    }
}

crate::display_in_vietnamese!(UsersError);

fn io(path: &Path) -> impl Fn(std::io::Error) -> UsersError + '_ {
    move |e| UsersError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The accounts of the workspace at `dir` (none when it has no `users.toml`).
pub fn load(dir: &Path) -> Result<Accounts, UsersError> {
    let path = dir.join(USERS);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Accounts::default()),
        Err(e) => return Err(io(&path)(e)),
    };
    toml::from_str(&text).map_err(|e| UsersError::Damaged {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Changes the accounts of the workspace at `dir` under its lock: `change` gets them as they
/// are on disk now, and what it leaves is written when it succeeds (nothing when it fails).
pub fn update<R, E: From<UsersError>>(
    dir: &Path,
    change: impl FnOnce(&mut Accounts) -> Result<R, E>,
) -> Result<R, E> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let _lock = lock(dir)?;
    let mut accounts = load(dir)?;
    let before = accounts.clone();
    let out = change(&mut accounts)?;
    if accounts != before {
        let text = toml::to_string(&accounts).map_err(|e| UsersError::Io {
            path: dir.join(USERS).display().to_string(),
            message: e.to_string(),
        })?;
        let text = format!(
            "# Tài khoản của hailong serve / accounts of hailong serve: quản lý bằng `hailong users`,\n# không sửa tay. Mật khẩu chỉ được lưu dưới dạng mã băm argon2id.\n\n{text}"
        );
        write_atomic(&dir.join(USERS), text.as_bytes())?;
    }
    Ok(out)
}

/// The sign-ins kept in the workspace at `dir` (none when the file is missing or unreadable:
/// losing them only asks people to sign in again).
pub fn load_sessions(dir: &Path) -> Vec<StoredSession> {
    std::fs::read(dir.join(SESSIONS))
        .ok()
        .and_then(|b| serde_json::from_slice::<Sessions>(&b).ok())
        .map(|s| s.sessions)
        .unwrap_or_default()
}

/// Replaces the sign-ins kept in the workspace at `dir`.
pub fn save_sessions(dir: &Path, sessions: &[StoredSession]) -> Result<(), UsersError> {
    let path = dir.join(SESSIONS);
    let text = serde_json::to_vec_pretty(&Sessions {
        sessions: sessions.to_vec(),
    })
    .map_err(|e| UsersError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let _lock = lock(dir)?;
    write_atomic(&path, &text)
}

fn lock(dir: &Path) -> Result<File, UsersError> {
    let path: PathBuf = dir.join(USERS_LOCK);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io(&path))?;
    file.lock().map_err(io(&path))?;
    Ok(file)
}

/// Writes `bytes` at `path` through a temporary file beside it (created readable by its owner
/// only), so that a half-written file never replaces a good one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), UsersError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(path))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    tmp.persist(path).map_err(|e| io(path)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str) -> Account {
        Account {
            name: name.into(),
            role: Role::Commune,
            commune: Some("Xã Chiềng Mung".into()),
            password: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            created_at: "2025-10-01T08:00:00Z".into(),
            password_set_at: "2025-10-01T08:00:00Z".into(),
        }
    }

    #[test]
    fn accounts_round_trip_and_a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Accounts::default());
        update(dir.path(), |a| {
            a.users.push(account("chieng-mung"));
            Ok::<_, UsersError>(())
        })
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join(USERS)).unwrap();
        assert!(text.contains("[[user]]") && text.contains("role = \"commune\""));
        let r: Result<(), UsersError> = update(dir.path(), |a| {
            a.users.clear();
            Err(UsersError::Io {
                path: "x".into(),
                message: "refused".into(),
            })
        });
        assert!(r.is_err());
        assert_eq!(
            load(dir.path()).unwrap().users,
            vec![account("chieng-mung")]
        );
    }

    #[test]
    fn a_damaged_file_is_named_and_sessions_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(USERS), "[[user]\nname=").unwrap();
        let e = load(dir.path()).unwrap_err();
        assert!(e.message(Lang::Vi).contains("bị hỏng"), "{e}");
        let s = StoredSession {
            id_sha256: "ab".into(),
            user: "u".into(),
            stamp: "s".into(),
            expires: 1,
            remember: true,
        };
        save_sessions(dir.path(), std::slice::from_ref(&s)).unwrap();
        assert_eq!(load_sessions(dir.path()), vec![s]);
    }
}
