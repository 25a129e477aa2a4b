//! API keys. Only the SHA-256 of a secret is stored; the secret itself is shown once.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, encode_scopes, scopes_column};

/// A stored API key (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: String,
    pub org_id: String,
    pub project_id: Option<String>,
    pub name: String,
    /// The last characters of the secret, safe to show.
    pub hint: String,
    pub scopes: Vec<String>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked: bool,
}

impl ApiToken {
    /// Whether the key may authenticate at `now`.
    pub fn is_usable(&self, now: i64) -> bool {
        !self.revoked && self.expires_at.is_none_or(|at| at > now)
    }
}

const SELECT: &str = "SELECT id, org_id, project_id, name, hint, scopes, created_at, expires_at, last_used_at, revoked
     FROM api_tokens";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ApiToken> {
    Ok(ApiToken {
        id: row.get(0)?,
        org_id: row.get(1)?,
        project_id: row.get(2)?,
        name: row.get(3)?,
        hint: row.get(4)?,
        scopes: scopes_column(row.get(5)?, 5)?,
        created_at: row.get(6)?,
        expires_at: row.get(7)?,
        last_used_at: row.get(8)?,
        revoked: row.get(9)?,
    })
}

/// Adds a key whose secret hashes to `secret_hash`.
pub fn insert(conn: &Connection, token: &ApiToken, secret_hash: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO api_tokens (id, org_id, project_id, name, secret_hash, hint, scopes, created_at, expires_at, last_used_at, revoked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            token.id,
            token.org_id,
            token.project_id,
            token.name,
            secret_hash,
            token.hint,
            encode_scopes(&token.scopes)?,
            token.created_at,
            token.expires_at,
            token.last_used_at,
            token.revoked
        ],
    )?;
    Ok(())
}

/// The key whose secret hashes to `secret_hash`, usable or not.
pub fn find_by_secret_hash(
    conn: &Connection,
    secret_hash: &str,
) -> Result<Option<ApiToken>, StoreError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE secret_hash = ?1"),
            params![secret_hash],
            from_row,
        )
        .optional()?)
}

/// The key `token_id`, in any org.
pub fn find_by_id(conn: &Connection, token_id: &str) -> Result<Option<ApiToken>, StoreError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE id = ?1"),
            params![token_id],
            from_row,
        )
        .optional()?)
}

/// The keys of `org_id`, oldest first; only those of `project_id` when given.
pub fn list(
    conn: &Connection,
    org_id: &str,
    project_id: Option<&str>,
) -> Result<Vec<ApiToken>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE org_id = ?1 AND (?2 IS NULL OR project_id = ?2) ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![org_id, project_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks a key revoked.
pub fn revoke(conn: &Connection, token_id: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE api_tokens SET revoked = 1 WHERE id = ?1",
        params![token_id],
    )?;
    Ok(())
}

/// Revokes every key bound to a project; returns how many changed.
pub fn revoke_for_project(
    conn: &Connection,
    org_id: &str,
    project_id: &str,
) -> Result<usize, StoreError> {
    Ok(conn.execute(
        "UPDATE api_tokens SET revoked = 1 WHERE org_id = ?1 AND project_id = ?2 AND revoked = 0",
        params![org_id, project_id],
    )?)
}

/// Records that a key was just used.
pub fn touch(conn: &Connection, token_id: &str, now: i64) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
        params![token_id, now],
    )?;
    Ok(())
}
