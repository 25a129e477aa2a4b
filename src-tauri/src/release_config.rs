//! The release's configuration agrees with itself: one version everywhere, a bundle for
//! every OS's installers (and the release workflow building each), and the Linux desktop
//! entry and AppStream metadata wired into the packages and valid.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;
    use std::process::Command;

    use serde_json::Value;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn read(path: &str) -> String {
        std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn json(path: &str) -> Value {
        serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// `version = "…"` of `[workspace.package]` in the root Cargo.toml.
    fn cargo_version() -> String {
        let manifest = read("Cargo.toml");
        let section = manifest
            .split("[workspace.package]")
            .nth(1)
            .expect("a [workspace.package] section");
        section
            .lines()
            .find_map(|line| line.trim().strip_prefix("version = \""))
            .and_then(|rest| rest.strip_suffix('"'))
            .expect("a workspace version")
            .to_owned()
    }

    const METAINFO: &str = "src-tauri/packaging/linux/dev.saasignal.admin.metainfo.xml";
    const DESKTOP: &str = "src-tauri/packaging/linux/saasignal-admin.desktop";

    #[test]
    fn the_version_is_the_same_in_cargo_tauri_and_the_ui() {
        let version = cargo_version();
        let tauri = json("tauri.conf.json");
        assert_eq!(tauri["version"], version.as_str(), "tauri.conf.json");
        assert_eq!(
            json("ui/package.json")["version"],
            version.as_str(),
            "ui/package.json"
        );
        assert_eq!(
            json("ui/package-lock.json")["version"],
            version.as_str(),
            "ui/package-lock.json (run npm install in ui/)"
        );
        // The newest release the AppStream metadata lists is this one.
        let metainfo = read(METAINFO);
        let newest = metainfo
            .split("<release version=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next());
        assert_eq!(newest, Some(version.as_str()), "{METAINFO}");
    }

    #[test]
    fn every_installer_is_configured_and_the_release_workflow_builds_it() {
        let tauri = json("tauri.conf.json");
        let targets: BTreeSet<&str> = tauri["bundle"]["targets"]
            .as_array()
            .expect("bundle.targets is a list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let wanted = ["app", "appimage", "deb", "dmg", "msi", "nsis", "rpm"];
        assert_eq!(targets, BTreeSet::from(wanted));
        // Windows installers bring WebView2 when it is missing.
        assert_eq!(
            tauri["bundle"]["windows"]["webviewInstallMode"]["type"],
            "downloadBootstrapper"
        );
        let release = read(".github/workflows/release.yml");
        for bundles in [
            "bundles: app,dmg",
            "bundles: msi,nsis",
            "bundles: deb,rpm,appimage",
        ] {
            assert!(
                release.contains(bundles),
                "release.yml builds no `{bundles}`"
            );
        }
        for step in [
            "tauri-apps/tauri-action@v0",
            "releaseDraft: true",
            "persist-credentials: false",
        ] {
            assert!(release.contains(step), "release.yml lacks `{step}`");
        }
        // Secrets go to the steps that sign, never to the whole job (the dependency
        // install would see them).
        let before_steps = release.split("    steps:").next().unwrap_or_default();
        assert!(
            !before_steps.contains("secrets."),
            "release.yml hands secrets to every step"
        );
    }

    #[test]
    fn updates_are_signed_with_the_projects_key_and_only_the_main_window_may_ask() {
        use base64::Engine as _;

        let tauri = json("tauri.conf.json");
        let updater = &tauri["plugins"]["updater"];
        let pubkey = updater["pubkey"].as_str().expect("plugins.updater.pubkey");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(pubkey)
            .expect("the public key is base64, as `tauri signer generate` writes it");
        let text = String::from_utf8(decoded).expect("a minisign public key file");
        minisign::PublicKeyBox::from_string(&text)
            .and_then(|public| public.into_public_key())
            .expect("a minisign public key");
        let endpoints = updater["endpoints"].as_array().expect("endpoints");
        assert!(!endpoints.is_empty());
        for endpoint in endpoints {
            let url = endpoint.as_str().expect("a URL");
            assert!(
                url.starts_with("https://"),
                "{url}: updates come over https"
            );
        }
        assert_ne!(updater["dangerousInsecureTransportProtocol"], true);
        // Local builds have no private key: the release workflow turns the artifacts on.
        assert_eq!(tauri["bundle"]["createUpdaterArtifacts"], false);
        let release = read(".github/workflows/release.yml");
        assert!(release.contains("includeUpdaterJson: true"));
        assert!(release.contains("createUpdaterArtifacts"));
        // The private key reaches the signing step alone (as an env of that one step),
        // and a presence flag for the log.
        assert_eq!(
            release
                .matches("${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}")
                .count(),
            1
        );
        // The plugin's own JS API is granted to no window: the main window asks through
        // the app's commands, which only its capability grants.
        for entry in std::fs::read_dir(root().join("src-tauri/capabilities")).expect("capabilities")
        {
            let path = entry.expect("an entry").path();
            let capability = std::fs::read_to_string(&path).expect("a capability");
            assert!(
                !capability.contains("updater:"),
                "{} grants the updater plugin",
                path.display()
            );
            let parsed: Value = serde_json::from_str(&capability).expect("json");
            if capability.contains("allow-check-for-update") {
                assert_eq!(
                    parsed["windows"],
                    serde_json::json!(["main"]),
                    "{}",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn the_linux_packages_carry_the_desktop_entry_and_the_appstream_metadata() {
        let tauri = json("tauri.conf.json");
        let linux = &tauri["bundle"]["linux"];
        let installed = "/usr/share/metainfo/dev.saasignal.admin.metainfo.xml";
        for package in ["deb", "rpm"] {
            assert_eq!(linux[package]["desktopTemplate"], DESKTOP, "{package}");
            assert_eq!(linux[package]["files"][installed], METAINFO, "{package}");
        }
        assert_eq!(linux["appimage"]["files"][installed], METAINFO, "appimage");
        let desktop = read(DESKTOP);
        // The scheme the core reads is the one every bundle registers: the desktop entry
        // on Linux, `plugins.deep-link.desktop.schemes` (read by the bundler for the
        // macOS Info.plist and the Windows installers' registry keys) elsewhere.
        let scheme = saasignal_core::services::deep_links::SCHEME;
        assert_eq!(
            tauri["plugins"]["deep-link"]["desktop"]["schemes"],
            serde_json::json!([scheme])
        );
        // `%u` and the scheme handler: links saasignal-admin://… open the app.
        for key in [
            "Categories=",
            "Keywords=",
            "Exec={{exec}} %u",
            "Icon={{icon}}",
            "MimeType=x-scheme-handler/saasignal-admin;",
        ] {
            assert!(desktop.contains(key), "the desktop entry has no {key}");
        }
        // The metadata names the entry the packages install: Tauri names it after the
        // product (`SaaSignal Admin.desktop`).
        let entry = format!(
            "<launchable type=\"desktop-id\">{}.desktop</launchable>",
            tauri["productName"].as_str().expect("productName")
        );
        assert!(
            read(METAINFO).contains(&entry),
            "{METAINFO} launches another entry"
        );
    }

    /// The validators the Linux packagers use; `cargo xtask` installs them on Linux.
    #[test]
    #[cfg(target_os = "linux")]
    fn appstreamcli_and_desktop_file_validate_accept_the_metadata() {
        let status = Command::new("appstreamcli")
            .args(["validate", "--no-net"])
            .arg(root().join(METAINFO))
            .status()
            .expect("appstreamcli (Debian package appstream) runs");
        assert!(
            status.success(),
            "appstreamcli validate failed for {METAINFO}"
        );

        let filled = read(DESKTOP)
            .replace("{{name}}", "SaaSignal Admin")
            .replace("{{exec}}", "saasignal-admin")
            .replace("{{icon}}", "saasignal-admin");
        let dir = tempfile::tempdir().expect("a folder");
        let entry = dir.path().join("saasignal-admin.desktop");
        std::fs::write(&entry, filled).expect("the entry");
        let output = Command::new("desktop-file-validate")
            .arg(&entry)
            .output()
            .expect("desktop-file-validate (Debian package desktop-file-utils) runs");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success() && said.trim().is_empty(), "{said}");
    }
}
