//! A token created on the server comes back with its secret; the cache stores the
//! metadata and the secret never reaches the database file or its WAL.

mod common;

use std::fs;
use std::path::Path;

use saasignal_cache::Cache;
use saasignal_model::{ActivityEntry, ActivityOutcome, Token};

use common::*;

const SECRET_MARKER: &[u8] = b"sk_live_";

/// The body of `POST /core/organizations/{org_id}/tokens`: metadata plus the raw secret.
const CREATE_RESPONSE: &str = r#"{
    "id": "tok_01JNXSCACHETEST",
    "name": "deploy from ci",
    "hint": "…a1b2",
    "org_id": "org_1",
    "project_id": "proj_1",
    "scopes": ["kv:read", "kv:write"],
    "created_at": "2026-03-10T13:15:00Z",
    "expires_at": null,
    "last_used_at": null,
    "revoked": false,
    "token": "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
}"#;

/// Every byte of every file in `dir` (the database, its -wal and -shm).
fn all_bytes_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn assert_no_secret_and_the_metadata_is_there(dir: &Path) {
    let files = all_bytes_in(dir);
    assert!(files.iter().any(|(name, _)| name == "cache.sqlite3"));
    for (name, bytes) in &files {
        assert!(
            !contains(bytes, SECRET_MARKER),
            "{name} holds a token secret"
        );
    }
    // The scan sees real data: the token's id is somewhere in these files.
    assert!(
        files
            .iter()
            .any(|(_, bytes)| contains(bytes, b"tok_01JNXSCACHETEST")),
        "the scan found no data at all"
    );
}

#[test]
fn a_created_tokens_secret_never_reaches_the_database_file_or_its_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let (cache, _) = Cache::open(&path).unwrap();
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();

    let created: Token = serde_json::from_str(CREATE_RESPONSE).unwrap();
    cache.upsert_token("acc1", "org_1", &created).unwrap();
    cache
        .record_activity(
            "acc1",
            &ActivityEntry {
                seq: 0,
                at: at(10),
                action: "token.create".into(),
                org_id: Some("org_1".into()),
                target_id: Some(created.id.clone()),
                target_name: Some(created.name.clone()),
                outcome: ActivityOutcome::Ok,
                related_id: None,
            },
        )
        .unwrap();
    assert_eq!(cache.tokens("acc1", "org_1").unwrap().data, vec![created]);

    // While open, the new rows live in the WAL.
    assert!(path.with_file_name("cache.sqlite3-wal").exists());
    assert_no_secret_and_the_metadata_is_there(dir.path());

    // Closed, they are checkpointed into the main file.
    drop(cache);
    assert_no_secret_and_the_metadata_is_there(dir.path());
}
