// The backend's one event, `core-event`, fanned out in the page: App.svelte listens once
// and passes each event here; open lists and stores subscribe.
import type { CoreEvent } from "../backend";

type Listener = (event: CoreEvent) => void;

const listeners = new Set<Listener>();

export const bus = {
  on(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(event: CoreEvent): void {
    for (const listener of [...listeners]) listener(event);
  },
  clear(): void {
    listeners.clear();
  },
};
