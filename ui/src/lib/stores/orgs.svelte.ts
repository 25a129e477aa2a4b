// The open account's organizations, and the writes on them. A write changes the list
// only through the backend's `rows_changed` event; its method does what follows it on
// screen (a new org opens; a deleted one closes, and the workspace settles on another).
import { backend, type NewOrg, type Org, type OrgPatch } from "../backend";
import { RowList } from "./loaded.svelte";
import { nav } from "./nav.svelte";
import { withSession } from "./reauth.svelte";

export class OrgList extends RowList<Org> {
  constructor(
    private readonly accountId: string,
    private readonly open: (orgId: string) => void,
  ) {
    super(
      { accountId, resource: "orgs", orgId: null },
      (mode) => backend.listOrgs({ accountId, mode }),
      (org) => org.id,
      (org) => org.name,
    );
  }

  /** Creates an organization and opens it on its projects. */
  async create(org: NewOrg): Promise<void> {
    const { accountId } = this;
    const created = await withSession(accountId, () => backend.createOrg({ accountId, org }));
    this.open(created.id);
    nav.close();
    nav.go("projects");
    nav.flash(`Created ${created.name}`);
  }

  async update(orgId: string, changes: OrgPatch): Promise<Org> {
    const { accountId } = this;
    return withSession(accountId, () => backend.updateOrg({ accountId, orgId, changes }));
  }

  async delete(orgId: string, confirmName: string): Promise<void> {
    const { accountId } = this;
    await withSession(accountId, () => backend.deleteOrg({ accountId, orgId, confirmName }));
  }
}
