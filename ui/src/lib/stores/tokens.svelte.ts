// The open org's API keys, and the writes on them. A write changes the list only through
// the backend's `rows_changed` event; its method does what follows it on screen.
import { backend, type KeyHealth, type NewToken, type Token, type TokenFilter } from "../backend";
import { describeError } from "../errors";
import { bus } from "./bus";
import { KeyRolls } from "./keyRolls.svelte";
import { KeySelection } from "./keySelection.svelte";
import { nav } from "./nav.svelte";
import { UNUSED_LIST_KEPT_MS } from "./loaded.svelte";
import { OrgRowList, type OrgScope } from "./orgRows.svelte";
import { FilteredPagedList } from "./filteredPagedList.svelte";

/** Every key, most recently used first: the Tokens table's opening filters. */
export const ALL_KEYS: TokenFilter = { project: { kind: "all" }, status: "all", sort: "last_used_desc", concern: null };

/**
 * The window of the org's keys the Tokens table shows: filtered, searched, ordered and
 * counted in Rust (SQLite), so the webview never holds the org's whole list.
 */
export class TokenPage extends FilteredPagedList<Token, TokenFilter> {
  constructor(scope: OrgScope) {
    super(
      { ...scope, resource: "tokens" },
      (window, mode, filter) => backend.tokenPage({ ...scope, window, filter, mode }),
      (token) => token.id,
      ALL_KEYS,
    );
  }

  /**
   * A key changes in place only when it is revoked, which moves it neither in any order
   * nor out of the search; only a status filter can drop it from the window.
   */
  protected override changesInPlace(): boolean {
    return this.filter.status === "all";
  }
}

export class TokenList extends OrgRowList<Token> {
  /** Read from the cache alone: kept a minute after its last screen lets go. */
  protected override readonly keptUnusedMs = UNUSED_LIST_KEPT_MS;
  /** The org's unfinished rolls. */
  readonly rolls: KeyRolls;
  /** The keys checked for a bulk revoke. */
  readonly selection: KeySelection;

  constructor(scope: OrgScope) {
    super(scope, "tokens", (args) => backend.listTokens(args), (token) => token.id, (token) => token.name);
    this.rolls = new KeyRolls(scope, (tokenId) => this.revoke(tokenId));
    this.selection = new KeySelection(scope);
  }

  /**
   * The cache alone: the Tokens table's window and the refresh read the server (the
   * palette, which holds this list, should not send a request each time it opens).
   */
  protected override async firstLoad(): Promise<void> {
    await this.load("cache");
  }

  /** Creates a key; its secret waits in Rust, and its copy-once dialog opens. */
  async create(token: NewToken): Promise<void> {
    const minted = await this.write((org) => backend.createToken({ ...org, token }));
    nav.close();
    nav.showMinted(minted);
  }

  /**
   * Creates the replacement of `token` (Rust names it and copies its scopes, project and
   * expiry policy); its copy-once dialog opens, offering to revoke `token` once the new
   * secret is saved.
   */
  async roll(token: Token): Promise<void> {
    const minted = await this.write((org) => backend.rollToken({ ...org, tokenId: token.id }));
    nav.showMinted(minted, token);
    await this.rolls.reread();
  }

  async revoke(tokenId: string): Promise<void> {
    await this.write((org) => backend.revokeToken({ ...org, tokenId }));
  }
}

/**
 * The Health panel's counts of the org's keys that need attention, per concern (the
 * rules and thresholds are Rust's), from the cache; read while the panel follows them,
 * and again whenever the org's keys or projects change.
 */
export class KeyHealthCounts {
  health = $state.raw<KeyHealth | null>(null);
  error = $state<string | null>(null);

  constructor(private readonly scope: OrgScope) {}

  /** Reads the counts now and after each change, until the returned function is called. */
  follow(): () => void {
    void this.load();
    return bus.onOrgChange(this.scope, ["tokens", "projects"], () => void this.load());
  }

  private async load(): Promise<void> {
    try {
      this.health = await backend.keyHealth(this.scope);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
