//! Every credential kind × every endpoint × 129 scope sets, over HTTP: a request succeeds
//! exactly when the written rules allow it, and otherwise fails with the documented
//! status and body.
//!
//! The expectations come from [`RULES`], a table written from the rules as the contract
//! and the sandbox README state them, and from the contract's scope algebra, never from
//! the handlers:
//! - an endpoint that needs a session refuses keys and browser tokens (401); minting a
//!   browser token needs an API key (a session 401, a browser token 403);
//! - a browser token may not manage (keys, members, org settings, minting): 403;
//! - the scope must be held: 403 `insufficient_scope: requires <scope>`;
//! - a project-bound credential may not act org-wide (settings, membership, creating or
//!   deleting projects): 403 `insufficient_scope: requires <scope> (…confined to project…)`;
//! - what a request hands out (invite scopes, new scopes, a key's scopes) must be held:
//!   403 `insufficient_scope: requires <first missing>`;
//! - a session may not change its own scopes: 403.

mod common;

use std::sync::Arc;

use common::{TestServer, TestUser, unique_email};
use reqwest::Method;
use saasignal_contract::scopes;
use serde_json::{Value, json};
use tokio::task::JoinSet;

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Owner,
    Member,
    ProjectMember,
    OrgKey,
    ProjectKey,
    BrowserToken,
    ProjectBrowserToken,
}

impl Kind {
    fn is_session(self) -> bool {
        matches!(self, Kind::Owner | Kind::Member | Kind::ProjectMember)
    }
    fn is_api_key(self) -> bool {
        matches!(self, Kind::OrgKey | Kind::ProjectKey)
    }
    fn is_browser_token(self) -> bool {
        matches!(self, Kind::BrowserToken | Kind::ProjectBrowserToken)
    }
    fn is_project_bound(self) -> bool {
        matches!(
            self,
            Kind::ProjectMember | Kind::ProjectKey | Kind::ProjectBrowserToken
        )
    }
}

#[derive(Debug, Clone, Copy)]
enum Needs {
    Session,
    ApiKey,
    Scope(&'static str),
}

/// One endpoint as the rules describe it.
#[derive(Debug, Clone, Copy)]
struct Rule {
    name: &'static str,
    needs: Needs,
    /// Management: refused to browser tokens.
    manages: bool,
    /// Org-wide: refused to project-bound credentials.
    org_wide: bool,
    /// What the request hands out; the caller must hold it.
    grants: &'static [&'static str],
    /// Changes the caller's own scopes.
    targets_self: bool,
    ok: u16,
}

const fn rule(name: &'static str, needs: Needs, ok: u16) -> Rule {
    Rule {
        name,
        needs,
        manages: false,
        org_wide: false,
        grants: &[],
        targets_self: false,
        ok,
    }
}

const fn managing(rule: Rule) -> Rule {
    Rule {
        manages: true,
        ..rule
    }
}

const fn org_wide(rule: Rule) -> Rule {
    Rule {
        org_wide: true,
        ..rule
    }
}

const fn granting(rule: Rule, grants: &'static [&'static str]) -> Rule {
    Rule { grants, ..rule }
}

use Needs::{ApiKey, Scope, Session};

/// The rules, one line per endpoint (and per kind of body where the body matters).
const RULES: &[Rule] = &[
    rule("list orgs", Session, 200),
    rule("create org", Session, 201),
    rule("get org", Scope("orgs:read"), 200),
    managing(org_wide(rule("rename org", Scope("orgs:write"), 200))),
    org_wide(rule("list members", Scope("orgs:read"), 200)),
    rule("my scopes", Scope("orgs:read"), 200),
    managing(org_wide(granting(
        rule("invite with projects:read", Scope("orgs:write"), 202),
        &["projects:read"],
    ))),
    managing(org_wide(granting(
        rule("invite with *", Scope("orgs:write"), 202),
        &["*"],
    ))),
    managing(org_wide(granting(
        rule(
            "re-scope a member to projects:read",
            Scope("orgs:write"),
            200,
        ),
        &["projects:read"],
    ))),
    Rule {
        targets_self: true,
        ..managing(org_wide(granting(
            rule("re-scope oneself", Scope("orgs:write"), 200),
            &["projects:read"],
        )))
    },
    managing(org_wide(rule("remove a member", Scope("orgs:write"), 200))),
    rule("list projects", Scope("projects:read"), 200),
    rule("get its project", Scope("projects:read"), 200),
    org_wide(rule("create a project", Scope("projects:write"), 201)),
    org_wide(rule("delete a project", Scope("projects:write"), 200)),
    rule("list tokens", Scope("tokens:read"), 200),
    managing(granting(
        rule(
            "create a key with projects:read",
            Scope("tokens:write"),
            201,
        ),
        &["projects:read"],
    )),
    managing(granting(
        rule("create a key with *", Scope("tokens:write"), 201),
        &["*"],
    )),
    managing(rule("revoke a key", Scope("tokens:write"), 200)),
    rule("mint a browser token", ApiKey, 200),
    org_wide(rule("read the usage dashboard", Scope("billing:read"), 200)),
    org_wide(rule("read the token usage", Scope("billing:read"), 200)),
    managing(org_wide(rule("switch to the free plan", Scope("*"), 200))),
    // Last: it ends the principal's org.
    managing(org_wide(rule("delete the org", Scope("*"), 200))),
];

/// What a request must get.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Ok(u16),
    Unauthorized,
    Forbidden,
    Insufficient(String),
    ConfinedTo(String),
}

fn expected(kind: Kind, held: &[String], rule: &Rule) -> Expect {
    match rule.needs {
        Session => {
            return if kind.is_session() {
                Expect::Ok(rule.ok)
            } else {
                Expect::Unauthorized
            };
        }
        ApiKey => {
            return if kind.is_api_key() {
                Expect::Ok(rule.ok)
            } else if kind.is_browser_token() {
                Expect::Forbidden
            } else {
                Expect::Unauthorized
            };
        }
        Scope(scope) => {
            if rule.manages && kind.is_browser_token() {
                return Expect::Forbidden;
            }
            if !scopes::grants(held, scope) {
                return Expect::Insufficient(scope.to_owned());
            }
            if rule.org_wide && kind.is_project_bound() {
                return Expect::ConfinedTo(scope.to_owned());
            }
        }
    }
    if rule.targets_self && kind.is_session() {
        return Expect::Forbidden;
    }
    if let Some(missing) = scopes::missing(held, rule.grants) {
        return Expect::Insufficient(missing);
    }
    Expect::Ok(rule.ok)
}

/// Every scope set of the three platform families: for each of orgs, projects and
/// tokens, nothing, read, write, both, or `family:*`; three sets of billing scopes; and `*`
/// alone. 129 sets.
fn scope_sets() -> Vec<Vec<String>> {
    let choices = |family: &str| -> Vec<Vec<String>> {
        vec![
            vec![],
            vec![format!("{family}:read")],
            vec![format!("{family}:write")],
            vec![format!("{family}:read"), format!("{family}:write")],
            vec![format!("{family}:*")],
        ]
    };
    let mut sets = Vec::new();
    for orgs in choices("orgs") {
        for projects in choices("projects") {
            for tokens in choices("tokens") {
                sets.push([orgs.clone(), projects.clone(), tokens].concat());
            }
        }
    }
    // Usage and billing: the read scope alone, with an org read, and its family.
    sets.push(vec!["billing:read".into()]);
    sets.push(vec!["orgs:read".into(), "billing:read".into()]);
    sets.push(vec!["billing:*".into()]);
    sets.push(vec!["*".into()]);
    sets
}

/// One principal in an org of its own, with the targets its requests act on.
struct Principal {
    kind: Kind,
    scopes: Vec<String>,
    credential: String,
    /// The user behind a session principal.
    user_id: Option<String>,
    org: String,
    org_name: String,
    project: String,
    victim_project: String,
    victim_member: String,
    victim_key: String,
}

struct Cast {
    owner: TestUser,
    member: TestUser,
    victim: TestUser,
}

async fn ok_json(reply: common::Reply, status: u16, what: &str) -> Value {
    assert_eq!(reply.status, status, "{what}: {}", reply.text);
    reply.json()
}

async fn principal(server: &TestServer, cast: &Cast, kind: Kind, held: Vec<String>) -> Principal {
    let owner = &cast.owner.token;
    let org_name = format!("AuthZ {}", unique_email("org"));
    let org = ok_json(
        server
            .post("/core/organizations", owner, json!({ "name": org_name }))
            .await,
        201,
        "org",
    )
    .await["id"]
        .as_str()
        .expect("org id")
        .to_owned();
    let base = format!("/core/organizations/{org}");
    let project = server.create_project(owner, &org, "Theirs").await;
    let victim_project = server.create_project(owner, &org, "Victim").await;
    ok_json(
        server
            .post(
                &format!("{base}/members/invite"),
                owner,
                json!({ "email": cast.victim.email, "scopes": ["orgs:read"] }),
            )
            .await,
        202,
        "victim",
    )
    .await;
    let project_of_kind = kind.is_project_bound().then(|| project.clone());
    let key = |scopes: Vec<String>, project_id: Option<String>| {
        let mut body = json!({ "name": "principal", "scopes": scopes });
        if let Some(project_id) = project_id {
            body["project_id"] = json!(project_id);
        }
        body
    };
    let (victim_key, _) = server
        .create_key(owner, &org, key(vec![], project_of_kind.clone()))
        .await;
    let (credential, user_id) = match kind {
        Kind::Owner => (cast.owner.token.clone(), Some(cast.owner.id.clone())),
        Kind::Member | Kind::ProjectMember => {
            let mut body = json!({ "email": cast.member.email, "scopes": held });
            if let Some(project) = &project_of_kind {
                body["project_id"] = json!(project);
            }
            ok_json(
                server
                    .post(&format!("{base}/members/invite"), owner, body)
                    .await,
                202,
                "member",
            )
            .await;
            (cast.member.token.clone(), Some(cast.member.id.clone()))
        }
        Kind::OrgKey | Kind::ProjectKey => {
            let (_, secret) = server
                .create_key(owner, &org, key(held.clone(), project_of_kind.clone()))
                .await;
            (secret, None)
        }
        Kind::BrowserToken | Kind::ProjectBrowserToken => {
            let (_, parent) = server
                .create_key(owner, &org, key(held.clone(), project_of_kind.clone()))
                .await;
            let minted = ok_json(
                server
                    .post("/core/tokens/browser", &parent, json!({ "ttl": 1800 }))
                    .await,
                200,
                "browser token",
            )
            .await;
            (minted["token"].as_str().expect("bt").to_owned(), None)
        }
    };
    Principal {
        kind,
        scopes: if kind == Kind::Owner {
            vec!["*".into()]
        } else {
            held
        },
        credential,
        user_id,
        org,
        org_name,
        project,
        victim_project,
        victim_member: cast.victim.id.clone(),
        victim_key,
    }
}

/// Sends the request of `rule` as `who`.
async fn request(server: &TestServer, who: &Principal, rule: &Rule) -> common::Reply {
    let base = format!("/core/organizations/{}", who.org);
    let bearer = Some(who.credential.as_str());
    let (method, path, body) = match rule.name {
        "list orgs" => (Method::GET, "/core/organizations".to_owned(), None),
        "create org" => (
            Method::POST,
            "/core/organizations".to_owned(),
            Some(json!({ "name": "Made by a principal" })),
        ),
        "get org" => (Method::GET, base.clone(), None),
        "rename org" => (
            Method::PATCH,
            base.clone(),
            Some(json!({ "name": who.org_name })),
        ),
        "list members" => (Method::GET, format!("{base}/members"), None),
        "my scopes" => (Method::GET, format!("{base}/my-scopes"), None),
        "invite with projects:read" => (
            Method::POST,
            format!("{base}/members/invite"),
            Some(json!({ "email": unique_email("invitee"), "scopes": ["projects:read"] })),
        ),
        "invite with *" => (
            Method::POST,
            format!("{base}/members/invite"),
            Some(json!({ "email": unique_email("invitee"), "scopes": ["*"] })),
        ),
        "re-scope a member to projects:read" => (
            Method::PUT,
            format!("{base}/members/{}/scopes", who.victim_member),
            Some(json!({ "scopes": ["projects:read"] })),
        ),
        "re-scope oneself" => (
            Method::PUT,
            format!(
                "{base}/members/{}/scopes",
                who.user_id.as_deref().unwrap_or("none")
            ),
            Some(json!({ "scopes": ["projects:read"] })),
        ),
        "remove a member" => (
            Method::DELETE,
            format!("{base}/members/{}", who.victim_member),
            None,
        ),
        "list projects" => (Method::GET, format!("{base}/projects"), None),
        "get its project" => (
            Method::GET,
            format!("{base}/projects/{}", who.project),
            None,
        ),
        "create a project" => (
            Method::POST,
            format!("{base}/projects"),
            Some(json!({ "name": "Made by a principal" })),
        ),
        "delete a project" => (
            Method::DELETE,
            format!("{base}/projects/{}", who.victim_project),
            None,
        ),
        "list tokens" => (Method::GET, format!("{base}/tokens"), None),
        "create a key with projects:read" => (
            Method::POST,
            format!("{base}/tokens"),
            Some(json!({ "name": "child", "scopes": ["projects:read"] })),
        ),
        "create a key with *" => (
            Method::POST,
            format!("{base}/tokens"),
            Some(json!({ "name": "child", "scopes": ["*"] })),
        ),
        "revoke a key" => (
            Method::DELETE,
            format!("{base}/tokens/{}", who.victim_key),
            None,
        ),
        "mint a browser token" => (
            Method::POST,
            "/core/tokens/browser".to_owned(),
            Some(json!({})),
        ),
        "read the usage dashboard" => (
            Method::GET,
            format!("/core/billing/{}/usage", who.org),
            None,
        ),
        "read the token usage" => (
            Method::GET,
            format!("/core/tokens/usage?org_id={}", who.org),
            None,
        ),
        "switch to the free plan" => (
            Method::POST,
            format!("/core/billing/{}/free-plan", who.org),
            None,
        ),
        "delete the org" => (
            Method::DELETE,
            base.clone(),
            Some(json!({ "confirm_name": who.org_name })),
        ),
        other => panic!("no request for {other}"),
    };
    server.call(method, &path, bearer, body).await
}

/// `None` when the answer is what the rules say; else what went wrong.
fn verdict(reply: &common::Reply, want: &Expect) -> Option<String> {
    let error = || {
        serde_json::from_str::<Value>(&reply.text)
            .ok()
            .and_then(|body| body["error"].as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    let fine = match want {
        Expect::Ok(status) => reply.status == *status,
        Expect::Unauthorized => reply.status == 401 && error().starts_with("Unauthorized"),
        Expect::Forbidden => reply.status == 403 && error().starts_with("Forbidden"),
        Expect::Insufficient(scope) => {
            reply.status == 403 && error() == format!("insufficient_scope: requires {scope}")
        }
        Expect::ConfinedTo(scope) => {
            let error = error();
            reply.status == 403
                && error.starts_with(&format!("insufficient_scope: requires {scope} ("))
                && error.contains("confined to project")
        }
    };
    (!fine).then(|| format!("expected {want:?}, got {}: {}", reply.status, reply.text))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_credential_gets_exactly_what_the_rules_allow() {
    let server = Arc::new(TestServer::start().await);
    let cast = Arc::new(Cast {
        owner: server.sign_up().await,
        member: server.sign_up().await,
        victim: server.sign_up().await,
    });
    let mut plan = vec![(Kind::Owner, vec!["*".to_owned()])];
    for held in scope_sets() {
        for kind in [
            Kind::Member,
            Kind::ProjectMember,
            Kind::OrgKey,
            Kind::ProjectKey,
            Kind::BrowserToken,
            Kind::ProjectBrowserToken,
        ] {
            plan.push((kind, held.clone()));
        }
    }
    let principals = plan.len();
    let mut failures = Vec::new();
    let mut cases = 0usize;
    for batch in plan.chunks(16) {
        let mut running = JoinSet::new();
        for (kind, held) in batch.iter().cloned() {
            let (server, cast) = (server.clone(), cast.clone());
            running.spawn(async move {
                let who = principal(&server, &cast, kind, held).await;
                let mut failures = Vec::new();
                let mut cases = 0;
                for rule in RULES {
                    if rule.targets_self && !kind.is_session() {
                        continue; // a key has no scopes of a member to change
                    }
                    let want = expected(kind, &who.scopes, rule);
                    let reply = request(&server, &who, rule).await;
                    cases += 1;
                    if let Some(wrong) = verdict(&reply, &want) {
                        failures.push(format!(
                            "{:?} {:?} / {}: {wrong}",
                            who.kind, who.scopes, rule.name
                        ));
                    }
                }
                (cases, failures)
            });
        }
        while let Some(done) = running.join_next().await {
            let (ran, failed) = done.expect("a principal's cases ran");
            cases += ran;
            failures.extend(failed);
        }
    }
    println!(
        "authorization table: {cases} cases ({principals} principals × {} rules), {} failed",
        RULES.len(),
        failures.len()
    );
    assert!(cases >= 5_000, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases broke the rules; the first 20:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_rules_table_says_what_the_issue_says() {
    let star = vec!["*".to_owned()];
    let writer = vec!["orgs:write".to_owned()];
    let find = |name: &str| RULES.iter().find(|r| r.name == name).expect(name);
    // orgs:write cannot escalate to *.
    assert_eq!(
        expected(Kind::Member, &writer, find("invite with *")),
        Expect::Insufficient("*".into())
    );
    assert_eq!(
        expected(
            Kind::OrgKey,
            &writer,
            find("re-scope a member to projects:read")
        ),
        Expect::Insufficient("projects:read".into())
    );
    // A project-bound key cannot re-scope members or rename the org.
    assert_eq!(
        expected(Kind::ProjectKey, &star, find("rename org")),
        Expect::ConfinedTo("orgs:write".into())
    );
    // A browser token cannot mint keys or tokens, or manage members.
    for name in [
        "create a key with projects:read",
        "mint a browser token",
        "remove a member",
    ] {
        assert_eq!(
            expected(Kind::BrowserToken, &star, find(name)),
            Expect::Forbidden
        );
    }
    // The owner may do everything but change its own scopes.
    assert_eq!(
        expected(Kind::Owner, &star, find("re-scope oneself")),
        Expect::Forbidden
    );
    assert_eq!(
        expected(Kind::Owner, &star, find("delete the org")),
        Expect::Ok(200)
    );
}
