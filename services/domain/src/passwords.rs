//! argon2id password hashing, off the async runtime (hashing takes tens of ms),
//! and the policy for new passwords.
//!
//! Every argon2 run, hashing or verifying, first takes a permit from one
//! semaphore sized to the machine's cores: a flood of sign-in or password
//! change requests then queues for the CPU instead of piling up blocking
//! threads (tokio allows 512) that each hold argon2's 19 MiB.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use tokio::sync::Semaphore;

use crate::error::{Error, ErrorCode, FieldError, Result};

/// New passwords only: accounts created under the older 8-character rule
/// keep signing in.
pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// The most common passwords, lower-cased (see data/common-passwords.LICENSE).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

static ARGON2_PERMITS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new(cores)
});

/// True when `password`, ignoring case, is one of the most common passwords.
pub fn is_common(password: &str) -> bool {
    COMMON.contains(password.to_lowercase().as_str())
}

/// Checks the policy for a new password: 10 to 128 characters, not one of the
/// most common passwords, not only one repeated character, not the email itself.
pub fn check_policy(field: &str, password: &str, email: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(FieldError::new(
            field,
            ErrorCode::PasswordTooShort,
            format!("use at least {MIN_LENGTH} characters"),
        ));
    }
    if chars > MAX_LENGTH {
        return Err(FieldError::new(
            field,
            ErrorCode::WeakPassword,
            format!("use at most {MAX_LENGTH} characters"),
        ));
    }
    if is_common(password) {
        return Err(FieldError::new(
            field,
            ErrorCode::PasswordTooCommon,
            "this is one of the most common passwords; choose another",
        ));
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) || password.eq_ignore_ascii_case(email) {
        return Err(FieldError::new(
            field,
            ErrorCode::WeakPassword,
            "this password is too easy to guess",
        ));
    }
    Ok(())
}

/// Runs `work` on the blocking pool once a permit is free.
async fn run_argon2<T: Send + 'static>(what: &str, work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    let _permit = ARGON2_PERMITS
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("{what}: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("{what} task failed: {e}")))?
}

pub async fn hash(password: String) -> Result<String> {
    run_argon2("hashing", move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("hashing failed: {e}")))
    })
    .await
}

/// True when `password` matches the stored PHC string. Without one (the
/// email is unknown) it checks against a decoy hash, so that response time
/// does not tell which emails have accounts, and answers false.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool> {
    run_argon2("verify", move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_owned());
        let parsed = PasswordHash::new(&stored).map_err(|e| Error::Internal(format!("stored hash unreadable: {e}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known)
    })
    .await
}

/// A valid hash of a random password. Computed once, on the blocking pool
/// (inside [`verify`]), never on an async worker.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"decoy password that never matches", &salt)
            .expect("argon2 default parameters are valid")
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_verifies_only_the_same_password_and_is_argon2id() {
        let stored = hash("mật khẩu đủ dài".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("mật khẩu đủ dài".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("mật khẩu khác".into(), Some(stored)).await.unwrap());
        assert!(!verify("decoy password that never matches".into(), None).await.unwrap());
    }

    #[test]
    fn policy_rejects_short_repeated_and_email_passwords() {
        assert!(check_policy("password", "short", "a@b.vn").is_err());
        assert!(check_policy("password", "aaaaaaaaaa", "a@b.vn").is_err());
        assert!(check_policy("password", "a@b.vn.vn.vn", "a@b.vn.vn.vn").is_err());
        assert!(check_policy("password", "cà phê sữa đá", "a@b.vn").is_ok());
    }

    #[test]
    fn new_passwords_under_10_characters_are_too_short() {
        let e = check_policy("password", "cà phê đá", "a@b.vn").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("password", ErrorCode::PasswordTooShort));
        assert!(check_policy("password", "cà phê đá!", "a@b.vn").is_ok());
    }

    #[test]
    fn the_most_common_passwords_are_refused_whatever_their_case() {
        assert!(COMMON.len() > 10_000, "the list holds {}", COMMON.len());
        for common in ["1234567890", "qwertyuiop", "Password123", "IloveYou123"] {
            let e = check_policy("newPassword", common, "a@b.vn").unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.code),
                ("newPassword", ErrorCode::PasswordTooCommon)
            );
        }
        let e = check_policy("password", "QWERTYUIOP", "a@b.vn").unwrap_err();
        assert_eq!(e.code, ErrorCode::PasswordTooCommon);
        // The demo accounts' password stays valid.
        assert!(check_policy("password", "demo-coopbridge", "a@b.vn").is_ok());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn argon2_work_never_runs_more_than_one_per_core_at_once() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let stored = hash("mật khẩu đủ dài".into()).await.unwrap();
        let calls: Vec<_> = (0..cores * 3)
            .map(|_| tokio::spawn(verify("sai mật khẩu".into(), Some(stored.clone()))))
            .collect();
        let mut least_free = cores;
        while calls.iter().any(|c| !c.is_finished()) {
            least_free = least_free.min(ARGON2_PERMITS.available_permits());
            tokio::task::yield_now().await;
        }
        assert_eq!(least_free, 0, "the calls should have queued for permits");
        for call in calls {
            assert!(!call.await.unwrap().unwrap());
        }
    }
}
