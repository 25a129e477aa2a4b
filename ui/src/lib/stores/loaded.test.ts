import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Loaded, Project } from "../backend";
import { fresh, makeProject, resetStores } from "../../test/fakeBackend";
import { bus } from "./bus";
import { RowList } from "./loaded.svelte";

beforeEach(() => resetStores());

function projectList(rows: Project[]) {
  const read = vi.fn(async (): Promise<Loaded<Project[]>> => fresh(rows));
  const list = new RowList<Project>(
    { accountId: "acc_1", resource: "projects", orgId: "org_1" },
    read,
    (p) => p.id,
    (p) => p.name,
  );
  return { list, read };
}

describe("a list on screen", () => {
  it("applies the rows a write changed as they come, with no read", async () => {
    const { list, read } = projectList([makeProject({ id: "a", name: "Alpha" }), makeProject({ id: "c", name: "charlie" })]);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    read.mockClear();

    const bravo = makeProject({ id: "b", name: "Bravo" });
    const renamed = makeProject({ id: "a", name: "Alpha (renamed)" });
    bus.emit({
      kind: "rows_changed",
      account: "acc_1",
      orgId: "org_1",
      rows: { resource: "projects", upserted: [bravo, renamed], removed: ["c"] },
    });
    expect(list.data?.map((p) => p.name)).toEqual(["Alpha (renamed)", "Bravo"]);

    // Another org's rows, or another list's, are not this list's business.
    bus.emit({
      kind: "rows_changed",
      account: "acc_1",
      orgId: "org_2",
      rows: { resource: "projects", upserted: [makeProject({ id: "x", name: "Elsewhere" })], removed: [] },
    });
    expect(list.data).toHaveLength(2);
    expect(read).not.toHaveBeenCalled();
  });

  it("reads the cache once when told newer rows landed there", async () => {
    const { list, read } = projectList([makeProject()]);
    list.ensure();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    read.mockClear();
    bus.emit({ kind: "cache_updated", account: "acc_1", resource: "projects", orgId: "org_1" });
    bus.emit({ kind: "cache_updated", account: "acc_1", resource: "tokens", orgId: "org_1" });
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith("cache");
  });
});
