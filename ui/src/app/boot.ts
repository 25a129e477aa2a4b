// What runs before the window shows anything: the accounts, then the open account's org
// list and its org's first window of projects, from the cache. The first paint is then
// the whole screen, rows included: under software rendering (WebKitGTK without a GPU)
// each paint of a half-built screen cost about 100 ms before the rows could follow.
// Capped, so a slow read shows the shell (and its loading states) instead of nothing.
import { markBoot } from "../lib/paintMark";
import { session } from "../lib/stores/session.svelte";
import { workspace } from "../lib/stores/workspace.svelte";

/** The longest the window stays empty waiting for the cache. */
export const BOOT_WAIT_MS = 400;

/** Opens what the first screen shows, as the shell would, and waits for its cached rows. */
export async function openFromCache(): Promise<void> {
  await session.loadOnce();
  markBoot("accounts");
  workspace.openAccount(session.currentId);
  await workspace.orgs?.cacheRead;
  // No remembered org: the org list's answer picks one, as the shell does later.
  workspace.settleOrg();
  await workspace.projectPage?.cacheRead;
  markBoot("rows-read");
}

/** Resolves when the first screen's cached rows are in, or after `waitMs`, whichever is first. */
export function beforeFirstPaint(waitMs = BOOT_WAIT_MS): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, waitMs);
    openFromCache()
      .catch(() => undefined) // the shell shows what failed, in place
      .finally(() => {
        clearTimeout(timer);
        done();
      });
  });
}
