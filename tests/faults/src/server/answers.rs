//! Answers that go wrong after the request went out: lost after the server made the
//! change, or not the API's at all (cut short, not JSON, enormous).

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, ensure};
use saasignal_core::notices::NoticeAction;
use saasignal_core::{NewOrg, ReadMode};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

use super::{PROJECTS, TOKENS, on, project, resident_kib, token};
use crate::audit::audit;
use crate::rig::Rig;
use crate::table::Finding;

/// The connection breaks after the server made the change.
pub async fn dropped_create(what: &'static str) -> Result<Finding> {
    let rig = Rig::start(&format!("dropped-{what}")).await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    let name = format!("Lost answer {what}");
    let route = match what {
        "token" => TOKENS,
        "project" => PROJECTS,
        _ => "/core/organizations",
    };
    // A pattern route for POSTs to the collection; GETs of the same path break too,
    // which is why the fault is lifted right after the create.
    rig.set_faults(Faults::single(
        FaultRule::new(if route.contains('{') {
            RouteMatch::parse(route)
        } else {
            RouteMatch::Pattern(route.into())
        })
        .drop_answer(),
    ))?;
    let error = match what {
        "token" => rig
            .core
            .create_token(&account, &org, token(&name))
            .await
            .err(),
        "project" => rig
            .core
            .create_project(&account, &org, project(&name))
            .await
            .err(),
        _ => rig
            .core
            .create_org(
                &account,
                NewOrg {
                    name: name.clone(),
                    slug: None,
                },
            )
            .await
            .err(),
    }
    .context("the create reported success without an answer")?;
    rig.set_faults(Faults::none())?;
    ensure!(
        error.code().as_str() == "connection_lost",
        "{}",
        error.code()
    );
    ensure!(
        error.to_string().contains("may have been made"),
        "the message does not tell the truth: {error}"
    );
    // What the person does next: refresh. Exactly one was made, and it is listed.
    rig.core.refresh_account(&account).await?;
    let (client, session) = rig.server_view().await?;
    let on_server = match what {
        "token" => client
            .list_tokens(&session, &org, None)
            .await?
            .iter()
            .filter(|t| t.name == name)
            .count(),
        "project" => client
            .list_projects(&session, &org)
            .await?
            .iter()
            .filter(|p| p.name == name)
            .count(),
        _ => client
            .list_orgs(&session)
            .await?
            .iter()
            .filter(|o| o.name == name)
            .count(),
    };
    ensure!(on_server == 1, "{on_server} made on the server");
    let listed = match what {
        "token" => rig
            .core
            .tokens(&account, &org, ReadMode::CacheOnly)
            .await?
            .data
            .iter()
            .filter(|t| t.name == name)
            .count(),
        "project" => rig
            .core
            .projects(&account, &org, ReadMode::CacheOnly)
            .await?
            .data
            .iter()
            .filter(|p| p.name == name)
            .count(),
        _ => rig
            .core
            .orgs(&account, ReadMode::CacheOnly)
            .await?
            .data
            .iter()
            .filter(|o| o.name == name)
            .count(),
    };
    ensure!(listed == 1, "listed {listed} times after the refresh");
    let mut seen = format!("“{error}”; after Refresh it is listed once");
    if what == "token" {
        // Nobody got its secret: the app says so and offers to revoke it.
        let notice = rig
            .core
            .notices()
            .into_iter()
            .find(|n| matches!(n.action, NoticeAction::RevokeKey { .. }))
            .ok_or_else(|| {
                anyhow!(
                    "no notice offers to revoke the key: {:?}",
                    rig.core.notices()
                )
            })?;
        rig.core.revoke_unshown_key(&notice.id).await?;
        let revoked = client
            .list_tokens(&session, &org, None)
            .await?
            .into_iter()
            .any(|t| t.name == name && t.revoked);
        ensure!(revoked, "the Revoke of the notice did not revoke it");
        seen = format!(
            "{seen}; the notice “{}” offers Revoke, which revokes it",
            notice.title
        );
    }
    audit(&rig, 1, Finding::new(seen)).await
}

/// A read answered with a body that is not the API's.
pub async fn broken_body(kind: &'static str) -> Result<Finding> {
    let rig = Rig::start(&format!("body-{kind}")).await?;
    let (account, org) = rig.demo().await?;
    rig.core.refresh_account(&account).await?;
    let cached = rig
        .core
        .projects(&account, &org, ReadMode::CacheOnly)
        .await?;
    let rule = match kind {
        "truncated" => on(PROJECTS).truncated_answer(),
        "malformed" => on(PROJECTS).malformed_body(),
        _ => on(PROJECTS).huge_body(100 * 1024 * 1024),
    };
    rig.set_faults(Faults::single(rule))?;
    let memory_before = resident_kib();
    let started = Instant::now();
    let error = rig
        .core
        .projects(&account, &org, ReadMode::Network)
        .await
        .err()
        .context("a broken body read as data")?;
    let took = started.elapsed();
    let grew_mib = resident_kib().saturating_sub(memory_before) / 1024;
    rig.set_faults(Faults::none())?;
    let expected = if kind == "huge" {
        "response_too_large"
    } else {
        "undecodable"
    };
    ensure!(
        error.code().as_str() == expected,
        "{}: {error}",
        error.code()
    );
    let still = rig
        .core
        .projects(&account, &org, ReadMode::CacheOnly)
        .await?;
    ensure!(still.data == cached.data, "the cached rows changed");
    let mut finding = Finding::new(format!("“{error}”; the cached projects stay on screen"));
    if kind == "huge" {
        ensure!(took < Duration::from_secs(10), "took {took:?}");
        ensure!(grew_mib < 64, "memory grew by {grew_mib} MiB");
        finding = finding.note(format!(
            "refused after {:.1} s, memory +{grew_mib} MiB (cap 16 MiB)",
            took.as_secs_f64()
        ));
    }
    audit(&rig, 1, finding).await
}
