// Live mode end to end through cli/main: a log is written while postsumm follows it (appends, a partial line
// completed later, rename-and-create rotation, copytruncate, deletion and re-creation, a 100,000-line burst); after
// each step the live totals equal the batch report of the lines written so far, and when stopped, the report printed
// is the batch report of every line. Timers are never fired by themselves: each read is driven by hand (poll).
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { runReport } from '../../src/cli/pipeline.js';
import type { LiveRun } from '../../src/follow/index.js';
import type { Report, Totals } from '../../src/report/model.js';
import { sampleLines } from './lines.js';

process.env.TZ = 'Europe/Berlin'; // the samples' zone

const lines = sampleLines();
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-follow-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Totals a live run has final as soon as their line is read (received waits for its settle time). */
const AT_ONCE = ['delivered', 'forwarded', 'deferrals', 'bounced', 'rejected', 'rejectedTemporary', 'rejectWarnings', 'held', 'discarded'] as const;

/** A live run of postsumm --follow on `file` with --format json, driven by hand. */
async function start(file: string, extra: string[] = [], now?: () => number): Promise<{ live: LiveRun; stop: () => Promise<{ code: number; out: string; err: string }> }> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write(chunk, _e, done) { f(String(chunk)); done(); } });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let live: LiveRun | null = null;
  const code = main(['--follow', '--format', 'json', '--year', '2026', ...extra, file], {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    follow: { timers: { set: () => null, clear: () => {} }, stopped, watch: false, run: (r) => (live = r) },
    ...(now === undefined ? {} : { now }),
  });
  assert.ok(live !== null, 'the run is handed over at once');
  await (live as LiveRun).started;
  return {
    live: live!,
    stop: async () => {
      stop();
      return { code: await code, out, err };
    },
  };
}

let batchSeq = 0;
/** The batch report of `text` (written to a file of its own). */
async function batch(text: string): Promise<Report> {
  const f = join(tmp, `batch-${batchSeq++}.log`);
  writeFileSync(f, text);
  return (await runReport([f], { year: 2026 })).report;
}

function atOnce(t: Totals): Partial<Totals> {
  return Object.fromEntries(AT_ONCE.map((k) => [k, t[k]]));
}

/** Checks the live totals against the batch report of everything written so far. */
async function same(live: LiveRun, written: string, what: string): Promise<void> {
  await live.poll();
  const expected = await batch(written);
  assert.deepStrictEqual(atOnce(live.snapshot().totals), atOnce(expected.totals), what);
  assert.deepStrictEqual(atOnce(live.view().totals), atOnce(expected.totals), `${what} (dashboard)`);
}

const chunk = (from: number, to: number) => lines.slice(from, to).map((l) => l + '\n').join('');

test('appends, a partial line, rename-and-create, copytruncate, deletion and re-creation: live totals equal the batch report after each', async () => {
  const file = join(tmp, 'mail.log');
  writeFileSync(file, chunk(0, 1000));
  let written = chunk(0, 1000);
  const { live, stop } = await start(file, ['--from-start']);
  await same(live, written, 'the file as it was');

  appendFileSync(file, chunk(1000, 2000));
  written += chunk(1000, 2000);
  await same(live, written, 'after an append');

  const partial = lines[2000]!;
  appendFileSync(file, partial.slice(0, 30));
  await same(live, written, 'a partial line is not read yet');
  appendFileSync(file, partial.slice(30) + '\n' + chunk(2001, 3000));
  written += chunk(2000, 3000);
  await same(live, written, 'after the partial line was completed');

  // logrotate's default: rename, then a new file; the daemon writes a little more to the old one first
  renameSync(file, file + '.1');
  appendFileSync(file + '.1', chunk(3000, 3100));
  writeFileSync(file, chunk(3100, 4000));
  written += chunk(3000, 4000);
  await same(live, written, 'after rename-and-create');

  // copytruncate: copied away, then emptied in place, then written again
  copyFileSync(file, file + '.2');
  truncateSync(file, 0);
  appendFileSync(file, chunk(4000, 5000));
  written += chunk(4000, 5000);
  await same(live, written, 'after copytruncate');

  unlinkSync(file);
  await same(live, written, 'while the file is gone');
  writeFileSync(file, chunk(5000, lines.length));
  written += chunk(5000, lines.length);
  await same(live, written, 'after the file came back');

  const { code, out, err } = await stop();
  assert.equal(code, 0, err);
  const final = JSON.parse(out) as Report;
  const expected = await batch(written);
  assert.deepStrictEqual(final.totals, expected.totals, 'the report printed when stopped is the batch report');
  assert.deepStrictEqual(final.rejectClasses, expected.rejectClasses);
  assert.deepStrictEqual(final.perHour, expected.perHour);
  assert.equal(final.input.lines, lines.length);
});

test('a burst of 100,000 lines is read whole, once', async () => {
  const file = join(tmp, 'burst.log');
  writeFileSync(file, '');
  const { live, stop } = await start(file);
  // the sample's lines again and again, as a busy server would write them (22 copies ≈ 100,000 lines)
  let text = '';
  let n = 0;
  while (n < 100_000) {
    const take = Math.min(lines.length, 100_000 - n);
    text += chunk(0, take);
    n += take;
  }
  appendFileSync(file, text);
  await live.poll();
  const expected = await batch(text);
  assert.equal(live.view().lines, 100_000);
  assert.deepStrictEqual(atOnce(live.snapshot().totals), atOnce(expected.totals));
  const { code, out } = await stop();
  assert.equal(code, 0);
  assert.deepStrictEqual((JSON.parse(out) as Report).totals, expected.totals);
});

test('by default only lines written after the start are read', async () => {
  const file = join(tmp, 'end.log');
  writeFileSync(file, chunk(0, 500));
  const { live, stop } = await start(file);
  await live.poll();
  assert.equal(live.view().lines, 0);
  appendFileSync(file, chunk(500, 800));
  await live.poll();
  assert.equal(live.view().lines, 300);
  const { code, out } = await stop();
  assert.equal(code, 0);
  assert.equal((JSON.parse(out) as Report).input.lines, 300);
});

test('--since 3m starts at the first line of the last three minutes, found by seeking', async () => {
  const file = join(tmp, 'since.log');
  writeFileSync(file, chunk(0, lines.length));
  // the samples end at 20:17:42 (Europe/Berlin, 2026-11-25): "now" is a second later
  const end = Date.parse('2026-11-25T20:17:43+01:00');
  const { live, stop } = await start(file, ['--since', '3m'], () => end);
  await live.poll();
  const from = lines.findIndex((l) => l.slice(7, 15) >= '20:14:43');
  assert.ok(from > 0);
  assert.equal(live.view().lines, lines.length - from, 'exactly the lines stamped 20:14:43 or later');
  const { code, out } = await stop();
  assert.equal(code, 0);
  assert.equal((JSON.parse(out) as Report).period.from, `2026-11-25T${lines[from]!.slice(7, 15)}.000+01:00`);
});
