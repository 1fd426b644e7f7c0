// Tests for src/parse/scache.ts: the connection cache's statistics lines, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['scache reads the start of the interval as text',
    'statistics: start interval Nov 25 19:08:59',
    { queueId: null, event: { kind: 'scache-statistics', stat: 'start interval', values: {}, text: 'Nov 25 19:08:59' } }],
  ['scache reads domain lookups with the success percentage as a number',
    'statistics: domain lookup hits=113 miss=6 success=94%',
    { queueId: null, event: { kind: 'scache-statistics', stat: 'domain lookup', values: { hits: 113, miss: 6, success: 94 }, text: 'hits=113 miss=6 success=94%' } }],
  ['scache reads address lookups',
    'statistics: address lookup hits=0 miss=6 success=0%',
    { queueId: null, event: { kind: 'scache-statistics', stat: 'address lookup', values: { hits: 0, miss: 6, success: 0 }, text: 'hits=0 miss=6 success=0%' } }],
  ['scache reads the simultaneous maxima',
    'statistics: max simultaneous domains=1 addresses=1 connection=6',
    { queueId: null, event: { kind: 'scache-statistics', stat: 'max simultaneous', values: { domains: 1, addresses: 1, connection: 6 }, text: 'domains=1 addresses=1 connection=6' } }],
  // postfix-grok-patterns (BSD-3)
  ['scache keeps a space-padded day in the interval text',
    'statistics: start interval Dec  6 21:20:35',
    { queueId: null, event: { kind: 'scache-statistics', stat: 'start interval', values: {}, text: 'Dec  6 21:20:35' } }],
  // the lab line above, damaged
  ['scache leaves a statistics line with a non-number unrecognized',
    'statistics: domain lookup hits=x miss=6 success=94%',
    { queueId: null, event: { kind: 'unrecognized', text: 'statistics: domain lookup hits=x miss=6 success=94%' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('scache', message), expected);
  });
}
