//! `cargo bench -p saasignal-core`: a full refresh of one account holding 50 orgs of 200
//! projects each (with members and tokens) from the in-process sandbox over loopback
//! (goal ≤ 2 s), and reading 10,000 cached projects through the core (goal ≤ 5 ms).

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use saasignal_cache::Cache;
use saasignal_client::{ClientConfig, NewOrg, NewProject, NewToken, PlatformClient};
use saasignal_core::services::accounts::Server;
use saasignal_core::test_doubles::MemoryAccountStore;
use saasignal_core::test_doubles::NoEvents;
use saasignal_core::{Core, CoreConfig, ReadMode};
use saasignal_sandbox::{FaultRule, Faults, RateLimit, RouteMatch, Sandbox, SandboxConfig};
use saasignal_secret::Secret;
use saasignal_vault::MemoryStore;
use tokio::runtime::Runtime;

const ORGS: usize = 50;
const PROJECTS_PER_ORG: usize = 200;
const TOKENS_PER_ORG: usize = 5;

fn bench(c: &mut Criterion) {
    let runtime = Runtime::new().expect("tokio runtime");
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let (core, account, sandbox) = runtime.block_on(async {
        let sandbox = Sandbox::start(SandboxConfig {
            sign_in_rate_limit: RateLimit::OFF,
            ..SandboxConfig::default()
        })
        .await
        .expect("sandbox");
        let base_url = sandbox.base_url();
        let client = PlatformClient::new(ClientConfig::new(base_url.clone())).expect("client");
        let password = Secret::new("bench-password-1");
        let owner = client
            .sign_up_email("Bench Owner", "bench@saasignal.dev", &password)
            .await
            .expect("sign up");
        seed(&client, &owner.token).await;

        let (cache, _) = Cache::open(cache_dir.path().join("cache.db")).expect("cache");
        let core = Core::new(
            CoreConfig::default(),
            Arc::new(MemoryAccountStore::default()),
            Arc::new(MemoryStore::new()),
            cache,
            None,
            Arc::new(NoEvents),
        )
        .expect("core");
        let account = core
            .sign_in(
                Server::Remote(base_url),
                "Bench",
                "bench@saasignal.dev",
                &password,
            )
            .await
            .expect("sign in")
            .id;
        (core, account, sandbox)
    });

    let mut group = c.benchmark_group("refresh");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    group.bench_function("50 orgs x 200 projects, members, tokens", |b| {
        b.to_async(&runtime).iter(|| async {
            let report = core.refresh_account(&account).await.expect("refresh");
            assert_eq!(report.orgs, ORGS);
        });
    });
    // The same over a network with 100 ms before every answer (a distant server): the
    // refresh is then bound by round trips, so this is what its concurrency decides.
    sandbox.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Any).latency(Duration::from_millis(100)),
    ));
    group.bench_function("50 orgs x 200 projects, 100 ms latency", |b| {
        b.to_async(&runtime).iter(|| async {
            let report = core.refresh_account(&account).await.expect("refresh");
            assert_eq!(report.orgs, ORGS);
        });
    });
    sandbox.set_faults(Faults::none());
    group.finish();

    // One org with 10,000 projects, read from the cache through the core.
    let big_org = runtime.block_on(async {
        let orgs = core
            .orgs(&account, ReadMode::CacheOnly)
            .await
            .expect("orgs")
            .data;
        orgs[0].id.clone()
    });
    let many: Vec<saasignal_model::Project> = (0..10_000)
        .map(|i| saasignal_model::Project {
            id: format!("proj_bench{i:05}").into(),
            org_id: big_org.as_str().into(),
            name: format!("Project {i}").into(),
            description: "benchmark".into(),
            region: "enam".into(),
            created_at: Some(chrono::Utc::now()),
        })
        .collect();
    core.cache()
        .replace_projects(account.as_str(), &big_org, &many)
        .expect("fill cache");
    c.bench_function("read 10,000 cached projects", |b| {
        b.to_async(&runtime).iter(|| async {
            let loaded = core
                .projects(&account, &big_org, ReadMode::CacheOnly)
                .await
                .expect("read");
            assert_eq!(loaded.data.len(), 10_000);
        });
    });
    runtime.block_on(sandbox.shutdown());
}

async fn seed(client: &PlatformClient, token: &Secret) {
    for o in 0..ORGS {
        let org = client
            .create_org(
                token,
                &NewOrg {
                    name: format!("Bench org {o}"),
                    slug: Some(format!("bench-org-{o}")),
                },
            )
            .await
            .expect("org");
        let mut creates = tokio::task::JoinSet::new();
        for p in 0..PROJECTS_PER_ORG {
            let client = client.clone();
            let token = token.clone();
            let org_id = org.id.clone();
            creates.spawn(async move {
                client
                    .create_project(
                        &token,
                        &org_id,
                        &NewProject {
                            name: format!("Project {p}"),
                            description: None,
                            region: None,
                        },
                    )
                    .await
                    .expect("project");
            });
        }
        while creates.join_next().await.is_some() {}
        for t in 0..TOKENS_PER_ORG {
            client
                .create_token(
                    token,
                    &org.id,
                    &NewToken {
                        name: format!("Key {t}"),
                        scopes: vec!["kv:read".into()],
                        project_id: None,
                        expires_at: None,
                    },
                )
                .await
                .expect("token");
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
