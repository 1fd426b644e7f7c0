// Tests for src/input/follow-seek.ts and `start: { since }`: the first line handed over is the first stamped at or
// after the time, found by reading O(log n) probe blocks, not the whole file; a little disorder makes it early, never late.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Follower } from '../../src/input/follow.js';
import { DISORDER_MS, firstLineSince, lastLineStart } from '../../src/input/follow-seek.js';
import { Random } from '../bench/gen/random.js';

const dir = mkdtempSync(join(tmpdir(), 'postsumm-follow-seek-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2026, 10, 25);

// 2026-11-25T00:00:00.250Z mx postfix/smtpd[4242]: line 1
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) /;
const timeOf = (line: string): number | null => {
  const m = STAMP.exec(line);
  return m ? Date.parse(m[1]!) : null;
};

/** A log of `n` lines, one every 250 ms (plus `jitter(i)`), every 50th without a stamp (another program's line). */
function log(name: string, n: number, jitter: (i: number) => number = () => 0) {
  const lines = Array.from({ length: n }, (_, i) => i % 50 === 49
    ? `    continued text of line ${i - 1}`
    : `${new Date(T0 + i * 250 + jitter(i)).toISOString()} mx postfix/smtpd[4242]: line ${i}`);
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += Buffer.byteLength(l) + 1;
  }
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => l + '\n').join(''));
  return { path, lines, offsets, size: at, times: lines.map(timeOf) };
}

/** Where the first line stamped at or after `since` starts, by reading every line. */
function expected(times: (number | null)[], offsets: number[], size: number, since: number): number {
  const i = times.findIndex((t) => t !== null && t >= since);
  return i < 0 ? size : offsets[i]!;
}

/** A deterministic sequence of numbers in [0, 1): the bench generator's seeded PRNG. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

const big = log('big.log', 300_000);
const buf = Buffer.alloc(1 << 18);
/** The bound on reading: ~log2(size / 16 KiB) probes, each one or two 16 KiB windows, and DISORDER_MS of log after. */
const PROBE_BUDGET = 64 * 16 * 1024;

test('follow-seek: the first line at or after a time, for times before, at, between, after the lines', async () => {
  const fh = await open(big.path, 'r');
  try {
    const rows: [string, number][] = [
      ['before the first line', T0 - 3_600_000],
      ['exactly the first line', T0],
      ['exactly a line in the middle', T0 + 123_456 * 250],
      ['between two lines', T0 + 200_000 * 250 + 1],
      ['the line after an unstamped one', T0 + 1_050 * 250 - 100],
      ['exactly the last line', T0 + 299_998 * 250],
      ['after the last line', T0 + 300_000 * 250],
    ];
    for (const [name, since] of rows) {
      const placed = await firstLineSince(fh, big.size, buf, since, timeOf);
      assert.equal(placed.offset, expected(big.times, big.offsets, big.size, since), name);
      assert.ok(placed.bytesRead < PROBE_BUDGET, `${name}: read ${placed.bytesRead} bytes`);
    }
  } finally {
    await fh.close();
  }
});

test('follow-seek: 300 random times in a file of 300,000 lines, each found reading under 1 MiB of its 18 MB', async () => {
  const fh = await open(big.path, 'r');
  const next = random(11);
  try {
    for (let k = 0; k < 300; k++) {
      const since = T0 - 1000 + Math.floor(next() * (300_000 * 250 + 2000));
      const placed = await firstLineSince(fh, big.size, buf, since, timeOf);
      assert.equal(placed.offset, expected(big.times, big.offsets, big.size, since), `since ${new Date(since).toISOString()}`);
      assert.ok(placed.bytesRead < PROBE_BUDGET);
    }
  } finally {
    await fh.close();
  }
});

test('follow-seek: with stamps out of order by up to 3 s, never late: every line before the result is older', async () => {
  const next = random(5);
  const jittered = log('jitter.log', 50_000, () => Math.round((next() - 0.5) * 6000));
  assert.ok(6000 < DISORDER_MS);
  const fh = await open(jittered.path, 'r');
  try {
    for (let k = 0; k < 200; k++) {
      const since = T0 + Math.floor(next() * 50_000 * 250);
      const { offset } = await firstLineSince(fh, jittered.size, buf, since, timeOf);
      const i = jittered.offsets.indexOf(offset);
      assert.ok(i >= 0, 'the result is a line start');
      assert.ok(jittered.times.slice(0, i).every((t) => t === null || t < since), 'no line at or after since before it');
      assert.ok(jittered.times[i]! >= since, 'and it is itself at or after since');
    }
  } finally {
    await fh.close();
  }
});

test('follow-seek: an unfinished last line is begun at, never entered; the end is the last line start', async () => {
  const rows: [string, string, number][] = [
    ['ends with a newline', 'a\nb\n', 4],
    ['ends in a line being written', 'a\nb\nhalf', 4],
    ['no newline at all', 'half', 0],
    ['empty', '', 0],
  ];
  for (const [name, content, start] of rows) {
    const path = join(dir, 'end.log');
    writeFileSync(path, content);
    const fh = await open(path, 'r');
    assert.equal((await lastLineStart(fh, content.length, buf)).offset, start, name);
    await fh.close();
  }
  const stamped = `${new Date(T0).toISOString()} a\n${new Date(T0 + 1000).toISOString()} unfinish`;
  const path = join(dir, 'since-end.log');
  writeFileSync(path, stamped);
  const fh = await open(path, 'r');
  const after = (await firstLineSince(fh, stamped.length, buf, T0 + 5000, timeOf)).offset;
  await fh.close();
  assert.equal(after, stamped.indexOf('\n') + 1);
});

test('follow-seek: a follower started { since } hands over from that line to the end, having read O(log n) blocks plus the tail', async () => {
  const i = 299_000;
  const since = T0 + i * 250;
  const received: string[] = [];
  const follower = new Follower(big.path, {
    start: { since }, timeOf, watch: false, line: (l) => received.push(l),
    timers: { set: () => 0, clear: () => {} },
  });
  await follower.start();
  const positioning = follower.bytesRead;
  assert.equal(follower.position?.offset, big.offsets[i]);
  await follower.check();
  await follower.stop();
  assert.deepStrictEqual(received, big.lines.slice(i));
  assert.ok(positioning < PROBE_BUDGET, `positioning read ${positioning} bytes of ${big.size}`);
  assert.ok(follower.bytesRead < positioning + (big.size - big.offsets[i]!) + 1024);
});

test('follow-seek: following from a time needs timeOf', () => {
  assert.throws(() => new Follower(big.path, { start: { since: 0 }, line: () => {} }), /needs timeOf/);
});
