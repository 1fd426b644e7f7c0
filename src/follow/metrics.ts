// /metrics for live mode: a prom-client registry of its own (never the global one), fed like a report section.
// postfix_exporter's metrics (exporter-metrics.ts) so its dashboards carry over, and postsumm's own where the
// exporter has none, counted by the report's rules so that they equal a report of the same lines:
//   postsumm_messages_total{status}            Grand Totals (report.totals) by status
//   postsumm_rejects_total{class,reply}        rejects by restriction class (report.rejectClasses)
//   postsumm_deferrals_total{domain}           deferral lines by recipient domain (report.deliveryDomains[d].defers)
//   postsumm_bounces_total{domain}             bounced recipients by recipient domain (sum: report.totals.bounced)
//   postsumm_{received,delivered}_bytes_total  report.totals.bytesReceived, bytesDelivered
//   postsumm_delivery_delay_seconds{stage}     report.delays (delivered recipients, the report's buckets)

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { addressDomain, recipientKey } from '../aggregate/address.js';
import { RejectClassifier } from '../aggregate/reject-classifier.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions } from '../aggregate/section.js';
import { expiredBounces } from '../aggregate/totals.js';
import type { Fact, FactOf } from '../correlate/facts.js';
import type { LogRecord } from '../parse/events.js';
import { DELAY_BOUNDS } from '../report/empty.js';
import type { Totals } from '../report/model.js';
import { ExporterMetrics } from './exporter-metrics.js';
import { LabelCap } from './label-cap.js';

/**
 * Distinct destination domains given a label of their own (deferrals and bounces share them); the rest count under
 * `(other)`. Each label value is a time series kept for as long as the process runs, in every scrape, and Prometheus's
 * own guidance is not to label by unbounded sets such as addresses (https://prometheus.io/docs/practices/naming/#labels):
 * a spam run to random domains would otherwise create thousands. A few hundred cover the destinations that carry a
 * server's traffic.
 */
export const DOMAIN_LABELS = 500;
/** Distinct reject classes given a label: the fixed classes are about 40; DNSBL and postscreen names add a few. */
export const CLASS_LABELS = 100;
/** The domain of an expiry whose recipients were not in the log (the report counts it as one bounce). */
export const UNKNOWN_DOMAIN = '(unknown)';

/** The `status` values of postsumm_messages_total: the Grand Totals that count messages (or recipients). */
export const MESSAGE_STATUSES = ['received', 'delivered', 'forwarded', 'deferred', 'bounced', 'expired', 'rejected', 'held', 'discarded'] as const satisfies readonly (keyof Totals)[];
type Status = (typeof MESSAGE_STATUSES)[number];

/** The stages of postsumm_delivery_delay_seconds, as the report's delays (the exporter's names for the four). */
export const DELAY_STAGES = { total: 'total', beforeQmgr: 'before_queue_manager', inQueue: 'queue_manager', connSetup: 'connection_setup', transmission: 'transmission' } as const;

/** Options of the live metrics. */
export interface MetricsOptions {
  /** counting options, as given to the report (addresses keyed alike) */
  aggregate?: AggregateOptions;
  /** DOMAIN_LABELS unless given (a test sets a small one) */
  domainLabels?: number;
}

/** The live metrics: feed it facts and records as a report section is fed, read `exposition()` on each scrape. */
export class LiveMetrics {
  /** this instance's own registry */
  readonly registry = new Registry();
  /** the Content-Type of `exposition()`: the text format, version 0.0.4 */
  readonly contentType: string = this.registry.contentType;
  private readonly options: AggregateOptions;
  private readonly exporter: ExporterMetrics;
  private readonly classifier: RejectClassifier;
  private readonly domains: LabelCap;
  private readonly classes = new LabelCap(CLASS_LABELS);
  private readonly messages: Counter<'status'>;
  private readonly rejects: Counter<'class' | 'reply'>;
  private readonly deferrals: Counter<'domain'>;
  private readonly bounces: Counter<'domain'>;
  private readonly bytesReceived: Counter;
  private readonly bytesDelivered: Counter;
  private readonly delays: Histogram<'stage'>;
  private readonly lastRecord: Gauge;
  private newest = Number.NEGATIVE_INFINITY;

  constructor(options: MetricsOptions = {}) {
    this.options = options.aggregate ?? DEFAULT_AGGREGATE_OPTIONS;
    this.domains = new LabelCap(options.domainLabels ?? DOMAIN_LABELS);
    this.classifier = new RejectClassifier(this.options.verboseMsgDetail);
    const registers = [this.registry];
    this.exporter = new ExporterMetrics(this.registry);
    this.messages = new Counter({
      name: 'postsumm_messages_total',
      help: 'Messages by status as the report\'s Grand Totals count them (delivered, forwarded and bounced per recipient; rejected per reject, reject_warning not included).',
      labelNames: ['status'], registers,
    });
    this.rejects = new Counter({
      name: 'postsumm_rejects_total',
      help: 'Rejects by restriction class (the report\'s classes) and reply: permanent (5xx), temporary (4xx), warn (reject_warning, WARN).',
      labelNames: ['class', 'reply'], registers,
    });
    this.deferrals = new Counter({
      name: 'postsumm_deferrals_total',
      help: `Deferral lines (status=deferred) by recipient domain; past ${this.domains.max} domains the rest count as domain="(other)".`,
      labelNames: ['domain'], registers,
    });
    this.bounces = new Counter({
      name: 'postsumm_bounces_total',
      help: `Bounced recipients by recipient domain, the recipients of expired messages included; past ${this.domains.max} domains the rest count as domain="(other)".`,
      labelNames: ['domain'], registers,
    });
    this.bytesReceived = new Counter({ name: 'postsumm_received_bytes_total', help: 'Size of the messages received (qmgr size=), bytes.', registers });
    this.bytesDelivered = new Counter({ name: 'postsumm_delivered_bytes_total', help: 'Size of the messages delivered, per recipient, bytes.', registers });
    this.delays = new Histogram({
      name: 'postsumm_delivery_delay_seconds',
      help: 'Delay of delivered recipients: delay= (stage total) and the four parts of delays=, seconds.',
      labelNames: ['stage'], buckets: DELAY_BOUNDS, registers,
    });
    this.lastRecord = new Gauge({ name: 'postsumm_last_record_timestamp_seconds', help: 'Log time of the newest Postfix line read (Unix seconds).', registers });
    // every status present from the start, so a rate() never starts from a missing series
    for (const status of MESSAGE_STATUSES) this.messages.inc({ status }, 0);
  }

  /** A parsed Postfix record (after the correlator has processed it). */
  record(r: LogRecord): void {
    this.exporter.record(r);
    this.classifier.record(r);
    if (r.time / 1000 > this.newest) {
      this.newest = r.time / 1000;
      this.lastRecord.set(this.newest);
    }
  }

  /** A fact from the correlator. */
  fact(f: Fact): void {
    switch (f.kind) {
      case 'received':
        this.count('received');
        this.bytesReceived.inc(f.message.size ?? 0);
        return;
      case 'delivered':
        this.delivered(f);
        return;
      case 'deferred':
        if (f.firstForMessage) this.count('deferred');
        this.deferrals.inc({ domain: this.domainOf(f.record) });
        return;
      case 'bounced':
        this.count('bounced');
        this.bounces.inc({ domain: this.domainOf(f.record) });
        return;
      case 'expired':
        this.expired(f);
        return;
      case 'rejected':
        this.rejected(f);
        return;
      case 'held':
        this.count('held');
        return;
      case 'discarded':
        this.count('discarded');
        return;
      default:
        return;
    }
  }

  /** The exposition in the Prometheus text format (version 0.0.4). */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  private count(status: Status, n = 1): void {
    this.messages.inc({ status }, n);
  }

  private delivered(f: FactOf<'delivered'>): void {
    // totals.ts: `forwarded as` only counts as forwarded, its copy's own delivery is the delivery
    if (f.forwarded) {
      this.count('forwarded');
      return;
    }
    this.count('delivered');
    this.bytesDelivered.inc(f.message?.size ?? 0);
    const ev = f.record.event;
    if (ev.kind !== 'delivery-status') return;
    if (ev.delay !== null) this.delays.observe({ stage: DELAY_STAGES.total }, ev.delay);
    if (ev.delays !== null) {
      this.delays.observe({ stage: DELAY_STAGES.beforeQmgr }, ev.delays.beforeQmgr);
      this.delays.observe({ stage: DELAY_STAGES.inQueue }, ev.delays.inQueue);
      this.delays.observe({ stage: DELAY_STAGES.connSetup }, ev.delays.connSetup);
      this.delays.observe({ stage: DELAY_STAGES.transmission }, ev.delays.transmission);
    }
  }

  private expired(f: FactOf<'expired'>): void {
    this.count('expired');
    // each recipient never delivered is returned to the sender: a bounce, under its own domain (totals.ts)
    const n = expiredBounces(f.recipients);
    this.count('bounced', n);
    if (f.recipients.length === 0) this.bounces.inc({ domain: this.domains.of(UNKNOWN_DOMAIN) }, n);
    for (const rcpt of f.recipients) this.bounces.inc({ domain: this.domains.of(domainOf(recipientKey(rcpt, null, this.options))) });
  }

  private rejected(f: FactOf<'rejected'>): void {
    if (!f.warnOnly) this.count('rejected');
    const k = this.classifier.classify(f);
    if (k === null) return;
    const reply = f.warnOnly ? 'warn' : f.temporary ? 'temporary' : 'permanent';
    this.rejects.inc({ class: this.classes.of(k.cls), reply });
  }

  /** The recipient domain of a delivery line, as the report's domains section keys it. */
  private domainOf(r: LogRecord): string {
    const ev = r.event;
    if (ev.kind !== 'delivery-status') return this.domains.of(UNKNOWN_DOMAIN);
    return this.domains.of(domainOf(recipientKey(ev.to, ev.origTo, this.options)));
  }
}

/** domains.ts: the recipient's domain, or the whole recipient when it has none (`root`). */
function domainOf(rcpt: string): string {
  return addressDomain(rcpt) ?? rcpt;
}
