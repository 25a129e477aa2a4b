// The open org's unfinished key rolls (the replacement exists, the old key is not revoked
// yet), from the cache: read while something follows them, and again whenever the org's
// keys change. Finishing one revokes its old key; a failure stays noted on the roll.
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

  /** Reads them now and after each change to the org's keys, until the returned function is called. */
  follow(): () => void {
    void this.load();
    return bus.onOrgChange(this.scope, ["tokens"], () => void this.load());
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
      await this.load();
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

  private async load(): Promise<void> {
    try {
      this.list = await backend.keyRolls(this.scope);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
