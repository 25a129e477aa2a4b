// The "first useful paint" mark `cargo xtask bench-launch` reads: the first frame that
// shows rows of a list (the bare hello-world window it is compared with sets the same
// mark when its answer is on screen). Set once per page; costs nothing afterwards.
export const FIRST_USEFUL_PAINT = "first-useful-paint";

/** The launch's steps between the parsed document and the first useful paint, in order. */
export type BootStage = "accounts" | "rows-read" | "mounted" | "rows-rendered";

let marked = false;
const bootMarked = new Set<BootStage>();

/** Marks the next frame, the first time any list has rows on screen. */
export function markFirstRowsPainted(): void {
  if (marked) return;
  marked = true;
  markBoot("rows-rendered");
  requestAnimationFrame(() => performance.mark(FIRST_USEFUL_PAINT));
}

/**
 * Marks a launch step once (`boot:<stage>`), so `cargo xtask bench-launch` can say where
 * the time between the parsed document and the first useful paint goes.
 */
export function markBoot(stage: BootStage): void {
  if (bootMarked.has(stage)) return;
  bootMarked.add(stage);
  performance.mark(`boot:${stage}`);
}

let firstFrame: Promise<void> = Promise.resolve();

/**
 * Holds the lists' server reads (`afterFirstFrame`) until the window's first frame has
 * painted, at most `capMs`: at launch the cached rows are on screen already, and a
 * server read then (with 10,000 projects: fetching, decoding and caching them all) only
 * competes with WebKit's first paint for the machine (`cargo xtask bench-launch`).
 * Returns what to call once the first screen is mounted. Only the app's start calls
 * this; until then (and in unit tests) nothing is held.
 */
export function holdServerReadsUntilFirstFrame(capMs = 1000): () => void {
  let release: () => void = () => undefined;
  firstFrame = new Promise<void>((done) => {
    release = done;
    setTimeout(done, capMs);
  });
  return () => requestAnimationFrame(() => requestAnimationFrame(() => release()));
}

/** Settles once a held launch has painted its first frame (at once otherwise). */
export function afterFirstFrame(): Promise<void> {
  return firstFrame;
}
