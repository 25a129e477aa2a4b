// The open account's organizations, the open org, what the identity may do in it, and
// its lists (projects, members, tokens), each read stale-while-revalidate on demand.
import { backend, type Member, type Org, type Project, type Token } from "../backend";
import { LoadedList } from "./loaded.svelte";
import { session } from "./session.svelte";

class Workspace {
  accountId = $state<string | null>(null);
  orgs = $state.raw<LoadedList<Org[]> | null>(null);
  orgId = $state<string | null>(null);
  scopes = $state.raw<LoadedList<string[] | null> | null>(null);
  projects = $state.raw<LoadedList<Project[]> | null>(null);
  members = $state.raw<LoadedList<Member[]> | null>(null);
  tokens = $state.raw<LoadedList<Token[]> | null>(null);

  get orgList(): Org[] {
    return this.orgs?.data ?? [];
  }

  get org(): Org | null {
    return this.orgList.find((org) => org.id === this.orgId) ?? null;
  }

  /** What the identity holds in the open org; null while unknown. */
  get myScopes(): string[] | null {
    return this.scopes?.data ?? null;
  }

  /** Opens an account: its org list, then the org it had open last (or the first). */
  openAccount(accountId: string | null): void {
    if (accountId === this.accountId && this.orgs) return;
    this.closeOrg();
    this.orgs?.dispose();
    this.orgId = null;
    this.accountId = accountId;
    if (!accountId) {
      this.orgs = null;
      return;
    }
    const list = new LoadedList<Org[]>({ accountId, resource: "orgs", orgId: null }, (mode) =>
      backend.listOrgs({ accountId, mode }),
    );
    this.orgs = list;
    list.ensure();
  }

  /** Called when the org list changes: keep the open org, else pick the remembered one. */
  settleOrg(): void {
    const orgs = this.orgList;
    if (!this.accountId) return;
    if (this.orgId && orgs.some((org) => org.id === this.orgId)) return;
    if (this.orgId && this.orgs?.data === null) return;
    const remembered = session.lastOrg[this.accountId];
    const next = orgs.find((org) => org.id === remembered) ?? orgs[0];
    if (next) this.selectOrg(next.id);
    else if (this.orgId) this.closeOrg();
  }

  selectOrg(orgId: string): void {
    const accountId = this.accountId;
    if (!accountId || orgId === this.orgId) return;
    this.closeOrg();
    this.orgId = orgId;
    session.rememberOrg(orgId);
    const key = (resource: "my_scopes" | "projects" | "members" | "tokens") => ({ accountId, resource, orgId });
    this.scopes = new LoadedList(key("my_scopes"), (mode) => backend.myScopes({ accountId, orgId, mode }));
    this.projects = new LoadedList(key("projects"), (mode) => backend.listProjects({ accountId, orgId, mode }));
    this.members = new LoadedList(key("members"), (mode) => backend.listMembers({ accountId, orgId, mode }));
    this.tokens = new LoadedList(key("tokens"), (mode) => backend.listTokens({ accountId, orgId, mode }));
    this.scopes.ensure();
  }

  closeOrg(): void {
    for (const list of [this.scopes, this.projects, this.members, this.tokens]) list?.dispose();
    this.scopes = this.projects = this.members = this.tokens = null;
    this.orgId = null;
  }

  /** After a create/rename: show the server's org at once. */
  upsertOrg(org: Org): void {
    this.orgs?.patch((orgs) => {
      const list = orgs ?? [];
      return list.some((o) => o.id === org.id) ? list.map((o) => (o.id === org.id ? org : o)) : [...list, org];
    });
  }

  removeOrg(orgId: string): void {
    this.orgs?.patch((orgs) => (orgs ?? []).filter((o) => o.id !== orgId));
    if (this.orgId === orgId) this.closeOrg();
    this.settleOrg();
  }

  reset(): void {
    this.closeOrg();
    this.orgs?.dispose();
    this.orgs = null;
    this.accountId = null;
  }
}

export const workspace = new Workspace();
