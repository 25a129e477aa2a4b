//! The sign-in rate limit: a sliding window of attempts per client IP and email.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many sign-in attempts one IP may make for one email within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Attempts allowed per window; 0 turns the limit off.
    pub max_attempts: u32,
    /// The window's length.
    pub window: Duration,
}

impl RateLimit {
    /// No limit at all.
    pub const OFF: RateLimit = RateLimit {
        max_attempts: 0,
        window: Duration::ZERO,
    };
}

impl Default for RateLimit {
    /// 10 attempts in 10 seconds: the platform limits to 3, but a test suite
    /// signing the same user in from parallel tests must not trip over it.
    fn default() -> Self {
        Self {
            max_attempts: 10,
            window: Duration::from_secs(10),
        }
    }
}

// Past this many tracked keys, stale ones are swept on the next attempt.
const SWEEP_THRESHOLD: usize = 4096;

/// Counts sign-in attempts and says when one is over the limit.
#[derive(Debug)]
pub struct SignInLimiter {
    limit: RateLimit,
    attempts: Mutex<HashMap<(IpAddr, String), VecDeque<Instant>>>,
}

impl SignInLimiter {
    /// A limiter enforcing `limit`.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt, or refuses it with how long to wait before the next.
    pub fn attempt(&self, ip: IpAddr, email: &str, now: Instant) -> Result<(), Duration> {
        if self.limit.max_attempts == 0 {
            return Ok(());
        }
        let window = self.limit.window;
        // A poisoned map only loses counts; limiting is best-effort, so go on.
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if attempts.len() > SWEEP_THRESHOLD {
            attempts.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let times = attempts.entry((ip, email.to_owned())).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            times.pop_front();
        }
        if times.len() >= self.limit.max_attempts as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn refuses_past_the_limit_then_recovers() {
        let limiter = SignInLimiter::new(RateLimit {
            max_attempts: 2,
            window: Duration::from_secs(10),
        });
        let start = Instant::now();
        assert!(limiter.attempt(IP, "a@x.io", start).is_ok());
        assert!(limiter.attempt(IP, "a@x.io", start).is_ok());
        let wait = limiter
            .attempt(IP, "a@x.io", start + Duration::from_secs(3))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(7));
        assert!(
            limiter.attempt(IP, "b@x.io", start).is_ok(),
            "other emails have their own window"
        );
        assert!(
            limiter
                .attempt(IP, "a@x.io", start + Duration::from_secs(10))
                .is_ok()
        );
    }

    #[test]
    fn off_never_refuses() {
        let limiter = SignInLimiter::new(RateLimit::OFF);
        let now = Instant::now();
        assert!((0..100).all(|_| limiter.attempt(IP, "a@x.io", now).is_ok()));
    }
}
