/// The slug used when one is omitted: ASCII letters and digits lowercased, every
/// other run of characters collapsed to one hyphen, hyphens trimmed from both ends.
/// A name with no usable character gives `"org"`, so the result always matches
/// `^[a-z0-9-]+$`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(ch.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("org");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;
    use crate::validate;

    #[test]
    fn lowercases_and_hyphenates() {
        assert_eq!(slugify("Acme Corp"), "acme-corp");
        assert_eq!(slugify("  Hello,   World!! "), "hello-world");
        assert_eq!(slugify("already-a-slug"), "already-a-slug");
        assert_eq!(slugify("--Edge--Case--"), "edge-case");
        assert_eq!(slugify("R2D2 & C3PO"), "r2d2-c3po");
    }

    #[test]
    fn empty_or_symbol_only_names_fall_back() {
        assert_eq!(slugify(""), "org");
        assert_eq!(slugify("!!!"), "org");
        assert_eq!(slugify("日本"), "org");
    }

    #[test]
    fn result_is_always_a_valid_slug() {
        for name in ["Café Müller", "a", "A_B_C", "x--y", "  ", "Ünïcödé 42"] {
            assert!(validate::slug(&slugify(name)).is_ok(), "{name}");
        }
    }
}
