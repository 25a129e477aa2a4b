//! Prefixed ULIDs, the platform's id style (`org_01JNXS…`).

use ulid::Ulid;

fn prefixed(prefix: &str) -> String {
    format!("{prefix}{}", Ulid::new())
}

/// A new organization id, `org_…`.
pub fn org() -> String {
    prefixed("org_")
}

/// A new project id, `proj_…`.
pub fn project() -> String {
    prefixed("proj_")
}

/// A new API token id, `tok_…`.
pub fn token() -> String {
    prefixed("tok_")
}

/// A new user id, `u_…`.
pub fn user() -> String {
    prefixed("u_")
}

/// A new session id, `sess_…`.
pub fn session() -> String {
    prefixed("sess_")
}

/// A new invite id, `inv_…`.
pub fn invite() -> String {
    prefixed("inv_")
}
