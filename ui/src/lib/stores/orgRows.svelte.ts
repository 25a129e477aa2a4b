// A list of one org's rows (projects, members, keys), and how its writes run: with the
// account's session, asking for the password in place when it has expired.
import type { Loaded, ReadMode } from "../backend";
import { RowList } from "./loaded.svelte";
import { withSession } from "./reauth.svelte";

/** The account and org every call of an org's list names. */
export interface OrgScope {
  accountId: string;
  orgId: string;
}

export class OrgRowList<Row> extends RowList<Row> {
  protected readonly scope: OrgScope;

  constructor(
    scope: OrgScope,
    resource: "projects" | "members" | "tokens",
    read: (scope: OrgScope & { mode: ReadMode }) => Promise<Loaded<Row[]>>,
    idOf: (row: Row) => string,
    nameOf: (row: Row) => string,
  ) {
    super({ ...scope, resource }, (mode) => read({ ...scope, mode }), idOf, nameOf);
    this.scope = scope;
  }

  /** Runs a write on this org; its rows come back through the backend's events. */
  protected write<T>(call: (scope: OrgScope) => Promise<T>): Promise<T> {
    return withSession(this.scope.accountId, () => call(this.scope));
  }
}
