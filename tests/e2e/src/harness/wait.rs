//! Waiting on conditions. Every wait polls a probe until it reports done or a deadline
//! passes; nothing in the suite sleeps for a fixed time and hopes. A timeout names what
//! was awaited and the last thing the probe saw, so a failure reads as a sentence.

use std::fmt::Display;
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use super::scan;

/// How long a UI condition may take by default. Generous because a 2-core CI box also
/// runs WebKit's web and network processes; a passing condition returns at once anyway.
pub const UI: Duration = Duration::from_secs(15);

/// How often a probe runs. Short enough to keep journeys fast, long enough not to flood
/// WebKitWebDriver with requests.
pub const POLL: Duration = Duration::from_millis(100);

/// What one look at the condition found.
pub enum Check<T> {
    /// The condition holds; here is what it produced.
    Done(T),
    /// Not yet; what was seen instead (shown if the deadline passes).
    Waiting(String),
}

/// Polls `probe` until it reports [`Check::Done`], or fails after `timeout` with the last
/// observation. A probe error counts as "not yet" (elements go stale while Svelte
/// re-renders) and is reported if it is still the last word at the deadline.
pub async fn until<T, F, Fut>(what: impl Display, timeout: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Check<T>>>,
{
    let mut deadline = Deadline::new(what, timeout);
    loop {
        let seen = match probe().await {
            Ok(Check::Done(value)) => return Ok(value),
            Ok(Check::Waiting(seen)) => seen,
            Err(error) => format!("error: {error:#}"),
        };
        deadline.tick(seen).await?;
    }
}

/// The loop-shaped form of [`until`], for probes that need `&mut` state:
/// `loop { if done { break } deadline.tick("what I saw").await? }`.
pub struct Deadline {
    what: String,
    started: Instant,
    timeout: Duration,
}

impl Deadline {
    pub fn new(what: impl Display, timeout: Duration) -> Self {
        Self {
            what: what.to_string(),
            started: Instant::now(),
            timeout,
        }
    }

    /// Fails once the deadline has passed; otherwise waits one poll interval.
    pub async fn tick(&mut self, seen: impl Display) -> Result<()> {
        if self.started.elapsed() >= self.timeout {
            // What was seen may be page text; never let a secret into a test log.
            bail!(
                "timed out after {:.1} s waiting for {}; last seen: {}",
                self.timeout.as_secs_f64(),
                self.what,
                scan::redact(&seen.to_string())
            );
        }
        tokio::time::sleep(POLL).await;
        Ok(())
    }

    /// Time since the wait began.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}
