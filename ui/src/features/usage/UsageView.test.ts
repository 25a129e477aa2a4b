import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import UsageView from "./UsageView.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, offline, openWorkspace, resetStores, world } from "../../test/fakeBackend";
import { makeOverview, makeSeries } from "../../test/billing";
import { nav } from "../../lib/stores/nav.svelte";

// The chart draws on a canvas with uPlot, which jsdom has not got: it is replaced by a
// stand-in that shows what it was given. The real chart is driven in the journeys.
vi.mock("./UsageChart.svelte", async () => ({ default: (await import("../../test/ChartStandIn.svelte")).default }));

beforeEach(() => {
  resetStores();
});

function withOverview(percent: number, scopes: string[] = ["*"]) {
  Object.assign(backend, fakeBackend(world({ myScopes: scopes, billing: { org_1: makeOverview(percent) } })));
}

describe("Usage", () => {
  it("says it is loading until the first read answers", async () => {
    withOverview(42);
    let answer: () => void = () => undefined;
    vi.mocked(backend.billingOverview).mockImplementation(
      (a) => new Promise((resolve) => (answer = () => resolve({ data: null, syncedAt: null, stale: true, staleReason: null, ...a && {} }))),
    );
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-loading")).toBeInTheDocument();
    answer();
  });

  it("shows the plan, the used share, the chart's range and the breakdown", async () => {
    withOverview(42);
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-plan")).toHaveTextContent("Pro");
    expect(screen.getByTestId("usage-plan")).toHaveTextContent("$99 a month");
    expect(screen.getByTestId("usage-days-left")).toHaveTextContent("4 days left");
    expect(screen.getByTestId("usage-percent")).toHaveTextContent("42.0%");
    expect(screen.getByTestId("usage-included")).toHaveAttribute("data-level", "ok");
    expect(screen.queryByTestId("usage-level-text")).toBeNull();
    expect(screen.getByTestId("chart-stand-in")).toHaveTextContent("30 days: kv_reads ai_images");
    await userEvent.click(screen.getByTestId("usage-range-7"));
    expect(screen.getByTestId("chart-stand-in")).toHaveTextContent("7 days");
    const rows = () => screen.getAllByTestId("breakdown-row").map((row) => row.dataset.primitive);
    expect(rows()).toEqual(["kv_reads", "ai_images"]);
    await userEvent.click(screen.getByTestId("breakdown-sort-tokens"));
    expect(rows()).toEqual(["ai_images", "kv_reads"]);
    expect(screen.getByTestId("usage-current-package").closest("tr")).toHaveAttribute("data-package", "pro");
  });

  it("turns amber past 80% and red past 95%", async () => {
    withOverview(88);
    await openWorkspace();
    const { unmount } = render(UsageView);
    expect(await screen.findByTestId("usage-included")).toHaveAttribute("data-level", "warn");
    expect(screen.getByTestId("usage-level-text")).toHaveTextContent("Over 80%");
    unmount();

    resetStores();
    withOverview(97);
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-included")).toHaveAttribute("data-level", "alarm");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "97");
  });

  it("shows the cached overview offline, saying why and since when", async () => {
    withOverview(42);
    vi.mocked(backend.billingOverview).mockImplementation(async () => offline(makeOverview(42)));
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-stale")).toHaveTextContent("The server cannot be reached.");
    expect(screen.getByTestId("usage-plan")).toHaveTextContent("Pro");
  });

  it("names the missing scope instead of reading", async () => {
    withOverview(42, ["orgs:read", "projects:read"]);
    vi.mocked(backend.billingOverview).mockRejectedValue(
      new BackendError({ code: ErrorCodes.forbidden, message: "Needs billing:read", connectivity: false, missingScope: "billing:read" }),
    );
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-no-scope")).toHaveTextContent("billing:read");
  });

  it("says when nothing was used in the range", async () => {
    Object.assign(
      backend,
      fakeBackend(world({ billing: { org_1: makeOverview(0, { usage: { orgId: "org_1", granularity: "day", series: makeSeries("2030-01-31", true) } }) } })),
    );
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-series-empty")).toBeInTheDocument();
  });

  it("switches to the free plan only after the confirmation, and only with *", async () => {
    withOverview(42);
    await openWorkspace();
    render(UsageView);
    await userEvent.click(await screen.findByTestId("usage-free-plan"));
    const dialog = screen.getByTestId("free-plan-dialog");
    expect(dialog).toHaveTextContent("100K tokens a month");
    expect(backend.switchToFreePlan).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByTestId("free-plan-confirm"));
    await vi.waitFor(() => expect(backend.switchToFreePlan).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1" }));
    await vi.waitFor(() => expect(screen.getByTestId("usage-current-package").closest("tr")).toHaveAttribute("data-package", "free"));
    expect(nav.notice).toContain("Free plan");
    expect(screen.getByTestId("usage-free-plan")).toBeDisabled();
  });

  it("does not offer the switch to an identity without *", async () => {
    withOverview(42, ["orgs:read", "billing:read"]);
    await openWorkspace();
    render(UsageView);
    expect(await screen.findByTestId("usage-free-plan")).toBeDisabled();
  });
});
