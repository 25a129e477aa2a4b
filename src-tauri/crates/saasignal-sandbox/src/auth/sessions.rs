//! Sign-in sessions: 256-bit bearer tokens, stored hashed, expiring 7 days after
//! their last use.

use rusqlite::Connection;

use super::secrets::{digest, new_session_token};
use crate::clock::DAY_MS;
use crate::ids;
use crate::store::StoreError;
use crate::store::sessions::{self, Session};

/// How long a session lives after its last use.
pub const SESSION_TTL_MS: i64 = 7 * DAY_MS;

/// Opens a session for `user_id`; returns it with its bearer token.
pub fn open(conn: &Connection, user_id: &str, now: i64) -> Result<(Session, String), StoreError> {
    let token = new_session_token();
    let session = Session {
        id: ids::session(),
        user_id: user_id.to_owned(),
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
    };
    sessions::insert(conn, &session, &token.digest)?;
    Ok((session, token.secret))
}

/// The live session for a bearer token, its expiry slid forward; an expired
/// one is deleted and reads as none.
pub fn resolve(conn: &Connection, token: &str, now: i64) -> Result<Option<Session>, StoreError> {
    let Some(mut session) = sessions::find_by_token_hash(conn, &digest(token))? else {
        return Ok(None);
    };
    if session.expires_at <= now {
        sessions::delete(conn, &session.id)?;
        return Ok(None);
    }
    session.expires_at = now + SESSION_TTL_MS;
    sessions::set_expiry(conn, &session.id, session.expires_at)?;
    Ok(Some(session))
}

/// Ends the session for a bearer token, if there is one.
pub fn close(conn: &Connection, token: &str) -> Result<bool, StoreError> {
    sessions::delete_by_token_hash(conn, &digest(token))
}
