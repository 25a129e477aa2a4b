// A form's error state: local rules shown as the person types, the server's answer
// shown at the field it names (until that field changes), anything else above the
// buttons. The typed values live in the form's own state and are never cleared here.
import { BackendError } from "./backend";
import { describeError } from "./errors";

export class FormState {
  submitted = $state(false);
  busy = $state(false);
  touched = $state<Record<string, boolean>>({});
  server = $state<Record<string, string>>({});
  general = $state<string | null>(null);

  constructor(private readonly fields: readonly string[]) {}

  /** The message to show at `field`: the server's, else the local rule once typed in. */
  error(field: string, local: string | null): string | null {
    const server = this.server[field];
    if (server !== undefined) return server;
    return this.touched[field] || this.submitted ? local : null;
  }

  touch(field: string): void {
    this.touched[field] = true;
    if (this.server[field] !== undefined) delete this.server[field];
  }

  /** Runs the submit: local checks first (all must be null), then `action`. */
  async submit(checks: (string | null)[], action: () => Promise<void>): Promise<boolean> {
    this.submitted = true;
    this.general = null;
    if (checks.some((check) => check !== null)) return false;
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  fail(error: unknown): void {
    if (error instanceof BackendError && error.field && this.fields.includes(error.field)) {
      this.server[error.field] = describeError(error);
    } else {
      this.general = describeError(error);
    }
  }
}
