// Where a failure's words come from: Rust writes every sentence; the UI shows it as is.
import { BackendError, ErrorCodes, type ErrorReport } from "./backend";

/** The sentence to show for a failure. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Rust's report of a failure. Every backend call fails with one; anything else (a bug
 * in the page) is reported as internal, in its own words. */
export function reportOf(error: unknown): ErrorReport {
  if (error instanceof BackendError) return error.report;
  return { code: ErrorCodes.internal, message: describeError(error), connectivity: false };
}
