//! Listing projects: the store query plus JSON encoding for 10,000 projects, and
//! requests per second for `GET /core/organizations/{id}/projects` (100 projects)
//! over loopback HTTP.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use saasignal_sandbox::store::orgs::{self, Org};
use saasignal_sandbox::store::projects::{self, Project};
use saasignal_sandbox::store::{DbLocation, Store, StoreError};
use saasignal_sandbox::wire::ProjectJson;
use saasignal_sandbox::{RateLimit, Sandbox, SandboxConfig};
use serde_json::json;

fn fill(store: &Store, org_id: &str, count: usize) {
    store
        .run_blocking(|conn| {
            let tx = conn.transaction()?;
            if orgs::find(&tx, org_id)?.is_none() {
                orgs::insert(
                    &tx,
                    &Org {
                        id: org_id.into(),
                        name: "Bench".into(),
                        slug: "bench".into(),
                        created_at: 0,
                    },
                )?;
            }
            for n in 0..count {
                projects::insert(
                    &tx,
                    &Project {
                        id: format!("proj_{n:026}"),
                        org_id: org_id.into(),
                        name: format!("Project {n}"),
                        description: "A project created for the benchmark".into(),
                        region: "enam".into(),
                        created_at: 1_700_000_000_000 + n as i64,
                    },
                )?;
            }
            tx.commit()?;
            Ok::<_, StoreError>(())
        })
        .expect("fill");
}

fn store_list_10k(c: &mut Criterion) {
    let store = Store::open(&DbLocation::Memory).expect("store");
    fill(&store, "org_bench", 10_000);
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("list_and_encode_10k_projects", |b| {
        b.iter(|| {
            let body = store
                .run_blocking(|conn| {
                    let listed = projects::list(conn, "org_bench", None)?;
                    let wire: Vec<ProjectJson> = listed.iter().map(ProjectJson::from).collect();
                    Ok::<_, StoreError>(serde_json::to_vec(&wire).expect("encode"))
                })
                .expect("list");
            black_box(body.len())
        });
    });
    group.finish();
}

fn http_list_100(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // reqwest is built without a crypto provider (the workspace picks ring).
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let (handle, url, token) = runtime.block_on(async {
        let config = SandboxConfig { sign_in_rate_limit: RateLimit::OFF, ..SandboxConfig::default() };
        let handle = Sandbox::start(config).await.expect("sandbox");
        let base = handle.base_url();
        let signed_up: serde_json::Value = client
            .post(format!("{base}/api/auth/sign-up/email"))
            .json(&json!({ "name": "Bench", "email": "bench@example.com", "password": "bench-password" }))
            .send()
            .await
            .expect("sign up")
            .json()
            .await
            .expect("sign-up body");
        let token = signed_up["token"].as_str().expect("token").to_owned();
        let org: serde_json::Value = client
            .post(format!("{base}/core/organizations"))
            .bearer_auth(&token)
            .json(&json!({ "name": "Bench" }))
            .send()
            .await
            .expect("create org")
            .json()
            .await
            .expect("org body");
        let org_id = org["id"].as_str().expect("org id").to_owned();
        fill(handle.sandbox().store(), &org_id, 100);
        (handle, format!("{base}/core/organizations/{org_id}/projects"), token)
    });

    let mut group = c.benchmark_group("http");
    group.throughput(Throughput::Elements(1));
    group.bench_function("get_projects_100_sequential", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = client
                .get(&url)
                .bearer_auth(&token)
                .send()
                .await
                .expect("request");
            black_box(response.bytes().await.expect("body").len())
        });
    });
    const IN_FLIGHT: u64 = 16;
    group.throughput(Throughput::Elements(IN_FLIGHT));
    group.bench_function("get_projects_100_16_in_flight", |b| {
        b.to_async(&runtime).iter(|| async {
            let mut requests = tokio::task::JoinSet::new();
            for _ in 0..IN_FLIGHT {
                let request = client.get(&url).bearer_auth(&token);
                requests.spawn(async move {
                    request
                        .send()
                        .await
                        .expect("request")
                        .bytes()
                        .await
                        .expect("body")
                        .len()
                });
            }
            while let Some(done) = requests.join_next().await {
                black_box(done.expect("task"));
            }
        });
    });
    group.finish();
    runtime.block_on(handle.shutdown());
}

criterion_group!(benches, store_list_10k, http_list_100);
criterion_main!(benches);
