// Where the person is: which screen of the open org, which project's details, which
// dialog is open, and the just-created key whose copy-once dialog is up. The command
// palette drives the same state as clicks do.
import type { KeyConcern, MintedToken, Token } from "../backend";
import type { LinkView } from "../bindings/LinkView";

/** An org's screens: the same list a link into the app may name (Rust's `LinkView`). */
export type View = LinkView;
export type DialogName =
  | "add-account"
  | "create-org"
  | "create-project"
  | "create-token"
  | "bulk-revoke"
  | "invite-member"
  | "palette"
  | "about"
  /** The update dialog as it stands (an offer from the status bar). */
  | "update"
  /** The update dialog, checking now (the palette, About). */
  | "check-update";

class Nav {
  view = $state<View>("projects");
  projectId = $state<string | null>(null);
  tokenSearch = $state("");
  /** The Tokens tab's Health panel is open. */
  keyHealthShown = $state(false);
  /** The Tokens table shows only the keys with this concern (a Health panel click). */
  tokenConcern = $state<KeyConcern | null>(null);
  dialog = $state<DialogName | null>(null);
  /** The org whose free-plan confirmation the palette asked for; its Usage tab opens it once its plans show. */
  freePlanAsked = $state<string | null>(null);
  /** The key just created: its copy-once dialog shows over everything else. */
  minted = $state.raw<MintedToken | null>(null);
  /** The key whose roll is being confirmed (from its row or the palette). */
  rolling = $state.raw<Token | null>(null);
  /** In a roll, the key the just-created one replaces (revoked from that dialog). */
  mintedReplaces = $state.raw<Token | null>(null);
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

  /** The Tokens tab with its Health panel open (from the palette or a notification). */
  showKeyHealth(concern: KeyConcern | null = null): void {
    this.view = "tokens";
    this.keyHealthShown = true;
    this.tokenConcern = concern;
  }

  /** Opens the copy-once dialog of `minted` (in a roll, the key it `replaces`). */
  showMinted(minted: MintedToken, replaces: Token | null = null): void {
    this.minted = minted;
    this.mintedReplaces = replaces;
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
    this.keyHealthShown = false;
    this.tokenConcern = null;
    this.dialog = null;
    this.freePlanAsked = null;
    this.minted = null;
    this.mintedReplaces = null;
    this.rolling = null;
    this.notice = null;
  }
}

export const nav = new Nav();
