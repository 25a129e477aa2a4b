//! SQLite persistence: one connection behind a mutex, used from blocking threads.
//!
//! A single connection keeps in-memory databases coherent and makes every write
//! naturally serialised; the sandbox's load (one app, one test suite) never needs more.

mod schema;

pub mod billing;
pub mod invites;
pub mod members;
pub mod orgs;
pub mod projects;
pub mod sessions;
pub mod settings;
pub mod tokens;
pub mod users;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;

/// Where the sandbox keeps its data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DbLocation {
    /// A database file (created if missing), in WAL mode; survives restarts.
    File(PathBuf),
    /// A private in-memory database that disappears with the sandbox.
    #[default]
    Memory,
}

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused the statement or the file.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The schema could not be brought to the current version.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A stored value does not decode (e.g. a scopes column that is not a JSON list).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The connection is unusable: its lock was poisoned or its worker thread died.
    #[error("database unavailable: {0}")]
    Unavailable(String),
}

/// The page cache's size: negative means KiB, in SQLite's `cache_size`.
const PAGE_CACHE_KIB: i64 = -512;

/// The sandbox's database handle; cheap to clone.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `location`.
    pub fn open(location: &DbLocation) -> Result<Self, StoreError> {
        let mut conn = match location {
            DbLocation::File(path) => {
                let conn = Connection::open(path)?;
                conn.busy_timeout(Duration::from_secs(5))?;
                // WAL lets a second process (or a restarted sandbox) read while we write.
                let mode: String =
                    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
                if !mode.eq_ignore_ascii_case("wal") {
                    tracing::warn!(mode, "SQLite refused WAL journal mode");
                }
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                conn
            }
            DbLocation::Memory => Connection::open_in_memory()?,
        };
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 512 KiB of page cache, not SQLite's 2 MiB: embedded in the app, the sandbox's
        // pages stay in the process for as long as the app runs, and the file's pages
        // are in the OS's cache anyway.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)?;
        schema::migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` with the connection on a blocking thread.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let store = self.clone();
        match tokio::task::spawn_blocking(move || store.run_blocking(work)).await {
            Ok(result) => result,
            Err(join) => {
                Err(StoreError::Unavailable(format!("database worker failed: {join}")).into())
            }
        }
    }

    /// Runs `work` with the connection on the current thread; for start-up,
    /// benchmarks and other callers that are not on the async runtime.
    pub fn run_blocking<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut Connection) -> Result<T, E>,
        E: From<StoreError>,
    {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| StoreError::Unavailable("database lock poisoned".into()))?;
        work(&mut conn)
    }
}

/// Encodes a scope list for a TEXT column.
pub(crate) fn encode_scopes(scopes: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(scopes).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Decodes a scope list from a TEXT column.
pub(crate) fn decode_scopes(text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("scopes column: {e}")))
}

/// Turns a scopes column read inside a row mapper into a rusqlite error, so
/// mappers can stay `Fn(&Row) -> rusqlite::Result<T>`.
pub(crate) fn scopes_column(text: String, column: usize) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}
