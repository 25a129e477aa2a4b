//! Windows of an org's API keys: the Tokens table's filters (project, status, search) and
//! orders, applied in SQL against a given clock, with the counts.

mod common;

use chrono::Duration;
use saasignal_cache::{Cache, KeyJudge};
use saasignal_model::{
    ConcernCount, KeyConcern, KeyStatus, KeyThresholds, Page, ProjectFilter, RowWindow,
    StatusFilter, Timestamp, Token, TokenFilter, TokenSort,
};

use common::*;

/// The clock every status is judged against.
fn now() -> Timestamp {
    at(20)
}

const DEFAULTS: KeyThresholds = KeyThresholds {
    expiring_within_days: 7,
    never_used_after_days: 30,
    unused_after_days: 90,
};

fn judged_with(thresholds: KeyThresholds) -> KeyJudge {
    KeyJudge {
        now: now(),
        thresholds,
    }
}

fn judged() -> KeyJudge {
    judged_with(DEFAULTS)
}

/// Keys of org_1 in every state, for acc1; plus one in org_2 and one under acc2.
fn keys() -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    for account in ["acc1", "acc2"] {
        cache
            .replace_orgs(account, &[org("org_1", "Acme"), org("org_2", "Beta")])
            .unwrap();
    }
    cache
        .replace_projects(
            "acc1",
            "org_1",
            &[
                project("proj_web", "Storefront"),
                project("proj_api", "Billing API"),
            ],
        )
        .unwrap();
    let now = now();
    let tokens = [
        Token {
            scopes: vec!["*".into()],
            ..token("tok_wide", "Org-wide admin", None)
        },
        Token {
            expires_at: Some(now + Duration::days(3)),
            ..token("tok_soon", "Deploy bot", Some("proj_web"))
        },
        Token {
            expires_at: Some(now + Duration::days(7)),
            last_used_at: Some(at(19)),
            ..token("tok_edge", "Exactly a week", Some("proj_web"))
        },
        Token {
            expires_at: Some(now + Duration::days(7) + Duration::milliseconds(1)),
            ..token("tok_later", "Just past a week", Some("proj_api"))
        },
        Token {
            expires_at: Some(now),
            ..token("tok_expired", "Expired now", Some("proj_api"))
        },
        Token {
            revoked: true,
            expires_at: Some(at(1)),
            ..token("tok_revoked", "Revoked and expired", Some("proj_api"))
        },
        Token {
            last_used_at: None,
            created_at: Some(at(10)),
            ..token("tok_unused", "Never used", Some("proj_gone"))
        },
    ];
    cache.replace_tokens("acc1", "org_1", &tokens).unwrap();
    cache
        .replace_tokens(
            "acc1",
            "org_2",
            &[token("tok_other_org", "Other org", None)],
        )
        .unwrap();
    cache
        .replace_tokens(
            "acc2",
            "org_1",
            &[token("tok_other_acc", "Other account", None)],
        )
        .unwrap();
    cache
}

fn page(cache: &Cache, search: &str, filter: TokenFilter) -> Page<Token> {
    let window = RowWindow {
        search: search.into(),
        offset: 0,
        limit: 50,
    };
    cache
        .token_page("acc1", "org_1", &window, &filter, judged())
        .unwrap()
        .data
}

fn with_status(status: StatusFilter) -> TokenFilter {
    TokenFilter {
        status,
        sort: TokenSort::Name,
        ..TokenFilter::default()
    }
}

fn ids(page: &Page<Token>) -> Vec<&str> {
    page.rows.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn each_status_selects_the_keys_in_that_state_at_the_given_time() {
    let cache = keys();
    let cases = [
        (StatusFilter::All, 7),
        (StatusFilter::Expiring, 2),
        (StatusFilter::Expired, 1),
        (StatusFilter::Revoked, 1),
        (StatusFilter::NeverUsed, 1),
        (StatusFilter::Active, 5),
    ];
    for (status, expected) in cases {
        let found = page(&cache, "", with_status(status));
        assert_eq!(found.rows.len(), expected, "{status:?}: {:?}", ids(&found));
        assert_eq!((found.matching as usize, found.total), (expected, 7));
    }
    // Expiring: within 7 days, the 7th day included; expired: at or before now, unrevoked.
    assert_eq!(
        ids(&page(&cache, "", with_status(StatusFilter::Expiring))),
        ["tok_soon", "tok_edge"]
    );
    assert_eq!(
        ids(&page(&cache, "", with_status(StatusFilter::Expired))),
        ["tok_expired"]
    );
    let active = page(&cache, "", with_status(StatusFilter::Active));
    assert!(!ids(&active).contains(&"tok_expired") && !ids(&active).contains(&"tok_revoked"));
}

#[test]
fn the_project_filter_picks_one_project_or_the_org_wide_keys() {
    let cache = keys();
    let one = TokenFilter {
        project: ProjectFilter::Project("proj_web".into()),
        sort: TokenSort::Name,
        ..TokenFilter::default()
    };
    assert_eq!(ids(&page(&cache, "", one)), ["tok_soon", "tok_edge"]);
    let org_wide = TokenFilter {
        project: ProjectFilter::OrgWide,
        ..TokenFilter::default()
    };
    assert_eq!(ids(&page(&cache, "", org_wide)), ["tok_wide"]);
}

#[test]
fn the_search_finds_name_hint_id_scope_and_project_name_literally() {
    let cache = keys();
    let all = || with_status(StatusFilter::All);
    assert_eq!(ids(&page(&cache, "deploy", all())), ["tok_soon"]);
    assert_eq!(ids(&page(&cache, "tok_unu", all())), ["tok_unused"]);
    assert_eq!(ids(&page(&cache, "\"*\"", all())), ["tok_wide"]);
    // By the project's name; a deleted project's key is still found by its own fields.
    assert_eq!(
        ids(&page(&cache, "billing", all())),
        ["tok_expired", "tok_later", "tok_revoked"]
    );
    assert_eq!(page(&cache, "a1b2", all()).matching, 7);
    assert_eq!(page(&cache, "%", all()).matching, 0);
}

#[test]
fn each_order_puts_the_keys_as_the_table_promises() {
    let cache = keys();
    let sorted = |sort| {
        let found = page(
            &cache,
            "",
            TokenFilter {
                sort,
                ..TokenFilter::default()
            },
        );
        found.rows.iter().map(|t| t.id.clone()).collect::<Vec<_>>()
    };
    // Most recently used first, never used last; ties by name.
    let recent = sorted(TokenSort::LastUsedDesc);
    assert_eq!(recent.first().map(String::as_str), Some("tok_edge"));
    assert_eq!(recent.last().map(String::as_str), Some("tok_unused"));
    // Never used first, then the longest unused.
    let least = sorted(TokenSort::LastUsedAsc);
    assert_eq!(least.first().map(String::as_str), Some("tok_unused"));
    assert_eq!(least.last().map(String::as_str), Some("tok_edge"));
    assert_eq!(sorted(TokenSort::CreatedDesc)[0], "tok_unused");
    assert_eq!(sorted(TokenSort::Name)[0], "tok_soon"); // "Deploy bot"
}

#[test]
fn a_window_past_the_end_still_counts_and_other_orgs_and_accounts_never_show() {
    let cache = keys();
    let window = RowWindow {
        search: "a".into(),
        offset: 500,
        limit: 10,
    };
    let found = cache
        .token_page("acc1", "org_1", &window, &TokenFilter::default(), judged())
        .unwrap()
        .data;
    assert!(found.rows.is_empty());
    assert!(found.matching > 0 && found.matching <= 7);
    let all = page(&cache, "other", TokenFilter::default());
    assert_eq!(all.matching, 0, "{:?}", ids(&all));
}

fn counts(cache: &Cache, judge: KeyJudge) -> Vec<(KeyConcern, u32)> {
    cache
        .key_health("acc1", "org_1", judge)
        .unwrap()
        .into_iter()
        .map(|ConcernCount { concern, keys }| (concern, keys))
        .collect()
}

#[test]
fn each_concern_counts_the_unrevoked_keys_it_names() {
    let cache = keys();
    // tok_unused was created on day 10: 10 days before "now", so not yet "never used".
    assert_eq!(
        counts(&cache, judged()),
        [
            (KeyConcern::WideScopes, 1),
            (KeyConcern::NoExpiry, 2),
            (KeyConcern::ExpiringSoon, 2),
            (KeyConcern::ExpiredUnrevoked, 1),
            (KeyConcern::NeverUsed, 0),
            (KeyConcern::Unused, 0),
            (KeyConcern::ProjectDeleted, 1),
        ]
    );
    // Thresholds are the person's: a week without use is long enough for both rules.
    let strict = KeyThresholds {
        expiring_within_days: 3,
        never_used_after_days: 7,
        unused_after_days: 7,
    };
    let strict = counts(&cache, judged_with(strict));
    assert!(
        strict.contains(&(KeyConcern::ExpiringSoon, 1)),
        "{strict:?}"
    );
    assert!(strict.contains(&(KeyConcern::NeverUsed, 1)), "{strict:?}");
    // Used on day 5, 15 days before now (tok_edge was used on day 19): four keys.
    assert!(strict.contains(&(KeyConcern::Unused, 4)), "{strict:?}");
}

#[test]
fn a_concern_is_a_one_click_filter_of_the_same_keys() {
    let cache = keys();
    let with = |concern| TokenFilter {
        concern: Some(concern),
        sort: TokenSort::Name,
        ..TokenFilter::default()
    };
    assert_eq!(
        ids(&page(&cache, "", with(KeyConcern::WideScopes))),
        ["tok_wide"]
    );
    assert_eq!(
        ids(&page(&cache, "", with(KeyConcern::ProjectDeleted))),
        ["tok_unused"]
    );
    assert_eq!(
        ids(&page(&cache, "", with(KeyConcern::NoExpiry))),
        ["tok_unused", "tok_wide"]
    );
    for (concern, keys) in counts(&cache, judged()) {
        assert_eq!(
            page(&cache, "", with(concern)).matching,
            keys,
            "{concern:?}"
        );
    }
}

#[test]
fn a_family_wildcard_is_wide_and_a_deleted_project_is_judged_only_once_projects_are_known() {
    let cache = Cache::open_in_memory().unwrap();
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    let family = Token {
        scopes: vec!["kv:*".into(), "projects:read".into()],
        ..token("tok_family", "Family", Some("proj_never_cached"))
    };
    let narrow = Token {
        scopes: vec!["kv:read".into()],
        ..token("tok_narrow", "Narrow", None)
    };
    cache
        .replace_tokens("acc1", "org_1", &[family, narrow])
        .unwrap();
    let before = counts(&cache, judged());
    assert!(before.contains(&(KeyConcern::WideScopes, 1)));
    assert!(
        !before
            .iter()
            .any(|(concern, _)| *concern == KeyConcern::ProjectDeleted),
        "no projects cached yet: {before:?}"
    );
    cache.replace_projects("acc1", "org_1", &[]).unwrap();
    assert!(counts(&cache, judged()).contains(&(KeyConcern::ProjectDeleted, 1)));
}

#[test]
fn select_all_takes_the_unrevoked_keys_the_table_lists_in_its_order() {
    let cache = keys();
    let all = |search: &str, filter: TokenFilter| -> Vec<String> {
        cache
            .unrevoked_token_ids("acc1", "org_1", search, &filter, judged())
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let listed: Vec<String> = page(&cache, "", with_status(StatusFilter::All))
        .rows
        .into_iter()
        .filter(|t| !t.revoked)
        .map(|t| t.id)
        .collect();
    assert_eq!(all("", with_status(StatusFilter::All)), listed);
    assert_eq!(listed.len(), 6, "the revoked key is not selected");
    assert_eq!(all("deploy", with_status(StatusFilter::All)), ["tok_soon"]);
    let in_api = TokenFilter {
        project: ProjectFilter::Project("proj_api".into()),
        ..with_status(StatusFilter::All)
    };
    assert_eq!(all("", in_api), ["tok_expired", "tok_later"]);
    assert!(all("", with_status(StatusFilter::Revoked)).is_empty());
}

#[test]
fn each_row_carries_the_status_its_filter_would_give_it_at_the_same_thresholds() {
    let cache = keys();
    for judge in [
        judged(),
        judged_with(KeyThresholds {
            expiring_within_days: 3,
            ..KeyThresholds::default()
        }),
    ] {
        let window = RowWindow {
            search: String::new(),
            offset: 0,
            limit: 50,
        };
        let read = |filter: TokenFilter| {
            cache
                .token_page("acc1", "org_1", &window, &filter, judge)
                .unwrap()
                .data
        };
        let all = read(with_status(StatusFilter::All));
        assert!(
            all.rows.iter().all(|t| t.status.is_some()),
            "every row is judged"
        );
        for (status, filter) in [
            (KeyStatus::Expiring, StatusFilter::Expiring),
            (KeyStatus::Expired, StatusFilter::Expired),
            (KeyStatus::Revoked, StatusFilter::Revoked),
        ] {
            let judged: Vec<&str> = all
                .rows
                .iter()
                .filter(|t| t.status == Some(status))
                .map(|t| t.id.as_str())
                .collect();
            assert_eq!(
                judged,
                ids(&read(with_status(filter))),
                "{status:?} at {:?}",
                judge.thresholds
            );
        }
    }
    // A shorter threshold moves the week-away key from expiring to active.
    let window = RowWindow {
        search: "exactly".into(),
        offset: 0,
        limit: 50,
    };
    let status = |judge| {
        cache
            .token_page(
                "acc1",
                "org_1",
                &window,
                &with_status(StatusFilter::All),
                judge,
            )
            .unwrap()
            .data
            .rows[0]
            .status
    };
    assert_eq!(status(judged()), Some(KeyStatus::Expiring));
    let short = judged_with(KeyThresholds {
        expiring_within_days: 3,
        ..KeyThresholds::default()
    });
    assert_eq!(status(short), Some(KeyStatus::Active));
}
