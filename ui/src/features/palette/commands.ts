// Everything the palette can jump to or do, built from the open account and org.
import type { Account, Org, Project, Token } from "../../lib/backend";
import { hostOf } from "../../lib/urls";

export type PaletteItem = {
  id: string;
  kind: "action" | "org" | "project" | "token" | "account";
  label: string;
  detail?: string;
  /** Why it cannot run now (e.g. a missing scope); shown, and Enter does nothing. */
  disabled?: string | null;
  run: () => void;
};

export type PaletteContext = {
  accounts: readonly Account[];
  currentAccountId: string | null;
  orgs: readonly Org[];
  projects: readonly Project[];
  tokens: readonly Token[];
  actions: readonly PaletteItem[];
  switchAccount: (id: string) => void;
  openOrg: (id: string) => void;
  openProject: (id: string) => void;
  openToken: (token: Token) => void;
  /** Opens the roll confirmation for a key; null when keys cannot be rolled (why, in `rollBlocked`). */
  rollToken: (token: Token) => void;
  rollBlocked: string | null;
};

export function paletteItems(ctx: PaletteContext): PaletteItem[] {
  const items: PaletteItem[] = [...ctx.actions];
  for (const org of ctx.orgs) {
    items.push({ id: `org:${org.id}`, kind: "org", label: org.name, detail: org.slug, run: () => ctx.openOrg(org.id) });
  }
  for (const project of ctx.projects) {
    items.push({
      id: `project:${project.id}`,
      kind: "project",
      label: project.name,
      detail: project.description,
      run: () => ctx.openProject(project.id),
    });
  }
  for (const token of ctx.tokens) {
    items.push({
      id: `token:${token.id}`,
      kind: "token",
      label: token.name,
      detail: `${token.hint}${token.revoked ? " · revoked" : ""}`,
      run: () => ctx.openToken(token),
    });
    if (token.revoked) continue;
    items.push({
      id: `roll:${token.id}`,
      kind: "token",
      label: `Roll ${token.name}`,
      detail: `${token.hint} · replace with a new key, then revoke`,
      disabled: ctx.rollBlocked,
      run: () => ctx.rollToken(token),
    });
  }
  for (const account of ctx.accounts) {
    if (account.id === ctx.currentAccountId) continue;
    items.push({
      id: `account:${account.id}`,
      kind: "account",
      label: `Switch to ${account.label}`,
      detail: `${account.identity} · ${hostOf(account)}`,
      run: () => ctx.switchAccount(account.id),
    });
  }
  return items;
}
