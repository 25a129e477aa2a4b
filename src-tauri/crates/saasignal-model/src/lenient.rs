//! Field readers that accept what a real server sends on a bad day: `null` where a
//! string or list was documented, and booleans written as 0/1 or "true".

use serde::{Deserialize, Deserializer};

pub fn string<'de, D: Deserializer<'de>, Text: Deserialize<'de> + Default>(
    d: D,
) -> Result<Text, D::Error> {
    Ok(Option::<Text>::deserialize(d)?.unwrap_or_default())
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

/// A number, also when sent as numeric text; `null` or anything else reads as 0.
pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Number(f64),
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    let value = match Option::<Loose>::deserialize(d)? {
        Some(Loose::Number(value)) => value,
        Some(Loose::Text(text)) => text.trim().parse().unwrap_or(0.0),
        Some(Loose::Other(_)) | None => 0.0,
    };
    // "NaN" and "inf" parse as numbers, but no count is one (and SQLite would store NULL).
    Ok(if value.is_finite() { value } else { 0.0 })
}

/// A map of names to numbers (`by_primitive`, `usage_breakdown`); entries that are not
/// numbers are dropped, `null` is empty.
pub fn number_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, f64>, D::Error> {
    let map = Option::<std::collections::BTreeMap<String, serde_json::Value>>::deserialize(d)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, value)| {
            let number = match &value {
                serde_json::Value::Number(number) => number.as_f64(),
                serde_json::Value::String(text) => text.trim().parse().ok(),
                _ => None,
            }
            .filter(|number: &f64| number.is_finite())?;
            Some((name, number))
        })
        .collect())
}

/// A list whose `null` reads as empty.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
