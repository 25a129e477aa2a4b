//! Field readers that accept what a real server sends on a bad day: `null` where a
//! string or list was documented, and booleans written as 0/1 or "true".

use serde::{Deserialize, Deserializer};

pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Bool(bool),
        Number(i64),
        Text(String),
    }
    Ok(match Option::<Loose>::deserialize(d)? {
        None => false,
        Some(Loose::Bool(value)) => value,
        Some(Loose::Number(value)) => value != 0,
        Some(Loose::Text(value)) => matches!(value.as_str(), "true" | "1"),
    })
}
