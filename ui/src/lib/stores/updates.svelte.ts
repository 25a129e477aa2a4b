// The app's own updates: a quiet check a little after start, a check from the palette or
// About, and the install only on the person's yes (Rust downloads the update, verifies
// its signature, then installs it). A quiet check's failure stays out of sight: the
// person asked for nothing.
import { backend, type ErrorReport, type UpdateCheck } from "../backend";
import { reportOf } from "../errors";

export type AvailableUpdate = Extract<UpdateCheck, { status: "available" }>;
export type UpdatePhase =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "up-to-date"; current: string }
  | { step: "available"; update: AvailableUpdate }
  | { step: "installing"; update: AvailableUpdate }
  | { step: "installed"; version: string }
  | { step: "failed"; error: ErrorReport };

/** The check at start waits this long, so it never competes with the first screen. */
export const START_CHECK_DELAY_MS = 5000;

class Updates {
  phase = $state<UpdatePhase>({ step: "idle" });
  /** How long the check at start waits (tests shorten it). */
  startDelayMs = START_CHECK_DELAY_MS;
  /** Which check is the newest: an older answer arriving late never overwrites it. */
  private seq = 0;

  /** The offered update, while one is offered or installing. */
  get offered(): AvailableUpdate | null {
    const phase = this.phase;
    return phase.step === "available" || phase.step === "installing" ? phase.update : null;
  }

  /** The version installed and waiting for a restart, if any. */
  get installed(): string | null {
    return this.phase.step === "installed" ? this.phase.version : null;
  }

  /** Asks the update server; `quiet` (the check at start) shows only an offer. */
  async check(quiet = false): Promise<void> {
    const step = this.phase.step;
    if (step === "installing" || step === "installed") return;
    const seq = ++this.seq;
    if (!quiet) this.phase = { step: "checking" };
    try {
      const found = await backend.checkForUpdate();
      if (seq !== this.seq) return;
      if (found.status === "available") this.phase = { step: "available", update: found };
      else if (!quiet) this.phase = { step: "up-to-date", current: found.current };
    } catch (error) {
      if (seq === this.seq && !quiet) this.phase = { step: "failed", error: reportOf(error) };
    }
  }

  /** The person said yes: download, verify, install; then the restart is offered. */
  async install(): Promise<void> {
    const update = this.offered;
    if (!update || this.phase.step === "installing") return;
    this.seq += 1;
    this.phase = { step: "installing", update };
    try {
      this.phase = { step: "installed", version: await backend.installUpdate() };
    } catch (error) {
      this.phase = { step: "failed", error: reportOf(error) };
    }
  }

  restart(): Promise<void> {
    return backend.restartApp();
  }

  /** The quiet check, once, `delayMs` after start; returns its cancel. */
  checkAfterStart(delayMs = this.startDelayMs): () => void {
    const timer = setTimeout(() => void this.check(true), delayMs);
    return () => clearTimeout(timer);
  }
}

export const updates = new Updates();
