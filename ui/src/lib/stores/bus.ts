// A tiny in-process event bus: backend events fan out to whatever screen is open, and
// "retry" asks open screens to read from the server again.
import type { CoreEvent } from "../backend";

export type BusEvent = CoreEvent | { kind: "retry"; account: string };
type Listener = (event: BusEvent) => void;

const listeners = new Set<Listener>();

export const bus = {
  on(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(event: BusEvent): void {
    for (const listener of [...listeners]) listener(event);
  },
  clear(): void {
    listeners.clear();
  },
};
