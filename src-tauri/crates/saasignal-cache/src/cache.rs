//! The shared handle to the cache database, and the `Cached` wrapper reads return.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use saasignal_model::{Timestamp, timestamp};
use serde::Serialize;

use crate::CacheError;

/// The offline cache: one SQLite connection shared by clones of this handle.
///
/// `Cache` is `Send + Sync` and cheap to clone (an `Arc` inside). Every method is a short
/// synchronous call that holds the connection's lock for one statement or one
/// transaction; see the crate documentation for which calls may run on an async thread.
#[derive(Debug, Clone)]
pub struct Cache {
    conn: Arc<Mutex<Connection>>,
}

/// A cached value and when it was last fetched whole from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cached<T> {
    /// What the cache holds (empty or `None` when nothing was ever stored).
    pub data: T,
    /// When this list was last replaced from the server; `None` when it never was, even
    /// if single rows were written since.
    #[serde(serialize_with = "timestamp::optional::serialize")]
    pub synced_at: Option<Timestamp>,
}

impl Cache {
    /// Wraps a connection that is already configured and migrated.
    pub(crate) fn from_connection(conn: Connection) -> Self {
        Self {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    /// Takes over `other`'s connection (every clone of this handle then uses it), and
    /// hands this one's to `other`, which the caller drops. For when the file could not
    /// be opened at start (an in-memory cache stood in) and now can.
    pub fn adopt(&self, other: Cache) {
        let mut mine = self.lock();
        let mut theirs = other.lock();
        std::mem::swap(&mut *mine, &mut *theirs);
    }

    /// The file this cache lives in; `None` in memory.
    pub fn file_path(&self) -> Option<std::path::PathBuf> {
        self.lock()
            .path()
            .filter(|path| !path.is_empty())
            .map(std::path::PathBuf::from)
    }

    /// Whether this cache lives only in memory (nothing survives a restart).
    pub fn is_in_memory(&self) -> bool {
        self.lock().path().is_none_or(str::is_empty)
    }

    /// Frees the connection's page cache. A sync that replaced a long list leaves it full
    /// (up to SQLite's 2 MiB) of pages the screens, which read windows of rows, will not
    /// ask for again; the next read brings back what it needs from the OS's file cache.
    pub fn release_memory(&self) -> Result<(), CacheError> {
        Ok(self.lock().release_memory()?)
    }

    /// Runs `read` with the connection.
    pub(crate) fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> Result<T, CacheError>,
    ) -> Result<T, CacheError> {
        read(&self.lock())
    }

    /// Runs `write` in one transaction, committed only if it succeeds.
    pub(crate) fn write<T>(
        &self,
        write: impl FnOnce(&Transaction<'_>) -> Result<T, CacheError>,
    ) -> Result<T, CacheError> {
        let mut conn = self.lock();
        // IMMEDIATE takes the write lock up front, so a busy file waits on busy_timeout
        // here instead of failing halfway through the work.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = write(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held cannot leave a half-written cache (an open
        // transaction rolls back when dropped), so the connection is still good to use.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
