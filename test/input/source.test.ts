// Tests for src/input: files and stdin to lines — gzip by magic, rotated sets, UTF-8, the line cap, bad inputs.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { LineLimiter, MAX_LINE_CHARS } from '../../src/input/decode.js';
import { orderRotated } from '../../src/input/rotation.js';
import { readInputs, type InputResult } from '../../src/input/source.js';

const dir = mkdtempSync(join(tmpdir(), 'postsumm-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Reads inputs and returns the lines seen per input name, with the result. */
async function read(paths: string[], stdin?: Readable): Promise<{ lines: string[]; files: string[]; result: InputResult }> {
  const lines: string[] = [];
  const files: string[] = [];
  const result = await readInputs(paths, { begin: (f) => files.push(f.name), line: (l) => lines.push(l) }, stdin ? { stdin } : {});
  return { lines, files, result };
}

test('input: a plain file gives its lines, CRLF or LF, with or without a final newline', async () => {
  const p = file('plain.log', 'one\r\ntwo\nthree');
  const { lines, result } = await read([p]);
  assert.deepStrictEqual(lines, ['one', 'two', 'three']);
  assert.deepStrictEqual(result, { files: 1, errors: [], cutLines: 0 });
});

test('input: gzip is detected by its magic bytes, not by the name', async () => {
  const gz = file('compressed.log', gzipSync('a\nb\n'));
  const notGz = file('plain-named.gz', 'c\nd\n');
  const { lines } = await read([gz, notGz]);
  assert.deepStrictEqual(lines, ['a', 'b', 'c', 'd']);
});

test('input: concatenated gzip members read as one stream', async () => {
  const p = file('multi.gz', Buffer.concat([gzipSync('a\nb'), gzipSync('c\n')]));
  assert.deepStrictEqual((await read([p])).lines, ['a', 'bc']);
});

test('input: a rotated set is read oldest first in whatever order it was given', async () => {
  const paths = ['mail.log', 'mail.log.1', 'mail.log.2.gz', 'mail.log.3.gz'].map((n, i) =>
    file(n, n.endsWith('.gz') ? gzipSync(`line of ${n}\n`) : `line of ${n}\n`)).reverse();
  const shuffled = [paths[3]!, paths[0]!, paths[2]!, paths[1]!];
  const { lines } = await read(shuffled);
  assert.deepStrictEqual(lines, ['line of mail.log.3.gz', 'line of mail.log.2.gz', 'line of mail.log.1', 'line of mail.log']);
});

test('input: rotation order keeps separate sets apart and in command-line order', () => {
  assert.deepStrictEqual(
    orderRotated(['/v/mail.log', '/v/other.log', '/v/mail.log.10.gz', '/v/mail.log.2.gz', '/v/mail.log-20261124.gz', '/v/mail.log-20261120', '-']),
    ['/v/mail.log.10.gz', '/v/mail.log.2.gz', '/v/mail.log-20261120', '/v/mail.log-20261124.gz', '/v/mail.log', '/v/other.log', '-'],
  );
});

test('input: invalid UTF-8 becomes U+FFFD and never stops the read', async () => {
  const p = file('latin1.log', Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\nnext\n')]));
  assert.deepStrictEqual((await read([p])).lines, ['caf\ufffd\ufffd', 'next']);
});

test('input: a character split across chunks is joined, not replaced', async () => {
  const limiter = new LineLimiter();
  const bytes = Buffer.from('größe\n');
  const out: string[] = [];
  limiter.on('data', (s: string) => out.push(s));
  limiter.write(bytes.subarray(0, 3)); // 'g', 'r' and the first byte of 'ö'
  limiter.write(bytes.subarray(3));
  limiter.end();
  await new Promise((r) => limiter.on('end', r));
  assert.equal(out.join(''), 'größe\n');
});

test('input: a line longer than 64 KiB is cut there and counted; the lines around it are whole', async () => {
  const long = 'x'.repeat(MAX_LINE_CHARS * 3 + 17);
  const p = file('long.log', `before\n${long}\nafter\n`);
  const { lines, result } = await read([p]);
  assert.deepStrictEqual(lines, ['before', 'x'.repeat(MAX_LINE_CHARS), 'after']);
  assert.equal(result.cutLines, 1);
});

test('input: a long line arriving in many small chunks is cut once', async () => {
  const limiter = new LineLimiter(10);
  const out: string[] = [];
  limiter.on('data', (s: string) => out.push(s));
  for (const piece of ['abc', 'defgh', 'ijklmn', 'op\nq', 'r\n']) limiter.write(Buffer.from(piece));
  limiter.end();
  await new Promise((r) => limiter.on('end', r));
  assert.equal(out.join(''), 'abcdefghij\nqr\n');
  assert.equal(limiter.cutLines, 1);
});

test('input: standard input is read for - and for no path, gzip included', async () => {
  assert.deepStrictEqual((await read(['-'], Readable.from([Buffer.from('s1\ns2\n')]))).lines, ['s1', 's2']);
  const { lines, files } = await read([], Readable.from([gzipSync('z1\n')]));
  assert.deepStrictEqual([lines, files], [['z1'], ['-']]);
});

test('input: missing, directory and unreadable inputs are reported by name; the others are still read', async () => {
  const good = file('good.log', 'ok\n');
  const locked = file('locked.log', 'secret\n');
  chmodSync(locked, 0o000);
  const missing = join(dir, 'missing.log');
  const { lines, result } = await read([missing, dir, good]);
  assert.deepStrictEqual(lines, ['ok']);
  assert.deepStrictEqual(result.errors, [
    { file: missing, message: 'no such file' },
    { file: dir, message: 'is a directory, not a log file' },
  ]);
  // root reads a mode-000 file anyway; where the process is not root, the error names it
  if (process.getuid?.() !== 0) {
    const r = await read([locked]);
    assert.deepStrictEqual(r.result.errors, [{ file: locked, message: 'permission denied' }]);
  }
});

test('input: a truncated gzip is an error naming the byte offset, after the lines before the damage', async () => {
  const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => `line ${i} ${'y'.repeat(40)}`).join('\n') + '\n');
  const cut = file('truncated.gz', whole.subarray(0, Math.floor(whole.length / 2)));
  const after = file('after.log', 'still read\n');
  const { lines, result } = await read([cut, after]);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]!.file, cut);
  assert.match(result.errors[0]!.message, /^corrupt gzip data \(unexpected end of file\) near byte \d+$/);
  assert.ok(lines.length > 1 && lines[0] === `line 0 ${'y'.repeat(40)}`);
  assert.equal(lines.at(-1), 'still read');
});

test('input: gzip with corrupt bytes in the middle is an error, not a silent short read', async () => {
  const whole = Buffer.from(gzipSync(Array.from({ length: 3000 }, (_, i) => `${(i * 7919) % 10007} ${i}`).join('\n')));
  whole.fill(0x55, 20, 60);
  const p = file('corrupt.gz', whole);
  const { result } = await read([p]);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0]!.message, /^corrupt gzip data \(.+\) near byte \d+$/);
});

