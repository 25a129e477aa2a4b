//! A window of a long list: what a screen asks for ([`RowWindow`]) and what it gets
//! ([`Page`]). Screens ask for the rows in view, so what crosses IPC and what the webview
//! holds stays the same size however many rows the list has.

use serde::{Deserialize, Serialize};

/// The most rows one window may ask for: a few screens of rows, not a whole list.
pub const MAX_WINDOW_ROWS: u32 = 500;

/// Which rows of a list a screen shows: those matching `search` (case-insensitive, in
/// the fields that list searches), in the list's order, from `offset`, at most `limit`
/// (capped at [`MAX_WINDOW_ROWS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RowWindow {
    #[serde(default)]
    pub search: String,
    pub offset: u32,
    pub limit: u32,
}

impl RowWindow {
    /// The first `limit` rows, unfiltered.
    pub fn first(limit: u32) -> Self {
        Self {
            search: String::new(),
            offset: 0,
            limit,
        }
    }

    /// `limit`, capped at [`MAX_WINDOW_ROWS`].
    pub fn capped_limit(&self) -> u32 {
        self.limit.min(MAX_WINDOW_ROWS)
    }

    /// The trimmed search text, or `None` when the window is unfiltered.
    pub fn search_text(&self) -> Option<&str> {
        Some(self.search.trim()).filter(|text| !text.is_empty())
    }
}

/// The rows of one window, with the counts a screen shows ("12 of 10,000").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The index of `rows[0]` among the matching rows.
    pub offset: u32,
    pub rows: Vec<T>,
    /// How many rows match the window's search.
    pub matching: u32,
    /// How many rows the list has.
    pub total: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_reads_from_the_ui_and_caps_its_limit() {
        let window: RowWindow =
            serde_json::from_str(r#"{"search":"  web ","offset":20,"limit":100000}"#).unwrap();
        assert_eq!(window.search_text(), Some("web"));
        assert_eq!(window.capped_limit(), MAX_WINDOW_ROWS);
        let unfiltered: RowWindow = serde_json::from_str(r#"{"offset":0,"limit":50}"#).unwrap();
        assert_eq!(unfiltered.search_text(), None);
        assert_eq!(unfiltered.capped_limit(), 50);
    }
}
