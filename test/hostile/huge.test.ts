// Reports too big for a function call's arguments: a month of a quarter of a million rejected clients (every
// section's rows were pushed with push(...rows), and Math.max(...rows) measured them: a stack overflow past about
// 120,000), and a log whose stamps span centuries (one damaged year), whose HTML per-day chart drew every day of the
// span: a stack overflow, then with that fixed a page of 370 MB. Found by the fuzz tests and by reading what they hit.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';
import { emptyReport } from '../../src/report/empty.js';
import { run, TempDir } from '../fuzz/harness.js';

const dir = new TempDir();
after(() => dir.clean());

test('a quarter of a million rejected clients render as text and HTML, every one of them', () => {
  const n = 250_000;
  const report = emptyReport('postsumm test');
  const name = (i: number) => `c${i}.example[10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}]`;
  const clients: Record<string, number> = {};
  for (let i = 0; i < n; i++) clients[name(i)] = 1 + (i % 7);
  report.rejects = { RCPT: { 'Recipient address rejected: Access denied': clients } };
  report.totals.rejected = Object.values(clients).reduce((a, b) => a + b, 0);
  for (const options of [DEFAULT_RENDER_OPTIONS, { ...DEFAULT_RENDER_OPTIONS, verbose: true }]) {
    const text = renderText(report, options);
    assert.ok(text.includes(name(n - 1)), 'the last client is listed');
    assert.ok(text.split('\n').length > n);
  }
  assert.ok(renderHtml(report, DEFAULT_RENDER_OPTIONS).includes(name(n - 1)));
});

test('a log whose stamps span eight thousand years renders in every format; the HTML stays the size of its lines', async () => {
  // lab line 6 (../shared/lab/out/maillog-rfc3339.log) with its year damaged to 9960, then as it was
  const line = (year: string) => `${year}-11-25T20:08:39.703801+01:00 mx postfix/submission/smtpd[3590]: connect from laptop81.home.example[127.0.0.81]`;
  const log = dir.file(`${line('2026')}\n${line('9960')}\n${line('2026')}\n`);
  for (const format of ['text', 'json', 'html']) {
    const r = await run(['--format', format, '--smtpd-stats', log]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.length < 1e6, `${format}: ${(r.out.length / 1e6).toFixed(1)} MB`);
    if (format === 'html') assert.match(r.out, /id="chart-per-day"/);
  }
});
