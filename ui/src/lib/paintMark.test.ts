import { afterEach, describe, expect, it, vi } from "vitest";
import { afterFirstFrame, holdServerReadsUntilFirstFrame } from "./paintMark";

/** Whether `promise` has settled after the pending microtasks ran. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("server reads held at launch", () => {
  it("go at once when nothing holds them (unit tests, later reads)", async () => {
    expect(await settled(afterFirstFrame())).toBe(true);
  });

  it("wait for the first frame painted after the first screen is mounted", async () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, "requestAnimationFrame").mockImplementation((callback) => frames.push(callback));
    const mounted = holdServerReadsUntilFirstFrame(60_000);
    const held = afterFirstFrame();
    expect(await settled(held)).toBe(false);
    mounted();
    frames.shift()?.(0);
    expect(await settled(held)).toBe(false);
    frames.shift()?.(16);
    expect(await settled(held)).toBe(true);
  });

  it("wait no longer than the cap when no frame comes", async () => {
    vi.useFakeTimers();
    holdServerReadsUntilFirstFrame(1000);
    const held = afterFirstFrame();
    vi.advanceTimersByTime(999);
    expect(await settled(held)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(held)).toBe(true);
  });
});
