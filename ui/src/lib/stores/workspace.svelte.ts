// The open account's organizations, the open org, what the identity may do in it, and
// its lists (projects, members, tokens) and usage overview, each read stale-while-revalidate on demand.
// Writes are the lists' own methods (`workspace.tokens.create(…)`).
import { backend, type BrowserTokenRequest, type Member, type MintedBrowserToken, type Org, type Project } from "../backend";
import { BillingOverviewStore, usageLevels } from "./billing.svelte";
import { LoadedList } from "./loaded.svelte";
import { MemberList, memberPage } from "./members.svelte";
import { OrgList } from "./orgs.svelte";
import { PagedList } from "./pagedList.svelte";
import { ProjectList } from "./projects.svelte";
import { session } from "./session.svelte";
import { TokenList, TokenPage } from "./tokens.svelte";

class Workspace {
  accountId = $state<string | null>(null);
  orgs = $state.raw<OrgList | null>(null);
  orgId = $state<string | null>(null);
  scopes = $state.raw<LoadedList<string[] | null> | null>(null);
  /** Every project of the org (pickers, names, the palette; `hold()` it while shown) and the writes on them. */
  projects = $state.raw<ProjectList | null>(null);
  /** The window of the org's projects the Projects table shows. */
  projectPage = $state.raw<PagedList<Project> | null>(null);
  /** The writes on the org's members (its rows are read only if something holds it). */
  members = $state.raw<MemberList | null>(null);
  /** The window of the org's members the Members table shows. */
  memberPage = $state.raw<PagedList<Member> | null>(null);
  /** Every key of the org (the palette; `hold()` it while shown) and the writes on them. */
  tokens = $state.raw<TokenList | null>(null);
  /** The window of the org's keys the Tokens table shows. */
  tokenPage = $state.raw<TokenPage | null>(null);
  /** The org's usage and billing overview (read while the Usage tab holds it). */
  billing = $state.raw<BillingOverviewStore | null>(null);

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
    usageLevels.open(accountId);
    if (!accountId) {
      this.orgs = null;
      return;
    }
    const list = new OrgList(accountId, (orgId) => this.selectOrg(orgId));
    this.orgs = list;
    list.ensure();
    // The org it had open last opens now, not after the org list: its lists are read
    // alongside (one round trip to the first paint, not three). If the org is gone, the
    // org list's answer settles on another (settleOrg).
    const remembered = session.lastOrg[accountId];
    if (remembered) this.selectOrg(remembered);
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
    this.scopes = new LoadedList({ accountId, resource: "my_scopes", orgId }, (mode) =>
      backend.myScopes({ accountId, orgId, mode }),
    );
    this.projectPage = new PagedList<Project>(
      { accountId, resource: "projects", orgId },
      (window, mode) => backend.projectPage({ accountId, orgId, window, mode }),
      (project) => project.id,
    );
    this.projects = new ProjectList({ accountId, orgId }, this.projectPage);
    this.members = new MemberList({ accountId, orgId });
    this.memberPage = memberPage({ accountId, orgId });
    this.tokens = new TokenList({ accountId, orgId });
    this.tokenPage = new TokenPage({ accountId, orgId });
    this.billing = new BillingOverviewStore({ accountId, orgId });
    this.scopes.ensure();
    // The org's projects are read from the server once, here, before any screen mounts;
    // every other list of them reads what that cached (ProjectList).
    this.projectPage.ensure();
  }

  closeOrg(): void {
    const lists = [
      this.scopes,
      this.projects,
      this.projectPage,
      this.members,
      this.memberPage,
      this.tokens,
      this.tokenPage,
      this.billing,
    ];
    for (const list of lists) list?.dispose();
    this.scopes = this.projects = this.members = this.tokens = null;
    this.projectPage = this.memberPage = this.tokenPage = null;
    this.billing = null;
    this.orgId = null;
  }

  /** Mints a browser token from the open API-key account; it waits in Rust under its handle. */
  async mintBrowserToken(request: BrowserTokenRequest): Promise<MintedBrowserToken> {
    // Without an open account Rust answers `unknown_account`, in its own words.
    return backend.mintBrowserToken({ accountId: this.accountId ?? "", request });
  }

  reset(): void {
    usageLevels.close();
    this.closeOrg();
    this.orgs?.dispose();
    this.orgs = null;
    this.accountId = null;
  }
}

export const workspace = new Workspace();
