import { beforeEach, describe, expect, it, vi } from "vitest";
import { backend as realBackend, type Project } from "../backend";
import { fakeBackend, makeProject, offline, pageOf, resetStores, world } from "../../test/fakeBackend";
import { bus } from "./bus";
import { UNUSED_LIST_KEPT_MS } from "./loaded.svelte";
import { MARGIN, PagedList, WINDOW_ROWS } from "./pagedList.svelte";
import { ProjectList } from "./projects.svelte";

beforeEach(() => resetStores());

/** A paged list over `count` projects named `Project 00000`…, read through the fake backend. */
function pagedProjects(count: number) {
  const projects = Array.from({ length: count }, (_, i) =>
    makeProject({ id: `p${i}`, name: `Project ${String(i).padStart(5, "0")}`, description: i % 10 === 0 ? "edge" : "" }),
  );
  const backend = fakeBackend(world({ projects }));
  const read = vi.mocked(backend.projectPage);
  const list = new PagedList<Project>(
    { accountId: "acc_1", resource: "projects", orgId: "org_1" },
    (window, mode) => backend.projectPage({ accountId: "acc_1", orgId: "org_1", window, mode }),
    (p) => p.id,
  );
  return { list, read };
}

describe("a long list held as a window", () => {
  it("holds one window of 100,000 rows, and reads another only when scrolled past it", async () => {
    const { list, read } = pagedProjects(100_000);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    expect(list.count).toBe(100_000);
    expect(list.data?.rows).toHaveLength(WINDOW_ROWS);
    expect(list.rowAt(0)?.name).toBe("Project 00000");
    expect(list.rowAt(WINDOW_ROWS)).toBeUndefined();

    read.mockClear();
    list.show(10, 40); // inside the window: nothing to read
    expect(read).not.toHaveBeenCalled();

    list.show(90_000, 90_030);
    await vi.waitFor(() => expect(list.rowAt(90_000)?.name).toBe("Project 90000"));
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]?.[0]).toMatchObject({ window: { offset: 90_000 - MARGIN, limit: WINDOW_ROWS }, mode: "cache" });
    expect(list.data?.rows).toHaveLength(WINDOW_ROWS);
    expect(list.rowAt(0)).toBeUndefined();
    list.show(99_990, 99_999 + 10); // the end of the list is held: nothing more to read
    list.show(99_995, 99_999);
    await vi.waitFor(() => expect(list.rowAt(99_999)?.name).toBe("Project 99999"));
  });

  it("searches in the backend from the first row, and counts the matches", async () => {
    const { list, read } = pagedProjects(1_000);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    list.show(500, 530);
    await vi.waitFor(() => expect(list.rowAt(500)).toBeDefined());

    list.searchFor("EDGE");
    await vi.waitFor(() => expect(list.count).toBe(100));
    expect(list.total).toBe(1_000);
    expect(list.rowAt(0)?.name).toBe("Project 00000");
    expect(list.rowAt(1)?.name).toBe("Project 00010");
    expect(read.mock.lastCall?.[0].window).toMatchObject({ search: "EDGE", offset: 0 });
  });

  it("counts the new lists it shows, with the rows that answer them, not with the keystrokes", async () => {
    const { list, read } = pagedProjects(1_000);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    list.show(500, 530); // a scroll: the same list
    await vi.waitFor(() => expect(list.rowAt(500)).toBeDefined());
    expect(list.listShown).toBe(0);

    list.searchFor("EDGE");
    list.searchFor("EDG"); // typed over before the first answer came
    expect(list.listShown).toBe(0); // the old rows are still what is shown
    await vi.waitFor(() => expect(list.shownSearch).toBe("EDG"));
    expect(list.listShown).toBe(2);
    expect(list.rowAt(0)?.name).toBe("Project 00000");

    list.show(50, 80);
    await vi.waitFor(() => expect(list.rowAt(80)).toBeDefined());
    list.reread();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(6));
    expect(list.listShown).toBe(2);
  });

  it("reads its window again from the cache when a write changed the list", async () => {
    const { list, read } = pagedProjects(3);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    read.mockClear();
    bus.emit({
      kind: "rows_changed",
      account: "acc_1",
      orgId: "org_1",
      rows: { resource: "projects", upserted: [makeProject({ id: "new" })], removed: [] },
    });
    expect(read).toHaveBeenCalledWith(expect.objectContaining({ mode: "cache" }));
    bus.emit({ kind: "rows_changed", account: "acc_1", orgId: "org_2", rows: { resource: "projects", upserted: [], removed: [] } });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("keeps saying why the rows are stale while the user scrolls and searches", async () => {
    const { list, read } = pagedProjects(0);
    read.mockImplementation(async (a) => (a.mode === "network" ? offline(pageOf([makeProject()])) : { ...offline(pageOf([makeProject()])), staleReason: null }));
    list.ensure();
    await vi.waitFor(() => expect(list.staleReason).not.toBeNull());
    list.searchFor("bill");
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(3));
    expect(list.staleReason?.code).toBe("offline");
  });
});

describe("every project of the org, beside the table's window", () => {
  it("reads only the cache, again once the table's server read filled it, and drops its rows a minute after no screen holds it", async () => {
    const backend = fakeBackend(world({ projects: [makeProject()] }));
    Object.assign(realBackend, backend);
    let settle: () => void = () => undefined;
    const sync = { syncedOnce: false, synced: new Promise<void>((resolve) => (settle = resolve)) };
    const all = new ProjectList({ accountId: "acc_1", orgId: "org_1" }, sync);
    const letGoA = all.hold();
    const letGoB = all.hold();
    await vi.waitFor(() => expect(backend.listProjects).toHaveBeenCalledTimes(1));
    settle();
    await vi.waitFor(() => expect(backend.listProjects).toHaveBeenCalledTimes(2));
    expect(vi.mocked(backend.listProjects).mock.calls.every(([a]) => a.mode === "cache")).toBe(true);
    expect(all.data).toHaveLength(1);

    vi.useFakeTimers();
    try {
      letGoA();
      letGoB();
      // Held again within the minute (back to the tab): the rows are still there, unread.
      vi.advanceTimersByTime(UNUSED_LIST_KEPT_MS - 1);
      const letGoC = all.hold();
      expect(all.data).toHaveLength(1);
      expect(backend.listProjects).toHaveBeenCalledTimes(2);
      letGoC();
      // The cache changes while nobody holds it: read once, when held again.
      bus.emit({ kind: "cache_updated", account: "acc_1", resource: "projects", orgId: "org_1" });
      bus.emit({ kind: "cache_updated", account: "acc_1", resource: "projects", orgId: "org_1" });
      expect(backend.listProjects).toHaveBeenCalledTimes(2);
      const letGoD = all.hold();
      expect(backend.listProjects).toHaveBeenCalledTimes(3);
      letGoD();
      vi.advanceTimersByTime(UNUSED_LIST_KEPT_MS - 1);
      expect(all.data).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(all.data).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads ahead while scrolling, in either direction, and keeps the rows it already had", async () => {
    const { list, read } = pagedProjects(10_000);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    read.mockClear();
    // Scrolling down: still held, but fewer than the read-ahead below, so the next window
    // is read before any row is missing.
    list.show(WINDOW_ROWS - 50, WINDOW_ROWS - 30);
    expect(read).toHaveBeenCalledTimes(1);
    const before = list.rowAt(WINDOW_ROWS - 40);
    await vi.waitFor(() => expect(list.data?.offset).toBe(WINDOW_ROWS - 50 - MARGIN));
    expect(list.rowAt(WINDOW_ROWS - 40)).toBe(before); // the same object: nothing to re-render
    // Scrolling up from deep in the list puts the view near the new window's bottom.
    list.show(5_000, 5_020);
    await vi.waitFor(() => expect(list.rowAt(5_000)).toBeDefined());
    read.mockClear();
    list.show(5_000 - MARGIN + 30, 5_020 - MARGIN + 30); // fewer than the read-ahead above
    expect(read).toHaveBeenCalledTimes(1);
    const offset = read.mock.calls[0]?.[0].window.offset ?? 0;
    expect(5_020 - MARGIN + 30 + 1 + MARGIN - WINDOW_ROWS).toBe(offset);
    await vi.waitFor(() => expect(list.data?.offset).toBe(offset));
    read.mockClear();
    list.show(offset + 150, offset + 170); // well inside: nothing to read
    expect(read).not.toHaveBeenCalled();
  });
  it("keeps a row that came back the same as the same object, and takes a changed one", async () => {
    const { list, read } = pagedProjects(1_000);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    const kept = list.rowAt(3);
    const renamed = list.rowAt(4);
    const next = structuredClone(list.data!);
    next.rows[4] = { ...next.rows[4]!, description: "changed" };
    read.mockResolvedValueOnce({ ...(await read.mock.results[0]!.value), data: next });
    list.reread();
    await vi.waitFor(() => expect(list.rowAt(4)?.description).toBe("changed"));
    expect(list.rowAt(3)).toBe(kept); // a fresh copy of the same values: the old object kept
    expect(list.rowAt(4)).not.toBe(renamed);
  });
});
