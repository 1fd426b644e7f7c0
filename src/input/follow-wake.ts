// When a follower looks at its file: every poll interval, and shortly after an fs.watch event on the file's
// directory. Watching is the fast path; polling always runs, for filesystems whose events never arrive.

import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Delay from a watch event to the check it triggers: the events of one burst of writes become one check. */
export const WATCH_DELAY_MS = 100;

/** Schedules a call after a delay; tests pass a manual one and fire it by hand. */
export interface Waker {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout and clearTimeout. */
export const systemTimers: Waker = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Calls `wake` every `pollMs` (the first time at once) and WATCH_DELAY_MS after watch events on `path`. */
export class Wakeups {
  private pollTimer: { handle: unknown } | null = null;
  private watchTimer: { handle: unknown } | null = null;
  private watcher: FSWatcher | null = null;
  private stopped = false;

  /** `failed` is told, once, when watching fails and polling is left alone. */
  constructor(
    private readonly path: string,
    private readonly timers: Waker,
    private readonly pollMs: number,
    private readonly wake: () => void,
    private readonly failed: (message: string) => void,
  ) {}

  start(watching: boolean): void {
    if (watching) this.watchDirectory();
    this.poll(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.pollTimer) this.timers.clear(this.pollTimer.handle);
    if (this.watchTimer) this.timers.clear(this.watchTimer.handle);
    this.pollTimer = this.watchTimer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  /** The next poll is set before this one wakes the follower, so a slow check never stops the polling; the
   * follower joins a check asked for while one is waiting, so polls never pile up either. */
  private poll(ms: number): void {
    if (this.stopped) return;
    this.pollTimer = {
      handle: this.timers.set(() => {
        this.poll(this.pollMs);
        this.wake();
      }, ms),
    };
  }

  /** Watches the directory, not the file: the file changes identity on rotation, the directory does not. */
  private watchDirectory(): void {
    const name = basename(this.path);
    try {
      // not persistent: the poll timer is what keeps a live run alive, and a stopped follower must not
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, changed) => {
        // some platforms don't say which file changed
        if (changed === null || changed === name) this.soon();
      });
      this.watcher.on('error', (err) => this.unwatch(err));
    } catch (err) {
      this.unwatch(err);
    }
  }

  /** Falls back to polling alone: inotify watches used up (ENOSPC), a filesystem without events, the directory gone. */
  private unwatch(err: unknown): void {
    this.watcher?.close();
    this.watcher = null;
    const reason = (err as Error | null)?.message ?? String(err);
    this.failed(`watching the directory failed (${reason}); polling every ${this.pollMs} ms`);
  }

  /** One wake-up WATCH_DELAY_MS after an event, for it and any events that come meanwhile. */
  private soon(): void {
    if (this.stopped || this.watchTimer) return;
    this.watchTimer = {
      handle: this.timers.set(() => {
        this.watchTimer = null;
        this.wake();
      }, WATCH_DELAY_MS),
    };
  }
}
