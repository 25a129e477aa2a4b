//! IPC commands: thin calls into `saasignal-core`, one per user action, grouped by
//! what they act on. Every command must be listed in [`COMMANDS`], have an `allow-…`
//! permission in `src-tauri/permissions/` and be granted in the main window's
//! capability; a test checks the three agree.

pub mod accounts;
pub mod app_info;
pub mod catalog;
pub mod error;
#[cfg(test)]
mod ipc_tests;
pub mod notices;
pub mod preferences;
pub mod reads;
pub mod tokens;
pub mod writes;

/// Every command the UI may call (read by the tests that keep the ACL in step).
#[cfg_attr(not(test), allow(dead_code))]
pub const COMMANDS: &[&str] = &[
    "app_info",
    "contract_catalog",
    "keychain_status",
    "recheck_keychain",
    "list_accounts",
    "sign_in",
    "add_api_key",
    "explore_sandbox",
    "sign_in_again",
    "sign_out",
    "remove_account",
    "switch_account",
    "rename_account",
    "remember_org",
    "refresh_account",
    "list_orgs",
    "list_members",
    "my_scopes",
    "list_projects",
    "get_project",
    "list_tokens",
    "create_org",
    "update_org",
    "delete_org",
    "invite_member",
    "update_member_scopes",
    "remove_member",
    "create_project",
    "delete_project",
    "create_token",
    "reveal_token_secret",
    "copy_token_secret",
    "discard_token_secret",
    "revoke_token",
    "mint_browser_token",
    "list_notices",
    "dismiss_notice",
    "retry_storage",
    "revoke_unshown_key",
    "get_preferences",
    "set_preferences",
];

/// The invoke handler for every command above.
#[macro_export]
macro_rules! all_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::app_info::app_info,
            $crate::commands::catalog::contract_catalog,
            $crate::commands::accounts::keychain_status,
            $crate::commands::accounts::recheck_keychain,
            $crate::commands::accounts::list_accounts,
            $crate::commands::accounts::sign_in,
            $crate::commands::accounts::add_api_key,
            $crate::commands::accounts::explore_sandbox,
            $crate::commands::accounts::sign_in_again,
            $crate::commands::accounts::sign_out,
            $crate::commands::accounts::remove_account,
            $crate::commands::accounts::switch_account,
            $crate::commands::accounts::rename_account,
            $crate::commands::accounts::remember_org,
            $crate::commands::accounts::refresh_account,
            $crate::commands::reads::list_orgs,
            $crate::commands::reads::list_members,
            $crate::commands::reads::my_scopes,
            $crate::commands::reads::list_projects,
            $crate::commands::reads::get_project,
            $crate::commands::reads::list_tokens,
            $crate::commands::writes::create_org,
            $crate::commands::writes::update_org,
            $crate::commands::writes::delete_org,
            $crate::commands::writes::invite_member,
            $crate::commands::writes::update_member_scopes,
            $crate::commands::writes::remove_member,
            $crate::commands::writes::create_project,
            $crate::commands::writes::delete_project,
            $crate::commands::tokens::create_token,
            $crate::commands::tokens::reveal_token_secret,
            $crate::commands::tokens::copy_token_secret,
            $crate::commands::tokens::discard_token_secret,
            $crate::commands::tokens::revoke_token,
            $crate::commands::tokens::mint_browser_token,
            $crate::commands::notices::list_notices,
            $crate::commands::notices::dismiss_notice,
            $crate::commands::notices::retry_storage,
            $crate::commands::notices::revoke_unshown_key,
            $crate::commands::preferences::get_preferences,
            $crate::commands::preferences::set_preferences,
        ]
    };
}

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

    fn read(relative: &str) -> String {
        std::fs::read_to_string(format!("{MANIFEST_DIR}/{relative}")).expect(relative)
    }

    #[test]
    fn every_command_has_a_permission_and_is_granted_to_the_main_window() {
        let permissions = read("src-tauri/permissions/app-commands.toml");
        let capability = read("src-tauri/capabilities/main-window.json");
        for command in COMMANDS {
            let permission = format!("allow-{}", command.replace('_', "-"));
            assert!(
                permissions.contains(&format!("identifier = \"{permission}\""))
                    && permissions.contains(&format!("commands.allow = [\"{command}\"]")),
                "{command} has no permission in src-tauri/permissions/app-commands.toml"
            );
            assert!(
                capability.contains(&format!("\"{permission}\"")),
                "{command} is not granted in src-tauri/capabilities/main-window.json"
            );
        }
    }

    #[test]
    fn the_handler_registers_exactly_the_listed_commands() {
        let registry = read("src-tauri/src/commands/mod.rs");
        let handler = registry
            .split("generate_handler![")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .expect("handler list");
        let registered: Vec<&str> = handler
            .split(',')
            .filter_map(|path| path.trim().rsplit("::").next())
            .filter(|name| !name.is_empty())
            .collect();
        assert_eq!(registered, COMMANDS);
    }
}
