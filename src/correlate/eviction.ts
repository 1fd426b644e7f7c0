// Bounded state: the settle queue (a message's "received" is decided once no content filter can claim it any
// more, and a finished message lingers for its trailing lines) and the timing of the horizon sweep.

import type { MessageState } from './messages.js';

/**
 * How long after a message's arrival (or its end) it stays claimable and findable, ms of log time. A content
 * filter re-injects a message and only then answers the parent's `250 … queued as CHILD`: that answer follows the
 * child's arrival by the time of one re-injection (milliseconds to seconds; Postfix's own limit on waiting for it,
 * smtp_data_done_timeout, is 600 s). Five minutes covers slow filters and large messages, and keeps the delay
 * before "received" is counted well below any report period. It is also how long a message refused at end of DATA
 * keeps collecting its trailing lines (message-id, cleanup's bounce of a sendmail message).
 */
export const SETTLE_MS = 5 * 60 * 1000;

/** The horizon sweep runs every quarter horizon of log time: a silent message leaves memory within 1.25 horizons. */
export const SWEEPS_PER_HORIZON = 4;

/**
 * Messages waiting for their settle time, in the order they were queued. Every entry gets the same delay, so the
 * order of log time is the order of due times and the head is always the next due (a little out-of-order log
 * time only makes an entry wait for the one before it).
 */
export class SettleQueue {
  private items: MessageState[] = [];
  private dues: number[] = [];
  private head = 0;

  /** Entries waiting. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Queues `m`, due SETTLE_MS after `time` (no-op when it is already waiting). */
  push(m: MessageState, time: number): void {
    if (m.inQueue) return;
    m.inQueue = true;
    this.items.push(m);
    this.dues.push(time + SETTLE_MS);
  }

  /** The next entry due at or before `now`, removed from the queue; null when none is due. */
  next(now: number): MessageState | null {
    if (this.head >= this.items.length || this.dues[this.head]! > now) return null;
    return this.take();
  }

  /** The next entry whatever its due time (end of input); null when empty. */
  nextAny(): MessageState | null {
    return this.head < this.items.length ? this.take() : null;
  }

  private take(): MessageState {
    const m = this.items[this.head]!;
    this.items[this.head] = undefined as unknown as MessageState; // let it be collected before compaction
    this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.dues = this.dues.slice(this.head);
      this.head = 0;
    }
    m.inQueue = false;
    return m;
  }
}
