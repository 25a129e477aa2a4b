//! Freeing the connection's page cache after a long list was written (alone in its test
//! binary: SQLite's memory counter is the whole process's).

mod common;

use saasignal_cache::Cache;
use saasignal_model::Project;

use common::*;

const PROJECTS: usize = 10_000;

fn sqlite_memory_used() -> i64 {
    // SAFETY: reads SQLite's process-wide counter; no arguments, no shared state touched.
    unsafe { rusqlite::ffi::sqlite3_memory_used() }
}

#[test]
fn a_full_page_cache_is_given_back_and_the_list_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = Cache::open(dir.path().join("cache.sqlite3")).unwrap();
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    let projects: Vec<Project> = (0..PROJECTS)
        .map(|n| project(&format!("proj_01JNXS{n:020}"), &format!("Project {n}")))
        .collect();
    cache.replace_projects("acc1", "org_1", &projects).unwrap();
    assert_eq!(
        cache.projects("acc1", "org_1").unwrap().data.len(),
        PROJECTS
    );

    let full = sqlite_memory_used();
    cache.release_memory().unwrap();
    let released = full - sqlite_memory_used();
    assert!(
        released > 1024 * 1024,
        "only {released} bytes freed of {full} in use"
    );

    assert_eq!(
        cache.projects("acc1", "org_1").unwrap().data.len(),
        PROJECTS
    );
}
