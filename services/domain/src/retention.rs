//! How long data that only serves running the platform is kept, and the
//! daily job that deletes it after that. PRIVACY.md states the same
//! periods; change both together.
//!
//! | what | kept until |
//! |---|---|
//! | sign-in tokens | [`AUTH_TOKEN_DAYS`] days after they expired or were revoked |
//! | rate-limit counters | [`RATE_LIMIT_IDLE_HOURS`] hours after they last limited anyone |
//!
//! Notification and mail logs join this table when those features land;
//! there are no scan logs (a traceability scan is answered, not recorded).

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

use crate::entities::auth_token;
use crate::error::Result;

/// A token that expired or was revoked this many days ago is deleted: long
/// enough to look into a suspicious sign-in, short enough that old sessions
/// do not pile up.
pub const AUTH_TOKEN_DAYS: i64 = 30;
/// A rate-limit counter whose time passed this many hours ago is deleted
/// (it limits nobody any more; it holds a hash of an email or address).
pub const RATE_LIMIT_IDLE_HOURS: i64 = 24;
/// How often the job runs; the first run is at start.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// What one run deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub auth_tokens: u64,
    pub rate_limit_buckets: u64,
}

/// Deletes what is past its period at `now`. Idempotent, so replicas that
/// each run it do no harm.
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Purged> {
    let cutoff = now - chrono::Duration::days(AUTH_TOKEN_DAYS);
    let auth_tokens = auth_token::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(auth_token::Column::ExpiresAt.lt(cutoff))
                .add(auth_token::Column::RevokedAt.lt(cutoff)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let idle = (now - chrono::Duration::hours(RATE_LIMIT_IDLE_HOURS)).timestamp_micros();
    let backend = db.get_database_backend();
    let rate_limit_buckets = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => "DELETE FROM rate_limit_bucket WHERE tat_micros < $1",
                _ => "DELETE FROM rate_limit_bucket WHERE tat_micros < ?",
            },
            [idle.into()],
        ))
        .await?
        .rows_affected();
    Ok(Purged {
        auth_tokens,
        rate_limit_buckets,
    })
}

/// Runs [`purge`] now and then every [`EVERY`], logging what it deleted; a
/// failed run is logged and retried at the next one.
pub async fn run_daily(db: sea_orm::DatabaseConnection) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        match purge(&db, Utc::now()).await {
            Ok(done) => tracing::info!(
                auth_tokens = done.auth_tokens,
                rate_limit_buckets = done.rate_limit_buckets,
                "retention: purged expired data"
            ),
            Err(error) => tracing::warn!(%error, "retention: purge failed; retrying at the next run"),
        }
    }
}
