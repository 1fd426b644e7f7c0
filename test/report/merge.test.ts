// merge(): counts add, maps merge, histograms add, distinct sets unite, the period widens; merging the reports of
// two logs equals the report of both. Real reports come from the lab logs (../shared/lab/out*, skipped without them).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport } from '../../src/cli/pipeline.js';
import { SAMPLES_KEPT } from '../../src/parse/tally.js';
import { emptyReport } from '../../src/report/empty.js';
import { merge, mergeAll, MergeError, MERGED_SAMPLES_KEPT } from '../../src/report/merge.js';
import type { Report } from '../../src/report/model.js';
import { sharedDir } from '../corpus.js';

const shared = sharedDir();
const lab = (folder: string): string => join(shared!, 'lab', folder, 'maillog-traditional.log');
const report = async (...paths: string[]): Promise<Report> => (await runReport(paths, { year: 2026 })).report;

/** The report with the per-instance distinct counts left out (see the test that explains why). */
function withoutInstanceDistincts(r: Report): Report {
  const copy = structuredClone(r);
  for (const t of Object.values(copy.instances)) {
    t.senders = t.sendingDomains = t.recipients = t.recipientDomains = 0;
  }
  return copy;
}

test('the reports of two hosts merged equal the report of both logs read together', { skip: shared === null }, async () => {
  // out-filter's log starts after out's ends: read one after the other they are two hosts' days, no message shared
  const [a, b, both] = [await report(lab('out')), await report(lab('out-filter')), await report(lab('out'), lab('out-filter'))];
  const merged = merge(a, b);
  assert.deepStrictEqual(withoutInstanceDistincts(merged), withoutInstanceDistincts(both));
  // the distinct counts of the whole are exact, not sums: both logs share most senders
  assert.equal(merged.totals.senders, both.totals.senders);
  assert.ok(merged.totals.senders < a.totals.senders + b.totals.senders);
});

test('per-instance distinct counts add up when merged: the report keeps no per-instance address sets', { skip: shared === null }, async () => {
  const [a, b, both] = [await report(lab('out')), await report(lab('out-filter')), await report(lab('out'), lab('out-filter'))];
  const merged = merge(a, b);
  for (const [name, t] of Object.entries(merged.instances)) {
    assert.equal(t.senders, a.instances[name]!.senders + b.instances[name]!.senders);
    assert.ok(t.recipients >= both.instances[name]!.recipients, name);
  }
});

test('the two halves of one log merge into its report, but for what the messages in flight at the cut change', { skip: shared === null }, async () => {
  const lines = readFileSync(lab('out'), 'utf8').split('\n').filter((l) => l !== '');
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-merge-'));
  try {
    const half = Math.floor(lines.length / 2);
    writeFileSync(join(dir, 'a.log'), lines.slice(0, half).join('\n') + '\n');
    writeFileSync(join(dir, 'b.log'), lines.slice(half).join('\n') + '\n');
    const merged = merge(await report(join(dir, 'a.log')), await report(join(dir, 'b.log')));
    const whole = await report(lab('out'));
    // what one line decides alone is exact across any cut
    for (const k of ['rejects', 'rejectWarnings', 'holds', 'discards', 'rejectClasses', 'deferrals', 'bounces', 'expiries', 'smtpFailures', 'warnings', 'errors', 'fatals', 'panics', 'master', 'postscreen', 'sasl', 'tls', 'delays', 'period', 'hosts'] as const) {
      assert.deepStrictEqual(merged[k], whole[k], k);
    }
    for (const k of ['rejected', 'rejectWarnings', 'deferrals', 'delivered', 'forwarded', 'held', 'discarded', 'expired'] as const) {
      assert.equal(merged.totals[k], whole.totals[k], k);
    }
    assert.equal(merged.input.lines, whole.input.lines);
    // a message received before the cut and delivered after it has no size in the second half
    assert.ok(merged.noSize.length > 0 && whole.noSize.length === 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('merging with an empty report changes nothing, and the inputs are left as they were', { skip: shared === null }, async () => {
  const a = await report(lab('out'));
  const before = structuredClone(a);
  assert.deepStrictEqual(merge(a, emptyReport('postsumm')), a);
  assert.deepStrictEqual(merge(emptyReport('postsumm'), a).totals, a.totals);
  const m = merge(a, a);
  assert.deepStrictEqual(a, before);
  m.senders[Object.keys(m.senders)[0]!]!.count += 1000;
  m.rejects.RCPT!['Relay access denied']!['smtp.customer.example']! += 1000;
  assert.deepStrictEqual(a, before, 'the merged report shares no object with its inputs');
});

/** A small report by hand: the fields a case needs. */
function small(f: (r: Report) => void): Report {
  const r = emptyReport('postsumm');
  f(r);
  return r;
}

test('distinct counts are those of the merged maps: a sender of both reports is one sender', () => {
  const a = small((r) => {
    r.senders = { 'alice@lab.example': { count: 2, bytes: 10 }, '<>': { count: 1, bytes: 5 } };
    r.receiptDomains = { 'lab.example': { received: 2, bytes: 10 }, 'trusted.friend.example': { received: 1, bytes: 5 } };
    r.recipients = { 'bob@lab.example': { count: 1, bytes: 10 } };
    r.deliveryDomains = { 'lab.example': { delivered: 1, bytes: 10, defers: 0, delaySum: 0.1, delayMax: 0.1 }, 'flaky.example': { delivered: 0, bytes: 0, defers: 3, delaySum: 0, delayMax: 19 } };
  });
  const b = small((r) => {
    r.senders = { 'alice@lab.example': { count: 1, bytes: 7 } };
    r.receiptDomains = { 'lab.example': { received: 1, bytes: 7 } };
    r.recipients = { 'carol@partner.example': { count: 1, bytes: 7 } };
    r.deliveryDomains = { 'partner.example': { delivered: 1, bytes: 7, defers: 0, delaySum: 0.2, delayMax: 0.2 }, 'flaky.example': { delivered: 0, bytes: 0, defers: 1, delaySum: 0, delayMax: 65 } };
  });
  const m = merge(a, b);
  assert.deepStrictEqual(m.senders, { 'alice@lab.example': { count: 3, bytes: 17 }, '<>': { count: 1, bytes: 5 } });
  assert.deepStrictEqual(m.deliveryDomains['flaky.example'], { delivered: 0, bytes: 0, defers: 4, delaySum: 0, delayMax: 65 });
  assert.deepStrictEqual([m.totals.senders, m.totals.sendingDomains, m.totals.recipients, m.totals.recipientDomains], [2, 2, 2, 2]);
});

test('sums of seconds stay exact when merged (0.1 + 0.2 is 0.3), maxima take the larger', () => {
  const a = small((r) => {
    r.delays.total.sum = 0.1;
    r.delays.total.count = 1;
    r.delays.total.counts[0] = 1;
    r.delays.total.max = 0.1;
    r.smtpd.perDay = { '2026-11-25': { connections: 1, seconds: 0.1, max: 0.1 } };
  });
  const b = small((r) => {
    r.delays.total.sum = 0.2;
    r.delays.total.count = 1;
    r.delays.total.counts[1] = 1;
    r.delays.total.max = 0.2;
    r.smtpd.perDay = { '2026-11-25': { connections: 1, seconds: 0.2, max: 0.2 } };
  });
  const m = merge(a, b);
  assert.equal(0.1 + 0.2 === 0.3, false);
  assert.deepStrictEqual([m.delays.total.sum, m.delays.total.count, m.delays.total.max, m.delays.total.counts.slice(0, 3)], [0.3, 2, 0.2, [1, 1, 0]]);
  assert.deepStrictEqual(m.smtpd.perDay, { '2026-11-25': { connections: 2, seconds: 0.3, max: 0.2 } });
});

test('the period widens to both reports, by instant (not by text) across time zones', () => {
  const a = small((r) => { r.period = { from: '2026-11-25T20:08:38.000+01:00', to: '2026-11-25T20:17:42.000+01:00' }; });
  const b = small((r) => { r.period = { from: '2026-11-25T19:00:00.000Z', to: '2026-11-25T19:30:00.000Z' }; });
  // 19:00Z is 20:00+01:00, before a's start; 19:30Z is 20:30+01:00, after a's end
  assert.deepStrictEqual(merge(a, b).period, { from: '2026-11-25T19:00:00.000Z', to: '2026-11-25T19:30:00.000Z' });
  assert.deepStrictEqual(merge(a, emptyReport('x')).period, a.period);
});

test('postscreen clients unite, nested counts add, unrecognized samples stay within the parser limit', () => {
  const samples = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i}`);
  const a = small((r) => {
    r.postscreen = { connections: 2, clients: ['127.0.0.50', '127.0.0.69'], actions: { 'PASS NEW': 1 } };
    r.rejects = { RCPT: { 'Relay access denied': { 'smtp.customer.example': 2 } } };
    r.input.samples = { smtpd: samples(15, 'a') };
    r.input.unrecognized = { smtpd: 15 };
  });
  const b = small((r) => {
    r.postscreen = { connections: 1, clients: ['127.0.0.52', '127.0.0.69'], actions: { 'PASS NEW': 1, PREGREET: 1 } };
    r.rejects = { RCPT: { 'Relay access denied': { 'smtp.customer.example': 1, 'mail.shop.example': 1 } }, MAIL: { 'Message size exceeds fixed limit': { 'mail69.senders.example': 1 } } };
    r.input.samples = { smtpd: samples(15, 'b') };
    r.input.unrecognized = { smtpd: 15 };
  });
  const m = merge(a, b);
  assert.deepStrictEqual(m.postscreen, { connections: 3, clients: ['127.0.0.50', '127.0.0.52', '127.0.0.69'], actions: { 'PASS NEW': 2, PREGREET: 1 } });
  assert.deepStrictEqual(m.rejects, {
    RCPT: { 'Relay access denied': { 'smtp.customer.example': 3, 'mail.shop.example': 1 } },
    MAIL: { 'Message size exceeds fixed limit': { 'mail69.senders.example': 1 } },
  });
  assert.equal(MERGED_SAMPLES_KEPT, SAMPLES_KEPT);
  assert.deepStrictEqual(m.input.samples.smtpd, [...samples(15, 'a'), ...samples(5, 'b')]);
  assert.deepStrictEqual(m.input.unrecognized, { smtpd: 30 });
});

test('reports of another schema version or other histogram buckets are refused', () => {
  const other = { ...emptyReport('x'), schemaVersion: 2 } as unknown as Report;
  assert.throws(() => merge(emptyReport('x'), other), MergeError);
  const buckets = small((r) => { r.delays.inQueue.bounds = [1, 2]; r.delays.inQueue.counts = [0, 0, 0]; });
  assert.throws(() => merge(emptyReport('x'), buckets), MergeError);
  assert.throws(() => mergeAll([]), MergeError);
});

test('mergeAll merges left to right', () => {
  const r = (n: number) => small((x) => { x.totals.rejected = n; x.master = { 'terminating on signal 15': n }; });
  const m = mergeAll([r(1), r(2), r(3)]);
  assert.deepStrictEqual([m.totals.rejected, m.master], [6, { 'terminating on signal 15': 6 }]);
});
