// The "first useful paint" mark `cargo xtask bench-launch` reads: the first frame that
// shows rows of a list (the bare hello-world window it is compared with sets the same
// mark when its answer is on screen). Set once per page; costs nothing afterwards.
export const FIRST_USEFUL_PAINT = "first-useful-paint";

let marked = false;

/** Marks the next frame, the first time any list has rows on screen. */
export function markFirstRowsPainted(): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() => performance.mark(FIRST_USEFUL_PAINT));
}
