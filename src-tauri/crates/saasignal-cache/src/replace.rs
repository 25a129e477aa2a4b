//! What replacing a cached list with the server's has in common: finding the rows the
//! server no longer has.

use std::collections::HashSet;

use rusqlite::{Connection, Params};

use crate::CacheError;

/// The ids a query returns (one text column).
pub(crate) fn cached_ids(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Vec<String>, CacheError> {
    let mut statement = conn.prepare_cached(sql)?;
    let ids = statement
        .query_map(params, |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The ids in `cached` that `incoming` no longer has.
pub(crate) fn vanished<'a>(
    cached: Vec<String>,
    incoming: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let kept: HashSet<&str> = incoming.into_iter().collect();
    cached
        .into_iter()
        .filter(|id| !kept.contains(id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_missing_from_the_new_list_vanish() {
        let cached = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(vanished(cached, ["c", "a", "d"]), vec!["b".to_owned()]);
    }
}
