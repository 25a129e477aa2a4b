//! Property tests of the contract's validators and scope algebra: any string, any list,
//! any number never panics, always answers with a typed result, and the answers keep
//! their promises (a valid slug is what `slugify` makes; `missing` and `grants` agree).
//!
//! Cases per property: 256, or `SAASIGNAL_FUZZ_CASES` (`cargo xtask soak` sets 1,000,000).

use proptest::prelude::*;
use saasignal_contract::{FieldError, scopes, slugify, validate};
use saasignal_fuzz::{Count, config};

/// Strings a person (or a hostile server) could produce: anything, and near-misses of
/// the shapes the validators look for.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9._%+'@-]{0,40}",
        "[a-z]{1,8}:[a-z*._-]{0,10}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?Z?",
    ]
}

fn every_validator(input: &str) -> Vec<Result<(), FieldError>> {
    vec![
        validate::org_name(input),
        validate::project_name(input),
        validate::token_name(input),
        validate::slug(input),
        validate::email(input),
        validate::sign_in_email(input),
        validate::region(input),
        validate::expires_at(input),
        validate::parse_expires_at(input).map(drop),
        validate::confirm_name(input, "Acme Corp"),
        validate::scope(input),
        validate::scopes(&[input]),
        validate::password(input),
    ]
}

static VALIDATORS: Count = Count::new("contract validators");
static ALGEBRA: Count = Count::new("contract scope algebra");

#[test]
fn validators_never_panic_and_name_their_field() {
    proptest!(config(), |(input in text())| {
        VALIDATORS.tick();
        for outcome in every_validator(&input) {
            if let Err(error) = outcome {
                prop_assert!(!error.field.is_empty());
                prop_assert!(!error.reason.is_empty());
            }
        }
        // What slugify makes is always a valid slug.
        prop_assert!(validate::slug(&slugify(&input)).is_ok());
        // A valid expiry parses, and the parse agrees with the check.
        prop_assert_eq!(
            validate::expires_at(&input).is_ok(),
            validate::parse_expires_at(&input).is_ok()
        );
    });
    VALIDATORS.report();
}

#[test]
fn the_scope_algebra_is_consistent() {
    let scope = prop_oneof![
        Just("*".to_owned()),
        "(orgs|projects|tokens|kv):(read|write|\\*)",
        text(),
    ];
    let list = proptest::collection::vec(scope.clone(), 0..6);
    proptest!(config(), |(held in list.clone(), needed in list, ttl in any::<i64>())| {
        ALGEBRA.tick();
        let _ = validate::browser_ttl(ttl);
        // `missing` names exactly the first scope `grants` refuses.
        let first_refused = needed.iter().find(|s| !scopes::grants(&held, s)).cloned();
        prop_assert_eq!(scopes::missing(&held, &needed), first_refused.clone());
        prop_assert_eq!(scopes::is_subset(&needed, &held), first_refused.is_none());
        // Whatever is held is granted, and `*` grants everything.
        for scope in &held {
            prop_assert!(scopes::grants(&held, scope));
        }
        prop_assert!(needed.iter().all(|s| scopes::grants(&["*"], s)));
    });
    ALGEBRA.report();
}
