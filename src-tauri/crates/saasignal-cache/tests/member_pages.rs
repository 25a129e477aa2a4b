//! Windows of an org's members: the signed-in person first, then the owners, then by
//! name; searched in name and email; counted in SQL.

mod common;

use saasignal_cache::Cache;
use saasignal_model::{Member, Page, RowWindow};

use common::*;

fn members() -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    for account in ["acc1", "acc2"] {
        cache
            .replace_orgs(account, &[org("org_1", "Acme"), org("org_2", "Beta")])
            .unwrap();
    }
    let owner = Member {
        scopes: vec!["*".into()],
        ..member("u_owner", "Zed Owner")
    };
    let family_wildcard = Member {
        scopes: vec!["kv:*".into()],
        ..member("u_kv", "Amy")
    };
    let list = [
        member("u_bob", "Bob"),
        owner,
        family_wildcard,
        member("u_me", "Yann"),
        member("u_cleo", "cleo"),
    ];
    cache.replace_members("acc1", "org_1", &list).unwrap();
    cache
        .replace_members("acc1", "org_2", &[member("u_other", "Other org")])
        .unwrap();
    cache
        .replace_members("acc2", "org_1", &[member("u_acc", "Other account")])
        .unwrap();
    cache
}

fn page(cache: &Cache, search: &str, offset: u32, me: Option<&str>) -> Page<Member> {
    let window = RowWindow {
        search: search.into(),
        offset,
        limit: 50,
    };
    cache
        .member_page("acc1", "org_1", &window, me)
        .unwrap()
        .data
}

fn ids(page: &Page<Member>) -> Vec<&str> {
    page.rows.iter().map(|m| m.user_id.as_str()).collect()
}

#[test]
fn the_person_comes_first_then_the_owners_then_everyone_by_name() {
    let cache = members();
    // `member` makes the email from the name: yann@example.com.
    let found = page(&cache, "", 0, Some("YANN@example.com"));
    assert_eq!(ids(&found), ["u_me", "u_owner", "u_kv", "u_bob", "u_cleo"]);
    assert_eq!((found.matching, found.total), (5, 5));
    // An API-key account is nobody in the list: the owners lead.
    assert_eq!(
        ids(&page(&cache, "", 0, None)),
        ["u_owner", "u_kv", "u_bob", "u_cleo", "u_me"]
    );
}

#[test]
fn the_search_finds_names_and_emails_literally_and_a_window_past_the_end_still_counts() {
    let cache = members();
    assert_eq!(ids(&page(&cache, "CLEO@", 0, None)), ["u_cleo"]);
    assert_eq!(ids(&page(&cache, "b", 0, None)), ["u_bob"]);
    assert_eq!(page(&cache, "%", 0, None).matching, 0);
    let past = page(&cache, "example", 100, None);
    assert!(past.rows.is_empty());
    assert_eq!((past.matching, past.total), (5, 5));
    assert_eq!(page(&cache, "other", 0, None).matching, 0);
}
