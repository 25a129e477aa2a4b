// App commands are checked against the capabilities like plugin commands: each one needs
// a permission (src-tauri/permissions/) granted to the window (src-tauri/capabilities/).
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new()
                .permissions_path_pattern("./src-tauri/permissions/**/*"),
        );
    tauri_build::try_build(attributes).expect("tauri-build failed: see the error above");
}
