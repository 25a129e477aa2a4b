// The invites sent from this app in the open org (the platform lists no pending invites):
// read from the cache while the Members tab shows them, and again whenever the org's
// members change (an invite, a refresh), which is when one may have been accepted.
import { backend, type SentInvite } from "../backend";
import { describeError } from "../errors";
import { bus } from "./bus";
import type { OrgScope } from "./orgRows.svelte";

export class SentInvites {
  list = $state.raw<SentInvite[]>([]);
  error = $state<string | null>(null);

  constructor(private readonly scope: OrgScope) {}

  /** Reads them now and after each change to the members, until the returned function is called. */
  follow(): () => void {
    void this.load();
    return bus.onOrgChange(this.scope, ["members"], () => void this.load());
  }

  /** Forgets one (the invite itself stands on the server). */
  async forget(email: string): Promise<void> {
    try {
      await backend.forgetInvite({ ...this.scope, email });
      this.list = this.list.filter((invite) => invite.email !== email);
    } catch (error) {
      this.error = describeError(error);
    }
  }

  private async load(): Promise<void> {
    try {
      this.list = await backend.sentInvites(this.scope);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
