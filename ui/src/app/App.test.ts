import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { nav } from "../lib/stores/nav.svelte";
import { backend, BackendError, ErrorCodes } from "../lib/backend";
import {
  fakeBackend,
  makeAccount,
  makeOrg,
  makeProject,
  fresh,
  offline,
  pageOf,
  resetStores,
  world,
} from "../test/fakeBackend";


beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend());
});

describe("App shell", () => {
  it("shows the welcome screen with three ways in when there is no account", async () => {
    Object.assign(backend, fakeBackend(world({ accounts: [] })));
    render(App);
    expect(await screen.findByTestId("welcome-signin")).toBeInTheDocument();
    expect(screen.getByTestId("welcome-apikey")).toBeInTheDocument();
    expect(screen.getByTestId("welcome-sandbox")).toBeInTheDocument();
  });

  it("explores the sandbox in one click and opens the shell", async () => {
    const sandbox = makeAccount({ id: "acc_sandbox", label: "Local sandbox", baseUrl: "", isLocalSandbox: true });
    let accounts: ReturnType<typeof makeAccount>[] = [];
    Object.assign(backend, fakeBackend(world({ accounts })));
    vi.mocked(backend.listAccounts).mockImplementation(async () => ({ accounts, current: accounts[0]?.id ?? null, lastOrg: {} }));
    vi.mocked(backend.exploreSandbox).mockImplementation(async () => {
      accounts = [sandbox];
      return sandbox;
    });
    render(App);
    await userEvent.click(await screen.findByTestId("welcome-sandbox"));
    expect(backend.exploreSandbox).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("org-title")).toHaveTextContent("Acme Corp");
    expect(screen.getByTestId("account-item")).toHaveTextContent("Local sandbox");
  });

  it("reopens the last used account and its last org", async () => {
    const a = makeAccount({ id: "acc_a", label: "Staging" });
    const b = makeAccount({ id: "acc_b", label: "Production" });
    Object.assign(backend, fakeBackend(world({ accounts: [a, b], orgs: [makeOrg(), makeOrg({ id: "org_2", name: "Beta Inc", slug: "beta" })] })));
    vi.mocked(backend.listAccounts).mockResolvedValue({ accounts: [a, b], current: "acc_b", lastOrg: { acc_b: "org_2" } });
    render(App);
    expect(await screen.findByTestId("org-title")).toHaveTextContent("Beta Inc");
    expect(backend.listOrgs).toHaveBeenCalledWith(expect.objectContaining({ accountId: "acc_b" }));
    const current = screen.getAllByTestId("account-item").find((el) => el.getAttribute("aria-current") === "true");
    expect(current).toHaveTextContent("Production");
    // The window is named after the open org and account.
    await vi.waitFor(() =>
      expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Beta Inc — Production — SaaSignal Admin"),
    );
    expect(document.title).toBe("Beta Inc — Production — SaaSignal Admin");
  });

  it("switches accounts with Ctrl+2", async () => {
    const a = makeAccount({ id: "acc_a", label: "Staging" });
    const b = makeAccount({ id: "acc_b", label: "Production" });
    Object.assign(backend, fakeBackend(world({ accounts: [a, b] })));
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.keyboard("{Control>}2{/Control}");
    expect(backend.switchAccount).toHaveBeenCalledWith({ accountId: "acc_b" });
    await vi.waitFor(() => expect(backend.listOrgs).toHaveBeenCalledWith(expect.objectContaining({ accountId: "acc_b" })));
  });

  it("renders server names as text, never as HTML", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    Object.assign(
      backend,
      fakeBackend(world({ orgs: [makeOrg({ name: evil })], projects: [makeProject({ name: evil, description: `<b>${evil}</b>` })] })),
    );
    const { container } = render(App);
    expect(await screen.findByTestId("org-title")).toHaveTextContent(evil);
    expect(screen.getByTestId("org-item")).toHaveTextContent(evil);
    expect(await screen.findByTestId("project-row")).toHaveTextContent(evil);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });

  it("shows the offline banner with the sync time, disables writes, and Retry refreshes", async () => {
    // The server is unreachable for every read (they run side by side).
    vi.mocked(backend.projectPage).mockImplementation(async () => offline(pageOf([makeProject()])));
    vi.mocked(backend.listOrgs).mockImplementation(async () => offline([makeOrg()]));
    vi.mocked(backend.myScopes).mockImplementation(async () => offline(["*"]));
    render(App);
    const banner = await screen.findByTestId("offline-banner");
    expect(banner).toHaveTextContent(/Offline — showing data from/);
    // The cached rows stay readable.
    expect(screen.getByTestId("project-row")).toHaveTextContent("Billing API");
    // Writes are off, with the reason.
    expect(screen.getByTestId("project-create")).toBeDisabled();
    expect(screen.getByTestId("project-create-hint")).toHaveTextContent(/offline/i);
    // Once the reads still in flight are back.
    await vi.waitFor(() => expect(screen.getByTestId("sync-status")).toHaveTextContent(/Offline/));

    vi.mocked(backend.listOrgs).mockImplementation(async () => fresh([makeOrg()]));
    vi.mocked(backend.myScopes).mockImplementation(async () => fresh(["*"]));
    vi.mocked(backend.projectPage).mockImplementation(async () => ({
      data: pageOf([makeProject()]),
      syncedAt: new Date().toISOString(),
      stale: false,
      staleReason: null,
    }));
    await userEvent.click(within(banner).getByTestId("offline-retry"));
    expect(backend.refreshAccount).toHaveBeenCalledWith({ accountId: "acc_1" });
    await vi.waitFor(() => expect(screen.queryByTestId("offline-banner")).toBeNull());
    expect(screen.getByTestId("project-create")).toBeEnabled();
    expect(screen.getByTestId("sync-status")).toHaveTextContent(/Synced at/);
  });

  it("asks for the password in place when the session expired, keeps the form, and retries", async () => {
    render(App);
    await userEvent.click(await screen.findByTestId("project-create"));
    await userEvent.type(screen.getByTestId("create-project-name"), "Search index");
    await userEvent.type(screen.getByTestId("create-project-description"), "Typed before expiry");
    vi.mocked(backend.createProject).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.unauthorized, connectivity: false, message: "Your session has expired." }),
    );
    await userEvent.click(screen.getByTestId("create-project-submit"));

    const modal = await screen.findByTestId("reauth-dialog");
    // The screen and the typed input are still there underneath.
    expect(screen.getByTestId("create-project-dialog")).toBeInTheDocument();
    expect(screen.getByTestId("create-project-name")).toHaveValue("Search index");
    expect(screen.getByTestId("org-title")).toHaveTextContent("Acme Corp");

    await userEvent.type(within(modal).getByTestId("reauth-password"), "hunter22");
    await userEvent.click(within(modal).getByTestId("reauth-submit"));
    expect(backend.signInAgain).toHaveBeenCalledWith({ accountId: "acc_1", password: "hunter22" });
    await vi.waitFor(() => expect(backend.createProject).toHaveBeenCalledTimes(2));
    expect(vi.mocked(backend.createProject).mock.calls[1]?.[0].project.name).toBe("Search index");
    await vi.waitFor(() => expect(screen.queryByTestId("reauth-dialog")).toBeNull());
    expect(screen.queryByTestId("create-project-dialog")).toBeNull();
    expect(await screen.findByTestId("project-details")).toHaveTextContent("Search index");
  });

  it("keeps typed input and says so when the person declines to sign in again", async () => {
    render(App);
    await userEvent.click(await screen.findByTestId("project-create"));
    await userEvent.type(screen.getByTestId("create-project-name"), "Keep me");
    vi.mocked(backend.createProject).mockRejectedValueOnce(new BackendError({ code: ErrorCodes.unauthorized, connectivity: false, message: "Your session has expired. Sign in again." }));
    await userEvent.click(screen.getByTestId("create-project-submit"));
    await screen.findByTestId("reauth-dialog");
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByTestId("create-project-error")).toHaveTextContent(/Sign in again/);
    expect(screen.getByTestId("create-project-name")).toHaveValue("Keep me");
  });

  it("re-reads an open list from the cache when the backend says it changed", async () => {
    let handler: ((e: import("../lib/backend").CoreEvent) => void) | null = null;
    vi.mocked(backend.onEvent).mockImplementation(async (h) => {
      handler = h;
      return () => undefined;
    });
    render(App);
    await screen.findByTestId("project-row");
    vi.mocked(backend.projectPage).mockClear();
    vi.mocked(backend.projectPage).mockResolvedValue({
      data: pageOf([makeProject(), makeProject({ id: "proj_2", name: "From elsewhere" })]),
      syncedAt: new Date().toISOString(),
      stale: true,
      staleReason: null,
    });
    handler!({ kind: "cache_updated", account: "acc_1", resource: "projects", orgId: "org_1" });
    expect(backend.projectPage).toHaveBeenCalledWith(expect.objectContaining({ accountId: "acc_1", orgId: "org_1", mode: "cache" }));
    expect(await screen.findByText("From elsewhere")).toBeInTheDocument();

    // Account state events update the badge.
    handler!({ kind: "account_state", account: "acc_1", state: "needs_sign_in" });
    await vi.waitFor(() => expect(screen.getByTestId("account-state")).toHaveTextContent("Signed out"));
    expect(screen.getByTestId("signed-out-banner")).toBeInTheDocument();
  });

  it("an opened expiry notification shows its account's org with the keys it is about", async () => {
    Object.assign(
      backend,
      fakeBackend(
        world({
          accounts: [makeAccount(), makeAccount({ id: "acc_2", label: "Staging" })],
          orgs: [makeOrg(), makeOrg({ id: "org_2", name: "Globex", slug: "globex" })],
        }),
      ),
    );
    let handler: ((e: import("../lib/backend").CoreEvent) => void) | null = null;
    vi.mocked(backend.onEvent).mockImplementation(async (h) => {
      handler = h;
      return () => undefined;
    });
    render(App);
    await screen.findByTestId("org-title");
    handler!({ kind: "show_keys", account: "acc_2", orgId: "org_2", concern: "expiring_soon" });
    await vi.waitFor(() => expect(backend.switchAccount).toHaveBeenCalledWith({ accountId: "acc_2" }));
    expect(await screen.findByTestId("org-title")).toHaveTextContent("Globex");
    expect(await screen.findByTestId("key-health")).toBeInTheDocument();
    expect(screen.getByTestId("key-health-clear")).toBeInTheDocument();
  });

  it("opens a link's org on its screen once listening, and says why a link was refused", async () => {
    Object.assign(
      backend,
      fakeBackend(world({ orgs: [makeOrg(), makeOrg({ id: "org_2", name: "Globex", slug: "globex" })] })),
    );
    let handler: ((e: import("../lib/backend").CoreEvent) => void) | null = null;
    vi.mocked(backend.onEvent).mockImplementation(async (h) => {
      handler = h;
      return () => undefined;
    });
    render(App);
    await screen.findByTestId("org-title");
    // The launch's own link is asked for once the window listens.
    await vi.waitFor(() => expect(backend.openLaunchLink).toHaveBeenCalledTimes(1));
    handler!({ kind: "open_view", account: "acc_1", orgId: "org_2", view: "usage" });
    await vi.waitFor(() => expect(screen.getByTestId("org-title")).toHaveTextContent("Globex"));
    expect(nav.view).toBe("usage");
    handler!({ kind: "link_refused", message: "The link \"x\" is not one SaaSignal Admin opens" });
    expect(await screen.findByTestId("notice")).toHaveTextContent("is not one SaaSignal Admin opens");
  });

  it("removes an account after confirmation and falls back to the welcome screen", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.click(screen.getByTestId("account-remove"));
    await userEvent.click(screen.getByTestId("remove-account-dialog-confirm"));
    expect(backend.removeAccount).toHaveBeenCalledWith({ accountId: "acc_1" });
    expect(await screen.findByTestId("welcome")).toBeInTheDocument();
  });

  it("adds another account from the switcher in a dialog", async () => {
    render(App);
    await screen.findByTestId("org-title");
    await userEvent.click(screen.getByTestId("account-add"));
    const dialog = await screen.findByTestId("add-account-dialog");
    expect(within(dialog).getByTestId("welcome-sandbox")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByTestId("welcome-apikey"));
    await userEvent.type(within(dialog).getByTestId("apikey-key"), "sk_live_x");
    await userEvent.click(within(dialog).getByTestId("apikey-submit"));
    expect(backend.addApiKey).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByTestId("add-account-dialog")).toBeNull());
  });

  it("asks for the password when a read finds the session expired, then refreshes the account", async () => {
    vi.mocked(backend.projectPage).mockImplementation(async ({ mode }) => ({
      data: pageOf([makeProject()]),
      syncedAt: "2030-01-01T10:42:00Z",
      stale: true,
      staleReason: mode === "network" ? { code: ErrorCodes.unauthorized, connectivity: false, message: "The session has expired." } : null,
    }));
    render(App);
    const modal = await screen.findByTestId("reauth-dialog");
    // The cached rows stay on screen underneath.
    expect(screen.getByTestId("project-row")).toHaveTextContent("Billing API");
    vi.mocked(backend.projectPage).mockClear();
    vi.mocked(backend.projectPage).mockResolvedValue({ data: pageOf([makeProject()]), syncedAt: new Date().toISOString(), stale: false, staleReason: null });
    await userEvent.type(within(modal).getByTestId("reauth-password"), "pw");
    await userEvent.click(within(modal).getByTestId("reauth-submit"));
    // One refresh of the account; the open list reads what it brought, from the cache.
    await vi.waitFor(() => expect(backend.refreshAccount).toHaveBeenCalledWith({ accountId: "acc_1" }));
    await vi.waitFor(() => expect(backend.projectPage).toHaveBeenCalledWith(expect.objectContaining({ mode: "cache" })));
    expect(screen.queryByTestId("reauth-dialog")).toBeNull();
    await vi.waitFor(() => expect(screen.getByTestId("sync-status")).toHaveTextContent(/Synced at/));
  });
});
