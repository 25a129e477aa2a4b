//! Reading JSON request bodies field by field, so every error names its field
//! (serde's own errors name a line and column instead).

use saasignal_contract::FieldError;
use serde_json::{Map, Value};

/// Why a body is not a usable JSON object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Not JSON at all.
    #[error("Malformed JSON body: {0}")]
    Malformed(String),
    /// JSON, but not an object.
    #[error("The request body must be a JSON object")]
    NotAnObject,
}

/// A request body that parsed as a JSON object. An empty body reads as `{}`.
#[derive(Debug, Clone, Default)]
pub struct JsonObject(Map<String, Value>);

impl JsonObject {
    /// Parses `bytes`; whitespace only counts as `{}`.
    pub fn parse(bytes: &[u8]) -> Result<Self, BodyError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        match serde_json::from_slice(bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            Ok(_) => Err(BodyError::NotAnObject),
            Err(error) => Err(BodyError::Malformed(error.to_string())),
        }
    }

    /// The field's value; JSON `null` counts as absent.
    fn present(&self, field: &str) -> Option<&Value> {
        self.0.get(field).filter(|value| !value.is_null())
    }

    /// An optional string field.
    pub fn str(&self, field: &'static str) -> Result<Option<&str>, FieldError> {
        match self.present(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(FieldError::new(field, "Must be a string")),
        }
    }

    /// A required string field.
    pub fn required_str(&self, field: &'static str) -> Result<&str, FieldError> {
        self.str(field)?.ok_or_else(|| FieldError::required(field))
    }

    /// An optional list of strings, duplicates dropped in order.
    pub fn string_list(&self, field: &'static str) -> Result<Option<Vec<String>>, FieldError> {
        let Some(value) = self.present(field) else {
            return Ok(None);
        };
        let Value::Array(items) = value else {
            return Err(FieldError::new(field, "Must be a list of strings"));
        };
        let mut list: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let Value::String(text) = item else {
                return Err(FieldError::new(field, "Must be a list of strings"));
            };
            if !list.contains(text) {
                list.push(text.clone());
            }
        }
        Ok(Some(list))
    }

    /// A required list of strings.
    pub fn required_string_list(&self, field: &'static str) -> Result<Vec<String>, FieldError> {
        self.string_list(field)?
            .ok_or_else(|| FieldError::required(field))
    }

    /// An optional whole number (`900`, not `900.5` or `"900"`).
    pub fn integer(&self, field: &'static str) -> Result<Option<i64>, FieldError> {
        match self.present(field) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| FieldError::new(field, "Must be a whole number")),
        }
    }
}

#[cfg(test)]
mod properties {
    //! Any bytes parse to a typed answer; any field of any type reads as a typed answer.
    use proptest::prelude::*;
    use saasignal_fuzz::config;

    use super::*;

    const FIELDS: [&str; 6] = ["name", "email", "scopes", "ttl", "project_id", "expires_at"];

    static CASES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

    #[test]
    fn any_body_reads_as_a_typed_answer() {
        let json = any::<String>().prop_map(|text| {
            serde_json::json!({ "name": text, "scopes": [text], "ttl": text.len() })
                .to_string()
                .into_bytes()
        });
        let bytes = prop_oneof![proptest::collection::vec(any::<u8>(), 0..256), json];
        proptest!(config(), |(bytes in bytes)| {
            CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if let Ok(object) = JsonObject::parse(&bytes) {
                for field in FIELDS {
                    let _ = object.str(field);
                    let _ = object.required_str(field);
                    let _ = object.string_list(field);
                    let _ = object.required_string_list(field);
                    let _ = object.integer(field);
                }
            }
        });
        println!(
            "fuzz sandbox body parser: {} cases, 0 panics",
            CASES.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_body_is_an_empty_object() {
        assert!(
            JsonObject::parse(b"")
                .unwrap()
                .str("name")
                .unwrap()
                .is_none()
        );
        assert!(JsonObject::parse(b" \n").is_ok());
    }

    #[test]
    fn rejects_non_objects_and_garbage() {
        assert_eq!(
            JsonObject::parse(b"[1]").unwrap_err(),
            BodyError::NotAnObject
        );
        assert!(matches!(
            JsonObject::parse(b"{\"name\":"),
            Err(BodyError::Malformed(_))
        ));
    }

    #[test]
    fn typed_fields_name_themselves() {
        let body =
            JsonObject::parse(br#"{"name":5,"scopes":["a","a",3],"ttl":1.5,"n":null}"#).unwrap();
        assert_eq!(body.str("name").unwrap_err().field, "name");
        assert_eq!(body.string_list("scopes").unwrap_err().field, "scopes");
        assert_eq!(body.integer("ttl").unwrap_err().field, "ttl");
        assert_eq!(body.str("n").unwrap(), None);
        assert_eq!(body.required_str("n").unwrap_err().field, "n");
    }

    #[test]
    fn lists_drop_duplicates() {
        let body = JsonObject::parse(br#"{"scopes":["kv:read","kv:write","kv:read"]}"#).unwrap();
        assert_eq!(
            body.string_list("scopes").unwrap().unwrap(),
            ["kv:read", "kv:write"]
        );
    }
}
