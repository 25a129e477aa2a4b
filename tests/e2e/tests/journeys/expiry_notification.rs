//! The daily expiry notification through a real session bus: the app sends it, from the
//! cache, for the demo org's keys about to expire (one made to expire tomorrow), naming
//! the org and the count, with a default action; clicking it (in a stand-in notification
//! server) brings up the Tokens tab with the Health panel filtered to those keys.

use std::time::Duration;

use anyhow::{Result, ensure};
use chrono::Utc;
use saasignal_client::NewToken;
use saasignal_e2e::harness::notifications::NotificationServer;
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;

use saasignal_e2e::steps::{self, ServerView};

/// The app looks 15 s after it starts (the sign-in and the keys' first read come before).
const NOTIFIED_WITHIN: Duration = Duration::from_secs(60);

saasignal_e2e::journey! { an_expiry_notification_opens_the_keys_it_is_about: "expiry_notification" => expiry_notification }

async fn expiry_notification(j: &mut Journey) -> Result<()> {
    let notifications = NotificationServer::start().await?;
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let tomorrow = (Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%dT%H:%M:%SZ");
    let key = NewToken {
        name: "Expires tomorrow".into(),
        scopes: vec!["kv:read".into()],
        project_id: None,
        expires_at: Some(tomorrow.to_string()),
    };
    view.client.create_token(&view.token, &acme, &key).await?;

    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    // The alert reads the cache: the keys are cached once their tab has shown them.
    app.click("tab-tokens").await?;
    app.wait_for("token-row").await?;
    app.click("tab-members").await?;

    let sent = wait::until("the expiry notification", NOTIFIED_WITHIN, || async {
        let sent = notifications.sent();
        Ok(
            match sent
                .iter()
                .find(|n| n.summary.starts_with("API keys need renewing"))
            {
                Some(found) => Check::Done(found.clone()),
                None => Check::Waiting(format!("{} other notifications", sent.len())),
            },
        )
    })
    .await?;
    ensure!(
        sent.app_name == "SaaSignal Admin",
        "sent as {:?}",
        sent.app_name
    );
    ensure!(
        sent.summary == "API keys need renewing (Owner)",
        "{:?}",
        sent.summary
    );
    ensure!(
        sent.body.starts_with("Acme Corp: ") && sent.body.contains("expiring within 7 days"),
        "the body says {:?}",
        sent.body
    );
    ensure!(
        sent.actions.first().map(String::as_str) == Some("default"),
        "no default action: {:?}",
        sent.actions
    );

    notifications.click(sent.id).await?;
    app.wait_for("key-health").await?;
    app.wait_for("key-health-clear").await?;
    let concern = if sent.body.contains("expired but not revoked") {
        "expired_unrevoked"
    } else {
        "expiring_soon"
    };
    app.wait_attr(
        By::testid(&format!("key-health-{concern}")),
        "aria-pressed",
        "true",
    )
    .await?;
    app.step("opened-from-notification").await?;

    // Once a day: later looks find it shown today; within this journey no second one arrives.
    ensure!(
        notifications
            .sent()
            .iter()
            .filter(|n| n.summary == sent.summary)
            .count()
            == 1,
        "the alert was sent more than once"
    );
    Ok(())
}
