//! Each org's plan and the knobs of its synthetic usage. An org without a row is on the
//! free package since its creation, with the default usage and no top-up.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::orgs::Org;
use saasignal_contract::billing::FREE_PACKAGE_ID;

/// Tokens a day an org uses unless seeded otherwise: about a third of the free plan.
pub const DEFAULT_DAILY_TOKENS: u64 = 1_100;

/// An org's billing state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgBilling {
    pub org_id: String,
    pub package_id: String,
    /// When the current package began (Unix ms); cycles count from its day.
    pub subscribed_at: i64,
    /// The synthetic usage's daily average, in tokens.
    pub daily_tokens: u64,
    /// Top-up tokens bought, before any overage drew on them.
    pub topup_tokens: u64,
}

impl OrgBilling {
    /// The state of an org nobody changed.
    pub fn default_for(org: &Org) -> Self {
        Self {
            org_id: org.id.clone(),
            package_id: FREE_PACKAGE_ID.to_owned(),
            subscribed_at: org.created_at,
            daily_tokens: DEFAULT_DAILY_TOKENS,
            topup_tokens: 0,
        }
    }
}

/// The org's billing state, the defaults when none was stored.
pub fn for_org(conn: &Connection, org: &Org) -> Result<OrgBilling, StoreError> {
    let stored = conn
        .query_row(
            "SELECT package_id, subscribed_at, daily_tokens, topup_tokens
             FROM org_billing WHERE org_id = ?1",
            params![org.id],
            |row| {
                Ok(OrgBilling {
                    org_id: org.id.clone(),
                    package_id: row.get(0)?,
                    subscribed_at: row.get(1)?,
                    daily_tokens: row.get(2)?,
                    topup_tokens: row.get(3)?,
                })
            },
        )
        .optional()?;
    Ok(stored.unwrap_or_else(|| OrgBilling::default_for(org)))
}

/// Stores the org's billing state, replacing any earlier one.
pub fn save(conn: &Connection, billing: &OrgBilling) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO org_billing (org_id, package_id, subscribed_at, daily_tokens, topup_tokens)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (org_id) DO UPDATE SET package_id = excluded.package_id,
             subscribed_at = excluded.subscribed_at, daily_tokens = excluded.daily_tokens,
             topup_tokens = excluded.topup_tokens",
        params![
            billing.org_id,
            billing.package_id,
            billing.subscribed_at,
            billing.daily_tokens,
            billing.topup_tokens
        ],
    )?;
    Ok(())
}

const USAGE_SEED: &str = "usage_seed";

/// The seed every org's synthetic usage is drawn from: random once per database and
/// kept, so usage is the same after a restart.
pub fn usage_seed(conn: &Connection) -> Result<u64, StoreError> {
    if let Some(stored) = super::settings::get(conn, USAGE_SEED)? {
        return stored
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("{USAGE_SEED} is not a number")));
    }
    let seed = rand::random::<u64>() >> 1;
    super::settings::set(conn, USAGE_SEED, &seed.to_string())?;
    Ok(seed)
}
