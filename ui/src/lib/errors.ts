// Turning a BackendError into words for a person, and deciding where they go.
import { BackendError } from "./backend";

/** Stale reasons and error codes meaning "the server could not answer". A 429
 * (`rate_limited`) is not one: the server answered, asking the app to slow down. */
const CONNECTIVITY = new Set(["offline", "timeout", "server", "connection_lost"]);

export function isConnectivityCode(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && CONNECTIVITY.has(code);
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof BackendError ? error.code : undefined;
}

/** The whole sentence to show for a failure, naming a missing scope or a wait. */
export function describeError(error: unknown): string {
  if (error instanceof BackendError) {
    if (error.code === "forbidden" && error.missingScope) {
      return `You need the “${error.missingScope}” scope for this. ${error.message}`.trim();
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
