import { vi } from "vitest";
import "@testing-library/jest-dom/vitest";

// jsdom lays nothing out: give elements a size so virtual lists render the rows in view
// (600 px tall at 40 px a row, about 15 rows plus overscan).
Object.defineProperty(HTMLElement.prototype, "offsetHeight", { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, "offsetWidth", { configurable: true, get: () => 1000 });
if (!("scrollIntoView" in Element.prototype)) {
  Object.defineProperty(Element.prototype, "scrollIntoView", { configurable: true, value: () => undefined });
}
if (!HTMLElement.prototype.scrollTo) {
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === "object" && options.top !== undefined) this.scrollTop = options.top;
  } as HTMLElement["scrollTo"];
}
// jsdom has no ResizeObserver (nor layout to observe): an inert one, so size bindings mount.
if (!("ResizeObserver" in globalThis)) {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
// jsdom has no media queries; the light theme answers (uPlot asks at import for the
// pixel ratio, the chart for the colour scheme).
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Every component test talks to a fake backend: the real module's types and helpers, with
// `backend` itself an empty object each test fills from test/fakeBackend.ts.
vi.mock("../lib/backend", async (importOriginal) => {
  const original = await importOriginal<typeof import("../lib/backend")>();
  return { ...original, backend: {} };
});
