// Tests for src/parse/master.ts: start, reload and stop of the mail system and master's warnings, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['master reads its start with the version',
    'daemon started -- version 3.7.11, configuration /etc/postfix',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'start', version: '3.7.11', text: 'daemon started -- version 3.7.11, configuration /etc/postfix' } }],
  ['master reads a reload with the version',
    'reload -- version 3.7.11, configuration /etc/postfix',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'reload', version: '3.7.11', text: 'reload -- version 3.7.11, configuration /etc/postfix' } }],
  ['master reads its stop on a signal',
    'terminating on signal 15',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'stop', version: null, text: 'terminating on signal 15' } }],
  // postfix-grok-patterns (BSD-3)
  ['master reads an older version number',
    'daemon started -- version 2.11.0, configuration /etc/postfix',
    { queueId: null, event: { kind: 'master-lifecycle', action: 'start', version: '2.11.0', text: 'daemon started -- version 2.11.0, configuration /etc/postfix' } }],
  ['master reads a daemon killed by a signal as process-exit',
    'warning: process /usr/local/libexec/postfix/smtpd pid 46234 killed by signal 11',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'process-exit', client: null,
      text: 'process /usr/local/libexec/postfix/smtpd pid 46234 killed by signal 11' } }],
  // moj-postfix-stats-collector (MIT)
  ['master reads a daemon exit status as process-exit',
    'warning: process /usr/lib/postfix/showq pid 8852 exit status 1',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'process-exit', client: null,
      text: 'process /usr/lib/postfix/showq pid 8852 exit status 1' } }],
  ['master reads a throttled service as throttling',
    'warning: /usr/lib/postfix/showq: bad command startup -- throttling',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'throttling', client: null,
      text: '/usr/lib/postfix/showq: bad command startup -- throttling' } }],
  // No real line in any licensed source: the lab's smtp service in the shape master_avail.c prints.
  ['master reads a service at its process limit as limit',
    'warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'limit', client: null,
      text: 'service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays' } }],
  ['master reads the process-limit advice as limit',
    'warning: to avoid this condition, increase the process count in master.cf or reduce the service time per client',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'limit', client: null,
      text: 'to avoid this condition, increase the process count in master.cf or reduce the service time per client' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('master', message), expected);
  });
}
