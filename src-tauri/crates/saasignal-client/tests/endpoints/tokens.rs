use saasignal_client::{ApiError, NewProject, NewToken};

use crate::common::{TestSandbox, scopes};

#[tokio::test]
async fn create_use_and_revoke_an_api_key() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let client = &sandbox.client;
    let listed = client
        .list_tokens(&owner, &org.id, None)
        .await
        .expect("listed");
    assert_eq!(listed.len(), 4);
    assert_eq!(listed.iter().filter(|t| t.revoked).count(), 1);

    let new = NewToken {
        name: "Deploy bot".into(),
        scopes: scopes(&["projects:read", "tokens:read"]),
        project_id: None,
        expires_at: Some("2099-12-31T23:59:59Z".into()),
    };
    let created = client
        .create_token(&owner, &org.id, &new)
        .await
        .expect("created");
    assert!(created.secret.starts_with("sk_live_"));
    assert!(created.item.id.starts_with("tok_"));
    assert_eq!(created.item.scopes, new.scopes);
    assert!(created.item.expires_at.is_some());
    assert!(
        created.item.hint.ends_with(&created.secret.hint()),
        "{}",
        created.item.hint
    );

    // The key works as a credential, within its scopes.
    let projects = client
        .list_projects(&created.secret, &org.id)
        .await
        .expect("as key");
    assert_eq!(projects.len(), 3);
    let error = client
        .create_project(
            &created.secret,
            &org.id,
            &NewProject {
                name: "x".into(),
                ..NewProject::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(error.missing_scope(), Some("projects:write"));

    client
        .revoke_token(&owner, &org.id, &created.item.id)
        .await
        .expect("revoked");
    let after = client
        .list_tokens(&owner, &org.id, None)
        .await
        .expect("listed");
    let revoked = after
        .iter()
        .find(|t| t.id == created.item.id)
        .expect("still listed");
    assert!(revoked.revoked);
    let error = client
        .list_projects(&created.secret, &org.id)
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::Unauthorized);
}

#[tokio::test]
async fn list_by_project_and_unknown_project() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let projects = sandbox
        .client
        .list_projects(&owner, &org.id)
        .await
        .expect("projects");
    let storefront = projects
        .iter()
        .find(|p| p.name == "Storefront")
        .expect("demo project");
    let tokens = sandbox
        .client
        .list_tokens(&owner, &org.id, Some(&storefront.id))
        .await
        .expect("listed");
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        tokens[0].project_id.as_deref(),
        Some(storefront.id.as_str())
    );
    let error = sandbox
        .client
        .list_tokens(&owner, &org.id, Some("proj_nope"))
        .await
        .unwrap_err();
    assert_eq!(error.code().as_str(), "not_found");
}

#[tokio::test]
async fn scopes_beyond_the_callers_are_forbidden() {
    let sandbox = TestSandbox::start().await;
    let maintainer = sandbox.maintainer().await;
    let org = sandbox.demo_org(&maintainer).await;
    let greedy = NewToken {
        name: "Greedy".into(),
        scopes: scopes(&["projects:read", "orgs:write"]),
        ..NewToken::default()
    };
    let error = sandbox
        .client
        .create_token(&maintainer, &org.id, &greedy)
        .await
        .unwrap_err();
    assert_eq!(error.missing_scope(), Some("orgs:write"));

    let reader = sandbox.reader().await;
    let modest = NewToken {
        name: "Modest".into(),
        scopes: scopes(&["projects:read"]),
        ..NewToken::default()
    };
    let error = sandbox
        .client
        .create_token(&reader, &org.id, &modest)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "You need the tokens:write scope to do this."
    );
}
