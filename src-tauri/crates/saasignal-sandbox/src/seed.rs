//! The demo data: an owner, two members, an org with three projects, a pending
//! invite and four API keys in telling states. Idempotent.

use rusqlite::Connection;
use saasignal_contract::billing::CYCLE_DAYS;
use saasignal_contract::scopes::WILDCARD;

use crate::auth::passwords;
use crate::auth::secrets::{hint, new_api_key};
use crate::billing::ledger::Ledger;
use crate::clock::{DAY_MS, now_ms};
use crate::errors::SandboxError;
use crate::ids;
use crate::sandbox::Sandbox;
use crate::store::billing::{self, OrgBilling};
use crate::store::invites::{self, Invite};
use crate::store::members::{self, NewMember, Role};
use crate::store::orgs::{self, Org};
use crate::store::projects::{self, Project};
use crate::store::tokens::{self, ApiToken};
use crate::store::users::{self, User};
use crate::store::{StoreError, settings};

/// A demo sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

/// The demo owner of "Acme Corp".
pub const DEMO_OWNER: DemoAccount = DemoAccount {
    name: "Demo User",
    email: "demo@saasignal.dev",
    password: "saasignal-demo",
};

/// A member with read scopes only.
pub const DEMO_READER: DemoAccount = DemoAccount {
    name: "Ada Lovelace",
    email: "ada@saasignal.dev",
    password: "ada-lovelace",
};

/// A member who manages projects and tokens.
pub const DEMO_MAINTAINER: DemoAccount = DemoAccount {
    name: "Grace Hopper",
    email: "grace@saasignal.dev",
    password: "grace-hopper",
};

/// The email with a pending invite to "Acme Corp".
pub const DEMO_INVITEE: &str = "alan@saasignal.dev";

/// The demo org's name and (preferred) slug.
pub const DEMO_ORG_NAME: &str = "Acme Corp";
pub const DEMO_ORG_SLUG: &str = "acme";

const SEEDED_MARKER: &str = "demo_seeded_at";

/// What [`seed_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo data was written now.
    Created,
    /// This database had been seeded before; nothing was written.
    AlreadySeeded,
}

/// Writes the demo data unless this database already has it.
pub async fn seed_demo(sandbox: &Sandbox) -> Result<SeedOutcome, SandboxError> {
    let seeded = sandbox
        .store()
        .run(|conn| settings::get(conn, SEEDED_MARKER))
        .await?;
    if seeded.is_some() {
        return Ok(SeedOutcome::AlreadySeeded);
    }
    let hashes = tokio::task::spawn_blocking(|| -> Result<[String; 3], passwords::HashError> {
        Ok([
            passwords::hash(DEMO_OWNER.password)?,
            passwords::hash(DEMO_READER.password)?,
            passwords::hash(DEMO_MAINTAINER.password)?,
        ])
    })
    .await
    .map_err(|e| SandboxError::Task(e.to_string()))?
    .map_err(|e| SandboxError::Seed(e.to_string()))?;
    let outcome = sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            // Checked again inside the transaction: two seeders must not both write.
            if settings::get(&tx, SEEDED_MARKER)?.is_some() {
                return Ok::<_, StoreError>(SeedOutcome::AlreadySeeded);
            }
            write_demo(&tx, &hashes, now_ms())?;
            tx.commit()?;
            Ok(SeedOutcome::Created)
        })
        .await?;
    if outcome == SeedOutcome::Created {
        tracing::info!(email = DEMO_OWNER.email, "demo data seeded");
    }
    Ok(outcome)
}

/// The user with this account's email, created if missing.
fn ensure_user(
    conn: &Connection,
    account: DemoAccount,
    password_hash: &str,
    at: i64,
) -> Result<String, StoreError> {
    if let Some((user, _)) = users::find_by_email(conn, account.email)? {
        return Ok(user.id);
    }
    let user = User {
        id: ids::user(),
        email: account.email.to_owned(),
        name: account.name.to_owned(),
        email_verified: true,
        created_at: at,
        updated_at: at,
    };
    users::insert(conn, &user, password_hash)?;
    Ok(user.id)
}

fn strings(scopes: &[&str]) -> Vec<String> {
    scopes.iter().map(|s| (*s).to_owned()).collect()
}

fn write_demo(conn: &Connection, hashes: &[String; 3], now: i64) -> Result<(), StoreError> {
    let [owner_hash, reader_hash, maintainer_hash] = hashes;
    let long_ago = now - 60 * DAY_MS;
    let owner = ensure_user(conn, DEMO_OWNER, owner_hash, long_ago)?;
    let reader = ensure_user(conn, DEMO_READER, reader_hash, long_ago + DAY_MS)?;
    let maintainer = ensure_user(
        conn,
        DEMO_MAINTAINER,
        maintainer_hash,
        long_ago + 2 * DAY_MS,
    )?;

    let org = Org {
        id: ids::org(),
        name: DEMO_ORG_NAME.to_owned(),
        slug: orgs::free_slug(conn, DEMO_ORG_SLUG)?,
        created_at: long_ago,
    };
    orgs::insert(conn, &org)?;

    let memberships = [
        (&owner, Role::Owner, strings(&[WILDCARD]), long_ago),
        (
            &reader,
            Role::Member,
            strings(&["orgs:read", "projects:read", "tokens:read", "billing:read"]),
            long_ago + DAY_MS,
        ),
        (
            &maintainer,
            Role::Member,
            strings(&["orgs:read", "projects:*", "tokens:*"]),
            long_ago + 2 * DAY_MS,
        ),
    ];
    for (user_id, role, scopes, joined_at) in &memberships {
        members::insert(
            conn,
            &NewMember {
                org_id: &org.id,
                user_id,
                role: *role,
                scopes,
                project_id: None,
                joined_at: *joined_at,
            },
        )?;
    }

    let project = |name: &str, description: &str, region: &str, age_days: i64| Project {
        id: ids::project(),
        org_id: org.id.clone(),
        name: name.to_owned(),
        description: description.to_owned(),
        region: region.to_owned(),
        created_at: now - age_days * DAY_MS,
    };
    let storefront = project(
        "Storefront",
        "Customer-facing shop and checkout",
        "enam",
        50,
    );
    let analytics = project("Analytics", "Event pipeline and dashboards", "weur", 40);
    let mobile = project(
        "Mobile API",
        "Backend for the iOS and Android apps",
        "apac",
        30,
    );
    for project in [&storefront, &analytics, &mobile] {
        projects::insert(conn, project)?;
    }

    invites::upsert(
        conn,
        &Invite {
            id: ids::invite(),
            org_id: org.id.clone(),
            email: DEMO_INVITEE.to_owned(),
            scopes: strings(&["kv:read", "channels:subscribe"]),
            project_id: None,
            created_at: now - DAY_MS,
        },
    )?;

    let token = |name: &str, project: Option<&Project>, scopes: &[&str], age_days: i64| {
        let key = new_api_key();
        let token = ApiToken {
            id: ids::token(),
            org_id: org.id.clone(),
            project_id: project.map(|p| p.id.clone()),
            name: name.to_owned(),
            hint: hint(&key.secret),
            scopes: strings(scopes),
            created_at: now - age_days * DAY_MS,
            expires_at: None,
            last_used_at: None,
            revoked: false,
        };
        (token, key.digest)
    };
    let minute = 60 * 1000;
    let (mut recently_used, d1) = token(
        "Storefront server",
        Some(&storefront),
        &["kv:read", "kv:write", "channels:publish"],
        20,
    );
    recently_used.last_used_at = Some(now - 10 * minute);
    let (mut expiring, d2) = token(
        "Analytics ingest",
        Some(&analytics),
        &["jobs:*", "kv:write"],
        25,
    );
    expiring.expires_at = Some(now + 5 * DAY_MS);
    expiring.last_used_at = Some(now - 3 * DAY_MS);
    let (mut revoked, d3) = token("Old CI key", None, &["projects:read", "tokens:read"], 45);
    revoked.revoked = true;
    revoked.last_used_at = Some(now - 40 * DAY_MS);
    let (mut never_used, d4) = token(
        "Mobile release",
        Some(&mobile),
        &["kv:read", "channels:subscribe"],
        2,
    );
    never_used.expires_at = Some(now + 90 * DAY_MS);
    for (token, digest) in [
        (recently_used, d1),
        (expiring, d2),
        (revoked, d3),
        (never_used, d4),
    ] {
        tokens::insert(conn, &token, &digest)?;
    }

    billing::save(conn, &demo_plan(&org.id, billing::usage_seed(conn)?, now))?;
    settings::set(conn, SEEDED_MARKER, &now.to_string())?;
    Ok(())
}

/// The share of its included tokens the demo org has used: past the 80 % warning, short
/// of the 95 % alarm, so the warning states can be seen.
pub const DEMO_USAGE_SHARE: f64 = 0.88;

/// The demo org's plan: Pro, four days before its cycle ends, its usage scaled to
/// [`DEMO_USAGE_SHARE`] of the included tokens, with a top-up bought.
fn demo_plan(org_id: &str, seed: u64, now: i64) -> OrgBilling {
    const PROBE_DAILY: u64 = 1_000_000;
    let mut plan = OrgBilling {
        org_id: org_id.to_owned(),
        package_id: "pro".to_owned(),
        subscribed_at: now - (CYCLE_DAYS + CYCLE_DAYS - 4) * DAY_MS,
        daily_tokens: PROBE_DAILY,
        topup_tokens: 2_500_000,
    };
    let probe = Ledger::new(plan.clone(), seed, now);
    let wanted = DEMO_USAGE_SHARE * probe.included_total() as f64;
    plan.daily_tokens = (PROBE_DAILY as f64 * wanted / probe.used().max(1) as f64) as u64;
    plan
}
