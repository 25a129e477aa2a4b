//! Reading one org's cached projects from a cache file: the whole list of 10,000 (goal:
//! at most 3 ms), and the window a screen shows (a page of 200, unfiltered at the end of
//! the list, and searched) of 10,000 and of 100,000.
//!
//! `cargo bench -p saasignal-cache`

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use saasignal_cache::Cache;
use saasignal_model::{Org, Project, RowWindow};

const ACCOUNT: &str = "acc_bench";
// As long as the platform's ids ("org_" and a ULID), so no row's copy of it fits inline.
const ORG_ID: &str = "org_01JNXSBENCH000000000000000";
const PROJECT_COUNT: usize = 10_000;
const WINDOW_ROWS: u32 = 200;

/// A cache file holding one org with `count` projects (kept alive by the returned folder).
fn cache_with(count: usize) -> (tempfile::TempDir, Cache) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (cache, _) = Cache::open(dir.path().join("cache.sqlite3")).expect("cache opens");
    let org = Org {
        id: ORG_ID.into(),
        name: "Bench".into(),
        slug: "bench".into(),
        created_at: None,
    };
    cache.replace_orgs(ACCOUNT, &[org]).expect("orgs stored");
    let created_at = Utc.with_ymd_and_hms(2026, 3, 10, 13, 15, 0).single();
    let projects: Vec<Project> = (0..count)
        .map(|n| Project {
            id: format!("proj_01JNXS{n:020}").into(),
            org_id: ORG_ID.into(),
            name: format!("Project {n}").into(),
            description: format!("Service number {n} of the bench org").into(),
            region: "enam".into(),
            created_at,
        })
        .collect();
    cache
        .replace_projects(ACCOUNT, ORG_ID, &projects)
        .expect("projects stored");
    (dir, cache)
}

fn read_projects(c: &mut Criterion) {
    let (_dir, cache) = cache_with(PROJECT_COUNT);
    c.bench_function("read 10,000 cached projects of one org", |b| {
        b.iter(|| {
            let cached = cache
                .projects(black_box(ACCOUNT), black_box(ORG_ID))
                .expect("projects read");
            assert_eq!(cached.data.len(), PROJECT_COUNT);
            cached
        })
    });
}

fn read_windows(c: &mut Criterion) {
    for count in [10_000, 100_000] {
        let (_dir, cache) = cache_with(count);
        let last = RowWindow {
            offset: count as u32 - WINDOW_ROWS,
            ..RowWindow::first(WINDOW_ROWS)
        };
        // "Project 01" as typed into the filter: matches 1 of every 10 thousand-block.
        let searched = RowWindow {
            search: "Project 01".into(),
            ..RowWindow::first(WINDOW_ROWS)
        };
        for (what, window) in [("the last window", last), ("a searched window", searched)] {
            c.bench_function(&format!("{what} of {count} cached projects"), |b| {
                b.iter(|| {
                    cache
                        .project_page(black_box(ACCOUNT), black_box(ORG_ID), &window)
                        .expect("page read")
                })
            });
        }
    }
}

criterion_group!(benches, read_projects, read_windows);
criterion_main!(benches);
