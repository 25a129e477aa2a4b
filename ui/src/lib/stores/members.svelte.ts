// The open org's members, and the writes on them. A write changes the list only through
// the backend's events (`rows_changed`; an invite's refetch is `cache_updated`); its
// method does what follows it on screen.
import { backend, type Member, type NewInvite } from "../backend";
import { nav } from "./nav.svelte";
import { OrgRowList, type OrgScope } from "./orgRows.svelte";
import { PagedList } from "./pagedList.svelte";

/** The window of the org's members the Members table shows (searched and ordered in Rust). */
export function memberPage(scope: OrgScope): PagedList<Member> {
  return new PagedList<Member>(
    { ...scope, resource: "members" },
    (window, mode) => backend.memberPage({ ...scope, window, mode }),
    (member) => member.userId,
  );
}

export class MemberList extends OrgRowList<Member> {
  constructor(scope: OrgScope) {
    super(scope, "members", (args) => backend.listMembers(args), (member) => member.userId, (member) => member.name || member.email);
  }

  /** Invites someone; a known email joins at once (the backend brings the list up to date). */
  async invite(invite: NewInvite): Promise<void> {
    const status = await this.write((org) => backend.inviteMember({ ...org, invite }));
    nav.close();
    nav.flash(status === "joined" ? `${invite.email} joined` : `Invitation sent to ${invite.email}`);
  }

  async updateScopes(userId: string, scopes: string[]): Promise<void> {
    await this.write((org) => backend.updateMemberScopes({ ...org, userId, scopes }));
  }

  async remove(userId: string): Promise<void> {
    await this.write((org) => backend.removeMember({ ...org, userId }));
  }
}
