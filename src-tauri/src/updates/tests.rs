//! The updater against manifests served from loopback, as the installed app meets them:
//! a release key made for the test stands in for the project's (an `http://127.0.0.1`
//! endpoint is accepted only by debug builds such as this one; release builds refuse
//! anything but https).

use std::io::Cursor;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};

use super::{PendingUpdate, UpdateCheck, UpdateError, check, download_verified, install};
use saasignal_model::ErrorCode;

/// What the mock app reports as its version (Tauri's mock context).
const CURRENT: &str = "0.1.0";
const ARTIFACT: &[u8] = b"\x7fELF the next SaaSignal Admin";

struct ReleaseKey(minisign::KeyPair);

impl ReleaseKey {
    fn new() -> Self {
        Self(minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair"))
    }

    /// As `plugins.updater.pubkey` holds it: the public key file, base64.
    fn public(&self) -> String {
        BASE64.encode(self.0.pk.to_box().expect("public key box").to_string())
    }

    /// As a manifest carries it: the `.sig` file, base64.
    fn sign(&self, bytes: &[u8]) -> String {
        let signature = minisign::sign(
            None,
            &self.0.sk,
            Cursor::new(bytes),
            Some("timestamp:1765000000\tfile:saasignal-admin.AppImage"),
            None,
        )
        .expect("a signature");
        BASE64.encode(signature.to_string())
    }
}

/// The update server: one manifest and one download, changed by the test as it goes.
#[derive(Clone, Default)]
struct Server {
    manifest: Arc<Mutex<String>>,
    download: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    fn start() -> (Self, String) {
        let server = Self::default();
        let router = Router::new()
            .route("/latest.json", get(manifest))
            .route("/saasignal-admin.AppImage", get(download))
            .with_state(server.clone());
        let address = tauri::async_runtime::block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a loopback port");
            let address = listener.local_addr().expect("its address");
            tauri::async_runtime::spawn(async move { axum::serve(listener, router).await });
            address
        });
        (server, format!("http://{address}"))
    }

    fn serve(&self, manifest: impl Into<String>, download: &[u8]) {
        *self.manifest.lock().expect("manifest") = manifest.into();
        *self.download.lock().expect("download") = download.to_vec();
    }
}

async fn manifest(State(server): State<Server>) -> (StatusCode, String) {
    let body = server.manifest.lock().expect("manifest").clone();
    (StatusCode::OK, body)
}

async fn download(State(server): State<Server>) -> Vec<u8> {
    server.download.lock().expect("download").clone()
}

fn release(base: &str, version: &str, signature: &str) -> String {
    json!({
        "version": version,
        "notes": "Key rotation from the palette.\nFaster launch.",
        "pub_date": "2026-12-01T09:30:00Z",
        "platforms": {
            "linux-x86_64": { "signature": signature, "url": format!("{base}/saasignal-admin.AppImage") },
            "darwin-aarch64": { "signature": signature, "url": format!("{base}/saasignal-admin.AppImage") },
            "darwin-x86_64": { "signature": signature, "url": format!("{base}/saasignal-admin.AppImage") },
            "windows-x86_64": { "signature": signature, "url": format!("{base}/saasignal-admin.AppImage") },
        }
    })
    .to_string()
}

/// The app as built, on the mock runtime: the updater plugin reads its endpoint and key
/// from the config, as it does from `tauri.conf.json`.
fn app_trusting(key: &ReleaseKey, endpoint: &str) -> tauri::App<MockRuntime> {
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        json!({ "pubkey": key.public(), "endpoints": [format!("{endpoint}/latest.json")] }),
    );
    mock_builder()
        .plugin(super::plugin())
        .manage(PendingUpdate::default())
        .build(context)
        .expect("the mock app")
}

fn checked(app: &tauri::App<MockRuntime>) -> Result<UpdateCheck, UpdateError> {
    tauri::async_runtime::block_on(check(app.handle()))
}

#[test]
fn a_higher_version_with_a_valid_signature_is_offered_with_its_notes_and_verifies() {
    let key = ReleaseKey::new();
    let (server, base) = Server::start();
    server.serve(release(&base, "0.2.0", &key.sign(ARTIFACT)), ARTIFACT);
    let app = app_trusting(&key, &base);

    let found = checked(&app).expect("a check");
    assert_eq!(
        found,
        UpdateCheck::Available {
            current: CURRENT.into(),
            version: "0.2.0".into(),
            notes: Some("Key rotation from the palette.\nFaster launch.".into()),
            published: Some("2026-12-01T09:30:00Z".into()),
        }
    );
    let update = app
        .state::<PendingUpdate>()
        .take()
        .expect("the offer waits for a yes");
    let bytes = tauri::async_runtime::block_on(download_verified(&update)).expect("verified");
    assert_eq!(bytes, ARTIFACT);
}

#[test]
fn a_tampered_download_is_refused_with_its_reason_and_never_installed() {
    let key = ReleaseKey::new();
    let (server, base) = Server::start();
    let mut tampered = ARTIFACT.to_vec();
    tampered.extend_from_slice(b" and something else");
    server.serve(release(&base, "0.2.0", &key.sign(ARTIFACT)), &tampered);
    let app = app_trusting(&key, &base);
    assert!(matches!(checked(&app), Ok(UpdateCheck::Available { .. })));

    let refused = tauri::async_runtime::block_on(install(app.handle())).expect_err("refused");
    assert!(
        matches!(refused, UpdateError::BadSignature { .. }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), ErrorCode::UpdateSignatureInvalid);
    let said = refused.to_string();
    assert!(
        said.contains("version 0.2.0 is not signed with SaaSignal Admin's release key")
            && said.contains("Nothing changed"),
        "{said}"
    );
    // The refused offer is gone: installing again needs a new check.
    let again = tauri::async_runtime::block_on(install(app.handle())).expect_err("nothing");
    assert_eq!(again.code(), ErrorCode::NoPendingUpdate);
}

#[test]
fn a_download_signed_by_another_key_is_refused() {
    let trusted = ReleaseKey::new();
    let stranger = ReleaseKey::new();
    let (server, base) = Server::start();
    server.serve(release(&base, "0.2.0", &stranger.sign(ARTIFACT)), ARTIFACT);
    let app = app_trusting(&trusted, &base);
    assert!(matches!(checked(&app), Ok(UpdateCheck::Available { .. })));

    let refused = tauri::async_runtime::block_on(install(app.handle())).expect_err("refused");
    assert_eq!(
        refused.code(),
        ErrorCode::UpdateSignatureInvalid,
        "{refused}"
    );
}

#[test]
fn a_lower_or_equal_version_is_not_offered() {
    let key = ReleaseKey::new();
    let (server, base) = Server::start();
    let app = app_trusting(&key, &base);
    for version in ["0.0.9", CURRENT, "0.1.0-beta.1"] {
        server.serve(release(&base, version, &key.sign(ARTIFACT)), ARTIFACT);
        assert_eq!(
            checked(&app).expect("a check"),
            UpdateCheck::UpToDate {
                current: CURRENT.into()
            },
            "{version}"
        );
        assert!(app.state::<PendingUpdate>().take().is_none(), "{version}");
    }
}

#[test]
fn a_malformed_manifest_is_named_and_the_next_check_still_works() {
    let key = ReleaseKey::new();
    let (server, base) = Server::start();
    let app = app_trusting(&key, &base);
    let no_platform_for_this_system = json!({
        "version": "0.2.0",
        "platforms": { "plan9-mips": { "signature": "x", "url": format!("{base}/x") } }
    });
    for manifest in [
        "<html>502 Bad Gateway</html>".to_owned(),
        "{\"version\": \"0.2.0\"".to_owned(),
        json!({ "version": "not a version", "platforms": {} }).to_string(),
        json!({ "notes": "no version" }).to_string(),
        no_platform_for_this_system.to_string(),
        Value::Null.to_string(),
    ] {
        server.serve(manifest.clone(), ARTIFACT);
        let error = checked(&app).expect_err(&manifest);
        assert_eq!(
            error.code(),
            ErrorCode::UpdateCheckFailed,
            "{manifest}: {error}"
        );
        assert!(
            error.to_string().contains("could not be read"),
            "{manifest}: {error}"
        );
    }
    server.serve(release(&base, "0.2.0", &key.sign(ARTIFACT)), ARTIFACT);
    assert!(matches!(checked(&app), Ok(UpdateCheck::Available { .. })));
}

#[test]
fn no_server_reads_as_offline_with_what_to_do() {
    let key = ReleaseKey::new();
    // A port that was free a moment ago: nothing answers there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a port");
    let app = app_trusting(&key, &format!("http://{closed}"));

    let error = checked(&app).expect_err("offline");
    assert_eq!(error.code(), ErrorCode::Offline);
    assert!(
        error.to_string().contains("Check your connection"),
        "{error}"
    );
}
