// The one module that talks to the Rust backend. Everything else in the UI imports from
// here, so tests mock this file alone and no other module imports @tauri-apps/*.
// Argument names are camelCase; Tauri maps them to the commands' snake_case parameters.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Account } from "./bindings/Account";
import type { AccountsFile } from "./bindings/AccountsFile";
import type { AppInfo } from "./bindings/AppInfo";
import type { BrowserTokenInput } from "./bindings/BrowserTokenInput";
import type { Catalog } from "./bindings/Catalog";
import type { CommandError } from "./bindings/CommandError";
import type { CopiedSecret } from "./bindings/CopiedSecret";
import type { CoreEvent } from "./bindings/CoreEvent";
import type { CreatedTokenHandle } from "./bindings/CreatedTokenHandle";
import type { InviteInput } from "./bindings/InviteInput";
import type { InviteOutcome } from "./bindings/InviteOutcome";
import type { KeychainStatus } from "./bindings/KeychainStatus";
import type { Loaded } from "./bindings/Loaded";
import type { Member } from "./bindings/Member";
import type { MintedBrowserToken } from "./bindings/MintedBrowserToken";
import type { Notice } from "./bindings/Notice";
import type { Org } from "./bindings/Org";
import type { Preferences } from "./bindings/Preferences";
import type { OrgChanges } from "./bindings/OrgChanges";
import type { OrgInput } from "./bindings/OrgInput";
import type { Project } from "./bindings/Project";
import type { ProjectInput } from "./bindings/ProjectInput";
import type { ReadFrom } from "./bindings/ReadFrom";
import type { RefreshReport } from "./bindings/RefreshReport";
import type { RevealedSecret } from "./bindings/RevealedSecret";
import type { RevealHandle } from "./bindings/RevealHandle";
import type { Token } from "./bindings/Token";
import type { TokenInput } from "./bindings/TokenInput";

export type {
  Account,
  AccountsFile,
  AppInfo,
  BrowserTokenInput,
  Catalog,
  CommandError,
  CopiedSecret,
  CoreEvent,
  CreatedTokenHandle,
  InviteInput,
  InviteOutcome,
  KeychainStatus,
  Loaded,
  Member,
  MintedBrowserToken,
  Notice,
  Org,
  Preferences,
  OrgChanges,
  OrgInput,
  Project,
  ProjectInput,
  ReadFrom,
  RefreshReport,
  RevealedSecret,
  RevealHandle,
  Token,
  TokenInput,
};

/** Raised for every failed command; `code` is what the UI branches on. */
export class BackendError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly missingScope: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(error: CommandError) {
    super(error.message);
    this.name = "BackendError";
    this.code = error.code;
    this.field = error.field;
    this.missingScope = error.missingScope;
    this.retryAfterSeconds = error.retryAfterSeconds;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    if (isCommandError(raw)) throw new BackendError(raw);
    // IPC itself failed (command not allowed, backend gone): still a typed error.
    throw new BackendError({ code: "internal", message: String(raw) });
  }
}

type Id = { accountId: string };
type InOrg = Id & { orgId: string };

export const backend = {
  appInfo: () => call<AppInfo>("app_info"),
  catalog: () => call<Catalog>("contract_catalog"),
  keychainStatus: () => call<KeychainStatus>("keychain_status"),
  recheckKeychain: () => call<KeychainStatus>("recheck_keychain"),

  listAccounts: () => call<AccountsFile>("list_accounts"),
  signIn: (a: { baseUrl: string; label: string; email: string; password: string }) =>
    call<Account>("sign_in", a),
  addApiKey: (a: { baseUrl: string; label: string; apiKey: string }) =>
    call<Account>("add_api_key", a),
  exploreSandbox: () => call<Account>("explore_sandbox"),
  signInAgain: (a: Id & { password: string }) => call<Account>("sign_in_again", a),
  signOut: (a: Id) => call<void>("sign_out", a),
  removeAccount: (a: Id) => call<void>("remove_account", a),
  switchAccount: (a: Id) => call<Account>("switch_account", a),
  renameAccount: (a: Id & { label: string }) => call<Account>("rename_account", a),
  rememberOrg: (a: InOrg) => call<void>("remember_org", a),
  refreshAccount: (a: Id) => call<RefreshReport>("refresh_account", a),

  listOrgs: (a: Id & { mode: ReadFrom }) => call<Loaded<Org[]>>("list_orgs", a),
  listMembers: (a: InOrg & { mode: ReadFrom }) => call<Loaded<Member[]>>("list_members", a),
  myScopes: (a: InOrg & { mode: ReadFrom }) => call<Loaded<string[] | null>>("my_scopes", a),
  listProjects: (a: InOrg & { mode: ReadFrom }) => call<Loaded<Project[]>>("list_projects", a),
  getProject: (a: InOrg & { projectId: string }) => call<Project>("get_project", a),
  listTokens: (a: InOrg & { mode: ReadFrom }) => call<Loaded<Token[]>>("list_tokens", a),

  createOrg: (a: Id & { org: OrgInput }) => call<Org>("create_org", a),
  updateOrg: (a: InOrg & { changes: OrgChanges }) => call<Org>("update_org", a),
  deleteOrg: (a: InOrg & { confirmName: string }) => call<void>("delete_org", a),
  inviteMember: (a: InOrg & { invite: InviteInput }) => call<InviteOutcome>("invite_member", a),
  updateMemberScopes: (a: InOrg & { userId: string; scopes: string[] }) =>
    call<void>("update_member_scopes", a),
  removeMember: (a: InOrg & { userId: string }) => call<void>("remove_member", a),
  createProject: (a: InOrg & { project: ProjectInput }) => call<Project>("create_project", a),
  deleteProject: (a: InOrg & { projectId: string }) => call<void>("delete_project", a),

  createToken: (a: InOrg & { token: TokenInput }) => call<CreatedTokenHandle>("create_token", a),
  revealTokenSecret: (a: { handle: RevealHandle }) => call<RevealedSecret>("reveal_token_secret", a),
  copyTokenSecret: (a: { handle: RevealHandle }) => call<CopiedSecret>("copy_token_secret", a),
  discardTokenSecret: (a: { handle: RevealHandle }) => call<void>("discard_token_secret", a),
  revokeToken: (a: InOrg & { tokenId: string }) => call<void>("revoke_token", a),
  mintBrowserToken: (a: Id & { request: BrowserTokenInput }) =>
    call<MintedBrowserToken>("mint_browser_token", a),

  listNotices: () => call<Notice[]>("list_notices"),
  dismissNotice: (a: { noticeId: string }) => call<Notice[]>("dismiss_notice", a),
  retryStorage: () => call<Notice[]>("retry_storage"),
  revokeUnshownKey: (a: { noticeId: string }) => call<Notice[]>("revoke_unshown_key", a),
  getPreferences: () => call<Preferences>("get_preferences"),
  setPreferences: (a: { preferences: Preferences }) => call<Preferences>("set_preferences", a),

  /** The backend's one event (`core-event`, tagged by `kind`). Returns the function that stops listening. */
  onEvent: async (handler: (event: CoreEvent) => void): Promise<UnlistenFn> =>
    listen<CoreEvent>("core-event", (e) => handler(e.payload)),
};

export type Backend = typeof backend;
