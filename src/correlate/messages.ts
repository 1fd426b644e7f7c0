// The correlator's state of one message (one life of a queue ID): what the facts expose, plus the little that is
// needed to decide "received" once, link content-filter hops, and name the recipients an expiry returns.

import type { DeliveryStatus, LogRecord, Peer } from '../parse/events.js';
import type { Message } from './facts.js';

/** A verdict that accepts a message without it ever reaching the queue manager (access map or header check). */
export type Verdict = 'none' | 'hold' | 'discard';

/** Whether a life is over: open, removed from the queue, or finished without `removed` (refused, discarded). */
export type Closed = 'open' | 'removed' | 'finished';

/**
 * How much to trust a sender address, weakest first: an arrival line (pickup's `from=<alice>` is unqualified),
 * cleanup's envelope (rewritten), qmgr's `from=` (what was queued).
 */
export const FROM_ARRIVAL = 1;
export const FROM_CLEANUP = 2;
export const FROM_QMGR = 3;

/** One life of a queue ID. The fields of Message are the public view; the rest is the correlator's bookkeeping. */
export class MessageState implements Message {
  parentId: string | null = null;
  origin: 'smtpd' | 'pickup' | 'unknown' = 'unknown';
  client: Peer | null = null;
  saslUsername: string | null = null;
  from: string | null = null;
  size: number | null = null;
  nrcpt: number | null = null;
  messageId: string | null = null;
  firstSeen: number;
  lastSeen: number;

  /** the first message of a filter or requeue chain (this one when it is an original) */
  root: MessageState = this;
  /** the message this one was re-injected from, when it is in memory */
  parent: MessageState | null = null;
  /** `received` was emitted for this message (only ever for a root) */
  counted = false;
  /** the content-filter claim window is over (a parent can no longer adopt it as its re-injection) */
  settled = false;
  /** waiting in the settle/linger queue */
  inQueue = false;
  /** qmgr logged `from=… size=… nrcpt=…` for it */
  queued = false;
  verdict: Verdict = 'none';
  /** the SMTP transaction was refused (DATA or end-of-data reject, lost connection in DATA, no successful DATA) */
  refused = false;
  closed: Closed = 'open';
  fromSource = 0;
  /** a status=deferred line was seen for this life */
  deferred = false;
  /** the last status=deferred event of this life (why an expired message never got through) */
  lastDeferral: DeliveryStatus | null = null;
  /** the arrival line (client= or pickup), kept until `received` is decided: the received fact's record */
  arrival: LogRecord | null = null;
  /** recipients whose last status is deferred (key: to and orig_to) → to; created at the first deferral */
  pending: Map<string, string> | null = null;

  constructor(
    public readonly queueId: string,
    public readonly host: string,
    public instance: string,
    time: number,
  ) {
    this.firstSeen = time;
    this.lastSeen = time;
  }

  /** Counted as received: its own receipt, or its root's for a filter re-injection or a requeue. */
  get received(): boolean {
    return this.root.counted;
  }

  /** Sets the sender unless a more trustworthy source already did. */
  setFrom(from: string | null, source: number): void {
    if (from !== null && source >= this.fromSource) {
      this.from = from;
      this.fromSource = source;
    }
  }

  /** True when this message is a new one the server accepted: the rule for Grand Totals' `received`. */
  get acceptable(): boolean {
    if (this.parentId !== null || this.refused) return false;
    if (this.origin === 'pickup') return true;
    return this.origin === 'smtpd' && (this.queued || this.verdict !== 'none');
  }

  /** Notes a recipient's delivery status, so an expiry can name the recipients never delivered. */
  track(to: string, origTo: string | null, status: string): void {
    if (status === 'deferred') {
      this.pending ??= new Map();
      this.pending.set(origTo === null ? to : to + '\n' + origTo, to);
    } else if (this.pending !== null && (status === 'sent' || status === 'bounced')) {
      this.pending.delete(origTo === null ? to : to + '\n' + origTo);
    }
  }

  /** The recipients whose last status was deferred (they are returned to the sender on expiry). */
  undelivered(): string[] {
    return this.pending === null ? [] : [...this.pending.values()];
  }
}
