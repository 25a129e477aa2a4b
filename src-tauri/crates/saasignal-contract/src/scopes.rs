//! The scope algebra: `*` grants everything, `family:*` grants every scope of
//! its family, anything else grants only itself.

/// The scope that grants everything; the owner of an org always holds it.
pub const WILDCARD: &str = "*";

/// The scopes the docs name explicitly, `*` first.
pub const KNOWN_SCOPES: &[&str] = &[
    "*",
    "orgs:read",
    "orgs:write",
    "projects:read",
    "projects:write",
    "tokens:read",
    "tokens:write",
    "billing:read",
    "kv:read",
    "kv:write",
    "channels:publish",
    "channels:subscribe",
    "jobs:read",
    "jobs:write",
];

/// The scope families the docs name; each has a `family:*` wildcard.
pub const FAMILIES: &[&str] = &[
    "orgs",
    "projects",
    "tokens",
    "billing",
    "kv",
    "channels",
    "jobs",
    "workflows",
    "webhooks",
    "media",
    "logistics",
    "delivery",
    "commerce",
    "booking",
    "messaging",
];

/// Whether the `held` scopes grant `needed`.
///
/// A requested `family:*` is granted only by `*` or `family:*`, and a requested
/// `*` only by `*`, so the same rule answers "may I do X" and "may I hand out X".
pub fn grants<S: AsRef<str>>(held: &[S], needed: &str) -> bool {
    held.iter()
        .any(|scope| scope_grants(scope.as_ref(), needed))
}

fn scope_grants(held: &str, needed: &str) -> bool {
    if held == WILDCARD || held == needed {
        return true;
    }
    match held.strip_suffix(":*") {
        Some(family) => needed
            .strip_prefix(family)
            .is_some_and(|rest| rest.starts_with(':')),
        None => false,
    }
}

/// Whether every `requested` scope is granted by `held`.
pub fn is_subset<R: AsRef<str>, H: AsRef<str>>(requested: &[R], held: &[H]) -> bool {
    missing(held, requested).is_none()
}

/// The first of `needed` that `held` does not grant, if any.
pub fn missing<H: AsRef<str>, N: AsRef<str>>(held: &[H], needed: &[N]) -> Option<String> {
    needed
        .iter()
        .map(AsRef::as_ref)
        .find(|scope| !grants(held, scope))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn star_grants_everything() {
        let all = held(&["*"]);
        for needed in ["orgs:read", "kv:write", "workflows:*", "*", "anything:else"] {
            assert!(grants(&all, needed), "{needed}");
        }
    }

    #[test]
    fn family_wildcard_grants_its_family_only() {
        let kv = held(&["kv:*"]);
        assert!(grants(&kv, "kv:read"));
        assert!(grants(&kv, "kv:write"));
        assert!(grants(&kv, "kv:*"));
        assert!(!grants(&kv, "kvx:read"));
        assert!(!grants(&kv, "orgs:read"));
        assert!(!grants(&kv, "*"));
    }

    #[test]
    fn exact_scopes_grant_themselves_only() {
        let read = held(&["orgs:read"]);
        assert!(grants(&read, "orgs:read"));
        assert!(!grants(&read, "orgs:write"));
        assert!(!grants(&read, "orgs:*"));
        assert!(!grants(&read, "*"));
        assert!(!grants(&Vec::<String>::new(), "orgs:read"));
    }

    #[test]
    fn subset_rules() {
        let mixed = held(&["kv:*", "orgs:read"]);
        assert!(is_subset(&["kv:read", "kv:write", "orgs:read"], &mixed));
        assert!(is_subset(&["kv:*"], &mixed));
        assert!(!is_subset(&["orgs:*"], &mixed));
        assert!(!is_subset(&["*"], &mixed));
        assert!(is_subset(&Vec::<String>::new(), &mixed));
        assert!(is_subset(&["*", "kv:*"], &held(&["*"])));
    }

    #[test]
    fn missing_names_the_first_gap() {
        let mixed = held(&["kv:*", "orgs:read"]);
        assert_eq!(
            missing(&mixed, &["kv:read", "tokens:write", "jobs:read"]),
            Some("tokens:write".into())
        );
        assert_eq!(missing(&mixed, &["kv:read"]), None);
    }

    #[test]
    fn known_scopes_are_well_formed_and_in_known_families() {
        for scope in KNOWN_SCOPES {
            assert!(crate::validate::scope(scope).is_ok(), "{scope}");
            if let Some((family, _)) = scope.split_once(':') {
                assert!(FAMILIES.contains(&family), "{scope}");
            }
        }
    }
}
