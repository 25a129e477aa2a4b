//! Exporting lists from the cache to CSV and JSON files: every row the screen's filter
//! and search select (beyond one window), read back from disk; no exported file holds
//! anything like a secret; a folder that cannot be written fails with its path, leaving
//! nothing behind.

mod common;

use common::{Harness, contains};
use saasignal_core::ReadMode;
use saasignal_core::services::export::{ExportFormat, ExportList, ExportRequest};
use saasignal_model::{ActivityFilter, MAX_WINDOW_ROWS, StatusFilter, TokenFilter};

/// What marks a credential of the platform: API keys, browser tokens, and JWTs
/// (sessions) in general.
const SECRET_MARKERS: [&str; 4] = ["sk_live_", "sk_test_", "bt_", "eyJ"];

#[tokio::test]
async fn every_list_exports_in_both_formats_as_filtered_and_holds_no_secret() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    // More keys than one window, so the export pages through them all.
    let mut secrets = Vec::new();
    let extra = MAX_WINDOW_ROWS as usize + 20;
    for n in 0..extra {
        let key = h
            .create_key(&account, &org_id, &format!("Export {n:03}"), &["kv:read"])
            .await;
        if n < 3 {
            secrets.push(
                h.core
                    .reveal_secret(&key.secret)
                    .expect("held")
                    .expose()
                    .to_owned(),
            );
        }
        if n == 0 {
            h.core
                .revoke_token(&account, &org_id, &key.item.id)
                .await
                .expect("revoked");
        }
    }
    h.core.refresh_account(&account).await.expect("refreshed");
    let dir = tempfile::tempdir().expect("dir");
    let lists = [
        (
            "keys",
            ExportList::Tokens {
                filter: TokenFilter::default(),
            },
        ),
        ("members", ExportList::Members),
        ("projects", ExportList::Projects),
        (
            "activity",
            ExportList::Activity {
                filter: ActivityFilter::default(),
            },
        ),
        ("usage", ExportList::Usage { days: 30 }),
    ];
    let keys_cached = h
        .core
        .tokens(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("keys")
        .data
        .len();
    for (name, list) in lists {
        for format in [ExportFormat::Csv, ExportFormat::Json] {
            let request = ExportRequest {
                list: list.clone(),
                search: String::new(),
                format,
            };
            let path = dir.path().join(format!("{name}.{}", format.extension()));
            let receipt = h
                .core
                .export(&account, &org_id, &request, &path)
                .await
                .expect("exported");
            let bytes = std::fs::read(&path).expect("read back");
            for marker in SECRET_MARKERS {
                assert!(
                    !contains(&bytes, marker),
                    "{name}.{format:?} holds {marker:?}"
                );
            }
            for secret in &secrets {
                assert!(
                    !contains(&bytes, secret),
                    "{name}.{format:?} holds a key's secret"
                );
            }
            let text = String::from_utf8(bytes).expect("utf-8");
            let rows = match format {
                ExportFormat::Csv => csv::Reader::from_reader(text.as_bytes()).records().count(),
                ExportFormat::Json => serde_json::from_str::<Vec<serde_json::Value>>(&text)
                    .expect("json")
                    .len(),
            };
            assert_eq!(rows, receipt.rows as usize, "{name}.{format:?}");
            if name == "keys" {
                assert_eq!(rows, keys_cached, "every cached key, past the first window");
            }
            if name == "usage" {
                assert_eq!(rows, 30, "the last 30 days of the cached series");
                if format == ExportFormat::Csv {
                    assert!(
                        text.starts_with("date,total,kv_reads,kv_writes,"),
                        "{text:.80}"
                    );
                }
            }
            assert!(rows > 0, "{name} exported nothing");
        }
    }

    // The screen's filter and search are the export's.
    let revoked_only = ExportRequest {
        list: ExportList::Tokens {
            filter: TokenFilter {
                status: StatusFilter::Revoked,
                ..TokenFilter::default()
            },
        },
        search: "export 000".into(),
        format: ExportFormat::Csv,
    };
    let path = dir.path().join("revoked.csv");
    let receipt = h
        .core
        .export(&account, &org_id, &revoked_only, &path)
        .await
        .expect("exported");
    assert_eq!(receipt.rows, 1);
    let mut reader = csv::Reader::from_path(&path).expect("csv");
    let header = reader.headers().expect("header").clone();
    let record = reader.records().next().expect("a row").expect("readable");
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(&record[column("name")], "Export 000");
    assert_eq!(&record[column("revoked")], "true");
    assert_eq!(&record[column("scopes")], "kv:read");
}

#[tokio::test]
async fn a_folder_that_cannot_be_written_fails_with_its_path_and_leaves_nothing() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.core.refresh_account(&account).await.expect("refreshed");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("missing folder").join("projects.csv");
    let request = ExportRequest {
        list: ExportList::Projects,
        search: String::new(),
        format: ExportFormat::Csv,
    };
    let error = h
        .core
        .export(&account, &org_id, &request, &path)
        .await
        .expect_err("no folder");
    assert_eq!(error.code().as_str(), "export_failed");
    assert!(error.to_string().contains("missing folder"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}
