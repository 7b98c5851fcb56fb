//! Rate limits on password guesses (sign-in and password change) and on
//! inquiries (per account). On SQLite (one process) they are `governor`'s
//! keyed GCRA limiters in memory. On PostgreSQL, where several replicas may
//! share the database, the same GCRA buckets live in the database
//! (`coopbridge_domain::rate_limits`), so a limit holds across replicas
//! instead of allowing N times the quota.
//!
//! Sign-in is limited per (email, client address) pair and per client
//! address overall. A per-email limit alone let anyone lock the real user out
//! with 10 wrong attempts from anywhere; a pair keeps a guesser on one address
//! from trying many passwords on one account while the owner, elsewhere,
//! signs in. The per-address limit bounds one address spraying many emails.
//! IPv6 clients are keyed by their /64: one subscriber usually holds a whole
//! /64 and could otherwise rotate through 2^64 addresses.

use std::net::IpAddr;
use std::num::NonZeroU32;

use std::time::Duration;

use coopbridge_domain::Error;
use coopbridge_domain::rate_limits::{self as shared, Quota as SharedQuota};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::DatabaseConnection;

/// The part of a client address that identifies one client: an IPv4
/// address, or an IPv6 /64 prefix (IPv4-mapped IPv6 counts as IPv4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    V4(u32),
    V6Prefix(u64),
    /// No address known (an in-process request): one shared bucket.
    Unknown,
}

impl ClientKey {
    pub fn of(ip: Option<IpAddr>) -> Self {
        match ip {
            None => ClientKey::Unknown,
            Some(IpAddr::V4(v4)) => ClientKey::V4(v4.into()),
            Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::V4(v4.into()),
                None => ClientKey::V6Prefix((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

pub struct RateLimits {
    sign_in_per_email_and_client: DefaultKeyedRateLimiter<(String, ClientKey)>,
    /// Shared by sign-in and password change: guesses of any password from one client.
    passwords_per_client: DefaultKeyedRateLimiter<ClientKey>,
    change_password_per_account: DefaultKeyedRateLimiter<i32>,
    inquiries_per_account: DefaultKeyedRateLimiter<i32>,
    /// The same quotas for the buckets in the database.
    quotas: [SharedQuota; 3],
    /// The PostgreSQL database whose buckets every replica shares; `None`:
    /// the in-memory limiters above.
    shared: Option<DatabaseConnection>,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RateLimits")
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::new(10, 30, 20)
    }
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).expect("at least 1")
}

fn refused(outcome: Result<(), governor::NotUntil<<DefaultClock as Clock>::Instant>>) -> Result<(), Error> {
    outcome.map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Error::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        }
    })
}

impl RateLimits {
    /// Each quota is also its burst: `n` attempts at once, then one more per
    /// `1/n` of the period. `sign_in_per_minute` applies per (email, client)
    /// and to password changes per account; `per_client_per_minute` to all
    /// password attempts of one client.
    pub fn new(sign_in_per_minute: u32, per_client_per_minute: u32, inquiries_per_hour: u32) -> Self {
        let quota = |n: u32, period: Duration| SharedQuota {
            burst: n.max(1),
            period,
        };
        Self {
            sign_in_per_email_and_client: RateLimiter::keyed(Quota::per_minute(nonzero(sign_in_per_minute))),
            passwords_per_client: RateLimiter::keyed(Quota::per_minute(nonzero(per_client_per_minute))),
            change_password_per_account: RateLimiter::keyed(Quota::per_minute(nonzero(sign_in_per_minute))),
            inquiries_per_account: RateLimiter::keyed(Quota::per_hour(nonzero(inquiries_per_hour))),
            quotas: [
                quota(sign_in_per_minute, Duration::from_secs(60)),
                quota(per_client_per_minute, Duration::from_secs(60)),
                quota(inquiries_per_hour, Duration::from_secs(3600)),
            ],
            shared: None,
        }
    }

    /// Keeps the buckets in `db` when it is PostgreSQL (replicas share it).
    pub fn shared_through(mut self, db: &DatabaseConnection) -> Self {
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            self.shared = Some(db.clone());
        }
        self
    }

    /// Counts a sign-in attempt against the (email, client) pair and the client.
    pub async fn check_sign_in(&self, email: &str, ip: Option<IpAddr>) -> Result<(), Error> {
        let client = ClientKey::of(ip);
        let email = email.trim().to_lowercase();
        let [per_account, per_client, _] = self.quotas;
        if let Some(db) = &self.shared {
            shared::take(db, &format!("sign-in {email} {client:?}"), per_account).await?;
            return shared::take(db, &format!("passwords {client:?}"), per_client).await;
        }
        refused(self.sign_in_per_email_and_client.check_key(&(email, client)))?;
        refused(self.passwords_per_client.check_key(&client))
    }

    /// Counts a password change (a guess of the current password) against the
    /// account and the client, before the costly check runs.
    pub async fn check_change_password(&self, account_id: i32, ip: Option<IpAddr>) -> Result<(), Error> {
        let client = ClientKey::of(ip);
        let [per_account, per_client, _] = self.quotas;
        if let Some(db) = &self.shared {
            shared::take(db, &format!("change-password {account_id}"), per_account).await?;
            return shared::take(db, &format!("passwords {client:?}"), per_client).await;
        }
        refused(self.change_password_per_account.check_key(&account_id))?;
        refused(self.passwords_per_client.check_key(&client))
    }

    pub async fn check_inquiry(&self, account_id: i32) -> Result<(), Error> {
        if let Some(db) = &self.shared {
            return shared::take(db, &format!("inquiries {account_id}"), self.quotas[2]).await;
        }
        refused(self.inquiries_per_account.check_key(&account_id))
    }

    /// Forgets keys whose quota is full again, so memory (or the table) stays bounded.
    pub async fn retain_recent(&self) {
        self.sign_in_per_email_and_client.retain_recent();
        self.passwords_per_client.retain_recent();
        self.change_password_per_account.retain_recent();
        self.inquiries_per_account.retain_recent();
        if let Some(db) = &self.shared
            && let Err(error) = shared::sweep(db).await
        {
            tracing::warn!(%error, "could not sweep the rate-limit buckets");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[tokio::test]
    async fn the_quota_is_a_burst_then_refused_per_key() {
        let limits = RateLimits::new(2, 3, 1);
        let here = ip("192.0.2.7");
        assert!(limits.check_sign_in("Lan@example.vn", here).await.is_ok());
        assert!(limits.check_sign_in("lan@example.vn ", here).await.is_ok());
        assert!(matches!(
            limits.check_sign_in("lan@example.vn", here).await,
            Err(Error::RateLimited { .. })
        ));
        // Other emails from the same address share its quota of 3.
        assert!(limits.check_sign_in("minh@example.vn", here).await.is_ok());
        assert!(limits.check_sign_in("hoa@example.vn", here).await.is_err());
        assert!(limits.check_sign_in("hoa@example.vn", ip("192.0.2.8")).await.is_ok());
        assert!(limits.check_inquiry(1).await.is_ok());
        assert!(limits.check_inquiry(1).await.is_err());
        assert!(limits.check_inquiry(2).await.is_ok());
    }

    #[tokio::test]
    async fn wrong_attempts_from_one_address_do_not_lock_the_email_out_elsewhere() {
        let limits = RateLimits::new(2, 100, 1);
        for _ in 0..2 {
            assert!(limits.check_sign_in("lan@example.vn", ip("198.51.100.1")).await.is_ok());
        }
        assert!(
            limits
                .check_sign_in("lan@example.vn", ip("198.51.100.1"))
                .await
                .is_err()
        );
        assert!(limits.check_sign_in("lan@example.vn", ip("203.0.113.9")).await.is_ok());
    }

    #[tokio::test]
    async fn ipv6_clients_are_keyed_by_their_64_prefix() {
        let a = ClientKey::of(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientKey::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        let other = ClientKey::of(ip("2001:db8:1:3::1"));
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(ClientKey::of(ip("::ffff:192.0.2.7")), ClientKey::of(ip("192.0.2.7")));
        // And so they share one bucket.
        let limits = RateLimits::new(1, 100, 1);
        assert!(
            limits
                .check_sign_in("lan@example.vn", ip("2001:db8:1:2::1"))
                .await
                .is_ok()
        );
        assert!(
            limits
                .check_sign_in("lan@example.vn", ip("2001:db8:1:2::2"))
                .await
                .is_err()
        );
        assert!(
            limits
                .check_sign_in("lan@example.vn", ip("2001:db8:1:3::1"))
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn password_changes_are_limited_per_account_and_per_client() {
        let limits = RateLimits::new(2, 3, 1);
        assert!(limits.check_change_password(7, ip("192.0.2.1")).await.is_ok());
        assert!(limits.check_change_password(7, ip("192.0.2.2")).await.is_ok());
        assert!(matches!(
            limits.check_change_password(7, ip("192.0.2.3")).await,
            Err(Error::RateLimited { retry_after_secs }) if retry_after_secs >= 1
        ));
        // Guesses against other accounts from one client share its quota.
        assert!(limits.check_change_password(8, ip("192.0.2.9")).await.is_ok());
        assert!(limits.check_change_password(9, ip("192.0.2.9")).await.is_ok());
        assert!(limits.check_change_password(10, ip("192.0.2.9")).await.is_ok());
        assert!(limits.check_change_password(11, ip("192.0.2.9")).await.is_err());
    }
}
