import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensView from "./TokensView.svelte";
import { backend } from "../../lib/backend";
import { fakeBackend, makeToken, openWorkspace, resetStores, world } from "../../test/fakeBackend";


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
    await userEvent.click(row!.querySelector<HTMLElement>("[data-testid=token-revoke]")!);
    await userEvent.click(screen.getByTestId("revoke-token-dialog-confirm"));
    expect(backend.revokeToken).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", tokenId: "t_active" });
    await vi.waitFor(() =>
      expect(screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_active")).toHaveTextContent("Revoked"),
    );
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
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "expired");
    expect(names()).toEqual(["Old expired"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "revoked");
    expect(names()).toEqual(["Revoked one"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "never_used");
    expect(names()).toEqual(["Never used"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "all");

    await userEvent.selectOptions(screen.getByTestId("tokens-project-filter"), "__org__");
    expect(names()).toEqual(["Never used"]);
    await userEvent.selectOptions(screen.getByTestId("tokens-project-filter"), "");

    await userEvent.type(screen.getByTestId("tokens-search"), "old");
    expect(names()).toEqual(["Old expired"]);
    await userEvent.clear(screen.getByTestId("tokens-search"));

    await userEvent.selectOptions(screen.getByTestId("tokens-sort"), "last_used_asc");
    expect(names()).toEqual(["Never used", "Old expired", "Revoked one", "Expiring soon", "Active one"]);
  });
});
