// Live mode off a terminal: one JSON line per finished message (when qmgr removes it, with every recipient's
// outcome) and per reject, for piping into jq, a log shipper or a chat bot. Fed like a report section.

import { RejectClassifier } from '../aggregate/reject-classifier.js';
import type { Fact, Message } from '../correlate/facts.js';
import type { DeliveryStatus, Envelope, LogRecord, Peer } from '../parse/events.js';
import { terminalSafe } from '../parse/serialize.js';
import { isoTime } from '../parse/year.js';

/** One recipient's outcome in a message line. */
export interface RecipientOutcome {
  to: string;
  origTo: string | null;
  status: 'sent' | 'deferred' | 'bounced' | 'expired' | 'forwarded';
  relay: string | null;
  /** total delay, seconds */
  delay: number | null;
  dsn: string | null;
  /** the delivery's detail text (remote reply, `delivered to mailbox`, …) */
  detail: string;
}

/**
 * Messages whose recipients are being collected, at most this many: a message stays from its first delivery line
 * to its `removed` (seconds, or days for a deferred one); past the bound the oldest is written as it stands, marked
 * `"complete": false`, so memory stays flat whatever the log holds.
 */
const OPEN_KEPT = 100_000;

interface Open {
  host: string;
  queueId: string;
  message: Message | null;
  recipients: RecipientOutcome[];
}

/** Writes NDJSON lines through `write` (one call a line, newline included). */
export class NdjsonWriter {
  private readonly open = new Map<string, Open>();
  private readonly classifier: RejectClassifier;

  private readonly write: (line: string) => void;

  constructor(write: (line: string) => void, verbose = false) {
    this.classifier = new RejectClassifier(verbose);
    // log strings may hold C1 controls and bidi overrides, which JSON.stringify leaves raw
    this.write = (line) => write(terminalSafe(line));
  }

  fact(f: Fact): void {
    switch (f.kind) {
      case 'delivered':
        this.outcome(f.record, f.message, f.forwarded ? 'forwarded' : 'sent');
        return;
      case 'deferred':
        this.outcome(f.record, f.message, 'deferred');
        return;
      case 'bounced':
        this.outcome(f.record, f.message, 'bounced');
        return;
      case 'expired': {
        const o = this.entry(f.record, f.message);
        for (const to of f.recipients) {
          o.recipients.push({ to, origTo: null, status: 'expired', relay: null, delay: null, dsn: null, detail: 'returned to sender' });
        }
        return;
      }
      case 'rejected': {
        const k = this.classifier.classify(f);
        const r = f.record;
        const ev = r.event;
        const env: Envelope | null = 'envelope' in ev ? (ev.envelope as Envelope) : null;
        const client: Peer | null = 'client' in ev ? (ev.client as Peer | null) : null;
        this.write(JSON.stringify({
          type: 'reject',
          time: isoTime(r.time, r.offset),
          host: r.host,
          instance: r.instance,
          daemon: r.daemon,
          queueId: r.queueId,
          warnOnly: f.warnOnly,
          temporary: f.temporary,
          class: k?.cls ?? 'other',
          reason: k?.reason ?? '',
          stage: 'stage' in ev ? ev.stage : null,
          client: client === null ? null : { name: client.name, ip: client.ip },
          from: env?.from ?? null,
          to: env?.to ?? null,
          helo: env?.helo ?? null,
        }) + '\n');
        return;
      }
      case 'incomplete':
        this.flush(`${f.message.host} ${f.message.queueId}`, false);
        return;
      default:
        return;
    }
  }

  record(r: LogRecord): void {
    this.classifier.record(r);
    if (r.event.kind === 'qmgr-removed' && r.queueId !== null) this.flush(`${r.host} ${r.queueId}`, true);
  }

  /** End of input: what is still open is written as it stands. */
  finish(): void {
    for (const key of [...this.open.keys()]) this.flush(key, false);
  }

  private outcome(r: LogRecord, m: Message | null, status: RecipientOutcome['status']): void {
    const ev = r.event as DeliveryStatus;
    this.entry(r, m).recipients.push({ to: ev.to, origTo: ev.origTo, status, relay: ev.relay, delay: ev.delay, dsn: ev.dsn, detail: ev.detail });
  }

  private entry(r: LogRecord, m: Message | null): Open {
    const key = `${r.host} ${r.queueId}`;
    let o = this.open.get(key);
    if (o === undefined) {
      o = { host: r.host, queueId: r.queueId ?? '', message: m, recipients: [] };
      this.open.set(key, o);
      if (this.open.size > OPEN_KEPT) this.flush(this.open.keys().next().value!, false);
    } else if (o.message === null) o.message = m;
    return o;
  }

  private flush(key: string, complete: boolean): void {
    const o = this.open.get(key);
    if (o === undefined) return;
    this.open.delete(key);
    const m = o.message;
    this.write(JSON.stringify({
      type: 'message',
      time: m === null ? null : new Date(m.lastSeen).toISOString(),
      host: o.host,
      queueId: o.queueId,
      // a content filter's re-injection: the message as it arrived (its sender, size and client) is the parent's
      origQueueId: m !== null && m.queueId !== o.queueId ? m.queueId : null,
      from: m?.from ?? null,
      size: m?.size ?? null,
      client: m?.client === null || m === null ? null : { name: m.client!.name, ip: m.client!.ip },
      saslUsername: m?.saslUsername ?? null,
      messageId: m?.messageId ?? null,
      complete,
      recipients: o.recipients,
    }) + '\n');
  }
}
