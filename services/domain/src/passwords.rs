//! argon2id password hashing, off the async runtime (hashing takes tens of ms).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

use crate::error::{Error, ErrorCode, FieldError, Result};

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// Checks the policy: 8 to 128 characters, not only one repeated character,
/// not the email itself.
pub fn check_policy(field: &str, password: &str, email: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if !(MIN_LENGTH..=MAX_LENGTH).contains(&chars) {
        return Err(FieldError::new(
            field,
            ErrorCode::WeakPassword,
            format!("use {MIN_LENGTH} to {MAX_LENGTH} characters"),
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

pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(format!("hashing task failed: {e}")))?
}

/// True when `password` matches the stored PHC string.
pub async fn verify(password: String, stored: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| Error::Internal(format!("stored hash unreadable: {e}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| Error::Internal(format!("verify task failed: {e}")))?
}

/// A valid hash of a random password, verified against when the email is
/// unknown so that response time does not tell which emails have accounts.
pub fn decoy_hash() -> &'static str {
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
        assert!(verify("mật khẩu đủ dài".into(), stored.clone()).await.unwrap());
        assert!(!verify("mật khẩu khác".into(), stored).await.unwrap());
    }

    #[test]
    fn policy_rejects_short_repeated_and_email_passwords() {
        assert!(check_policy("password", "short", "a@b.vn").is_err());
        assert!(check_policy("password", "aaaaaaaaaa", "a@b.vn").is_err());
        assert!(check_policy("password", "a@b.vn.vn", "a@b.vn.vn").is_err());
        assert!(check_policy("password", "cà phê sữa đá", "a@b.vn").is_ok());
    }
}
