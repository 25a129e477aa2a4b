// The one module that talks to the Rust backend. Everything else in the UI imports from
// here, so tests mock this file alone and no other module imports @tauri-apps/*.
// Argument names are camelCase; Tauri maps them to the commands' snake_case parameters.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { Account } from "./bindings/Account";
import type { AccountsFile } from "./bindings/AccountsFile";
import type { AppInfo } from "./bindings/AppInfo";
import type { BillingOverview } from "./bindings/BillingOverview";
import type { BrowserTokenInfo } from "./bindings/BrowserTokenInfo";
import type { BrowserTokenRequest } from "./bindings/BrowserTokenRequest";
import type { Catalog } from "./bindings/Catalog";
import type { CopyReceipt } from "./bindings/CopyReceipt";
import type { CoreEvent } from "./bindings/CoreEvent";
import type { ErrorCode } from "./bindings/ErrorCode";
import { ErrorCodes } from "./bindings/ErrorCodes";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { InviteStatus } from "./bindings/InviteStatus";
import type { KeychainStatus } from "./bindings/KeychainStatus";
import type { Loaded } from "./bindings/Loaded";
import type { Member } from "./bindings/Member";
import type { Minted } from "./bindings/Minted";
import type { NewInvite } from "./bindings/NewInvite";
import type { NewOrg } from "./bindings/NewOrg";
import type { NewProject } from "./bindings/NewProject";
import type { NewToken } from "./bindings/NewToken";
import type { Notice } from "./bindings/Notice";
import type { Org } from "./bindings/Org";
import type { Page } from "./bindings/Page";
import type { OrgPatch } from "./bindings/OrgPatch";
import type { Preferences } from "./bindings/Preferences";
import type { Project } from "./bindings/Project";
import type { ReadMode } from "./bindings/ReadMode";
import type { RefreshReport } from "./bindings/RefreshReport";
import type { RevealedSecret } from "./bindings/RevealedSecret";
import type { RevealHandle } from "./bindings/RevealHandle";
import type { RowWindow } from "./bindings/RowWindow";
import type { SentInvite } from "./bindings/SentInvite";
import type { ActivityEntry } from "./bindings/ActivityEntry";
import type { ActivityFilter } from "./bindings/ActivityFilter";
import type { ConcernCount } from "./bindings/ConcernCount";
import type { KeyConcern } from "./bindings/KeyConcern";
import type { KeyHealth } from "./bindings/KeyHealth";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportList } from "./bindings/ExportList";
import type { ExportReceipt } from "./bindings/ExportReceipt";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { KeyRef } from "./bindings/KeyRef";
import type { KeyRoll } from "./bindings/KeyRoll";
import type { KeyStatus } from "./bindings/KeyStatus";
import type { RevokeOutcome } from "./bindings/RevokeOutcome";
import type { KeyThresholds } from "./bindings/KeyThresholds";
import type { ProjectFilter } from "./bindings/ProjectFilter";
import type { StatusFilter } from "./bindings/StatusFilter";
import type { TokenFilter } from "./bindings/TokenFilter";
import type { TokenSort } from "./bindings/TokenSort";
import type { Token } from "./bindings/Token";
import type { Subscription } from "./bindings/Subscription";
import type { UpdateCheck } from "./bindings/UpdateCheck";
import type { UsageLevel } from "./bindings/UsageLevel";
import type { UsagePeriod } from "./bindings/UsagePeriod";
import type { UsageDashboard } from "./bindings/UsageDashboard";
import type { Package } from "./bindings/Package";
import type { TopupBundle } from "./bindings/TopupBundle";

export type {
  Account,
  ActivityEntry,
  ActivityFilter,
  AccountsFile,
  AppInfo,
  BillingOverview,
  BrowserTokenInfo,
  BrowserTokenRequest,
  Catalog,
  CopyReceipt,
  CoreEvent,
  ErrorCode,
  ErrorReport,
  InviteStatus,
  KeychainStatus,
  Loaded,
  Member,
  Minted,
  NewInvite,
  NewOrg,
  NewProject,
  NewToken,
  Notice,
  Org,
  OrgPatch,
  Page,
  Preferences,
  Project,
  ReadMode,
  RefreshReport,
  RevealedSecret,
  RevealHandle,
  RowWindow,
  SentInvite,
  ConcernCount,
  KeyConcern,
  KeyHealth,
  ExportFormat,
  ExportList,
  ExportReceipt,
  ExportRequest,
  KeyRef,
  KeyRoll,
  KeyStatus,
  RevokeOutcome,
  KeyThresholds,
  ProjectFilter,
  StatusFilter,
  TokenFilter,
  TokenSort,
  Token,
  Subscription,
  UpdateCheck,
  UsageLevel,
  UsagePeriod,
  UsageDashboard,
  Package,
  TopupBundle,
};

/** A just-created API key or browser token: its record, and the handle its secret waits under. */
export type MintedToken = Minted<Token, RevealHandle>;
export type MintedBrowserToken = Minted<BrowserTokenInfo, RevealHandle>;

export { ErrorCodes };

/** Raised for every failed command: Rust's report, whose `message` is shown as it is. */
export class BackendError extends Error {
  readonly report: ErrorReport;

  constructor(report: ErrorReport) {
    super(report.message);
    this.name = "BackendError";
    this.report = report;
  }

  get code(): ErrorCode {
    return this.report.code;
  }

  get field(): string | undefined {
    return this.report.field;
  }

  get missingScope(): string | undefined {
    return this.report.missingScope;
  }

  /** The server could not answer (offline, timed out, failing), as opposed to refusing. */
  get connectivity(): boolean {
    return this.report.connectivity;
  }
}

function isErrorReport(value: unknown): value is ErrorReport {
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
    if (isErrorReport(raw)) throw new BackendError(raw);
    // IPC itself failed (command not allowed, backend gone): Tauri's words, still typed.
    throw new BackendError({ code: ErrorCodes.internal, message: String(raw), connectivity: false });
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

  listOrgs: (a: Id & { mode: ReadMode }) => call<Loaded<Org[]>>("list_orgs", a),
  listMembers: (a: InOrg & { mode: ReadMode }) => call<Loaded<Member[]>>("list_members", a),
  memberPage: (a: InOrg & { window: RowWindow; mode: ReadMode }) =>
    call<Loaded<Page<Member>>>("member_page", a),
  myScopes: (a: InOrg & { mode: ReadMode }) => call<Loaded<string[] | null>>("my_scopes", a),
  listProjects: (a: InOrg & { mode: ReadMode }) => call<Loaded<Project[]>>("list_projects", a),
  projectPage: (a: InOrg & { window: RowWindow; mode: ReadMode }) =>
    call<Loaded<Page<Project>>>("project_page", a),
  getProject: (a: InOrg & { projectId: string }) => call<Project>("get_project", a),
  listTokens: (a: InOrg & { mode: ReadMode }) => call<Loaded<Token[]>>("list_tokens", a),
  tokenPage: (a: InOrg & { window: RowWindow; filter: TokenFilter; mode: ReadMode }) =>
    call<Loaded<Page<Token>>>("token_page", a),
  keyHealth: (a: InOrg) => call<KeyHealth>("key_health", a),
  activityPage: (a: InOrg & { window: RowWindow; filter: ActivityFilter }) =>
    call<Page<ActivityEntry>>("activity_page", a),
  activityActions: (a: InOrg) => call<string[]>("activity_actions", a),
  sentInvites: (a: InOrg) => call<SentInvite[]>("sent_invites", a),
  forgetInvite: (a: InOrg & { email: string }) => call<void>("forget_invite", a),

  createOrg: (a: Id & { org: NewOrg }) => call<Org>("create_org", a),
  updateOrg: (a: InOrg & { changes: OrgPatch }) => call<Org>("update_org", a),
  deleteOrg: (a: InOrg & { confirmName: string }) => call<void>("delete_org", a),
  inviteMember: (a: InOrg & { invite: NewInvite }) => call<InviteStatus>("invite_member", a),
  updateMemberScopes: (a: InOrg & { userId: string; scopes: string[] }) =>
    call<void>("update_member_scopes", a),
  removeMember: (a: InOrg & { userId: string }) => call<void>("remove_member", a),
  createProject: (a: InOrg & { project: NewProject }) => call<Project>("create_project", a),
  deleteProject: (a: InOrg & { projectId: string }) => call<void>("delete_project", a),

  createToken: (a: InOrg & { token: NewToken }) => call<MintedToken>("create_token", a),
  revealTokenSecret: (a: { handle: RevealHandle }) => call<RevealedSecret>("reveal_token_secret", a),
  copyTokenSecret: (a: { handle: RevealHandle }) => call<CopyReceipt>("copy_token_secret", a),
  discardTokenSecret: (a: { handle: RevealHandle }) => call<void>("discard_token_secret", a),
  revokeToken: (a: InOrg & { tokenId: string }) => call<void>("revoke_token", a),
  selectableTokens: (a: InOrg & { search: string; filter: TokenFilter }) => call<KeyRef[]>("selectable_tokens", a),
  /** Each key's own outcome; never rejects for a key's failure. */
  revokeTokens: (a: InOrg & { tokenIds: string[] }) => call<RevokeOutcome[]>("revoke_tokens", a),
  rollToken: (a: InOrg & { tokenId: string }) => call<MintedToken>("roll_token", a),
  keyRolls: (a: InOrg) => call<KeyRoll[]>("key_rolls", a),
  forgetRoll: (a: InOrg & { oldId: string }) => call<void>("forget_roll", a),
  /** Opens the native save dialog in Rust; null when the person cancels it. */
  exportList: (a: InOrg & { request: ExportRequest }) => call<ExportReceipt | null>("export_list", a),
  billingOverview: (a: InOrg & { mode: ReadMode }) =>
    call<Loaded<BillingOverview | null>>("billing_overview", a),
  switchToFreePlan: (a: InOrg) => call<Subscription>("switch_to_free_plan", a),
  usageLevels: (a: Id) => call<UsageLevel[]>("usage_levels", a),
  mintBrowserToken: (a: Id & { request: BrowserTokenRequest }) =>
    call<MintedBrowserToken>("mint_browser_token", a),

  listNotices: () => call<Notice[]>("list_notices"),
  dismissNotice: (a: { noticeId: string }) => call<Notice[]>("dismiss_notice", a),
  retryStorage: () => call<Notice[]>("retry_storage"),
  revokeUnshownKey: (a: { noticeId: string }) => call<Notice[]>("revoke_unshown_key", a),
  getPreferences: () => call<Preferences>("get_preferences"),
  setPreferences: (a: { preferences: Preferences }) => call<Preferences>("set_preferences", a),

  /** Asks the update server for a higher version; installs nothing. */
  checkForUpdate: () => call<UpdateCheck>("check_for_update"),
  /** Downloads the offered update, verifies its signature, installs it; its version. */
  installUpdate: () => call<string>("install_update"),
  restartApp: () => call<void>("restart_app"),

  /** Opens the link the app was launched with, if any (its outcome arrives as an event). */
  openLaunchLink: () => call<void>("open_launch_link"),
  /** The native window's title (the task bar, Alt-Tab, the window list). */
  setWindowTitle: (title: string) => getCurrentWindow().setTitle(title),

  /** The backend's one event (`core-event`, tagged by `kind`). Returns the function that stops listening. */
  onEvent: async (handler: (event: CoreEvent) => void): Promise<UnlistenFn> =>
    listen<CoreEvent>("core-event", (e) => handler(e.payload)),
};

export type Backend = typeof backend;
