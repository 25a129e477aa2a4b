// The open org's API keys, and the writes on them. A write changes the list only through
// the backend's `rows_changed` event; its method does what follows it on screen.
import { backend, type NewToken, type Token } from "../backend";
import { nav } from "./nav.svelte";
import { OrgRowList, type OrgScope } from "./orgRows.svelte";

export class TokenList extends OrgRowList<Token> {
  constructor(scope: OrgScope) {
    super(scope, "tokens", (args) => backend.listTokens(args), (token) => token.id, (token) => token.name);
  }

  /** Creates a key; its secret waits in Rust, and its copy-once dialog opens. */
  async create(token: NewToken): Promise<void> {
    const minted = await this.write((org) => backend.createToken({ ...org, token }));
    nav.close();
    nav.minted = minted;
  }

  async revoke(tokenId: string): Promise<void> {
    await this.write((org) => backend.revokeToken({ ...org, tokenId }));
  }
}
