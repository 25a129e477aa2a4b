use saasignal_client::{ApiError, ForbiddenReason, NewToken, PlatformClient};
use saasignal_secret::Secret;

use crate::common::fast_config;
use crate::common::scripted::{ScriptedServer, Step};

const USER: &str = r#"{"id":"u_1","email":"demo@saasignal.dev","name":"Demo","emailVerified":true,"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z"}"#;
const ORG: &str =
    r#"{"id":"org_1","name":"Acme","slug":"acme","createdAt":"2026-01-02T03:04:05Z"}"#;
const MEMBER: &str = r#"{"user_id":"u_1","name":"Ada","email":"ada@acme.dev","scopes":["orgs:read"],"joined_at":"2026-01-02T03:04:05Z"}"#;
const PROJECT: &str = r#"{"id":"proj_1","orgId":"org_1","name":"Web","description":null,"region":"weur","createdAt":"2026-01-02T03:04:05Z"}"#;
const TOKEN: &str = r#"{"id":"tok_1","name":"CI","hint":"a1b2","org_id":"org_1","project_id":null,"scopes":["kv:read"],"created_at":"2026-01-02T03:04:05Z","expires_at":null,"last_used_at":null,"revoked":false}"#;

async fn serve(script: Vec<Step>) -> (ScriptedServer, PlatformClient) {
    let server = ScriptedServer::start(script).await;
    let client = PlatformClient::new(fast_config(server.base_url())).expect("client");
    (server, client)
}

fn signed_in_body(token: &str) -> String {
    format!(r#"{{"redirect":false,"token":"{token}","url":null,"user":{USER}}}"#)
}

#[tokio::test]
async fn sign_in_prefers_the_set_auth_token_header() {
    let (server, client) = serve(vec![
        Step::json_with(
            200,
            &signed_in_body("body-token"),
            "set-auth-token",
            "body-token.signature",
        ),
        Step::json(200, &signed_in_body("body-token")),
        Step::json(200, &format!(r#"{{"user":{USER}}}"#)),
    ])
    .await;
    let password = Secret::new("saasignal-demo");
    let with_header = client
        .sign_in_email("demo@saasignal.dev", &password, Some(true))
        .await
        .expect("signed in");
    assert_eq!(with_header.token.expose(), "body-token.signature");
    assert_eq!(with_header.user.email, "demo@saasignal.dev");
    let body_only = client
        .sign_in_email("demo@saasignal.dev", &password, None)
        .await
        .expect("signed in");
    assert_eq!(body_only.token.expose(), "body-token");
    let none = client
        .sign_in_email("demo@saasignal.dev", &password, None)
        .await
        .unwrap_err();
    assert!(
        matches!(none, ApiError::Undecodable { detail: None, .. }),
        "{none:?}"
    );

    let sent = &server.requests()[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.path, "/api/auth/sign-in/email");
    assert_eq!(
        sent.body,
        r#"{"email":"demo@saasignal.dev","password":"saasignal-demo","rememberMe":true}"#
    );
    assert_eq!(sent.header("authorization"), None);
}

#[tokio::test]
async fn requests_carry_bearer_user_agent_and_encoded_paths() {
    let (server, client) = serve(vec![Step::json(200, "[]")]).await;
    let credential = Secret::new("sess.abc");
    client
        .list_tokens(&credential, "org/1", Some("proj 1"))
        .await
        .expect("listed");
    let sent = &server.requests()[0];
    assert_eq!(sent.method, "GET");
    assert_eq!(
        sent.path,
        "/core/organizations/org%2F1/tokens?project_id=proj+1"
    );
    assert_eq!(sent.header("authorization"), Some("Bearer sess.abc"));
    assert_eq!(sent.header("accept"), Some("application/json"));
    let agent = sent.header("user-agent").expect("user agent");
    assert_eq!(
        agent,
        format!(
            "SaaSignalAdmin/{} ({})",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        )
    );
}

#[tokio::test]
async fn every_list_reads_both_envelopes() {
    let shapes = [
        ("orgs", ORG),
        ("members", MEMBER),
        ("projects", PROJECT),
        ("tokens", TOKEN),
    ];
    for (what, item) in shapes {
        let bare = format!("[{item}]");
        let wrapped = format!(r#"{{"data":[{item}]}}"#);
        let (_server, client) =
            serve(vec![Step::json(200, &bare), Step::json(200, &wrapped)]).await;
        let credential = Secret::new("s");
        let counts = match what {
            "orgs" => [
                client.list_orgs(&credential).await.map(|l| l.len()),
                client.list_orgs(&credential).await.map(|l| l.len()),
            ],
            "members" => [
                client
                    .list_members(&credential, "org_1")
                    .await
                    .map(|l| l.len()),
                client
                    .list_members(&credential, "org_1")
                    .await
                    .map(|l| l.len()),
            ],
            "projects" => [
                client
                    .list_projects(&credential, "org_1")
                    .await
                    .map(|l| l.len()),
                client
                    .list_projects(&credential, "org_1")
                    .await
                    .map(|l| l.len()),
            ],
            _ => [
                client
                    .list_tokens(&credential, "org_1", None)
                    .await
                    .map(|l| l.len()),
                client
                    .list_tokens(&credential, "org_1", None)
                    .await
                    .map(|l| l.len()),
            ],
        };
        assert_eq!(counts, [Ok(1), Ok(1)], "{what}");
    }
}

#[tokio::test]
async fn wrapped_objects_and_secrets_inside_them() {
    let created = TOKEN.replacen('{', r#"{"token":"sk_live_wrapped","#, 1);
    let (_server, client) = serve(vec![
        Step::json(200, &format!(r#"{{"data":{ORG}}}"#)),
        Step::json(201, &format!(r#"{{"success":true,"data":{created}}}"#)),
        Step::json(200, r#"{"data":{"scopes":["kv:read"]}}"#),
        Step::json(200, r#"["orgs:read"]"#),
    ])
    .await;
    let credential = Secret::new("s");
    assert_eq!(
        client
            .get_org(&credential, "org_1")
            .await
            .expect("org")
            .slug,
        "acme"
    );
    let new = NewToken {
        name: "CI".into(),
        scopes: vec!["kv:read".into()],
        ..NewToken::default()
    };
    let token = client
        .create_token(&credential, "org_1", &new)
        .await
        .expect("token");
    assert_eq!(token.secret.expose(), "sk_live_wrapped");
    assert_eq!(token.item.id, "tok_1");
    assert_eq!(
        client
            .my_scopes(&credential, "org_1")
            .await
            .expect("scopes"),
        ["kv:read"]
    );
    assert_eq!(
        client
            .my_scopes(&credential, "org_1")
            .await
            .expect("scopes"),
        ["orgs:read"]
    );
}

/// The error `get_org` ends with when the server always answers `step`.
async fn error_for(step: Step) -> ApiError {
    let (_server, client) = serve(vec![step]).await;
    client
        .get_org(&Secret::new("s"), "org_1")
        .await
        .unwrap_err()
}

fn html(status: u16) -> Step {
    Step::Reply {
        status,
        headers: vec![("content-type".into(), "text/html".into())],
        body: "<html><body><h1>Bad Gateway</h1></body></html>".into(),
    }
}

#[tokio::test]
async fn error_bodies_of_every_form() {
    let validation = error_for(Step::text(400, "name is required")).await;
    assert_eq!(
        (validation.code().as_str(), validation.field()),
        ("validation", Some("name"))
    );

    let scope = error_for(Step::json(
        403,
        r#"{"error":{"code":"insufficient_scope","message":"Requires orgs:read"}}"#,
    ))
    .await;
    assert_eq!(scope.missing_scope(), Some("orgs:read"));

    let owner = error_for(Step::json(
        403,
        r#"{"success":false,"error":"Forbidden: the organization's owner cannot be removed"}"#,
    ))
    .await;
    assert_eq!(
        owner,
        ApiError::Forbidden {
            reason: ForbiddenReason::OwnerProtected
        }
    );

    assert_eq!(error_for(html(502)).await, ApiError::Server { status: 502 });

    let conflict = error_for(Step::json(409, r#"{"message":"slug already in use"}"#)).await;
    assert_eq!(
        (conflict.code().as_str(), conflict.field()),
        ("conflict", Some("slug"))
    );

    let missing = error_for(Step::json(
        404,
        r#"{"code":"NOT_FOUND","message":"Organization not found"}"#,
    ))
    .await;
    assert_eq!(
        missing,
        ApiError::NotFound {
            resource: "Organization".into()
        }
    );

    let expired = error_for(Step::json(
        401,
        r#"{"success":false,"error":"Unauthorized"}"#,
    ))
    .await;
    assert_eq!(expired, ApiError::Unauthorized);

    let teapot = error_for(Step::text(418, "")).await;
    assert_eq!(teapot.code().as_str(), "unexpected_status");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let (server, client) = serve(vec![Step::Reply {
        status: 307,
        headers: vec![("location".into(), "http://127.0.0.1:9/elsewhere".into())],
        body: String::new(),
    }])
    .await;
    let error = client.list_orgs(&Secret::new("s")).await.unwrap_err();
    assert_eq!(error.status(), Some(307));
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn get_session_null_or_401_is_no_session() {
    for step in [
        Step::json(200, "null"),
        Step::json(200, r#"{"data":null}"#),
        Step::json(401, r#"{"code":"UNAUTHORIZED","message":"Unauthorized"}"#),
    ] {
        let (_server, client) = serve(vec![step.clone()]).await;
        let session = client.get_session(&Secret::new("s")).await;
        assert_eq!(session, Ok(None), "{step:?}");
    }
}

#[tokio::test]
async fn deletes_accept_no_content() {
    let (_server, client) = serve(vec![Step::Reply {
        status: 204,
        headers: vec![],
        body: String::new(),
    }])
    .await;
    let credential = Secret::new("s");
    client
        .delete_project(&credential, "org_1", "proj_1")
        .await
        .expect("204");
    client
        .revoke_token(&credential, "org_1", "tok_1")
        .await
        .expect("204");
    client
        .remove_member(&credential, "org_1", "u_1")
        .await
        .expect("204");
    client
        .delete_org(&credential, "org_1", "Acme", None)
        .await
        .expect("204");
    let member = client
        .update_member_scopes(&credential, "org_1", "u_1", &[])
        .await
        .expect("204");
    assert_eq!(member, None);
}
