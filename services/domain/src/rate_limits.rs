//! Rate-limit buckets kept in PostgreSQL, so that replicas sharing one
//! database share their limits instead of each allowing the whole quota.
//! The rule is GCRA, the one the in-process limiter (`governor`) applies on
//! SQLite's single process: a quota of `n` per `period` allows a burst of
//! `n`, then one more every `period / n`.
//!
//! A bucket is one row: the key's SHA-256 (no email or address is stored in
//! clear) and its "theoretical arrival time" in microseconds since the Unix
//! epoch. Taking a cell is one conditional upsert, so two replicas racing on
//! one key cannot both take the last cell.

use std::time::Duration;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// `burst` attempts at once, then one more every `period / burst`.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub burst: u32,
    pub period: Duration,
}

impl Quota {
    fn interval_micros(self) -> i64 {
        (self.period.as_micros() / u128::from(self.burst.max(1))) as i64
    }
}

/// Takes one cell from `key`'s bucket: `Err(RateLimited)`, with the seconds
/// until a cell is free, when it is empty. One statement when allowed, two
/// when refused. PostgreSQL only.
pub async fn take(db: &impl ConnectionTrait, key: &str, quota: Quota) -> Result<()> {
    let interval = quota.interval_micros();
    let tolerance = interval * (i64::from(quota.burst.max(1)) - 1);
    let now = Utc::now().timestamp_micros();
    let key = hex::encode(Sha256::digest(key.as_bytes()));
    let taken = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO rate_limit_bucket (key, tat_micros) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET tat_micros = GREATEST(rate_limit_bucket.tat_micros, $3) + $4
             WHERE GREATEST(rate_limit_bucket.tat_micros, $3) <= $5
             RETURNING tat_micros",
            [
                key.clone().into(),
                (now + interval).into(),
                now.into(),
                interval.into(),
                (now + tolerance).into(),
            ],
        ))
        .await?;
    if taken.is_some() {
        return Ok(());
    }
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT tat_micros FROM rate_limit_bucket WHERE key = $1",
            [key.into()],
        ))
        .await?;
    let tat: i64 = match row {
        Some(row) => row.try_get("", "tat_micros")?,
        None => now,
    };
    let wait_micros = (tat - tolerance - now).max(0);
    Err(Error::RateLimited {
        retry_after_secs: (wait_micros as u64).div_ceil(1_000_000).max(1),
    })
}

/// Deletes buckets that are full again (as good as absent), so the table
/// stays as small as the set of recently limited keys.
pub async fn sweep(db: &impl ConnectionTrait) -> Result<u64> {
    let done = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "DELETE FROM rate_limit_bucket WHERE tat_micros < $1",
            [Utc::now().timestamp_micros().into()],
        ))
        .await?;
    Ok(done.rows_affected())
}
