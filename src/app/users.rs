//! Accounts of a province server: who may sign in to `hailong serve`, and what each sees.
//!
//! A province account sees every commune and manages the accounts; a commune account sees and
//! uploads for its own commune only. Passwords are kept only as argon2id hashes (RustCrypto's
//! `argon2` with its default parameters, the OWASP recommendation), in the workspace's
//! `users.toml` ([`crate::store::users`]). The command line (`hailong users`) and the accounts
//! page call these functions; nothing here prints or speaks HTTP.

use crate::i18n::{AccountText as T, Lang, Localized};
use crate::rules::gazetteer::{Gazetteer, LookupError, UnitKind};
use crate::store::users::{self, Accounts, UsersError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::Serialize;
use std::path::Path;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

pub use crate::store::users::{Account, Role};

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 8;
/// The longest account name.
const MAX_NAME: usize = 64;

/// Why an account could not be created, changed, removed or checked.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The accounts file could not be read or written.
    Store(#[from] UsersError),
    /// The commune named is not in the gazetteer.
    Lookup(#[from] LookupError),
    /// An account of that name exists.
    Exists {
        /// As typed.
        name: String,
    },
    /// No account of that name.
    Unknown {
        /// As typed.
        name: String,
        /// The accounts there are.
        names: Vec<String>,
    },
    /// The name cannot be an account's.
    BadName {
        /// As typed.
        name: String,
    },
    /// The password is too short.
    ShortPassword,
    /// The two passwords typed differ.
    PasswordsDiffer,
    /// A commune account was given no commune.
    CommuneNeeded,
    /// A province account was given a commune.
    CommuneForProvince,
    /// A ward was named as an account's commune.
    Ward {
        /// The ward.
        name: String,
    },
    /// The hash could not be made.
    Hash {
        /// The library's message.
        message: String,
    },
    /// The account signed in asked to remove itself.
    RemoveSelf,
}

impl Localized for AccountError {
    fn message(&self, lang: Lang) -> String {
        use AccountError::*;
        match self {
            Store(e) => e.message(lang),
            Lookup(e) => e.message(lang),
            Exists { name } => T::Exists.fill(lang, &[("name", name)]),
            Unknown { name, names } => {
                T::Unknown.fill(lang, &[("name", name), ("names", &names.join(", "))])
            }
            BadName { name } => T::BadName.fill(lang, &[("name", name)]),
            ShortPassword => T::ShortPassword.say(lang, &[("min", &MIN_PASSWORD)]),
            PasswordsDiffer => T::PasswordsDiffer.text(lang).to_string(),
            CommuneNeeded => T::CommuneNeeded.text(lang).to_string(),
            CommuneForProvince => T::CommuneForProvince.text(lang).to_string(),
            Ward { name } => T::Ward.fill(lang, &[("name", name)]),
            Hash { message } => T::Hash.fill(lang, &[("message", message)]),
            RemoveSelf => T::RemoveSelf.text(lang).to_string(),
        }
    }
}

crate::display_in_vietnamese!(AccountError);

/// An account as it may be shown: everything but the password's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// Its name.
    pub name: String,
    /// What it may see.
    pub role: Role,
    /// Its commune (commune accounts).
    pub commune: Option<String>,
    /// When it was created (UTC, ISO 8601).
    pub created_at: String,
}

impl From<&Account> for Listed {
    fn from(a: &Account) -> Listed {
        Listed {
            name: a.name.clone(),
            role: a.role,
            commune: a.commune.clone(),
            created_at: a.created_at.clone(),
        }
    }
}

/// An account to create, as asked.
pub struct NewAccount<'a> {
    /// The workspace.
    pub data: &'a Path,
    /// Its name.
    pub name: &'a str,
    /// What it may see.
    pub role: Role,
    /// The commune of a commune account, as typed ("chieng mung", a former name).
    pub commune: Option<&'a str>,
    /// The password.
    pub password: &'a str,
}

/// The name as stored: trimmed, NFC, checked.
fn clean_name(name: &str) -> Result<String, AccountError> {
    let n: String = name.trim().nfc().collect();
    let ok = !n.is_empty()
        && n.chars().count() <= MAX_NAME
        && n.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(n)
    } else {
        Err(AccountError::BadName { name: name.into() })
    }
}

/// Whether `a` is the account named `name` (without regard to case or Unicode form).
fn is_named(a: &Account, name: &str) -> bool {
    let key: String = name.trim().nfc().collect::<String>().to_lowercase();
    a.name.to_lowercase() == key
}

fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AccountError::ShortPassword);
    }
    Ok(())
}

fn hash(password: &str) -> Result<String, AccountError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AccountError::Hash {
            message: e.to_string(),
        })
}

/// The canonical name of a commune typed for an account.
fn commune_of(typed: &str) -> Result<String, AccountError> {
    let gazetteer = Gazetteer::son_la();
    let resolved = gazetteer.resolve(typed)?;
    if resolved.unit.kind == UnitKind::Phuong {
        return Err(AccountError::Ward {
            name: resolved.unit.name.clone(),
        });
    }
    Ok(resolved.unit.name.clone())
}

/// Creates an account.
pub fn add(req: &NewAccount) -> Result<Listed, AccountError> {
    let name = clean_name(req.name)?;
    let commune = match (req.role, req.commune.filter(|c| !c.trim().is_empty())) {
        (Role::Province, None) => None,
        (Role::Province, Some(_)) => return Err(AccountError::CommuneForProvince),
        (Role::Commune, None) => return Err(AccountError::CommuneNeeded),
        (Role::Commune, Some(c)) => Some(commune_of(c)?),
    };
    check_password(req.password)?;
    let hashed = hash(req.password)?;
    let now = crate::store::now_utc();
    let account = Account {
        name,
        role: req.role,
        commune,
        password: hashed,
        created_at: now.clone(),
        password_set_at: now,
    };
    users::update(req.data, |all: &mut Accounts| {
        if all.users.iter().any(|a| is_named(a, &account.name)) {
            return Err(AccountError::Exists {
                name: account.name.clone(),
            });
        }
        all.users.push(account.clone());
        Ok(Listed::from(&account))
    })
}

/// Every account, in the order they were created.
pub fn list(data: &Path) -> Result<Vec<Listed>, AccountError> {
    Ok(users::load(data)?.users.iter().map(Listed::from).collect())
}

/// Every account, with its hash (for signing in).
pub fn accounts(data: &Path) -> Result<Vec<Account>, AccountError> {
    Ok(users::load(data)?.users)
}

/// The account named `name` among `all`, if there is one.
pub fn named<'a>(all: &'a [Account], name: &str) -> Option<&'a Account> {
    all.iter().find(|a| is_named(a, name))
}

fn unknown(all: &Accounts, name: &str) -> AccountError {
    AccountError::Unknown {
        name: name.into(),
        names: all.users.iter().map(|a| a.name.clone()).collect(),
    }
}

/// Removes an account (`signed_in`: the account asking, which may not remove itself).
pub fn remove(data: &Path, name: &str, signed_in: Option<&str>) -> Result<Listed, AccountError> {
    users::update(data, |all: &mut Accounts| {
        let at = all
            .users
            .iter()
            .position(|a| is_named(a, name))
            .ok_or_else(|| unknown(all, name))?;
        if signed_in.is_some_and(|me| is_named(&all.users[at], me)) {
            return Err(AccountError::RemoveSelf);
        }
        Ok(Listed::from(&all.users.remove(at)))
    })
}

/// Sets an account's password (its sign-ins then end: see [`stamp`]).
pub fn set_password(data: &Path, name: &str, password: &str) -> Result<Listed, AccountError> {
    check_password(password)?;
    let hashed = hash(password)?;
    users::update(data, |all: &mut Accounts| {
        let unknown = unknown(all, name);
        let a = all
            .users
            .iter_mut()
            .find(|a| is_named(a, name))
            .ok_or(unknown)?;
        a.password = hashed;
        a.password_set_at = crate::store::now_utc();
        Ok(Listed::from(&*a))
    })
}

/// The account among `all` whose name and password these are, or `None`. An unknown name
/// costs as much time as a wrong password, so that timing does not tell which names exist.
pub fn verify_in<'a>(all: &'a [Account], name: &str, password: &str) -> Option<&'a Account> {
    static DECOY: OnceLock<Option<String>> = OnceLock::new();
    let argon = Argon2::default();
    match named(all, name) {
        Some(a) => argon
            .verify_password(password.as_bytes(), a.password.as_str())
            .is_ok()
            .then_some(a),
        None => {
            if let Some(decoy) = DECOY.get_or_init(|| hash("hailong-decoy-password").ok()) {
                let _ = argon.verify_password(password.as_bytes(), decoy.as_str());
            }
            None
        }
    }
}

/// A fingerprint of the account's password hash: a sign-in made under another password (or
/// another account of the same name) no longer matches.
pub fn stamp(a: &Account) -> String {
    let digest = crate::ingest::sha256_hex(format!("{}\n{}", a.name, a.password).as_bytes());
    digest[..16].to_string()
}

/// Whether a commune typed by a person (in a URL, a query) is `commune` (canonical): the same
/// name without accents or case, or a former name of it, as `score --commune` matches names.
pub fn same_commune(typed: &str, commune: &str) -> bool {
    let key = crate::text::fold_place(typed);
    key == crate::text::fold_place(commune)
        || Gazetteer::son_la()
            .resolve(typed)
            .is_ok_and(|r| r.unit.name == commune)
}

/// The role's word.
pub fn role_word(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Province => T::RoleProvince.text(lang),
        Role::Commune => T::RoleCommune.text(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_one(
        dir: &Path,
        name: &str,
        role: Role,
        commune: Option<&str>,
    ) -> Result<Listed, AccountError> {
        add(&NewAccount {
            data: dir,
            name,
            role,
            commune,
            password: "mat-khau-dai",
        })
    }

    #[test]
    fn accounts_are_checked_hashed_and_found_without_regard_to_case() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let a = add_one(d, "chieng-mung", Role::Commune, Some("chieng mung")).unwrap();
        assert_eq!(a.commune.as_deref(), Some("Xã Chiềng Mung"));
        assert!(matches!(
            add_one(d, "Chieng-Mung", Role::Province, None),
            Err(AccountError::Exists { .. })
        ));
        assert!(matches!(
            add_one(d, "có dấu cách", Role::Province, None),
            Err(AccountError::BadName { .. })
        ));
        assert!(matches!(
            add_one(d, "tinh", Role::Province, Some("chieng mung")),
            Err(AccountError::CommuneForProvince)
        ));
        assert!(matches!(
            add_one(d, "xa", Role::Commune, None),
            Err(AccountError::CommuneNeeded)
        ));
        let text = std::fs::read_to_string(d.join(users::USERS)).unwrap();
        assert!(text.contains("$argon2id$") && !text.contains("mat-khau-dai"));
        let all = accounts(d).unwrap();
        let found = verify_in(&all, "CHIENG-MUNG", "mat-khau-dai").unwrap();
        assert!(verify_in(&all, "chieng-mung", "sai").is_none());
        assert!(verify_in(&all, "khong-co", "mat-khau-dai").is_none());
        let before = stamp(found);
        assert!(matches!(
            set_password(d, "chieng-mung", "ngan"),
            Err(AccountError::ShortPassword)
        ));
        set_password(d, "chieng-mung", "mat-khau-moi-1").unwrap();
        let all = accounts(d).unwrap();
        assert_ne!(
            stamp(named(&all, "chieng-mung").unwrap()),
            before,
            "a new password ends the old sign-ins"
        );
        assert!(matches!(
            remove(d, "chieng-mung", Some("Chieng-Mung")),
            Err(AccountError::RemoveSelf)
        ));
        remove(d, "chieng-mung", None).unwrap();
        assert!(list(d).unwrap().is_empty());
        assert!(matches!(
            remove(d, "chieng-mung", None),
            Err(AccountError::Unknown { .. })
        ));
    }

    #[test]
    fn communes_match_as_the_command_line_matches_them() {
        assert!(same_commune("chieng mung", "Xã Chiềng Mung"));
        assert!(same_commune("Xã Chiềng Mung", "Xã Chiềng Mung"));
        assert!(!same_commune("muong bu", "Xã Chiềng Mung"));
        assert!(!same_commune("", "Xã Chiềng Mung"));
    }
}
