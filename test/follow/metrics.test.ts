// /metrics read back with a strict parser of the Prometheus text format (0.0.4), written here: every line must be
// valid, every histogram consistent, and the values must equal the report of the same lines (Grand Totals, reject
// classes, per-domain deferrals and bounces, delays). Runs on a short log of lab lines always, and on the whole
// lab log when ../shared is there. TZ is fixed so classic stamps read as the lab wrote them (Europe/Berlin).
process.env.TZ = 'Europe/Berlin';

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addressDomain } from '../../src/aggregate/address.js';
import type { Fact } from '../../src/correlate/facts.js';
import { OTHER_LABEL } from '../../src/follow/label-cap.js';
import { DELAY_STAGES, LiveMetrics, MESSAGE_STATUSES, UNKNOWN_DOMAIN } from '../../src/follow/metrics.js';
import type { Histogram, Report } from '../../src/report/model.js';
import { sharedDir } from '../corpus.js';
import { deliveryLine, factList, Feed, SMALL_LOG } from './feed.js';

// ---------------------------------------------------------------------------------------------------------
// A strict reader of the text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format)

interface Sample { name: string; labels: Record<string, string>; value: number }
interface Family { name: string; help: string | null; type: string | null; samples: Sample[] }
type Exposition = Map<string, Family>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** A sample value: a Go float (`1`, `-2.5`, `1e+06`, `NaN`, `+Inf`, `-Inf`). */
const VALUE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/;

function parseValue(s: string, where: string): number {
  assert.match(s, VALUE, `a number: ${where}`);
  return s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s);
}

/** `\\` and `\n` in HELP; `\\`, `\"` and `\n` in label values: no other escape, no raw quote or newline. */
function unescape(s: string, quote: boolean, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const n = s[++i];
      if (n === '\\') out += '\\';
      else if (n === 'n') out += '\n';
      else if (n === '"' && quote) out += '"';
      else assert.fail(`bad escape \\${n ?? ''} in ${where}`);
    } else {
      assert.ok(!(quote && c === '"'), `raw quote in ${where}`);
      out += c;
    }
  }
  return out;
}

/** `{a="x",b="y\"z"}` from index `i` (at the `{`) → labels and the index after `}`. */
function parseLabels(line: string, i: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  i++;
  while (line[i] !== '}') {
    const eq = line.indexOf('=', i);
    assert.ok(eq > i, `label name in ${line}`);
    const name = line.slice(i, eq);
    assert.match(name, LABEL_NAME, `label name in ${line}`);
    assert.ok(!(name in labels), `label ${name} twice in ${line}`);
    assert.equal(line[eq + 1], '"', `quoted label value in ${line}`);
    let j = eq + 2;
    while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
    assert.ok(j < line.length, `closed label value in ${line}`);
    labels[name] = unescape(line.slice(eq + 2, j), true, line);
    i = j + 1;
    if (line[i] === ',') i++;
    else assert.equal(line[i], '}', `, or } after a label in ${line}`);
  }
  return [labels, i + 1];
}

/** The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` belong to its name. */
function familyOf(families: Exposition, name: string): Family | undefined {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const f = families.get(name.slice(0, -suffix.length));
    if (f?.type === 'histogram') return f;
  }
  return families.get(name);
}

/** Parses the exposition strictly: throws on the first line that is not valid. */
function parseExposition(text: string): Exposition {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const families: Exposition = new Map();
  const seen = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      assert.ok(m !== null, `only HELP and TYPE comments: ${line}`);
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      assert.match(name, METRIC_NAME, line);
      let f = families.get(name);
      if (f === undefined) families.set(name, (f = { name, help: null, type: null, samples: [] }));
      assert.equal(f.samples.length, 0, `${kind} before the samples of ${name}`);
      if (kind === 'HELP') {
        assert.equal(f.help, null, `one HELP for ${name}`);
        f.help = unescape(rest, false, line);
      } else {
        assert.equal(f.type, null, `one TYPE for ${name}`);
        assert.ok(TYPES.has(rest), `a known type: ${line}`);
        f.type = rest;
      }
      continue;
    }
    const nameEnd = line.search(/[{ ]/);
    assert.ok(nameEnd > 0, `a sample: ${line}`);
    const name = line.slice(0, nameEnd);
    assert.match(name, METRIC_NAME, line);
    let [labels, i] = line[nameEnd] === '{' ? parseLabels(line, nameEnd) : [{}, nameEnd];
    assert.equal(line[i], ' ', `a space before the value: ${line}`);
    const parts = line.slice(i + 1).split(' ');
    assert.ok(parts.length === 1 || (parts.length === 2 && /^-?\d+$/.test(parts[1]!)), `value [timestamp]: ${line}`);
    const value = parseValue(parts[0]!, line);
    const f = familyOf(families, name);
    assert.ok(f !== undefined && f.type !== null, `a TYPE line before ${name}`);
    const key = name + JSON.stringify(Object.entries(labels).sort());
    assert.ok(!seen.has(key), `one sample per series: ${line}`);
    seen.add(key);
    if (f.type === 'counter') assert.ok(value >= 0 && Number.isFinite(value), `a counter is finite and not negative: ${line}`);
    f.samples.push({ name, labels, value });
  }
  for (const f of families.values()) {
    assert.ok(f.help !== null && f.type !== null, `${f.name} has HELP and TYPE`);
    if (f.type === 'histogram') checkHistogram(f);
  }
  return families;
}

/** Per label set: buckets in ascending `le`, counts not decreasing, `+Inf` equal to `_count`, a `_sum`. */
function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { buckets: [] }));
    if (s.name === `${f.name}_bucket`) {
      assert.ok(le !== undefined, `${f.name}_bucket has le`);
      g.buckets.push([parseValue(le, f.name), s.value]);
    } else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else if (s.name === `${f.name}_count`) g.count = s.value;
    else assert.fail(`${s.name} in histogram ${f.name}`);
  }
  for (const [key, g] of groups) {
    assert.ok(g.sum !== undefined && g.count !== undefined, `${f.name}${key} has _sum and _count`);
    for (let i = 1; i < g.buckets.length; i++) {
      assert.ok(g.buckets[i]![0] > g.buckets[i - 1]![0], `${f.name}${key}: le ascending`);
      assert.ok(g.buckets[i]![1] >= g.buckets[i - 1]![1], `${f.name}${key}: buckets never decrease`);
    }
    const last = g.buckets.at(-1);
    assert.ok(last !== undefined && last[0] === Infinity, `${f.name}${key} ends with le="+Inf"`);
    assert.equal(last[1], g.count, `${f.name}${key}: le="+Inf" equals _count`);
  }
}

/** Sample values of one metric by one label (or the single value under '' when it has no labels). */
function by(families: Exposition, name: string, label?: string, where: Record<string, string> = {}): Record<string, number> {
  const f = familyOf(families, name);
  assert.ok(f !== undefined, `${name} is exposed`);
  const out: Record<string, number> = {};
  for (const s of f.samples) {
    if (s.name !== name || !Object.entries(where).every(([k, v]) => s.labels[k] === v)) continue;
    const key = label === undefined ? '' : s.labels[label]!;
    out[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

// ---------------------------------------------------------------------------------------------------------
// The values against the report

/** Bounced recipients by domain, counted here from the facts by the rules of Grand Totals. */
function bouncesByDomain(facts: readonly Fact[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (d: string, n = 1) => (out[d] = (out[d] ?? 0) + n);
  for (const f of facts) {
    if (f.kind === 'bounced' && f.record.event.kind === 'delivery-status') {
      const to = f.record.event.to;
      add(addressDomain(to)?.toLowerCase() ?? to);
    } else if (f.kind === 'expired') {
      if (f.recipients.length === 0) add(UNKNOWN_DOMAIN);
      for (const to of f.recipients) add(addressDomain(to)?.toLowerCase() ?? to);
    }
  }
  return out;
}

/** The cumulative bucket counts of a report histogram, keyed as `le` values print. */
function cumulative(h: Histogram): number[] {
  let n = 0;
  return h.counts.map((c) => (n += c));
}

function checkAgainstReport(families: Exposition, report: Report, facts: readonly Fact[]): void {
  const t = report.totals;
  const messages = by(families, 'postsumm_messages_total', 'status');
  assert.deepStrictEqual(messages, Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, t[s]])), 'postsumm_messages_total equals the Grand Totals');
  assert.equal(sum(by(families, 'postsumm_deferrals_total', 'domain')), t.deferrals, 'deferral lines');
  assert.deepStrictEqual(
    by(families, 'postsumm_deferrals_total', 'domain'),
    nonZero(Object.fromEntries(Object.entries(report.deliveryDomains).map(([d, v]) => [d, v.defers]))),
    'deferrals by domain equal the Host/Domain Summary\'s defers',
  );
  assert.equal(sum(by(families, 'postsumm_bounces_total', 'domain')), t.bounced, 'bounces add up to the Grand Totals');
  assert.deepStrictEqual(by(families, 'postsumm_bounces_total', 'domain'), bouncesByDomain(facts), 'bounces by recipient domain');
  assert.deepStrictEqual(by(families, 'postsumm_received_bytes_total'), { '': t.bytesReceived });
  assert.deepStrictEqual(by(families, 'postsumm_delivered_bytes_total'), { '': t.bytesDelivered });
  for (const reply of ['permanent', 'temporary', 'warn'] as const) {
    const field = reply === 'warn' ? 'warnOnly' : reply;
    assert.deepStrictEqual(
      by(families, 'postsumm_rejects_total', 'class', { reply }),
      nonZero(Object.fromEntries(Object.entries(report.rejectClasses).map(([c, v]) => [c, v[field]]))),
      `rejects by class, ${reply}`,
    );
  }
  assert.equal(sum(by(families, 'postsumm_rejects_total', 'class', { reply: 'temporary' })), t.rejectedTemporary);
  assert.equal(sum(by(families, 'postsumm_rejects_total', 'class', { reply: 'warn' })), t.rejectWarnings);
  for (const [key, stage] of Object.entries(DELAY_STAGES)) {
    const h = report.delays[key as keyof Report['delays']];
    const buckets = familyOf(families, 'postsumm_delivery_delay_seconds')!.samples
      .filter((s) => s.name.endsWith('_bucket') && s.labels['stage'] === stage).map((s) => [s.labels['le'], s.value]);
    assert.deepStrictEqual(buckets, [...h.bounds.map(String), '+Inf'].map((le, i) => [le, cumulative(h)[i]]), `${stage} delay buckets are the report's`);
    assert.equal(by(families, 'postsumm_delivery_delay_seconds_count', undefined, { stage })[''], h.count);
    assert.ok(Math.abs(by(families, 'postsumm_delivery_delay_seconds_sum', undefined, { stage })['']! - h.sum) < 1e-6, `${stage} delay sum`);
  }
  assert.equal(by(families, 'postfix_smtpd_sasl_authentication_failures_total')['']!, sum(report.sasl.failuresByIp), 'SASL failures');
  assert.equal(by(families, 'postfix_smtpd_connects_total')['']!, report.tls.inboundSessions, 'smtpd connections');
}

/** Runs lines through the pipeline into a report and the metrics; `half`: also compare a mid-stream snapshot. */
async function run(lines: readonly string[], half = false): Promise<{ families: Exposition; report: Report; facts: Fact[]; metrics: LiveMetrics }> {
  const metrics = new LiveMetrics();
  const list = factList();
  const feed = new Feed([metrics, list]);
  if (half) {
    feed.push(lines.slice(0, lines.length >> 1));
    checkAgainstReport(parseExposition(await metrics.exposition()), feed.snapshot(), list.facts);
    feed.push(lines.slice(lines.length >> 1));
  } else feed.push(lines);
  const report = feed.finish();
  const families = parseExposition(await metrics.exposition());
  return { families, report, facts: list.facts, metrics };
}

const shared = sharedDir();
const LAB = shared === null ? '' : join(shared, 'lab/out/maillog-traditional.log');
const skipLab = shared === null || !existsSync(LAB) ? 'needs ../shared/lab/out/maillog-traditional.log (the lab log, read in place)' : false;

test('the short log: every exposition line is valid and the values equal its report', async () => {
  const { families, report, metrics } = await run(SMALL_LOG, true);
  assert.equal(metrics.contentType, 'text/plain; version=0.0.4; charset=utf-8');
  // the short log has one of each: a sanity check that the report comparison is not between empty sets
  assert.deepStrictEqual(
    [report.totals.delivered, report.totals.forwarded, report.totals.deferred, report.totals.bounced, report.totals.expired, report.totals.rejected, report.totals.held, report.totals.discarded],
    [5, 1, 2, 3, 1, 5, 1, 1],
  );
  assert.deepStrictEqual(by(families, 'postsumm_bounces_total', 'domain'), { 'nxdomain.example': 1, 'nouser.example': 1, 'flaky.example': 1 });
  assert.deepStrictEqual(by(families, 'postsumm_deferrals_total', 'domain'), { 'flaky.example': 3, 'greylist.example': 1 });
});

test('the short log: postfix_exporter\'s metrics count its lines as the exporter would', async () => {
  const { families } = await run(SMALL_LOG);
  assert.deepStrictEqual(by(families, 'postfix_smtp_messages_processed_total', 'status'), { deferred: 4, bounced: 2, sent: 3 });
  assert.deepStrictEqual(by(families, 'postfix_smtp_deferred_messages_by_dsn_total', 'dsn'), { '4.0.0': 3, '4.7.1': 1 });
  assert.deepStrictEqual(by(families, 'postfix_smtp_bounced_messages_by_dsn_total', 'dsn'), { '5.4.4': 1, '5.1.1': 1 });
  assert.deepStrictEqual(by(families, 'postfix_smtp_status_deferred'), { '': 4 });
  assert.deepStrictEqual(by(families, 'postfix_smtpd_messages_processed_total', 'sasl_method'), { LOGIN: 1, PLAIN: 2, '': 1 });
  assert.deepStrictEqual(by(families, 'postfix_smtpd_messages_rejected_total', 'code'), { '554': 1, '550': 2 });
  assert.deepStrictEqual(by(families, 'postfix_qmgr_messages_removed_total'), { '': 4 });
  assert.deepStrictEqual(by(families, 'postfix_qmgr_messages_expired_total'), { '': 1 });
  assert.deepStrictEqual(by(families, 'postfix_cleanup_messages_processed_total'), { '': 5 });
  assert.deepStrictEqual(by(families, 'postfix_cleanup_messages_rejected_total'), { '': 1 });
  assert.deepStrictEqual(by(families, 'postfix_bounce_non_delivery_notification_total'), { '': 2 });
  assert.deepStrictEqual(by(families, 'postfix_postscreen_messages_rejected_total', 'code'), { '550': 1 });
  assert.deepStrictEqual(by(families, 'postfix_qmgr_messages_inserted_size_bytes_count'), { '': 6 });
  // smtp's delays, deferrals left out (the fork's rule), one observation per stage of each of the 5 other lines
  assert.deepStrictEqual(by(families, 'postfix_smtp_delivery_delay_seconds_count', 'stage'), { before_queue_manager: 5, queue_manager: 5, connection_setup: 5, transmission: 5 });
  assert.deepStrictEqual(by(families, 'postfix_lmtp_delivery_delay_seconds_count', 'stage'), { before_queue_manager: 1, queue_manager: 1, connection_setup: 1, transmission: 1 });
});

test('label values from the log are escaped: a domain with a quote, a backslash and braces reads back whole', async () => {
  const odd = 'we"ird\\dom{a}in,x="y"';
  const lines = [...SMALL_LOG, deliveryLine(Date.UTC(2026, 10, 25, 19, 30), {
    queueId: 'DEADBEEF01', to: `postmaster@${odd}`, status: 'deferred', dsn: '4.4.1', relay: 'none', detail: 'connect to mx.example[192.0.2.1]:25: Connection timed out',
  })];
  const { families, report, facts } = await run(lines);
  assert.equal(by(families, 'postsumm_deferrals_total', 'domain')[odd], 1);
  checkAgainstReport(families, report, facts);
});

test('past the domain cap, new destination domains count under (other) and nothing is lost', async () => {
  const metrics = new LiveMetrics({ domainLabels: 2 });
  new Feed([metrics]).push(SMALL_LOG).finish();
  const families = parseExposition(await metrics.exposition());
  const deferrals = by(families, 'postsumm_deferrals_total', 'domain');
  const bounces = by(families, 'postsumm_bounces_total', 'domain');
  // first seen: flaky.example (a deferral), nxdomain.example (a bounce); greylist and nouser come later
  assert.deepStrictEqual(deferrals, { 'flaky.example': 3, [OTHER_LABEL]: 1 });
  assert.deepStrictEqual(bounces, { 'nxdomain.example': 1, [OTHER_LABEL]: 1, 'flaky.example': 1 });
});

test('each LiveMetrics has its own registry: two side by side count apart, the global one stays empty', async () => {
  const { register } = await import('prom-client');
  const a = new LiveMetrics();
  const b = new LiveMetrics();
  new Feed([a]).push(SMALL_LOG).finish();
  assert.equal(by(parseExposition(await b.exposition()), 'postsumm_messages_total', 'status')['delivered'], 0);
  assert.equal(by(parseExposition(await a.exposition()), 'postsumm_messages_total', 'status')['delivered'], 5);
  assert.equal(register.getMetricsAsArray().filter((m) => m.name.startsWith('postsumm_') || m.name.startsWith('postfix_')).length, 0);
});

test('the lab log: every exposition line is valid and the values equal its report, mid-stream and at the end', { skip: skipLab }, async () => {
  const lines = readFileSync(LAB, 'utf8').split('\n');
  const { families, report } = await run(lines, true);
  // the lab's truth (facts.json) is checked against the report by test/aggregate/totals.test.ts; here, that the
  // comparison above was not between empty sets
  assert.ok(report.totals.delivered > 100 && report.totals.bounced > 10 && Object.keys(report.rejectClasses).length > 5);
  assert.ok(Object.keys(by(families, 'postsumm_deferrals_total', 'domain')).length > 3);
});
