// Tests for src/parse/sendmail.ts: the trouble sendmail, postdrop and postqueue log, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the daemon, the message, the whole result]
const CASES: [string, string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['sendmail reads an oversized message as a fatal limit diagnostic', 'sendmail',
    'fatal: bob(1002): message file too big',
    { queueId: null, event: { kind: 'diagnostic', level: 'fatal', category: 'limit', client: null, text: 'bob(1002): message file too big' } }],
  ['sendmail reads a message without recipients as a fatal diagnostic', 'sendmail',
    'fatal: carol(1003): No recipient addresses found in message header',
    { queueId: null, event: { kind: 'diagnostic', level: 'fatal', category: 'other', client: null, text: 'carol(1003): No recipient addresses found in message header' } }],
  ['sendmail reads a close error as a warning', 'sendmail',
    'warning: mail_stream_cleanup: close error',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'other', client: null, text: 'mail_stream_cleanup: close error' } }],
  ['postdrop reads an oversized message as a limit warning', 'postdrop',
    'warning: uid=1002: File too large',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'limit', client: null, text: 'uid=1002: File too large' } }],
  // postfix-grok-patterns (BSD-3)
  ['sendmail reads root\'s oversized message', 'sendmail',
    'fatal: root(0): message file too big',
    { queueId: null, event: { kind: 'diagnostic', level: 'fatal', category: 'limit', client: null, text: 'root(0): message file too big' } }],
];

for (const [name, daemon, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage(daemon, message), expected);
  });
}
