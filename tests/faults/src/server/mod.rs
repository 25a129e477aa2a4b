//! Server faults, through the real app crates: a server that is down or goes away, is
//! slow, asks to slow down, fails in bursts, loses the answer to a create, sends broken
//! or enormous bodies, or stops accepting the session.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use saasignal_core::accounts::AccountState;
use saasignal_core::{NewProject, NewToken, ReadMode};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};
use saasignal_secret::Secret;
use saasignal_vault::CredentialStore;

use crate::audit::audit;
use crate::rig::Rig;
use crate::table::Finding;

mod answers;

pub use answers::{broken_body, dropped_create};

pub(super) const PROJECTS: &str = "/core/organizations/{org_id}/projects";
pub(super) const TOKENS: &str = "/core/organizations/{org_id}/tokens";

pub(super) fn on(route: &str) -> FaultRule {
    FaultRule::new(RouteMatch::parse(route))
}

pub async fn down_at_start() -> Result<Finding> {
    let mut rig = Rig::start("down-at-start").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.stop_server().await;
    rig.restart()?;
    let started = Instant::now();
    let shown = rig
        .core
        .projects(&account, &org, ReadMode::CacheOnly)
        .await?;
    let at_once = started.elapsed();
    let asked = rig.core.projects(&account, &org, ReadMode::Network).await?;
    ensure!(!shown.data.is_empty(), "nothing cached to show");
    ensure!(
        asked.stale && asked.data == shown.data,
        "the cached rows did not stay"
    );
    let reason = asked.stale_reason.context("no reason given")?;
    ensure!(reason.code.as_str() == "offline", "reason {}", reason.code);
    ensure!(rig.core.accounts().accounts[0].state == AccountState::Offline);
    let finding = Finding::new(format!(
        "{} cached projects in {} ms, then the banner: “{}”",
        shown.data.len(),
        at_once.as_millis(),
        reason.message
    ));
    audit(&rig, 1, finding).await
}

pub async fn gone_mid_session() -> Result<Finding> {
    let mut rig = Rig::start("gone-mid-session").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.stop_server().await;
    let report = rig.core.refresh_account(&account).await?;
    ensure!(
        report.offline,
        "the refresh did not say offline: {report:?}"
    );
    let tokens = rig.core.tokens(&account, &org, ReadMode::Network).await?;
    ensure!(tokens.stale && !tokens.data.is_empty());
    let write = rig
        .core
        .create_project(&account, &org, project("While offline"))
        .await
        .err()
        .context("a write went through with the server gone")?;
    rig.start_server().await?;
    let back = rig.core.refresh_account(&account).await?;
    ensure!(!back.offline, "did not recover: {back:?}");
    let finding = Finding::new(format!(
        "cached lists stay; “{}”; a write says “{}”; Retry recovers",
        tokens.stale_reason.map(|r| r.message).unwrap_or_default(),
        write
    ));
    audit(&rig, 1, finding).await
}

pub async fn ten_second_latency() -> Result<Finding> {
    let rig = Rig::start("latency").await?;
    let (account, org) = rig.demo().await?;
    rig.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/")).latency(Duration::from_secs(10)),
    ))?;
    let started = Instant::now();
    let read = rig.core.projects(&account, &org, ReadMode::Network).await?;
    let read_took = started.elapsed();
    ensure!(!read.stale, "a slow answer was not waited for");
    let started = Instant::now();
    rig.core
        .create_project(&account, &org, project("Slow but sure"))
        .await?;
    let write_took = started.elapsed();
    rig.set_faults(Faults::none())?;
    let (client, session) = rig.server_view().await?;
    let made = client
        .list_projects(&session, &org)
        .await?
        .into_iter()
        .filter(|p| p.name == "Slow but sure")
        .count();
    ensure!(made == 1, "{made} projects made");
    let finding = Finding::new(format!(
        "the cached list at once, the server's after {:.1} s; the create after {:.1} s, once",
        read_took.as_secs_f64(),
        write_took.as_secs_f64()
    ));
    audit(&rig, 1, finding).await
}

pub async fn rate_limited() -> Result<Finding> {
    let rig = Rig::start("429").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/")).status(429, Some(30)),
    ))?;
    let before = rig.requests()?;
    let report = rig.core.refresh_account(&account).await?;
    let sent = rig.requests()? - before;
    let wait = report
        .rate_limited_for
        .context("the refresh did not say slow down")?;
    ensure!((25..=30).contains(&wait), "wait {wait}");
    ensure!(
        rig.core.accounts().accounts[0].state != AccountState::Offline,
        "a 429 marked the account offline"
    );
    let shown = rig.core.tokens(&account, &org, ReadMode::Network).await?;
    let reason = shown.stale_reason.context("no reason")?;
    ensure!(reason.code.as_str() == "rate_limited");
    let again = rig.requests()?;
    rig.core.refresh_account(&account).await?;
    let write = rig
        .core
        .create_project(&account, &org, project("Too soon"))
        .await
        .err()
        .context("a write went out while slowed down")?;
    let held_back = rig.requests()? - again;
    ensure!(held_back == 0, "{held_back} requests sent during the wait");
    ensure!(
        sent <= 3,
        "the first refresh sent {sent} requests into the 429s"
    );
    let finding = Finding::new(format!(
        "the banner: “The server asked the app to slow down. {}”; cached data stays; a write says “{write}”",
        reason.message
    ))
    .note(format!(
        "{sent} request(s) reached the server before the app held back, 0 during the 30 s"
    ));
    audit(&rig, 1, finding).await
}

pub async fn bursts() -> Result<Finding> {
    let rig = Rig::start("bursts").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.set_faults(Faults::single(on(PROJECTS).status(500, None)))?;
    let read = rig.core.projects(&account, &org, ReadMode::Network).await?;
    let reason = read.stale_reason.context("a 500 burst was not reported")?;
    ensure!(reason.code.as_str() == "server" && !read.data.is_empty());
    rig.set_faults(Faults::single(on(PROJECTS).status(503, None)))?;
    let write = rig
        .core
        .create_project(&account, &org, project("Burst"))
        .await
        .err()
        .context("a create went through a 503")?;
    rig.set_faults(Faults::none())?;
    let fresh = rig.core.projects(&account, &org, ReadMode::Network).await?;
    ensure!(!fresh.stale, "no recovery after the burst");
    let made = fresh.data.iter().filter(|p| p.name == "Burst").count();
    ensure!(made == 0, "a create refused with 503 made {made} projects");
    rig.core
        .create_project(&account, &org, project("Burst"))
        .await?;
    let finding = Finding::new(format!(
        "500s: cached projects with “{}”; a create during 503s: “{write}”, nothing made; after the burst, one create makes one project",
        reason.message
    ));
    audit(&rig, 1, finding).await
}

pub async fn unauthorized_mid_session() -> Result<Finding> {
    let rig = Rig::start("401").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    let session = rig
        .keychain
        .get(account.as_str())
        .await?
        .context("no session in the keychain")?;
    let (client, _) = rig.server_view().await?;
    client.sign_out(&session).await?;
    let read = rig.core.members(&account, &org, ReadMode::Network).await?;
    let reason = read.stale_reason.context("no reason")?;
    ensure!(reason.code.as_str() == "unauthorized" && !read.data.is_empty());
    ensure!(rig.core.accounts().accounts[0].state == AccountState::NeedsSignIn);
    rig.core
        .sign_in_again(&account, &Secret::new("saasignal-demo"))
        .await?;
    let back = rig.core.members(&account, &org, ReadMode::Network).await?;
    ensure!(!back.stale);
    let finding = Finding::new(format!(
        "cached members stay; “{}”; the password is asked in place and the same account carries on",
        reason.message
    ));
    audit(&rig, 1, finding).await
}

pub(super) fn project(name: &str) -> NewProject {
    NewProject {
        name: name.into(),
        description: None,
        region: Some("weur".into()),
    }
}

pub(super) fn token(name: &str) -> NewToken {
    NewToken {
        name: name.into(),
        scopes: vec!["projects:read".into()],
        project_id: None,
        expires_at: None,
    }
}

/// This process's resident memory, from /proc.
pub(super) fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}
