//! Windows of a long list: the rows in view, searched and counted in SQL, so a screen
//! never reads a whole list to show a screenful of it.

mod common;

use saasignal_cache::Cache;
use saasignal_model::{Project, RowWindow};

use common::*;

/// org_1 with 250 projects named `Project 000`…`Project 249` (the odd ones described as
/// "edge"), stored out of order; org_2 with one; another account with one in org_1.
fn long_list() -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    for account in ["acc1", "acc2"] {
        cache
            .replace_orgs(account, &[org("org_1", "Acme"), org("org_2", "Beta")])
            .unwrap();
    }
    let projects: Vec<Project> = (0..250)
        .rev()
        .map(|i| Project {
            description: if i % 2 == 1 {
                "edge worker".into()
            } else {
                Default::default()
            },
            ..project(&format!("proj_{i:03}"), &format!("Project {i:03}"))
        })
        .collect();
    cache.replace_projects("acc1", "org_1", &projects).unwrap();
    cache
        .replace_projects("acc1", "org_2", &[project("proj_x", "Other org")])
        .unwrap();
    cache
        .replace_projects("acc2", "org_1", &[project("proj_y", "Other account")])
        .unwrap();
    cache
}

fn names(rows: &[Project]) -> Vec<&str> {
    rows.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn a_window_is_the_rows_at_its_offset_in_list_order_with_the_counts() {
    let cache = long_list();
    let window = RowWindow {
        offset: 100,
        limit: 3,
        ..RowWindow::default()
    };
    let page = cache.project_page("acc1", "org_1", &window).unwrap();
    assert_eq!(
        names(&page.data.rows),
        ["Project 100", "Project 101", "Project 102"]
    );
    assert_eq!(
        (page.data.offset, page.data.matching, page.data.total),
        (100, 250, 250)
    );
    assert!(page.synced_at.is_some());
    assert!(page.data.rows.iter().all(|p| &*p.org_id == "org_1"));

    let past_the_end = RowWindow {
        offset: 249,
        limit: 10,
        ..RowWindow::default()
    };
    let last = cache.project_page("acc1", "org_1", &past_the_end).unwrap();
    assert_eq!(names(&last.data.rows), ["Project 249"]);
}

#[test]
fn a_search_counts_and_pages_only_the_matching_rows() {
    let cache = long_list();
    let window = RowWindow {
        search: " EDGE ".into(),
        offset: 2,
        limit: 2,
    };
    let page = cache.project_page("acc1", "org_1", &window).unwrap();
    assert_eq!(names(&page.data.rows), ["Project 005", "Project 007"]);
    assert_eq!((page.data.matching, page.data.total), (125, 250));

    let by_id = RowWindow {
        search: "proj_24".into(),
        ..RowWindow::first(50)
    };
    let page = cache.project_page("acc1", "org_1", &by_id).unwrap();
    assert_eq!(page.data.matching, 10);
}

#[test]
fn wildcards_in_a_search_match_only_themselves() {
    let cache = long_list();
    for text in ["%", "Pro%ct", "Project_1"] {
        let window = RowWindow {
            search: text.into(),
            ..RowWindow::first(50)
        };
        let page = cache.project_page("acc1", "org_1", &window).unwrap();
        assert_eq!(page.data.matching, 0, "{text:?} matched as a wildcard");
    }
}

#[test]
fn a_window_never_holds_another_orgs_or_accounts_rows() {
    let cache = long_list();
    let page = cache
        .project_page("acc2", "org_1", &RowWindow::first(500))
        .unwrap();
    assert_eq!(names(&page.data.rows), ["Other account"]);
    let page = cache
        .project_page("acc1", "org_2", &RowWindow::first(500))
        .unwrap();
    assert_eq!(names(&page.data.rows), ["Other org"]);
    let never_synced = cache
        .project_page("acc3", "org_1", &RowWindow::first(500))
        .unwrap();
    assert_eq!((never_synced.data.total, never_synced.synced_at), (0, None));
}

#[test]
fn a_window_asks_for_at_most_the_cap() {
    let cache = long_list();
    let page = cache
        .project_page("acc1", "org_1", &RowWindow::first(u32::MAX))
        .unwrap();
    assert_eq!(page.data.rows.len(), 250);
    let capped = RowWindow::first(u32::MAX).capped_limit();
    assert_eq!(capped, saasignal_model::page::MAX_WINDOW_ROWS);
}

#[test]
fn a_searched_window_past_the_end_still_counts_the_matches() {
    let cache = long_list();
    let window = RowWindow {
        search: "edge".into(),
        offset: 1_000,
        limit: 50,
    };
    let page = cache.project_page("acc1", "org_1", &window).unwrap();
    assert!(page.data.rows.is_empty());
    assert_eq!(page.data.matching, 125);
}
