import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import OrgSettings from "./OrgSettings.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, makeOrg, openWorkspace, resetStores, world } from "../../test/fakeBackend";


beforeEach(() => {
  resetStores();
});

describe("Organization settings", () => {
  it("renames and re-slugs, and shows a 409 at the slug", async () => {
    Object.assign(backend, fakeBackend());
    await openWorkspace();
    render(OrgSettings, { org: makeOrg() });
    vi.mocked(backend.updateOrg).mockRejectedValueOnce(new BackendError({ code: ErrorCodes.conflict, connectivity: false, message: "Slug taken", field: "slug" }));
    await userEvent.clear(screen.getByTestId("settings-org-slug"));
    await userEvent.type(screen.getByTestId("settings-org-slug"), "acme");
    await userEvent.click(screen.getByTestId("org-settings-save"));
    expect(await screen.findByTestId("settings-org-slug-error")).toHaveTextContent("Slug taken");
    expect(backend.updateOrg).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", changes: { slug: "acme" } });
    expect(screen.getByTestId("settings-org-slug")).toHaveValue("acme");
  });

  it("deletes only after the exact name is typed", async () => {
    Object.assign(backend, fakeBackend());
    await openWorkspace();
    render(OrgSettings, { org: makeOrg() });
    await userEvent.click(screen.getByTestId("org-delete"));
    const confirm = screen.getByTestId("delete-org-dialog-confirm");
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByTestId("delete-org-dialog-input"), "acme corp");
    expect(screen.getByTestId("delete-org-dialog-input-error")).toHaveTextContent(/Does not match/);
    expect(confirm).toBeDisabled();
    await userEvent.clear(screen.getByTestId("delete-org-dialog-input"));
    await userEvent.type(screen.getByTestId("delete-org-dialog-input"), "Acme Corp");
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(backend.deleteOrg).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", confirmName: "Acme Corp" });
  });

  it("disables rename without orgs:write and delete without *, naming the scope", async () => {
    Object.assign(backend, fakeBackend(world({ myScopes: ["orgs:read", "projects:read"] })));
    await openWorkspace();
    render(OrgSettings, { org: makeOrg() });
    expect(screen.getByTestId("org-settings-save")).toBeDisabled();
    expect(screen.getByTestId("org-settings-save-hint")).toHaveTextContent("Needs the orgs:write scope");
    expect(screen.getByTestId("settings-org-name")).toBeDisabled();
    expect(screen.getByTestId("org-delete")).toBeDisabled();
    expect(screen.getByTestId("org-delete")).toHaveAttribute("title", "Needs the * scope");
  });
});
