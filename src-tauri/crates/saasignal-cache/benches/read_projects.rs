//! Reading one org's 10,000 cached projects from a cache file (goal: at most 5 ms).
//!
//! `cargo bench -p saasignal-cache`

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use saasignal_cache::Cache;
use saasignal_model::{Org, Project};

const ACCOUNT: &str = "acc_bench";
const ORG_ID: &str = "org_01JNXSBENCH";
const PROJECT_COUNT: usize = 10_000;

fn read_projects(c: &mut Criterion) {
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
    let projects: Vec<Project> = (0..PROJECT_COUNT)
        .map(|n| Project {
            id: format!("proj_01JNXS{n:020}"),
            org_id: ORG_ID.into(),
            name: format!("Project {n}"),
            description: format!("Service number {n} of the bench org"),
            region: "enam".into(),
            created_at,
        })
        .collect();
    cache
        .replace_projects(ACCOUNT, ORG_ID, &projects)
        .expect("projects stored");

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

criterion_group!(benches, read_projects);
criterion_main!(benches);
