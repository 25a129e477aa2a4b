//! A screen's window of a list: fetched whole from the server and cached, but only the
//! rows in view come back, with the counts and how fresh they are.

mod common;

use common::{Harness, project_request};
use saasignal_core::ReadMode;
use saasignal_model::RowWindow;

#[tokio::test]
async fn a_network_window_caches_the_whole_list_and_returns_the_rows_in_view() {
    let (h, account, org) = Harness::with_demo_org().await;
    let created = h
        .core
        .create_project(&account, &org, project_request("zz last", None))
        .await
        .expect("create");

    let window = RowWindow {
        offset: 1,
        limit: 2,
        ..RowWindow::default()
    };
    let page = h
        .core
        .project_page(&account, &org, &window, ReadMode::Network)
        .await
        .expect("page");
    assert!(!page.stale && page.stale_reason.is_none());
    assert!(page.synced_at.is_some());
    assert_eq!(
        (page.data.offset, page.data.total, page.data.matching),
        (1, 4, 4)
    );
    assert_eq!(page.data.rows.len(), 2);

    // The whole list is in the cache: the last row is there, found by search alone.
    let search = RowWindow {
        search: "ZZ LAST".into(),
        ..RowWindow::first(10)
    };
    let found = h
        .core
        .project_page(&account, &org, &search, ReadMode::CacheOnly)
        .await
        .expect("cached page");
    assert!(found.stale);
    assert_eq!(found.synced_at, page.synced_at);
    assert_eq!(found.data.matching, 1);
    assert_eq!(found.data.rows[0].id, created.id);
}

#[tokio::test]
async fn an_unreachable_server_gives_the_cached_window_marked_stale_with_the_reason() {
    let (mut h, account, org) = Harness::with_demo_org().await;
    let first = h
        .core
        .project_page(&account, &org, &RowWindow::first(50), ReadMode::Network)
        .await
        .expect("online page");
    h.stop_sandbox().await;

    let offline = h
        .core
        .project_page(&account, &org, &RowWindow::first(50), ReadMode::Network)
        .await
        .expect("offline page");
    assert!(offline.stale);
    let reason = offline.stale_reason.expect("a reason");
    assert!(
        reason.message.to_lowercase().contains("reach"),
        "{}",
        reason.message
    );
    assert_eq!(offline.data.rows, first.data.rows);
    assert_eq!(offline.synced_at, first.synced_at);
}
