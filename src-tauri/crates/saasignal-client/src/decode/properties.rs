//! Property tests of everything that reads a server's answer: both envelopes for every
//! resource, every error-body form, the status classifier, and the answers that carry
//! a secret. Arbitrary bytes and arbitrary JSON never panic and always give a typed
//! result; a classified error always has a code and a message.
//!
//! Cases per property: 256, or `SAASIGNAL_FUZZ_CASES` (`cargo xtask soak` sets 1,000,000).

use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use saasignal_fuzz::{Count, config};
use saasignal_model::{BrowserTokenInfo, Member, Org, Project, Token};
use serde_json::Value;

use crate::classify::{ConflictHint, ErrorContext, error_for_status, retry_after};
use crate::decode::envelope;
use crate::decode::error_body::ErrorBody;
use crate::responses::{Health, InviteStatus, Session, take_secret};

/// Any JSON value, with the field names the resources use showing up often, so the
/// decoders get past their first field.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("id".to_owned()),
        Just("name".to_owned()),
        Just("data".to_owned()),
        Just("scopes".to_owned()),
        Just("createdAt".to_owned()),
        Just("created_at".to_owned()),
        Just("expires_at".to_owned()),
        Just("revoked".to_owned()),
        Just("token".to_owned()),
        Just("error".to_owned()),
        Just("code".to_owned()),
        Just("message".to_owned()),
        Just("user".to_owned()),
        Just("session".to_owned()),
        Just("ttl".to_owned()),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?Z"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A body as bytes: arbitrary bytes, or JSON (sometimes cut short).
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        (json(), any::<usize>()).prop_map(|(value, cut)| {
            let bytes = serde_json::to_vec(&value).unwrap_or_default();
            if cut % 4 == 0 && !bytes.is_empty() {
                bytes[..cut % bytes.len()].to_vec()
            } else {
                bytes
            }
        }),
    ]
}

fn every_decoder(bytes: &[u8]) {
    let _ = envelope::list::<Org>(bytes);
    let _ = envelope::list::<Project>(bytes);
    let _ = envelope::list::<Member>(bytes);
    let _ = envelope::list::<Token>(bytes);
    let _ = envelope::single::<Org>(bytes);
    let _ = envelope::single::<Project>(bytes);
    let _ = envelope::single::<Member>(bytes);
    let _ = envelope::single::<Token>(bytes);
    let _ = envelope::single::<BrowserTokenInfo>(bytes);
    let _ = envelope::optional::<Value>(bytes);
    if let Ok(mut answer) = serde_json::from_slice::<Value>(bytes) {
        let _ = Health::from_answer(&answer);
        let _ = Session::from_answer(&answer);
        let _ = InviteStatus::from_answer(Some(&answer));
        let _ = take_secret(&mut answer, "token");
    }
}

static DECODERS: Count = Count::new("client decoders");
static ERRORS: Count = Count::new("client error bodies");

#[test]
fn decoders_never_panic() {
    proptest!(config(), |(bytes in body())| {
        DECODERS.tick();
        every_decoder(&bytes);
    });
    DECODERS.report();
}

#[test]
fn every_error_answer_classifies() {
    let header = prop_oneof![
        Just("retry-after"),
        Just("x-retry-after"),
        Just("content-type"),
    ];
    let headers = proptest::collection::vec((header, "[ -~]{0,24}"), 0..3);
    proptest!(config(), |(status in 100u16..600, bytes in body(), pairs in headers, sign_in in any::<bool>())| {
        ERRORS.tick();
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(&value) {
                map.insert(HeaderName::from_static(name), value);
            }
        }
        let _ = retry_after(&map);
        let read = ErrorBody::read(&bytes);
        if let Some(message) = &read.message {
            prop_assert!(message.chars().count() <= 301);
        }
        let context = ErrorContext {
            resource: "Organization",
            conflict: Some(ConflictHint { field: "slug", message: "That slug is already taken." }),
            is_sign_in: sign_in,
        };
        let error = error_for_status(status, &map, &read, &context);
        prop_assert!(!error.code().as_str().is_empty());
        prop_assert!(!error.to_string().is_empty());
        if let Some(wait) = error.retry_after() {
            prop_assert!(wait.as_secs() < 366 * 24 * 3600);
        }
    });
    ERRORS.report();
}
