// A line longer than the reader's 64 KiB cap is cut there: never between the two halves of a character outside the
// Basic Multilingual Plane (an emoji in a subject, a CJK extension name), whose lone first half is no character and
// showed as U+FFFD in every output. Found by the fuzz tests' well-formedness check.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MAX_LINE_CHARS } from '../../src/input/decode.js';
import type { Report } from '../../src/report/model.js';
import { run, TempDir } from '../fuzz/harness.js';
import { LONE_SURROGATE } from '../fuzz/invariants.js';

const dir = new TempDir();
after(() => dir.clean());

test('a line cut at 64 KiB keeps whole characters, at an even or an odd offset', async () => {
  for (const head of ['', 'x']) {
    // an smtpd line no parser knows (its sample is in the report), then emoji well past the cap
    const line = `Nov 25 20:08:39 mx postfix/smtpd[3590]: ${head}` + '\u{1F600}'.repeat(MAX_LINE_CHARS);
    const r = await run(['--format', 'json', '--year', '2026', dir.file(line + '\nNov 25 20:08:40 mx postfix/qmgr[3546]: B7D4A160390: removed\n')]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as Report;
    assert.deepEqual([report.input.lines, report.input.cut], [2, 1]);
    const sample = report.input.samples.smtpd![0]!;
    assert.doesNotMatch(sample, LONE_SURROGATE);
    assert.ok(line.startsWith(sample) && sample.length >= MAX_LINE_CHARS - 1, `${sample.length} characters kept`);
  }
});
