// Tests for src/parse/postfix-script.ts: what `postfix start|stop|reload|check` logs, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['postfix-script reads starting',
    'starting the Postfix mail system',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'starting', version: null, text: 'starting the Postfix mail system' } }],
  ['postfix-script reads stopping',
    'stopping the Postfix mail system',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'stopping', version: null, text: 'stopping the Postfix mail system' } }],
  ['postfix-script reads refreshing',
    'refreshing the Postfix mail system',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'refreshing', version: null, text: 'refreshing the Postfix mail system' } }],
  ['postfix-script reads a stale chroot file as a config warning',
    'warning: /var/spool/postfix/etc/hosts and /etc/hosts differ',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'config', client: null, text: '/var/spool/postfix/etc/hosts and /etc/hosts differ' } }],
  ['postfix-script reads another stale chroot file',
    'warning: /var/spool/postfix/etc/resolv.conf and /etc/resolv.conf differ',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'config', client: null, text: '/var/spool/postfix/etc/resolv.conf and /etc/resolv.conf differ' } }],
  // lab (out/maillog-postlogd-longids.log): the second line of `postfix stop`
  ['postfix-script reads the wait for termination',
    'waiting for the Postfix mail system to terminate',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'waiting', version: null, text: 'waiting for the Postfix mail system to terminate' } }],
  // conf/postfix-script `postfix status` (no licensed real line; the text is the script's own)
  ['postfix-script reads a status answer',
    'the Postfix mail system is running: PID: 1721',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'status', version: null, text: 'the Postfix mail system is running: PID: 1721' } }],
  // moj-postfix-stats-collector (MIT)
  ['postfix-script reads a refused start as a fatal diagnostic',
    'fatal: the Postfix mail system is already running',
    { queueId: null, event: { kind: 'diagnostic', level: 'fatal', category: 'other', client: null, text: 'the Postfix mail system is already running' } }],
  // postfix-grok-patterns (BSD-3)
  ['postfix-script reads a postfix check finding as config',
    'warning: symlink leaves directory: /etc/postfix/./makedefs.out',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'config', client: null, text: 'symlink leaves directory: /etc/postfix/./makedefs.out' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('postfix-script', message), expected);
  });
}
