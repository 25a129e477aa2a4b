// The soak's regression test (`cargo xtask bench-soak` measures the real window): the
// shell with its seven tabs switched 1,000 times (each tab's view built once and then
// kept), each view on its own mounted and unmounted 1,000 times, and the palette opened
// 1,000 times leave no listener, timer, animation frame, observer or bus subscription
// behind.
import { render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import Palette from "../features/palette/Palette.svelte";
import OrgViews from "./OrgViews.svelte";
import { nav } from "../lib/stores/nav.svelte";
import { session } from "../lib/stores/session.svelte";
import { workspace } from "../lib/stores/workspace.svelte";
import { backend } from "../lib/backend";
import type { View } from "../lib/stores/nav.svelte";
import {
  fakeBackend,
  makeMember,
  makeProject,
  makeToken,
  openWorkspace,
  resetStores,
  world,
} from "../test/fakeBackend";
import { trackResources, type ResourceTracker } from "../test/resources";
import { makeOverview } from "../test/billing";
import { updates } from "../lib/stores/updates.svelte";
import { stubCanvas } from "../test/canvas";

const ROUNDS = 1_000;
const TABS: View[] = ["projects", "members", "tokens", "browser", "usage", "activity", "settings"];

/** Lets every answer of the fake backend land and the screen render it. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

let tracker: ResourceTracker | null = null;
let restoreCanvas: (() => void) | null = null;

beforeEach(() => {
  restoreCanvas = stubCanvas();
  resetStores();
  Object.assign(
    backend,
    fakeBackend(
      world({
        projects: many(6, (i) => makeProject({ id: `proj_${i}`, name: `Project ${i}` })),
        tokens: many(6, (i) => makeToken({ id: `tok_${i}`, name: `Key ${i}`, revoked: i % 3 === 0 })),
        members: many(6, (i) => makeMember({ userId: `user_${i}`, email: `person${i}@acme.com` })),
        billing: { org_1: makeOverview(88) },
      }),
    ),
  );
});

afterEach(() => {
  restoreCanvas?.();
  tracker?.restore();
  tracker = null;
});

/** What is live now, with the listeners named when they differ. */
function snapshot(): { live: ReturnType<ResourceTracker["live"]>; listeners: string[] } {
  if (!tracker) throw new Error("not tracking");
  return { live: tracker.live(), listeners: tracker.listenerTypes() };
}

describe("Nothing keeps running after a screen is gone", () => {
  it(`the shell: its ${TABS.length} tabs switched ${ROUNDS.toLocaleString()} times, the palette opened every tenth round`, async () => {
    // The chart's library adds its document listeners once, as it loads (on the first
    // Usage visit in the app): loaded before counting, so only what screens leave counts.
    await import("uplot");
    // The shell's one-shot update check at start fires before counting begins.
    updates.startDelayMs = 0;
    tracker = trackResources();
    render(App);
    await screen.findByTestId("org-title");
    await settle();
    const round = async (n: number) => {
      for (const tab of TABS) {
        screen.getByTestId(`tab-${tab}`).click();
        await settle();
      }
      if (n % 10 === 0) {
        window.dispatchEvent(new KeyboardEvent("keydown", { key: "k", ctrlKey: true, bubbles: true }));
        await screen.findByTestId("palette-input");
        window.dispatchEvent(new KeyboardEvent("keydown", { key: "k", ctrlKey: true, bubbles: true }));
        await settle();
      }
    };
    // One round first: what the shell keeps for its life is counted in the baseline.
    await round(0);
    screen.getByTestId("tab-projects").click();
    await settle();
    const before = snapshot();
    for (let n = 1; n <= ROUNDS; n++) await round(n);
    screen.getByTestId("tab-projects").click();
    await settle();
    expect(snapshot()).toEqual(before);
    expect(screen.getAllByTestId("project-row").length).toBeGreaterThan(0);
  }, 300_000);

  it(`each view on its own, mounted and unmounted ${ROUNDS.toLocaleString()} times`, async () => {
    await import("uplot");
    await openWorkspace();
    const account = session.current;
    const org = workspace.org;
    if (!account || !org) throw new Error("no open org");
    tracker = trackResources();
    const mountOnce = async (view: View) => {
      nav.go(view);
      const mounted = render(OrgViews, { props: { account, org } });
      await settle();
      mounted.unmount();
      await settle();
    };
    for (const view of TABS) await mountOnce(view);
    const before = snapshot();
    for (let n = 0; n < ROUNDS; n++) await mountOnce(TABS[n % TABS.length] ?? "projects");
    expect(snapshot()).toEqual(before);
  }, 300_000);

  it(`the palette, opened and closed ${ROUNDS.toLocaleString()} times on its own`, async () => {
    await openWorkspace();
    tracker = trackResources();
    const openOnce = async () => {
      const mounted = render(Palette, { props: { onSwitch: () => undefined, onClose: () => undefined } });
      await settle();
      mounted.unmount();
      await settle();
    };
    await openOnce();
    const before = snapshot();
    for (let n = 0; n < ROUNDS; n++) await openOnce();
    expect(snapshot()).toEqual(before);
  }, 120_000);
});
