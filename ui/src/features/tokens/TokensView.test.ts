import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensView from "./TokensView.svelte";
import { backend } from "../../lib/backend";
import { fakeBackend, fresh, makeToken, openWorkspace, pageOf, resetStores, world } from "../../test/fakeBackend";


const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

const tokens = [
  makeToken({ id: "t_active", name: "Active one", lastUsedAt: iso(-1), expiresAt: iso(60) }),
  makeToken({ id: "t_soon", name: "Expiring soon", lastUsedAt: iso(-3), expiresAt: iso(3) }),
  makeToken({ id: "t_expired", name: "Old expired", lastUsedAt: iso(-40), expiresAt: iso(-2) }),
  makeToken({ id: "t_revoked", name: "Revoked one", revoked: true, lastUsedAt: iso(-10) }),
  makeToken({ id: "t_unused", name: "Never used", projectId: null, lastUsedAt: null }),
];

beforeEach(() => {
  resetStores();
});

const names = () => screen.getAllByTestId("token-row").map((row) => row.querySelector(".strong")?.textContent);

describe("Tokens", () => {
  it("a reader without tokens:write sees Create token disabled, naming the scope", async () => {
    Object.assign(backend, fakeBackend(world({ tokens, myScopes: ["orgs:read", "tokens:read"] })));
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    const create = screen.getByTestId("token-create");
    expect(create).toBeDisabled();
    expect(create).toHaveAttribute("title", "Needs the tokens:write scope");
    expect(screen.getByTestId("token-create-hint")).toHaveTextContent("Needs the tokens:write scope");
    for (const revoke of screen.getAllByTestId("token-revoke")) expect(revoke).toBeDisabled();
  });

  it("a writer can create and revoke (with confirmation)", async () => {
    Object.assign(backend, fakeBackend(world({ tokens, myScopes: ["tokens:*"] })));
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    expect(screen.getByTestId("token-create")).toBeEnabled();
    const row = screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_active");
    // The list's opening reads (the cache, then the server) are done before counting.
    await vi.waitFor(() =>
      expect(vi.mocked(backend.tokenPage).mock.calls.some(([a]) => a.mode === "network")).toBe(true),
    );
    const reads = vi.mocked(backend.tokenPage).mock.calls.length;
    await userEvent.click(row!.querySelector<HTMLElement>("[data-testid=token-revoke]")!);
    await userEvent.click(screen.getByTestId("revoke-token-dialog-confirm"));
    expect(backend.revokeToken).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", tokenId: "t_active" });
    await vi.waitFor(() =>
      expect(screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_active")).toHaveTextContent("Revoked"),
    );
    // Revoked in place: under "any status" the key stays where it was, so nothing is read.
    expect(vi.mocked(backend.tokenPage).mock.calls.length).toBe(reads);
  });

  it("under a status filter a revoked key leaves the window, read again from the cache", async () => {
    Object.assign(backend, fakeBackend(world({ tokens, myScopes: ["tokens:*"] })));
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "active");
    await vi.waitFor(() => expect(names()).toContain("Active one"));
    const row = screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_active");
    await userEvent.click(row!.querySelector<HTMLElement>("[data-testid=token-revoke]")!);
    await userEvent.click(screen.getByTestId("revoke-token-dialog-confirm"));
    await vi.waitFor(() => expect(names()).not.toContain("Active one"));
  });

  it("filters by status, project and text, and sorts by last use", async () => {
    Object.assign(backend, fakeBackend(world({ tokens })));
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    // Default: recently used first, never used last.
    expect(names()).toEqual(["Active one", "Expiring soon", "Revoked one", "Old expired", "Never used"]);

    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "expiring");
    expect(names()).toEqual(["Expiring soon"]);
    // The filter is applied in Rust: the window is asked for with it, from the cache.
    const asked = vi.mocked(backend.tokenPage).mock.lastCall?.[0];
    expect(asked?.filter).toEqual({ project: { kind: "all" }, status: "expiring", sort: "last_used_desc", concern: null });
    expect(asked?.mode).toBe("cache");
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "expired");
    expect(names()).toEqual(["Old expired"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "revoked");
    expect(names()).toEqual(["Revoked one"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "never_used");
    expect(names()).toEqual(["Never used"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "all");

    await userEvent.selectOptions(screen.getByTestId("tokens-project-filter"), "__org__");
    expect(names()).toEqual(["Never used"]);
    expect(vi.mocked(backend.tokenPage).mock.lastCall?.[0].filter.project).toEqual({ kind: "org_wide" });
    await userEvent.selectOptions(screen.getByTestId("tokens-project-filter"), "");

    await userEvent.type(screen.getByTestId("tokens-search"), "old");
    expect(names()).toEqual(["Old expired"]);
    await userEvent.clear(screen.getByTestId("tokens-search"));

    await userEvent.selectOptions(screen.getByTestId("tokens-sort"), "last_used_asc");
    expect(names()).toEqual(["Never used", "Old expired", "Revoked one", "Expiring soon", "Active one"]);
  });

  it("the Health panel counts the keys needing attention and filters the table to them", async () => {
    Object.assign(
      backend,
      fakeBackend(world({ tokens, concerns: { expired_unrevoked: ["t_expired"], no_expiry: ["t_unused"] } })),
    );
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    expect(backend.keyHealth).not.toHaveBeenCalled(); // read only while the panel is open
    await userEvent.click(screen.getByTestId("key-health-toggle"));
    const expired = await screen.findByTestId("key-health-expired_unrevoked");
    expect(expired).toHaveAttribute("data-keys", "1");
    expect(screen.getByTestId("key-health-wide_scopes")).toBeDisabled(); // none
    expect(screen.getByTestId("key-health-expiring_soon")).toHaveTextContent("Expiring within 7 days");

    await userEvent.click(expired);
    await vi.waitFor(() => expect(names()).toEqual(["Old expired"]));
    expect(vi.mocked(backend.tokenPage).mock.lastCall?.[0].filter.concern).toBe("expired_unrevoked");
    expect(expired).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(screen.getByTestId("key-health-clear"));
    await vi.waitFor(() => expect(names()).toHaveLength(5));
  });
});

describe("Token status badges", () => {
  it("show the status Rust judged (its thresholds), not a rule of their own", async () => {
    Object.assign(backend, fakeBackend(world({ tokens })));
    const inThreeWeeks = makeToken({ id: "t_3w", name: "Three weeks", expiresAt: iso(21), status: "expiring" });
    vi.mocked(backend.tokenPage).mockResolvedValue(fresh(pageOf([inThreeWeeks])));
    await openWorkspace();
    render(TokensView);
    const row = await screen.findByTestId("token-row");
    expect(row.querySelector("[data-testid=token-status]")).toHaveTextContent("Expires");
  });
});
