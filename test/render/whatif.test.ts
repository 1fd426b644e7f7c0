// The what-if renderers on a model made by hand: what the text shows and leaves out, JSON as the model, and HTML
// that escapes what the tables and the log wrote.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { renderWhatIfHtml } from '../../src/render/whatif-html.js';
import { renderWhatIfJson, renderWhatIfText } from '../../src/render/whatif.js';
import { WHATIF_SCHEMA_VERSION, type WhatIfReport, type WhatIfTable } from '../../src/report/whatif.js';

const ZERO = { sessions: 0, messages: 0, acceptedMessages: 0, deliveredMessages: 0 };

function model(tables: WhatIfTable[]): WhatIfReport {
  return {
    schemaVersion: WHATIF_SCHEMA_VERSION,
    generator: 'postsumm test',
    period: { from: '2026-11-25T20:08:38.000+01:00', to: '2026-11-25T20:17:42.000+01:00' },
    log: { sessions: 3, messages: 4, acceptedMessages: 2, deliveredMessages: 1 },
    tables,
    notes: ['A note about what the log cannot tell.'],
  };
}

const HELO: WhatIfTable = {
  option: 'helo',
  table: 'hash:/etc/postfix/helo_<access>',
  entries: [{
    line: 4, key: 'mx.lab.example', action: 'REJECT You are not me', effect: 'reject', clients: 1, sessions: 2, messages: 2, acceptedMessages: 1, deliveredMessages: 1,
    examples: [{ time: '2026-11-25T20:08:51.000+01:00', client: 'liar.isp2.example[127.0.0.56]', helo: 'mx.lab.example', from: 'j.smith@isp2.example', to: ['alice@lab.example'], queueId: 'A40A1160394', outcome: 'delivered', lookup: 'mx.lab.example', result: 'REJECT You are not me' }],
  }],
  dead: [2, 3],
  refused: { sessions: 2, messages: 2, acceptedMessages: 1, deliveredMessages: 1 },
  unknown: { sessions: 1, messages: 2, acceptedMessages: 1, deliveredMessages: 0 },
  warnings: ['line 7: duplicate entry "lab.example": the first, on line 5, is used'],
};

test('what-if text: the log, each table\'s refusals, unknowns, entries, dead lines, warnings and examples', () => {
  const out = renderWhatIfText(model([HELO]));
  assert.equal(out, [
    'What-if: 2026-11-25 20:08:38 +01:00 to 2026-11-25 20:17:42 +01:00',
    'smtpd sessions 3, messages 4 (2 accepted, 1 delivered)',
    '',
    'check_helo_access hash:/etc/postfix/helo_<access>',
    '-------------------------------------------------',
    'would refuse: 2 sessions, 2 messages (1 accepted, 1 delivered)',
    'HELO not in the log: 1 session, 2 messages (1 accepted, 0 delivered)',
    '',
    ' line   clients   sessions   messages   delivered   entry',
    ' ----   -------   --------   --------   ---------   ----------------------------',
    '    4         1          2          2           1   mx.lab.example REJECT You a…',
    'dead entries (nothing in the log reaches them), lines 2, 3',
    'warning: line 7: duplicate entry "lab.example": the first, on line 5, is used',
    '',
    'line 4: mx.lab.example REJECT You are not me',
    '  reject: 1 client, 2 sessions, 2 messages (1 accepted, 1 delivered)',
    '  delivered 2026-11-25 20:08:51 liar.isp2.example[127.0.0.56]',
    '            helo=<mx.lab.example> from=<j.smith@isp2.example>',
    '            to=<alice@lab.example> A40A1160394 found as mx.lab.example',
    '',
    'What the log cannot tell',
    '------------------------',
    '- A note about what the log cannot tell.',
    '',
  ].join('\n'));
});

test('what-if text: a table nothing reached says so, and shows no unknown line when all could be tried', () => {
  const out = renderWhatIfText(model([{ ...HELO, option: 'client', entries: [], refused: ZERO, unknown: ZERO, warnings: [] }]));
  assert.match(out, /^would refuse: 0 sessions, 0 messages \(0 accepted, 0 delivered\)\nno entry reached by anything in the log\n/m);
  assert.doesNotMatch(out, /not in the log/);
});

test('what-if json: the model itself', () => {
  const m = model([HELO]);
  assert.deepEqual(JSON.parse(renderWhatIfJson(m)), m);
});

test('what-if html: every table name, key, result and log string is escaped', () => {
  const evil: WhatIfTable = {
    ...HELO,
    entries: [{ ...HELO.entries[0]!, key: '/<img src=x>/', action: 'REJECT <b>', examples: [{ ...HELO.entries[0]!.examples[0]!, helo: '<script>alert(1)</script>', from: '"<i>"@x' }] }],
  };
  const out = renderWhatIfHtml(model([evil]));
  assert.doesNotMatch(out, /<img|<b>|<script>|<i>|helo_<access>/);
  assert.match(out, /data-table="hash:\/etc\/postfix\/helo_&lt;access&gt;"/);
  assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(out, /HELO not in the log: 1 session, 2 messages/);
});

test('what-if html: the page passes html-validate (recommended rules, bar inline styles, which mail HTML needs)', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off' } });
  const report = await validator.validateString(renderWhatIfHtml(model([HELO, { ...HELO, option: 'client', entries: [], warnings: [] }])));
  assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)), []);
});
