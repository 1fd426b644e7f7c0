// Tests for the JSON renderer: the model itself, whole and pretty-printed, whatever the display options.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJson } from '../../src/render/json.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { emptyReport } from '../../src/report/empty.js';
import { fixture } from './fixtures.js';

test('the JSON report parses back to the very model it was given, with a final newline', () => {
  for (const name of ['full', 'multiday', 'empty']) {
    const r = fixture(name);
    const text = renderJson(r, DEFAULT_RENDER_OPTIONS);
    assert.ok(text.endsWith('}\n'));
    assert.deepStrictEqual(JSON.parse(text), r, name);
  }
});

test('the JSON report is two-space indented and keeps every row whatever -h, -u, --detail or -q say', () => {
  const r = fixture('full');
  const plain = renderJson(r, DEFAULT_RENDER_OPTIONS);
  assert.match(plain, /^{\n  "schemaVersion": 1,\n  "generator": /);
  const cut = renderJson(r, { ...DEFAULT_RENDER_OPTIONS, hostCount: 1, userCount: 1, rejectDetail: 0, quiet: true });
  assert.equal(cut, plain);
});

test('log strings\' C1 controls and bidi overrides are written as \\u escapes: the same JSON value, nothing raw for a terminal', () => {
  const report = emptyReport('t');
  report.hosts = ['mx\u009b2J\u202eevil'];
  const json = renderJson(report, DEFAULT_RENDER_OPTIONS);
  assert.ok(!/[\u0080-\u009f\u202e]/.test(json));
  assert.ok(json.includes('mx\\u009b2J\\u202eevil'));
  assert.deepStrictEqual(JSON.parse(json).hosts, report.hosts);
});
