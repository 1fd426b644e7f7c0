// What must hold of any report, whatever the log: the report checked against the input it was made of and against
// the events (`postsumm events`) of the same input. Each rule says why it holds from how the correlator counts
// (src/correlate/handlers.ts); a real log that breaks one would mean the rule is wrong, not the code.
import assert from 'node:assert/strict';
import { MAX_LINE_CHARS } from '../../src/input/decode.js';
import { MAX_DAEMONS, OTHER_DAEMONS } from '../../src/parse/tally.js';
import type { Report, Totals, Traffic } from '../../src/report/model.js';
import { splitLines } from './harness.js';

/** One line of `postsumm events` output, as parsed back. */
export interface EventLine {
  kind: string;
  host: string;
  daemon: string;
  queueId: string | null;
  [field: string]: unknown;
}

/** Parses `postsumm events` output: every line must be one JSON object. */
export function parseEvents(ndjson: string): EventLine[] {
  const lines = ndjson === '' ? [] : ndjson.replace(/\n$/, '').split('\n');
  return lines.map((l) => {
    const v = JSON.parse(l) as EventLine;
    assert.equal(typeof v, 'object', l);
    assert.equal(typeof v.kind, 'string', l);
    return v;
  });
}

/** A surrogate code unit that is not half of a pair (with the u flag, a pair is one code point and never matches). */
export const LONE_SURROGATE = /\p{Cs}/u;

/** Every number of the report is finite and not negative; every string (keys too) is well-formed UTF-16. */
export function checkPlainData(v: unknown, path = 'report'): void {
  if (typeof v === 'number') {
    assert.ok(Number.isFinite(v) && v >= 0, `${path} is ${v}`);
  } else if (typeof v === 'string') {
    assert.ok(!LONE_SURROGATE.test(v), `${path}: a lone surrogate in ${JSON.stringify(v.slice(-20))}`);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => checkPlainData(x, `${path}[${i}]`));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      assert.ok(!LONE_SURROGATE.test(k), `${path}: a key with a lone surrogate`);
      checkPlainData(x, `${path}.${k.length > 40 ? k.slice(0, 40) + '…' : k}`);
    }
  }
}

/** A 4xx reply, by the correlator's rule: the three-digit code, else the enhanced code's class. */
function isTemporary(reply: unknown): boolean {
  if (reply === null || typeof reply !== 'object') return false;
  const r = reply as { code: number | null; enhanced: string | null };
  if (r.code !== null) return r.code >= 400 && r.code < 500;
  return r.enhanced !== null && r.enhanced.startsWith('4');
}

/** Counts of the events that make facts one for one (each handler emits exactly one fact for each of these). */
interface EventCounts {
  rejected: number;
  rejectedTemporary: number;
  rejectWarnings: number;
  held: number;
  discarded: number;
  sent: number;
  deferred: number;
  bounced: number;
  expired: number;
  arrivals: number;
  withQueueId: number;
}

function countEvents(events: readonly EventLine[]): EventCounts {
  const c: EventCounts = { rejected: 0, rejectedTemporary: 0, rejectWarnings: 0, held: 0, discarded: 0, sent: 0, deferred: 0, bounced: 0, expired: 0, arrivals: 0, withQueueId: 0 };
  const reject = (reply: unknown) => {
    c.rejected++;
    if (isTemporary(reply)) c.rejectedTemporary++;
  };
  for (const e of events) {
    if (e.queueId !== null) c.withQueueId++;
    const action = e.action as string | undefined;
    switch (e.kind) {
      case 'smtpd-reject':
        if (action === 'reject_warning') c.rejectWarnings++;
        else reject(e.reply);
        break;
      case 'smtpd-action':
        if (action === 'warn') c.rejectWarnings++;
        else if (action === 'hold' || action === 'milter-hold') c.held++;
        else if (action === 'discard' || action === 'milter-discard') c.discarded++;
        break;
      case 'smtpd-proxy':
        if (e.accepted === false) reject(e.reply);
        break;
      case 'postscreen-reject':
        reject(e.reply);
        break;
      case 'cleanup-check':
        if (action === 'reject' || action === 'milter-reject') reject(e.reply);
        else if (action === 'warning') c.rejectWarnings++;
        else if (action === 'hold' || action === 'milter-hold') c.held++;
        else if (action === 'discard' || action === 'milter-discard') c.discarded++;
        break;
      case 'postsuper-action':
        if (action === 'held') c.held++;
        break;
      case 'delivery-status':
        if (e.status === 'sent') c.sent++;
        else if (e.status === 'deferred') c.deferred++;
        else if (e.status === 'bounced') c.bounced++;
        break;
      case 'qmgr-expired':
        c.expired++;
        break;
      case 'smtpd-client':
      case 'pickup':
        if (e.queueId !== null) c.arrivals++;
        break;
    }
  }
  return c;
}

const ADDITIVE: readonly (keyof Totals)[] = [
  'received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'rejected', 'rejectedTemporary',
  'rejectWarnings', 'held', 'discarded', 'expired', 'bytesReceived', 'bytesDelivered',
];

function sumTraffic(rows: readonly Traffic[]): Traffic {
  const s: Traffic = { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };
  for (const r of rows) for (const k of Object.keys(s) as (keyof Traffic)[]) s[k] += r[k];
  return s;
}

/**
 * Checks `report` (from `--format json`) against the decoded `text` it was read from and its `events`.
 * Throws an assertion error naming the rule that broke.
 */
export function checkReport(report: Report, events: readonly EventLine[], text: string): void {
  checkPlainData(report);
  const lines = splitLines(text);
  const i = report.input;

  // nothing is dropped silently: every line is counted once, as Postfix, foreign or malformed; every Postfix line
  // is one event of `postsumm events`, the unrecognized ones among them by daemon
  assert.equal(i.lines, lines.length, 'input.lines is the number of lines read');
  assert.equal(i.postfixLines, events.length, 'every Postfix line is one event');
  // (the names past the first MAX_DAEMONS count together, parse/tally.ts)
  const unrecognized = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'unrecognized') continue;
    const d = unrecognized.size >= MAX_DAEMONS && !unrecognized.has(e.daemon) ? OTHER_DAEMONS : e.daemon;
    unrecognized.set(d, (unrecognized.get(d) ?? 0) + 1);
  }
  assert.deepEqual(new Map(Object.entries(i.unrecognized)), unrecognized, 'unrecognized lines by daemon');
  // the reader cuts a line (LF-terminated; a CR before the LF is part of it) longer than MAX_LINE_CHARS
  const pieces = text.split('\n');
  if (pieces.at(-1) === '') pieces.pop();
  assert.equal(i.cut, pieces.filter((p) => p.length > MAX_LINE_CHARS).length, 'input.cut');
  // a sample is a line of the input (its first MAX_LINE_CHARS characters when it was cut), never anything else
  for (const [daemon, samples] of Object.entries(i.samples)) {
    assert.ok(samples.length <= 20 && samples.length <= (i.unrecognized[daemon] ?? 0), `samples of ${daemon}`);
    for (const s of samples) assert.ok(lines.some((l) => l === s || (s.length >= MAX_LINE_CHARS - 1 && l.startsWith(s))), `sample is an input line: ${JSON.stringify(s.slice(0, 80))}`);
  }
  assert.deepEqual(report.hosts, [...new Set(events.map((e) => e.host))].sort(), 'hosts are the hosts of the Postfix lines');
  assert.equal(report.period.from === null, events.length === 0, 'a period exactly when there are Postfix lines');
  if (report.period.from !== null) assert.ok(Date.parse(report.period.from) <= Date.parse(report.period.to!), 'period from ≤ to');

  const t = report.totals;
  const c = countEvents(events);
  // one fact for each of these events, whatever else the log says (handlers.ts emits them unconditionally)
  assert.equal(t.rejected, c.rejected, 'rejected: one per reject event');
  assert.equal(t.rejectedTemporary, c.rejectedTemporary, 'rejectedTemporary: the 4xx ones');
  assert.equal(t.rejectWarnings, c.rejectWarnings, 'rejectWarnings: one per reject_warning, WARN and header warning');
  assert.equal(t.held, c.held, 'held: one per HOLD verdict');
  assert.equal(t.discarded, c.discarded, 'discarded: one per DISCARD verdict');
  assert.equal(t.deferrals, c.deferred, 'deferrals: one per status=deferred line');
  assert.equal(t.expired, c.expired, 'expired: one per `status=expired, returned to sender`');
  assert.ok(t.deferred <= t.deferrals, 'deferred messages ≤ deferral lines (the first deferral of each)');
  // a status=sent line is a delivery, a forward or a content-filter hand-off (none): at most one fact each
  assert.ok(t.delivered + t.forwarded <= c.sent, `delivered ${t.delivered} + forwarded ${t.forwarded} ≤ status=sent lines ${c.sent}`);
  // bounced: one per status=bounced line, plus for each expiry its recipients whose last status was deferred (each
  // from a deferral line of that message, consumed by the expiry), or one when none is known
  assert.ok(t.bounced >= c.bounced + c.expired, `bounced ${t.bounced} ≥ bounce lines ${c.bounced} + expiries ${c.expired}`);
  assert.ok(t.bounced <= c.bounced + c.deferred + c.expired, `bounced ${t.bounced} ≤ bounce lines + deferral lines + expiries`);
  // received once per arrival line at most (client= or pickup with a queue ID); filter hops and requeues not at all
  assert.ok(t.received <= c.arrivals, `received ${t.received} ≤ arrival lines ${c.arrivals}`);
  // distinct counts come from counted facts: a sender per received message, a recipient per delivery, and a
  // recipient's domain is a function of the recipient
  assert.ok(t.senders <= t.received, 'senders ≤ received');
  assert.ok(t.recipients <= t.delivered, 'recipients ≤ delivered');
  assert.ok(t.recipientDomains <= t.recipients, 'recipient domains ≤ recipients');
  // each incomplete message is one life of a queue ID, and each life began with a line naming it
  assert.ok(i.incompleteMessages <= c.withQueueId, 'incomplete messages ≤ lines with a queue ID');

  // the traffic columns add up to their Grand Totals (aggregate/traffic.ts), per hour and per day
  const expected: Traffic = { received: t.received, delivered: t.delivered, deferred: t.deferrals, bounced: t.bounced, rejected: t.rejected + t.rejectWarnings + t.held + t.discarded };
  assert.equal(report.perHour.length, 24);
  assert.deepEqual(sumTraffic(report.perHour), expected, 'per-hour traffic adds up to the Grand Totals');
  assert.deepEqual(sumTraffic(Object.values(report.perDay)), expected, 'per-day traffic adds up to the Grand Totals');
  // per-instance totals, when shown, add up to the Grand Totals: each fact counts in its record's instance
  if (Object.keys(report.instances).length > 0) {
    for (const k of ADDITIVE) {
      const sum = Object.values(report.instances).reduce((a, x) => a + x[k], 0);
      assert.ok(Math.abs(sum - t[k]) <= 1e-6 * Math.max(1, t[k]), `instances add up to totals.${k}: ${sum} vs ${t[k]}`);
    }
  }
}
