//! Keychain faults through the real app crates and the real Secret Service: a keychain
//! that answers late, an entry deleted or replaced behind the app's back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use saasignal_core::ReadMode;
use saasignal_core::accounts::AccountState;
use saasignal_core::events::CoreEvent;
use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, VaultFuture};

use crate::audit::audit;
use crate::rig::Rig;
use crate::table::Finding;

/// The real keychain, answering every call only after `delay`: a keychain behind a
/// password prompt the person takes a while to answer.
struct LateKeychain {
    inner: Arc<dyn CredentialStore>,
    delay: Duration,
}

impl CredentialStore for LateKeychain {
    fn backend_name(&self) -> String {
        self.inner.backend_name()
    }

    fn set<'a>(&'a self, account: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            self.inner.set(account, secret).await
        })
    }

    fn get<'a>(&'a self, account: &'a str) -> VaultFuture<'a, Option<Secret>> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            self.inner.get(account).await
        })
    }

    fn delete<'a>(&'a self, account: &'a str) -> VaultFuture<'a, bool> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            self.inner.delete(account).await
        })
    }
}

pub async fn answers_after_five_seconds() -> Result<Finding> {
    let delay = Duration::from_secs(5);
    let mut rig = Rig::start_with_vault("late-keychain", |real| {
        Arc::new(LateKeychain { inner: real, delay })
    })
    .await?;
    let started = Instant::now();
    let (account, org) = rig.demo().await?;
    let signed_in_after = started.elapsed();
    let waits: Vec<bool> = rig
        .events
        .take()
        .into_iter()
        .filter_map(|event| match event {
            CoreEvent::KeychainWaiting { waiting } => Some(waiting),
            _ => None,
        })
        .collect();
    ensure!(waits == [true, false], "waiting notices {waits:?}");
    // After a restart the credential is read once, then kept: a refresh does not
    // wait on the keychain for every request.
    rig.restart()?;
    let started = Instant::now();
    let report = rig.core.refresh_account(&account).await?;
    let refresh_took = started.elapsed();
    ensure!(!report.offline && report.refreshed > 1);
    ensure!(
        refresh_took < delay * 2,
        "the refresh waited on the keychain more than once ({refresh_took:?})"
    );
    let still = rig.core.projects(&account, &org, ReadMode::Network).await?;
    ensure!(!still.stale);
    let finding = Finding::new(
        "“Your keychain is waiting for you. If it asks for your password, unlock it” after 2 s; then signed in, nothing failed",
    )
    .note(format!(
        "sign-in {:.1} s; after a restart a refresh of {} lists took {:.1} s (one keychain read)",
        signed_in_after.as_secs_f64(),
        report.refreshed,
        refresh_took.as_secs_f64()
    ));
    audit(&rig, 1, finding).await
}

pub async fn entry_deleted_behind_the_apps_back() -> Result<Finding> {
    let mut rig = Rig::start("deleted-entry").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.keychain.delete(account.as_str()).await?;
    // Running: the credential read at sign-in is still in memory.
    let running = rig.core.projects(&account, &org, ReadMode::Network).await?;
    ensure!(!running.stale, "the running app lost its session");
    rig.restart()?;
    let read = rig.core.projects(&account, &org, ReadMode::Network).await?;
    let reason = read.stale_reason.context("no reason")?;
    ensure!(reason.code.as_str() == "unauthorized" && !read.data.is_empty());
    ensure!(rig.core.accounts().accounts[0].state == AccountState::NeedsSignIn);
    rig.core
        .sign_in_again(&account, &Secret::new("saasignal-demo"))
        .await?;
    ensure!(
        rig.keychain.get(account.as_str()).await?.is_some(),
        "signing in again did not store the session"
    );
    let finding = Finding::new(format!(
        "the running app carries on; after a restart, cached projects with “{}” and Sign in again, which restores the entry",
        reason.message
    ));
    audit(&rig, 1, finding).await
}

pub async fn entry_replaced_by_garbage() -> Result<Finding> {
    let mut rig = Rig::start("garbage-entry").await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    rig.keychain
        .set(account.as_str(), &Secret::new("garbage-that-is-no-session"))
        .await?;
    rig.restart()?;
    let read = rig.core.members(&account, &org, ReadMode::Network).await?;
    let reason = read.stale_reason.context("no reason")?;
    ensure!(reason.code.as_str() == "unauthorized", "{}", reason.code);
    ensure!(!read.data.is_empty());
    rig.core
        .sign_in_again(&account, &Secret::new("saasignal-demo"))
        .await?;
    let back = rig.core.members(&account, &org, ReadMode::Network).await?;
    ensure!(!back.stale);
    let finding = Finding::new(format!(
        "cached members with “{}”; Sign in again replaces the entry and the account carries on",
        reason.message
    ));
    audit(&rig, 1, finding).await
}
