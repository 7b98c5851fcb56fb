//! How the API's DataLoaders are written. Each batches one key type into one
//! domain batch read (one or two statements whatever the number of keys) and
//! is declared with [`batch_loader!`]; resolvers fetch through
//! [`load_object`] and [`load_objects`], which wrap the rows as GraphQL
//! objects. The per-request registry of loaders is `context::Loaders`.

use std::collections::HashMap;
use std::hash::Hash;

use async_graphql::dataloader::{DataLoader, Loader};

pub type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

/// Rows under their key, one row per key.
pub fn by_key<K: Hash + Eq, V>(rows: impl IntoIterator<Item = V>, key: impl Fn(&V) -> K) -> HashMap<K, V> {
    rows.into_iter().map(|row| (key(&row), row)).collect()
}

/// Rows under their key, many per key, in the order the read returned them.
pub fn grouped<K: Hash + Eq, V>(pairs: impl IntoIterator<Item = (K, V)>) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = HashMap::new();
    for (key, value) in pairs {
        map.entry(key).or_default().push(value);
    }
    map
}

/// Declares a DataLoader `Name` over one domain batch read
/// `read(db, keys) -> domain::Result<rows>`, and says how the rows answer
/// the keys:
/// - `one_by |row| key`: one row per key;
/// - `many_by |row| (key, value)`: many per key;
/// - `pairs`: the read returns `(key, row)` pairs, many per key;
/// - nothing: the read returns the map itself.
macro_rules! batch_loader {
    (@loader $(#[$meta:meta])* $name:ident($key:ty) -> $value:ty = $read:path, |$rows:ident| $answer:expr) => {
        $(#[$meta])*
        pub struct $name(pub sea_orm::DatabaseConnection);

        impl async_graphql::dataloader::Loader<$key> for $name {
            type Value = $value;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> $crate::graphql::dataloader::LoadResult<$key, $value> {
                let $rows = $read(&self.0, keys)
                    .await
                    .map_err($crate::graphql::errors::query_error)?;
                Ok($answer)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident($key:ty) -> $value:ty = $read:path, one_by |$row:ident| $row_key:expr) => {
        $crate::graphql::dataloader::batch_loader!(@loader $(#[$meta])* $name($key) -> $value = $read,
            |rows| $crate::graphql::dataloader::by_key(rows, |$row| $row_key));
    };
    ($(#[$meta:meta])* $name:ident($key:ty) -> $value:ty = $read:path, many_by |$row:ident| $pair:expr) => {
        $crate::graphql::dataloader::batch_loader!(@loader $(#[$meta])* $name($key) -> $value = $read,
            |rows| $crate::graphql::dataloader::grouped(rows.into_iter().map(|$row| $pair)));
    };
    ($(#[$meta:meta])* $name:ident($key:ty) -> $value:ty = $read:path, pairs) => {
        $crate::graphql::dataloader::batch_loader!(@loader $(#[$meta])* $name($key) -> $value = $read,
            |rows| $crate::graphql::dataloader::grouped(rows));
    };
    ($(#[$meta:meta])* $name:ident($key:ty) -> $value:ty = $read:path) => {
        $crate::graphql::dataloader::batch_loader!(@loader $(#[$meta])* $name($key) -> $value = $read, |rows| rows);
    };
}

pub(crate) use batch_loader;

/// A new loader that waits `delay` to collect keys before it reads: longer
/// batches more reliably, shorter answers sooner.
pub fn loader<T>(inner: T, delay: std::time::Duration) -> DataLoader<T> {
    DataLoader::new(inner, tokio::spawn).delay(delay)
}

/// The row of `key` (none when `key` is none) as its GraphQL object.
pub async fn load_object<L, K, T>(loader: &DataLoader<L>, key: impl Into<Option<K>>) -> async_graphql::Result<Option<T>>
where
    L: Loader<K, Error = async_graphql::Error>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: From<L::Value>,
{
    let Some(key) = key.into() else { return Ok(None) };
    Ok(loader.load_one(key).await?.map(T::from))
}

/// The rows of `key` as GraphQL objects (empty when it has none).
pub async fn load_objects<L, K, R, T>(loader: &DataLoader<L>, key: K) -> async_graphql::Result<Vec<T>>
where
    L: Loader<K, Value = Vec<R>, Error = async_graphql::Error>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: From<R>,
{
    let rows = loader.load_one(key).await?.unwrap_or_default();
    Ok(rows.into_iter().map(T::from).collect())
}
