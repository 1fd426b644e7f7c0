// Merging two reports (hosts of a cluster, days of a month) into one: counts add, maps merge, histograms add,
// distinct sets unite, the period widens, and the distinct Grand Totals are recomputed from the merged maps.
// Pure: the inputs are not changed. Times are kept to the millisecond, so sums of seconds stay exact.

import type {
  AddressStat, ConnectionStat, Counts, DeliveryDomain, Histogram, InputSummary, ReceiptDomain, RejectClass, Report,
  Totals, Traffic,
} from './model.js';
import { SCHEMA_VERSION } from './model.js';

/** Unrecognized-line samples kept per daemon: the parser's tally keeps the same number (parse/tally.ts SAMPLES_KEPT). */
export const MERGED_SAMPLES_KEPT = 20;

/** Thrown when two reports cannot be merged (another schema version, other histogram buckets). */
export class MergeError extends Error {}

/** The report of both inputs: `merge(report(a), report(b))` equals `report(a + b)` for logs that share no message. */
export function merge(a: Report, b: Report): Report {
  for (const r of [a, b]) {
    if (r.schemaVersion !== SCHEMA_VERSION) throw new MergeError(`report schema version ${String(r.schemaVersion)} is not ${SCHEMA_VERSION}`);
  }
  const out: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: a.generator,
    period: { from: earlier(a.period.from, b.period.from), to: later(a.period.to, b.period.to) },
    hosts: union(a.hosts, b.hosts),
    input: mergeInput(a.input, b.input),
    totals: addTotals(a.totals, b.totals),
    instances: mergeRecords(a.instances, b.instances, addTotals),
    perDay: mergeRecords(a.perDay, b.perDay, addTraffic),
    perHour: zip(a.perHour, b.perHour, addTraffic),
    deliveryDomains: mergeRecords(a.deliveryDomains, b.deliveryDomains, addDeliveryDomain),
    receiptDomains: mergeRecords(a.receiptDomains, b.receiptDomains, (x: ReceiptDomain, y: ReceiptDomain) => ({ received: x.received + y.received, bytes: x.bytes + y.bytes })),
    senders: mergeRecords(a.senders, b.senders, addAddress),
    recipients: mergeRecords(a.recipients, b.recipients, addAddress),
    noSize: [...a.noSize, ...b.noSize],
    deferrals: addTree(a.deferrals, b.deferrals),
    bounces: addTree(a.bounces, b.bounces),
    expiries: addTree(a.expiries, b.expiries),
    rejects: addTree(a.rejects, b.rejects),
    rejectWarnings: addTree(a.rejectWarnings, b.rejectWarnings),
    holds: addTree(a.holds, b.holds),
    discards: addTree(a.discards, b.discards),
    rejectClasses: mergeRecords(a.rejectClasses, b.rejectClasses, addRejectClass),
    smtpFailures: addTree(a.smtpFailures, b.smtpFailures),
    warnings: addTree(a.warnings, b.warnings),
    errors: addTree(a.errors, b.errors),
    fatals: addTree(a.fatals, b.fatals),
    panics: addTree(a.panics, b.panics),
    master: addTree(a.master, b.master),
    smtpd: {
      perDay: mergeRecords(a.smtpd.perDay, b.smtpd.perDay, addConnection),
      perHour: zip(a.smtpd.perHour, b.smtpd.perHour, addConnection),
      perDomain: mergeRecords(a.smtpd.perDomain, b.smtpd.perDomain, addConnection),
    },
    postscreen: {
      connections: a.postscreen.connections + b.postscreen.connections,
      clients: union(a.postscreen.clients, b.postscreen.clients),
      actions: addTree(a.postscreen.actions, b.postscreen.actions),
    },
    sasl: {
      failuresByIp: addTree(a.sasl.failuresByIp, b.sasl.failuresByIp),
      failuresByUser: addTree(a.sasl.failuresByUser, b.sasl.failuresByUser),
      loginsByUser: addTree(a.sasl.loginsByUser, b.sasl.loginsByUser),
    },
    tls: {
      inboundSessions: a.tls.inboundSessions + b.tls.inboundSessions,
      inboundTls: a.tls.inboundTls + b.tls.inboundTls,
      outboundDeliveries: a.tls.outboundDeliveries + b.tls.outboundDeliveries,
      outboundTls: a.tls.outboundTls + b.tls.outboundTls,
      protocols: addTree(a.tls.protocols, b.tls.protocols),
    },
    delays: {
      total: addHistogram(a.delays.total, b.delays.total),
      beforeQmgr: addHistogram(a.delays.beforeQmgr, b.delays.beforeQmgr),
      inQueue: addHistogram(a.delays.inQueue, b.delays.inQueue),
      connSetup: addHistogram(a.delays.connSetup, b.delays.connSetup),
      transmission: addHistogram(a.delays.transmission, b.delays.transmission),
    },
  };
  Object.assign(out.totals, distinctTotals(out));
  return out;
}

/** Merges any number of reports, left to right; at least one. */
export function mergeAll(reports: readonly Report[]): Report {
  if (reports.length === 0) throw new MergeError('no report to merge');
  return reports.slice(1).reduce(merge, reports[0]!);
}

/**
 * The distinct counts of Grand Totals from a report's maps: senders and sending domains of received mail,
 * recipients and recipient domains with at least one delivery. The domains aggregate writes them the same way.
 */
export function distinctTotals(r: Pick<Report, 'senders' | 'receiptDomains' | 'recipients' | 'deliveryDomains'>): Pick<Totals, 'senders' | 'sendingDomains' | 'recipients' | 'recipientDomains'> {
  let recipientDomains = 0;
  for (const d of Object.values(r.deliveryDomains)) if (d.delivered > 0) recipientDomains++;
  return {
    senders: Object.keys(r.senders).length,
    sendingDomains: Object.keys(r.receiptDomains).length,
    recipients: Object.keys(r.recipients).length,
    recipientDomains,
  };
}

/** a + b of two sums of seconds that were kept to the millisecond: rounded back so the sum is exact. */
export function addSeconds(a: number, b: number): number {
  return Math.round((a + b) * 1000) / 1000;
}

/** Sets `o[k]` as an own property whatever `k` is (`__proto__` too). */
function put<V>(o: Record<string, V>, k: string, v: V): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** `o[k]` when `o` has it itself (never an Object.prototype member such as `constructor`). */
function own<V>(o: Record<string, V>, k: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function mergeInput(a: InputSummary, b: InputSummary): InputSummary {
  const samples: Record<string, string[]> = {};
  for (const [d, s] of Object.entries(a.samples)) put(samples, d, [...s]);
  for (const [d, s] of Object.entries(b.samples)) {
    let kept = own(samples, d);
    if (kept === undefined) put(samples, d, (kept = []));
    for (const line of s) if (kept.length < MERGED_SAMPLES_KEPT) kept.push(line);
  }
  return {
    lines: a.lines + b.lines,
    postfixLines: a.postfixLines + b.postfixLines,
    foreign: a.foreign + b.foreign,
    malformed: a.malformed + b.malformed,
    cut: a.cut + b.cut,
    unrecognized: addTree(a.unrecognized, b.unrecognized),
    samples,
    incompleteMessages: a.incompleteMessages + b.incompleteMessages,
  };
}

/** Every number adds; the distinct counts too, which merge() then recomputes for the whole (not per instance). */
function addTotals(a: Totals, b: Totals): Totals {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof Totals)[]) out[k] = (a[k] ?? 0) + b[k];
  return out;
}

function addTraffic(a: Traffic, b: Traffic): Traffic {
  return { received: a.received + b.received, delivered: a.delivered + b.delivered, deferred: a.deferred + b.deferred, bounced: a.bounced + b.bounced, rejected: a.rejected + b.rejected };
}

function addDeliveryDomain(a: DeliveryDomain, b: DeliveryDomain): DeliveryDomain {
  return {
    delivered: a.delivered + b.delivered,
    bytes: a.bytes + b.bytes,
    defers: a.defers + b.defers,
    delaySum: addSeconds(a.delaySum, b.delaySum),
    delayMax: Math.max(a.delayMax, b.delayMax),
  };
}

function addAddress(a: AddressStat, b: AddressStat): AddressStat {
  return { count: a.count + b.count, bytes: a.bytes + b.bytes };
}

function addRejectClass(a: RejectClass, b: RejectClass): RejectClass {
  return {
    permanent: a.permanent + b.permanent,
    temporary: a.temporary + b.temporary,
    warnOnly: a.warnOnly + b.warnOnly,
    reasons: addTree(a.reasons, b.reasons),
    clients: addTree(a.clients, b.clients),
  };
}

function addConnection(a: ConnectionStat, b: ConnectionStat): ConnectionStat {
  return { connections: a.connections + b.connections, seconds: addSeconds(a.seconds, b.seconds), max: Math.max(a.max, b.max) };
}

function addHistogram(a: Histogram, b: Histogram): Histogram {
  if (a.bounds.length !== b.bounds.length || a.bounds.some((x, i) => x !== b.bounds[i])) {
    throw new MergeError('delay histograms have different buckets (reports of different postsumm versions?)');
  }
  return {
    bounds: [...a.bounds],
    counts: a.counts.map((n, i) => n + b.counts[i]!),
    count: a.count + b.count,
    sum: addSeconds(a.sum, b.sum),
    max: Math.max(a.max, b.max),
  };
}

/** A tree of counts (key → count, or key → tree), added leaf by leaf into a new tree. */
type Tree = { [key: string]: number | Tree };

function addTree<T extends Counts | Record<string, Counts> | Record<string, Record<string, Counts>>>(a: T, b: T): T {
  return addTreeAny(a as Tree, b as Tree) as T;
}

function addTreeAny(a: Tree, b: Tree): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(a)) put(out, k, typeof v === 'number' ? v : addTreeAny(v, {}));
  for (const [k, v] of Object.entries(b)) {
    const have = own(out, k);
    if (typeof v === 'number') put(out, k, (typeof have === 'number' ? have : 0) + v);
    else put(out, k, addTreeAny(typeof have === 'object' ? have : {}, v));
  }
  return out;
}

function mergeRecords<V>(a: Record<string, V>, b: Record<string, V>, add: (x: V, y: V) => V): Record<string, V> {
  const out: Record<string, V> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const have = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    put(out, k, have === undefined ? clone(v) : add(have, v));
  }
  for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) put(out, k, clone(a[k]!));
  return out;
}

function clone<V>(v: V): V {
  return structuredClone(v);
}

function zip<V>(a: readonly V[], b: readonly V[], add: (x: V, y: V) => V): V[] {
  const n = Math.max(a.length, b.length);
  const out: V[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out.push(x === undefined ? clone(y!) : y === undefined ? clone(x) : add(x, y));
  }
  return out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) >= Date.parse(a) ? b : a;
}
