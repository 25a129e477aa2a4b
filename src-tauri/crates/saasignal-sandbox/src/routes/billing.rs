//! Usage and billing: the reference's "Core > Billing" and the token balance, usage
//! and top-up bundles of "Core > Tokens". Reads need `billing:read`; the free-plan
//! switch needs `*` (see `saasignal_contract::billing`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use rusqlite::Connection;
use saasignal_contract::billing::{self as rules, FREE_PACKAGE_ID};
use saasignal_contract::scopes;

use crate::auth::access::authorize;
use crate::auth::actions;
use crate::auth::principal::{Authenticated, Principal};
use crate::billing::catalog::{PACKAGES, Package, TOPUP_BUNDLES};
use crate::billing::json::{
    BalanceJson, DashboardJson, SubscriptionJson, TopupBundleJson, UsageJson,
};
use crate::billing::ledger::Ledger;
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::sandbox::Sandbox;
use crate::store::billing;
use crate::store::orgs::Org;

type Params = Query<HashMap<String, String>>;

/// `GET /core/billing/packages` → `[Package]`.
pub async fn packages(
    Authenticated(principal): Authenticated,
) -> Result<Json<&'static [Package]>, ApiError> {
    may_read_catalog(&principal)?;
    Ok(Json(&PACKAGES))
}

/// `GET /core/tokens/topup-bundles` → `[TopupBundle]`.
pub async fn topup_bundles(
    Authenticated(principal): Authenticated,
) -> Result<Json<Vec<TopupBundleJson>>, ApiError> {
    may_read_catalog(&principal)?;
    Ok(Json(
        TOPUP_BUNDLES.iter().map(TopupBundleJson::from).collect(),
    ))
}

/// `GET /core/billing/{org_id}/subscription` → Subscription.
pub async fn subscription(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<SubscriptionJson>, ApiError> {
    read_ledger(sandbox, principal, org_id, |ledger| {
        SubscriptionJson::from(ledger)
    })
    .await
}

/// `GET /core/billing/{org_id}/usage` → the usage dashboard.
pub async fn dashboard(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<DashboardJson>, ApiError> {
    read_ledger(sandbox, principal, org_id, |ledger| {
        DashboardJson::from(ledger)
    })
    .await
}

/// `GET /core/tokens/balance[?org_id=]` → Balance.
pub async fn balance(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Query(query): Params,
) -> Result<Json<BalanceJson>, ApiError> {
    let org_id = token_org(&principal, &query)?;
    read_ledger(sandbox, principal, org_id, |ledger| {
        BalanceJson::from(ledger)
    })
    .await
}

/// `GET /core/tokens/usage[?org_id=][&days=]` → the daily series, oldest first.
pub async fn usage(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Query(query): Params,
) -> Result<Json<UsageJson>, ApiError> {
    let org_id = token_org(&principal, &query)?;
    let days = match query.get("days").filter(|days| !days.is_empty()) {
        None => rules::USAGE_DEFAULT_DAYS,
        Some(days) => days
            .parse::<i64>()
            .ok()
            .and_then(|days| rules::usage_days(days).ok())
            .ok_or_else(|| ApiError::BadRequest(rules::DaysOutOfRange.to_string()))?,
    };
    read_ledger(sandbox, principal, org_id, move |ledger| {
        UsageJson::new(ledger, days)
    })
    .await
}

/// `POST /core/billing/{org_id}/free-plan` (`*`) → the new Subscription. The cycle
/// starts again today; the usage and any top-up stay. Already free: unchanged, 200.
pub async fn free_plan(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<SubscriptionJson>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::SWITCH_TO_FREE_PLAN)?;
            let mut current = billing::for_org(&tx, &access.org)?;
            if current.package_id != FREE_PACKAGE_ID {
                current.package_id = FREE_PACKAGE_ID.to_owned();
                current.subscribed_at = now_ms();
                billing::save(&tx, &current)?;
                tracing::info!(org_id = %access.org.id, "switched to the free plan");
            }
            let ledger = ledger(&tx, &access.org)?;
            tx.commit()?;
            Ok(Json(SubscriptionJson::from(&ledger)))
        })
        .await
}

/// Authorizes a billing read of `org_id` and answers it from the org's ledger.
async fn read_ledger<T: Send + 'static>(
    sandbox: Sandbox,
    principal: Principal,
    org_id: String,
    answer: impl FnOnce(&Ledger) -> T + Send + 'static,
) -> Result<Json<T>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::READ_BILLING)?;
            Ok(Json(answer(&ledger(conn, &access.org)?)))
        })
        .await
}

fn ledger(conn: &Connection, org: &Org) -> Result<Ledger, ApiError> {
    let seed = billing::usage_seed(conn)?;
    Ok(Ledger::new(billing::for_org(conn, org)?, seed, now_ms()))
}

/// The org a token endpoint speaks of: `?org_id=`, else the key's own org. A session
/// has no org of its own, so it must name one.
fn token_org(principal: &Principal, query: &HashMap<String, String>) -> Result<String, ApiError> {
    match (query.get("org_id").filter(|id| !id.is_empty()), principal) {
        (Some(org_id), _) => Ok(org_id.clone()),
        (None, Principal::ApiKey(grant) | Principal::BrowserToken(grant)) => {
            Ok(grant.org_id.clone())
        }
        (None, Principal::Session { .. }) => Err(ApiError::BadRequest(
            "org_id: name the organization in ?org_id= (a signed-in session speaks for no single one)"
                .to_owned(),
        )),
    }
}

/// The catalogs are the same for everyone: a session may read them; a key or browser
/// token needs `billing:read`, as for every other billing read.
fn may_read_catalog(principal: &Principal) -> Result<(), ApiError> {
    match principal {
        Principal::Session { .. } => Ok(()),
        Principal::ApiKey(grant) | Principal::BrowserToken(grant) => {
            if scopes::grants(&grant.scopes, rules::BILLING_READ) {
                Ok(())
            } else {
                Err(ApiError::InsufficientScope(rules::BILLING_READ.to_owned()))
            }
        }
    }
}
