// The report of the benchmark's generated log, as a golden: optimisations of parse, correlate and aggregate must
// leave it unchanged (issue 4). The text golden (top 10 everywhere) is read in diffs; the whole JSON model is
// pinned by its SHA-256, which changes with any figure of any section.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport } from '../../src/cli/pipeline.js';
import { renderJson } from '../../src/render/json.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';
import { generateLog } from '../bench/generate.js';
import { golden } from '../golden.js';

test('the report of a generated 40,000-line log is its golden, text and JSON', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'postsumm-gen-')), 'mail.log');
  generateLog(file, { lines: 40_000, seed: 11, format: 'rfc3339' });
  const { report, input } = await runReport([file], { generator: 'postsumm' });
  assert.deepStrictEqual(input.errors, []);
  assert.equal(report.input.lines, 40_000);
  const rows = 10;
  const text = renderText(report, {
    ...DEFAULT_RENDER_OPTIONS, hostCount: rows, userCount: rows, bounceDetail: rows, deferralDetail: rows, rejectDetail: rows,
    smtpDetail: rows, warningDetail: rows, smtpdStats: true, pscrnStats: true,
  });
  golden('generated-40k.txt', text);
  golden('generated-40k.json.sha256', createHash('sha256').update(renderJson(report, DEFAULT_RENDER_OPTIONS)).digest('hex') + '\n');
});
