// Property tests of the whole program on broken input: random bytes, real lines cut, doubled, spliced and damaged,
// lines of a megabyte, NUL floods, invalid UTF-8, CR/LF mixes and lines out of time order. postsumm (cli/main, as
// the command line runs it) must exit 0 with a report that is valid JSON, whose counts add up (invariants.ts), the
// same as that of the same log gzipped, that merges with itself, and whose text and HTML renderings carry no control
// character of the log.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';
import type { Report } from '../../src/report/model.js';
import { brokenBytes, brokenLog } from './arbitraries.js';
import { decode, fuzzParameters, run, TempDir } from './harness.js';
import { checkReport, parseEvents } from './invariants.js';

const dir = new TempDir();
after(() => dir.clean());

/** The year of yearless stamps, fixed (the files' fixed mtime would give the same one): said for the reader. */
const YEAR = ['--year', '2026'];

/** What a report may never show of the log raw: C0 and C1 controls but LF, DEL, line separators, bidi controls. */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Stderr of a successful run: nothing, or one warning line (the log had no Postfix line, or none recognised). */
function checkQuiet(err: string): void {
  assert.ok(err === '' || /^postsumm: warning: [^\n]*\n$/.test(err), `stderr: ${JSON.stringify(err)}`);
}

/** The report's text and HTML renderings: no control character of the log, no markup of the log. */
function checkRendered(report: Report): void {
  for (const options of [DEFAULT_RENDER_OPTIONS, { ...DEFAULT_RENDER_OPTIONS, verbose: true, smtpdStats: true, pscrnStats: true }]) {
    const text = renderText(report, options);
    const m = UNSAFE.exec(text);
    assert.equal(m, null, `a control character in the text report: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 5))}`);
    const html = renderHtml(report, options);
    assert.doesNotMatch(html, UNSAFE, 'a control character in the HTML report');
    // the log's markup arrives as text (`&lt;img …`): the page's own markup has no script and no image
    assert.doesNotMatch(html, /<script|<img/i, 'markup of the log in the HTML report');
  }
}

/**
 * Runs the report and `events` on `bytes` and checks everything: exit 0, quiet stderr, valid JSON, the invariants,
 * the renderings; with `gzip`, also that the same bytes gzipped give the same report.
 */
async function checkLog(bytes: Uint8Array, gzip: boolean): Promise<void> {
  const file = dir.file(bytes, 'log');
  const gz = gzip ? dir.file(gzipSync(bytes), 'log.gz') : null;
  try {
    await checkFiles(bytes, file, gz);
  } finally {
    // a long run (npm run fuzz) would otherwise keep every case on disk until its end
    rmSync(file);
    if (gz !== null) rmSync(gz);
  }
}

/** checkLog's checks of `file` (holding `bytes`) and `gz` (the same, gzipped). */
async function checkFiles(bytes: Uint8Array, file: string, gz: string | null): Promise<void> {
  const r = await run(['--format', 'json', ...YEAR, file]);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // random bytes that start like gzip are read as gzip, and are not: one line naming the file, exit 1
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`^postsumm: cannot read ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: corrupt gzip data \\([^\\n]+\\) near byte \\d+\\n$`));
    return;
  }
  assert.equal(r.code, 0, r.err);
  checkQuiet(r.err);
  const report = JSON.parse(r.out) as Report;
  const ev = await run(['events', ...YEAR, file]);
  assert.equal(ev.code, 0, ev.err);
  assert.equal(ev.err, '');
  checkReport(report, parseEvents(ev.out), decode(bytes));
  checkRendered(report);
  // the report merged with itself: every count doubles, the distinct counts stay (merge reads what JSON wrote)
  const saved = dir.file(r.out, 'report.json');
  const m = await run(['merge', '--format', 'json', saved, saved]);
  rmSync(saved);
  assert.equal(m.code, 0, m.err);
  const twice = JSON.parse(m.out) as Report;
  assert.deepEqual([twice.input.lines, twice.totals.received, twice.totals.rejected, twice.totals.bounced, twice.totals.recipients], [2 * report.input.lines, 2 * report.totals.received, 2 * report.totals.rejected, 2 * report.totals.bounced, report.totals.recipients]);
  if (gz !== null) {
    const z = await run(['--format', 'json', ...YEAR, gz]);
    assert.equal(z.code, 0, z.err);
    assert.deepEqual(JSON.parse(z.out), report, 'the gzipped log gives the same report');
  }
}

test('random bytes: exit 0, a valid report whose counts add up', async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), (b) => checkLog(b, false)), fuzzParameters(60));
});

test('real lines cut, doubled, spliced, reordered and damaged: exit 0, counts add up, gzip or not', async () => {
  await fc.assert(fc.asyncProperty(brokenBytes(40), (b) => checkLog(b, true)), fuzzParameters(120));
});

test('lines of up to a megabyte of one character (NUL, markup, U+FFFD, emoji) among broken lines are cut and counted', async () => {
  const huge = fc.tuple(brokenLog(6), fc.nat(), fc.integer({ min: 60_000, max: 1_100_000 }), fc.constantFrom('x', '\0', '<', '\ufffd', 'é', '\ud83d\ude00', '\r'))
    .map(([log, n, len, ch]) => {
      const k = n % (log.length + 1);
      return new Uint8Array(Buffer.from(log.slice(0, k) + ch.repeat(Math.ceil(len / ch.length)) + log.slice(k), 'utf8'));
    });
  await fc.assert(fc.asyncProperty(huge, (b) => checkLog(b, false)), fuzzParameters(8, 1000));
});
