//! Updates through the real window: the check 5 s after start finds a higher version on
//! a loopback update server (a debug build may be pointed at one, with a key made here),
//! the status bar offers it, its dialog shows the release notes, and the download, whose
//! bytes are not the ones signed, is refused with what happened; nothing is installed.

use std::io::Cursor;

use anyhow::{Context, Result, ensure};
use axum::Router;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use saasignal_e2e::Journey;
use serde_json::json;

use saasignal_e2e::steps;

saasignal_e2e::journey! { a_higher_version_is_offered_and_a_tampered_download_refused: "updates" => updates }

const NOTES: &str = "Key rotation from the palette.\nFaster launch with 10,000 projects.";

async fn updates(j: &mut Journey) -> Result<()> {
    let key = minisign::KeyPair::generate_unencrypted_keypair().context("a test key")?;
    let signed_for = b"the genuine 9.9.9 package";
    let signature = minisign::sign(
        None,
        &key.sk,
        Cursor::new(signed_for),
        Some("timestamp:1765000000\tfile:saasignal-admin.AppImage"),
        None,
    )
    .context("signing")?;
    let server = UpdateServer::start(BASE64.encode(signature.to_string())).await?;
    let public = BASE64.encode(key.pk.to_box().context("public key")?.to_string());

    let dirs = j.new_launch_dirs().await?;
    let app = j
        .launch_in(
            dirs,
            &[
                (
                    "SAASIGNAL_TEST_UPDATE_ENDPOINT",
                    server.manifest_url().into(),
                ),
                ("SAASIGNAL_TEST_UPDATE_PUBKEY", public.into()),
            ],
        )
        .await?;
    steps::explore_sandbox(app).await?;
    app.wait_text_contains("update-offered", "Version 9.9.9 available")
        .await?;
    app.click("update-offered").await?;
    let offer = app.text("update-offer").await?;
    ensure!(
        offer.contains("Version 9.9.9 is available; you have"),
        "the offer reads {offer:?}"
    );
    let notes = app.text("update-notes").await?;
    ensure!(notes == NOTES, "the notes read {notes:?}");
    app.step("update-offer").await?;

    app.click("update-install").await?;
    app.wait_text_contains(
        "update-error",
        "is not signed with SaaSignal Admin's release key",
    )
    .await?;
    ensure!(
        app.visible("update-restart").await?.is_none(),
        "a refused update offers a restart"
    );
    app.step("update-refused").await
}

/// The update server: the manifest of 9.9.9 and a download that is not what was signed.
struct UpdateServer {
    address: std::net::SocketAddr,
}

impl UpdateServer {
    async fn start(signature: String) -> Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let download = format!("http://{address}/saasignal-admin.AppImage");
        let manifest = json!({
            "version": "9.9.9",
            "notes": NOTES,
            "pub_date": "2026-12-01T09:30:00Z",
            "platforms": { "linux-x86_64": { "signature": signature, "url": download } }
        })
        .to_string();
        let router = Router::new()
            .route("/latest.json", get(move || async move { manifest }))
            .route(
                "/saasignal-admin.AppImage",
                get(|| async { b"a tampered package".to_vec() }),
            );
        tokio::spawn(async move { axum::serve(listener, router).await });
        Ok(Self { address })
    }

    fn manifest_url(&self) -> String {
        format!("http://{}/latest.json", self.address)
    }
}
