//! Field validation exactly as the product's docs state it. Every check returns a
//! [`FieldError`] whose reason tells a person what to type instead.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use regex::Regex;
use serde::Serialize;

use crate::regions;

/// Why one field of a request is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct FieldError {
    /// The request field at fault, as the API spells it (e.g. `expires_at`).
    pub field: &'static str,
    /// What to do about it, phrased for a person.
    pub reason: String,
}

impl FieldError {
    /// A field error with the given reason.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }

    /// The error for a required field that is absent.
    pub fn required(field: &'static str) -> Self {
        Self::new(field, "This field is required")
    }
}

/// Shortest browser-token lifetime, in seconds.
pub const BROWSER_TTL_MIN: i64 = 60;
/// Longest browser-token lifetime, in seconds.
pub const BROWSER_TTL_MAX: i64 = 1800;
/// Browser-token lifetime when the request names none, in seconds.
pub const BROWSER_TTL_DEFAULT: i64 = 900;
/// Shortest password better-auth accepts on sign-up.
pub const PASSWORD_MIN_LEN: usize = 8;
/// Longest password better-auth accepts on sign-up.
pub const PASSWORD_MAX_LEN: usize = 128;

// The seed's patterns are constants; failing to compile one is a programming error
// caught by the tests below, hence the `expect`s.
static SLUG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9-]+$").expect("slug pattern compiles"));

// The seed's email pattern minus its two lookaheads, `(?!\.)` and `(?!.*\.\.)`,
// which Rust's regex has no syntax for; `email` checks those two by hand.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$")
        .expect("email pattern compiles")
});

// The seed's `expires_at` pattern verbatim, except `\d` is spelled `[0-9]`: Rust's
// `\d` matches every Unicode digit, JavaScript's (where the seed comes from) ASCII only.
static EXPIRES_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:[0-9][0-9][2468][048]|[0-9][0-9][13579][26]|[0-9][0-9]0[48]|[02468][048]00|[13579][26]00)-02-29",
        r"|[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|(?:02)-(?:0[1-9]|1[0-9]|2[0-8])))",
        r"T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z))$",
    ))
    .expect("expires_at pattern compiles")
});

static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*|[a-z][a-z0-9_-]*:(?:\*|[a-z][a-z0-9_.-]*))$")
        .expect("scope pattern compiles")
});

fn non_blank(field: &'static str, value: &str, what: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Err(FieldError::new(
            field,
            format!("Enter {what} of at least 1 character"),
        ))
    } else {
        Ok(())
    }
}

/// An organization's `name`: at least 1 character that is not whitespace.
pub fn org_name(name: &str) -> Result<(), FieldError> {
    non_blank("name", name, "an organization name")
}

/// A project's `name`: at least 1 character that is not whitespace.
pub fn project_name(name: &str) -> Result<(), FieldError> {
    non_blank("name", name, "a project name")
}

/// An API token's `name`: at least 1 character that is not whitespace.
pub fn token_name(name: &str) -> Result<(), FieldError> {
    non_blank("name", name, "a token name")
}

/// An organization's `slug`: `^[a-z0-9-]+$`.
pub fn slug(slug: &str) -> Result<(), FieldError> {
    if slug.is_empty() {
        return Err(FieldError::new(
            "slug",
            "Enter a slug of at least 1 character",
        ));
    }
    if SLUG.is_match(slug) {
        Ok(())
    } else {
        Err(FieldError::new(
            "slug",
            "Use lowercase letters, digits and hyphens only",
        ))
    }
}

/// An invitee's `email`, by the seed's pattern (which also rejects a leading dot
/// and two dots in a row anywhere).
pub fn email(email: &str) -> Result<(), FieldError> {
    if !email.starts_with('.') && !email.contains("..") && EMAIL.is_match(email) {
        Ok(())
    } else {
        Err(FieldError::new(
            "email",
            "Enter an email address like name@example.com",
        ))
    }
}

/// The email typed to sign in: only non-empty with an `@`. Which logins exist is the
/// server's business (long TLDs, IDN and quoted local parts are valid); the invite
/// pattern above would refuse some of them.
pub fn sign_in_email(email: &str) -> Result<(), FieldError> {
    let email = email.trim();
    if email.is_empty() {
        Err(FieldError::new("email", "Enter your email address"))
    } else if !email.contains('@') {
        Err(FieldError::new(
            "email",
            "Enter an email address like name@example.com",
        ))
    } else {
        Ok(())
    }
}

/// A project's `region`: one of the eight codes in [`regions::REGIONS`].
pub fn region(code: &str) -> Result<(), FieldError> {
    if regions::find(code).is_some() {
        Ok(())
    } else {
        let codes: Vec<_> = regions::REGIONS.iter().map(|r| r.code).collect();
        Err(FieldError::new(
            "region",
            format!("Choose one of {}", codes.join(", ")),
        ))
    }
}

/// A token's `expires_at`: ISO 8601 in UTC ending in `Z`, on a real calendar date.
pub fn expires_at(value: &str) -> Result<(), FieldError> {
    parse_expires_at(value).map(|_| ())
}

/// Parses a valid `expires_at` (see [`expires_at`]) into a UTC instant.
/// Seconds and fractions are optional, as the seed's pattern allows.
pub fn parse_expires_at(value: &str) -> Result<DateTime<Utc>, FieldError> {
    let invalid = || {
        FieldError::new(
            "expires_at",
            "Use an ISO 8601 UTC date-time ending in Z on a real calendar date, e.g. 2030-01-31T23:59:59Z",
        )
    };
    if !EXPIRES_AT.is_match(value) {
        return Err(invalid());
    }
    let without_zone = &value[..value.len() - 1];
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(without_zone, format).ok())
        .map(|naive| naive.and_utc())
        .ok_or_else(invalid)
}

/// A browser token's `ttl` in seconds: 60 to 1800.
pub fn browser_ttl(ttl: i64) -> Result<(), FieldError> {
    if (BROWSER_TTL_MIN..=BROWSER_TTL_MAX).contains(&ttl) {
        Ok(())
    } else {
        Err(FieldError::new(
            "ttl",
            format!("Choose a time-to-live from {BROWSER_TTL_MIN} to {BROWSER_TTL_MAX} seconds"),
        ))
    }
}

/// The `confirm_name` of an organization deletion: exactly the organization's name.
pub fn confirm_name(given: &str, org_name: &str) -> Result<(), FieldError> {
    if given.is_empty() {
        Err(FieldError::new(
            "confirm_name",
            "Type the organization's name to confirm",
        ))
    } else if given != org_name {
        Err(FieldError::new(
            "confirm_name",
            "Does not match the organization's name; type it exactly to confirm",
        ))
    } else {
        Ok(())
    }
}

/// One scope: `*`, `family:*` or `family:action`, in lowercase.
pub fn scope(scope: &str) -> Result<(), FieldError> {
    if SCOPE.is_match(scope) {
        Ok(())
    } else {
        Err(FieldError::new(
            "scopes",
            format!("\"{scope}\" is not a scope: use *, family:* or family:action in lowercase"),
        ))
    }
}

/// A list of scopes, each as [`scope`] requires.
pub fn scopes<S: AsRef<str>>(scopes: &[S]) -> Result<(), FieldError> {
    scopes.iter().try_for_each(|s| scope(s.as_ref()))
}

/// A sign-up `password`: 8 to 128 characters, as better-auth requires.
pub fn password(password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_LEN {
        Err(FieldError::new(
            "password",
            format!("Use at least {PASSWORD_MIN_LEN} characters"),
        ))
    } else if length > PASSWORD_MAX_LEN {
        Err(FieldError::new(
            "password",
            format!("Use at most {PASSWORD_MAX_LEN} characters"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
