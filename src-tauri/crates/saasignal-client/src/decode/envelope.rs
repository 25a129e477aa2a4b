//! Lists arrive bare (`[…]`) or wrapped (`{"data":[…]}`), objects bare or wrapped
//! (`{"data":{…}}`): the API has changed envelopes before, so every endpoint reads
//! both. `null` reads as an empty list.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[derive(Deserialize)]
struct Wrapped<T> {
    #[serde(default)]
    data: Option<T>,
}

/// A list in either envelope. Lists are the big answers, so they are decoded
/// straight from the bytes, without an intermediate JSON tree.
pub(crate) fn list<T: DeserializeOwned>(body: &[u8]) -> Result<Vec<T>, serde_json::Error> {
    match first_significant_byte(body) {
        Some(b'{') => {
            let wrapped: Wrapped<Vec<T>> = serde_json::from_slice(body)?;
            Ok(wrapped.data.unwrap_or_default())
        }
        _ => Ok(serde_json::from_slice::<Option<Vec<T>>>(body)?.unwrap_or_default()),
    }
}

/// One object in either envelope. An object is taken as an envelope when it has a
/// `data` object and no `id` of its own (every resource has an `id`).
pub(crate) fn single<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    let value: Value = serde_json::from_slice(body)?;
    serde_json::from_value(unwrap_data(value))
}

/// Like [`single`], but `null` (or an empty body) is `None`.
pub(crate) fn optional<T: DeserializeOwned>(body: &[u8]) -> Result<Option<T>, serde_json::Error> {
    if first_significant_byte(body).is_none() {
        return Ok(None);
    }
    let value: Value = serde_json::from_slice(body)?;
    match unwrap_data(value) {
        Value::Null => Ok(None),
        value => serde_json::from_value(value).map(Some),
    }
}

fn unwrap_data(value: Value) -> Value {
    match value {
        Value::Object(mut object)
            if !object.contains_key("id")
                && object
                    .get("data")
                    .is_some_and(|data| data.is_object() || data.is_null()) =>
        {
            object.remove("data").unwrap_or(Value::Null)
        }
        other => other,
    }
}

fn first_significant_byte(body: &[u8]) -> Option<u8> {
    body.iter()
        .copied()
        .find(|byte| !byte.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use saasignal_model::{BrowserTokenInfo, Member, Org, Project, Token};
    use serde_json::json;

    use super::*;

    const ORG: &str = r#"{"id":"org_01JNXS","name":"Acme Corp","slug":"acme","createdAt":"2026-01-02T03:04:05.000Z"}"#;

    #[test]
    fn lists_in_either_envelope() {
        let bare: Vec<Org> = list(format!("[{ORG}]").as_bytes()).unwrap();
        let wrapped: Vec<Org> = list(format!(r#"{{"data":[{ORG}]}}"#).as_bytes()).unwrap();
        let padded: Vec<Org> =
            list(format!("\n  {{\"success\":true,\"data\":[{ORG}],\"total\":1}} ").as_bytes())
                .unwrap();
        assert_eq!(bare.len(), 1);
        assert_eq!(bare, wrapped);
        assert_eq!(bare, padded);
        assert_eq!(bare[0].slug, "acme");
    }

    #[test]
    fn empty_and_null_lists() {
        for body in ["[]", "null", r#"{"data":[]}"#, r#"{"data":null}"#, "{}"] {
            let projects: Vec<Project> = list(body.as_bytes()).unwrap();
            assert!(projects.is_empty(), "{body}");
        }
    }

    #[test]
    fn lists_that_are_not_lists_fail() {
        assert!(list::<Org>(br#"{"data":{"id":"org_1"}}"#).is_err());
        assert!(list::<Org>(b"\"nope\"").is_err());
        assert!(list::<Org>(br#"[{"id":"org_1""#).is_err());
    }

    #[test]
    fn contract_shapes_with_nulls_and_unknown_fields() {
        let members: Vec<Member> = list(
            json!([{
                "user_id": "u_1", "name": null, "email": "ada@acme.dev",
                "scopes": null, "joined_at": "2026-01-02T03:04:05Z", "avatar": "x.png"
            }])
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(members[0].user_id, "u_1");
        assert!(members[0].scopes.is_empty());
        assert_eq!(members[0].name, "");

        let tokens: Vec<Token> = list(
            json!({"data": [{
                "id": "tok_01", "name": "CI", "hint": "…a1b2", "org_id": "org_1",
                "project_id": null, "scopes": ["kv:read"], "created_at": "2026-01-02T03:04:05Z",
                "expires_at": null, "last_used_at": null, "revoked": false
            }]})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(tokens[0].project_id, None);
        assert!(!tokens[0].revoked);

        let projects: Vec<Project> = list(
            json!([{
                "id": "proj_01", "orgId": "org_1", "name": "Web", "description": null,
                "region": "weur", "createdAt": "2026-01-02T03:04:05Z"
            }])
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(&*projects[0].org_id, "org_1");
        assert_eq!(projects[0].description, "");
    }

    #[test]
    fn objects_in_either_envelope() {
        let bare: Org = single(ORG.as_bytes()).unwrap();
        let wrapped: Org =
            single(format!(r#"{{"success":true,"data":{ORG}}}"#).as_bytes()).unwrap();
        assert_eq!(bare, wrapped);
        let info: BrowserTokenInfo = single(
            br#"{"data":{"token":"bt_x","expires_at":"2026-01-02T03:19:05Z","ttl":900,"scopes":["kv:read"],"project_id":null,"org_id":"org_1"}}"#,
        )
        .unwrap();
        assert_eq!(info.ttl, 900);
        assert_eq!(info.org_id.as_deref(), Some("org_1"));
    }

    #[test]
    fn an_object_with_its_own_id_is_not_an_envelope() {
        #[derive(Deserialize)]
        struct Thing {
            id: String,
            data: Value,
        }
        let thing: Thing = single(br#"{"id":"t_1","data":{"k":1}}"#).unwrap();
        assert_eq!(thing.id, "t_1");
        assert_eq!(thing.data, json!({"k": 1}));
    }

    #[test]
    fn optional_objects() {
        assert_eq!(optional::<Org>(b"null").unwrap(), None);
        assert_eq!(optional::<Org>(b"  ").unwrap(), None);
        assert_eq!(optional::<Org>(br#"{"data":null}"#).unwrap(), None);
        assert!(optional::<Org>(ORG.as_bytes()).unwrap().is_some());
        assert!(optional::<Org>(b"<html>").is_err());
    }
}
