//! The generated access-control files: one permission per command and the main window's
//! capability granting them, both made from the command list in `commands/mod.rs`.
//! The test fails when the committed files differ from what the list makes; run it
//! with `UPDATE_GENERATED=1` to rewrite them.

use std::path::Path;

use super::COMMANDS;

const PERMISSIONS: &str = "src-tauri/permissions/app-commands.toml";
const CAPABILITY: &str = "src-tauri/capabilities/main-window.json";

/// What the window may call besides the app's commands: listening to `core-event`, and
/// naming itself after the open account and org.
const PLUGIN_PERMISSIONS: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:window:allow-set-title",
];

fn permission_id(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

fn permissions_toml() -> String {
    let mut text = String::from(
        "# Generated from the command list in src-tauri/src/commands/mod.rs; do not edit.\n\
         # One permission per app command: a capability must name each command the UI may call.\n",
    );
    for (command, description) in COMMANDS {
        text.push_str(&format!(
            "\n[[permission]]\nidentifier = \"{}\"\ndescription = {description:?}\ncommands.allow = [\"{command}\"]\n",
            permission_id(command)
        ));
    }
    text
}

fn capability_json() -> String {
    let permissions: Vec<String> = PLUGIN_PERMISSIONS
        .iter()
        .map(|id| (*id).to_owned())
        .chain(COMMANDS.iter().map(|(command, _)| permission_id(command)))
        .collect();
    let capability = serde_json::json!({
        "$schema": "../../gen/schemas/desktop-schema.json",
        "identifier": "main-window",
        "description": "What the main window's UI may call: the app's own commands and nothing of the filesystem, shell or network. Generated from src-tauri/src/commands/mod.rs.",
        "windows": ["main"],
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&capability).unwrap_or_default();
    text.push('\n');
    text
}

#[test]
fn generated_permissions_and_capability_match_the_command_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        (PERMISSIONS, permissions_toml()),
        (CAPABILITY, capability_json()),
    ];
    for (relative, expected) in files {
        let path = root.join(relative);
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::write(&path, &expected).expect("write generated file");
            continue;
        }
        let committed = std::fs::read_to_string(&path).expect("read generated file");
        assert_eq!(
            committed, expected,
            "{relative} is out of date: run UPDATE_GENERATED=1 cargo test -p saasignal-admin generated"
        );
    }
}
