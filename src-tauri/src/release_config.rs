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
