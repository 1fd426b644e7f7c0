// The live dashboard's data: totals equal the batch report's, windows count what fell in them, deferrals wait by
// destination until delivered, recent lists are newest first, SASL failures by IP add up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportBuilder } from '../../src/aggregate/index.js';
import type { Fact } from '../../src/correlate/facts.js';
import { LiveState, SPARK_MINUTES, type WindowCounts } from '../../src/follow/live.js';
import { Tally } from '../../src/parse/tally.js';
import { feed, sampleLines } from './lines.js';

const lines = sampleLines();

test('live totals equal the batch report of the same lines', () => {
  const live = new LiveState(0);
  const builder = new ReportBuilder('t');
  const { records } = feed(lines, [live, builder]);
  const report = builder.finish(new Tally().counts(0));
  const view = live.view(records.at(-1)!.time);
  for (const k of ['received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'expired', 'rejected', 'rejectedTemporary', 'rejectWarnings', 'held', 'discarded', 'bytesReceived', 'bytesDelivered'] as const) {
    assert.equal(view.totals[k], report.totals[k], k);
  }
  assert.ok(view.totals.delivered > 100 && view.totals.rejected > 10, 'the sample has traffic to compare');
  assert.equal(view.records, records.length);
  const classes = Object.entries(report.rejectClasses).map(([name, c]) => [name, c.permanent + c.temporary] as const).filter(([, n]) => n > 0);
  assert.deepStrictEqual(Object.fromEntries(view.rejectClasses.map((c) => [c.name, c.count])), Object.fromEntries(classes));
});

/** What a window should hold: the facts whose line time falls in the `n` minutes ending with `now`'s minute. */
function expected(facts: readonly Fact[], now: number, n: number): WindowCounts {
  const current = Math.floor(now / 60000);
  const c: WindowCounts = { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };
  for (const f of facts) {
    if (f.kind === 'incomplete' || f.kind === 'session-end') continue;
    const m = Math.floor(f.record.time / 60000);
    if (m <= current - n || m > current) continue;
    if (f.kind === 'received') c.received++;
    else if (f.kind === 'delivered' && !f.forwarded) c.delivered++;
    else if (f.kind === 'deferred') c.deferred++;
    else if (f.kind === 'bounced') c.bounced++;
    else if (f.kind === 'expired') c.bounced += Math.max(1, f.recipients.length);
    else if (f.kind === 'rejected' && !f.warnOnly) c.rejected++;
  }
  return c;
}

test('the 5-minute and hour windows hold what fell in them, wherever the clock stands', () => {
  const live = new LiveState(0);
  const { facts, records } = feed(lines, [live]);
  const first = records[0]!.time;
  const last = records.at(-1)!.time;
  let checked = 0;
  for (const now of [first + 60_000, first + (last - first) / 3, first + (last - first) / 2, last, last + 4 * 60_000, last + 59 * 60_000, last + 61 * 60_000]) {
    const view = live.view(now);
    assert.deepStrictEqual(view.last5m, expected(facts, now, 5), `5 min at ${new Date(now).toISOString()}`);
    assert.deepStrictEqual(view.lastHour, expected(facts, now, 60), `hour at ${new Date(now).toISOString()}`);
    assert.equal(view.perMinute.length, SPARK_MINUTES);
    assert.deepStrictEqual(view.perMinute.at(-1), expected(facts, now, 1), 'the last minute of the sparkline is the current one');
    checked += view.lastHour.delivered;
  }
  assert.ok(checked > 0, 'some window held deliveries');
  assert.deepStrictEqual(live.view(last + 61 * 60_000).lastHour, { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 });
});

const H = 'Nov 25 10:00:0';
const deferredThenSent = [
  `${H}1 mx postfix/smtpd[10]: connect from a.example[192.0.2.1]`,
  `${H}1 mx postfix/smtpd[10]: 1A2B3C4D5E: client=a.example[192.0.2.1]`,
  `${H}1 mx postfix/cleanup[11]: 1A2B3C4D5E: message-id=<m1@a.example>`,
  `${H}1 mx postfix/qmgr[12]: 1A2B3C4D5E: from=<s@a.example>, size=900, nrcpt=2 (queue active)`,
  `${H}2 mx postfix/smtp[13]: 1A2B3C4D5E: to=<x@flaky.example>, relay=mx.flaky.example[198.51.100.7]:25, delay=1, delays=0/0/1/0, dsn=4.0.0, status=deferred (host mx.flaky.example[198.51.100.7] said: 451 4.0.0 try later (in reply to RCPT TO command))`,
  `${H}2 mx postfix/smtp[13]: 1A2B3C4D5E: to=<y@flaky.example>, relay=mx.flaky.example[198.51.100.7]:25, delay=1, delays=0/0/1/0, dsn=4.0.0, status=deferred (host mx.flaky.example[198.51.100.7] said: 451 4.0.0 try later (in reply to RCPT TO command))`,
];
const laterSent = [
  `${H}8 mx postfix/smtp[13]: 1A2B3C4D5E: to=<x@flaky.example>, relay=mx.flaky.example[198.51.100.7]:25, delay=7, delays=6/0/1/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)`,
  `${H}9 mx postfix/smtp[13]: 1A2B3C4D5E: to=<y@flaky.example>, relay=mx.flaky.example[198.51.100.7]:25, delay=8, delays=7/0/1/0, dsn=5.1.1, status=bounced (host mx.flaky.example[198.51.100.7] said: 550 5.1.1 no such user (in reply to RCPT TO command))`,
  `${H}9 mx postfix/qmgr[12]: 1A2B3C4D5E: removed`,
];

test('deferred recipients wait at their destination until delivered or bounced; a bounce is listed with its reason', () => {
  const live = new LiveState(0);
  feed(deferredThenSent, [live], false);
  assert.deepStrictEqual(live.view(0).deferredByDestination, [{ domain: 'flaky.example', recipients: 2 }]);
  const after = new LiveState(0);
  feed([...deferredThenSent, ...laterSent], [after]);
  const v = after.view(0);
  assert.deepStrictEqual(v.deferredByDestination, []);
  assert.equal(v.recentBounces.length, 1);
  assert.equal(v.recentBounces[0]!.who, 'y@flaky.example');
  assert.match(v.recentBounces[0]!.reason, /no such user/);
});

test('recent rejects are newest first and SASL failures by IP add up to their count', () => {
  const live = new LiveState(0);
  const { records } = feed(lines, [live]);
  const v = live.view(records.at(-1)!.time);
  assert.ok(v.recentRejects.length > 1);
  for (let i = 1; i < v.recentRejects.length; i++) assert.ok(v.recentRejects[i - 1]!.time >= v.recentRejects[i]!.time, 'newest first');
  const sasl = records.filter((r) => r.event.kind === 'smtpd-sasl-failed').length;
  assert.ok(sasl > 0, 'the sample has SASL failures');
  assert.equal(v.saslFailureCount, sasl);
  assert.equal(v.saslFailures.reduce((n, s) => n + s.count, 0), sasl);
});
