use super::*;

#[test]
fn names_need_one_visible_character() {
    for check in [org_name, project_name, token_name] {
        assert!(check("A").is_ok());
        assert!(check(" x ").is_ok());
        let err = check("").unwrap_err();
        assert_eq!(err.field, "name");
        assert!(check("   \t").is_err());
    }
}

#[test]
fn display_names_the_field() {
    let err = slug("Bad Slug").unwrap_err();
    assert_eq!(
        err.to_string(),
        "slug: Use lowercase letters, digits and hyphens only"
    );
}

#[test]
fn slugs() {
    for good in ["a", "acme", "acme-corp", "123", "-", "a-1-b"] {
        assert!(slug(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "Acme",
        "acme corp",
        "acme_corp",
        "ácme",
        "acme.",
        "acme\n",
    ] {
        assert!(slug(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn emails_the_seed_accepts() {
    for good in [
        "a@b.co",
        "demo@saasignal.dev",
        "first.last@example.com",
        "o'brien@example.ie",
        "plus+tag@example.com",
        "under_score@sub.example.org",
        "x-@example.com",
        "UPPER@EXAMPLE.COM",
        "a@b-c.example.museum",
        "1@2.io",
    ] {
        assert!(email(good).is_ok(), "{good}");
    }
}

#[test]
fn sign_in_takes_any_address_with_an_at() {
    for good in [
        "a@b",
        "ada@example.photography",
        "ü@bücher.example",
        "\"quoted name\"@example.com",
        "user@xn--bcher-kva.example",
    ] {
        assert!(sign_in_email(good).is_ok(), "{good}");
    }
    for bad in ["", "   ", "plain"] {
        assert!(sign_in_email(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn emails_the_seed_rejects() {
    for bad in [
        "",
        "plain",
        "@example.com",
        ".lead@example.com",
        "dou..ble@example.com",
        "trail.@example.com",
        "quote'@example.com",
        "a@b",
        "a@b.c",
        "a@-b.com",
        "a@b..com",
        "a@b.c0m",
        "a b@example.com",
        "a@example.com ",
        "a@@example.com",
        "a@example.com\n",
        "a@exam_ple.com",
        "ü@example.com",
    ] {
        assert!(email(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn regions_by_code() {
    assert!(region("enam").is_ok());
    assert!(region("me").is_ok());
    let err = region("mars").unwrap_err();
    assert_eq!(err.field, "region");
    assert!(err.reason.contains("wnam, enam"));
}

#[test]
fn leap_days() {
    assert!(expires_at("2024-02-29T00:00:00Z").is_ok());
    assert!(expires_at("2000-02-29T12:00:00Z").is_ok());
    assert!(expires_at("2023-02-29T00:00:00Z").is_err());
    assert!(expires_at("1900-02-29T00:00:00Z").is_err());
    assert!(expires_at("2100-02-29T00:00:00Z").is_err());
    assert!(expires_at("2023-02-28T23:59:59Z").is_ok());
}

#[test]
fn expiry_formats() {
    for good in [
        "2030-01-31T23:59:59Z",
        "2030-01-31T23:59Z",
        "2030-01-31T23:59:59.123Z",
        "2030-12-31T00:00:00.5Z",
        "2030-04-30T10:00:00Z",
    ] {
        assert!(expires_at(good).is_ok(), "{good}");
    }
    for bad in [
        "2030-01-31",
        "2030-01-31T23:59:59",
        "2030-01-31T23:59:59+00:00",
        "2030-01-31 23:59:59Z",
        "2030-04-31T10:00:00Z",
        "2030-13-01T10:00:00Z",
        "2030-01-31T24:00:00Z",
        "2030-01-31T23:60:00Z",
        "2030-01-31t23:59:59z",
        "2030-01-31T23:59:59.Z",
        "٢٠٣٠-01-31T23:59:59Z",
        "",
    ] {
        assert!(expires_at(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn expiry_parses_to_the_instant() {
    let at = parse_expires_at("2024-02-29T13:45Z").unwrap();
    assert_eq!(at.to_rfc3339(), "2024-02-29T13:45:00+00:00");
    let at = parse_expires_at("2030-01-01T00:00:00.250Z").unwrap();
    assert_eq!(at.timestamp_millis() % 1000, 250);
}

#[test]
fn browser_ttl_bounds() {
    assert!(browser_ttl(60).is_ok());
    assert!(browser_ttl(BROWSER_TTL_DEFAULT).is_ok());
    assert!(browser_ttl(1800).is_ok());
    assert!(browser_ttl(59).is_err());
    assert!(browser_ttl(1801).is_err());
    assert!(browser_ttl(-1).is_err());
    assert_eq!(browser_ttl(0).unwrap_err().field, "ttl");
}

#[test]
fn confirm_name_must_match_exactly() {
    assert!(confirm_name("Acme Corp", "Acme Corp").is_ok());
    assert!(confirm_name("acme corp", "Acme Corp").is_err());
    assert!(confirm_name("", "Acme Corp").is_err());
    assert!(confirm_name("Acme Corp ", "Acme Corp").is_err());
}

#[test]
fn scope_shapes() {
    assert!(scopes(&["*", "kv:*", "kv:read", "channels:subscribe", "jobs:write"]).is_ok());
    assert!(scopes::<&str>(&[]).is_ok());
    for bad in [
        "",
        "kv",
        "KV:read",
        "kv:",
        ":read",
        "kv:read:x",
        "**",
        "kv: read",
        "*:read",
    ] {
        assert!(scope(bad).is_err(), "{bad:?}");
    }
    let err = scopes(&["kv:read", "Nope"]).unwrap_err();
    assert!(err.to_string().starts_with("scopes: \"Nope\""));
}

#[test]
fn passwords() {
    assert!(password("12345678").is_ok());
    assert!(password("1234567").is_err());
    assert!(password(&"x".repeat(129)).is_err());
}
