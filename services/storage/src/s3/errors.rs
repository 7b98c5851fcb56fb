//! How the SDK's errors become [`StorageError`]s: what is worth a retry, what
//! reads as "no such key", and messages that never carry a raw response.

use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};

use crate::StorageError;

pub(super) fn status<E>(err: &SdkError<E, HttpResponse>) -> Option<u16> {
    match err {
        SdkError::ServiceError(e) => Some(e.raw().status().as_u16()),
        _ => None,
    }
}

/// A 404 about the key, not about a bucket that vanished under us, which must
/// surface as an error rather than read as "no such file". (HEAD responses
/// carry no error code, so there a missing bucket also reads as absent.)
fn is_missing_key<E: ProvideErrorMetadata>(err: &SdkError<E, HttpResponse>) -> bool {
    status(err) == Some(404) && err.code() != Some("NoSuchBucket")
}

/// The answer of an operation on one key: `None` when the key is missing,
/// an error named after `operation` otherwise.
pub(super) fn found<T, E>(
    result: Result<T, SdkError<E, HttpResponse>>,
    operation: &str,
    key: &str,
) -> Result<Option<T>, StorageError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match result {
        Ok(output) => Ok(Some(output)),
        Err(e) if is_missing_key(&e) => Ok(None),
        Err(e) => Err(map_err(operation, key, e)),
    }
}

/// Names the operation, the target and the server's error code. The server's
/// free-text message is left out: it is not ours to vouch for, and the code
/// says enough to act on.
pub(super) fn map_err<E>(operation: &str, target: &str, err: SdkError<E, HttpResponse>) -> StorageError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match &err {
        SdkError::ServiceError(e) => {
            let status = e.raw().status();
            let code = err.code().unwrap_or("no error code");
            let message = format!("s3 {operation} {target}: {code} (HTTP {})", status.as_u16());
            if status.is_server_error() || status.as_u16() == 429 {
                StorageError::Unavailable(message)
            } else {
                StorageError::Other(message)
            }
        }
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            StorageError::Unavailable(format!("s3 {operation} {target}: {}", causes(&err)))
        }
        _ => StorageError::Other(format!("s3 {operation} {target}: {}", causes(&err))),
    }
}

/// The chain of `Display` messages only: the SDK's `Debug` forms can carry a
/// whole raw response.
pub(super) fn causes(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.ends_with(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}
