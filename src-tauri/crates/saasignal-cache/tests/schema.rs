//! The schema holds no secret: every column of every table is on an allow-list, and no
//! column name even suggests a credential.

mod common;

use saasignal_cache::Cache;

use common::*;

/// Every table and its columns, in order. A new table or column must be added here,
/// which is the moment to ask whether it could ever hold a secret.
const ALLOWED: &[(&str, &[&str])] = &[
    (
        "activity",
        &[
            "seq",
            "account_id",
            "at",
            "action",
            "org_id",
            "target_id",
            "target_name",
            "outcome",
            "related_id",
        ],
    ),
    ("alerts_shown", &["account_id", "kind", "day"]),
    // The overview is the model's `BillingOverview` as JSON: plan, balance, usage and the
    // catalog; the Stripe customer and subscription ids in it are identifiers, not keys.
    (
        "billing_overviews",
        &["account_id", "org_id", "overview", "usage_percent"],
    ),
    (
        "key_rolls",
        &[
            "account_id",
            "org_id",
            "old_id",
            "new_id",
            "rolled_at",
            "revoke_failed",
        ],
    ),
    (
        "members",
        &[
            "account_id",
            "org_id",
            "user_id",
            "name",
            "email",
            "scopes",
            "joined_at",
        ],
    ),
    ("my_scopes", &["account_id", "org_id", "scopes"]),
    ("orgs", &["account_id", "id", "name", "slug", "created_at"]),
    (
        "pending_reveals",
        &[
            "seq",
            "account_id",
            "org_id",
            "key_name",
            "key_id",
            "started_at",
        ],
    ),
    (
        "projects",
        &[
            "account_id",
            "org_id",
            "id",
            "name",
            "description",
            "region",
            "created_at",
        ],
    ),
    (
        "sent_invites",
        &[
            "account_id",
            "org_id",
            "email",
            "scopes",
            "project_id",
            "invited_at",
            "accepted_at",
        ],
    ),
    (
        "sync_times",
        &["account_id", "resource", "scope_key", "synced_at"],
    ),
    (
        "tokens",
        &[
            "account_id",
            "org_id",
            "id",
            "name",
            "hint",
            "project_id",
            "scopes",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked",
        ],
    ),
];

const SUSPICIOUS: &[&str] = &[
    "secret",
    "password",
    "passwd",
    "session",
    "bearer",
    "credential",
    "token",
    "api_key",
];

/// A fresh cache file, closed, opened raw. The folder must outlive the connection.
fn fresh_schema() -> (tempfile::TempDir, rusqlite::Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    drop(Cache::open(&path).unwrap());
    let db = raw(&path);
    (dir, db)
}

#[test]
fn every_column_of_every_table_is_on_the_allow_list() {
    let (_dir, db) = fresh_schema();

    let tables = table_names(&db);
    let allowed_tables: Vec<_> = ALLOWED.iter().map(|(table, _)| table.to_string()).collect();
    assert_eq!(tables, allowed_tables, "tables differ from the allow-list");
    for (table, allowed_columns) in ALLOWED {
        assert_eq!(
            column_names(&db, table),
            *allowed_columns,
            "columns of {table}"
        );
    }
}

#[test]
fn no_column_name_suggests_a_credential() {
    let (_dir, db) = fresh_schema();

    for table in table_names(&db) {
        for column in column_names(&db, &table) {
            for word in SUSPICIOUS {
                assert!(
                    !column.contains(word),
                    "{table}.{column} looks like it could hold a secret"
                );
            }
        }
    }
}
