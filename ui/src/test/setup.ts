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
