//! Opening the cache: connection settings, the health check, migrations, and setting an
//! unusable file aside so that a fresh cache can take its place.

use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::MigrationDefinitionError;

use crate::{Cache, CacheError, migrations};

/// How long a statement waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many problems `quick_check` lists before stopping; the first few say enough.
const QUICK_CHECK_MAX_FINDINGS: u32 = 5;

/// The files SQLite keeps next to a database in WAL mode.
const COMPANION_SUFFIXES: [&str; 2] = ["-wal", "-shm"];

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

/// Renames the file, and its WAL companions, to `<name>.corrupt-<UTC time>`.
fn set_aside(path: &Path) -> Result<PathBuf, CacheError> {
    let target = free_set_aside_name(path, Utc::now());
    fs::rename(path, &target).map_err(|source| CacheError::SetAside {
        path: path.to_path_buf(),
        source,
    })?;
    for suffix in COMPANION_SUFFIXES {
        let companion = with_suffix(path, suffix);
        move_or_delete(&companion, &with_suffix(&target, suffix)).map_err(|source| {
            CacheError::SetAside {
                path: companion,
                source,
            }
        })?;
    }
    // One copy is enough to look into; older ones only keep signed-out data around.
    let mut kept = vec![target.clone()];
    kept.extend(COMPANION_SUFFIXES.map(|suffix| with_suffix(&target, suffix)));
    for older in set_aside_copies(path) {
        if !kept.contains(&older)
            && let Err(error) = fs::remove_file(&older)
        {
            tracing::warn!(%error, file = %older.display(), "an older set-aside cache copy stays");
        }
    }
    Ok(target)
}

/// Every `<name>.corrupt-*` file (with its `-wal` and `-shm`) beside the cache at `path`.
pub fn set_aside_copies(path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}.corrupt-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|candidate| {
            candidate
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect();
    copies.sort();
    copies
}

/// Deletes every set-aside copy of the cache at `path`: they may hold rows of an account
/// being signed out, and nothing of a signed-out account may stay on disk. Returns how
/// many files went.
pub fn delete_set_aside_copies(path: &Path) -> io::Result<usize> {
    let copies = set_aside_copies(path);
    for copy in &copies {
        match fs::remove_file(copy) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(copies.len())
}

/// Moves a WAL companion file; a missing one is fine.
fn move_or_delete(from: &Path, to: &Path) -> io::Result<()> {
    let ignore_missing = |result: io::Result<()>| match result {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    };
    // A WAL left beside the fresh file would be replayed into it: if it cannot be
    // moved, it is deleted.
    ignore_missing(fs::rename(from, to)).or_else(|_| ignore_missing(fs::remove_file(from)))
}

/// `<name>.corrupt-20260310T131500Z`, or that with `-2`, `-3`, ... when it is taken.
fn free_set_aside_name(path: &Path, now: DateTime<Utc>) -> PathBuf {
    // No colons: Windows does not allow them in file names.
    let base = with_suffix(path, &format!(".corrupt-{}", now.format("%Y%m%dT%H%M%SZ")));
    let mut candidate = base.clone();
    let mut attempt = 1;
    while candidate.exists() {
        attempt += 1;
        candidate = with_suffix(&base, &format!("-{attempt}"));
    }
    candidate
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_aside_names_never_overwrite_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        let now = Utc::now();
        let first = free_set_aside_name(&path, now);
        assert!(
            first
                .to_string_lossy()
                .ends_with(&format!(".corrupt-{}", now.format("%Y%m%dT%H%M%SZ")))
        );
        fs::write(&first, b"earlier").unwrap();
        let second = free_set_aside_name(&path, now);
        assert_eq!(second, with_suffix(&first, "-2"));
    }

    #[test]
    fn setting_aside_moves_the_wal_companions_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        for (suffix, content) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            fs::write(with_suffix(&path, suffix), content).unwrap();
        }

        let target = set_aside(&path).unwrap();

        for (suffix, content) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            assert!(
                !with_suffix(&path, suffix).exists(),
                "{suffix} is still in place"
            );
            assert_eq!(
                fs::read_to_string(with_suffix(&target, suffix)).unwrap(),
                content
            );
        }
    }

    #[test]
    fn only_the_newest_set_aside_copy_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        let mut kept = PathBuf::new();
        for round in 0..3 {
            fs::write(&path, format!("db {round}")).unwrap();
            fs::write(with_suffix(&path, "-wal"), "wal").unwrap();
            kept = set_aside(&path).unwrap();
        }
        let copies = set_aside_copies(&path);
        assert_eq!(copies, [kept.clone(), with_suffix(&kept, "-wal")]);
        assert_eq!(fs::read_to_string(&kept).unwrap(), "db 2");

        assert_eq!(delete_set_aside_copies(&path).unwrap(), 2);
        assert!(set_aside_copies(&path).is_empty());
    }

    #[test]
    fn a_missing_companion_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        fs::write(&path, "db").unwrap();

        let target = set_aside(&path).unwrap();

        assert!(target.exists());
        assert!(!with_suffix(&target, "-wal").exists());
    }

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
