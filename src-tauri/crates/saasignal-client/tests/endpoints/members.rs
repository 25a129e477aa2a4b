use saasignal_client::{ApiError, ForbiddenReason, InviteStatus, NewInvite};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_OWNER, DEMO_READER};
use saasignal_secret::Secret;

use crate::common::{TestSandbox, scopes};

fn owner_protected() -> ApiError {
    ApiError::Forbidden {
        reason: ForbiddenReason::OwnerProtected,
    }
}

#[tokio::test]
async fn list_members_and_my_scopes() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let members = sandbox
        .client
        .list_members(&owner, &org.id)
        .await
        .expect("members");
    let emails: Vec<&str> = members.iter().map(|m| m.email.as_str()).collect();
    for email in [DEMO_OWNER.email, DEMO_READER.email, DEMO_MAINTAINER.email] {
        assert!(emails.contains(&email), "{emails:?}");
    }
    assert!(members.iter().all(|m| m.joined_at.is_some()));
    assert_eq!(
        sandbox
            .client
            .my_scopes(&owner, &org.id)
            .await
            .expect("mine"),
        ["*"]
    );
    let reader = sandbox.reader().await;
    let read_scopes = sandbox
        .client
        .my_scopes(&reader, &org.id)
        .await
        .expect("mine");
    assert!(
        read_scopes.contains(&"orgs:read".to_owned()),
        "{read_scopes:?}"
    );
}

#[tokio::test]
async fn invite_pending_joined_and_conflict() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let invite = |email: &str| NewInvite {
        email: email.to_owned(),
        scopes: scopes(&["kv:read"]),
        project_id: None,
    };
    let pending = sandbox
        .client
        .invite_member(&owner, &org.id, &invite("nobody.yet@example.com"))
        .await
        .expect("invited");
    assert_eq!(pending, InviteStatus::Pending);

    sandbox
        .client
        .sign_up_email(
            "Existing",
            "existing@example.com",
            &Secret::new("long-enough-pw"),
        )
        .await
        .expect("signed up");
    let joined = sandbox
        .client
        .invite_member(&owner, &org.id, &invite("existing@example.com"))
        .await
        .expect("invited");
    assert_eq!(joined, InviteStatus::Joined);

    let again = sandbox
        .client
        .invite_member(&owner, &org.id, &invite("existing@example.com"))
        .await
        .unwrap_err();
    assert_eq!(again.code().as_str(), "conflict");
    assert_eq!(again.field(), Some("email"));
}

#[tokio::test]
async fn rescope_and_remove_members_but_not_the_owner() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let members = sandbox
        .client
        .list_members(&owner, &org.id)
        .await
        .expect("members");
    let find = |email: &str| {
        members
            .iter()
            .find(|m| m.email == email)
            .map(|m| m.user_id.clone())
            .expect("member")
    };
    let (owner_id, reader_id, maintainer_id) = (
        find(DEMO_OWNER.email),
        find(DEMO_READER.email),
        find(DEMO_MAINTAINER.email),
    );

    let new_scopes = scopes(&["orgs:read", "kv:*"]);
    let updated = sandbox
        .client
        .update_member_scopes(&owner, &org.id, &reader_id, &new_scopes)
        .await
        .expect("rescoped");
    if let Some(member) = updated {
        assert_eq!(member.scopes, new_scopes);
    }
    let error = sandbox
        .client
        .update_member_scopes(&owner, &org.id, &owner_id, &new_scopes)
        .await
        .unwrap_err();
    assert_eq!(error, owner_protected());

    sandbox
        .client
        .remove_member(&owner, &org.id, &maintainer_id)
        .await
        .expect("removed");
    let left = sandbox
        .client
        .list_members(&owner, &org.id)
        .await
        .expect("members");
    assert!(left.iter().all(|m| m.user_id != maintainer_id));
    let error = sandbox
        .client
        .remove_member(&owner, &org.id, &owner_id)
        .await
        .unwrap_err();
    assert_eq!(error, owner_protected());
    let error = sandbox
        .client
        .remove_member(&owner, &org.id, &maintainer_id)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ApiError::NotFound {
            resource: "Member".into()
        }
    );
}
