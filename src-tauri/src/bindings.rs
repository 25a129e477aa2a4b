//! The TypeScript types the UI uses for IPC are generated from the Rust types (ts-rs) and
//! committed in `ui/src/lib/bindings/`. The test below fails when they drift; regenerate
//! with `UPDATE_BINDINGS=1 cargo test -p saasignal-admin bindings`.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use ts_rs::TS;

    use crate::commands::{accounts, app_info, catalog, error, reads, tokens, writes};

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
            error::CommandError,
            catalog::Catalog,
            accounts::KeychainStatus,
            reads::ReadFrom,
            writes::OrgInput,
            writes::OrgChanges,
            writes::InviteInput,
            writes::ProjectInput,
            writes::InviteOutcome,
            tokens::TokenInput,
            tokens::RevealedSecret,
            tokens::CopiedSecret,
            tokens::BrowserTokenInput,
            tokens::MintedBrowserToken,
            saasignal_core::accounts::AccountsFile,
            saasignal_core::Loaded<Vec<saasignal_model::Org>>,
            saasignal_core::Loaded<Vec<saasignal_model::Member>>,
            saasignal_core::Loaded<Vec<saasignal_model::Project>>,
            saasignal_core::Loaded<Vec<saasignal_model::Token>>,
            saasignal_core::Loaded<Option<Vec<String>>>,
            saasignal_core::CreatedTokenHandle,
            saasignal_core::RefreshReport,
            saasignal_core::events::CoreEvent,
            saasignal_core::notices::Notice,
            saasignal_core::settings::Preferences,
        );
    }

    fn typescript_files(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .expect("read bindings dir")
            .map(|entry| entry.expect("dir entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
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
    fn committed_typescript_bindings_match_the_rust_types() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
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
            "ui/src/lib/bindings is out of date: run UPDATE_BINDINGS=1 cargo test -p saasignal-admin bindings"
        );
    }
}
