//! Error bodies in every form the platform and the proxies in front of it send:
//! `{"success":false,"error":"…"}`, `{"error":{"code","message"}}`, better-auth's
//! `{"code","message"}`, `{"message"}`, plain text, HTML or nothing. Reading one
//! never fails; what cannot be read is simply absent.

use serde_json::Value;

/// Longest server message kept; the rest is cut, so a huge page stays out of the UI.
const MAX_MESSAGE_CHARS: usize = 300;

/// What an error body says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ErrorBody {
    /// A machine code, e.g. `INVALID_EMAIL_OR_PASSWORD`.
    pub code: Option<String>,
    /// The human message, trimmed and cut to a readable length.
    pub message: Option<String>,
}

impl ErrorBody {
    /// Reads any body; never fails.
    pub(crate) fn read(body: &[u8]) -> Self {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => from_json_object(&object),
            Ok(Value::String(text)) => from_text(&text),
            Ok(_) => Self::default(),
            Err(_) => from_text(&String::from_utf8_lossy(body)),
        }
    }

    /// The message, or an empty string.
    pub(crate) fn message_or_empty(&self) -> &str {
        self.message.as_deref().unwrap_or_default()
    }
}

fn from_json_object(object: &serde_json::Map<String, Value>) -> ErrorBody {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).and_then(tidy);
    let (mut code, mut message) = (text(object.get("code")), None);
    match object.get("error") {
        Some(Value::String(error)) => message = tidy(error),
        Some(Value::Object(error)) => {
            code = text(error.get("code")).or(code);
            message = text(error.get("message"));
        }
        _ => {}
    }
    let message = message
        .or_else(|| text(object.get("message")))
        .or_else(|| text(object.get("detail")));
    ErrorBody { code, message }
}

/// Plain text is kept; an HTML page (a proxy's error page) is not a message.
fn from_text(text: &str) -> ErrorBody {
    let looks_like_markup = text.trim_start().starts_with('<');
    ErrorBody {
        code: None,
        message: if looks_like_markup { None } else { tidy(text) },
    }
}

/// Control characters and runs of whitespace collapsed, cut to a readable length.
fn tidy(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined: String = words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if joined.is_empty() {
        return None;
    }
    if joined.chars().count() <= MAX_MESSAGE_CHARS {
        return Some(joined);
    }
    let cut: String = joined.chars().take(MAX_MESSAGE_CHARS).collect();
    Some(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> ErrorBody {
        ErrorBody::read(body.as_bytes())
    }

    fn body(code: Option<&str>, message: Option<&str>) -> ErrorBody {
        ErrorBody {
            code: code.map(str::to_owned),
            message: message.map(str::to_owned),
        }
    }

    #[test]
    fn core_error_string() {
        assert_eq!(
            read(r#"{"success":false,"error":"insufficient_scope: requires tokens:write"}"#),
            body(None, Some("insufficient_scope: requires tokens:write"))
        );
    }

    #[test]
    fn core_error_object() {
        assert_eq!(
            read(
                r#"{"success":false,"error":{"code":"not_found","message":"Organization not found"}}"#
            ),
            body(Some("not_found"), Some("Organization not found"))
        );
    }

    #[test]
    fn better_auth_code_and_message() {
        assert_eq!(
            read(r#"{"code":"INVALID_EMAIL_OR_PASSWORD","message":"Invalid email or password"}"#),
            body(
                Some("INVALID_EMAIL_OR_PASSWORD"),
                Some("Invalid email or password")
            )
        );
    }

    #[test]
    fn bare_message_and_detail() {
        assert_eq!(
            read(r#"{"message":"Too many requests. Please try again later."}"#),
            body(None, Some("Too many requests. Please try again later."))
        );
        assert_eq!(read(r#"{"detail":"Nope"}"#), body(None, Some("Nope")));
    }

    #[test]
    fn nulls_and_odd_types_are_absent() {
        assert_eq!(
            read(r#"{"error":null,"message":null,"code":7}"#),
            body(None, None)
        );
        assert_eq!(
            read(r#"{"error":{"code":null,"message":42}}"#),
            body(None, None)
        );
        assert_eq!(read("[1,2]"), body(None, None));
        assert_eq!(read("null"), body(None, None));
        assert_eq!(
            read(r#""just a string""#),
            body(None, Some("just a string"))
        );
    }

    #[test]
    fn plain_text_html_and_nothing() {
        assert_eq!(read("Bad Gateway\n"), body(None, Some("Bad Gateway")));
        assert_eq!(
            read("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"),
            body(None, None)
        );
        assert_eq!(read(""), body(None, None));
        assert_eq!(read("   \n\t"), body(None, None));
        assert_eq!(
            ErrorBody::read(&[0xff, 0xfe, b'o', b'k'])
                .message
                .as_deref(),
            Some("��ok")
        );
    }

    #[test]
    fn long_messages_are_cut_and_control_characters_dropped() {
        let long = "x".repeat(1000);
        let message = read(&long).message.unwrap();
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(message.ends_with('…'));
        assert_eq!(
            read("{\"error\":\"line one\\nline\\u0007 two\"}")
                .message
                .as_deref(),
            Some("line one line two")
        );
    }
}
