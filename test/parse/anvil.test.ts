// Tests for src/parse/anvil.ts: anvil's peak-usage statistics, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnvilStatistics, PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

const stat = (s: string, value: number, perSeconds: number | null, service: string | null, client: string | null, at: string): AnvilStatistics =>
  ({ kind: 'anvil-statistics', stat: s, value, perSeconds, service, client, at });

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log, out/maillog-postlogd-longids.log)
  ['anvil reads a connection rate per 60 s with service and client',
    'statistics: max connection rate 14/60s for (smtpd:127.0.0.43) at Nov 25 19:09:54',
    { queueId: null, event: stat('connection rate', 14, 60, 'smtpd', '127.0.0.43', 'Nov 25 19:09:54') }],
  ['anvil reads a connection count (no time unit)',
    'statistics: max connection count 2 for (smtpd:127.0.0.40) at Nov 25 19:08:44',
    { queueId: null, event: stat('connection count', 2, null, 'smtpd', '127.0.0.40', 'Nov 25 19:08:44') }],
  ['anvil reads the cache size (no service, no client)',
    'statistics: max cache size 34 at Nov 25 19:10:31',
    { queueId: null, event: stat('cache size', 34, null, null, null, 'Nov 25 19:10:31') }],
  ['anvil reads the service name of the submission port',
    'statistics: max connection rate 5/60s for (submission:127.0.0.84) at Nov 25 19:18:14',
    { queueId: null, event: stat('connection rate', 5, 60, 'submission', '127.0.0.84', 'Nov 25 19:18:14') }],
  // postfix-grok-patterns (BSD-3)
  ['anvil splits an IPv6 client from its service and reads a 5-minute unit',
    'statistics: max connection rate 1/5m for (smtpd:2604:8d00:0:1::3) at Oct 26 17:46:59',
    { queueId: null, event: stat('connection rate', 1, 300, 'smtpd', '2604:8d00:0:1::3', 'Oct 26 17:46:59') }],
  ['anvil keeps a host:port service name whole',
    'statistics: max connection count 1 for (127.0.0.1:2525:127.0.0.1) at Oct 26 19:46:00',
    { queueId: null, event: stat('connection count', 1, null, '127.0.0.1:2525', '127.0.0.1', 'Oct 26 19:46:00') }],
  ['anvil reads an hour unit',
    'statistics: max connection rate 1/2h for (127.0.0.1:2525:127.0.0.1) at Oct 26 18:13:50',
    { queueId: null, event: stat('connection rate', 1, 7200, '127.0.0.1:2525', '127.0.0.1', 'Oct 26 18:13:50') }],
  ['anvil reads a day unit and an unknown client',
    'statistics: max connection rate 1/7d for (smtp:unknown) at Sep 7 07:14:19',
    { queueId: null, event: stat('connection rate', 1, 604800, 'smtp', 'unknown', 'Sep 7 07:14:19') }],
  // the first lab line, damaged
  ['anvil leaves a statistics line with a bad rate unrecognized',
    'statistics: max connection rate x/60s for (smtpd:127.0.0.43) at Nov 25 19:09:54',
    { queueId: null, event: { kind: 'unrecognized', text: 'statistics: max connection rate x/60s for (smtpd:127.0.0.43) at Nov 25 19:09:54' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('anvil', message), expected);
  });
}
