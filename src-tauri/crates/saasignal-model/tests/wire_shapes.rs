//! The shapes of the contract and of a server on a bad day decode into the same values.

use saasignal_model::{Member, Org, Project, Token};
use serde_json::json;

#[test]
fn org_reads_camel_case_and_ignores_unknown_fields() {
    let org: Org = serde_json::from_value(json!({
        "id": "org_01", "name": "Acme", "slug": "acme",
        "createdAt": "2026-01-02T03:04:05Z", "plan": "pro"
    }))
    .expect("decodes");
    assert_eq!(org.slug, "acme");
    assert!(org.created_at.is_some());
}

#[test]
fn member_reads_snake_case_and_serialises_camel_case() {
    let member: Member = serde_json::from_value(json!({
        "user_id": "u_1", "name": "Ada", "email": "ada@acme.dev",
        "scopes": ["orgs:read"], "joined_at": "2026-01-02T03:04:05Z"
    }))
    .expect("decodes");
    assert_eq!(member.user_id, "u_1");
    let out = serde_json::to_value(&member).expect("encodes");
    assert_eq!(out["userId"], "u_1");
    assert_eq!(out["joinedAt"], "2026-01-02T03:04:05.000Z");
}

#[test]
fn token_tolerates_nulls_and_missing_optionals() {
    let token: Token = serde_json::from_value(json!({
        "id": "tok_1", "name": "CI", "hint": "a1b2", "org_id": "org_1",
        "project_id": null, "scopes": null, "created_at": "2026-01-02T03:04:05Z",
        "expires_at": null, "revoked": 0
    }))
    .expect("decodes");
    assert_eq!(token.project_id, None);
    assert!(token.scopes.is_empty());
    assert_eq!(token.last_used_at, None);
    assert!(!token.revoked);
}

#[test]
fn project_reads_either_casing() {
    let camel: Project = serde_json::from_value(json!({
        "id": "proj_1", "orgId": "org_1", "name": "Web", "description": null,
        "region": "weur", "createdAt": "2026-01-02T03:04:05Z"
    }))
    .expect("camel");
    let snake: Project = serde_json::from_value(json!({
        "id": "proj_1", "org_id": "org_1", "name": "Web",
        "region": "weur", "created_at": "2026-01-02T03:04:05Z"
    }))
    .expect("snake");
    assert_eq!(camel, snake);
}

#[test]
fn serialised_model_holds_no_secret_field() {
    let token: Token = serde_json::from_value(json!({
        "id": "tok_1", "name": "CI", "hint": "a1b2", "org_id": "org_1",
        "token": "sk_live_should_not_be_kept"
    }))
    .expect("decodes");
    let out = serde_json::to_string(&token).expect("encodes");
    assert!(!out.contains("sk_live"), "{out}");
}
