import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import App from "../../app/App.svelte";
import { backend } from "../../lib/backend";
import { fakeBackend, makeOrg, makeProject, makeToken, resetStores, world } from "../../test/fakeBackend";
import { fuzzyFilter, fuzzyScore } from "./fuzzy";


beforeEach(() => {
  resetStores();
  Object.assign(
    backend,
    fakeBackend(
      world({
        orgs: [makeOrg(), makeOrg({ id: "org_2", name: "Globex", slug: "globex" })],
        projects: [makeProject(), makeProject({ id: "proj_search", name: "Search Index", description: "" })],
        tokens: [makeToken({ id: "tok_ci", name: "CI deploy" })],
      }),
    ),
  );
});

const active = () => screen.getAllByTestId("palette-item").find((el) => el.getAttribute("aria-selected") === "true");

describe("Command palette", () => {
  it("opens with Ctrl+K, filters, moves with arrows, runs with Enter", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    const input = await screen.findByTestId("palette-input");
    expect(input).toHaveFocus();

    await userEvent.type(input, "srch idx");
    const items = screen.getAllByTestId("palette-item");
    expect(items[0]).toHaveTextContent("Search Index");
    expect(items[0]).toHaveAttribute("data-kind", "project");
    expect(active()).toBe(items[0]);

    await userEvent.clear(input);
    await userEvent.type(input, "globex");
    expect(active()).toHaveTextContent("Globex");
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByTestId("palette-dialog")).toBeNull();
    expect(await screen.findByTestId("org-title")).toHaveTextContent("Globex");
  });

  it("rolls a key: the Tokens tab opens on it with the roll to confirm", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(await screen.findByTestId("palette-input"), "roll ci");
    await vi.waitFor(() => expect(active()).toHaveTextContent("Roll CI deploy"));
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("roll-token-dialog")).toHaveTextContent("Roll CI deploy");
    expect(screen.getByTestId("tokens-search")).toHaveValue("CI deploy");
  });

  it("selects every key shown, then opens their bulk revoke", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    const input = await screen.findByTestId("palette-input");
    await userEvent.type(input, "revoke the selected");
    await vi.waitFor(() => expect(active()).toHaveTextContent("Select keys on the Tokens tab first"));
    await userEvent.clear(input);
    await userEvent.type(input, "select every unrevoked key");
    await vi.waitFor(() => expect(active()).toHaveTextContent("Select every unrevoked key shown"));
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("tokens-selected-count")).toHaveTextContent("1 selected");
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(await screen.findByTestId("palette-input"), "revoke the 1 selected");
    await vi.waitFor(() => expect(active()).toHaveTextContent("Revoke the 1 selected key…"));
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("bulk-revoke-dialog")).toHaveTextContent("Revoke 1 key");
  });

  it("arrow keys move the selection and Enter opens a project's details", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    const input = await screen.findByTestId("palette-input");
    await userEvent.type(input, "Index");
    await vi.waitFor(() => expect(screen.getAllByTestId("palette-item")[0]).toHaveTextContent("Search Index"));
    await userEvent.keyboard("{ArrowDown}{ArrowUp}");
    expect(active()).toHaveTextContent("Search Index");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("project-details")).toHaveTextContent("Search Index");
  });

  it("lists scope-gated actions as disabled with the scope named", async () => {
    Object.assign(backend, fakeBackend(world({ myScopes: ["orgs:read", "tokens:read"] })));
    render(App);
    await screen.findByTestId("org-title");
    await vi.waitFor(() => expect(screen.getByTestId("project-create")).toBeDisabled());
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(await screen.findByTestId("palette-input"), "new api token");
    const item = screen.getAllByTestId("palette-item")[0];
    expect(item).toHaveTextContent("New API token");
    expect(item).toHaveAttribute("aria-disabled", "true");
    expect(item).toHaveTextContent("Needs the tokens:write scope");
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByTestId("create-token-dialog")).toBeNull();
  });

  it("runs an action: New project opens its dialog", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(await screen.findByTestId("palette-input"), "new project");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("create-project-dialog")).toBeInTheDocument();
    expect(screen.getByTestId("create-project-name")).toHaveFocus();
  });

  it("runs an action: Key health opens the Tokens tab with its Health panel", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(await screen.findByTestId("palette-input"), "key health");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("key-health")).toBeInTheDocument();
    expect(screen.getByTestId("key-health-toggle")).toHaveAttribute("aria-expanded", "true");
  });

  it("Escape closes it", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}k{/Control}");
    await screen.findByTestId("palette-input");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("palette-dialog")).toBeNull();
  });
});

describe("fuzzy matching", () => {
  it("matches in order, prefers contiguous and word starts", () => {
    expect(fuzzyScore("bap", "Billing API")).not.toBeNull();
    expect(fuzzyScore("xyz", "Billing API")).toBeNull();
    expect(fuzzyFilter(["Mobile backend", "Billing API", "Bil"], "bil", (s) => s)).toEqual(["Bil", "Billing API", "Mobile backend"]);
  });
});
