//! The TypeScript types the UI uses for IPC are generated from the Rust types (ts-rs) and
//! committed in `ui/src/lib/bindings/`. The test below fails when they drift; regenerate
//! with `UPDATE_BINDINGS=1 cargo test -p saasignal-admin bindings`.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use ts_rs::TS;

    use crate::commands::app_info::AppInfo;
    use crate::commands::error::CommandError;

    /// Every type that crosses IPC; the types they use are exported with them.
    fn export_all(dir: &Path) {
        let config = ts_rs::Config::new().with_out_dir(dir);
        AppInfo::export_all(&config).expect("export AppInfo");
        CommandError::export_all(&config).expect("export CommandError");
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
