//! The field rules against `cases/validation.json`, the cases the UI's own checks
//! (`ui/src/lib/contract.test.ts`) run too: the same input gets the same message on
//! both sides, word for word.

use saasignal_contract::{FieldError, validate};
use serde_json::Value;

fn outcome(case: &Value) -> Result<(), FieldError> {
    let input = &case["input"];
    let text = || input.as_str().expect("text input");
    match case["rule"].as_str().expect("rule") {
        "org_name" => validate::org_name(text()),
        "project_name" => validate::project_name(text()),
        "token_name" => validate::token_name(text()),
        "slug" => validate::slug(text()),
        "email" => validate::email(text()),
        "sign_in_email" => validate::sign_in_email(text()),
        "expires_at" => validate::expires_at(text()),
        "browser_ttl" => validate::browser_ttl(input.as_i64().expect("number input")),
        "confirm_name" => {
            validate::confirm_name(text(), case["org_name"].as_str().expect("org_name"))
        }
        "scopes" => {
            let scopes: Vec<String> = serde_json::from_value(input.clone()).expect("scope list");
            validate::scopes(&scopes)
        }
        other => panic!("no rule {other} in the contract crate"),
    }
}

#[test]
fn every_shared_case_gets_the_same_message_here() {
    let text = include_str!("../cases/validation.json");
    let cases: Value = serde_json::from_str(text).expect("cases json");
    let cases = cases["cases"].as_array().expect("case list");
    let mut wrong = Vec::new();
    for case in cases {
        let got = outcome(case).err().map(|error| error.reason);
        let expected = case["error"].as_str().map(str::to_owned);
        if got != expected {
            wrong.push(format!("{case}: got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    eprintln!("{} shared validation cases agree", cases.len());
}
