// A just-minted secret (an API key's, a browser token) as the page handles it: only its
// handle until Reveal asks Rust for the value; Copy happens in Rust (hidden from
// clipboard history, cleared after 30 s); Forget tells Rust to forget it too.
import { backend, type RevealHandle } from "../backend";
import { describeError } from "../errors";

export class HeldSecret {
  revealed = $state<string | null>(null);
  /** When Rust will clear the copied value from the clipboard. */
  clearsAt = $state<string | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  private forgotten = false;

  constructor(readonly handle: RevealHandle) {}

  /** Reveal, or hide again (the value leaves the page). */
  async toggleReveal(): Promise<void> {
    if (this.revealed !== null) {
      this.revealed = null;
      return;
    }
    await this.run(async () => {
      this.revealed = (await backend.revealTokenSecret({ handle: this.handle })).value;
    });
  }

  async copy(): Promise<void> {
    await this.run(async () => {
      this.clearsAt = (await backend.copyTokenSecret({ handle: this.handle })).clearsAt;
    });
  }

  /** Forgets the value here and in Rust; safe to call more than once. */
  forget(): void {
    this.revealed = null;
    if (this.forgotten) return;
    this.forgotten = true;
    backend.discardTokenSecret({ handle: this.handle }).catch(() => undefined);
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }
}
