//! When a failed request is sent again, and after how long.
//!
//! The rule, by what the request does ([`RequestKind`]):
//!
//! | failure                               | Read (GET) | Change (PATCH, PUT, DELETE, sign-out) | Create (POST that creates, sign-in/up) |
//! | ------------------------------------- | ---------- | ------------------------------------- | -------------------------------------- |
//! | 429, 503                              | retry      | retry                                 | never                                  |
//! | 500, 502, 504                         | retry      | never                                 | never                                  |
//! | no connection made / connection broke | retry      | never                                 | never                                  |
//! | timeout                               | never      | never                                 | never                                  |
//! | anything else                         | never      | never                                 | never                                  |
//!
//! A 429 or 503 is the server saying it did not act on the request, so even a change
//! may be repeated; any other failure of a change may have happened after the change
//! was made. A create is never repeated, whatever the failure: a second attempt could
//! make a second token or organization. A timeout is not repeated either: it has
//! already used the whole request budget, and the person should decide.
//!
//! Waits grow exponentially with jitter (`base · 2^(n-1)`, capped, then scaled by a
//! random factor in [0.5, 1]) unless the server sent `Retry-After`, which is honoured
//! up to [`RetryPolicy::max_retry_after`]; a longer wait ends the retries at once, so
//! the person sees "try again in N s" instead of a frozen screen.

use std::time::Duration;

/// What a request does on the server, which decides whether it may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// Reads only (GET): sending it twice changes nothing.
    Read,
    /// Changes or removes something that exists (PATCH, PUT, DELETE, sign-out).
    Change,
    /// Creates something (a POST: organization, project, token, browser token,
    /// invite, sign-up, sign-in session). Never sent twice.
    Create,
}

/// How many attempts a request gets and how long to wait between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// The wait before the first retry, before jitter.
    pub base_delay: Duration,
    /// The longest computed wait.
    pub max_delay: Duration,
    /// The longest `Retry-After` waited for; a longer one ends the retries.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms doubling up to 2 s, `Retry-After` honoured up to 5 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(5),
        }
    }
}

/// Why an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The server answered with an error status.
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// No HTTP answer at all.
    Transport(TransportFailure),
}

/// How an attempt failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TransportFailure {
    /// No connection could be made, so nothing was sent.
    NoConnection,
    /// The connection broke after the request went out.
    ConnectionLost,
    /// No answer within the request timeout.
    Timeout,
}

impl RetryPolicy {
    /// No retries at all.
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
        max_retry_after: Duration::ZERO,
    };

    /// The wait before the next attempt, or `None` to give up. `attempts_made`
    /// counts the attempts so far (1 after the first); `jitter` is in [0, 1].
    pub(crate) fn next_delay(
        &self,
        kind: RequestKind,
        failure: Failure,
        attempts_made: u32,
        jitter: f64,
    ) -> Option<Duration> {
        if attempts_made >= self.max_attempts || !may_repeat(kind, failure) {
            return None;
        }
        match failure {
            Failure::Status {
                retry_after: Some(wait),
                ..
            } => (wait <= self.max_retry_after).then_some(wait),
            _ => Some(self.backoff(attempts_made, jitter)),
        }
    }

    /// `base · 2^(attempts_made - 1)`, capped at `max_delay`, scaled into [½, 1].
    fn backoff(&self, attempts_made: u32, jitter: f64) -> Duration {
        let doublings = attempts_made.saturating_sub(1).min(16);
        let exponential = self
            .base_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay);
        exponential.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

/// The table in the module docs.
fn may_repeat(kind: RequestKind, failure: Failure) -> bool {
    let server_did_nothing = matches!(
        failure,
        Failure::Status {
            status: 429 | 503,
            ..
        }
    );
    match kind {
        RequestKind::Create => false,
        RequestKind::Change => server_did_nothing,
        RequestKind::Read => {
            server_did_nothing
                || matches!(
                    failure,
                    Failure::Status {
                        status: 500 | 502 | 504,
                        ..
                    } | Failure::Transport(
                        TransportFailure::NoConnection | TransportFailure::ConnectionLost
                    )
                )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(2),
        max_retry_after: Duration::from_secs(5),
    };

    const NO_CONNECTION: Failure = Failure::Transport(TransportFailure::NoConnection);
    const CONNECTION_LOST: Failure = Failure::Transport(TransportFailure::ConnectionLost);
    const TIMEOUT: Failure = Failure::Transport(TransportFailure::Timeout);

    fn status(status: u16) -> Failure {
        Failure::Status {
            status,
            retry_after: None,
        }
    }

    fn retries(kind: RequestKind, failure: Failure) -> bool {
        POLICY.next_delay(kind, failure, 1, 0.5).is_some()
    }

    #[test]
    fn creates_are_never_repeated() {
        for failure in [
            status(429),
            status(503),
            status(500),
            NO_CONNECTION,
            CONNECTION_LOST,
            TIMEOUT,
        ] {
            assert!(!retries(RequestKind::Create, failure), "{failure:?}");
        }
    }

    #[test]
    fn changes_are_repeated_only_when_the_server_did_nothing() {
        assert!(retries(RequestKind::Change, status(429)));
        assert!(retries(RequestKind::Change, status(503)));
        for failure in [
            status(500),
            status(502),
            status(504),
            NO_CONNECTION,
            CONNECTION_LOST,
            TIMEOUT,
        ] {
            assert!(!retries(RequestKind::Change, failure), "{failure:?}");
        }
    }

    #[test]
    fn reads_are_repeated_on_transient_failures() {
        for failure in [
            status(429),
            status(500),
            status(502),
            status(503),
            status(504),
            NO_CONNECTION,
            CONNECTION_LOST,
        ] {
            assert!(retries(RequestKind::Read, failure), "{failure:?}");
        }
        for failure in [status(400), status(401), status(404), status(501), TIMEOUT] {
            assert!(!retries(RequestKind::Read, failure), "{failure:?}");
        }
    }

    #[test]
    fn attempts_are_bounded() {
        let read = RequestKind::Read;
        assert!(POLICY.next_delay(read, status(500), 2, 0.0).is_some());
        assert!(POLICY.next_delay(read, status(500), 3, 0.0).is_none());
        assert!(
            RetryPolicy::NEVER
                .next_delay(read, status(500), 1, 0.0)
                .is_none()
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_and_a_cap() {
        let read = RequestKind::Read;
        let wait = |attempts, jitter| {
            let policy = RetryPolicy {
                max_attempts: 10,
                ..POLICY
            };
            policy.next_delay(read, status(500), attempts, jitter)
        };
        assert_eq!(wait(1, 1.0), Some(Duration::from_millis(200)));
        assert_eq!(wait(1, 0.0), Some(Duration::from_millis(100)));
        assert_eq!(wait(2, 1.0), Some(Duration::from_millis(400)));
        assert_eq!(wait(3, 1.0), Some(Duration::from_millis(800)));
        assert_eq!(wait(5, 1.0), Some(Duration::from_secs(2)));
        assert_eq!(wait(9, 0.0), Some(Duration::from_secs(1)));
        assert_eq!(
            wait(1, 7.0),
            Some(Duration::from_millis(200)),
            "jitter is clamped"
        );
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let limited = |seconds| Failure::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(seconds)),
        };
        assert_eq!(
            POLICY.next_delay(RequestKind::Read, limited(2), 1, 0.0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            POLICY.next_delay(RequestKind::Change, limited(5), 1, 0.0),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            POLICY.next_delay(RequestKind::Read, limited(6), 1, 0.0),
            None
        );
        assert_eq!(
            POLICY.next_delay(RequestKind::Create, limited(1), 1, 0.0),
            None
        );
    }
}
