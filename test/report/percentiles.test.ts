// Percentiles from a fixed-bucket histogram: the bucket of the reading of rank ⌈q·n⌉, interpolated inside it,
// never above the largest reading; and on the lab log, within one bucket of the exact percentile of its delays.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport } from '../../src/cli/pipeline.js';
import { emptyHistogram } from '../../src/report/empty.js';
import type { Histogram } from '../../src/report/model.js';
import { delaySummary, percentile } from '../../src/report/percentiles.js';
import { sharedDir } from '../corpus.js';

/** A histogram of readings, bucketed as the delays aggregate does. */
function of(readings: number[]): Histogram {
  const h = emptyHistogram();
  for (const s of readings) {
    let i = 0;
    while (i < h.bounds.length && s > h.bounds[i]!) i++;
    h.counts[i]!++;
    h.count++;
    h.sum += s;
    h.max = Math.max(h.max, s);
  }
  return h;
}

test('an empty histogram has no percentiles', () => {
  assert.equal(percentile(emptyHistogram(), 0.5), null);
  assert.deepStrictEqual(delaySummary(emptyHistogram()), { count: 0, p50: null, p90: null, p99: null, max: null });
});

test('a percentile lies inside the bucket that holds its rank, interpolated, capped at the largest reading', () => {
  // ten readings of 4 in the bucket (2, 5]: the bucket is known to end at its largest reading, 4, so the median
  // is half-way from 2 to 4; one reading of 3.1 puts every percentile at 3.1
  const ten = of(Array.from({ length: 10 }, () => 4));
  assert.equal(percentile(ten, 0.5), 3);
  assert.equal(percentile(ten, 1), 4);
  assert.equal(percentile(of([3.1]), 0.5), 3.1);
});

test('readings above the last bound are placed between it and the largest reading', () => {
  const h = of([500_000, 600_000]);
  assert.equal(percentile(h, 0.5), 432000 + (600_000 - 432000) / 2);
  assert.equal(percentile(h, 0.99), 600_000);
});

test('p50, p90 and p99 fall in separate buckets when the readings do', () => {
  const readings = [...Array.from({ length: 89 }, () => 0.05), ...Array.from({ length: 10 }, () => 1.5), 100];
  const s = delaySummary(of(readings));
  assert.equal(s.count, 100);
  assert.ok(s.p50! > 0 && s.p50! <= 0.1, `p50 ${s.p50}`);
  assert.ok(s.p90! > 1 && s.p90! <= 2, `p90 ${s.p90}`);
  assert.ok(s.p99! > 1 && s.p99! <= 2, `p99 ${s.p99}`);
  assert.equal(s.max, 100);
});

test('on the lab log, each delay percentile lies in the bucket of the exact one', { skip: sharedDir() === null }, async () => {
  const file = join(sharedDir()!, 'lab', 'out', 'maillog-traditional.log');
  const { report } = await runReport([file], { year: 2026 });
  // the exact delays of final deliveries, read straight from the log (not `forwarded as`, not postfix-out's
  // which are final deliveries too: every `status=sent` line but the forwards)
  const delays = readFileSync(file, 'utf8').split('\n')
    .filter((l) => l.includes('status=sent') && !l.includes('forwarded as'))
    .map((l) => Number(/ delay=([\d.]+),/.exec(l)![1]))
    .sort((a, b) => a - b);
  const h = report.delays.total;
  assert.equal(h.count, delays.length);
  for (const q of [0.5, 0.9, 0.99]) {
    const exact = delays[Math.ceil(q * delays.length) - 1]!;
    const bucket = h.bounds.findIndex((b) => exact <= b);
    const lower = bucket <= 0 ? 0 : h.bounds[bucket - 1]!;
    const p = percentile(h, q)!;
    assert.ok(p >= lower && p <= h.bounds[bucket]!, `p${q * 100}: ${p} not in (${lower}, ${h.bounds[bucket]}] of exact ${exact}`);
  }
});
