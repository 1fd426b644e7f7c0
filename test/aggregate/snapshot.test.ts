// Live mode writes the report mid-stream, again and again: writing must not disturb counting. A run that writes a
// report every few hundred lines ends with the same report as a batch run, and each mid-stream report stays as it
// was written while counting goes on.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportBuilder } from '../../src/aggregate/index.js';
import { runPipeline, runReport } from '../../src/cli/pipeline.js';
import { Correlator } from '../../src/correlate/index.js';
import { Tally } from '../../src/parse/tally.js';
import type { Report } from '../../src/report/model.js';
import { projectRoot } from '../corpus.js';

const samples = readdirSync(join(projectRoot(), 'samples')).filter((f) => f.startsWith('mail.log')).map((f) => join(projectRoot(), 'samples', f));

test('a report written every 500 lines leaves the final report equal to the batch report, and each written one unchanged', async () => {
  const tally = new Tally();
  const builder = new ReportBuilder('postsumm');
  const correlator = new Correlator((f) => builder.fact(f), { horizonMs: 6 * 24 * 3600 * 1000 });
  const written: { report: Report; json: string }[] = [];
  let n = 0;
  const input = await runPipeline(samples, {}, (r, line) => {
    tally.add(r, line);
    if (typeof r === 'string') return;
    correlator.process(r);
    builder.record(r);
    if (++n % 500 === 0) {
      const report = builder.snapshot(tally.counts(0));
      written.push({ report, json: JSON.stringify(report) });
    }
  });
  correlator.finish();
  const live = builder.finish(tally.counts(input.cutLines));
  const batch = (await runReport(samples, {})).report;
  assert.ok(written.length >= 5, `${written.length} reports written mid-stream`);
  assert.deepStrictEqual(live, batch);
  for (const w of written) assert.equal(JSON.stringify(w.report), w.json, 'a report written mid-stream is not changed by later counting');
});
