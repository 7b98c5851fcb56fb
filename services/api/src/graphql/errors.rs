//! The one place where domain errors become GraphQL errors, and where they are logged.
//!
//! Mutations return payloads whose `errors` list holds [`UserError`]s: what the
//! client got wrong, with a stable `code` and the offending input `field`.
//! Queries fail with a top-level GraphQL error carrying `extensions.code`.
//! Faults on our side are logged in full and reach the client only as
//! `INTERNAL`, never with database text.

use async_graphql::{Enum, ErrorExtensions, SimpleObject};
use coopbridge_domain::{Error, ErrorCode as DomainCode};

/// Stable machine-readable error codes. Switch on these, never on `message`.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::ErrorCode")]
pub enum ErrorCode {
    /// A required value is missing or blank.
    Required,
    /// A value does not have the expected shape (email, phone, code, ID…).
    InvalidFormat,
    /// A number or text length is outside the allowed range (e.g. `first` over 100).
    OutOfRange,
    /// A referenced object (province, commune, organization, account) does not exist.
    NotFound,
    /// The value must be unique and is already taken.
    AlreadyExists,
    /// The new password is too long, a single repeated character or the
    /// account's email.
    WeakPassword,
    /// The new password has fewer than 10 characters.
    PasswordTooShort,
    /// The new password is one of the ~20,000 most common passwords.
    PasswordTooCommon,
    /// Sign-in failed: unknown email or wrong password (it never says which).
    InvalidCredentials,
    /// The account was disabled by an administrator.
    AccountDisabled,
    /// Sign in first: send `Authorization: Bearer <token>`.
    Unauthenticated,
    /// The signed-in account may not do this.
    Forbidden,
    /// The bearer token is not one Coopbridge issued.
    TokenInvalid,
    /// The bearer token has expired; sign in again.
    TokenExpired,
    /// The bearer token was revoked by signing out or a password change.
    TokenRevoked,
    /// The database or the search engine is down or too slow: retry in a
    /// moment. When only search is down, catalog writes still succeed and
    /// reach search once it is back.
    Unavailable,
    /// The object's current state does not allow this (e.g. accepting a closed
    /// inquiry, or an inquiry about an archived product).
    InvalidState,
    /// Too many attempts (sign-in, inquiries); wait and try again. The message
    /// says how many seconds.
    RateLimited,
    /// Something failed on our side; quote the `x-request-id` response header when reporting it.
    Internal,
}

/// Something the client must fix, returned in a mutation payload's `errors`.
#[derive(SimpleObject, Clone, Debug)]
pub struct UserError {
    /// Stable code to switch on.
    pub code: ErrorCode,
    /// The input field at fault (e.g. `email`, `provinceCode`), or null when
    /// the error concerns the whole request (e.g. `FORBIDDEN`).
    pub field: Option<String>,
    /// Human-readable explanation (English); show your own text per `code`.
    pub message: String,
}

fn log(error: &Error) {
    if error.is_internal() {
        tracing::error!(error = %error, "request failed");
    } else if let Error::Unavailable(_) = error {
        tracing::warn!(error = %error, "request failed: a dependency is unavailable");
    } else {
        tracing::info!(code = error.code().as_str(), error = %error, "request refused");
    }
}

/// Maps a domain error to payload errors. Internal faults become a top-level
/// error instead: the operation did not happen for reasons the client cannot fix.
pub fn payload_errors(error: Error) -> async_graphql::Result<Vec<UserError>> {
    log(&error);
    match error {
        Error::Invalid(fields) => Ok(fields
            .into_iter()
            .map(|f| UserError {
                code: f.code.into(),
                field: Some(f.field),
                message: f.message,
            })
            .collect()),
        e if e.is_internal() => Err(internal()),
        e => Ok(vec![UserError {
            code: e.code().into(),
            field: None,
            message: e.to_string(),
        }]),
    }
}

/// Maps a domain error to a top-level GraphQL error (for queries).
pub fn query_error(error: Error) -> async_graphql::Error {
    log(&error);
    if error.is_internal() {
        return internal();
    }
    let field = match &error {
        Error::Invalid(fields) => fields.first().map(|f| f.field.clone()),
        _ => None,
    };
    let message = match &error {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        e => e.to_string(),
    };
    async_graphql::Error::new(message).extend_with(|_, ext| {
        ext.set("code", error.code().as_str());
        if let Some(field) = &field {
            ext.set("field", field.as_str());
        }
    })
}

fn internal() -> async_graphql::Error {
    async_graphql::Error::new("internal error").extend_with(|_, ext| ext.set("code", DomainCode::Internal.as_str()))
}

/// Shorthand for resolvers: `domain_call().await.map_err(query_error)`.
pub trait QueryResultExt<T> {
    fn or_query_error(self) -> async_graphql::Result<T>;
}

impl<T> QueryResultExt<T> for Result<T, Error> {
    fn or_query_error(self) -> async_graphql::Result<T> {
        self.map_err(query_error)
    }
}
