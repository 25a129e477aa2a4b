// The palette's actions: what can be done from anywhere, each disabled with the reason
// when it cannot run now (no org open, a missing scope, offline).
import { connectivity } from "../../lib/stores/connectivity.svelte";
import { gate } from "../../lib/stores/gates.svelte";
import { nav, type DialogName, type View } from "../../lib/stores/nav.svelte";
import { session } from "../../lib/stores/session.svelte";
import { ALL_KEYS } from "../../lib/stores/tokens.svelte";
import { ANY_ACTIVITY } from "../../lib/stores/activity.svelte";
import { exportList } from "../../lib/stores/exports";
import type { ExportFormat, ExportList } from "../../lib/backend";
import { workspace } from "../../lib/stores/workspace.svelte";
import { catalog } from "../../lib/stores/catalog.svelte";
import type { PaletteItem } from "./commands";
import { describeError } from "../../lib/errors";

const VIEWS: [View, string][] = [
  ["projects", "Projects"],
  ["members", "Members"],
  ["tokens", "Tokens"],
  ["browser", "Browser tokens"],
  ["usage", "Usage and billing"],
  ["activity", "Activity history"],
  ["settings", "Organization settings"],
];

function goAndOpen(view: View, dialog: DialogName): void {
  nav.go(view);
  nav.open(dialog);
}

export function paletteActions(): PaletteItem[] {
  const accountId = session.currentId;
  const isKey = session.current?.kind === "api_key";
  const noOrg = workspace.orgId !== null ? null : "Open an organization first";
  const selected = workspace.tokens?.selection.size ?? 0;
  return [
    {
      id: "action:create-token",
      kind: "action",
      label: "New API token",
      disabled: noOrg ?? gate("tokens:write"),
      run: () => goAndOpen("tokens", "create-token"),
    },
    {
      id: "action:create-project",
      kind: "action",
      label: "New project",
      disabled: noOrg ?? gate("projects:write"),
      run: () => goAndOpen("projects", "create-project"),
    },
    {
      id: "action:invite",
      kind: "action",
      label: "Invite member",
      disabled: noOrg ?? gate("orgs:write"),
      run: () => goAndOpen("members", "invite-member"),
    },
    {
      id: "action:key-health",
      kind: "action",
      label: "Key health: keys that need attention",
      // Read from the cache: works offline and needs no write scope.
      disabled: noOrg,
      run: () => nav.showKeyHealth(),
    },
    {
      id: "action:select-keys",
      kind: "action",
      label: "Select every unrevoked key shown (Tokens)",
      disabled: noOrg,
      run: () => {
        nav.go("tokens");
        void workspace.tokens?.selection.selectAll(nav.tokenSearch, workspace.tokenPage?.filter ?? ALL_KEYS);
      },
    },
    {
      id: "action:bulk-revoke",
      kind: "action",
      label: selected > 0 ? `Revoke the ${selected} selected ${selected === 1 ? "key" : "keys"}…` : "Revoke the selected keys…",
      disabled: noOrg ?? (selected === 0 ? "Select keys on the Tokens tab first" : gate("tokens:write")),
      run: () => goAndOpen("tokens", "bulk-revoke"),
    },
    {
      id: "action:free-plan",
      kind: "action",
      label: "Switch the organization to the free plan…",
      disabled: noOrg ?? gate(catalog.freePlanScope),
      run: () => {
        nav.go("usage");
        nav.freePlanAsked = workspace.orgId;
      },
    },
    {
      id: "action:create-org",
      kind: "action",
      label: "New organization",
      disabled: isKey ? "API keys cannot create organizations" : gate(null),
      run: () => nav.open("create-org"),
    },
    ...VIEWS.map(
      ([view, label]): PaletteItem => ({
        id: `action:go-${view}`,
        kind: "action",
        label: `Go to ${label}`,
        disabled: noOrg,
        run: () => nav.go(view),
      }),
    ),
    ...exportActions(noOrg),
    { id: "action:add-account", kind: "action", label: "Add account", run: () => nav.open("add-account") },
    {
      id: "action:refresh",
      kind: "action",
      label: "Refresh from the server",
      disabled: accountId ? null : "No account open",
      run: () => {
        if (accountId) void connectivity.retry(accountId);
      },
    },
    { id: "action:about", kind: "action", label: "About SaaSignal Admin", run: () => nav.open("about") },
    {
      id: "action:check-update",
      kind: "action",
      label: "Check for updates",
      run: () => nav.open("check-update"),
    },
  ];
}

/**
 * "Export … as CSV/JSON" for each list: the keys as the Tokens tab filters them, the
 * other lists whole (their searches belong to their screens). From the cache: offline too.
 */
function exportActions(noOrg: string | null): PaletteItem[] {
  const lists: [string, () => ExportList, () => string][] = [
    ["API keys (as filtered on the Tokens tab)", () => ({ kind: "tokens", filter: workspace.tokenPage?.filter ?? ALL_KEYS }), () => nav.tokenSearch],
    ["members with their scopes", () => ({ kind: "members" }), () => ""],
    ["projects", () => ({ kind: "projects" }), () => ""],
    ["the activity history", () => ({ kind: "activity", filter: ANY_ACTIVITY }), () => ""],
    ["the daily usage of the last 90 days", () => ({ kind: "usage", days: 90 }), () => ""],
  ];
  const formats: [ExportFormat, string][] = [
    ["csv", "CSV"],
    ["json", "JSON"],
  ];
  return lists.flatMap(([label, list, search]) =>
    formats.map(
      ([format, name]): PaletteItem => ({
        id: `action:export-${list().kind}-${format}`,
        kind: "action",
        label: `Export ${label} as ${name}`,
        disabled: noOrg,
        run: () => {
          exportList(list(), search(), format).catch((error: unknown) => nav.flash(describeError(error)));
        },
      }),
    ),
  );
}
