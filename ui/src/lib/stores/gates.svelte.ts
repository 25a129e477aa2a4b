// May the identity do this, here and now? `null` means yes; otherwise the reason, naming
// the missing scope (or the lost connection), for the disabled control's tooltip and hint.
import { grants } from "../contract";
import { connectivity } from "./connectivity.svelte";
import { session } from "./session.svelte";
import { workspace } from "./workspace.svelte";

export function missingScope(scope: string): string | null {
  const held = workspace.myScopes;
  if (held === null) return null; // unknown yet: the server still checks, and a 403 names it
  return grants(held, scope) ? null : scope;
}

export function gate(scope: string | null): string | null {
  if (connectivity.offline) return "You're offline — changes need a connection";
  if (session.current?.state === "needs_sign_in") return "Signed out — sign in again to make changes";
  if (scope === null) return null;
  const missing = missingScope(scope);
  return missing ? `Needs the ${missing} scope` : null;
}
