//! The invites sent from this app: pending until the email is among the members, then
//! accepted (and kept so), until forgotten; per account and org.

mod common;

use saasignal_cache::Cache;
use saasignal_model::{Member, SentInvite};

use common::*;

fn sent(email: &str, day: u32) -> SentInvite {
    SentInvite {
        email: email.into(),
        scopes: vec!["kv:read".into()],
        project_id: None,
        invited_at: at(day),
        accepted_at: None,
    }
}

fn states(cache: &Cache, account: &str, day: u32) -> Vec<(String, bool)> {
    cache
        .sent_invites(account, "org_1", &at(day))
        .unwrap()
        .into_iter()
        .map(|invite| (invite.email, invite.accepted_at.is_some()))
        .collect()
}

#[test]
fn an_invite_is_pending_until_its_email_joins_then_stays_accepted_until_forgotten() {
    let cache = Cache::open_in_memory().unwrap();
    for account in ["acc1", "acc2"] {
        cache
            .replace_orgs(account, &[org("org_1", "Acme")])
            .unwrap();
    }
    cache
        .record_invite("acc1", "org_1", &sent("Ada@Example.com", 10))
        .unwrap();
    cache
        .record_invite("acc1", "org_1", &sent("bo@example.com", 11))
        .unwrap();
    assert_eq!(
        states(&cache, "acc1", 12),
        [
            ("bo@example.com".into(), false),
            ("ada@example.com".into(), false)
        ]
    );
    assert!(
        states(&cache, "acc2", 12).is_empty(),
        "another account's invites"
    );

    // Ada joins (any case): accepted when next read, and pending ones come first.
    let ada = Member {
        email: "ADA@example.com".into(),
        ..member("u_ada", "Ada")
    };
    cache.replace_members("acc1", "org_1", &[ada]).unwrap();
    let read = cache.sent_invites("acc1", "org_1", &at(13)).unwrap();
    assert_eq!(read[0].email, "bo@example.com");
    assert_eq!(read[1].accepted_at, Some(at(13)));
    // Ada leaves: still accepted, since the day she joined.
    cache.replace_members("acc1", "org_1", &[]).unwrap();
    let later = cache.sent_invites("acc1", "org_1", &at(20)).unwrap();
    assert_eq!(later[1].accepted_at, Some(at(13)));

    assert!(
        cache
            .forget_invite("acc1", "org_1", "ADA@example.com")
            .unwrap()
    );
    assert!(
        !cache
            .forget_invite("acc1", "org_1", "ada@example.com")
            .unwrap()
    );
    assert_eq!(
        states(&cache, "acc1", 21),
        [("bo@example.com".into(), false)]
    );
}
