// The delays section: histograms of delay= and of the four delays=a/b/c/d stages of delivered recipients.
// Lines from the lab (../shared/lab/out/maillog-traditional.log).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { delaysSection } from '../../src/aggregate/delays.js';
import type { Fact } from '../../src/correlate/facts.js';
import { DELAY_BOUNDS } from '../../src/report/empty.js';
import type { Histogram } from '../../src/report/model.js';
import { message, rec, run } from './feed.js';

const delivered = (line: string, forwarded = false): Fact => ({ kind: 'delivered', message: message(), forwarded, record: rec(line) });

/** A histogram of the given readings with `counts` placed by hand: bucket index → count. */
function histogram(byBucket: Record<number, number>, sum: number, max: number): Histogram {
  const counts = new Array<number>(DELAY_BOUNDS.length + 1).fill(0);
  let count = 0;
  for (const [i, n] of Object.entries(byBucket)) {
    counts[Number(i)] = n;
    count += n;
  }
  return { bounds: [...DELAY_BOUNDS], counts, count, sum, max };
}

test('delivered recipients fill the delay histograms: total, before qmgr, in queue, connection set-up, transmission', () => {
  const r = run(delaysSection, [
    // delay=3.1 delays=0.05/0/0/3
    delivered('Nov 25 20:09:04 mx postfix/smtp[3597]: E35181603AE: to=<k.tanaka@slow.example>, relay=127.0.0.16[127.0.0.16]:2525, delay=3.1, delays=0.05/0/0/3, dsn=2.0.0, status=sent (250 2.0.0 Ok)'),
    // delay=65 delays=65/0/0/0
    delivered('Nov 25 20:12:19 mx postfix/local[4250]: 2975516042C: to=<alice@lab.example>, relay=local, delay=65, delays=65/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)'),
    // delay=0.07 delays=0.06/0/0/0.01
    delivered('Nov 25 20:08:44 mx postfix/local[3600]: 54B65160032: to=<bob@lab.example>, relay=local, delay=0.07, delays=0.06/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)'),
    // not final deliveries: `forwarded as` and a deferral
    delivered('Nov 25 20:08:40 mx postfix/local[3600]: A40A1160394: to=<erin@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as A4D36160396)', true),
    { kind: 'deferred', message: null, firstForMessage: true, record: rec('Nov 25 20:11:19 mx postfix/smtp[4278]: 9731F1603F6: to=<m.mueller@flaky.example>, relay=127.0.0.18[127.0.0.18]:2525, delay=65, delays=65/0/0/0, dsn=4.0.0, status=deferred (host 127.0.0.18[127.0.0.18] said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command))') },
  ]);
  // bounds: 0.1 0.2 0.5 1 2 5 10 20 30 60 120 …; a reading goes in the first bucket whose bound it does not exceed
  const b = (seconds: number) => DELAY_BOUNDS.findIndex((x) => seconds <= x);
  assert.deepStrictEqual(r.delays, {
    total: histogram({ [b(0.07)]: 1, [b(3.1)]: 1, [b(65)]: 1 }, 68.17, 65),
    beforeQmgr: histogram({ [b(0.06)]: 2, [b(65)]: 1 }, 65.11, 65),
    inQueue: histogram({ [b(0)]: 3 }, 0, 0),
    connSetup: histogram({ [b(0)]: 3 }, 0, 0),
    transmission: histogram({ [b(0)]: 2, [b(3)]: 1 }, 3.01, 3),
  });
  assert.deepStrictEqual([b(0.07), b(3.1), b(65)], [0, 5, 10]);
});

test('a reading above the last bound goes in the open last bucket', () => {
  // no log at hand has a delivery later than the last bound (5 days): a real line's delay is set past it by hand
  const line = 'Nov 25 20:12:19 mx postfix/local[4250]: 2975516042C: to=<alice@lab.example>, relay=local, delay=65, delays=65/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)';
  const r = rec(line);
  if (r.event.kind !== 'delivery-status') throw new Error('not a delivery');
  r.event.delay = 500_000;
  const out = run(delaysSection, [{ kind: 'delivered', message: null, forwarded: false, record: r }]);
  assert.equal(out.delays.total.counts[DELAY_BOUNDS.length], 1);
  assert.equal(out.delays.total.max, 500_000);
});

test('sums of many readings stay exact to the millisecond', () => {
  const line = 'Nov 25 20:08:44 mx postfix/local[3600]: 54B65160032: to=<bob@lab.example>, relay=local, delay=0.07, delays=0.06/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)';
  const out = run(delaysSection, Array.from({ length: 1000 }, () => delivered(line)));
  // adding 0.07 a thousand times in floating point gives 69.99999999999966
  assert.equal(out.delays.total.sum, 70);
  assert.equal(out.delays.beforeQmgr.sum, 60);
});
