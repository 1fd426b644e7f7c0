// Live alerts (--alert-bounce-rate, --alert-deferred, --alert-blocklisted): each watches the correlator's facts
// and fires once per episode, when its figure crosses the threshold, then re-arms only once the figure has fallen
// well back (hysteresis) or, for blocklistings, once the provider has been quiet for a while.
// Time is the log's (each fact's line) moved on by tick(now); nothing here reads a clock or waits.

import type { Fact, FactOf } from '../correlate/facts.js';
import { expiredBounces } from '../aggregate/totals.js';
import { headerSafe } from '../mail/message.js';
import { blocklisting } from './blocklist.js';

/** Which alert. */
export type AlertKind = 'bounce-rate' | 'deferred' | 'blocklisted';

/** One alert, fired once at the start of an episode. */
export interface Alert {
  kind: AlertKind;
  /** log time (epoch ms) when it fired */
  at: number;
  /** one line for the terminal and a mail subject: no control characters (log strings shown escaped) */
  message: string;
  /** the figures behind it */
  details: Record<string, string | number>;
}

/** The bounce-rate alert: bounced / (delivered + bounced) over a sliding window of log time. */
export interface BounceRateOption {
  /** 0.05 for 5% */
  ratio: number;
  windowMs: number;
  /** fewer recipients than this in the window is too few to judge: no alert */
  minMessages: number;
}

/** Which alerts are on, and their thresholds. */
export interface AlertOptions {
  bounceRate?: BounceRateOption;
  /** alert when this many messages are deferred and not yet delivered, bounced or expired */
  deferred?: number;
  /** alert when remote servers say we are blocklisted */
  blocklisted?: boolean;
  /** a deferred message silent longer than this is forgotten (DEFAULT_HORIZON_MS, the correlator's horizon) */
  horizonMs?: number;
  /** a blocklisting episode ends after this much log time without a matching reply (DEFAULT_QUIET_MS) */
  quietMs?: number;
}

/** The bounce-rate window when none is given: an hour, long enough to smooth a burst, short enough to notice. */
export const DEFAULT_BOUNCE_WINDOW_MS = 3600_000;
/** Recipients needed in the window before a rate means anything: 20 makes 5% at least one bounce. */
export const DEFAULT_MIN_MESSAGES = 20;
/** As the pipeline's horizon: Postfix's default maximal_queue_lifetime (5 days) plus a day. */
export const DEFAULT_HORIZON_MS = 6 * 24 * 3600_000;
/** An hour of log time without a matching reply ends a blocklisting episode. */
export const DEFAULT_QUIET_MS = 3600_000;
/**
 * Hysteresis: an alert re-arms once its figure falls below this fraction of the threshold, so a figure that hovers
 * at the threshold fires once, not on every line that crosses it.
 */
export const REARM_FRACTION = 0.8;
/** The window is counted in this many buckets: memory stays flat whatever the traffic. */
const WINDOW_BUCKETS = 60;
/** Deferred messages tracked at most (oldest forgotten first): memory stays bounded on any queue. */
const DEFERRED_KEPT = 200_000;
/** Providers with an open blocklisting episode, at most: each is one short entry. */
const EPISODES_KEPT = 1000;
/** Longest text of a remote reply quoted in an alert line. */
const QUOTE_MAX = 200;
/** Destinations named in a deferred alert. */
const TOP_DOMAINS = 3;

interface Bucket { delivered: number; bounced: number }
/** A deferred message: when its last deferral was, and its recipients still waiting with their domains. */
interface Waiting { time: number; recipients: Map<string, string> }

/** Watches facts and emits alerts; feed it every fact, and tick(now) when time passes without lines. */
export class Alerts {
  private now = Number.NEGATIVE_INFINITY;
  private readonly buckets = new Map<number, Bucket>();
  private readonly bucketMs: number;
  private bounceFiring = false;
  private readonly waiting = new Map<string, Waiting>();
  private deferredFiring = false;
  private readonly episodes = new Map<string, number>();
  private readonly horizonMs: number;
  private readonly quietMs: number;

  constructor(private readonly options: AlertOptions, private readonly emit: (alert: Alert) => void) {
    this.horizonMs = options.horizonMs ?? DEFAULT_HORIZON_MS;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    this.bucketMs = Math.max(1000, Math.ceil((options.bounceRate?.windowMs ?? DEFAULT_BOUNCE_WINDOW_MS) / WINDOW_BUCKETS));
  }

  /** A fact from the correlator. */
  fact(f: Fact): void {
    if (f.kind === 'incomplete') {
      this.waiting.delete(`${f.message.host} ${f.message.queueId}`);
      return;
    }
    if (f.kind === 'session-end') return;
    if (f.record.time > this.now) this.now = f.record.time;
    switch (f.kind) {
      case 'delivered':
        if (!f.forwarded) this.bucket(f.record.time, 1, 0);
        this.settled(f);
        break;
      case 'bounced':
        this.bucket(f.record.time, 0, 1);
        this.settled(f);
        this.blocklist(f);
        break;
      case 'expired':
        // each recipient never delivered is returned to the sender: bounces, as Grand Totals count them
        this.bucket(f.record.time, 0, expiredBounces(f.recipients));
        this.waiting.delete(`${f.record.host} ${f.record.queueId}`);
        break;
      case 'deferred':
        if (this.options.deferred !== undefined) this.deferred(f);
        this.blocklist(f);
        break;
      default:
        return;
    }
    this.check();
  }

  /** Time passes without a line: windows slide, quiet episodes end, forgotten messages leave the count. */
  tick(now: number): void {
    if (now > this.now) this.now = now;
    this.check();
  }

  /** How many messages wait with a deferred recipient now (what the deferred alert compares). */
  deferredCount(): number {
    return this.waiting.size;
  }

  private check(): void {
    const now = this.now;
    for (const [k, w] of this.waiting) {
      if (w.time >= now - this.horizonMs && this.waiting.size <= DEFERRED_KEPT) break;
      this.waiting.delete(k); // the Map is in order of last deferral: the oldest come first
    }
    for (const [provider, last] of this.episodes) if (last < now - this.quietMs) this.episodes.delete(provider);
    if (this.options.bounceRate !== undefined) this.checkBounceRate(this.options.bounceRate);
    if (this.options.deferred !== undefined) this.checkDeferred(this.options.deferred);
  }

  private checkBounceRate(o: BounceRateOption): void {
    const oldest = Math.floor((this.now - o.windowMs) / this.bucketMs);
    let delivered = 0;
    let bounced = 0;
    for (const [i, b] of this.buckets) {
      if (i <= oldest) this.buckets.delete(i);
      else {
        delivered += b.delivered;
        bounced += b.bounced;
      }
    }
    const total = delivered + bounced;
    const rate = total === 0 ? 0 : bounced / total;
    if (this.bounceFiring) {
      if (rate < o.ratio * REARM_FRACTION) this.bounceFiring = false;
      return;
    }
    if (total < o.minMessages || rate < o.ratio) return;
    this.bounceFiring = true;
    this.emit({
      kind: 'bounce-rate',
      at: this.now,
      message: `bounce rate ${pct(rate)} over the last ${minutes(o.windowMs)}: ${bounced} of ${total} recipients bounced (threshold ${pct(o.ratio)})`,
      details: { rate, bounced, delivered, windowMs: o.windowMs, threshold: o.ratio },
    });
  }

  private checkDeferred(threshold: number): void {
    const count = this.waiting.size;
    if (this.deferredFiring) {
      if (count < threshold * REARM_FRACTION) this.deferredFiring = false;
      return;
    }
    if (count < threshold) return;
    this.deferredFiring = true;
    const byDomain = new Map<string, number>();
    for (const w of this.waiting.values()) for (const d of new Set(w.recipients.values())) byDomain.set(d, (byDomain.get(d) ?? 0) + 1);
    const top = [...byDomain].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_DOMAINS);
    this.emit({
      kind: 'deferred',
      at: this.now,
      message: headerSafe(`${count} messages deferred and not yet delivered (threshold ${threshold}); most to ${top.map(([d, n]) => `${d} (${n})`).join(', ')}`),
      details: { count, threshold, domains: top.map(([d, n]) => `${d} ${n}`).join(', ') },
    });
  }

  private deferred(f: FactOf<'deferred'>): void {
    const ev = f.record.event;
    if (ev.kind !== 'delivery-status') return;
    const key = `${f.record.host} ${f.record.queueId}`;
    let w = this.waiting.get(key);
    if (w === undefined) w = { time: f.record.time, recipients: new Map() };
    else this.waiting.delete(key); // re-inserted at the end: the Map stays in order of last deferral
    w.time = f.record.time;
    w.recipients.set(ev.to, ev.to.slice(ev.to.lastIndexOf('@') + 1).toLowerCase());
    this.waiting.set(key, w);
  }

  /** A recipient's delivery ended (sent or bounced): its message waits no more once none of its recipients does. */
  private settled(f: FactOf<'delivered'> | FactOf<'bounced'>): void {
    const ev = f.record.event;
    if (ev.kind !== 'delivery-status') return;
    const key = `${f.record.host} ${f.record.queueId}`;
    const w = this.waiting.get(key);
    if (w === undefined) return;
    w.recipients.delete(ev.to);
    if (w.recipients.size === 0) this.waiting.delete(key);
  }

  private blocklist(f: FactOf<'deferred'> | FactOf<'bounced'>): void {
    if (this.options.blocklisted !== true) return;
    const ev = f.record.event;
    if (ev.kind !== 'delivery-status') return;
    const b = blocklisting(f.record.daemon, ev);
    if (b === null) return;
    const open = this.episodes.has(b.provider);
    this.episodes.delete(b.provider); // re-inserted: the Map stays in order of last reply, so the cap drops the stalest
    this.episodes.set(b.provider, f.record.time);
    if (this.episodes.size > EPISODES_KEPT) this.episodes.delete(this.episodes.keys().next().value!);
    if (open) return;
    const peer = ev.remote ?? ev.relayPeer;
    const quote = b.text.length > QUOTE_MAX ? b.text.slice(0, QUOTE_MAX) + '…' : b.text;
    const code = ev.reply === null ? '' : [ev.reply.code, ev.reply.enhanced].filter((x) => x !== null).join(' ') + ' ';
    this.emit({
      kind: 'blocklisted',
      at: f.record.time,
      message: headerSafe(`blocklisted by ${b.provider}: ${peer === null ? ev.relay : `${peer.name}[${peer.ip}]`} said ${code}${quote} (${ev.status}, to ${ev.to})`),
      details: { provider: b.provider, relay: ev.relay, recipient: ev.to, status: ev.status, dsn: ev.dsn ?? '', reply: b.text },
    });
  }

  /** Counts into the window's bucket of `time` (only when the bounce-rate alert is on: else nothing expires them). */
  private bucket(time: number, delivered: number, bounced: number): void {
    if (this.options.bounceRate === undefined) return;
    const i = Math.floor(time / this.bucketMs);
    let b = this.buckets.get(i);
    if (b === undefined) this.buckets.set(i, (b = { delivered: 0, bounced: 0 }));
    b.delivered += delivered;
    b.bounced += bounced;
  }
}

function pct(r: number): string {
  return `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

function minutes(ms: number): string {
  return ms % 3600_000 === 0 ? `${ms / 3600_000} h` : `${Math.round(ms / 60_000)} min`;
}
