// Tests for src/input/follow-lines.ts: the follower's line splitting gives exactly the batch reader's lines and cut
// count for the same bytes, however the bytes are split into reads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import { ReadlineTransform } from 'readline-transform';
import { LineLimiter, MAX_LINE_CHARS } from '../../src/input/decode.js';
import { LineSplitter } from '../../src/input/follow-lines.js';
import { readInputs } from '../../src/input/source.js';

/** The batch reader's decoding and splitting (source.ts's pipeline, without gunzip) fed `chunks`. */
async function batch(chunks: Buffer[], maxChars: number): Promise<{ lines: string[]; cut: number }> {
  const limiter = new LineLimiter(maxChars);
  const lines: string[] = [];
  const split = new ReadlineTransform({ ignoreEndOfBreak: true });
  split.on('data', (l: string) => lines.push(l));
  await pipeline(Readable.from(chunks), limiter, split);
  return { lines, cut: limiter.cutLines };
}

/** The splitter fed `chunks`, then ended (as stop() does). */
function follow(chunks: Buffer[], maxChars: number): { lines: string[]; cut: number } {
  const s = new LineSplitter(maxChars);
  const lines = chunks.flatMap((c) => s.push(c));
  lines.push(...s.end());
  return { lines, cut: s.cutLines };
}

/** `bytes` cut at the given positions. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const edges = [...new Set(at.map((i) => i % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const e of [...edges, bytes.length]) {
    if (e > prev) out.push(bytes.subarray(prev, e));
    prev = Math.max(prev, e);
  }
  return out;
}

// pieces that meet the edge cases: CR before LF or alone, multibyte characters (split by a cut), invalid bytes
const piece = fc.constantFrom(
  Buffer.from('a'), Buffer.from('xyz'), Buffer.from('\n'), Buffer.from('\r'), Buffer.from('\r\n'),
  Buffer.from('é'), Buffer.from('😀'), Buffer.from([0xff]), Buffer.from([0xe9]), Buffer.from([0xf0, 0x9f]),
);

test('follow-lines: any bytes in any reads give the batch reader\'s lines and cut count', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261125);
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(400)), fc.integer({ min: 1, max: 6 }),
      async (pieces, at, maxChars) => {
        const bytes = Buffer.concat(pieces);
        const whole = await batch([bytes], maxChars);
        assert.deepStrictEqual(follow(cut(bytes, at), maxChars), whole);
        assert.deepStrictEqual(await batch(cut(bytes, at), maxChars), whole);
      }),
    { seed, numRuns: 500 },
  );
});

test('follow-lines: rows of the edge cases, as the batch reader reads a file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-follow-lines-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rows: [string, string | Buffer, string[], number][] = [
    ['LF and CRLF', 'one\r\ntwo\nthree\n', ['one', 'two', 'three'], 0],
    ['an unfinished last line is a line', 'one\ntwo', ['one', 'two'], 0],
    ['empty lines are kept, the final newline makes none', '\n\na\n\n', ['', '', 'a', ''], 0],
    ['one CR is dropped before LF, a lone CR is kept', 'a\r\r\nb\rc\nd\r', ['a\r', 'b\rc', 'd\r'], 0],
    ['a line of exactly the cap is whole', 'x'.repeat(MAX_LINE_CHARS) + '\nz\n', ['x'.repeat(MAX_LINE_CHARS), 'z'], 0],
    ['the cap counts the CR of CRLF, as the batch reader does',
      'x'.repeat(MAX_LINE_CHARS) + '\r\nz\n', ['x'.repeat(MAX_LINE_CHARS), 'z'], 1],
    ['a long line is cut once', 'y'.repeat(MAX_LINE_CHARS * 2 + 3) + '\nz', ['y'.repeat(MAX_LINE_CHARS), 'z'], 1],
    ['invalid UTF-8 becomes U+FFFD', Buffer.from([0x63, 0xe9, 0xff, 0x0a]), ['c\ufffd\ufffd'], 0],
  ];
  for (const [name, content, lines, cutLines] of rows) {
    const path = join(dir, 'row.log');
    writeFileSync(path, content);
    const got: string[] = [];
    const result = await readInputs([path], { begin: () => {}, line: (l) => got.push(l) });
    assert.deepStrictEqual({ lines: got, cut: result.cutLines }, { lines, cut: cutLines }, `batch: ${name}`);
    const bytes = Buffer.from(content);
    // byte by byte: every split a read could make
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    assert.deepStrictEqual(follow(chunks, MAX_LINE_CHARS), { lines, cut: cutLines }, `follow: ${name}`);
  }
});

test('follow-lines: a line is held until its newline, and the splitter starts afresh after end()', () => {
  const s = new LineSplitter();
  const bytes = Buffer.from('größe');
  assert.deepStrictEqual(s.push(bytes.subarray(0, 3)), []); // 'g', 'r' and half of 'ö'
  assert.deepStrictEqual(s.push(bytes.subarray(3)), []);
  assert.deepStrictEqual(s.push(Buffer.from(' ok\r')), []);
  assert.deepStrictEqual(s.push(Buffer.from('\nnext')), ['größe ok']);
  assert.deepStrictEqual(s.end(), ['next']);
  assert.deepStrictEqual(s.push(Buffer.from([0xc3])), []);
  assert.deepStrictEqual(s.end(), ['\ufffd']); // a character the file ended in the middle of
  assert.deepStrictEqual(s.push(Buffer.from('fresh\n')), ['fresh']);
});
