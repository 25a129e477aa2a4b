//! Setting an unusable cache file aside (`<name>.corrupt-<UTC time>`, with its WAL
//! companions), keeping only the newest such copy, and deleting it at sign-out.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::CacheError;

/// The files SQLite keeps next to a database in WAL mode.
const COMPANION_SUFFIXES: [&str; 2] = ["-wal", "-shm"];

/// Renames the file, and its WAL companions, to `<name>.corrupt-<UTC time>`.
pub(crate) fn set_aside(path: &Path) -> Result<PathBuf, CacheError> {
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
}
