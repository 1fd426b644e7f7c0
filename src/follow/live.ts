// What the live dashboard shows: totals since start (counted by the report's own Grand Totals section, so they
// equal a batch report of the same lines), rolling windows of the last 5 minutes and the last hour, rates per
// minute, reject classes, deferrals waiting by destination, the last bounces and rejects, SASL failures by IP.

import { addressDomain } from '../aggregate/address.js';
import { deliveryReason } from '../aggregate/reasons.js';
import { RejectClassifier } from '../aggregate/reject-classifier.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type Section } from '../aggregate/section.js';
import { totalsSection } from '../aggregate/totals.js';
import type { Fact } from '../correlate/facts.js';
import type { DeliveryStatus, LogRecord } from '../parse/events.js';
import { emptyReport } from '../report/empty.js';
import type { Totals } from '../report/model.js';

/** One minute's (or one window's) traffic. */
export interface WindowCounts {
  received: number;
  delivered: number;
  /** deferral lines (a message deferred three times counts three) */
  deferred: number;
  bounced: number;
  rejected: number;
}

/** A bounce or reject as the dashboard lists it. */
export interface RecentEvent {
  time: number;
  /** recipient of a bounce, client of a reject */
  who: string;
  /** the reject's restriction class; `bounced` or `expired` for bounces */
  what: string;
  reason: string;
}

/** The dashboard's data at one moment: plain data, rendered by dashboard.ts. */
export interface LiveView {
  /** the clock's time of this view (epoch ms) */
  now: number;
  /** when following began */
  started: number;
  totals: Totals;
  last5m: WindowCounts;
  lastHour: WindowCounts;
  /** messages delivered, bounced or rejected per minute over the last SPARK_MINUTES minutes, oldest first */
  perMinute: WindowCounts[];
  /** reject classes since start, most first */
  rejectClasses: { name: string; count: number }[];
  /** destinations with recipients whose last delivery attempt was deferred, most first */
  deferredByDestination: { domain: string; recipients: number }[];
  /** newest first */
  recentBounces: RecentEvent[];
  recentRejects: RecentEvent[];
  /** SASL authentication failures since start by client IP, most first */
  saslFailures: { ip: string; count: number }[];
  saslFailureCount: number;
  /** lines read and Postfix records among them */
  lines: number;
  records: number;
}

const MINUTE = 60_000;
/** Minutes kept per minute: the longest window (an hour) and the sparkline both fit. */
const KEPT_MINUTES = 60;
/** How many minutes the rate sparkline covers: an hour fits a 60-column terminal line. */
export const SPARK_MINUTES = 60;
/** How many recent bounces and rejects are kept: more than any screen shows. */
const RECENT_KEPT = 20;
/**
 * Distinct SASL client IPs remembered: an attack from a botnet brings thousands; the dashboard shows the top few,
 * and past this bound the least recently seen are dropped (their counts with them) so memory stays flat.
 */
const SASL_IPS_KEPT = 10_000;

function zero(): WindowCounts {
  return { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };
}

/** Live state, fed like a report section: facts from the correlator and records after it saw them. */
export class LiveState {
  private readonly totals: Section;
  private readonly classifier: RejectClassifier;
  private readonly minutes = new Map<number, WindowCounts>();
  private latest = Number.NEGATIVE_INFINITY;
  private readonly classes = new Map<string, number>();
  /** `host queueId` → recipient → its domain, for recipients whose last attempt was deferred */
  private readonly waiting = new Map<string, Map<string, string>>();
  private readonly bounces: RecentEvent[] = [];
  private readonly rejects: RecentEvent[] = [];
  private readonly sasl = new Map<string, number>();
  private saslCount = 0;
  private records = 0;
  private lines = 0;
  private readonly verbose: boolean;

  constructor(readonly started: number, options: AggregateOptions = DEFAULT_AGGREGATE_OPTIONS) {
    this.totals = totalsSection(options);
    this.classifier = new RejectClassifier(options.verboseMsgDetail);
    this.verbose = options.verboseMsgDetail;
  }

  /** Any line read (Postfix or not), for the dashboard's line count. */
  line(): void {
    this.lines++;
  }

  record(r: LogRecord): void {
    this.records++;
    this.totals.record?.(r);
    this.classifier.record(r);
    const ev = r.event;
    if (ev.kind === 'smtpd-sasl-failed') {
      this.saslCount++;
      const ip = ev.client.ip;
      const n = this.sasl.get(ip) ?? 0;
      this.sasl.delete(ip); // re-inserted: the Map's order stays least recently seen first
      this.sasl.set(ip, n + 1);
      if (this.sasl.size > SASL_IPS_KEPT) this.sasl.delete(this.sasl.keys().next().value!);
    } else if (ev.kind === 'qmgr-removed' && r.queueId !== null) {
      this.waiting.delete(`${r.host} ${r.queueId}`);
    }
  }

  fact(f: Fact): void {
    this.totals.fact?.(f);
    switch (f.kind) {
      case 'received':
        this.minute(f.record.time).received++;
        return;
      case 'delivered':
        if (f.forwarded) return;
        this.minute(f.record.time).delivered++;
        this.settled(f.record);
        return;
      case 'deferred': {
        this.minute(f.record.time).deferred++;
        const ev = f.record.event as DeliveryStatus;
        const key = `${f.record.host} ${f.record.queueId}`;
        let m = this.waiting.get(key);
        if (m === undefined) this.waiting.set(key, (m = new Map()));
        m.set(ev.to, addressDomain(ev.to) ?? ev.to);
        return;
      }
      case 'bounced': {
        this.minute(f.record.time).bounced++;
        const ev = f.record.event as DeliveryStatus;
        this.settled(f.record);
        push(this.bounces, { time: f.record.time, who: ev.to, what: 'bounced', reason: deliveryReason(ev, 200, this.verbose) });
        return;
      }
      case 'expired': {
        this.minute(f.record.time).bounced += Math.max(f.recipients.length, 1);
        this.waiting.delete(`${f.record.host} ${f.record.queueId}`);
        const last = f.lastDeferral;
        const reason = last === null || last === undefined ? 'queue lifetime ran out' : deliveryReason(last, 200, this.verbose);
        push(this.bounces, { time: f.record.time, who: f.recipients.join(', ') || '(recipients not in the log)', what: 'expired', reason });
        return;
      }
      case 'rejected': {
        const k = this.classifier.classify(f);
        if (f.warnOnly) return;
        this.minute(f.record.time).rejected++;
        const cls = k?.cls ?? 'other';
        this.classes.set(cls, (this.classes.get(cls) ?? 0) + 1);
        push(this.rejects, { time: f.record.time, who: k?.client ?? '?', what: cls, reason: k?.reason ?? '' });
        return;
      }
      case 'incomplete':
        this.waiting.delete(`${f.message.host} ${f.message.queueId}`);
        return;
      default:
        return;
    }
  }

  /** The dashboard's data at `now` (windows end at `now`). */
  view(now: number): LiveView {
    const report = emptyReport('live');
    this.totals.write(report);
    const current = Math.floor(now / MINUTE);
    for (const m of this.minutes.keys()) if (m <= current - KEPT_MINUTES) this.minutes.delete(m);
    const perMinute: WindowCounts[] = [];
    for (let m = current - SPARK_MINUTES + 1; m <= current; m++) perMinute.push(this.minutes.get(m) ?? zero());
    const byDomain = new Map<string, number>();
    for (const rcpts of this.waiting.values()) for (const d of rcpts.values()) byDomain.set(d, (byDomain.get(d) ?? 0) + 1);
    return {
      now,
      started: this.started,
      totals: report.totals,
      last5m: this.window(current, 5),
      lastHour: this.window(current, 60),
      perMinute,
      rejectClasses: ranked(this.classes).map(([name, count]) => ({ name, count })),
      deferredByDestination: ranked(byDomain).map(([domain, recipients]) => ({ domain, recipients })),
      recentBounces: [...this.bounces].reverse(),
      recentRejects: [...this.rejects].reverse(),
      saslFailures: ranked(this.sasl).map(([ip, count]) => ({ ip, count })),
      saslFailureCount: this.saslCount,
      lines: this.lines,
      records: this.records,
    };
  }

  /** The sum of the `n` minutes ending with minute `current` (the current, partial one included). */
  private window(current: number, n: number): WindowCounts {
    const sum = zero();
    for (const [m, c] of this.minutes) {
      if (m <= current - n || m > current) continue;
      sum.received += c.received;
      sum.delivered += c.delivered;
      sum.deferred += c.deferred;
      sum.bounced += c.bounced;
      sum.rejected += c.rejected;
    }
    return sum;
  }

  private minute(time: number): WindowCounts {
    const m = Math.floor(time / MINUTE);
    let c = this.minutes.get(m);
    if (c === undefined) {
      this.minutes.set(m, (c = zero()));
      if (m > this.latest) this.latest = m;
      // reading a long log from its start makes a bucket a minute: keep only what a window can still reach
      if (this.minutes.size > 4 * KEPT_MINUTES) for (const k of this.minutes.keys()) if (k <= this.latest - KEPT_MINUTES) this.minutes.delete(k);
    }
    return c;
  }

  /** A recipient's delivery ended (sent or bounced): it no longer waits at its destination. */
  private settled(r: LogRecord): void {
    const key = `${r.host} ${r.queueId}`;
    const m = this.waiting.get(key);
    if (m === undefined) return;
    m.delete((r.event as DeliveryStatus).to);
    if (m.size === 0) this.waiting.delete(key);
  }
}

function push(list: RecentEvent[], e: RecentEvent): void {
  list.push(e);
  if (list.length > RECENT_KEPT) list.shift();
}

/** Entries by count, most first, ties by name. */
function ranked(m: Map<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
