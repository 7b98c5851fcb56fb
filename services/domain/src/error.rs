//! The domain's one error type. The API maps it to the wire in exactly one place.

use sea_orm::{DbErr, SqlErr};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable, machine-readable error codes. Clients switch on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// A required value is missing or blank.
    Required,
    /// A value does not have the expected shape (email, phone, code…).
    InvalidFormat,
    /// A value is too short, too long, too small or too large.
    OutOfRange,
    /// A referenced object (province, organization…) does not exist.
    NotFound,
    /// The value must be unique and is already taken.
    AlreadyExists,
    /// The password is too weak.
    WeakPassword,
    /// A new password is shorter than 10 characters.
    PasswordTooShort,
    /// A new password is one of the most common passwords.
    PasswordTooCommon,
    /// Sign-in failed: unknown email or wrong password (never says which).
    InvalidCredentials,
    /// The account was disabled by an administrator.
    AccountDisabled,
    /// The action needs a signed-in account.
    Unauthenticated,
    /// The signed-in account may not do this.
    Forbidden,
    /// The bearer token is not one we issued.
    TokenInvalid,
    /// The bearer token has expired; sign in again.
    TokenExpired,
    /// The bearer token was revoked by signing out.
    TokenRevoked,
    /// A service we depend on (the database, the search engine) is down or
    /// too slow; retry in a moment. When only search is down, writes still work.
    Unavailable,
    /// The object's current state does not allow this change (e.g. replying to a closed inquiry).
    InvalidState,
    /// Too many attempts in a short time; wait and try again.
    RateLimited,
    /// Something failed on our side; the request id in the logs tells which.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "REQUIRED",
            ErrorCode::InvalidFormat => "INVALID_FORMAT",
            ErrorCode::OutOfRange => "OUT_OF_RANGE",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::AlreadyExists => "ALREADY_EXISTS",
            ErrorCode::WeakPassword => "WEAK_PASSWORD",
            ErrorCode::PasswordTooShort => "PASSWORD_TOO_SHORT",
            ErrorCode::PasswordTooCommon => "PASSWORD_TOO_COMMON",
            ErrorCode::InvalidCredentials => "INVALID_CREDENTIALS",
            ErrorCode::AccountDisabled => "ACCOUNT_DISABLED",
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::TokenInvalid => "TOKEN_INVALID",
            ErrorCode::TokenExpired => "TOKEN_EXPIRED",
            ErrorCode::TokenRevoked => "TOKEN_REVOKED",
            ErrorCode::Unavailable => "UNAVAILABLE",
            ErrorCode::InvalidState => "INVALID_STATE",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// A problem with one input field. `field` is the input's name as the client
/// sent it (camelCase), e.g. `email` or `provinceCode`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more inputs are invalid; nothing was written.
    #[error("invalid input: {}", .0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", "))]
    Invalid(Vec<FieldError>),
    #[error("unknown email or wrong password")]
    InvalidCredentials,
    #[error("this account is disabled")]
    AccountDisabled,
    #[error("sign in first")]
    Unauthenticated,
    #[error("not allowed to {action}")]
    Forbidden { action: &'static str },
    #[error("the bearer token is not valid")]
    TokenInvalid,
    #[error("the bearer token has expired")]
    TokenExpired,
    #[error("the bearer token was revoked")]
    TokenRevoked,
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    /// Details stay in the logs; clients only ever see `INTERNAL`. (A
    /// database that cannot be reached becomes [`Error::Unavailable`]
    /// instead, see the `From<DbErr>` impl.)
    #[error("database error: {0}")]
    Database(DbErr),
    #[error("internal error: {0}")]
    Internal(String),
    /// Logged with its cause; clients see `UNAVAILABLE`.
    #[error("unavailable: {0}")]
    Unavailable(String),
}

impl Error {
    pub fn field(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, code, message)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(errors) => errors.first().map_or(ErrorCode::InvalidFormat, |e| e.code),
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::AccountDisabled => ErrorCode::AccountDisabled,
            Error::Unauthenticated => ErrorCode::Unauthenticated,
            Error::Forbidden { .. } => ErrorCode::Forbidden,
            Error::TokenInvalid => ErrorCode::TokenInvalid,
            Error::TokenExpired => ErrorCode::TokenExpired,
            Error::TokenRevoked => ErrorCode::TokenRevoked,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::RateLimited { .. } => ErrorCode::RateLimited,
            Error::Database(_) | Error::Internal(_) => ErrorCode::Internal,
            Error::Unavailable(_) => ErrorCode::Unavailable,
        }
    }

    /// True when the fault is ours, not the client's: logged as an error.
    pub fn is_internal(&self) -> bool {
        matches!(self, Error::Database(_) | Error::Internal(_))
    }
}

impl From<DbErr> for Error {
    /// A database that is down, restarting or cut the connection is a
    /// temporary outage (`UNAVAILABLE`, retry later), not a bug on our side:
    /// the cause is logged here and the client gets a plain message.
    fn from(error: DbErr) -> Self {
        if is_unreachable(&error) {
            tracing::warn!(%error, "database unreachable");
            Error::Unavailable("the database is unreachable; retry in a moment".to_owned())
        } else {
            Error::Database(error)
        }
    }
}

/// True when the database could not be reached or dropped the connection
/// (server stopped, restarting, network cut), as opposed to refusing a
/// statement. PostgreSQL reports its shutdown with SQLSTATE classes 08
/// (connection exception) and 57P (operator intervention).
pub fn is_unreachable(error: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let sqlx_error = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e,
        DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx_error.as_ref() {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Collects field errors so one request reports every bad field at once.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &str, code: ErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// Records the error of a check that failed, keeping its value otherwise.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    /// True while no check has failed.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }
}

pub trait ResultExt<T> {
    /// Turns a unique-constraint violation into a field error naming `field`.
    fn on_unique_violation(self, field: &str, message: &str) -> Result<T>;
}

impl<T> ResultExt<T> for std::result::Result<T, DbErr> {
    fn on_unique_violation(self, field: &str, message: &str) -> Result<T> {
        self.map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Error::field(field, ErrorCode::AlreadyExists, message),
            _ => Error::from(e),
        })
    }
}
