// Tests for src/parse/verify.ts: the address-verification cache's cleanup summaries, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // postfix-grok-patterns (BSD-3)
  ['verify reads a full cleanup of an lmdb cache',
    'cache lmdb:/var/lib/postfix/verify_cache full cleanup: retained=724 dropped=6 entries',
    { queueId: null, event: { kind: 'cache-cleanup', cache: 'lmdb:/var/lib/postfix/verify_cache', retained: 724, dropped: 6 } }],
  ['verify reads a partial cleanup and keeps an unprintable cache name as logged',
    'cache ??????????????????????????????????? partial cleanup: retained=1 dropped=0 entries',
    { queueId: null, event: { kind: 'cache-cleanup', cache: '???????????????????????????????????', retained: 1, dropped: 0 } }],
  // the first line above, cut short
  ['verify leaves a cleanup without its counts unrecognized',
    'cache lmdb:/var/lib/postfix/verify_cache full cleanup: retained=724',
    { queueId: null, event: { kind: 'unrecognized', text: 'cache lmdb:/var/lib/postfix/verify_cache full cleanup: retained=724' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('verify', message), expected);
  });
}
