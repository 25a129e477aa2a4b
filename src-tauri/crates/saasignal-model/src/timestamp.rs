//! Timestamps: UTC instants, read from RFC 3339 (`2026-03-10T13:15:00Z`, with or without
//! fraction or offset), SQL-style `2026-03-10 13:15:00`, or Unix seconds/milliseconds;
//! written as RFC 3339 with a `Z`.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serializer};

pub type Timestamp = DateTime<Utc>;

/// Parses one of the accepted forms; `None` when it is none of them.
pub fn parse(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(naive.and_utc());
        }
    }
    text.parse::<i64>().ok().and_then(from_unix_number)
}

/// Seconds or milliseconds since the epoch, told apart by size.
fn from_unix_number(number: i64) -> Option<Timestamp> {
    const MILLIS_THRESHOLD: i64 = 100_000_000_000;
    if number.abs() >= MILLIS_THRESHOLD {
        Utc.timestamp_millis_opt(number).single()
    } else {
        Utc.timestamp_opt(number, 0).single()
    }
}

pub fn format(instant: &Timestamp) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `#[serde(serialize_with = "timestamp::required")]`: a timestamp that is always there, as
/// RFC 3339 text.
pub fn required<S: Serializer>(instant: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(instant))
}

/// `#[serde(with = "timestamp::optional")]` for `Option<Timestamp>`.
pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(instant) => s.serialize_some(&format(instant)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(i64),
        }
        Ok(match Option::<Raw>::deserialize(d)? {
            None => None,
            // An unreadable date is shown as unknown rather than failing the whole list.
            Some(Raw::Text(text)) => parse(&text),
            Some(Raw::Number(number)) => from_unix_number(number),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_accepted_form_as_the_same_instant() {
        let expected = Utc.with_ymd_and_hms(2026, 3, 10, 13, 15, 0).single();
        for text in [
            "2026-03-10T13:15:00Z",
            "2026-03-10T13:15:00.000Z",
            "2026-03-10T14:15:00+01:00",
            "2026-03-10 13:15:00",
            "2026-03-10T13:15:00",
            "1773148500",
            "1773148500000",
        ] {
            assert_eq!(parse(text), expected, "{text}");
        }
        assert_eq!(parse("next tuesday"), None);
    }

    #[test]
    fn writes_rfc3339_in_utc() {
        let instant = parse("2026-03-10T14:15:00+01:00").expect("parses");
        assert_eq!(format(&instant), "2026-03-10T13:15:00.000Z");
    }
}
