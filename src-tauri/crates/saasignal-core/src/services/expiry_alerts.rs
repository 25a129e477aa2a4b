//! The daily expiry alert: per account, the cached orgs' unrevoked keys that expire
//! within the threshold or have expired without being revoked, worded for a desktop
//! notification and shown at most once a day. It needs only the cache, so it works
//! offline; opening it sends the window to those keys.

use chrono::NaiveDate;
use saasignal_model::KeyConcern;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::events::CoreEvent;

/// Its kind in the cache's record of alerts shown.
const KIND: &str = "key_expiry";

/// At most this many orgs are named in one notification.
const ORGS_NAMED: usize = 3;

/// One account's alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiryAlert {
    pub account: AccountId,
    pub title: String,
    pub body: String,
    /// Where opening it goes: the org with the most pressing keys, filtered to them.
    pub org_id: String,
    pub concern: KeyConcern,
}

/// One org's keys that need renewing.
struct OrgCounts {
    org_id: String,
    name: String,
    expiring: u32,
    expired: u32,
}

impl Core {
    /// The alerts due on `today` (the person's date): one per account with keys that
    /// expire soon or have expired unrevoked, unless it was already shown today.
    pub async fn expiry_alerts_due(&self, today: NaiveDate) -> Result<Vec<ExpiryAlert>, CoreError> {
        let judge = self.key_judge();
        let cache = self.inner.cache.clone();
        let accounts = self.accounts().accounts;
        let counts = tokio::task::spawn_blocking(move || {
            let mut due = Vec::new();
            for account in accounts {
                let id = account.id.as_str();
                if cache.alert_shown_on(id, KIND)? == Some(today) {
                    continue;
                }
                let mut orgs = Vec::new();
                for org in cache.orgs(id)?.data {
                    let health = cache.key_health(id, &org.id, judge)?;
                    let count = |wanted| {
                        health
                            .iter()
                            .find(|c| c.concern == wanted)
                            .map_or(0, |c| c.keys)
                    };
                    let (expiring, expired) = (
                        count(KeyConcern::ExpiringSoon),
                        count(KeyConcern::ExpiredUnrevoked),
                    );
                    if expiring + expired > 0 {
                        orgs.push(OrgCounts {
                            org_id: org.id,
                            name: org.name,
                            expiring,
                            expired,
                        });
                    }
                }
                if !orgs.is_empty() {
                    due.push((account, orgs));
                }
            }
            Ok::<_, saasignal_cache::CacheError>(due)
        })
        .await
        .map_err(|_| CoreError::Interrupted)??;
        Ok(counts
            .into_iter()
            .map(|(account, orgs)| {
                alert(
                    account.id,
                    &account.label,
                    orgs,
                    judge.thresholds.expiring_within_days,
                )
            })
            .collect())
    }

    /// Records that `alert` was shown today; it is not due again until tomorrow.
    pub fn note_expiry_alert_shown(&self, alert: &ExpiryAlert, today: NaiveDate) {
        if let Err(error) = self
            .inner
            .cache
            .note_alert_shown(alert.account.as_str(), KIND, today)
        {
            tracing::warn!(%error, "could not record the expiry alert as shown; it may be shown again today");
        }
    }

    /// The person opened `alert`: the window shows its org's keys with its concern.
    pub fn open_expiry_alert(&self, alert: &ExpiryAlert) {
        self.emit(CoreEvent::ShowKeys {
            account: alert.account.clone(),
            org_id: alert.org_id.clone(),
            concern: alert.concern,
        });
    }
}

/// Words one account's alert; `orgs` is not empty.
fn alert(
    account: AccountId,
    label: &str,
    mut orgs: Vec<OrgCounts>,
    within_days: u32,
) -> ExpiryAlert {
    // The most pressing first: expired keys still working, then those about to expire.
    orgs.sort_by(|a, b| {
        (b.expired, b.expiring)
            .cmp(&(a.expired, a.expiring))
            .then(a.name.cmp(&b.name))
    });
    let keys = |n: u32| {
        if n == 1 {
            "1 key".to_owned()
        } else {
            format!("{n} keys")
        }
    };
    let mut lines: Vec<String> = orgs
        .iter()
        .take(ORGS_NAMED)
        .map(|org| {
            let mut parts = Vec::new();
            if org.expired > 0 {
                parts.push(format!("{} expired but not revoked", keys(org.expired)));
            }
            if org.expiring > 0 {
                parts.push(format!(
                    "{} expiring within {within_days} days",
                    keys(org.expiring)
                ));
            }
            format!("{}: {}", org.name, parts.join(", "))
        })
        .collect();
    if orgs.len() > ORGS_NAMED {
        lines.push(format!(
            "and {} more organizations",
            orgs.len() - ORGS_NAMED
        ));
    }
    let first = &orgs[0];
    ExpiryAlert {
        account,
        title: format!("API keys need renewing ({label})"),
        body: lines.join("\n"),
        org_id: first.org_id.clone(),
        concern: if first.expired > 0 {
            KeyConcern::ExpiredUnrevoked
        } else {
            KeyConcern::ExpiringSoon
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str, expiring: u32, expired: u32) -> OrgCounts {
        OrgCounts {
            org_id: format!("org_{name}"),
            name: name.into(),
            expiring,
            expired,
        }
    }

    #[test]
    fn the_most_pressing_org_comes_first_and_is_where_opening_goes() {
        let account = AccountId::from("acc1".to_owned());
        let alert = alert(
            account,
            "Work",
            vec![org("Beta", 3, 0), org("Acme", 1, 1)],
            7,
        );
        assert_eq!(alert.title, "API keys need renewing (Work)");
        assert_eq!(
            alert.body,
            "Acme: 1 key expired but not revoked, 1 key expiring within 7 days\nBeta: 3 keys expiring within 7 days"
        );
        assert_eq!(
            (alert.org_id.as_str(), alert.concern),
            ("org_Acme", KeyConcern::ExpiredUnrevoked)
        );
        let many = (0..5).map(|n| org(&format!("Org{n}"), 1, 0)).collect();
        let alert = super::alert(AccountId::from("acc1".to_owned()), "Work", many, 7);
        assert!(
            alert.body.ends_with("and 2 more organizations"),
            "{}",
            alert.body
        );
        assert_eq!(alert.concern, KeyConcern::ExpiringSoon);
    }
}
