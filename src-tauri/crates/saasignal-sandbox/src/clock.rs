//! Time as the sandbox stores it (Unix milliseconds) and as the API prints it.

use chrono::{DateTime, SecondsFormat, Utc};

/// Milliseconds in one day.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The current instant in Unix milliseconds.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// ISO 8601 in UTC with a `Z`, as the platform prints instants: whole seconds
/// print without a fraction (so an `expires_at` sent as `…:00Z` comes back as sent),
/// anything else with milliseconds.
pub fn iso(ms: i64) -> String {
    let Some(at) = DateTime::<Utc>::from_timestamp_millis(ms) else {
        // Out of chrono's range only for absurd stored values; print the epoch
        // rather than fail a whole listing.
        return "1970-01-01T00:00:00Z".to_owned();
    };
    let format = if ms % 1000 == 0 {
        SecondsFormat::Secs
    } else {
        SecondsFormat::Millis
    };
    at.to_rfc3339_opts(format, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_whole_seconds_without_fraction() {
        assert_eq!(iso(1_893_456_000_000), "2030-01-01T00:00:00Z");
        assert_eq!(iso(1_893_456_000_250), "2030-01-01T00:00:00.250Z");
    }
}
