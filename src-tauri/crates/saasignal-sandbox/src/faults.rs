//! Fault injection, for testing how clients cope: latency, forced statuses,
//! dropped connections and malformed bodies, per route. Off unless configured.

use std::time::Duration;

use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::net::ConnInfo;
use crate::sandbox::Sandbox;

/// The faults in force: the first rule whose route matches a request applies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub rules: Vec<FaultRule>,
}

impl Faults {
    /// No faults.
    pub fn none() -> Self {
        Self::default()
    }

    /// Exactly one rule.
    pub fn single(rule: FaultRule) -> Self {
        Self { rules: vec![rule] }
    }

    /// The rule for a request path, if any.
    pub fn rule_for(&self, path: &str) -> Option<&FaultRule> {
        self.rules.iter().find(|rule| rule.route.matches(path))
    }
}

/// Which requests a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteMatch {
    /// Every request.
    Any,
    /// Paths starting with this (e.g. `/core/`).
    Prefix(String),
    /// Paths matching this segment by segment, `{name}` matching any one segment
    /// (e.g. `/core/organizations/{org_id}/projects`).
    Pattern(String),
}

impl RouteMatch {
    /// Reads a route as the binary's `--fault-route` takes it: empty or `*` is
    /// every route, a route with `{…}` segments a pattern, anything else a prefix.
    pub fn parse(route: &str) -> Self {
        if route.is_empty() || route == "*" {
            RouteMatch::Any
        } else if route.contains('{') {
            RouteMatch::Pattern(route.to_owned())
        } else {
            RouteMatch::Prefix(route.to_owned())
        }
    }

    /// Whether `path` is covered.
    pub fn matches(&self, path: &str) -> bool {
        match self {
            RouteMatch::Any => true,
            RouteMatch::Prefix(prefix) => path.starts_with(prefix.as_str()),
            RouteMatch::Pattern(pattern) => {
                let mut wanted = pattern.trim_end_matches('/').split('/');
                let mut actual = path.trim_end_matches('/').split('/');
                loop {
                    match (wanted.next(), actual.next()) {
                        (None, None) => return true,
                        (Some(w), Some(a))
                            if w == a || (w.starts_with('{') && w.ends_with('}')) => {}
                        _ => return false,
                    }
                }
            }
        }
    }
}

/// What happens to a matching request after its latency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer with this status instead of handling the request. `retry_after`
    /// (seconds) sets `Retry-After` and `X-Retry-After`; a 429 always has them (1 s if unset).
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// Close the connection without any response.
    DropConnection,
    /// Answer 200 with a body that is not valid JSON.
    MalformedBody,
    /// Handle the request (the change is made), then close the connection without
    /// answering: the client cannot know whether its write happened.
    DropAnswer,
    /// Handle the request, then send the first half of its real answer.
    TruncatedAnswer,
    /// Answer 200 with a body of this many bytes, streamed without a length.
    HugeBody { bytes: u64 },
}

/// One fault: delay and/or break the requests its route matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub route: RouteMatch,
    /// Added before the request is handled (or broken).
    pub latency: Option<Duration>,
    /// Added after the request was handled, before its answer is sent.
    pub answer_latency: Option<Duration>,
    /// How to break the request; `None` handles it normally (after the latency).
    pub action: Option<FaultAction>,
}

impl FaultRule {
    /// A rule for `route` that does nothing until given a latency or an action.
    pub fn new(route: RouteMatch) -> Self {
        Self {
            route,
            latency: None,
            answer_latency: None,
            action: None,
        }
    }

    /// Delays the answer of a handled request (the change is made at once).
    pub fn answer_latency(mut self, latency: Duration) -> Self {
        self.answer_latency = Some(latency);
        self
    }

    /// Handles the request, then drops the connection.
    pub fn drop_answer(mut self) -> Self {
        self.action = Some(FaultAction::DropAnswer);
        self
    }

    /// Handles the request, then sends half its answer.
    pub fn truncated_answer(mut self) -> Self {
        self.action = Some(FaultAction::TruncatedAnswer);
        self
    }

    /// Answers with `bytes` bytes of body.
    pub fn huge_body(mut self, bytes: u64) -> Self {
        self.action = Some(FaultAction::HugeBody { bytes });
        self
    }

    /// Whether the rule does anything at all.
    pub fn is_active(&self) -> bool {
        self.latency.is_some() || self.answer_latency.is_some() || self.action.is_some()
    }

    /// Adds latency.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = Some(latency);
        self
    }

    /// Forces a status.
    pub fn status(mut self, status: u16, retry_after: Option<u64>) -> Self {
        self.action = Some(FaultAction::Status {
            status,
            retry_after,
        });
        self
    }

    /// Drops the connection.
    pub fn drop_connection(mut self) -> Self {
        self.action = Some(FaultAction::DropConnection);
        self
    }

    /// Sends invalid JSON.
    pub fn malformed_body(mut self) -> Self {
        self.action = Some(FaultAction::MalformedBody);
        self
    }
}

/// Middleware applying the sandbox's current faults.
pub async fn inject(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    sandbox.count_request();
    let Some(rule) = sandbox.faults().rule_for(request.uri().path()).cloned() else {
        return next.run(request).await;
    };
    if let Some(latency) = rule.latency {
        tokio::time::sleep(latency).await;
    }
    let connection = request.extensions().get::<ConnectInfo<ConnInfo>>().cloned();
    let answered = |response: Response| async move {
        if let Some(latency) = rule.answer_latency {
            tokio::time::sleep(latency).await;
        }
        response
    };
    match rule.action {
        None => answered(next.run(request).await).await,
        Some(FaultAction::DropAnswer) => {
            let handled = next.run(request).await;
            tracing::debug!(status = %handled.status(), "handled, dropping the answer (injected fault)");
            drop_connection(connection.as_ref())
        }
        Some(FaultAction::TruncatedAnswer) => {
            let (mut parts, body) = next.run(request).await.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let half = bytes.slice(..bytes.len() / 2);
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(half.len()));
            answered(Response::from_parts(parts, axum::body::Body::from(half))).await
        }
        Some(FaultAction::HugeBody { bytes }) => huge_body(bytes),
        Some(FaultAction::Status {
            status,
            retry_after,
        }) => forced_status(status, retry_after),
        Some(FaultAction::MalformedBody) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"data":[{"id":"org_01"#,
        )
            .into_response(),
        Some(FaultAction::DropConnection) => {
            tracing::debug!(
                path = request.uri().path(),
                "dropping connection (injected fault)"
            );
            drop_connection(connection.as_ref())
        }
    }
}

/// Kills the request's connection, so no byte of the response is written.
fn drop_connection(connection: Option<&ConnectInfo<ConnInfo>>) -> Response {
    match connection {
        Some(info) => info.0.drop_connection(),
        // Served without our listener (embedded): the closest we can do.
        None => tracing::warn!("cannot drop a connection without the sandbox's listener"),
    }
    let mut response = StatusCode::BAD_GATEWAY.into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// `bytes` of JSON whitespace after an opening bracket, streamed in 64 KiB chunks with
/// no length, so a client can only find out how big it is by reading.
fn huge_body(bytes: u64) -> Response {
    const CHUNK: usize = 64 * 1024;
    let chunks = bytes.div_ceil(CHUNK as u64);
    let filler = axum::body::Bytes::from(vec![b' '; CHUNK]);
    let stream = futures_util::stream::iter(
        std::iter::once(axum::body::Bytes::from_static(b"["))
            .chain(std::iter::repeat_n(
                filler,
                usize::try_from(chunks).unwrap_or(usize::MAX),
            ))
            .map(Ok::<_, std::io::Error>),
    );
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

fn forced_status(status: u16, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = status.canonical_reason().unwrap_or("Injected failure");
    let mut response = (
        status,
        axum::Json(json!({ "success": false, "error": format!("{message} (injected fault)") })),
    )
        .into_response();
    let retry_after = retry_after.or((status == StatusCode::TOO_MANY_REQUESTS).then_some(1));
    if let Some(seconds) = retry_after {
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        headers.insert("x-retry-after", HeaderValue::from(seconds));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_parsing_and_matching() {
        assert_eq!(RouteMatch::parse(""), RouteMatch::Any);
        assert_eq!(RouteMatch::parse("*"), RouteMatch::Any);
        let prefix = RouteMatch::parse("/core/");
        assert!(prefix.matches("/core/organizations"));
        assert!(!prefix.matches("/healthz"));
        let pattern = RouteMatch::parse("/core/organizations/{org_id}/projects");
        assert!(pattern.matches("/core/organizations/org_1/projects"));
        assert!(pattern.matches("/core/organizations/org_1/projects/"));
        assert!(!pattern.matches("/core/organizations/org_1/projects/proj_1"));
        assert!(!pattern.matches("/core/organizations/org_1/tokens"));
    }

    #[test]
    fn first_matching_rule_wins() {
        let faults = Faults {
            rules: vec![
                FaultRule::new(RouteMatch::parse("/core/tokens/")).status(503, None),
                FaultRule::new(RouteMatch::Any).latency(Duration::from_millis(5)),
            ],
        };
        assert!(
            faults
                .rule_for("/core/tokens/browser")
                .is_some_and(|r| r.action.is_some())
        );
        assert!(
            faults
                .rule_for("/healthz")
                .is_some_and(|r| r.action.is_none())
        );
        assert!(Faults::none().rule_for("/healthz").is_none());
    }
}
