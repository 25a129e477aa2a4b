import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { backend, type Notice, ErrorCodes, BackendError } from "../lib/backend";
import { nav } from "../lib/stores/nav.svelte";
import { notices } from "../lib/stores/notices.svelte";
import { fakeBackend, makeToken, resetStores, world } from "../test/fakeBackend";
import NoticeList from "./NoticeList.svelte";

const storage: Notice = {
  id: "cache-file",
  severity: "error",
  title: "Working without the offline cache",
  message: "The offline cache at /d/cache.sqlite cannot be used: database is locked. Quit that, then choose Retry.",
  path: "/d/cache.sqlite",
  action: { kind: "retry_storage" },
  dismissible: false,
};

const unshown: Notice = {
  id: "unshown-key:3",
  severity: "warning",
  title: "Nobody has the secret of “Deploy”",
  message: "The key “Deploy” (tok_9) was created, but its secret never reached you. Revoke the key.",
  path: null,
  action: { kind: "revoke_key", account: "acc_1", orgId: "org_1", tokenId: "tok_9" },
  dismissible: true,
};

beforeEach(() => {
  resetStores();
});

describe("NoticeList", () => {
  it("names the path and offers Retry for storage, without Dismiss while the problem stays", async () => {
    const fake = fakeBackend(world({ notices: [storage] }));
    Object.assign(backend, fake);
    await notices.load();
    render(NoticeList);
    expect(screen.getByTestId("notice-title")).toHaveTextContent("Working without the offline cache");
    expect(screen.getByTestId("notice-path")).toHaveTextContent("/d/cache.sqlite");
    expect(screen.queryByTestId("notice-dismiss")).toBeNull();
    vi.mocked(fake.retryStorage).mockResolvedValueOnce([]);
    await userEvent.click(screen.getByTestId("notice-retry"));
    await vi.waitFor(() => expect(screen.queryByTestId("notice")).toBeNull());
  });

  it("offers to revoke a key nobody holds, and says why it failed", async () => {
    const fake = fakeBackend(world({ notices: [unshown] }));
    Object.assign(backend, fake);
    await notices.load();
    render(NoticeList);
    vi.mocked(fake.revokeUnshownKey).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.offline, connectivity: true, message: "You're offline" }),
    );
    await userEvent.click(screen.getByTestId("notice-revoke"));
    expect(await screen.findByTestId("notice-error")).toHaveTextContent("You're offline");
    await userEvent.click(screen.getByTestId("notice-revoke"));
    expect(fake.revokeUnshownKey).toHaveBeenLastCalledWith({ noticeId: "unshown-key:3" });
    await vi.waitFor(() => expect(screen.queryByTestId("notice")).toBeNull());
  });

  it("after the window reloaded, Show secret opens the key's copy-once dialog again, and Dismiss forgets it", async () => {
    const minted = { item: makeToken({ id: "tok_7", name: "Deploy" }), secret: "4f2a" };
    const stillHeld: Notice = {
      id: "secret-waiting:4f2a",
      severity: "warning",
      title: "The secret of “Deploy” is still here",
      message: "The window was reloaded while the new key “Deploy” was waiting for you to copy its secret.",
      path: null,
      action: { kind: "show_secret", minted },
      dismissible: true,
    };
    const fake = fakeBackend(world({ notices: [stillHeld] }));
    Object.assign(backend, fake);
    await notices.load();
    render(NoticeList);
    await userEvent.click(screen.getByTestId("notice-show-secret"));
    expect(nav.minted).toEqual(minted);
    expect(nav.mintedReplaces).toBeNull();
    vi.mocked(fake.dismissNotice).mockResolvedValueOnce([]);
    await userEvent.click(screen.getByTestId("notice-dismiss"));
    expect(fake.dismissNotice).toHaveBeenLastCalledWith({ noticeId: "secret-waiting:4f2a" });
  });

  it("says when the keychain waits for the person", () => {
    Object.assign(backend, fakeBackend());
    notices.keychainWaiting = true;
    render(NoticeList);
    expect(screen.getByTestId("keychain-waiting")).toHaveTextContent(/waiting for you/);
  });
});

describe("notices store", () => {
  it("a list loaded before a change event never overwrites it", async () => {
    let answer: (list: Notice[]) => void = () => undefined;
    const fake = fakeBackend();
    vi.mocked(fake.listNotices).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    Object.assign(backend, fake);
    const loading = notices.load();
    notices.changed([storage]);
    answer([]);
    await loading;
    expect(notices.list).toEqual([storage]);
  });
});
