use saasignal_client::{ApiError, NewProject};

use crate::common::TestSandbox;

#[tokio::test]
async fn list_create_get_delete() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let client = &sandbox.client;
    let before = client.list_projects(&owner, &org.id).await.expect("listed");
    assert_eq!(before.len(), 3);
    assert!(before.iter().all(|p| *p.org_id == *org.id));

    let new = NewProject {
        name: "Billing".into(),
        description: Some("Invoices".into()),
        region: Some("weur".into()),
    };
    let created = client
        .create_project(&owner, &org.id, &new)
        .await
        .expect("created");
    assert!(created.id.starts_with("proj_"));
    assert_eq!(created.region, "weur");
    assert_eq!(created.description, "Invoices");
    assert_eq!(
        client
            .get_project(&owner, &org.id, &created.id)
            .await
            .expect("got"),
        created
    );

    let plain = NewProject {
        name: "Defaults".into(),
        ..NewProject::default()
    };
    let defaulted = client
        .create_project(&owner, &org.id, &plain)
        .await
        .expect("created");
    assert_eq!(defaulted.region, "enam");

    client
        .delete_project(&owner, &org.id, &created.id)
        .await
        .expect("deleted");
    let error = client
        .get_project(&owner, &org.id, &created.id)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ApiError::NotFound {
            resource: "Project".into()
        }
    );
    assert_eq!(
        client
            .list_projects(&owner, &org.id)
            .await
            .expect("listed")
            .len(),
        4
    );
}

#[tokio::test]
async fn reader_cannot_create_projects() {
    let sandbox = TestSandbox::start().await;
    let reader = sandbox.reader().await;
    let org = sandbox.demo_org(&reader).await;
    let new = NewProject {
        name: "Nope".into(),
        ..NewProject::default()
    };
    let error = sandbox
        .client
        .create_project(&reader, &org.id, &new)
        .await
        .unwrap_err();
    assert_eq!(error.missing_scope(), Some("projects:write"));
}
