//! Unfinished key rolls: listed with both keys' names until the old key is revoked, gone
//! or the roll is forgotten; a failed revoke is noted on its roll; per account and org.

mod common;

use saasignal_cache::Cache;

use common::*;

fn cached(accounts: &[&str]) -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    for account in accounts {
        cache
            .replace_orgs(account, &[org("org_1", "Acme")])
            .unwrap();
        let keys = [
            token("tok_old", "Deploy", None),
            token("tok_new", "Deploy (rolled)", None),
        ];
        cache.replace_tokens(account, "org_1", &keys).unwrap();
    }
    cache
}

#[test]
fn a_roll_lasts_until_its_old_key_is_revoked_and_notes_a_failed_revoke() {
    let cache = cached(&["acc1", "acc2"]);
    cache
        .begin_roll("acc1", "org_1", "tok_old", "tok_new", &at(10))
        .unwrap();
    let rolls = cache.key_rolls("acc1", "org_1").unwrap();
    assert_eq!(rolls.len(), 1);
    assert_eq!(
        (
            rolls[0].old_name.as_str(),
            rolls[0].new_name.as_str(),
            rolls[0].revoke_failed.as_deref()
        ),
        ("Deploy", "Deploy (rolled)", None)
    );
    assert!(
        cache.key_rolls("acc2", "org_1").unwrap().is_empty(),
        "another account's"
    );

    cache
        .note_roll_revoke_failed("acc1", "org_1", "tok_old", "network")
        .unwrap();
    cache
        .note_roll_revoke_failed("acc1", "org_1", "tok_new", "network")
        .unwrap();
    let rolls = cache.key_rolls("acc1", "org_1").unwrap();
    assert_eq!(rolls[0].revoke_failed.as_deref(), Some("network"));

    cache
        .mark_token_revoked("acc1", "org_1", "tok_old")
        .unwrap();
    assert!(cache.key_rolls("acc1", "org_1").unwrap().is_empty());
    // Dropped for good, not hidden: the key coming back unrevoked does not revive it.
    cache
        .replace_tokens("acc1", "org_1", &[token("tok_old", "Deploy", None)])
        .unwrap();
    assert!(cache.key_rolls("acc1", "org_1").unwrap().is_empty());
}

#[test]
fn a_roll_ends_when_its_old_key_leaves_the_list_or_is_forgotten() {
    let cache = cached(&["acc1"]);
    cache
        .begin_roll("acc1", "org_1", "tok_old", "tok_new", &at(10))
        .unwrap();
    assert!(cache.forget_roll("acc1", "org_1", "tok_old").unwrap());
    assert!(!cache.forget_roll("acc1", "org_1", "tok_old").unwrap());
    assert!(cache.key_rolls("acc1", "org_1").unwrap().is_empty());

    cache
        .begin_roll("acc1", "org_1", "tok_old", "tok_new", &at(10))
        .unwrap();
    cache
        .replace_tokens(
            "acc1",
            "org_1",
            &[token("tok_new", "Deploy (rolled)", None)],
        )
        .unwrap();
    assert!(cache.key_rolls("acc1", "org_1").unwrap().is_empty());
    assert_eq!(cache.token("acc1", "org_1", "tok_old").unwrap(), None);
    assert_eq!(
        cache
            .token("acc1", "org_1", "tok_new")
            .unwrap()
            .map(|t| t.name),
        Some("Deploy (rolled)".into())
    );
}
