//! Opening the cache: connection settings, the health check, migrations, and setting an
//! unusable file aside so that a fresh cache can take its place.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::MigrationDefinitionError;

use crate::set_aside::set_aside;
use crate::{Cache, CacheError, migrations};

/// How long a statement waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many problems `quick_check` lists before stopping; the first few say enough.
const QUICK_CHECK_MAX_FINDINGS: u32 = 5;

/// What happened while opening the cache file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// The cache file in use.
    pub path: PathBuf,
    /// Set when the file found there could not be used and a fresh cache was built.
    pub rebuilt: Option<Rebuilt>,
}

impl OpenReport {
    /// Whether the previous cache was set aside (the app tells the user it starts empty).
    pub fn was_rebuilt(&self) -> bool {
        self.rebuilt.is_some()
    }
}

/// An unusable cache file that was moved aside and replaced by an empty cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    /// Why the file could not be used.
    pub reason: UnusableCache,
    /// Where the old file now is (`<name>.corrupt-<UTC time>`, with its `-wal`/`-shm`).
    pub set_aside_as: PathBuf,
}

/// Why an existing cache file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnusableCache {
    /// The file is not a SQLite database at all.
    NotADatabase,
    /// SQLite's consistency check found damage (e.g. a truncated file).
    Damaged {
        /// What SQLite reported.
        detail: String,
    },
    /// A newer version of the app wrote a schema this version cannot read.
    FromNewerVersion {
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build reads.
        supported: usize,
    },
    /// The file is a database, but its tables are not the cache's (or a migration failed
    /// on them).
    IncompatibleSchema {
        /// What SQLite reported.
        detail: String,
    },
}

impl fmt::Display for UnusableCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotADatabase => f.write_str("the file is not a SQLite database"),
            Self::Damaged { detail } => write!(f, "the file is damaged ({detail})"),
            Self::FromNewerVersion { found, supported } => write!(
                f,
                "a newer version of the app wrote it (schema {found}; this version reads up to {supported})"
            ),
            Self::IncompatibleSchema { detail } => {
                write!(
                    f,
                    "its tables do not match this version of the app ({detail})"
                )
            }
        }
    }
}

/// Why one attempt to open the file failed: the file's fault, or the environment's.
enum OpenFailure {
    /// Setting the file aside and starting afresh fixes this.
    Unusable(UnusableCache),
    /// A fresh file would fail the same way (permissions, disk full, locked, ...).
    Environment(CacheError),
}

impl Cache {
    /// Opens the cache file at `path`, creating it (and its folder) when missing.
    ///
    /// The file runs in WAL mode with foreign keys on and a busy timeout, and is migrated
    /// to the current schema. A file that is not a database, fails SQLite's `quick_check`,
    /// was written by a newer app version, or holds tables of another shape is renamed to
    /// `<name>.corrupt-<UTC time>` (with its `-wal` and `-shm`) and an empty cache is built
    /// in its place; the report says so. Only what a fresh file would also hit (no
    /// permission, disk full, file locked) is an error; the app may then fall back to
    /// [`Cache::open_in_memory`].
    ///
    /// Blocking: this reads the whole file once (`quick_check`); call it at start-up or
    /// through `spawn_blocking`, not on an async worker thread.
    pub fn open(path: impl AsRef<Path>) -> Result<(Cache, OpenReport), CacheError> {
        let path = path.as_ref();
        create_parent_folder(path)?;
        let reason = match open_file(path) {
            Ok(conn) => {
                tracing::debug!(path = %path.display(), "opened the offline cache");
                let report = OpenReport {
                    path: path.to_path_buf(),
                    rebuilt: None,
                };
                return Ok((Cache::from_connection(conn), report));
            }
            Err(OpenFailure::Environment(error)) => return Err(error),
            Err(OpenFailure::Unusable(reason)) => reason,
        };

        tracing::warn!(path = %path.display(), %reason, "offline cache unusable; setting it aside");
        let set_aside_as = set_aside(path)?;
        let conn = open_file(path).map_err(|failure| match failure {
            OpenFailure::Environment(error) => error,
            OpenFailure::Unusable(reason) => CacheError::Rebuild {
                path: path.to_path_buf(),
                reason: reason.to_string(),
            },
        })?;
        tracing::info!(set_aside_as = %set_aside_as.display(), "built a fresh offline cache");
        let report = OpenReport {
            path: path.to_path_buf(),
            rebuilt: Some(Rebuilt {
                reason,
                set_aside_as,
            }),
        };
        Ok((Cache::from_connection(conn), report))
    }

    /// An empty cache in memory, with the same schema and settings (except WAL); for
    /// tests, and as a fallback when no file can be opened.
    pub fn open_in_memory() -> Result<Cache, CacheError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::apply(&mut conn)?;
        Ok(Cache::from_connection(conn))
    }
}

fn create_parent_folder(path: &Path) -> Result<(), CacheError> {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => {
            fs::create_dir_all(folder).map_err(|source| CacheError::CreateFolder {
                path: folder.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// One attempt: open, configure, check, migrate, switch to WAL.
fn open_file(path: &Path) -> Result<Connection, OpenFailure> {
    let sqlite_failure = |error| classify_sqlite_error(path, error);
    let mut conn = Connection::open(path).map_err(sqlite_failure)?;
    configure(&conn).map_err(sqlite_failure)?;
    quick_check(path, &conn)?;
    // Migrating before the switch to WAL leaves a file that is refused here (say, from a
    // newer app) exactly as it was found.
    migrations::apply(&mut conn).map_err(|error| classify_migration_error(path, &conn, error))?;
    enable_wal(&conn).map_err(sqlite_failure)?;
    Ok(conn)
}

/// Settings every connection needs, file or memory.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted rows are overwritten, so a purged account's data does not linger in free
    // pages of the file; the cache is small, so the extra writes cost little.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    // WAL keeps reads from waiting on a write in progress; NORMAL sync is durable enough
    // for data the server can always send again.
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(
            mode,
            "SQLite refused WAL journal mode for the offline cache"
        );
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

fn quick_check(path: &Path, conn: &Connection) -> Result<(), OpenFailure> {
    let findings = conn
        .prepare(&format!("PRAGMA quick_check({QUICK_CHECK_MAX_FINDINGS})"))
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    match findings {
        Ok(findings) if findings == ["ok"] => Ok(()),
        Ok(findings) => Err(OpenFailure::Unusable(UnusableCache::Damaged {
            detail: findings.join("; "),
        })),
        Err(error) => Err(classify_sqlite_error(path, error)),
    }
}

fn classify_sqlite_error(path: &Path, error: rusqlite::Error) -> OpenFailure {
    match sqlite_code(&error) {
        Some(ErrorCode::NotADatabase) => OpenFailure::Unusable(UnusableCache::NotADatabase),
        Some(ErrorCode::DatabaseCorrupt) => OpenFailure::Unusable(UnusableCache::Damaged {
            detail: short_message(&error),
        }),
        _ => OpenFailure::Environment(CacheError::Open {
            path: path.to_path_buf(),
            source: error,
        }),
    }
}

fn classify_migration_error(
    path: &Path,
    conn: &Connection,
    error: rusqlite_migration::Error,
) -> OpenFailure {
    use rusqlite_migration::Error as Migration;
    match error {
        Migration::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead) => {
            OpenFailure::Unusable(UnusableCache::FromNewerVersion {
                // -1 only if the version cannot be read back; the reason stays right.
                found: migrations::stored_version(conn).unwrap_or(-1),
                supported: migrations::LATEST_VERSION,
            })
        }
        Migration::RusqliteError { err, .. } => match sqlite_code(&err) {
            // Neither damage nor the environment: the SQL met tables it did not expect.
            Some(code) if !is_damage(code) && !is_environmental(code) => {
                OpenFailure::Unusable(UnusableCache::IncompatibleSchema {
                    detail: short_message(&err),
                })
            }
            _ => classify_sqlite_error(path, err),
        },
        Migration::InvalidUserVersion | Migration::ForeignKeyCheck(_) => {
            OpenFailure::Unusable(UnusableCache::IncompatibleSchema {
                detail: error.to_string(),
            })
        }
        other => OpenFailure::Environment(CacheError::Migration(other)),
    }
}

/// SQLite's result code, also for a failure inside a batch of statements.
fn sqlite_code(error: &rusqlite::Error) -> Option<ErrorCode> {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        rusqlite::Error::SqlInputError { error, .. } => Some(error.code),
        _ => None,
    }
}

/// SQLite's message without the SQL text a batch failure carries (the whole migration,
/// too long to show anyone).
fn short_message(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

fn is_damage(code: ErrorCode) -> bool {
    matches!(code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
}

/// Failures that say nothing about the file's content: a fresh file would hit them too.
fn is_environmental(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::ReadOnly
            | ErrorCode::DiskFull
            | ErrorCode::SystemIoFailure
            | ErrorCode::OutOfMemory
            | ErrorCode::FileLockingProtocolFailed
            | ErrorCode::NoLargeFileSupport
            | ErrorCode::OperationInterrupted
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_reads_as_a_sentence() {
        let reason = UnusableCache::FromNewerVersion {
            found: 7,
            supported: 1,
        };
        assert_eq!(
            reason.to_string(),
            "a newer version of the app wrote it (schema 7; this version reads up to 1)"
        );
    }
}
