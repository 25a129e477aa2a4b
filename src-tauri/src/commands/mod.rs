//! IPC commands: thin calls into `saasignal-core`, one per user action, in one file per
//! resource as in `core/services/`. The list below is the only place a command is named:
//! the invoke handler, the permission file (`src-tauri/permissions/app-commands.toml`)
//! and the main window's capability (`src-tauri/capabilities/main-window.json`) are made
//! from it, and a test fails when the two files are not what it makes
//! (`UPDATE_GENERATED=1 cargo test -p saasignal-admin generated` rewrites them).

pub mod accounts;
#[cfg(test)]
mod acl;
pub mod activity;
pub mod app_info;
pub mod billing;
pub mod browser_tokens;
pub mod catalog;
pub mod error;
pub mod export;
#[cfg(test)]
mod ipc_tests;
pub mod links;
pub mod members;
pub mod notices;
pub mod orgs;
pub mod preferences;
pub mod projects;
pub mod tokens;
pub mod updates;

/// Calls `$then!` with every command: `module::command => "what its permission allows"`.
macro_rules! for_each_command {
    ($($then:ident)::+) => {
        $($then)::+! {
            app_info::app_info => "Read the app's version, folders and keychain backend (About panel).",
            catalog::contract_catalog => "Read the contract's regions, scopes and limits.",
            accounts::keychain_status => "Read whether the OS keychain works.",
            accounts::recheck_keychain => "Run the keychain self-check again.",
            accounts::list_accounts => "List the accounts (metadata only, never credentials).",
            accounts::sign_in => "Sign in with email and password.",
            accounts::add_api_key => "Add an account that acts with an API key.",
            accounts::explore_sandbox => "Start the local sandbox and sign in as its demo user.",
            accounts::sign_in_again => "Sign in again after a session expired.",
            accounts::sign_out => "Sign an account out.",
            accounts::remove_account => "Remove an account from the app.",
            accounts::switch_account => "Switch to another account.",
            accounts::rename_account => "Rename an account in the app.",
            accounts::remember_org => "Remember the open org for the next launch.",
            accounts::refresh_account => "Refresh every cached list of an account.",
            orgs::list_orgs => "List the account's organizations.",
            orgs::create_org => "Create an organization.",
            orgs::update_org => "Rename an organization or change its slug.",
            orgs::delete_org => "Delete an organization.",
            members::list_members => "List an organization's members.",
            members::member_page => "Read the window of an organization's members a screen shows, searched, with the counts.",
            members::sent_invites => "List the invites sent from this app in an organization (pending or accepted).",
            members::forget_invite => "Forget an invite sent from this app (the invite itself stands).",
            members::my_scopes => "Read the identity's own scopes in an organization.",
            members::invite_member => "Invite a member.",
            members::update_member_scopes => "Change a member's scopes.",
            members::remove_member => "Remove a member.",
            projects::list_projects => "List an organization's projects.",
            projects::project_page => "Read the window of an organization's projects a screen shows, searched, with the counts.",
            projects::get_project => "Read one project.",
            projects::create_project => "Create a project.",
            projects::delete_project => "Delete a project.",
            tokens::list_tokens => "List an organization's API keys (metadata only).",
            tokens::token_page => "Read the window of an organization's API keys the Tokens table shows, filtered, searched and ordered, with the counts.",
            tokens::key_health => "Count an organization's unrevoked API keys that need attention, per concern (from the cache).",
            tokens::create_token => "Create an API key; its secret waits in Rust for Reveal or Copy.",
            tokens::revoke_token => "Revoke an API key.",
            tokens::selectable_tokens => "List the unrevoked API keys the Tokens table shows for a filter and search (for select all).",
            tokens::revoke_tokens => "Revoke several API keys, a few at a time, each with its own outcome.",
            tokens::roll_token => "Create the replacement of an API key (same scopes, project and expiry policy); its secret waits in Rust.",
            tokens::key_rolls => "List an organization's unfinished key rolls (the old key not yet revoked).",
            tokens::forget_roll => "Stop listing a key roll as unfinished (both keys stay as they are).",
            tokens::reveal_token_secret => "Show a just-minted secret in its dialog.",
            tokens::copy_token_secret => "Copy a just-minted secret to the clipboard (cleared after 30 s).",
            tokens::discard_token_secret => "Forget a just-minted secret.",
            activity::activity_page => "Read a window of the writes made from this app in an organization, filtered, newest first.",
            activity::activity_actions => "List the kinds of writes logged in an organization (for the activity filter).",
            export::export_list => "Export a list (keys, members, projects, activity) as CSV or JSON to a file the person picks in the native save dialog.",
            billing::billing_overview => "Read an organization's usage and billing overview: plan, balance, daily usage, breakdown, packages and top-up bundles.",
            billing::switch_to_free_plan => "Switch an organization to the free plan.",
            billing::usage_levels => "Read how far into its included tokens each organization is (from the cache).",
            browser_tokens::mint_browser_token => "Mint a short-lived browser token from an API key.",
            links::open_launch_link => "Open the link (saasignal-admin://org/<id>/<view>) the app was launched with, once.",
            notices::list_notices => "Read the notices in force (storage problems, keys nobody holds the secret of).",
            notices::dismiss_notice => "Dismiss a notice.",
            notices::retry_storage => "Try the data folder, settings file and offline cache again.",
            notices::revoke_unshown_key => "Revoke a key whose secret was never shown.",
            preferences::get_preferences => "Read the app's preferences (never a credential).",
            preferences::set_preferences => "Change the app's preferences.",
            updates::check_for_update => "Ask the update server whether a higher version is published (never installs).",
            updates::install_update => "Download the offered update, verify its signature and install it (only on the person's yes).",
            updates::restart_app => "Restart the app into the installed update.",
        }
    };
}

macro_rules! invoke_handler {
    ($($module:ident :: $command:ident => $description:literal,)*) => {
        tauri::generate_handler![$($crate::commands::$module::$command),*]
    };
}

/// The invoke handler for every command in the list.
macro_rules! all_commands {
    () => {
        $crate::commands::for_each_command!(crate::commands::invoke_handler)
    };
}

#[cfg(test)]
macro_rules! command_table {
    ($($module:ident :: $command:ident => $description:literal,)*) => {
        &[$((stringify!($command), $description)),*]
    };
}

/// Every command with what its permission allows, in the list's order.
#[cfg(test)]
pub const COMMANDS: &[(&str, &str)] = for_each_command!(command_table);

pub(crate) use {all_commands, for_each_command, invoke_handler};
