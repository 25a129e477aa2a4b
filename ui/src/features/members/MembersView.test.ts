import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import MembersView from "./MembersView.svelte";
import InviteDialog from "./InviteDialog.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, makeMember, openWorkspace, resetStores, world } from "../../test/fakeBackend";
import { nav } from "../../lib/stores/nav.svelte";


const owner = makeMember();
const me = makeMember({ userId: "u_me", name: "Mia Admin", email: "Mia@Acme.com", scopes: ["orgs:read", "orgs:write", "kv:read"] });
const bob = makeMember({ userId: "u_bob", name: "Bob", email: "bob@acme.com", scopes: ["kv:read", "kv:write"] });

beforeEach(() => {
  resetStores();
});

async function open(myScopes: string[] = ["orgs:read", "orgs:write", "kv:read"]) {
  Object.assign(backend, fakeBackend(world({ members: [owner, bob, me], myScopes })));
  await openWorkspace(undefined, "org_1");
}

function rowOf(email: string): HTMLElement {
  const row = screen.getAllByTestId("member-row").find((r) => r.textContent?.includes(email));
  if (!row) throw new Error(`no row for ${email}`);
  return row;
}

describe("Members", () => {
  it("marks your own row and locks the owner's", async () => {
    const { session } = await import("../../lib/stores/session.svelte");
    await open();
    session.accounts[0]!.identity = "mia@acme.com";
    render(MembersView);
    await screen.findAllByTestId("member-row");
    expect(within(rowOf("Mia@Acme.com")).getByTestId("member-you")).toHaveTextContent("You");
    expect(within(rowOf("owner@acme.com")).getByTestId("member-locked")).toBeInTheDocument();
    expect(within(rowOf("owner@acme.com")).queryByTestId("member-edit")).toBeNull();
    expect(within(rowOf("owner@acme.com")).queryByTestId("member-remove")).toBeNull();
    expect(screen.getByTestId("my-scopes")).toHaveTextContent("orgs:write");
  });

  it("shows added and removed scopes before saving", async () => {
    await open(["*"]);
    render(MembersView);
    await screen.findAllByTestId("member-row");
    await userEvent.click(within(rowOf("bob@acme.com")).getByTestId("member-edit"));
    const dialog = screen.getByTestId("edit-scopes-dialog");
    expect(within(dialog).getByTestId("edit-scopes-submit")).toBeDisabled();
    await userEvent.click(within(dialog).getByTestId("edit-scopes-scope-kv:write"));
    await userEvent.click(within(dialog).getByTestId("edit-scopes-scope-jobs:read"));
    expect(within(dialog).getByTestId("edit-scopes-added")).toHaveTextContent("jobs:read");
    expect(within(dialog).getByTestId("edit-scopes-removed")).toHaveTextContent("kv:write");
    await userEvent.click(within(dialog).getByTestId("edit-scopes-submit"));
    expect(backend.updateMemberScopes).toHaveBeenCalledWith({
      accountId: "acc_1",
      orgId: "org_1",
      userId: "u_bob",
      scopes: ["kv:read", "jobs:read"],
    });
    await vi.waitFor(() => expect(screen.queryByTestId("edit-scopes-dialog")).toBeNull());
    expect(rowOf("bob@acme.com")).toHaveTextContent("jobs:read");
  });

  it("removes a member after confirmation", async () => {
    await open();
    render(MembersView);
    await screen.findAllByTestId("member-row");
    await userEvent.click(within(rowOf("bob@acme.com")).getByTestId("member-remove"));
    await userEvent.click(screen.getByTestId("remove-member-dialog-confirm"));
    expect(backend.removeMember).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", userId: "u_bob" });
    await vi.waitFor(() => expect(screen.queryByText("bob@acme.com")).toBeNull());
  });

  it("disables invite, edit and remove without orgs:write, naming the scope", async () => {
    await open(["orgs:read"]);
    render(MembersView);
    await screen.findAllByTestId("member-row");
    expect(screen.getByTestId("member-invite")).toBeDisabled();
    expect(screen.getByTestId("member-invite-hint")).toHaveTextContent("Needs the orgs:write scope");
    const edit = within(rowOf("bob@acme.com")).getByTestId("member-edit");
    expect(edit).toBeDisabled();
    expect(edit).toHaveAttribute("title", "Needs the orgs:write scope");
  });

  it("shows the missing scope when a 403 comes back anyway", async () => {
    await open();
    render(MembersView);
    await screen.findAllByTestId("member-row");
    vi.mocked(backend.removeMember).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.forbidden, connectivity: false, message: "You need the orgs:write scope to do this.", missingScope: "orgs:write" }),
    );
    await userEvent.click(within(rowOf("bob@acme.com")).getByTestId("member-remove"));
    await userEvent.click(screen.getByTestId("remove-member-dialog-confirm"));
    expect(await screen.findByTestId("remove-member-dialog-error")).toHaveTextContent("orgs:write");
  });
});

describe("Invite", () => {
  function setup() {
    render(InviteDialog, { projects: [], onClose: vi.fn() });
  }

  it("checks the email as you type with the seed's rule", async () => {
    await open();
    setup();
    const email = screen.getByTestId("invite-email");
    await userEvent.type(email, "al..ice@acme.com");
    expect(screen.getByTestId("invite-email-error")).toHaveTextContent(/name@example.com/);
    await userEvent.clear(email);
    await userEvent.type(email, "alice@acme.com");
    expect(screen.queryByTestId("invite-email-error")).toBeNull();
  });

  it("offers only the scopes the signed-in user may grant, saying why the rest are out of reach", async () => {
    await open(["orgs:read", "orgs:write", "kv:read"]);
    setup();
    // The default is the read-only preset, less what this user could not hand out.
    expect(screen.getByTestId("invite-scopes-preset-full")).toBeDisabled();
    expect(screen.getByTestId("invite-scopes-preset-readonly")).toBeDisabled();
    expect(screen.getByTestId("invite-scopes-reach")).toHaveTextContent(/only grant scopes you hold/);
    expect(screen.getByTestId("invite-scopes-scope-kv:read")).toBeChecked();
    const jobs = screen.getByTestId("invite-scopes-scope-jobs:read");
    expect(jobs).toBeDisabled();
    expect(jobs.closest("label")).toHaveAttribute("title", expect.stringContaining("You don't hold jobs:read"));
    await userEvent.type(screen.getByTestId("invite-email"), "alice@acme.com");
    await userEvent.click(screen.getByTestId("invite-submit"));
    await vi.waitFor(() =>
      expect(backend.inviteMember).toHaveBeenLastCalledWith(
        expect.objectContaining({ invite: { email: "alice@acme.com", scopes: ["orgs:read", "kv:read"], projectId: "" } }),
      ),
    );
  });

  it("sends the Read-only preset by default and Full access as *", async () => {
    await open(["*"]);
    setup();
    await userEvent.type(screen.getByTestId("invite-email"), "alice@acme.com");
    await userEvent.click(screen.getByTestId("invite-submit"));
    await vi.waitFor(() => expect(nav.notice).toBe("Invitation sent to alice@acme.com"));
    expect(backend.inviteMember).toHaveBeenLastCalledWith({
      accountId: "acc_1",
      orgId: "org_1",
      invite: {
        email: "alice@acme.com",
        scopes: ["orgs:read", "projects:read", "tokens:read", "billing:read", "kv:read", "jobs:read"],
        projectId: "",
      },
    });
    await userEvent.click(screen.getByTestId("invite-scopes-preset-full"));
    await userEvent.click(screen.getByTestId("invite-submit"));
    await vi.waitFor(() =>
      expect(backend.inviteMember).toHaveBeenLastCalledWith(
        expect.objectContaining({ invite: { email: "alice@acme.com", scopes: ["*"], projectId: "" } }),
      ),
    );
  });

  it("does not send an invalid email and shows a server error at the email field", async () => {
    await open();
    setup();
    await userEvent.type(screen.getByTestId("invite-email"), "nobody");
    await userEvent.click(screen.getByTestId("invite-submit"));
    expect(backend.inviteMember).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByTestId("invite-email"));
    await userEvent.type(screen.getByTestId("invite-email"), "x@acme.com");
    vi.mocked(backend.inviteMember).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.validation, connectivity: false, message: "Already a member", field: "email" }),
    );
    await userEvent.click(screen.getByTestId("invite-submit"));
    expect(await screen.findByTestId("invite-email-error")).toHaveTextContent("Already a member");
    expect(screen.getByTestId("invite-email")).toHaveValue("x@acme.com");
  });

  it("shows the invites sent from this app, pending until the email joins, and forgets one", async () => {
    const sent = (email: string) => ({
      orgId: "org_1",
      email,
      scopes: ["kv:read"],
      projectId: null,
      invitedAt: "2030-01-01T10:00:00.000Z",
      acceptedAt: null,
    });
    Object.assign(
      backend,
      fakeBackend(world({ members: [owner, bob, me], sentInvites: [sent("new@acme.com"), sent("bob@acme.com")] })),
    );
    await openWorkspace(undefined, "org_1");
    render(MembersView);
    const invites = await screen.findAllByTestId("sent-invite");
    expect(invites.map((i) => [i.dataset.email, i.dataset.state])).toEqual([
      ["new@acme.com", "pending"],
      ["bob@acme.com", "accepted"],
    ]);
    expect(within(invites[0]!).getByTestId("sent-invite-state")).toHaveTextContent("Invited · pending");
    expect(screen.getByTestId("sent-invites")).toHaveTextContent("those sent elsewhere are not shown");

    await userEvent.click(within(invites[0]!).getByTestId("sent-invite-forget"));
    expect(backend.forgetInvite).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", email: "new@acme.com" });
    await vi.waitFor(() => expect(screen.getAllByTestId("sent-invite")).toHaveLength(1));
  });
});
