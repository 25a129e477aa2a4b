import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import ActivityView from "./ActivityView.svelte";
import { backend, type ActivityEntry } from "../../lib/backend";
import { bus } from "../../lib/stores/bus";
import { fakeBackend, openWorkspace, resetStores, world } from "../../test/fakeBackend";

const entry = (seq: number, over: Partial<ActivityEntry>, accountId = "acc_1") => ({
  accountId,
  seq,
  at: "2030-03-10T13:15:00.000Z",
  action: "token.create",
  orgId: "org_1",
  targetId: `tok_${seq}`,
  targetName: `Key ${seq}`,
  outcome: "ok",
  relatedId: null,
  ...over,
});

const activity = [
  entry(1, { action: "token.create", targetName: "Deploy", at: "2030-03-10T09:00:00.000Z" }),
  entry(2, { action: "project.delete", targetId: "proj_b", targetName: "Billing", at: "2030-03-12T09:00:00.000Z" }),
  entry(3, { action: "token.revoke", targetName: "Deploy", outcome: "network", at: "2030-03-14T09:00:00.000Z" }),
  entry(4, { targetName: "Elsewhere" , orgId: "org_2" }),
  entry(5, { targetName: "Someone else's" }, "acc_other"),
];

const targets = () =>
  screen.getAllByTestId("activity-row").map((row) => row.querySelector(".strong")?.textContent);

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend(world({ activity })));
});

describe("Activity", () => {
  it("lists this account's writes in the org, newest first, with how each ended", async () => {
    await openWorkspace();
    render(ActivityView);
    await screen.findAllByTestId("activity-row");
    expect(targets()).toEqual(["Deploy", "Billing", "Deploy"]);
    expect(screen.getAllByTestId("activity-result")[0]).toHaveTextContent("Failed · network");
    expect(screen.getAllByTestId("activity-action-cell")[0]).toHaveTextContent("Revoke token");
    expect(screen.getByTestId("activity-count")).toHaveTextContent("3 of 3");
    expect(screen.queryByText("Someone else's")).toBeNull();
  });

  it("filters by action, target and days in the backend, and says when the days are reversed", async () => {
    await openWorkspace();
    render(ActivityView);
    await screen.findAllByTestId("activity-row");
    await vi.waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toContain("token.revoke"));
    await userEvent.selectOptions(screen.getByTestId("activity-action"), "project.delete");
    await vi.waitFor(() => expect(targets()).toEqual(["Billing"]));
    expect(vi.mocked(backend.activityPage).mock.lastCall?.[0].filter).toEqual({
      action: "project.delete",
      since: null,
      until: null,
    });
    await userEvent.selectOptions(screen.getByTestId("activity-action"), "");
    await userEvent.type(screen.getByTestId("activity-search"), "deploy");
    await vi.waitFor(() => expect(targets()).toEqual(["Deploy", "Deploy"]));
    await userEvent.clear(screen.getByTestId("activity-search"));

    await userEvent.type(screen.getByTestId("activity-since"), "2030-03-11");
    await userEvent.type(screen.getByTestId("activity-until"), "2030-03-13");
    await vi.waitFor(() => expect(targets()).toEqual(["Billing"]));
    await userEvent.clear(screen.getByTestId("activity-until"));
    await userEvent.type(screen.getByTestId("activity-until"), "2030-03-01");
    expect(await screen.findByTestId("activity-range-error")).toHaveTextContent("after");
  });

  it("reads the newest entries again after a write in the org", async () => {
    await openWorkspace();
    render(ActivityView);
    await screen.findAllByTestId("activity-row");
    const reads = vi.mocked(backend.activityPage).mock.calls.length;
    bus.emit({ kind: "rows_changed", account: "acc_1", orgId: "org_1", rows: { resource: "tokens", upserted: [], removed: [] } });
    await vi.waitFor(() => expect(vi.mocked(backend.activityPage).mock.calls.length).toBe(reads + 1));
  });
});
