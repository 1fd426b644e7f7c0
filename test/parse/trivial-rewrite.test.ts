// Tests for src/parse/trivial-rewrite.ts: its address-resolution warnings, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // postfix-grok-patterns (BSD-3)
  ['trivial-rewrite reads a table lookup failure as database',
    'warning: virtual_alias_domains lookup failure',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'database', client: null, text: 'virtual_alias_domains lookup failure' } }],
  ['trivial-rewrite reads an LDAP error as database',
    'warning: dict_ldap_lookup: Search error -1: Can\'t contact LDAP server ',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'database', client: null, text: 'dict_ldap_lookup: Search error -1: Can\'t contact LDAP server ' } }],
  // No real line in any licensed source: the lab's domain in the shape resolve.c prints.
  ['trivial-rewrite reads a domain listed twice as config',
    'warning: do not list domain lab.example in BOTH mydestination and virtual_mailbox_domains',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'config', client: null,
      text: 'do not list domain lab.example in BOTH mydestination and virtual_mailbox_domains' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('trivial-rewrite', message), expected);
  });
}
