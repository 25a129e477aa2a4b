// Problems outside any one screen, as the backend keeps them (a data folder that cannot
// be used, settings restored from their backup, a key nobody holds the secret of), and
// whether the keychain is waiting for the person right now.
import { backend, type Notice } from "../backend";
import { describeError } from "../errors";

class Notices {
  list = $state<Notice[]>([]);
  /** A keychain call has been waiting on the person for a while (an unlock prompt). */
  keychainWaiting = $state(false);
  /** Which notice's action is running, and what went wrong with the last one. */
  busy = $state<string | null>(null);
  error = $state<{ id: string; message: string } | null>(null);
  /** Which answer is the newest: an older one arriving late never overwrites it. */
  private seq = 0;

  async load(): Promise<void> {
    const seq = ++this.seq;
    try {
      const list = await backend.listNotices();
      if (seq === this.seq) this.list = list;
    } catch {
      // Shown nowhere else: keep the last list; the next change event brings it.
    }
  }

  /** The backend's `notices_changed` event: the whole list as it now is. */
  changed(list: Notice[]): void {
    this.seq += 1;
    this.list = list;
  }

  async dismiss(id: string): Promise<void> {
    await this.run(id, () => backend.dismissNotice({ noticeId: id }));
  }

  async retryStorage(id: string): Promise<void> {
    await this.run(id, () => backend.retryStorage());
  }

  async revokeKey(id: string): Promise<void> {
    await this.run(id, () => backend.revokeUnshownKey({ noticeId: id }));
  }

  private async run(id: string, action: () => Promise<Notice[]>): Promise<void> {
    this.busy = id;
    this.error = null;
    const seq = ++this.seq;
    try {
      const list = await action();
      if (seq === this.seq) this.list = list;
    } catch (error) {
      this.error = { id, message: describeError(error) };
    } finally {
      this.busy = null;
    }
  }
}

export const notices = new Notices();
