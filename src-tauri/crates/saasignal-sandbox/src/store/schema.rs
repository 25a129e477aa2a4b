//! The versioned schema. Append migrations; never edit a released one.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::StoreError;

// Timestamps are Unix milliseconds (INTEGER) so comparisons and ordering are exact;
// the wire layer formats them. `tokens.project_id` and `members.project_id` carry no
// foreign key on purpose: deleting a project revokes its tokens but keeps them listed.
const V1_INITIAL: &str = r#"
CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    email_verified INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE orgs (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE members (
    org_id     TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    scopes     TEXT NOT NULL,
    project_id TEXT,
    joined_at  INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX members_by_user ON members(user_id);

CREATE TABLE invites (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    project_id TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, email)
);
CREATE INDEX invites_by_email ON invites(email);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    region      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX projects_by_org ON projects(org_id, created_at);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    project_id   TEXT,
    name         TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    hint         TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_org ON api_tokens(org_id, created_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

// Billing: one row per org that left the defaults (the free package since the org's
// creation, the default synthetic usage, no top-up). Usage itself is not stored: it is
// derived per org from the sandbox's usage seed (`billing::usage`).
const V2_BILLING: &str = r#"
CREATE TABLE org_billing (
    org_id        TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    package_id    TEXT NOT NULL,
    subscribed_at INTEGER NOT NULL,
    daily_tokens  INTEGER NOT NULL,
    topup_tokens  INTEGER NOT NULL
);
"#;

const MIGRATIONS: &[M<'static>] = &[M::up(V1_INITIAL), M::up(V2_BILLING)];

/// Brings the database to the newest schema version.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    Migrations::from_slice(MIGRATIONS).to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
