//! Sign-in sessions, found by the SHA-256 of their bearer token.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub user_id: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Adds a session whose token hashes to `token_hash`.
pub fn insert(conn: &Connection, session: &Session, token_hash: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![session.id, token_hash, session.user_id, session.created_at, session.expires_at],
    )?;
    Ok(())
}

/// The session whose token hashes to `token_hash`, expired or not.
pub fn find_by_token_hash(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<Session>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?1",
            params![token_hash],
            |row| {
                Ok(Session {
                    id: row.get(0)?,
                    user_id: row.get(1)?,
                    created_at: row.get(2)?,
                    expires_at: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Moves a session's expiry (the sliding window).
pub fn set_expiry(conn: &Connection, id: &str, expires_at: i64) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE sessions SET expires_at = ?2 WHERE id = ?1",
        params![id, expires_at],
    )?;
    Ok(())
}

/// Removes a session; true when one was removed.
pub fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM sessions WHERE id = ?1", params![id])? > 0)
}

/// Removes the session whose token hashes to `token_hash`; true when one was removed.
pub fn delete_by_token_hash(conn: &Connection, token_hash: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        params![token_hash],
    )? > 0)
}
