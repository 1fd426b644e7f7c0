// Tests for src/input/follow.ts: a log written while the follower follows it — appends, a line completed later,
// rotation by rename and create, copytruncate, deletion and re-creation, a burst of 100,000 lines — hands over
// exactly the lines written, in order. Time and waking are a manual waker; no test sleeps.
import assert from 'node:assert/strict';
import {
  appendFileSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync,
  truncateSync, unlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Follower, type FollowNote, type FollowOptions, type Waker } from '../../src/input/follow.js';
import { WATCH_DELAY_MS } from '../../src/input/follow-wake.js';
import { Random } from '../bench/gen/random.js';

const root = mkdtempSync(join(tmpdir(), 'postsumm-follow-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A waker and clock moved by hand: timers fire only when advance() reaches them. */
class ManualWaker implements Waker {
  now = 1_000_000;
  private timers = new Map<number, { fn: () => void; at: number; ms: number }>();
  private ids = 0;
  private watchers: ((ms: number) => void)[] = [];

  set(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.set(id, { fn, at: this.now + ms, ms });
    for (const w of this.watchers.splice(0)) w(ms);
    return id;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves the clock on by `ms`, firing the timers that fall due in order of their time. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }

  /** The delays of the timers pending now. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Resolves with the delay of the next timer set. */
  nextSet(): Promise<number> {
    return new Promise((resolve) => this.watchers.push(resolve));
  }
}

/** A follower of a fresh file in a fresh directory, with what it hands over and tells recorded. */
function setup(options: Partial<FollowOptions> = {}, content?: string) {
  const dir = join(root, `t${++dirs}`);
  mkdirSync(dir);
  const path = join(dir, 'mail.log');
  if (content !== undefined) writeFileSync(path, content);
  const waker = new ManualWaker();
  const received: string[] = [];
  const notes: FollowNote['kind'][] = [];
  let onLine: (() => void) | null = null;
  const follower = new Follower(path, {
    watch: false,
    graceMs: 0,
    timers: waker,
    now: () => waker.now,
    line: (l) => {
      received.push(l);
      onLine?.();
    },
    note: (n) => notes.push(n.kind),
    ...options,
  });
  /** Resolves when the next line is handed over; a safety net of 10 s fails a test whose wake-up never came. */
  const nextLine = () => new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no line within 10 s')), 10_000);
    onLine = () => {
      onLine = null;
      clearTimeout(t);
      resolve();
    };
  });
  return { dir, path, waker, received, notes, follower, nextLine };
}

/** `n` distinct log-like lines. */
function lines(tag: string, n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `Nov 25 10:00:00 mx postfix/smtpd[${tag}]: line ${from + i} of ${tag}`);
}

const text = (ls: string[]) => ls.map((l) => l + '\n').join('');

/** A deterministic sequence of numbers in [0, 1): the bench generator's seeded PRNG. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

test('follow: starts after the lines there, then hands over each append once, in order', async () => {
  const old = lines('old', 3);
  const t = setup({}, text(old));
  await t.follower.start();
  await t.follower.check();
  assert.deepStrictEqual(t.received, []);
  const a = lines('a', 5);
  appendFileSync(t.path, text(a));
  await t.follower.check();
  await t.follower.check();
  const b = lines('b', 2);
  appendFileSync(t.path, text(b));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.notes, []);
});

test('follow: start "start" reads the file whole first; "end" waits for a last line being written', async () => {
  const whole = setup({ start: 'start' }, text(lines('x', 4)));
  await whole.follower.start();
  await whole.follower.check();
  await whole.follower.stop();
  assert.deepStrictEqual(whole.received, lines('x', 4));

  const t = setup({}, text(lines('x', 4)) + 'Nov 25 10:00:01 mx postfix/qmgr[9]: half');
  await t.follower.start();
  await t.follower.check();
  appendFileSync(t.path, ' and the rest\n');
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, ['Nov 25 10:00:01 mx postfix/qmgr[9]: half and the rest']);
});

test('follow: a partial line is held until its newline, even a character split between writes', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const bytes = Buffer.from('Nov 25 10:00:00 mx postfix/cleanup[1]: größe\r\n');
  appendFileSync(t.path, bytes.subarray(0, 42)); // ends inside 'ö'
  await t.follower.check();
  assert.deepStrictEqual(t.received, []);
  appendFileSync(t.path, bytes.subarray(42, bytes.length - 1)); // all but the newline, the \r last
  await t.follower.check();
  assert.deepStrictEqual(t.received, []);
  appendFileSync(t.path, '\nnext\n');
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, ['Nov 25 10:00:00 mx postfix/cleanup[1]: größe', 'next']);
});

test('follow: stop() hands over an unfinished last line as a line, as the batch reader would', async () => {
  const t = setup({}, '');
  await t.follower.start();
  appendFileSync(t.path, 'one\ntwo');
  await t.follower.check();
  assert.deepStrictEqual(t.received, ['one']);
  await t.follower.stop();
  assert.deepStrictEqual(t.received, ['one', 'two']);
  assert.equal(t.follower.position, null);
});

test('follow: rename and create — the old file is read to its end (lines written after the rename too), then the new one', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const writer = openSync(t.path, 'a'); // the syslog daemon, holding the file open across the rename
  const a = lines('a', 10);
  writeSync(writer, text(a));
  await t.follower.check();
  const inode = t.follower.position?.inode;
  renameSync(t.path, t.path + '.1');
  const b = lines('b', 5);
  writeSync(writer, text(b)); // before the daemon is told to reopen
  const c = lines('c', 7);
  writeFileSync(t.path, text(c));
  closeSync(writer);
  await t.follower.check();
  assert.notEqual(t.follower.position?.inode, inode);
  const d = lines('d', 3);
  appendFileSync(t.path, text(d));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b, ...c, ...d]);
  assert.deepStrictEqual(t.notes, ['rotated']);
});

test('follow: a renamed file is read alongside the new one until quiet for graceMs: the writer\'s lines keep their order', async () => {
  const t = setup({ graceMs: 5000 }, '');
  await t.follower.start();
  let writer = openSync(t.path, 'a');
  const a = lines('a', 3);
  writeSync(writer, text(a));
  await t.follower.check();
  renameSync(t.path, t.path + '.1');
  writeFileSync(t.path, ''); // logrotate's create; postrotate has not told the writer yet
  const b1 = lines('b', 2);
  writeSync(writer, text(b1));
  await t.follower.check();
  t.waker.now += 4000;
  const b2 = lines('b', 2, 2);
  writeSync(writer, text(b2) + 'an unfinished');
  closeSync(writer); // told at last: the writer reopens the path
  writer = openSync(t.path, 'a');
  const c = lines('c', 4);
  writeSync(writer, text(c));
  await t.follower.check();
  assert.deepStrictEqual(t.received, [...a, ...b1, ...b2, ...c]);
  t.waker.now += 5000;
  await t.follower.check(); // quiet for the grace: the old file is let go, its unfinished line handed over
  assert.deepStrictEqual(t.received, [...a, ...b1, ...b2, ...c, 'an unfinished']);
  appendFileSync(t.path + '.1', 'never read: the file was let go\n');
  const c2 = lines('c', 1, 4);
  writeSync(writer, text(c2));
  closeSync(writer);
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b1, ...b2, ...c, 'an unfinished', ...c2]);
  assert.deepStrictEqual(t.notes, ['rotated']);
});

test('follow: rotated twice within the grace — every file is held open from when it is seen and read whole', async () => {
  const t = setup({ graceMs: 5000 }, '');
  await t.follower.start();
  const first = openSync(t.path, 'a');
  const a = lines('a', 3);
  writeSync(first, text(a));
  await t.follower.check();
  renameSync(t.path, t.path + '.1');
  const b = lines('b', 4);
  writeFileSync(t.path, text(b));
  await t.follower.check();
  renameSync(t.path, t.path + '.2');
  const b2 = lines('b', 2, 4);
  appendFileSync(t.path + '.2', text(b2)); // written to the second after its rename: still read
  const c = lines('c', 5);
  writeFileSync(t.path, text(c));
  await t.follower.check();
  const a2 = lines('a', 2, 3);
  writeSync(first, text(a2)); // the first file, still within its grace
  closeSync(first);
  await t.follower.check();
  for (let i = 0; i < 2; i++) {
    t.waker.now += 5000;
    await t.follower.check();
  }
  appendFileSync(t.path + '.1', 'never read\n');
  appendFileSync(t.path + '.2', 'never read\n');
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b, ...b2, ...c, ...a2]);
  assert.deepStrictEqual(t.notes, ['rotated', 'rotated']);
});

test('follow: renamed away and back — read on where it was, nothing twice', async () => {
  const t = setup({ graceMs: 5000 }, '');
  await t.follower.start();
  const a = lines('a', 3);
  appendFileSync(t.path, text(a));
  await t.follower.check();
  renameSync(t.path, t.path + '.tmp');
  await t.follower.check();
  renameSync(t.path + '.tmp', t.path);
  await t.follower.check();
  const b = lines('b', 2);
  appendFileSync(t.path, text(b));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.notes, ['missing', 'appeared']);
});

test('follow: copytruncate — the shrink is noticed, the lines not read yet are read from the copy, then the file from 0', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const writer = openSync(t.path, 'a'); // O_APPEND, as syslog writes: after the truncation it writes at the new end
  const a = lines('a', 20);
  writeSync(writer, text(a));
  await t.follower.check();
  const unread = lines('unread', 4);
  writeSync(writer, text(unread) + 'an unfinished');
  copyFileSync(t.path, t.path + '.1');
  truncateSync(t.path, 0);
  await t.follower.check();
  const b = lines('b', 3);
  writeSync(writer, text(b));
  await t.follower.check();
  closeSync(writer);
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...unread, 'an unfinished', ...b]);
  assert.deepStrictEqual(t.notes, ['truncated']);
});

test('follow: copytruncate with the copy compressed at once — what was not read yet is lost, the rest is whole', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const a = lines('a', 20);
  appendFileSync(t.path, text(a));
  await t.follower.check();
  appendFileSync(t.path, text(lines('unread', 4)));
  writeFileSync(t.path + '.1.gz', gzipSync(readFileSync(t.path))); // compress without delaycompress
  truncateSync(t.path, 0);
  const b = lines('b', 3);
  appendFileSync(t.path, text(b));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.notes, ['truncated']);
});

test('follow: copytruncate and refilled past our offset before a check — the bytes before the offset tell', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const a = lines('a', 5);
  appendFileSync(t.path, text(a));
  await t.follower.check();
  copyFileSync(t.path, t.path + '.1');
  truncateSync(t.path, 0);
  const b = lines('b', 50); // far more than the 5 lines before: the size alone shows growth, not a truncation
  appendFileSync(t.path, text(b));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.notes, ['truncated']);
});

test('follow: copytruncate with a line unfinished — its start is handed over as a line, the file read from 0', async () => {
  const t = setup({}, '');
  await t.follower.start();
  appendFileSync(t.path, 'whole\nhalf of a');
  await t.follower.check();
  truncateSync(t.path, 0);
  appendFileSync(t.path, ' line\nnext\n');
  await t.follower.check();
  await t.follower.stop();
  // what the batch reader gives for mail.log.1 (ending in 'half of a') and then mail.log
  assert.deepStrictEqual(t.received, ['whole', 'half of a', ' line', 'next']);
});

test('follow: deleted, missing for a while, re-created — noted once each, the new file read from its start', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const a = lines('a', 4);
  appendFileSync(t.path, text(a));
  await t.follower.check();
  unlinkSync(t.path);
  await t.follower.check();
  await t.follower.check();
  t.waker.now += 60_000;
  await t.follower.check();
  assert.equal(t.follower.position, null);
  const b = lines('b', 6);
  writeFileSync(t.path, text(b));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.notes, ['missing', 'appeared']);
});

test('follow: a file missing at start is waited for and read from its start, whatever `start` says', async () => {
  const t = setup({ start: 'end' });
  await t.follower.start();
  await t.follower.check();
  const a = lines('a', 3);
  writeFileSync(t.path, text(a));
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received, a);
  assert.deepStrictEqual(t.notes, ['missing', 'appeared']);
});

test('follow: a burst of 100,000 lines written in one go arrives whole, in one check', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const burst = lines('burst', 100_000);
  appendFileSync(t.path, text(burst));
  await t.follower.check();
  await t.follower.stop();
  assert.equal(t.received.length, burst.length);
  assert.deepStrictEqual(t.received, burst);
});

test('follow: 100,000 lines in many writes cut anywhere (inside lines and characters) with checks between', async () => {
  const t = setup({}, '');
  await t.follower.start();
  const burst = lines('chunk', 100_000).map((l, i) => (i % 7 === 0 ? l + ' é😀' : l));
  const bytes = Buffer.from(text(burst));
  const next = random(6);
  for (let at = 0; at < bytes.length;) {
    const end = Math.min(bytes.length, at + 1 + Math.floor(next() * 300_000));
    appendFileSync(t.path, bytes.subarray(at, end));
    if (next() < 0.7) await t.follower.check();
    at = end;
  }
  await t.follower.check();
  await t.follower.stop();
  assert.equal(t.received.length, burst.length);
  assert.deepStrictEqual(t.received, burst);
});

test('follow: pause() holds the lines until resume(), with nothing lost', async () => {
  const t = setup({}, '');
  const burst = lines('p', 1000);
  let held = () => {};
  const heldAt = new Promise<void>((r) => (held = r));
  const follower: Follower = new Follower(t.path, {
    graceMs: 0, watch: false, timers: t.waker, now: () => t.waker.now,
    line: (l) => {
      t.received.push(l);
      if (t.received.length === 10) {
        follower.pause();
        held();
      }
    },
  });
  await follower.start();
  appendFileSync(t.path, text(burst));
  let done = false;
  const check = follower.check().then(() => (done = true));
  await heldAt;
  await new Promise((r) => setImmediate(r));
  assert.equal(t.received.length, 10);
  assert.equal(done, false);
  follower.resume();
  await check;
  await follower.stop();
  assert.deepStrictEqual(t.received, burst);
});

test('follow: polling wakes it, and an idle poll reads nothing (one fstat and one stat)', async () => {
  const t = setup({ pollMs: 1000 }, '');
  await t.follower.start();
  assert.deepStrictEqual(t.waker.pending(), [0]); // the first check, at once
  const a = lines('a', 2);
  appendFileSync(t.path, text(a));
  const got = t.nextLine();
  t.waker.advance(0);
  await got;
  await t.follower.check(); // waits for the poll's check to end
  assert.deepStrictEqual(t.waker.pending(), [1000]);
  const before = t.follower.bytesRead;
  for (let i = 0; i < 5; i++) {
    t.waker.advance(1000);
    await t.follower.check();
  }
  assert.equal(t.follower.bytesRead, before);
  assert.deepStrictEqual(t.waker.pending(), [1000]);
  const b = lines('b', 1);
  appendFileSync(t.path, text(b));
  const got2 = t.nextLine();
  t.waker.advance(1000);
  await got2;
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  assert.deepStrictEqual(t.waker.pending(), []);
});

test('follow: an fs.watch event on the directory wakes it without a poll', async () => {
  const t = setup({ watch: true, pollMs: 3_600_000 }, '');
  await t.follower.start();
  t.waker.advance(0); // the first check
  await t.follower.check();
  const woken = t.waker.nextSet();
  appendFileSync(t.path, 'woken by a watch event\n');
  // the watch event schedules a check WATCH_DELAY_MS later; a 10 s safety net fails the test if it never comes
  let safety: NodeJS.Timeout | undefined;
  const delay = await Promise.race([woken, new Promise<never>((_, reject) => {
    safety = setTimeout(() => reject(new Error('no watch event within 10 s')), 10_000);
  })]);
  clearTimeout(safety);
  assert.equal(delay, WATCH_DELAY_MS);
  const got = t.nextLine();
  t.waker.advance(WATCH_DELAY_MS);
  await got;
  await t.follower.stop();
  assert.deepStrictEqual(t.received, ['woken by a watch event']);
  assert.deepStrictEqual(t.notes, []);
});

test('follow: a watch that fails falls back to polling, and says so once', async () => {
  const t = setup({ watch: true });
  const deeper = join(t.dir, 'not-yet');
  const notes: FollowNote[] = [];
  const received: string[] = [];
  const follower = new Follower(join(deeper, 'mail.log'), {
    timers: t.waker, now: () => t.waker.now, graceMs: 0, line: (l) => received.push(l), note: (n) => notes.push(n),
  });
  await follower.start();
  assert.deepStrictEqual(notes.map((n) => n.kind), ['missing', 'error']);
  assert.match(notes[1]!.message!, /polling every 1000 ms/);
  mkdirSync(deeper);
  writeFileSync(join(deeper, 'mail.log'), 'found by polling\n');
  t.waker.advance(0);
  await follower.check();
  await follower.stop();
  assert.deepStrictEqual(received, ['found by polling']);
  assert.deepStrictEqual(notes.map((n) => n.kind), ['missing', 'error', 'appeared']);
});

test('follow: stop() reads the renamed file to its end, then the new one, without waiting out the grace', async () => {
  const t = setup({ graceMs: 60_000 }, '');
  await t.follower.start();
  const writer = openSync(t.path, 'a');
  const a = lines('a', 2);
  writeSync(writer, text(a));
  renameSync(t.path, t.path + '.1');
  const b = lines('b', 2);
  writeFileSync(t.path, text(b) + 'unfinished');
  await t.follower.check();
  assert.deepStrictEqual(t.received, [...a, ...b]);
  const a2 = lines('a', 1, 2);
  writeSync(writer, text(a2) + 'half');
  closeSync(writer);
  await t.follower.stop();
  assert.deepStrictEqual(t.received, [...a, ...b, ...a2, 'half', 'unfinished']);
});

test('follow: a line over the cap is cut and counted', async () => {
  const t = setup({}, '');
  await t.follower.start();
  appendFileSync(t.path, 'x'.repeat(200_000) + '\nshort\n');
  await t.follower.check();
  await t.follower.stop();
  assert.deepStrictEqual(t.received.map((l) => l.length), [65536, 5]);
  assert.equal(t.follower.cutLines, 1);
});

test('follow: an exception from the consumer reaches the caller of check()', async () => {
  const t = setup({ line: () => { throw new Error('consumer broke'); } }, '');
  await t.follower.start();
  appendFileSync(t.path, 'a\n');
  await assert.rejects(t.follower.check(), /consumer broke/);
  await t.follower.stop();
});
