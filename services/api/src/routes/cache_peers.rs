//! Keeps the response caches of replicas honest with each other.
//!
//! In the scaled-out setup several `serve` replicas share one PostgreSQL
//! database, and each keeps its own [`ResponseCache`]. A write through one
//! replica moves only that replica's cache to a new generation; another
//! could replay its old answer for the whole time to live. So the replicas
//! tell each other through PostgreSQL's `LISTEN`/`NOTIFY`:
//!
//! - a change here ([`ResponseCache::changed`]: a mutation, or a search-worker
//!   round that changed the index) sends one `NOTIFY` on [`CHANNEL`] after the
//!   write has committed, naming this replica; changes that pile up while one
//!   is being sent go out as one;
//! - every replica `LISTEN`s on its own connection and drops its kept answers
//!   when another replica's notification arrives (its own changes already
//!   did), and also whenever that connection was lost and re-established,
//!   since notifications sent meanwhile are gone.
//!
//! Both use a connection of their own, outside the request pool, so they
//! never wait behind requests nor show in the per-request statement counts.
//! SQLite is one process: it needs none of this.

use std::sync::{Arc, Weak};
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgNotification, PgPoolOptions};
use tokio::sync::mpsc;

use super::response_cache::ResponseCache;

/// The notification channel every replica of one database listens on.
pub const CHANNEL: &str = "coopbridge_response_cache";

/// Connects `cache` to the other replicas on the PostgreSQL database at
/// `database_url`; does nothing on SQLite.
pub fn connect(cache: &Arc<ResponseCache>, database_url: &str) {
    if !database_url.starts_with("postgres") {
        return;
    }
    let (changes, pending) = mpsc::unbounded_channel();
    cache.set_peers(changes);
    let replica = uuid::Uuid::new_v4().to_string();
    tokio::spawn(announce(database_url.to_owned(), replica.clone(), pending));
    tokio::spawn(listen(database_url.to_owned(), replica, Arc::downgrade(cache)));
}

/// Sends one `NOTIFY` for every batch of local changes, for as long as the
/// cache lives.
async fn announce(database_url: String, replica: String, mut pending: mpsc::UnboundedReceiver<()>) {
    let pool = match PgPoolOptions::new().max_connections(1).connect_lazy(&database_url) {
        Ok(pool) => pool,
        Err(error) => {
            tracing::error!(%error, "response cache: cannot tell other replicas about writes");
            return;
        }
    };
    while pending.recv().await.is_some() {
        while pending.try_recv().is_ok() {}
        let sent = sea_orm::sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(&replica)
            .execute(&pool)
            .await;
        if let Err(error) = sent {
            tracing::warn!(%error, "response cache: could not tell other replicas about a write");
        }
    }
}

/// Listens for other replicas' writes until the cache is gone, reconnecting
/// after a failure.
async fn listen(database_url: String, replica: String, cache: Weak<ResponseCache>) {
    loop {
        let error = match listen_once(&database_url, &replica, &cache).await {
            Ok(()) => return,
            Err(error) => error,
        };
        tracing::warn!(%error, "response cache: not hearing other replicas' writes; retrying in 1 s");
        match cache.upgrade() {
            Some(cache) => cache.invalidate(),
            None => return,
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// `Ok` once the cache is gone; `Err` when the listening connection fails
/// beyond what the listener re-establishes by itself.
async fn listen_once(
    database_url: &str,
    replica: &str,
    cache: &Weak<ResponseCache>,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect(database_url).await?;
    listener.listen(CHANNEL).await?;
    // Whatever was written before the LISTEN took effect went unheard.
    let mut heard = None;
    loop {
        let Some(cache) = cache.upgrade() else {
            return Ok(());
        };
        // `None`: the connection was lost and is back; what was sent
        // meanwhile went unheard. Our own notes change nothing new.
        if heard.as_ref().is_none_or(|n: &PgNotification| n.payload() != replica) {
            cache.invalidate();
        }
        drop(cache);
        heard = listener.try_recv().await?;
    }
}
