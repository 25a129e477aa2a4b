//! Builders shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;

use chrono::{TimeZone, Utc};
use saasignal_model::{Member, Org, Project, Timestamp, Token};

pub fn at(day: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, day, 13, 15, 0)
        .single()
        .unwrap()
}

pub fn org(id: &str, name: &str) -> Org {
    Org {
        id: id.into(),
        name: name.into(),
        slug: name.to_lowercase(),
        created_at: Some(at(1)),
    }
}

pub fn project(id: &str, name: &str) -> Project {
    Project {
        id: id.into(),
        org_id: Default::default(),
        name: name.into(),
        description: format!("{name} service").into(),
        region: "weur".into(),
        created_at: Some(at(2)),
    }
}

pub fn member(user_id: &str, name: &str) -> Member {
    Member {
        user_id: user_id.into(),
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        scopes: vec!["orgs:read".into(), "projects:*".into()],
        joined_at: Some(at(3)),
    }
}

pub fn token(id: &str, name: &str, project_id: Option<&str>) -> Token {
    Token {
        id: id.into(),
        name: name.into(),
        hint: "…a1b2".into(),
        org_id: String::new(),
        project_id: project_id.map(Into::into),
        scopes: vec!["kv:read".into()],
        created_at: Some(at(4)),
        expires_at: None,
        last_used_at: Some(at(5)),
        revoked: false,
        status: None,
    }
}

pub fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|item| id(item).to_owned()).collect()
}

/// The names of the tables of the cache schema (SQLite's own excluded).
pub fn table_names(db: &rusqlite::Connection) -> Vec<String> {
    let mut statement = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The column names of `table`, in order.
pub fn column_names(db: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut statement = db.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    statement
        .query_map([], |row| row.get(1))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A second, raw connection to a cache file, for looking at what is stored.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// A usage and billing overview at `percent` of its included tokens (the Usage screen's
/// whole read), as the client decodes it from the wire.
pub fn billing_overview(org_id: &str, percent: f64) -> saasignal_model::BillingOverview {
    serde_json::from_value(serde_json::json!({
        "subscription": {"orgId": org_id, "packageId": "pro", "createdAt": "2030-01-01T00:00:00Z",
            "package": {"id": "pro", "name": "Pro", "tokens_monthly": 1000}},
        "balance": {"org_id": org_id, "total_balance": 10},
        "dashboard": {"plan": "pro", "usage_percent": percent, "tokens_used_this_cycle": percent * 10.0,
            "usage_breakdown": {"kv_reads": percent * 10.0}},
        "usage": {"org_id": org_id, "granularity": "day",
            "series": [{"period_start": "2030-01-01T00:00:00Z", "total": 3, "by_primitive": {"kv_reads": 3}}]},
        "packages": [],
        "bundles": []
    }))
    .expect("an overview")
}
