// Tests for cli/progress: the progress line's words, its throttling on a hand-driven clock, and the gzip size.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodedSize, Progress, progressLine } from '../../src/cli/progress.js';

test('the progress line says bytes read of the total, the speed and the time left', () => {
  assert.equal(progressLine(50e6, 200e6, 2000), 'postsumm: 50.0 of 200.0 MB read (25%), 25.0 MB/s, 6 s left');
  assert.equal(progressLine(100e6, 1000e6, 1000), 'postsumm: 100.0 of 1000.0 MB read (10%), 100.0 MB/s, 9 s left');
  assert.equal(progressLine(10e6, 1000e6, 1000), 'postsumm: 10.0 of 1000.0 MB read (1%), 10.0 MB/s, 1 min 39 s left');
  assert.equal(progressLine(30e6, null, 3000), 'postsumm: 30.0 MB read, 10.0 MB/s');
});

test('progress draws nothing in the first second, then at most every 250 ms, and erases itself when done', () => {
  let now = 0;
  const out: string[] = [];
  const p = new Progress(100e6, (s) => out.push(s), () => now);
  now = 900;
  p.update(1e6);
  assert.equal(out.length, 0, 'not in the first second');
  now = 1000;
  p.update(10e6);
  now = 1100;
  p.update(11e6);
  now = 1250;
  p.update(12e6);
  assert.equal(out.length, 2, 'drawn at 1000 ms and 1250 ms, not at 1100 ms');
  assert.ok(out.every((s) => s.startsWith('\r') && s.endsWith('\x1b[K')));
  assert.match(out[1]!, /12\.0 of 100\.0 MB read/);
  p.done();
  assert.equal(out.at(-1), '\r\x1b[K');
  const quiet: string[] = [];
  const q = new Progress(1, (s) => quiet.push(s), () => 0);
  q.update(1);
  q.done();
  assert.equal(quiet.length, 0, 'a progress never drawn erases nothing');
});

test('the total counts a gzip file by the size its trailer records, and standard input as unknown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-progress-'));
  const text = 'Nov 25 20:08:38 mx postfix/qmgr[1]: ABC: removed\n'.repeat(1000);
  writeFileSync(join(dir, 'a.log'), text);
  writeFileSync(join(dir, 'b.log.gz'), gzipSync(text));
  assert.equal(await decodedSize([join(dir, 'a.log'), join(dir, 'b.log.gz'), join(dir, 'missing.log')]), 2 * text.length);
  assert.equal(await decodedSize([]), null);
  assert.equal(await decodedSize([join(dir, 'a.log'), '-']), null);
});
