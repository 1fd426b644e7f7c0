// What the correlator tells the aggregates: facts about messages and sessions, each counted once, in log order.
// The aggregates never re-derive message state from raw lines; they count these facts (and may read the record
// that caused each one). This is where "counted once" is decided: filter hops, requeues, reused queue IDs.

import type { DeliveryStatus, LogRecord, Peer } from '../parse/events.js';

/** What the correlator knows of one message (one queue ID life, joined across content-filter hops). */
export interface Message {
  /** the queue ID of this life of the message */
  queueId: string;
  /** the queue ID of the message before a content filter, or of the original before `postsuper -r`; null for an original */
  parentId: string | null;
  /** the Postfix instance that queued it (`postfix`, `postfix-out`) */
  instance: string;
  host: string;
  /** how it arrived: smtpd (`client=`), pickup (sendmail), or unknown (first seen mid-life) */
  origin: 'smtpd' | 'pickup' | 'unknown';
  client: Peer | null;
  saslUsername: string | null;
  /**
   * envelope sender as qmgr logged it (`''` for the null sender); before qmgr's `from=`, or for a message that never
   * reaches qmgr (held, discarded, bounced by cleanup), as cleanup's or smtpd's envelope or pickup named it; else null
   */
  from: string | null;
  size: number | null;
  nrcpt: number | null;
  messageId: string | null;
  /** epoch ms of its first line */
  firstSeen: number;
  /** epoch ms of its last line */
  lastSeen: number;
  /** counted as received (its own, or its parent's if it is a filter re-injection) */
  received: boolean;
}

/** Why a recipient's delivery counts where it does. */
export type DeliveryOutcome = 'sent' | 'deferred' | 'bounced';

/**
 * The facts, keyed on `kind`. Every fact carries the record that caused it (`record`), so aggregates can read the
 * time, host, instance and the event itself.
 */
export type Fact =
  /**
   * a message the server accepted, counted once (a filter re-injection or a requeue is not a new one). `record` is
   * its arrival line (client= or pickup); the fact itself comes once no content filter can claim the message any
   * more (about five minutes of log time later, see correlate/eviction.ts), so after its first deliveries
   */
  | { kind: 'received'; message: Message; record: LogRecord }
  /**
   * a recipient's final delivery (status=sent), not counting hand-offs to a content filter, with the message
   * (root of a filter chain: sender and size are the original's). `forwarded`: local(8) `forwarded as` (also
   * counted in Grand Totals as forwarded, not as delivered).
   */
  | { kind: 'delivered'; message: Message | null; record: LogRecord; forwarded: boolean }
  /** a deferral (status=deferred line); `firstForMessage` is true for the first deferral of the message */
  | { kind: 'deferred'; message: Message | null; record: LogRecord; firstForMessage: boolean }
  /** a recipient that bounced (status=bounced) */
  | { kind: 'bounced'; message: Message | null; record: LogRecord }
  /**
   * a message whose queue lifetime ran out (`status=expired, returned to sender`), with the recipients never
   * delivered: each of them also counts as bounced (returned to the sender). `lastDeferral`: the message's last
   * `status=deferred` event, for the expiry detail (why it never got through); absent or null when none was seen
   */
  | { kind: 'expired'; message: Message | null; record: LogRecord; recipients: string[]; lastDeferral?: DeliveryStatus | null }
  /** smtpd/postscreen/cleanup reject: one per reject line; `temporary` for 4xx; `warnOnly` for reject_warning and access-map/header WARN */
  | { kind: 'rejected'; record: LogRecord; temporary: boolean; warnOnly: boolean; session: Session | null }
  /** smtpd access-map or header/body check HOLD */
  | { kind: 'held'; record: LogRecord; message: Message | null }
  /** smtpd access-map or header/body check DISCARD */
  | { kind: 'discarded'; record: LogRecord; message: Message | null }
  /** an smtpd session that ended (disconnect, or evicted); duration in ms when both ends were seen */
  | { kind: 'session-end'; session: Session; record: LogRecord | null }
  /**
   * a message that left memory without `removed` (silent past the horizon, still open at the end of input, or its
   * queue ID taken by a new message while it was still queued or held: its last lines are missing from the log)
   */
  | { kind: 'incomplete'; message: Message; reason: 'horizon' | 'end-of-input' | 'reused' };

/** An smtpd session (connect … disconnect of one smtpd process and client), the home of NOQUEUE events. */
export interface Session {
  host: string;
  instance: string;
  service: string;
  pid: number | null;
  client: Peer;
  /** epoch ms of `connect from`, null if the session started before the log */
  start: number | null;
  end: number | null;
  tls: boolean;
  /** queue IDs of the messages accepted in this session */
  queueIds: string[];
  rejects: number;
}

export type FactKind = Fact['kind'];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
