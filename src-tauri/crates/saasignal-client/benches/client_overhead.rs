//! The client's own cost: `PlatformClient::list_projects` against a bare reqwest GET
//! plus `serde_json` decode of the same sandbox endpoint holding 100 projects.
//!
//! Run: `cargo bench -p saasignal-client --bench client_overhead`
//!
//! Besides criterion's two measurements, it times the two calls alternately (pairs in
//! alternating order) and prints the median of each and their ratio: on a shared,
//! busy machine, load that comes and goes between criterion's runs skews them, while
//! interleaved pairs see the same load.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use saasignal_client::{ClientConfig, NewOrg, NewProject, PlatformClient};
use saasignal_model::Project;
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_sandbox::{RateLimit, Sandbox, SandboxConfig, SandboxHandle};
use saasignal_secret::Secret;
use tokio::runtime::Runtime;

const PROJECTS: usize = 100;
/// Alternating pairs timed for the ratio.
const PAIRS: usize = 2_000;

struct Fixture {
    _sandbox: SandboxHandle,
    client: PlatformClient,
    session: Secret,
    org_id: String,
    projects_url: String,
}

async fn fixture() -> Fixture {
    let sandbox = Sandbox::start(SandboxConfig {
        seed_demo: true,
        sign_in_rate_limit: RateLimit::OFF,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox");
    let client = PlatformClient::new(ClientConfig::new(sandbox.base_url())).expect("client");
    let session = client
        .sign_in_email(DEMO_OWNER.email, &Secret::new(DEMO_OWNER.password), None)
        .await
        .expect("sign in")
        .token;
    let org = NewOrg {
        name: "Bench".into(),
        slug: None,
    };
    let org_id = client.create_org(&session, &org).await.expect("org").id;
    for index in 0..PROJECTS {
        let project = NewProject {
            name: format!("Project {index}"),
            description: Some(format!("Benchmark project number {index}")),
            region: Some("weur".into()),
        };
        client
            .create_project(&session, &org_id, &project)
            .await
            .expect("project");
    }
    let projects_url = format!(
        "{}/core/organizations/{org_id}/projects",
        sandbox.base_url()
    );
    Fixture {
        _sandbox: sandbox,
        client,
        session,
        org_id,
        projects_url,
    }
}

impl Fixture {
    async fn with_client(&self) {
        let projects = self
            .client
            .list_projects(&self.session, &self.org_id)
            .await
            .expect("listed");
        assert_eq!(projects.len(), PROJECTS);
    }

    async fn with_bare_reqwest(&self, bare: &reqwest::Client) {
        let body = bare
            .get(&self.projects_url)
            .bearer_auth(self.session.expose())
            .send()
            .await
            .expect("sent")
            .bytes()
            .await
            .expect("read");
        let projects: Vec<Project> = serde_json::from_slice(&body).expect("decoded");
        assert_eq!(projects.len(), PROJECTS);
    }
}

fn client_overhead(c: &mut Criterion) {
    let runtime = Runtime::new().expect("tokio runtime");
    let fixture = runtime.block_on(fixture());
    saasignal_client::install_crypto_provider();
    let bare = reqwest::Client::builder().build().expect("bare reqwest");

    let mut group = c.benchmark_group("list_projects_100");
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("platform_client", |b| {
        b.to_async(&runtime).iter(|| fixture.with_client())
    });
    group.bench_function("bare_reqwest_serde_json", |b| {
        b.to_async(&runtime)
            .iter(|| fixture.with_bare_reqwest(&bare))
    });
    group.finish();
}

/// Medians of alternately timed calls, and the client's ratio to the bare call.
fn interleaved_ratio() {
    let runtime = Runtime::new().expect("tokio runtime");
    let fixture = runtime.block_on(fixture());
    saasignal_client::install_crypto_provider();
    let bare = reqwest::Client::builder().build().expect("bare reqwest");
    let (mut client_times, mut bare_times) = (Vec::with_capacity(PAIRS), Vec::with_capacity(PAIRS));
    runtime.block_on(async {
        for pair in 0..PAIRS {
            let client_first = pair % 2 == 0;
            if client_first {
                client_times.push(timed(fixture.with_client()).await);
            }
            bare_times.push(timed(fixture.with_bare_reqwest(&bare)).await);
            if !client_first {
                client_times.push(timed(fixture.with_client()).await);
            }
        }
    });
    let (client, bare) = (median(&mut client_times), median(&mut bare_times));
    println!(
        "interleaved medians over {PAIRS} pairs: platform_client {client:?}, bare_reqwest_serde_json {bare:?}, ratio {:.2}",
        client.as_secs_f64() / bare.as_secs_f64()
    );
}

async fn timed(call: impl std::future::Future<Output = ()>) -> Duration {
    let started = Instant::now();
    call.await;
    started.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

criterion_group!(benches, client_overhead);

fn main() {
    benches();
    interleaved_ratio();
    Criterion::default().configure_from_args().final_summary();
}
