// Tests for src/parse/dnsblog.ts: the blocklist answers dnsblog looks up for postscreen, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['dnsblog reads a listing with its address, zone and answer',
    'addr 127.0.0.50 listed by domain bl.lab.test as 127.0.0.2',
    { queueId: null, event: { kind: 'dnsblog-listed', ip: '127.0.0.50', domain: 'bl.lab.test', answer: '127.0.0.2' } }],
  // postfix-grok-patterns (BSD-3)
  ['dnsblog reads an IPv6 address on an allowlist zone',
    'addr 2607:f8b0:4003:c01::23a listed by domain list.dnswl.org as 127.0.5.1',
    { queueId: null, event: { kind: 'dnsblog-listed', ip: '2607:f8b0:4003:c01::23a', domain: 'list.dnswl.org', answer: '127.0.5.1' } }],
  ['dnsblog hands a lookup error to the generic parser as a dnsbl diagnostic',
    'warning: dnsblog_query: lookup error for DNS query 198.204.82.110.list.dnswl.org: Host or domain name not found. Name service error for name=198.204.82.110.list.dnswl.org type=A: Host not found, try again',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'dnsbl', client: null,
      text: 'dnsblog_query: lookup error for DNS query 198.204.82.110.list.dnswl.org: Host or domain name not found. Name service error for name=198.204.82.110.list.dnswl.org type=A: Host not found, try again' } }],
  // the lab line above, cut short
  ['dnsblog leaves a listing without its answer unrecognized',
    'addr 127.0.0.50 listed by domain bl.lab.test',
    { queueId: null, event: { kind: 'unrecognized', text: 'addr 127.0.0.50 listed by domain bl.lab.test' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('dnsblog', message), expected);
  });
}
