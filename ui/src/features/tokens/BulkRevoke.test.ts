import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensView from "./TokensView.svelte";
import { backend, ErrorCodes } from "../../lib/backend";
import { connectivity } from "../../lib/stores/connectivity.svelte";
import { fakeBackend, makeToken, openWorkspace, resetStores, world } from "../../test/fakeBackend";

const tokens = ["a", "b", "c", "d", "e"].map((n, i) =>
  makeToken({ id: `t_${n}`, name: `Key ${n}`, lastUsedAt: new Date(Date.now() - i * 60_000).toISOString() }),
);
const revokedOne = makeToken({ id: "t_gone", name: "Key gone", revoked: true, lastUsedAt: null });

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend(world({ tokens: [...tokens, revokedOne], myScopes: ["tokens:*"] })));
});

const row = (id: string) => screen.getAllByTestId("token-row").find((r) => r.dataset.key === id)!;
const checked = () =>
  screen
    .getAllByTestId("token-row")
    .filter((r) => r.getAttribute("aria-selected") === "true")
    .map((r) => r.dataset.key);

async function open(): Promise<void> {
  await openWorkspace();
  render(TokensView);
  await screen.findAllByTestId("token-row");
}

describe("Bulk revoke", () => {
  it("checks by click, shift-click range and Space; select all takes every unrevoked key shown", async () => {
    await open();
    await userEvent.click(within(row("t_a")).getByTestId("token-check"));
    const user = userEvent.setup();
    await user.keyboard("{Shift>}");
    await user.click(within(row("t_c")).getByTestId("token-check"));
    await user.keyboard("{/Shift}");
    expect(checked()).toEqual(["t_a", "t_b", "t_c"]);
    expect(screen.getByTestId("tokens-selected-count")).toHaveTextContent("3 selected");
    expect(within(row("t_gone")).queryByTestId("token-check")).toBeNull();

    // Space on the active row (the last clicked, Key c; ↓↓ moves to Key e).
    screen.getByTestId("tokens-table").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown} ");
    expect(checked()).toEqual(["t_a", "t_b", "t_c", "t_e"]);

    await userEvent.click(screen.getByTestId("tokens-select-all"));
    expect(checked()).toEqual([]);
    await userEvent.click(screen.getByTestId("tokens-select-all"));
    await vi.waitFor(() => expect(checked()).toEqual(["t_a", "t_b", "t_c", "t_d", "t_e"]));
    expect(backend.selectableTokens).toHaveBeenCalledWith(expect.objectContaining({ search: "", orgId: "org_1" }));
  });

  it("is confirmed by typing the count; a failure stays checked with its reason and its retry finishes", async () => {
    await open();
    await userEvent.click(screen.getByTestId("tokens-select-all"));
    await vi.waitFor(() => expect(checked()).toHaveLength(5));
    await userEvent.click(screen.getByTestId("tokens-bulk-revoke"));
    const confirm = screen.getByTestId("bulk-revoke-confirm");
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByTestId("bulk-revoke-count"), "4");
    expect(confirm).toBeDisabled();
    expect(screen.getByText("Type the number of keys, 5")).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId("bulk-revoke-count"));
    await userEvent.type(screen.getByTestId("bulk-revoke-count"), "5");

    const refusal = { code: ErrorCodes.forbidden, message: "The server refused to revoke this key.", connectivity: false };
    vi.mocked(backend.revokeTokens).mockImplementationOnce(async (a) => {
      await backend.revokeToken({ accountId: a.accountId, orgId: a.orgId, tokenId: "t_a" });
      return a.tokenIds.map((tokenId) => ({ tokenId, error: tokenId === "t_c" ? refusal : null }));
    });
    await userEvent.click(confirm);
    expect(await screen.findByTestId("bulk-revoke-summary")).toHaveTextContent("4 revoked, 1 failed");
    expect(screen.getByTestId("bulk-revoke-failure")).toHaveTextContent("Key c: The server refused to revoke this key.");
    expect(screen.getByTestId("tokens-selected-count")).toHaveTextContent("1 selected");
    expect(within(row("t_c")).getByTestId("token-revoke-failed")).toHaveAttribute("title", refusal.message);

    await userEvent.click(screen.getByTestId("bulk-revoke-confirm"));
    expect(backend.revokeTokens).toHaveBeenLastCalledWith({ accountId: "acc_1", orgId: "org_1", tokenIds: ["t_c"] });
    await vi.waitFor(() => expect(screen.queryByTestId("bulk-revoke-dialog")).toBeNull());
    expect(screen.queryByTestId("tokens-selection")).toBeNull();
  });

  it("offline, the action is disabled with the reason", async () => {
    await open();
    await userEvent.click(within(row("t_a")).getByTestId("token-check"));
    connectivity.noteFailure({ code: ErrorCodes.offline, message: "Can't reach the server.", connectivity: true });
    await vi.waitFor(() => expect(screen.getByTestId("tokens-bulk-revoke")).toBeDisabled());
    expect(screen.getByTestId("tokens-bulk-revoke").closest("[title]")).toHaveAttribute("title", expect.stringContaining("offline"));
  });
});
