// jsdom has no canvas: a 2D context that accepts every call and draws nothing, so a
// chart's whole life (create, resize, destroy) runs in the leak test.
export function stubCanvas(): () => void {
  const original = HTMLCanvasElement.prototype.getContext;
  const calls = (): unknown => context;
  const context: object = new Proxy(
    {},
    {
      get: (_target, name) => (name === "measureText" ? () => ({ width: 10 }) : name === "canvas" ? undefined : calls),
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as typeof original;
  const globals = globalThis as { Path2D?: unknown };
  const hadPath = "Path2D" in globals;
  const originalPath = globals.Path2D;
  // A path that takes every call (moveTo, rect, addPath…) and draws nothing.
  globals.Path2D = function Path2D() {
    return new Proxy({}, { get: () => () => undefined });
  };
  return () => {
    HTMLCanvasElement.prototype.getContext = original;
    if (hadPath) globals.Path2D = originalPath;
    else delete globals.Path2D;
  };
}
