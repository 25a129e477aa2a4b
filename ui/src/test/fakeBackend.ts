// A fake of the backend module's `backend` object for component tests: every command
// is a vi.fn over a small in-memory world, so a test overrides only what it is about.
// Like the real backend, a write announces the rows it changed (`rows_changed`, passed
// to the bus as App.svelte does) and an invite's refetch says `cache_updated`.
import { vi } from "vitest";
import {
  BackendError,
  ErrorCodes,
  type Account,
  type Backend,
  type Catalog,
  type CoreEvent,
  type Loaded,
  type Member,
  type Notice,
  type Org,
  type Page,
  type Project,
  type ActivityEntry,
  type BillingOverview,
  type SentInvite,
  type KeyConcern,
  type KeyRoll,
  type KeyStatus,
  type KeyThresholds,
  type Token,
  type TokenFilter,
} from "../lib/backend";
import type { ChangedRows } from "../lib/bindings/ChangedRows";
import generatedCatalog from "../lib/bindings/catalog.json";
import { bus } from "../lib/stores/bus";
import { catalog } from "../lib/stores/catalog.svelte";
import { connectivity } from "../lib/stores/connectivity.svelte";
import { nav } from "../lib/stores/nav.svelte";
import { notices } from "../lib/stores/notices.svelte";
import { reauth } from "../lib/stores/reauth.svelte";
import { session } from "../lib/stores/session.svelte";
import { START_CHECK_DELAY_MS, updates } from "../lib/stores/updates.svelte";
import { workspace } from "../lib/stores/workspace.svelte";

export const SYNCED_AT = "2030-01-01T10:42:00Z";

/** What the Rust command answers (generated from the contract crate). */
export const testCatalog: Catalog = generatedCatalog;

export function makeAccount(over: Partial<Account> = {}): Account {
  return {
    id: "acc_1",
    label: "Production",
    baseUrl: "https://api.saasignal.saastemly.com",
    kind: "session",
    identity: "owner@acme.com",
    state: "signed_in",
    lastUsedAt: null,
    apiKeyReach: null,
    isLocalSandbox: false,
    ...over,
  };
}

export const makeOrg = (over: Partial<Org> = {}): Org => ({
  id: "org_1",
  name: "Acme Corp",
  slug: "acme-corp",
  createdAt: "2029-05-01T00:00:00Z",
  ...over,
});

export const makeProject = (over: Partial<Project> = {}): Project => ({
  id: "proj_1",
  orgId: "org_1",
  name: "Billing API",
  description: "Invoices and payments",
  region: "weur",
  createdAt: "2029-06-01T00:00:00Z",
  ...over,
});

export const makeToken = (over: Partial<Token> = {}): Token => ({
  id: "tok_1",
  name: "CI deploy",
  hint: "…a1b2",
  orgId: "org_1",
  projectId: "proj_1",
  scopes: ["kv:read"],
  createdAt: "2029-07-01T00:00:00Z",
  expiresAt: null,
  lastUsedAt: null,
  revoked: false,
  status: null,
  ...over,
});

const DAY = 24 * 3600 * 1000;

/** A key's status as the cache judges it (revoked, expired, expiring within 7 days, active), in small. */
function statusOf(token: Token, now: number): KeyStatus {
  if (token.revoked) return "revoked";
  const expires = token.expiresAt ? Date.parse(token.expiresAt) : null;
  if (expires !== null && expires <= now) return "expired";
  if (expires !== null && expires - now <= 7 * DAY) return "expiring";
  return "active";
}

export const makeMember = (over: Partial<Member> = {}): Member => ({
  userId: "u_1",
  name: "Olive Owner",
  email: "owner@acme.com",
  scopes: ["*"],
  joinedAt: "2029-05-01T00:00:00Z",
  ...over,
});

export function fresh<T>(data: T): Loaded<T> {
  return { data, syncedAt: SYNCED_AT, stale: false, staleReason: null };
}

export function offline<T>(data: T): Loaded<T> {
  return {
    data,
    syncedAt: SYNCED_AT,
    stale: true,
    staleReason: { code: ErrorCodes.offline, message: "The server cannot be reached.", connectivity: true },
  };
}

/** `rows` as the one window of a list that holds only them. */
export function pageOf<T>(rows: T[]): Page<T> {
  return { offset: 0, rows, matching: rows.length, total: rows.length };
}

/** The keys `filter` and `search` select, in the filter's order (the cache's rules, in small). */
export function selectTokens(tokens: Token[], projects: Project[], search: string, filter: TokenFilter, now: number): Token[] {
  const text = search.trim().toLowerCase();
  const projectName = (id: string | null) => projects.find((p) => p.id === id)?.name.toLowerCase() ?? "";
  const time = (iso: string | null) => (iso ? Date.parse(iso) : null);
  const selected = tokens.filter((token) => {
    const { project } = filter;
    if (project.kind === "org_wide" && token.projectId !== null) return false;
    if (project.kind === "project" && token.projectId !== project.id) return false;
    const status = statusOf(token, now);
    if (filter.status === "never_used" && (token.revoked || token.lastUsedAt !== null)) return false;
    if (filter.status === "active" && status !== "active" && status !== "expiring") return false;
    if (["expiring", "expired", "revoked"].includes(filter.status) && status !== filter.status) return false;
    const fields = [token.name, token.hint, token.id, JSON.stringify(token.scopes), projectName(token.projectId)];
    return text === "" || fields.some((field) => field.toLowerCase().includes(text));
  });
  const byName = (x: Token, y: Token) => x.name.localeCompare(y.name);
  const later = (x: string | null, y: string | null) => (time(y) ?? -Infinity) - (time(x) ?? -Infinity);
  const order: Record<TokenFilter["sort"], (x: Token, y: Token) => number> = {
    last_used_desc: (x, y) => later(x.lastUsedAt, y.lastUsedAt) || byName(x, y),
    last_used_asc: (x, y) => later(y.lastUsedAt, x.lastUsedAt) || byName(x, y),
    created_desc: (x, y) => later(x.createdAt, y.createdAt) || byName(x, y),
    name: byName,
  };
  return selected.sort(order[filter.sort]);
}

/** Every concern, in the panel's order (Rust's `KeyConcern::ALL`). */
const CONCERN_ORDER: Record<KeyConcern, number> = {
  wide_scopes: 0,
  no_expiry: 1,
  expiring_soon: 2,
  expired_unrevoked: 3,
  never_used: 4,
  unused: 5,
  project_deleted: 6,
};

export const DEFAULT_THRESHOLDS: KeyThresholds = { expiringWithinDays: 7, neverUsedAfterDays: 30, unusedAfterDays: 90 };

export type World = {
  accounts: Account[];
  orgs: Org[];
  projects: Project[];
  tokens: Token[];
  members: Member[];
  myScopes: string[] | null;
  notices: Notice[];
  /** The keys with each concern, as Rust would judge them (the rules are not redone here). */
  concerns: Partial<Record<KeyConcern, string[]>>;
  /** The invites sent from this app, per org. */
  sentInvites: (SentInvite & { orgId: string })[];
  /** The local log of writes (every account's; each read takes its own). */
  activity: (ActivityEntry & { accountId: string })[];
  /** The unfinished rolls, per org. */
  rolls: (KeyRoll & { orgId: string })[];
  /** Each org's usage and billing overview (none: never read). */
  billing: Record<string, BillingOverview>;
};

export function world(over: Partial<World> = {}): World {
  return {
    accounts: [makeAccount()],
    orgs: [makeOrg()],
    projects: [makeProject()],
    tokens: [makeToken()],
    members: [makeMember()],
    myScopes: ["*"],
    notices: [],
    concerns: {},
    activity: [],
    sentInvites: [],
    rolls: [],
    billing: {},
    ...over,
  };
}

function announce(event: CoreEvent): void {
  bus.emit(event);
}

function rowsChanged(account: string, orgId: string | null, rows: ChangedRows): void {
  announce({ kind: "rows_changed", account, orgId, rows });
}

/** A backend over `w`; reads answer fresh from the network and the cache alike. */
export function fakeBackend(w: World = world()): Backend {
  const read = <T>(get: () => T) => vi.fn(async () => fresh(get()));
  const revoke = (accountId: string, orgId: string, tokenId: string): void => {
    const token = w.tokens.find((t) => t.id === tokenId);
    if (!token) return;
    const revoked = { ...token, revoked: true };
    w.tokens = w.tokens.map((t) => (t.id === tokenId ? revoked : t));
    rowsChanged(accountId, orgId, { resource: "tokens", upserted: [revoked], removed: [] });
  };
  return {
    appInfo: vi.fn(async () => ({
      name: "SaaSignal Admin",
      version: "0.1.0",
      dataDir: "/d",
      configDir: "/c",
      logDir: "/l",
      keychainBackend: "test",
    })),
    catalog: vi.fn(async () => testCatalog),
    keychainStatus: vi.fn(async () => ({ state: "ready" as const, backend: "test" })),
    recheckKeychain: vi.fn(async () => ({ state: "ready" as const, backend: "test" })),
    listAccounts: vi.fn(async () => ({
      accounts: w.accounts,
      current: w.accounts[0]?.id ?? null,
      lastOrg: {},
    })),
    signIn: vi.fn(async (a) => makeAccount({ identity: a.email, label: a.label || a.email })),
    addApiKey: vi.fn(async () => makeAccount({ id: "acc_key", kind: "api_key", identity: "…k3y9" })),
    exploreSandbox: vi.fn(async () => makeAccount({ id: "acc_sandbox", label: "Local sandbox", baseUrl: "", isLocalSandbox: true })),
    signInAgain: vi.fn(async (a) => makeAccount({ id: a.accountId })),
    signOut: vi.fn(async () => undefined),
    removeAccount: vi.fn(async () => undefined),
    switchAccount: vi.fn(async (a) => w.accounts.find((x) => x.id === a.accountId) ?? makeAccount({ id: a.accountId })),
    renameAccount: vi.fn(async (a) => makeAccount({ id: a.accountId, label: a.label })),
    rememberOrg: vi.fn(async () => undefined),
    refreshAccount: vi.fn(async (a) => {
      // As the real refresh: each list that lands is announced, and open lists read it.
      announce({ kind: "cache_updated", account: a.accountId, resource: "orgs", orgId: null });
      for (const org of w.orgs) {
        for (const resource of ["my_scopes", "members", "projects", "tokens"] as const) {
          announce({ kind: "cache_updated", account: a.accountId, resource, orgId: org.id });
        }
      }
      return {
      orgs: 1,
      refreshed: 4,
      notPermitted: 0,
      offline: false,
        rateLimitedFor: null,
        staleReason: null,
      };
    }),
    listOrgs: read(() => w.orgs),
    keyHealth: vi.fn(async () => ({
      thresholds: { ...DEFAULT_THRESHOLDS },
      concerns: (Object.keys(CONCERN_ORDER) as KeyConcern[]).map((concern) => ({
        concern,
        keys: w.concerns[concern]?.length ?? 0,
      })),
    })),
    // As the cache does it: the account's own entries in the org, newest first.
    activityPage: vi.fn(async (a: Parameters<Backend["activityPage"]>[0]) => {
      const text = a.window.search.trim().toLowerCase();
      const { action, since, until } = a.filter;
      const matching = w.activity
        .filter((e) => e.accountId === a.accountId && e.orgId === a.orgId)
        .filter((e) => action === null || e.action === action)
        .filter((e) => (since === null || e.at.slice(0, 10) >= since) && (until === null || e.at.slice(0, 10) <= until))
        .filter((e) => text === "" || [e.targetName ?? "", e.targetId ?? ""].some((f) => f.toLowerCase().includes(text)))
        .sort((x, y) => y.seq - x.seq)
        .map(({ accountId: _, ...entry }) => entry);
      const total = w.activity.filter((e) => e.accountId === a.accountId && e.orgId === a.orgId).length;
      const rows = matching.slice(a.window.offset, a.window.offset + a.window.limit);
      return { offset: a.window.offset, rows, matching: matching.length, total };
    }),
    activityActions: vi.fn(async (a: Parameters<Backend["activityActions"]>[0]) =>
      [...new Set(w.activity.filter((e) => e.accountId === a.accountId && e.orgId === a.orgId).map((e) => e.action))].sort(),
    ),
    // As the cache does it: accepted once the email is among the members, pending first.
    sentInvites: vi.fn(async (a: Parameters<Backend["sentInvites"]>[0]) =>
      w.sentInvites
        .filter((i) => i.orgId === a.orgId)
        .map(({ orgId: _, ...invite }) => ({
          ...invite,
          acceptedAt: invite.acceptedAt ?? (w.members.some((m) => m.email.toLowerCase() === invite.email) ? SYNCED_AT : null),
        }))
        .sort((x, y) => Number(x.acceptedAt !== null) - Number(y.acceptedAt !== null)),
    ),
    forgetInvite: vi.fn(async (a: Parameters<Backend["forgetInvite"]>[0]) => {
      w.sentInvites = w.sentInvites.filter((i) => !(i.orgId === a.orgId && i.email === a.email));
    }),
    listMembers: read(() => w.members),
    // As the cache does it: you first (a session account's email), then the owners, by name.
    memberPage: vi.fn(async (a) => {
      const text = a.window.search.trim().toLowerCase();
      const account = w.accounts.find((x) => x.id === a.accountId);
      const me = account?.kind === "session" ? account.identity.toLowerCase() : null;
      const rank = (m: Member) => (m.email.toLowerCase() === me ? 0 : m.scopes.includes("*") ? 1 : 2);
      const matching = w.members
        .filter((m) => text === "" || [m.name, m.email].some((field) => field.toLowerCase().includes(text)))
        .sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name));
      const rows = matching.slice(a.window.offset, a.window.offset + a.window.limit);
      return fresh({ offset: a.window.offset, rows, matching: matching.length, total: w.members.length });
    }),
    myScopes: read(() => w.myScopes),
    listProjects: read(() => w.projects),
    // As the cache does it: searched in name, description and id, by name, windowed.
    projectPage: vi.fn(async (a) => {
      const text = a.window.search.trim().toLowerCase();
      const matching = w.projects
        .filter((p) => text === "" || [p.name, p.description, p.id].some((field) => field.toLowerCase().includes(text)))
        .sort((x, y) => x.name.localeCompare(y.name));
      const rows = matching.slice(a.window.offset, a.window.offset + a.window.limit);
      return fresh({ ...pageOf(rows), offset: a.window.offset, matching: matching.length, total: w.projects.length });
    }),
    getProject: vi.fn(async (a) => w.projects.find((p) => p.id === a.projectId) ?? makeProject({ id: a.projectId })),
    listTokens: read(() => w.tokens),
    // As the cache does it (the rules are Rust's; this is a small stand-in for screens).
    tokenPage: vi.fn(async (a: Parameters<Backend["tokenPage"]>[0]) => {
      const concerned = a.filter.concern === null ? null : new Set(w.concerns[a.filter.concern] ?? []);
      const matching = selectTokens(w.tokens, w.projects, a.window.search, a.filter, Date.now()).filter(
        (token) => concerned === null || concerned.has(token.id),
      );
      const rows = matching
        .slice(a.window.offset, a.window.offset + a.window.limit)
        .map((token) => ({ ...token, status: statusOf(token, Date.now()) }));
      return fresh({ offset: a.window.offset, rows, matching: matching.length, total: w.tokens.length });
    }),
    createOrg: vi.fn(async (a) => {
      const org = makeOrg({ id: "org_new", name: a.org.name, slug: a.org.slug || "generated" });
      w.orgs.push(org);
      rowsChanged(a.accountId, null, { resource: "orgs", upserted: [org], removed: [] });
      return org;
    }),
    updateOrg: vi.fn(async (a) => {
      const org = { ...(w.orgs.find((o) => o.id === a.orgId) ?? makeOrg({ id: a.orgId })), ...a.changes };
      rowsChanged(a.accountId, null, { resource: "orgs", upserted: [org], removed: [] });
      return org;
    }),
    deleteOrg: vi.fn(async (a) => {
      w.orgs = w.orgs.filter((o) => o.id !== a.orgId);
      rowsChanged(a.accountId, null, { resource: "orgs", upserted: [], removed: [a.orgId] });
    }),
    inviteMember: vi.fn(async (a) => {
      announce({ kind: "cache_updated", account: a.accountId, resource: "members", orgId: a.orgId });
      return "sent" as const;
    }),
    updateMemberScopes: vi.fn(async (a) => {
      const member = w.members.find((m) => m.userId === a.userId);
      if (member) {
        const updated = { ...member, scopes: a.scopes };
        w.members = w.members.map((m) => (m.userId === a.userId ? updated : m));
        rowsChanged(a.accountId, a.orgId, { resource: "members", upserted: [updated], removed: [] });
      }
    }),
    removeMember: vi.fn(async (a) => {
      w.members = w.members.filter((m) => m.userId !== a.userId);
      rowsChanged(a.accountId, a.orgId, { resource: "members", upserted: [], removed: [a.userId] });
    }),
    createProject: vi.fn(async (a) => {
      const project = makeProject({
        id: "proj_new",
        name: a.project.name,
        region: a.project.region || "enam",
        description: a.project.description ?? "",
      });
      w.projects.push(project);
      rowsChanged(a.accountId, a.orgId, { resource: "projects", upserted: [project], removed: [] });
      return project;
    }),
    deleteProject: vi.fn(async (a) => {
      w.projects = w.projects.filter((p) => p.id !== a.projectId);
      rowsChanged(a.accountId, a.orgId, { resource: "projects", upserted: [], removed: [a.projectId] });
    }),
    createToken: vi.fn(async (a) => {
      const token = makeToken({ id: "tok_new", name: a.token.name, scopes: a.token.scopes, hint: "…z9y8" });
      w.tokens.push(token);
      rowsChanged(a.accountId, a.orgId, { resource: "tokens", upserted: [token], removed: [] });
      return { item: token, secret: "handle-1" };
    }),
    rollToken: vi.fn(async (a) => {
      const old = w.tokens.find((t) => t.id === a.tokenId && !t.revoked);
      if (!old) throw new BackendError({ code: ErrorCodes.not_found, message: "That key is revoked or no longer listed.", connectivity: false });
      const token = makeToken({ ...old, id: `${old.id}_rolled`, name: `${old.name} (rolled)`, hint: "…r0l1" });
      w.tokens.push(token);
      w.rolls.push({ orgId: a.orgId, oldId: old.id, oldName: old.name, newId: token.id, newName: token.name, rolledAt: new Date().toISOString(), revokeFailed: null });
      rowsChanged(a.accountId, a.orgId, { resource: "tokens", upserted: [token], removed: [] });
      return { item: token, secret: "handle-roll" };
    }),
    keyRolls: vi.fn(async (a: Parameters<Backend["keyRolls"]>[0]) =>
      w.rolls
        .filter((r) => r.orgId === a.orgId && w.tokens.some((t) => t.id === r.oldId && !t.revoked))
        .map(({ orgId: _, ...roll }) => roll),
    ),
    forgetRoll: vi.fn(async (a: Parameters<Backend["forgetRoll"]>[0]) => {
      w.rolls = w.rolls.filter((r) => !(r.orgId === a.orgId && r.oldId === a.oldId));
    }),
    revealTokenSecret: vi.fn(async (a) => ({
      value: a.handle.startsWith("bt-") ? "bt_eyJhbGciOi.test" : "sk_live_SECRETVALUE123z9y8",
    })),
    copyTokenSecret: vi.fn(async () => ({ clearsAt: new Date(Date.now() + 30_000).toISOString() })),
    discardTokenSecret: vi.fn(async () => undefined),
    revokeToken: vi.fn(async (a) => revoke(a.accountId, a.orgId, a.tokenId)),
    selectableTokens: vi.fn(async (a: Parameters<Backend["selectableTokens"]>[0]) =>
      selectTokens(w.tokens, w.projects, a.search, a.filter, Date.now())
        .filter((t) => !t.revoked)
        .map((t) => ({ id: t.id, name: t.name })),
    ),
    revokeTokens: vi.fn(async (a: Parameters<Backend["revokeTokens"]>[0]) =>
      a.tokenIds.map((tokenId) => {
        revoke(a.accountId, a.orgId, tokenId);
        return { tokenId, error: null };
      }),
    ),
    exportList: vi.fn(async (a: Parameters<Backend["exportList"]>[0]) => ({
      path: `/home/me/acme-export.${a.request.format}`,
      rows: a.request.list.kind === "tokens" ? w.tokens.length : 1,
    })),
    billingOverview: vi.fn(async (a: Parameters<Backend["billingOverview"]>[0]) => fresh(w.billing[a.orgId] ?? null)),
    switchToFreePlan: vi.fn(async (a: Parameters<Backend["switchToFreePlan"]>[0]) => {
      const current = w.billing[a.orgId];
      const free = current?.packages.find((p) => p.id === "free") ?? null;
      if (current) w.billing[a.orgId] = { ...current, subscription: { ...current.subscription, packageId: "free", package: free } };
      announce({ kind: "cache_updated", account: a.accountId, resource: "billing", orgId: a.orgId });
      return { ...(current?.subscription ?? { orgId: a.orgId, stripeCustomerId: null, stripeSubscriptionId: null, createdAt: null }), packageId: "free", package: free };
    }),
    usageLevels: vi.fn(async () =>
      Object.entries(w.billing).map(([orgId, overview]) => ({ orgId, usagePercent: overview.dashboard.usagePercent })),
    ),
    mintBrowserToken: vi.fn(async (a) => {
      const ttl = a.request.ttl ?? testCatalog.browserTtlDefault;
      return {
        item: {
          expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
          ttl,
          scopes: a.request.scopes ?? [],
          projectId: null,
          orgId: "org_1",
        },
        secret: "bt-handle-1",
      };
    }),
    listNotices: vi.fn(async () => w.notices),
    dismissNotice: vi.fn(async (a) => {
      w.notices = w.notices.filter((n) => n.id !== a.noticeId);
      return w.notices;
    }),
    retryStorage: vi.fn(async () => w.notices),
    revokeUnshownKey: vi.fn(async (a) => {
      w.notices = w.notices.filter((n) => n.id !== a.noticeId);
      return w.notices;
    }),
    getPreferences: vi.fn(async () => ({ useSystemProxy: true, keyThresholds: { ...DEFAULT_THRESHOLDS }, expiryNotifications: true })),
    setPreferences: vi.fn(async (a) => a.preferences),
    setWindowTitle: vi.fn(async () => undefined),
    openLaunchLink: vi.fn(async () => undefined),
    checkForUpdate: vi.fn(async () => ({ status: "upToDate" as const, current: "0.1.0" })),
    installUpdate: vi.fn(async () => "0.1.0"),
    restartApp: vi.fn(async () => undefined),
    onEvent: vi.fn(async () => () => undefined),
  };
}

/** Fresh stores for each test (they are module singletons in the app). */
export function resetStores(): void {
  bus.clear();
  workspace.reset();
  session.reset();
  connectivity.reset();
  nav.reset();
  reauth.reset();
  notices.list = [];
  notices.keychainWaiting = false;
  updates.phase = { step: "idle" };
  updates.startDelayMs = START_CHECK_DELAY_MS;
  catalog.value = testCatalog;
}

/** Opens an account and org in the stores, as the shell would, for screen-level tests. */
export async function openWorkspace(account: Account = makeAccount(), orgId = "org_1"): Promise<void> {
  session.accounts = [account];
  session.currentId = account.id;
  session.loaded = true;
  workspace.openAccount(account.id);
  await vi.waitFor(() => {
    if (!workspace.orgList.some((o) => o.id === orgId)) throw new Error("orgs not loaded");
  });
  workspace.selectOrg(orgId);
  await vi.waitFor(() => {
    if (workspace.scopes?.data === null) throw new Error("scopes not loaded");
  });
}
