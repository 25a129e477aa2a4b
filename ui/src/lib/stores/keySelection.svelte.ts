// The keys checked on the Tokens tab for a bulk revoke, and how each one's revoke ended.
// Checks come from clicks (Shift: the range from the last check, over the rows loaded),
// Space, or "select all" (every unrevoked key the table lists, from Rust). The revokes
// run in Rust, a few at a time; a key that failed stays checked with its reason, so a
// retry takes exactly the failures.
import { SvelteMap } from "svelte/reactivity";
import { backend, type ErrorReport, type KeyRef, type Token, type TokenFilter } from "../backend";
import { describeError } from "../errors";
import type { OrgScope } from "./orgRows.svelte";
import { withSession } from "./reauth.svelte";

export class KeySelection {
  /** The checked keys, id → name (for the confirmation). */
  readonly checked = new SvelteMap<string, string>();
  /** Why a key's last revoke failed, until it is unchecked or revoked. */
  readonly failures = new SvelteMap<string, ErrorReport>();
  /** How many were revoked in the last run. */
  revoked = $state(0);
  running = $state(false);
  error = $state<string | null>(null);
  private anchor: number | null = null;

  constructor(private readonly scope: OrgScope) {}

  get size(): number {
    return this.checked.size;
  }

  has(tokenId: string): boolean {
    return this.checked.has(tokenId);
  }

  /**
   * Checks or unchecks `token` (at `index` in the table); with `range`, sets every
   * unrevoked key from the last one checked to this one as this one ends up.
   */
  toggle(token: Token, index: number, range: boolean, rowAt: (index: number) => Token | undefined): void {
    const check = !this.checked.has(token.id);
    if (range && this.anchor !== null) {
      const [from, to] = this.anchor < index ? [this.anchor, index] : [index, this.anchor];
      for (let at = from; at <= to; at++) {
        const row = rowAt(at);
        if (row && !row.revoked) this.set(row, check);
      }
    } else if (!token.revoked) {
      this.set(token, check);
    }
    this.anchor = index;
  }

  /** Checks every unrevoked key the table lists for `filter` and `search`. */
  async selectAll(search: string, filter: TokenFilter): Promise<void> {
    try {
      const keys: KeyRef[] = await backend.selectableTokens({ ...this.scope, search, filter });
      for (const key of keys) this.checked.set(key.id, key.name);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  clear(): void {
    this.checked.clear();
    this.failures.clear();
    this.anchor = null;
  }

  /** Revokes the checked keys; those revoked are unchecked, those that failed keep their reason. */
  async revoke(): Promise<void> {
    const ids = [...this.checked.keys()];
    this.running = true;
    this.error = null;
    try {
      const outcomes = await withSession(this.scope.accountId, () => backend.revokeTokens({ ...this.scope, tokenIds: ids }));
      this.revoked = 0;
      this.failures.clear();
      for (const outcome of outcomes) {
        if (outcome.error) {
          this.failures.set(outcome.tokenId, outcome.error);
        } else {
          this.checked.delete(outcome.tokenId);
          this.revoked += 1;
        }
      }
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.running = false;
    }
  }

  private set(token: Token, check: boolean): void {
    if (check) {
      this.checked.set(token.id, token.name);
    } else {
      this.checked.delete(token.id);
      this.failures.delete(token.id);
    }
  }
}
