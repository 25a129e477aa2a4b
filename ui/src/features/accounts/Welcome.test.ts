import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import Welcome from "./Welcome.svelte";
import KeychainBanner from "./KeychainBanner.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, resetStores } from "../../test/fakeBackend";
import { session } from "../../lib/stores/session.svelte";


beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend());
});

describe("Welcome", () => {
  it("validates as you type and signs in with the production URL by default", async () => {
    const onAdded = vi.fn();
    render(Welcome, { onAdded });
    await userEvent.type(screen.getByTestId("signin-email"), "olive");
    expect(screen.getByTestId("signin-email-error")).toBeInTheDocument();
    // Only an @ is asked for: which logins exist (long TLDs, IDN) is the server's business.
    await userEvent.type(screen.getByTestId("signin-email"), "@acme.com");
    expect(screen.queryByTestId("signin-email-error")).toBeNull();
    await userEvent.click(screen.getByTestId("signin-submit"));
    expect(screen.getByTestId("signin-password-error")).toHaveTextContent(/password/);
    expect(backend.signIn).not.toHaveBeenCalled();
    await userEvent.type(screen.getByTestId("signin-password"), "pw");
    await userEvent.click(screen.getByTestId("signin-submit"));
    expect(backend.signIn).toHaveBeenCalledWith({
      baseUrl: "https://api.saasignal.saastemly.com",
      label: "",
      email: "olive@acme.com",
      password: "pw",
    });
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
  });

  it("refuses plain http except for localhost", async () => {
    render(Welcome, { onAdded: vi.fn() });
    const url = screen.getByTestId("signin-base-url");
    await userEvent.clear(url);
    await userEvent.type(url, "http://staging.example.com");
    expect(screen.getByTestId("signin-base-url-error")).toHaveTextContent(/https/);
    await userEvent.clear(url);
    await userEvent.type(url, "http://localhost:8787");
    expect(screen.queryByTestId("signin-base-url-error")).toBeNull();
  });

  it("shows bad credentials at the password and keeps the email; switching tabs keeps input", async () => {
    render(Welcome, { onAdded: vi.fn() });
    vi.mocked(backend.signIn).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.invalid_credentials, connectivity: false, message: "Invalid email or password", field: "password" }),
    );
    await userEvent.type(screen.getByTestId("signin-email"), "olive@acme.com");
    await userEvent.type(screen.getByTestId("signin-password"), "wrong");
    await userEvent.click(screen.getByTestId("signin-submit"));
    expect(await screen.findByTestId("signin-password-error")).toHaveTextContent("Invalid email or password");
    expect(screen.getByTestId("signin-email")).toHaveValue("olive@acme.com");

    await userEvent.click(screen.getByTestId("welcome-apikey"));
    await userEvent.type(screen.getByTestId("apikey-key"), "sk_live_abc");
    await userEvent.click(screen.getByTestId("welcome-signin"));
    expect(screen.getByTestId("signin-email")).toHaveValue("olive@acme.com");
    await userEvent.click(screen.getByTestId("welcome-apikey"));
    expect(screen.getByTestId("apikey-key")).toHaveValue("sk_live_abc");
  });

  it("adds an API key", async () => {
    const onAdded = vi.fn();
    render(Welcome, { onAdded });
    await userEvent.click(screen.getByTestId("welcome-apikey"));
    await userEvent.click(screen.getByTestId("apikey-submit"));
    expect(screen.getByTestId("apikey-key-error")).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("apikey-label"), "CI");
    await userEvent.type(screen.getByTestId("apikey-key"), " sk_live_abc ");
    await userEvent.click(screen.getByTestId("apikey-submit"));
    expect(backend.addApiKey).toHaveBeenCalledWith({
      baseUrl: "https://api.saasignal.saastemly.com",
      label: "CI",
      apiKey: "sk_live_abc",
    });
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
  });

  it("shows a sandbox failure", async () => {
    render(Welcome, { onAdded: vi.fn() });
    vi.mocked(backend.exploreSandbox).mockRejectedValueOnce(new BackendError({ code: ErrorCodes.internal, connectivity: false, message: "Port in use" }));
    await userEvent.click(screen.getByTestId("welcome-sandbox"));
    expect(await screen.findByTestId("sandbox-error")).toHaveTextContent("Port in use");
  });
});

describe("Keychain banner", () => {
  it("says what is wrong and what to do, and Retry rechecks", async () => {
    session.keychain = {
      state: "failed",
      error: { code: ErrorCodes.keychain_locked, connectivity: false, message: "The login keyring is locked. Unlock it and press Retry." },
    };
    render(KeychainBanner);
    expect(screen.getByTestId("keychain-banner")).toHaveTextContent("The login keyring is locked. Unlock it and press Retry.");
    await userEvent.click(screen.getByTestId("keychain-retry"));
    expect(backend.recheckKeychain).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByTestId("keychain-banner")).toBeNull());
  });
});
