//! Rolling a key: a replacement with the same name plus " (rolled)", scopes, project and
//! expiry policy is created first; the old key is revoked only once the person says the
//! new secret is saved. Until then (or while that revoke keeps failing) the roll is
//! unfinished, and both keys stay listed with it.

use serde::Serialize;

use crate::Token;
use crate::timestamp::{self, Timestamp};

/// What is added to the old key's name to name its replacement.
pub const ROLLED_SUFFIX: &str = " (rolled)";

/// A roll whose old key is not revoked yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KeyRoll {
    pub old_id: String,
    pub old_name: String,
    pub new_id: String,
    pub new_name: String,
    #[serde(serialize_with = "timestamp::required")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rolled_at: Timestamp,
    /// The error code of the last attempt to revoke the old key, if one failed.
    pub revoke_failed: Option<String>,
}

/// The replacement's name: the old one plus " (rolled)", once (rolling a rolled key
/// again does not stack suffixes).
pub fn rolled_name(old: &Token) -> String {
    let base = old.name.strip_suffix(ROLLED_SUFFIX).unwrap_or(&old.name);
    format!("{base}{ROLLED_SUFFIX}")
}

/// The replacement's expiry, keeping the old key's policy: none if it had none; else the
/// same lifetime (creation to expiry) counted from `now`. Without a creation time the
/// old expiry is kept if it is still ahead, and otherwise the lifetime is unknown, so
/// none is guessed: `Err` says the person must choose.
pub fn rolled_expiry(old: &Token, now: Timestamp) -> Result<Option<Timestamp>, UnknownLifetime> {
    let Some(expires_at) = old.expires_at else {
        return Ok(None);
    };
    match old.created_at {
        Some(created_at) if expires_at > created_at => Ok(Some(now + (expires_at - created_at))),
        _ if expires_at > now => Ok(Some(expires_at)),
        _ => Err(UnknownLifetime),
    }
}

/// The old key's lifetime cannot be told (no creation time, and its expiry has passed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "This key's lifetime is unknown (no creation date, and its expiry has passed), so a replacement with the same expiry cannot be made. Create a new key with the expiry you want instead."
)]
pub struct UnknownLifetime;

#[cfg(test)]
mod tests {
    use super::*;

    fn key(created: Option<&str>, expires: Option<&str>) -> Token {
        Token {
            id: "tok_1".into(),
            name: "CI deploy".into(),
            hint: "…abcd".into(),
            org_id: "org_1".into(),
            project_id: None,
            scopes: vec!["projects:read".into()],
            created_at: created.map(|t| timestamp::parse(t).unwrap()),
            expires_at: expires.map(|t| timestamp::parse(t).unwrap()),
            last_used_at: None,
            revoked: false,
            status: None,
        }
    }

    fn at(text: &str) -> Timestamp {
        timestamp::parse(text).unwrap()
    }

    #[test]
    fn the_name_gains_one_suffix() {
        let mut old = key(None, None);
        assert_eq!(rolled_name(&old), "CI deploy (rolled)");
        old.name = rolled_name(&old);
        assert_eq!(rolled_name(&old), "CI deploy (rolled)");
    }

    #[test]
    fn the_expiry_keeps_the_lifetime_or_its_absence() {
        let now = at("2026-12-01T12:00:00Z");
        assert_eq!(
            rolled_expiry(&key(Some("2026-01-01T00:00:00Z"), None), now),
            Ok(None)
        );
        // A 90-day key, whatever is left of it, is replaced by a 90-day key.
        let ninety = key(Some("2026-11-01T12:00:00Z"), Some("2027-01-30T12:00:00Z"));
        assert_eq!(
            rolled_expiry(&ninety, now),
            Ok(Some(at("2027-03-01T12:00:00Z")))
        );
        // Already expired: still the same lifetime, from now.
        let expired = key(Some("2026-01-01T00:00:00Z"), Some("2026-01-31T00:00:00Z"));
        assert_eq!(
            rolled_expiry(&expired, now),
            Ok(Some(at("2026-12-31T12:00:00Z")))
        );
        // No creation date: the same expiry while it is ahead, else unknown.
        let undated = key(None, Some("2027-06-01T00:00:00Z"));
        assert_eq!(
            rolled_expiry(&undated, now),
            Ok(Some(at("2027-06-01T00:00:00Z")))
        );
        let lapsed = key(None, Some("2026-06-01T00:00:00Z"));
        assert_eq!(rolled_expiry(&lapsed, now), Err(UnknownLifetime));
    }
}
