//! Accounts never see each other's rows, and a purge removes one account only.

mod common;

use saasignal_cache::Cache;
use saasignal_model::{ActivityEntry, ActivityOutcome, SentInvite};

use common::*;

/// Two accounts that both see org_1 and org_shared, each with its own names and rows.
fn two_accounts(cache: &Cache) {
    for (account, label) in [("acc1", "One"), ("acc2", "Two")] {
        cache
            .replace_orgs(
                account,
                &[
                    org("org_1", label),
                    org("org_shared", &format!("{label} shared")),
                ],
            )
            .unwrap();
        cache
            .replace_projects(
                account,
                "org_1",
                &[project("proj_1", &format!("{label} project"))],
            )
            .unwrap();
        cache
            .replace_members(account, "org_1", &[member("u_1", label)])
            .unwrap();
        cache
            .replace_tokens(
                account,
                "org_1",
                &[token("tok_1", &format!("{label} token"), Some("proj_1"))],
            )
            .unwrap();
        cache
            .replace_my_scopes(account, "org_1", &[format!("{label}:read")])
            .unwrap();
        cache
            .replace_billing_overview(account, "org_1", &billing_overview("org_1", 50.0))
            .unwrap();
        cache
            .record_activity(
                account,
                &ActivityEntry {
                    seq: 0,
                    at: at(9),
                    action: "project.create".into(),
                    org_id: Some("org_1".into()),
                    target_id: Some("proj_1".into()),
                    target_name: Some(label.into()),
                    outcome: ActivityOutcome::Ok,
                    related_id: None,
                },
            )
            .unwrap();
        cache
            .begin_reveal(account, "org_1", &format!("{label} key"), &at(9))
            .unwrap();
        let invite = SentInvite {
            email: format!("{label}@example.com"),
            scopes: vec!["kv:read".into()],
            project_id: None,
            invited_at: at(9),
            accepted_at: None,
        };
        cache.record_invite(account, "org_1", &invite).unwrap();
        cache
            .begin_roll(account, "org_1", "tok_1", "tok_2", &at(9))
            .unwrap();
        cache
            .note_alert_shown(account, "key_expiry", at(9).date_naive())
            .unwrap();
    }
}

fn assert_sees_only_its_own(cache: &Cache, account: &str, label: &str) {
    let orgs = cache.orgs(account).unwrap().data;
    assert_eq!(
        orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        [label.to_owned(), format!("{label} shared")]
    );
    assert_eq!(
        cache.projects(account, "org_1").unwrap().data[0].name,
        format!("{label} project")
    );
    assert_eq!(cache.projects(account, "org_1").unwrap().data.len(), 1);
    assert_eq!(
        cache.members(account, "org_1").unwrap().data,
        vec![member("u_1", label)]
    );
    assert_eq!(cache.tokens(account, "org_1").unwrap().data.len(), 1);
    assert_eq!(
        cache.tokens(account, "org_1").unwrap().data[0].name,
        format!("{label} token")
    );
    assert_eq!(
        cache.my_scopes(account, "org_1").unwrap().data,
        Some(vec![format!("{label}:read")])
    );
    let activity = cache.activity(account, 10).unwrap();
    assert_eq!(activity.len(), 1);
    assert_eq!(activity[0].target_name.as_deref(), Some(label));
}

#[test]
fn two_accounts_with_the_same_org_ids_stay_apart() {
    let cache = Cache::open_in_memory().unwrap();
    two_accounts(&cache);

    assert_sees_only_its_own(&cache, "acc1", "One");
    assert_sees_only_its_own(&cache, "acc2", "Two");
}

#[test]
fn writes_under_one_account_leave_the_other_alone() {
    let cache = Cache::open_in_memory().unwrap();
    two_accounts(&cache);

    cache.replace_orgs("acc1", &[]).unwrap();
    cache.remove_project("acc2", "org_1", "proj_1").unwrap();

    assert!(cache.orgs("acc1").unwrap().data.is_empty());
    assert!(cache.projects("acc1", "org_1").unwrap().data.is_empty());
    assert_eq!(cache.orgs("acc2").unwrap().data.len(), 2);
    assert!(cache.tokens("acc2", "org_1").unwrap().data[0].revoked);
    assert!(cache.projects("acc2", "org_1").unwrap().data.is_empty());
}

#[test]
fn purging_an_account_empties_every_table_of_it_and_only_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let (cache, _) = Cache::open(&path).unwrap();
    two_accounts(&cache);

    cache.purge_account("acc1").unwrap();

    assert!(cache.orgs("acc1").unwrap().data.is_empty());
    assert_eq!(cache.last_synced("acc1").unwrap(), None);
    assert!(cache.activity("acc1", 10).unwrap().is_empty());
    assert_sees_only_its_own(&cache, "acc2", "Two");
    // Every table of the schema, so a table added later cannot be forgotten here.
    let db = raw(&path);
    for table in table_names(&db) {
        let count = |account: &str| -> i64 {
            db.query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE account_id = ?1"),
                [account],
                |row| row.get(0),
            )
            .unwrap()
        };
        assert_eq!(
            count("acc1"),
            0,
            "{table} still holds rows of the purged account"
        );
        assert!(count("acc2") > 0, "{table} lost rows of the other account");
    }
}

#[test]
fn pending_reveals_are_kept_across_reopening_and_purged_with_their_account() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let (cache, _) = Cache::open(&path).unwrap();
    let now = chrono::Utc::now();
    let mine = cache
        .begin_reveal("acc1", "org_1", "CI deploy", &now)
        .unwrap();
    let theirs = cache.begin_reveal("acc2", "org_1", "Other", &now).unwrap();
    cache.reveal_created(mine, "tok_1").unwrap();
    drop(cache);

    let (cache, _) = Cache::open(&path).unwrap();
    let pending = cache.pending_reveals().unwrap();
    assert_eq!(pending.len(), 2);
    assert_eq!(pending[0].key_name, "CI deploy");
    assert_eq!(pending[0].key_id.as_deref(), Some("tok_1"));
    assert_eq!(pending[1].key_id, None);

    cache.purge_account("acc1").unwrap();
    let left: Vec<_> = cache
        .pending_reveals()
        .unwrap()
        .into_iter()
        .map(|p| p.seq)
        .collect();
    assert_eq!(left, [theirs]);
    cache.end_reveal(theirs).unwrap();
    assert!(cache.pending_reveals().unwrap().is_empty());
}

#[test]
fn an_in_memory_cache_adopts_the_file_once_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let stand_in = Cache::open_in_memory().unwrap();
    assert!(stand_in.is_in_memory());
    let shared = stand_in.clone();
    let (file, _) = Cache::open(&path).unwrap();
    assert!(!file.is_in_memory());
    stand_in.adopt(file);
    assert!(!shared.is_in_memory(), "every clone uses the file now");
    shared
        .replace_orgs("acc1", &[org("org_1", "Acme")])
        .unwrap();
    drop((stand_in, shared));
    let (reopened, _) = Cache::open(&path).unwrap();
    assert_eq!(reopened.orgs("acc1").unwrap().data.len(), 1);
}
