//! The TypeScript types the UI uses for IPC are generated from the Rust types (ts-rs) and
//! committed in `ui/src/lib/bindings/`. The test below fails when they drift; regenerate
//! with `UPDATE_GENERATED=1 cargo test -p saasignal-admin generated`.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use ts_rs::TS;

    use saasignal_core::copy_once::RevealHandle;
    use saasignal_model::Minted;

    use crate::commands::{app_info, catalog, tokens};

    /// Every type that crosses IPC; the types they use are exported with them.
    fn export_all(dir: &Path) {
        let config = ts_rs::Config::new().with_out_dir(dir);
        macro_rules! export {
            ($($ty:ty),* $(,)?) => {
                $(<$ty as TS>::export_all(&config).expect(stringify!($ty));)*
            };
        }
        export!(
            app_info::AppInfo,
            saasignal_core::ErrorReport,
            catalog::Catalog,
            crate::state::KeychainStatus,
            saasignal_core::ReadMode,
            saasignal_core::NewOrg,
            saasignal_core::OrgPatch,
            saasignal_core::NewInvite,
            saasignal_core::InviteStatus,
            saasignal_core::NewProject,
            saasignal_core::NewToken,
            saasignal_core::BrowserTokenRequest,
            tokens::RevealedSecret,
            saasignal_core::clipboard::CopyReceipt,
            Minted<saasignal_model::Token, RevealHandle>,
            Minted<saasignal_model::BrowserTokenInfo, RevealHandle>,
            saasignal_core::accounts::AccountsFile,
            saasignal_core::Loaded<Vec<saasignal_model::Org>>,
            saasignal_core::Loaded<Vec<saasignal_model::Member>>,
            saasignal_core::Loaded<saasignal_model::Page<saasignal_model::Member>>,
            saasignal_core::Loaded<Vec<saasignal_model::Project>>,
            saasignal_model::RowWindow,
            saasignal_core::Loaded<saasignal_model::Page<saasignal_model::Project>>,
            saasignal_core::Loaded<Vec<saasignal_model::Token>>,
            saasignal_model::TokenFilter,
            saasignal_model::KeyHealth,
            saasignal_model::KeyRoll,
            saasignal_core::services::bulk_revoke::KeyRef,
            saasignal_core::services::bulk_revoke::RevokeOutcome,
            saasignal_core::services::export::ExportRequest,
            saasignal_core::services::export::ExportReceipt,
            saasignal_model::SentInvite,
            saasignal_model::ActivityFilter,
            saasignal_model::Page<saasignal_model::ActivityEntry>,
            saasignal_core::Loaded<saasignal_model::Page<saasignal_model::Token>>,
            saasignal_core::Loaded<Option<Vec<String>>>,
            saasignal_core::Loaded<Option<saasignal_model::BillingOverview>>,
            saasignal_model::Subscription,
            saasignal_model::UsageLevel,
            saasignal_core::RefreshReport,
            saasignal_core::events::CoreEvent,
            saasignal_core::notices::Notice,
            saasignal_core::settings::Preferences,
            crate::updates::UpdateCheck,
        );
        write_error_codes(dir);
        write_catalog(dir);
    }

    /// `catalog.json`: what `contract_catalog` answers, for the UI's tests to use as is.
    fn write_catalog(dir: &Path) {
        let mut text = serde_json::to_string_pretty(&catalog::catalog()).expect("catalog json");
        text.push('\n');
        std::fs::write(dir.join("catalog.json"), text).expect("write catalog.json");
    }

    /// `ErrorCodes.ts`: each code as a constant, so the UI names codes without writing
    /// their strings (ts-rs gives the union type, not values).
    fn write_error_codes(dir: &Path) {
        let mut text = String::from(
            "// Generated from saasignal_model::ErrorCode by src-tauri/src/bindings.rs. Do not edit.\n\
             import type { ErrorCode } from \"./ErrorCode\";\n\n\
             export const ErrorCodes = {\n",
        );
        for code in saasignal_model::ErrorCode::ALL {
            text.push_str(&format!("  {0}: \"{0}\",\n", code.as_str()));
        }
        text.push_str("} as const satisfies Record<string, ErrorCode>;\n");
        std::fs::write(dir.join("ErrorCodes.ts"), text).expect("write ErrorCodes.ts");
    }

    fn typescript_files(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .expect("read bindings dir")
            .map(|entry| entry.expect("dir entry").path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "ts" || ext == "json")
            })
            .map(|path| {
                let name = path
                    .file_name()
                    .expect("file name")
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read_to_string(&path).expect("read binding"))
            })
            .collect()
    }

    #[test]
    fn generated_typescript_bindings_match_the_rust_types() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::create_dir_all(&committed).expect("create bindings dir");
            for stale in typescript_files(&committed).keys() {
                std::fs::remove_file(committed.join(stale)).expect("remove stale binding");
            }
            export_all(&committed);
            return;
        }
        let fresh = tempfile::tempdir().expect("temp dir");
        export_all(fresh.path());
        assert_eq!(
            typescript_files(&committed),
            typescript_files(fresh.path()),
            "ui/src/lib/bindings is out of date: run UPDATE_GENERATED=1 cargo test -p saasignal-admin generated"
        );
    }
}
