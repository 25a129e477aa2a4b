use saasignal_client::{ApiError, NewOrg, OrgPatch};
use saasignal_sandbox::seed::DEMO_ORG_NAME;

use crate::common::TestSandbox;

#[tokio::test]
async fn create_get_update_delete() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let client = &sandbox.client;
    let created = client
        .create_org(
            &owner,
            &NewOrg {
                name: "Globex".into(),
                slug: Some("globex".into()),
            },
        )
        .await
        .expect("created");
    assert_eq!(created.slug, "globex");
    assert!(created.id.starts_with("org_"));
    assert!(created.created_at.is_some());

    let listed = client.list_orgs(&owner).await.expect("listed");
    assert!(listed.iter().any(|org| org.id == created.id));
    assert!(listed.iter().any(|org| org.name == DEMO_ORG_NAME));
    assert_eq!(
        client.get_org(&owner, &created.id).await.expect("got"),
        created
    );

    let patch = OrgPatch {
        name: Some("Globex Corporation".into()),
        slug: None,
    };
    let renamed = client
        .update_org(&owner, &created.id, &patch)
        .await
        .expect("renamed");
    assert_eq!(renamed.name, "Globex Corporation");
    assert_eq!(renamed.slug, "globex");

    client
        .delete_org(
            &owner,
            &created.id,
            "Globex Corporation",
            Some(&renamed.name),
        )
        .await
        .expect("deleted");
    let gone = client.get_org(&owner, &created.id).await.unwrap_err();
    assert_eq!(
        gone,
        ApiError::NotFound {
            resource: "Organization".into()
        }
    );
}

#[tokio::test]
async fn generated_slug_when_none_given() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = NewOrg {
        name: "Initech Labs".into(),
        slug: None,
    };
    let created = sandbox
        .client
        .create_org(&owner, &org)
        .await
        .expect("created");
    assert_eq!(created.slug, "initech-labs");
}

#[tokio::test]
async fn taken_slug_is_a_conflict_on_slug() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let demo = sandbox.demo_org(&owner).await;
    let taken = NewOrg {
        name: "Copycat".into(),
        slug: Some(demo.slug.clone()),
    };
    let error = sandbox.client.create_org(&owner, &taken).await.unwrap_err();
    assert_eq!(error.code().as_str(), "conflict");
    assert_eq!(error.field(), Some("slug"));

    let other = sandbox
        .client
        .create_org(
            &owner,
            &NewOrg {
                name: "Other".into(),
                slug: Some("other".into()),
            },
        )
        .await
        .expect("created");
    let patch = OrgPatch {
        name: None,
        slug: Some(demo.slug),
    };
    let error = sandbox
        .client
        .update_org(&owner, &other.id, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("slug"));
}

#[tokio::test]
async fn missing_scope_is_named() {
    let sandbox = TestSandbox::start().await;
    let reader = sandbox.reader().await;
    let org = sandbox.demo_org(&reader).await;
    let patch = OrgPatch {
        name: Some("Hijacked".into()),
        slug: None,
    };
    let error = sandbox
        .client
        .update_org(&reader, &org.id, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.code().as_str(), "forbidden");
    assert_eq!(error.missing_scope(), Some("orgs:write"));
    assert_eq!(
        error.to_string(),
        "You need the orgs:write scope to do this."
    );

    let maintainer = sandbox.maintainer().await;
    let error = sandbox
        .client
        .delete_org(&maintainer, &org.id, &org.name, Some(&org.name))
        .await
        .unwrap_err();
    assert_eq!(error.missing_scope(), Some("*"));
}

#[tokio::test]
async fn server_checks_confirm_name_when_the_client_cannot() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let error = sandbox
        .client
        .delete_org(&owner, &org.id, "acme corp", None)
        .await
        .unwrap_err();
    assert_eq!(error.code().as_str(), "validation");
    assert_eq!(error.field(), Some("confirm_name"));
    assert!(sandbox.client.get_org(&owner, &org.id).await.is_ok());
}

#[tokio::test]
async fn unknown_org_is_not_found() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let error = sandbox
        .client
        .get_org(&owner, "org_nope")
        .await
        .unwrap_err();
    assert_eq!(error.code().as_str(), "not_found");
    assert!(
        error.to_string().starts_with("Organization not found."),
        "{error}"
    );
}
