// Counts what a screen can leave running after it is gone: listeners on the page's
// long-lived targets (window, document, body), timers, animation frames, observers and
// the bus's subscriptions. The soak's regression test (leaks.test.ts) compares the
// counts before and after mounting a screen many times.
import { bus } from "../lib/stores/bus";

/** What is live at a moment. */
export interface Live {
  listeners: number;
  timeouts: number;
  intervals: number;
  frames: number;
  observers: number;
  bus: number;
}

export interface ResourceTracker {
  live(): Live;
  /** The live listeners, by target and event type (for a failing test's message). */
  listenerTypes(): string[];
  restore(): void;
}

type Listener = EventListenerOrEventListenerObject;

/** Starts counting; `restore()` puts the originals back. */
export function trackResources(): ResourceTracker {
  const undo: (() => void)[] = [];
  const patch = <T extends object, K extends keyof T>(owner: T, name: K, make: (original: T[K]) => T[K]): void => {
    const original = owner[name];
    owner[name] = make(original);
    undo.push(() => {
      owner[name] = original;
    });
  };

  // Listeners: only on targets that outlive a screen; an element's go with it.
  const longLived = (target: EventTarget): string | null =>
    target === window ? "window" : target === document ? "document" : target === document.body ? "body" : null;
  const listeners = new Map<string, Set<Listener>>();
  const capture = (options?: boolean | AddEventListenerOptions | EventListenerOptions): boolean =>
    typeof options === "boolean" ? options : (options?.capture ?? false);
  patch(EventTarget.prototype, "addEventListener", (original) =>
    function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions) {
      const name = longLived(this);
      if (name && listener && !(typeof options === "object" && options.once)) {
        const key = `${name} ${type}${capture(options) ? " (capture)" : ""}`;
        if (!listeners.has(key)) listeners.set(key, new Set());
        listeners.get(key)?.add(listener);
      }
      return original.call(this, type, listener, options);
    },
  );
  patch(EventTarget.prototype, "removeEventListener", (original) =>
    function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | EventListenerOptions) {
      const name = longLived(this);
      if (name && listener) listeners.get(`${name} ${type}${capture(options) ? " (capture)" : ""}`)?.delete(listener);
      return original.call(this, type, listener, options);
    },
  );

  // Timers: a timeout is live until it fires or is cleared.
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  patch(globalThis, "setTimeout", (original) => {
    const wrapped = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id: unknown = original(
        (...inner: unknown[]) => {
          timeouts.delete(id);
          if (typeof handler === "function") (handler as (...a: unknown[]) => void)(...inner);
        },
        ms,
        ...args,
      );
      timeouts.add(id);
      return id;
    };
    return wrapped as typeof setTimeout;
  });
  patch(globalThis, "clearTimeout", (original) => ((id?: Parameters<typeof clearTimeout>[0]) => {
    timeouts.delete(id);
    intervals.delete(id);
    original(id);
  }) as typeof clearTimeout);
  patch(globalThis, "setInterval", (original) => ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = original(handler, ms, ...args);
    intervals.add(id);
    return id;
  }) as typeof setInterval);
  patch(globalThis, "clearInterval", (original) => ((id?: Parameters<typeof clearInterval>[0]) => {
    intervals.delete(id);
    timeouts.delete(id);
    original(id);
  }) as typeof clearInterval);

  const frames = new Set<number>();
  if (typeof globalThis.requestAnimationFrame === "function") {
    patch(globalThis, "requestAnimationFrame", (original) => (callback: FrameRequestCallback) => {
      const id: number = original((time) => {
        frames.delete(id);
        callback(time);
      });
      frames.add(id);
      return id;
    });
    patch(globalThis, "cancelAnimationFrame", (original) => (id: number) => {
      frames.delete(id);
      original(id);
    });
  }

  // Observers: live while they watch anything (the ResizeObserver is setup.ts's inert one:
  // it watches nothing but counts, so the virtual tables' observers are exercised too).
  let observing = 0;
  type Observer = { observe(...a: unknown[]): void; unobserve?(target: unknown): void; disconnect(): void };
  type ObserverClass = new (...a: unknown[]) => Observer;
  const counted = (Base: ObserverClass): ObserverClass =>
    class extends Base {
      #watched = new Set<unknown>();
      override observe(target: unknown, ...rest: unknown[]): void {
        if (this.#watched.size === 0) observing += 1;
        this.#watched.add(target);
        super.observe(target, ...rest);
      }
      override unobserve(target: unknown): void {
        if (this.#watched.delete(target) && this.#watched.size === 0) observing -= 1;
        super.unobserve?.(target);
      }
      override disconnect(): void {
        if (this.#watched.size > 0) observing -= 1;
        this.#watched.clear();
        super.disconnect();
      }
    };
  const resizeBase = globalThis.ResizeObserver as unknown as ObserverClass;
  patch(globalThis as { ResizeObserver?: unknown }, "ResizeObserver", () => counted(resizeBase));
  patch(globalThis, "MutationObserver", (original) => counted(original as unknown as ObserverClass) as unknown as typeof MutationObserver);

  return {
    live: () => ({
      listeners: [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
      timeouts: timeouts.size,
      intervals: intervals.size,
      frames: frames.size,
      observers: observing,
      bus: bus.size,
    }),
    listenerTypes: () => [...listeners].filter(([, set]) => set.size > 0).map(([key, set]) => `${key} × ${set.size}`),
    restore: () => {
      for (const step of undo.reverse()) step();
    },
  };
}
