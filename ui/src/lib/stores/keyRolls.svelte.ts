// The open org's unfinished key rolls (the replacement exists, the old key is not revoked
// yet), from the cache: read while something follows them, and again when a roll starts
// or ends (a roll made here, a listed old key changed, the keys refreshed). Finishing one
// revokes its old key; a failure stays noted on the roll.
import { backend, type KeyRoll } from "../backend";
import { describeError } from "../errors";
import { bus } from "./bus";
import type { OrgScope } from "./orgRows.svelte";

export class KeyRolls {
  list = $state.raw<KeyRoll[]>([]);
  error = $state<string | null>(null);
  /** The old key whose revoke is under way. */
  finishing = $state<string | null>(null);

  constructor(
    private readonly scope: OrgScope,
    private readonly revoke: (tokenId: string) => Promise<void>,
  ) {}

  /** Reads them now and whenever a roll may have started or ended, until the returned function is called. */
  follow(): () => void {
    void this.reread();
    return bus.onOrgChange(this.scope, ["tokens"], (event) => {
      if (event.kind === "cache_updated") {
        void this.reread();
        return;
      }
      if (event.rows.resource !== "tokens") return;
      const { upserted, removed } = event.rows;
      const touched = [...upserted.map((token) => token.id), ...removed];
      if (touched.some((id) => this.rolledInto(id))) void this.reread();
    });
  }

  /** Whether `tokenId` is the old key of an unfinished roll. */
  rolledInto(tokenId: string): KeyRoll | undefined {
    return this.list.find((roll) => roll.oldId === tokenId);
  }

  /**
   * Revokes the roll's old key. Returns null when it is revoked, else what went wrong
   * (the roll stays listed, with the reason).
   */
  async finish(oldId: string): Promise<string | null> {
    this.finishing = oldId;
    try {
      await this.revoke(oldId);
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      this.finishing = null;
      await this.reread();
    }
  }

  /** Keeps both keys: the roll is no longer listed. */
  async forget(oldId: string): Promise<void> {
    try {
      await backend.forgetRoll({ ...this.scope, oldId });
      this.list = this.list.filter((roll) => roll.oldId !== oldId);
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Reads the rolls from the cache (a roll just made, a change seen). */
  async reread(): Promise<void> {
    try {
      this.list = await backend.keyRolls(this.scope);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
