// Exporting the open org's lists as their screens filter them: Rust asks where to save
// (the native dialog) and writes the file; a confirmation names where it went.
import { backend, type ExportFormat, type ExportList } from "../backend";
import { nav } from "./nav.svelte";
import { workspace } from "./workspace.svelte";

/** What each list's export is called in the confirmation. */
const NOUNS: Record<ExportList["kind"], [string, string]> = {
  tokens: ["key", "keys"],
  members: ["member", "members"],
  projects: ["project", "projects"],
  activity: ["activity entry", "activity entries"],
  usage: ["day of usage", "days of usage"],
};

/**
 * Exports `list` (with its screen's `search`) as `format`. Resolves when it is written
 * or the dialog was cancelled; rejects with the backend's error (shown by the caller).
 */
export async function exportList(list: ExportList, search: string, format: ExportFormat): Promise<void> {
  const { accountId, orgId } = workspace;
  if (!accountId || !orgId) return;
  const receipt = await backend.exportList({ accountId, orgId, request: { list, search, format } });
  if (!receipt) return;
  const [one, many] = NOUNS[list.kind];
  nav.flash(`Exported ${receipt.rows.toLocaleString()} ${receipt.rows === 1 ? one : many} to ${receipt.path}`);
}
