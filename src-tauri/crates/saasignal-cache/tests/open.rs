//! Opening the cache file: schema, settings, re-opening, and setting aside what cannot
//! be used.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use saasignal_cache::{Cache, CacheError, UnusableCache};

use common::*;

fn cache_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("nested").join("cache.sqlite3")
}

/// A cache file that holds some data, closed again.
fn written_cache(path: &Path, project_count: usize) {
    let (cache, report) = Cache::open(path).unwrap();
    assert!(!report.was_rebuilt());
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    let projects: Vec<_> = (0..project_count)
        .map(|n| project(&format!("proj_{n:05}"), &format!("Project {n}")))
        .collect();
    cache.replace_projects("acc1", "org_1", &projects).unwrap();
}

#[test]
fn a_fresh_file_gets_the_schema_and_keeps_its_data_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    written_cache(&path, 3);

    let (cache, report) = Cache::open(&path).unwrap();
    assert_eq!(report.path, path);
    assert!(!report.was_rebuilt());
    assert_eq!(cache.orgs("acc1").unwrap().data, vec![org("org_1", "Acme")]);
    assert_eq!(cache.projects("acc1", "org_1").unwrap().data.len(), 3);
    assert!(cache.last_synced("acc1").unwrap().is_some());

    let db = raw(&path);
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = db
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 5);
}

#[test]
fn garbage_bytes_are_set_aside_and_a_fresh_cache_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let garbage: Vec<u8> = (0..8192u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&path, &garbage).unwrap();

    let (cache, report) = Cache::open(&path).unwrap();

    let rebuilt = report.rebuilt.expect("the garbage file is set aside");
    assert_eq!(rebuilt.reason, UnusableCache::NotADatabase);
    let name = rebuilt
        .set_aside_as
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("cache.sqlite3.corrupt-"), "{name}");
    assert_eq!(fs::read(&rebuilt.set_aside_as).unwrap(), garbage);

    // The fresh cache works, and the next start finds nothing wrong.
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    drop(cache);
    let (cache, report) = Cache::open(&path).unwrap();
    assert!(!report.was_rebuilt());
    assert_eq!(cache.orgs("acc1").unwrap().data.len(), 1);
}

#[test]
fn a_truncated_database_is_set_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    written_cache(&path, 2_000);
    let length = fs::metadata(&path).unwrap().len();
    assert!(
        length > 64 * 1024,
        "the database spans many pages ({length} bytes)"
    );
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(length / 2)
        .unwrap();

    let (cache, report) = Cache::open(&path).unwrap();

    let rebuilt = report.rebuilt.expect("the truncated file is set aside");
    assert!(
        matches!(rebuilt.reason, UnusableCache::Damaged { .. }),
        "{:?}",
        rebuilt.reason
    );
    assert_eq!(
        fs::metadata(&rebuilt.set_aside_as).unwrap().len(),
        length / 2
    );
    let fresh = cache.projects("acc1", "org_1").unwrap();
    assert!(fresh.data.is_empty());
    assert_eq!(fresh.synced_at, None);
}

#[test]
fn a_file_from_a_newer_app_version_is_set_aside_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    written_cache(&path, 1);
    raw(&path).pragma_update(None, "user_version", 99).unwrap();

    let (cache, report) = Cache::open(&path).unwrap();

    let rebuilt = report.rebuilt.expect("the newer file is set aside");
    assert_eq!(
        rebuilt.reason,
        UnusableCache::FromNewerVersion {
            found: 99,
            supported: 5
        }
    );
    let old = raw(&rebuilt.set_aside_as);
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 99, "the newer app's file is kept for it");
    assert!(cache.orgs("acc1").unwrap().data.is_empty());
}

#[test]
fn a_database_with_tables_of_another_shape_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    raw(&path)
        .execute_batch("CREATE TABLE orgs (something_else TEXT);")
        .unwrap();

    let (cache, report) = Cache::open(&path).unwrap();

    let rebuilt = report.rebuilt.expect("the foreign file is set aside");
    assert!(
        matches!(rebuilt.reason, UnusableCache::IncompatibleSchema { .. }),
        "{:?}",
        rebuilt.reason
    );
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
}

#[test]
fn a_folder_in_the_way_is_an_error_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_path(&dir);
    fs::create_dir_all(&path).unwrap();

    let error = Cache::open(&path).unwrap_err();

    assert!(matches!(error, CacheError::Open { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("could not open the offline cache"),
        "{error}"
    );
    assert!(path.is_dir());
    assert_eq!(
        fs::read_dir(path.parent().unwrap()).unwrap().count(),
        1,
        "nothing was renamed"
    );
}

#[test]
fn the_cache_is_shared_across_threads() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<Cache>();

    let cache = Cache::open_in_memory().unwrap();
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    let writers: Vec<_> = (0..4)
        .map(|n| {
            let cache = cache.clone();
            std::thread::spawn(move || {
                cache
                    .upsert_project("acc1", "org_1", &project(&format!("proj_{n}"), "P"))
                    .unwrap();
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(cache.projects("acc1", "org_1").unwrap().data.len(), 4);
}
