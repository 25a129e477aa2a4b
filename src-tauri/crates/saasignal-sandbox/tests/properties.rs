//! Property tests of the sandbox's request parsing, through its real router: any body
//! (arbitrary bytes, JSON of any shape, the endpoint's own fields with values of any
//! type) sent to any endpoint, as a signed-in owner, an API key or nobody, never panics
//! and never fails inside (no 500): the answer is a typed error, 4xx with the
//! documented error body, or a success.
//!
//! Cases per property: 256, or `SAASIGNAL_FUZZ_CASES` (`cargo xtask soak` sets 1,000,000).
//! The router is driven in-process (`tower::ServiceExt::oneshot`), the same routes and
//! middleware the HTTP server serves.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request};
use proptest::prelude::*;
use saasignal_fuzz::{Count, config};
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_OWNER, seed_demo};
use saasignal_sandbox::{RateLimit, Sandbox, SandboxConfig};
use serde_json::{Value, json};
use tower::ServiceExt;

static CASES: Count = Count::new("sandbox request parsing");

/// The sandbox's router with the demo data, and the credentials to call it with.
struct Target {
    router: Router,
    runtime: tokio::runtime::Runtime,
    session: String,
    key: String,
    org: String,
    project: String,
}

async fn send(
    router: &Router,
    method: Method,
    path: &str,
    bearer: Option<&str>,
    body: Vec<u8>,
) -> (u16, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(bearer) = bearer {
        request = request.header("authorization", format!("Bearer {bearer}"));
    }
    let request = request
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (status, bytes.to_vec())
}

fn target() -> Target {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (router, session, key, org, project) = runtime.block_on(async {
        let sandbox = Sandbox::open(&SandboxConfig {
            sign_in_rate_limit: RateLimit::OFF,
            ..SandboxConfig::default()
        })
        .expect("sandbox");
        seed_demo(&sandbox).await.expect("seed");
        let router = sandbox.router();
        let (_, body) = send(
            &router,
            Method::POST,
            "/api/auth/sign-in/email",
            None,
            serde_json::to_vec(
                &json!({ "email": DEMO_OWNER.email, "password": DEMO_OWNER.password }),
            )
            .expect("json"),
        )
        .await;
        let session = serde_json::from_slice::<Value>(&body).expect("json")["token"]
            .as_str()
            .expect("session")
            .to_owned();
        let (_, body) = send(
            &router,
            Method::GET,
            "/core/organizations",
            Some(&session),
            vec![],
        )
        .await;
        let orgs: Value = serde_json::from_slice(&body).expect("json");
        let org = orgs["data"]
            .as_array()
            .expect("orgs")
            .iter()
            .find(|org| org["name"] == DEMO_ORG_NAME)
            .expect("demo org")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let (_, body) = send(
            &router,
            Method::GET,
            &format!("/core/organizations/{org}/projects"),
            Some(&session),
            vec![],
        )
        .await;
        let project = serde_json::from_slice::<Value>(&body).expect("json")[0]["id"]
            .as_str()
            .expect("project")
            .to_owned();
        let (_, body) = send(
            &router,
            Method::POST,
            &format!("/core/organizations/{org}/tokens"),
            Some(&session),
            serde_json::to_vec(&json!({ "name": "fuzz", "scopes": ["*"] })).expect("json"),
        )
        .await;
        let key = serde_json::from_slice::<Value>(&body).expect("json")["token"]
            .as_str()
            .expect("key")
            .to_owned();
        (router, session, key, org, project)
    });
    Target {
        router,
        runtime,
        session,
        key,
        org,
        project,
    }
}

/// The endpoints that read a body, with the fields they read. Sign-up is left out: each
/// accepted one hashes a password (argon2, by design slow), and its body goes through
/// the same parser as sign-in's.
const ENDPOINTS: &[(&str, &str, &[&str])] = &[
    (
        "POST",
        "/api/auth/sign-in/email",
        &["email", "password", "rememberMe"],
    ),
    ("POST", "/core/organizations", &["name", "slug"]),
    ("PATCH", "/core/organizations/{org}", &["name", "slug"]),
    ("DELETE", "/core/organizations/{org}", &["confirm_name"]),
    (
        "POST",
        "/core/organizations/{org}/members/invite",
        &["email", "scopes", "project_id"],
    ),
    (
        "PUT",
        "/core/organizations/{org}/members/u_nobody/scopes",
        &["scopes"],
    ),
    (
        "POST",
        "/core/organizations/{org}/projects",
        &["name", "description", "region"],
    ),
    (
        "POST",
        "/core/organizations/{org}/tokens",
        &["name", "scopes", "project_id", "expires_at"],
    ),
    ("POST", "/core/tokens/browser", &["scopes", "ttl"]),
    (
        "GET",
        "/core/organizations/{org}/tokens?project_id={project}",
        &[],
    ),
    ("GET", "/core/organizations/{org}/projects/{project}", &[]),
];

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        "[a-z0-9.+-]{1,12}@[a-z]{1,8}\\.[a-z]{2,4}".prop_map(Value::String),
        "(orgs|projects|tokens|kv):(read|write|\\*)|\\*".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A body for an endpoint with `fields`: bytes, any JSON, or the fields with any values.
fn body(fields: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let as_fields =
        proptest::collection::vec((proptest::sample::select(fields.to_vec()), value()), 0..4)
            .prop_map(|pairs| {
                let object: serde_json::Map<String, Value> =
                    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                serde_json::to_vec(&Value::Object(object)).unwrap_or_default()
            });
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..128),
        value().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        as_fields,
    ]
}

fn case() -> impl Strategy<Value = (usize, Vec<u8>, u8)> {
    (0..ENDPOINTS.len()).prop_flat_map(|index| {
        let fields = if ENDPOINTS[index].2.is_empty() {
            &["name"][..]
        } else {
            ENDPOINTS[index].2
        };
        (Just(index), body(fields), 0u8..3)
    })
}

#[test]
fn any_body_to_any_endpoint_gets_a_typed_answer() {
    let target = target();
    proptest!(config(), |((index, body, who) in case())| {
        CASES.tick();
        let (method, path, _) = ENDPOINTS[index];
        let path = path.replace("{org}", &target.org).replace("{project}", &target.project);
        let bearer = match who {
            0 => Some(target.session.as_str()),
            1 => Some(target.key.as_str()),
            _ => None,
        };
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let (status, answer) = target
            .runtime
            .block_on(send(&target.router, method, &path, bearer, body));
        prop_assert!(status < 500, "{status} from {path}: {}", String::from_utf8_lossy(&answer));
        if status >= 400 {
            let body: Value = serde_json::from_slice(&answer).expect("an error body is JSON");
            let says = body.get("error").or_else(|| body.get("message"));
            prop_assert!(says.is_some(), "no error in {body}");
        }
    });
    println!(
        "fuzz sandbox request parsing: {} cases, 0 panics, 0 internal errors",
        CASES.ran()
    );
}
