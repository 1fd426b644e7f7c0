// Memory of a whole report run stays flat as the log grows: measured as live heap after a full GC, not as time.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ReportBuilder } from '../../src/aggregate/index.js';
import { runPipeline } from '../../src/cli/pipeline.js';
import { Correlator } from '../../src/correlate/index.js';
import { generateLog } from '../bench/generate.js';

test('the live heap of parse → correlate → aggregate does not grow with the number of lines', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const file = join(mkdtempSync(join(tmpdir(), 'postsumm-mem-')), 'mail.log');
  generateLog(file, { lines: 400_000, seed: 7, format: 'classic' });
  const builder = new ReportBuilder('postsumm');
  const correlator = new Correlator((f) => builder.fact(f), { horizonMs: 6 * 24 * 3600 * 1000 });
  const heap: number[] = [];
  let n = 0;
  await runPipeline([file], {}, (r) => {
    if (typeof r === 'string') return;
    correlator.process(r);
    builder.record(r);
    if (++n % 100_000 === 0) {
      gc();
      heap.push(process.memoryUsage().heapUsed);
    }
  });
  assert.ok(heap.length >= 3, `${n} records`);
  // the population of senders, recipients and clients is the same throughout: after the first quarter the
  // counters hold every key, so the rest of the log may not add more than a few MB. A line keeping its read chunk
  // alive (see input/source.ts, detach) grew this by over 40 MB.
  const growth = heap.at(-1)! - heap[0]!;
  assert.ok(growth < 8e6, `heap grew ${(growth / 1e6).toFixed(1)} MB; MB at every 100,000 records: ${heap.map((h) => (h / 1e6).toFixed(1)).join(" ")}`);
});
