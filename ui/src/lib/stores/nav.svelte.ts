// Where the person is: which screen of the open org, which project's details, which
// dialog is open, and the just-created key whose copy-once dialog is up. The command
// palette drives the same state as clicks do.
import type { MintedToken } from "../backend";
export type View = "projects" | "members" | "tokens" | "browser" | "settings";
export type DialogName =
  | "add-account"
  | "create-org"
  | "create-project"
  | "create-token"
  | "invite-member"
  | "palette"
  | "about";

class Nav {
  view = $state<View>("projects");
  projectId = $state<string | null>(null);
  tokenSearch = $state("");
  dialog = $state<DialogName | null>(null);
  /** The key just created: its copy-once dialog shows over everything else. */
  minted = $state.raw<MintedToken | null>(null);
  /** A short confirmation ("Project created") shown above the screen for a few seconds. */
  notice = $state<string | null>(null);
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  flash(text: string): void {
    this.notice = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = null), 6000);
  }

  go(view: View): void {
    this.view = view;
  }

  open(dialog: DialogName): void {
    this.dialog = dialog;
  }

  close(): void {
    this.dialog = null;
  }

  reset(): void {
    this.view = "projects";
    this.projectId = null;
    this.tokenSearch = "";
    this.dialog = null;
    this.minted = null;
    this.notice = null;
  }
}

export const nav = new Nav();
