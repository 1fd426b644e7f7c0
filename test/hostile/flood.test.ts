// Floods: a log of more than a million queue IDs that are never removed, over sixty days of log time (ten horizons),
// streamed through the report pipeline: the correlator holds about one horizon of them (the eviction of
// correlate/eviction.ts), never the log, and the report counts every one as incomplete. Lines under thousands of
// made-up daemon names: the tally keeps a hundred. Sizes are counted, not timed.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { ReportBuilder } from '../../src/aggregate/index.js';
import { DEFAULT_HORIZON_MS, runPipeline, runReport } from '../../src/cli/pipeline.js';
import { Correlator } from '../../src/correlate/index.js';
import { MAX_DAEMONS, OTHER_DAEMONS, Tally } from '../../src/parse/tally.js';
import { run, TempDir } from '../fuzz/harness.js';

const dir = new TempDir();
after(() => dir.clean());

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/**
 * Message `i` of `n` spread over `days`: lab line 10 (../shared/lab/out/maillog-rfc3339.log) with its own queue ID
 * and stamp: queued, then never a line again.
 */
function queued(i: number, n: number, days: number): string {
  const t = new Date(START + Math.floor((i * days * DAY) / n)).toISOString();
  const qid = (0x10000000000 + i).toString(16).toUpperCase();
  return `${t} mx postfix/qmgr[3546]: ${qid}: from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)\n`;
}

/** The log as a stream, made as it is read: ten thousand lines a chunk. */
function flood(n: number, days: number): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < n; i += 10_000) {
      let chunk = '';
      for (let k = i; k < Math.min(n, i + 10_000); k++) chunk += queued(k, n, days);
      yield chunk;
    }
  })());
}

test('1.2 million queue IDs never removed over sixty days: memory holds one horizon of them, all counted incomplete', async () => {
  const N = 1_200_000;
  const DAYS = 60;
  const tally = new Tally();
  const builder = new ReportBuilder('postsumm');
  const correlator = new Correlator((f) => builder.fact(f), { horizonMs: DEFAULT_HORIZON_MS });
  let most = 0;
  let records = 0;
  const input = await runPipeline(['-'], { stdin: flood(N, DAYS) }, (r, line) => {
    tally.add(r, line);
    if (typeof r === 'string') return;
    correlator.process(r);
    builder.record(r);
    if (++records % 10_000 === 0) most = Math.max(most, correlator.sizes().messages);
  });
  correlator.finish();
  const report = builder.finish(tally.counts(input.cutLines));

  // a silent message leaves within 1.25 horizons (the sweep runs every quarter horizon): that many days of arrivals
  const perDay = N / DAYS;
  const bound = 1.25 * (DEFAULT_HORIZON_MS / DAY) * perDay + 10_000;
  assert.equal(records, N);
  assert.ok(most <= bound, `${most} messages held, more than ${bound}`);
  assert.ok(most < N / 5, 'memory does not follow the length of the log');
  assert.deepEqual(correlator.sizes(), { messages: 0, sessions: 0, settling: 0 });
  // every one left memory without `removed`, and the report says so
  assert.deepEqual([report.input.lines, report.input.incompleteMessages, report.totals.received], [N, N, 0]);
});

test('a flood of lines under thousands of made-up daemon names keeps the samples and names of a hundred', async () => {
  // any local user can do this: `logger -t "postfix/$RANDOM…" hello`, three thousand times, each name 20 KB long
  const n = 3000;
  const lines = Readable.from((function* () {
    for (let i = 0; i < n; i++) yield `Nov 25 20:08:39 mx postfix/d${i}${'x'.repeat(20_000)}[1]: hello\n`;
  })());
  const { report } = await runReport(['-'], { stdin: lines, year: 2026 });
  const names = Object.keys(report.input.unrecognized);
  assert.equal(names.length, MAX_DAEMONS + 1);
  assert.equal(report.input.unrecognized[OTHER_DAEMONS], n - MAX_DAEMONS);
  assert.equal(Object.values(report.input.unrecognized).reduce((a, b) => a + b, 0), n, 'every line still counted');
  assert.ok(Object.keys(report.input.samples).length <= MAX_DAEMONS + 1);
  // what the report (and the tally behind it) holds is a hundred names and samples, not the 60 MB read
  const size = JSON.stringify(report).length;
  assert.ok(size < 10e6, `the report is ${(size / 1e6).toFixed(1)} MB`);
});

/**
 * The most messages a correlator holds over a flood of `n` messages one every three minutes, with (at message 1,000)
 * one line stamped ten years ahead (a host with a wrong clock, a damaged year) when `future`.
 */
async function heldWith(future: boolean): Promise<number> {
  const n = 200_000;
  let most = 0;
  const correlator = new Correlator(() => {}, { horizonMs: DEFAULT_HORIZON_MS });
  const lines = Readable.from((function* () {
    for (let i = 0; i < n; i++) {
      if (future && i === 1000) yield '2036-01-01T00:00:00Z mx postfix/qmgr[3546]: FFFFFFFFFF: from=<a@lab.example>, size=1, nrcpt=1 (queue active)\n';
      yield queued(i, n, n / 480);
    }
  })());
  let records = 0;
  await runPipeline(['-'], { stdin: lines }, (r) => {
    if (typeof r === 'string') return;
    correlator.process(r);
    if (++records % 1000 === 0) most = Math.max(most, correlator.sizes().messages);
  });
  return most;
}

// found by this test: the next sweep was set from the largest time seen, so after a line stamped in 2036 no sweep ran
// again (≈198,000 of 200,000 held, against ≈3,600 without the line); correlate/state.ts now restarts the sweeps when
// the clock goes back by more than a horizon
test('one line stamped years ahead does not stop the eviction of the silent for the rest of the log', async () => {
  const plain = await heldWith(false);
  const withFuture = await heldWith(true);
  assert.ok(plain < 5000, `${plain} held without the line`);
  assert.ok(withFuture < 2 * plain, `${withFuture} held with one line from 2036, ${plain} without`);
});

test('the text report says how many messages were left incomplete', async () => {
  const n = 20_000;
  let log = '';
  for (let i = 0; i < n; i++) log += queued(i, n, 14);
  const r = await run([dir.file(log)]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ +20,000 +messages still in the queue at the end \(or silent too long\)$/m);
});
