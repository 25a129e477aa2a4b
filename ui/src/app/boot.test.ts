import { beforeEach, describe, expect, it, vi } from "vitest";
import { backend } from "../lib/backend";
import { session } from "../lib/stores/session.svelte";
import { workspace } from "../lib/stores/workspace.svelte";
import { fakeBackend, makeAccount, makeOrg, makeProject, resetStores, world } from "../test/fakeBackend";
import { beforeFirstPaint } from "./boot";

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend(world({ orgs: [makeOrg()], projects: [makeProject()] })));
});

describe("before the first paint", () => {
  it("has the accounts, the open org and its cached rows, from the cache alone", async () => {
    await beforeFirstPaint(5_000);
    expect(session.loaded).toBe(true);
    expect(workspace.org?.id).toBe("org_1");
    expect(workspace.projectPage?.rowAt(0)?.id).toBe("proj_1");
    expect(vi.mocked(backend.projectPage).mock.calls[0]?.[0].mode).toBe("cache");
  });

  it("opens the remembered org alongside the org list", async () => {
    Object.assign(backend, fakeBackend(world({ orgs: [makeOrg(), makeOrg({ id: "org_2", name: "Beta" })] })));
    vi.mocked(backend.listAccounts).mockResolvedValue({
      accounts: [makeAccount()],
      current: "acc_1",
      lastOrg: { acc_1: "org_2" },
    });
    await beforeFirstPaint(5_000);
    expect(workspace.orgId).toBe("org_2");
  });

  it("gives up waiting after the cap when the cache does not answer", async () => {
    vi.mocked(backend.listOrgs).mockImplementation(() => new Promise(() => undefined));
    vi.useFakeTimers();
    try {
      let done = false;
      void beforeFirstPaint(400).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(399);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shares the accounts read with the shell: listed once", async () => {
    await Promise.all([beforeFirstPaint(5_000), session.loadOnce()]);
    expect(backend.listAccounts).toHaveBeenCalledTimes(1);
  });
});
