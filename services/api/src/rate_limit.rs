//! Rate limits on sign-in (per email and per client IP) and on inquiries (per
//! account), with `governor`'s keyed GCRA limiters. They live in the process:
//! with N replicas each allows its own quota, so set them per replica.

use std::net::IpAddr;
use std::num::NonZeroU32;

use coopbridge_domain::Error;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct RateLimits {
    sign_in_per_email: DefaultKeyedRateLimiter<String>,
    sign_in_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    inquiries_per_account: DefaultKeyedRateLimiter<i32>,
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
    /// Each quota is also its burst: `n` attempts at once, then one more per `1/n` of the period.
    pub fn new(sign_in_per_minute: u32, sign_in_per_ip_per_minute: u32, inquiries_per_hour: u32) -> Self {
        Self {
            sign_in_per_email: RateLimiter::keyed(Quota::per_minute(nonzero(sign_in_per_minute))),
            sign_in_per_ip: RateLimiter::keyed(Quota::per_minute(nonzero(sign_in_per_ip_per_minute))),
            inquiries_per_account: RateLimiter::keyed(Quota::per_hour(nonzero(inquiries_per_hour))),
        }
    }

    /// Counts a sign-in attempt against the email and the client address.
    pub fn check_sign_in(&self, email: &str, ip: Option<IpAddr>) -> Result<(), Error> {
        let key = email.trim().to_lowercase();
        refused(self.sign_in_per_email.check_key(&key))?;
        if let Some(ip) = ip {
            refused(self.sign_in_per_ip.check_key(&ip))?;
        }
        Ok(())
    }

    pub fn check_inquiry(&self, account_id: i32) -> Result<(), Error> {
        refused(self.inquiries_per_account.check_key(&account_id))
    }

    /// Forgets keys whose quota is full again, so memory stays bounded.
    pub fn retain_recent(&self) {
        self.sign_in_per_email.retain_recent();
        self.sign_in_per_ip.retain_recent();
        self.inquiries_per_account.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_is_a_burst_then_refused_per_key() {
        let limits = RateLimits::new(2, 3, 1);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(limits.check_sign_in("Lan@example.vn", Some(ip)).is_ok());
        assert!(limits.check_sign_in("lan@example.vn ", Some(ip)).is_ok());
        assert!(matches!(
            limits.check_sign_in("lan@example.vn", Some(ip)),
            Err(Error::RateLimited { .. })
        ));
        // Other emails from the same address share its quota of 3.
        assert!(limits.check_sign_in("minh@example.vn", Some(ip)).is_ok());
        assert!(limits.check_sign_in("hoa@example.vn", Some(ip)).is_err());
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        assert!(limits.check_sign_in("hoa@example.vn", Some(other)).is_ok());
        assert!(limits.check_inquiry(1).is_ok());
        assert!(limits.check_inquiry(1).is_err());
        assert!(limits.check_inquiry(2).is_ok());
    }
}
