// What `cargo xtask bench-scroll` reads from the page: the main-thread time each table
// spends bringing its rows up to date (from the change that moved them to the DOM
// patched), one entry per update. Off unless the benchmark sets `window.__tableWork` to
// an array, so a normal session records nothing and holds nothing.

type Probe = { __tableWork?: number[] };

function probe(): number[] | undefined {
  return (globalThis as Probe).__tableWork;
}

/** The start of a table update: a token for `tableUpdated`, or null when not measuring. */
export function tableUpdating(): number | null {
  return probe() === undefined ? null : performance.now();
}

/** Records the update that began at `started` (from `tableUpdating`). */
export function tableUpdated(started: number | null): void {
  const work = probe();
  if (started !== null && work !== undefined) work.push(performance.now() - started);
}
