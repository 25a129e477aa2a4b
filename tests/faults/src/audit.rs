//! What every core row checks after its fault: nothing lost.

use anyhow::Result;

use crate::rig::Rig;
use crate::table::Finding;

/// What is lost, checked the same way after every row: accounts in the settings file,
/// cache rows under an account the settings do not have, and any secret in a file the
/// app wrote.
pub async fn audit(rig: &Rig, accounts: usize, mut finding: Finding) -> Result<Finding> {
    let now = rig.accounts_on_disk();
    if now < accounts {
        finding.lost.push(format!("{} account(s)", accounts - now));
    }
    let foreign = rig.foreign_cache_rows()?;
    if !foreign.is_empty() {
        finding
            .lost
            .push(format!("cache rows under the wrong account: {foreign:?}"));
    }
    for found in rig.secrets_on_disk().await? {
        finding.lost.push(format!("a secret on disk: {found}"));
    }
    Ok(finding)
}
