//! How model values are written to and read from columns: timestamps as RFC 3339 text,
//! scope lists as JSON arrays of strings, short text inline.

use std::ops::Range;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Type;
use saasignal_model::{CompactString, Timestamp, timestamp};

use crate::CacheError;

/// Reads a text column into the model's inline-when-short text, copied once from
/// SQLite's buffer.
pub(crate) fn compact_text(row: &Row<'_>, column: usize) -> rusqlite::Result<CompactString> {
    Ok(CompactString::new(row.get_ref(column)?.as_str()?))
}

/// A timestamp column's value.
pub(crate) fn timestamp_text(instant: &Timestamp) -> String {
    timestamp::format(instant)
}

/// An optional timestamp column's value.
pub(crate) fn optional_timestamp_text(instant: Option<&Timestamp>) -> Option<String> {
    instant.map(timestamp::format)
}

/// Reads an optional timestamp column.
///
/// Text that does not parse reads as unknown, as the model does for the wire: one odd
/// date should not hide a whole cached list.
pub(crate) fn optional_timestamp(
    row: &Row<'_>,
    column: usize,
) -> rusqlite::Result<Option<Timestamp>> {
    // Borrowed, not copied into a String: long lists read one of these per row.
    let text = row.get_ref(column)?.as_str_or_null()?;
    Ok(text.and_then(parse_stored))
}

/// Reads a timestamp column that must hold one.
pub(crate) fn required_timestamp(row: &Row<'_>, column: usize) -> rusqlite::Result<Timestamp> {
    let text: String = row.get(column)?;
    parse_stored(&text)
        .ok_or_else(|| conversion_failure(column, format!("not a timestamp: {text:?}").into()))
}

/// Reads a stored timestamp.
///
/// What this crate writes (`timestamp::format`: `2026-03-10T13:15:00.000Z`) is read
/// directly, because chrono's general RFC 3339 parser took a fifth of the time of
/// reading 10,000 projects; anything else goes through the model's lenient parser.
fn parse_stored(text: &str) -> Option<Timestamp> {
    parse_written_form(text).or_else(|| timestamp::parse(text))
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly; `None` for anything else.
fn parse_written_form(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (23, b'Z'),
    ];
    if bytes.len() != 24 || separators.iter().any(|&(at, byte)| bytes[at] != byte) {
        return None;
    }
    let number = |digits: Range<usize>| {
        bytes[digits].iter().try_fold(0u32, |value, &digit| {
            digit
                .is_ascii_digit()
                .then(|| value * 10 + u32::from(digit - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )?;
    let time = date.and_hms_milli_opt(
        number(11..13)?,
        number(14..16)?,
        number(17..19)?,
        number(20..23)?,
    )?;
    Some(time.and_utc())
}

/// A scope list column's value.
pub(crate) fn scopes_text(scopes: &[String]) -> Result<String, CacheError> {
    // A list of strings always encodes; serde_json's signature still has an error path.
    serde_json::to_string(scopes).map_err(|error| CacheError::Corrupt {
        detail: format!("scope list: {error}"),
    })
}

/// Reads a scope list column.
pub(crate) fn scopes(row: &Row<'_>, column: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|error| conversion_failure(column, Box::new(error)))
}

fn conversion_failure(
    column: usize,
    cause: Box<dyn std::error::Error + Send + Sync + 'static>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, cause)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    #[test]
    fn the_written_form_reads_back_as_the_same_instant() {
        let start = Utc
            .with_ymd_and_hms(2024, 2, 29, 23, 59, 59)
            .single()
            .unwrap();
        for offset in [0, 1, 999, 86_400_000, 1_000_000_007] {
            let instant = start + Duration::milliseconds(offset);
            let text = timestamp::format(&instant);
            assert_eq!(parse_written_form(&text), Some(instant), "{text}");
        }
    }

    #[test]
    fn other_forms_fall_back_to_the_lenient_parser() {
        assert_eq!(parse_written_form("2026-03-10T13:15:00Z"), None);
        assert_eq!(
            parse_stored("2026-03-10T13:15:00Z"),
            timestamp::parse("2026-03-10T13:15:00Z")
        );
        assert_eq!(
            parse_stored("2023-02-29T00:00:00.000Z"),
            None,
            "not a calendar date"
        );
        assert_eq!(parse_stored("2026-03-10T13:15:0x.000Z"), None);
    }
}
