//! Searching a list in SQL: the user's text as a `LIKE` pattern that matches it anywhere,
//! literally (`%` and `_` typed by the user match themselves).

/// `%text%` with `\` escaping `%`, `_` and `\`; use with `LIKE ?n ESCAPE '\'`. SQLite's
/// `LIKE` ignores case for ASCII letters only, as the UI's filters did.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_typed_by_the_user_are_literal() {
        assert_eq!(contains_pattern("web"), "%web%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
