// Tests for src/parse/postsuper.ts: the administrator's queue operations and their totals, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['postsuper reads a message put on hold',
    'ED4291603C0: placed on hold',
    { queueId: 'ED4291603C0', event: { kind: 'postsuper-action', action: 'held' } }],
  ['postsuper reads a message released from hold',
    'ED4291603C0: released from hold',
    { queueId: 'ED4291603C0', event: { kind: 'postsuper-action', action: 'released' } }],
  ['postsuper reads a removed message',
    '34E93160095: removed',
    { queueId: '34E93160095', event: { kind: 'postsuper-action', action: 'removed' } }],
  // src/postsuper/postsuper.c (Postfix 3.5+ `postsuper -e`; no licensed real line)
  ['postsuper reads a force-expired message',
    '37114160071: expired',
    { queueId: '37114160071', event: { kind: 'postsuper-action', action: 'expired' } }],
  ['postsuper reads the force-expired total',
    'Force-expired: 2 messages',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'expired', count: 2 } }],
  ['postsuper reads a requeued message',
    '37114160071: requeued',
    { queueId: '37114160071', event: { kind: 'postsuper-action', action: 'requeued' } }],
  ['postsuper reads a singular total',
    'Deleted: 1 message',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'removed', count: 1 } }],
  ['postsuper reads a plural hold total',
    'Placed on hold: 2 messages',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'held', count: 2 } }],
  ['postsuper reads a release total',
    'Released from hold: 1 message',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'released', count: 1 } }],
  // lab (out/maillog-postlogd-longids.log)
  ['postsuper reads a long queue ID',
    '4jZTwT2687zBrL1: removed',
    { queueId: '4jZTwT2687zBrL1', event: { kind: 'postsuper-action', action: 'removed' } }],
  // postfix-grok-patterns (BSD-3)
  ['postsuper reads a large delete total',
    'Deleted: 115 messages',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'removed', count: 115 } }],
  ['postsuper reads a requeue total',
    'Requeued: 1 message',
    { queueId: null, event: { kind: 'postsuper-summary', action: 'requeued', count: 1 } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('postsuper', message), expected);
  });
}

// lab (out/maillog-postlogd-longids.log): a long queue ID whose time part holds a `z` (base 52), which common.ts's
// LONG_QID does not allow yet (src/global/mail_queue.h: only the inode part after the last `z` is free of `z`).
test('postsuper reads a long queue ID with a z in its time part', () => {
  assert.deepStrictEqual(parseMessage('postsuper', '4jZTwY6nzPzBrMk: requeued'),
    { queueId: '4jZTwY6nzPzBrMk', event: { kind: 'postsuper-action', action: 'requeued' } });
});
