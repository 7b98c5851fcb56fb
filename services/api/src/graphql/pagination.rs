//! Relay cursor connections over the domain's keyset pages.

use std::future::Future;

use async_graphql::OutputType;
use async_graphql::connection::{Connection, Edge};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use coopbridge_domain::pagination::{CursorKey, Page, PageRequest};
use coopbridge_domain::{Error, ErrorCode};

use crate::graphql::errors::query_error;

/// Cursors are opaque to clients; they wrap the row's sort key as JSON.
fn encode_cursor(key: &CursorKey) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).expect("cursor keys serialize"))
}

fn decode_cursor(cursor: &str) -> Result<CursorKey, Error> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| Error::field("after", ErrorCode::InvalidFormat, "not a cursor from this API"))
}

/// Validates `first` and `after` into a page request.
pub fn page_request(first: Option<i32>, after: Option<String>) -> Result<PageRequest, Error> {
    let after = after.as_deref().map(decode_cursor).transpose()?;
    PageRequest::new(first, after)
}

/// Builds a connection from a page, keying each edge by `key`.
pub fn connection<T, N: OutputType>(
    page: Page<T>,
    key: impl Fn(&T) -> CursorKey,
    node: impl Fn(T) -> N,
) -> Connection<String, N> {
    let mut connection = Connection::new(page.has_previous_page, page.has_next_page);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|item| Edge::new(encode_cursor(&key(&item)), node(item))),
    );
    connection
}

/// What every list resolver does: validates `first` and `after`, reads that
/// page through `read`, and answers it as a connection keyed by `key`.
pub async fn paged<T, N: OutputType, F>(
    first: Option<i32>,
    after: Option<String>,
    read: impl FnOnce(PageRequest) -> F,
    key: impl Fn(&T) -> CursorKey,
    node: impl Fn(T) -> N,
) -> async_graphql::Result<Connection<String, N>>
where
    F: Future<Output = coopbridge_domain::Result<Page<T>>>,
{
    let page = page_request(first, after).map_err(query_error)?;
    let rows = read(page).await.map_err(query_error)?;
    Ok(connection(rows, key, node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected_naming_after() {
        let key = CursorKey::sorted(4711, coopbridge_domain::pagination::SortValue::Text("Mật ong".into()));
        assert_eq!(decode_cursor(&encode_cursor(&key)).unwrap(), key);
        let Err(Error::Invalid(errors)) = page_request(None, Some("nonsense!".into())) else {
            panic!()
        };
        assert_eq!(errors[0].field, "after");
    }

    #[test]
    fn first_over_the_cap_is_rejected_naming_first() {
        let Err(Error::Invalid(errors)) = page_request(Some(101), None) else {
            panic!()
        };
        assert_eq!(errors[0].field, "first");
        assert!(page_request(Some(100), None).is_ok());
    }
}
