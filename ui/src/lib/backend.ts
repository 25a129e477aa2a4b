// The one module that talks to the Rust backend. Everything else in the UI imports from
// here, so tests mock this file alone and no other module imports @tauri-apps/*.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { CommandError } from "./bindings/CommandError";

export type { AppInfo, CommandError };

/** Raised for every failed command; `code` is what the UI branches on. */
export class BackendError extends Error {
  readonly code: CommandError["code"];
  readonly field: string | undefined;

  constructor(error: CommandError) {
    super(error.message);
    this.name = "BackendError";
    this.code = error.code;
    this.field = error.field;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    if (isCommandError(raw)) throw new BackendError(raw);
    // IPC itself failed (command not allowed, backend gone): still a typed error.
    throw new BackendError({ code: "internal", message: String(raw) });
  }
}

export const backend = {
  appInfo: (): Promise<AppInfo> => call<AppInfo>("app_info"),
};

export type Backend = typeof backend;
