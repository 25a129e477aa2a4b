//! Fills the app's embedded sandbox database (in its data folder) with the demo data and
//! more projects and API keys in the demo org, through the sandbox's own HTTP API, so the
//! app finds them when it starts its embedded sandbox on that file.

use std::path::Path;

use anyhow::{Context, Result};
use saasignal_client::{ClientConfig, NewProject, NewToken, PlatformClient};
use saasignal_sandbox::seed::{DEMO_ORG_SLUG, DEMO_OWNER};
use saasignal_sandbox::{DbLocation, Sandbox, SandboxConfig};
use saasignal_secret::Secret;
use tokio::task::JoinSet;

/// Creates sent at once: enough to keep the sandbox busy, few enough to stay polite.
const IN_FLIGHT: usize = 16;

/// How many rows the demo org lists once seeded.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    pub projects: usize,
    pub tokens: usize,
}

/// Seeds the database at `db` with `projects` more projects and `tokens` more org-wide
/// read-only keys, and returns how many of each the demo org then has.
pub async fn demo_org(db: &Path, projects: usize, tokens: usize) -> Result<Seeded> {
    if let Some(folder) = db.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    let sandbox = Sandbox::start(SandboxConfig {
        db: DbLocation::File(db.to_owned()),
        seed_demo: true,
        ..SandboxConfig::default()
    })
    .await
    .context("starting a sandbox on the app's database")?;
    let client = PlatformClient::new(ClientConfig::new(sandbox.base_url()))?;
    let session = client
        .sign_in_email(DEMO_OWNER.email, &Secret::new(DEMO_OWNER.password), None)
        .await?
        .token;
    let orgs = client.list_orgs(&session).await?;
    let org = orgs
        .iter()
        .find(|org| org.slug == DEMO_ORG_SLUG)
        .context("the demo org is seeded")?
        .id
        .clone();
    let mut creates = JoinSet::new();
    for n in 0..projects + tokens {
        if creates.len() >= IN_FLIGHT
            && let Some(done) = creates.join_next().await
        {
            done??;
        }
        let (client, session, org) = (client.clone(), session.clone(), org.clone());
        creates.spawn(async move {
            if n < projects {
                let project = NewProject {
                    name: format!("Project {n:05}"),
                    description: Some(format!("Seeded project number {n}")),
                    region: None,
                };
                client
                    .create_project(&session, &org, &project)
                    .await
                    .map(drop)
            } else {
                let key = NewToken {
                    name: format!("Key {:05}", n - projects),
                    scopes: vec!["projects:read".to_owned()],
                    project_id: None,
                    expires_at: None,
                };
                client.create_token(&session, &org, &key).await.map(drop)
            }
        });
    }
    while let Some(done) = creates.join_next().await {
        done??;
    }
    let seeded = Seeded {
        projects: client.list_projects(&session, &org).await?.len(),
        tokens: client.list_tokens(&session, &org, None).await?.len(),
    };
    sandbox.shutdown().await;
    Ok(seeded)
}
