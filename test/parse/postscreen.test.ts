// Tests for src/parse/postscreen.ts: every line postscreen logs at default verbosity, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope, Peer, PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { assertLinear } from '../linear.js';

/** postscreen writes clients as `[ip]:port`: the name is always ''. */
const at = (ip: string, port: number): Peer => ({ name: '', ip, port });
const env = (from: string | null, to: string | null, proto: string | null, helo: string | null): Envelope => ({ from, to, proto, helo });
const NO_ENV = env(null, null, null, null);

// [what it shows, the message, the whole result]
const CASES: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // lab (out/maillog-traditional.log)
  ['postscreen reads a CONNECT with client and server',
    'CONNECT from [127.0.0.69]:44089 to [127.0.0.1]:25',
    { queueId: null, event: { kind: 'postscreen-connect', client: at('127.0.0.69', 44089), server: at('127.0.0.1', 25) } }],
  ['postscreen reads PASS NEW',
    'PASS NEW [127.0.0.69]:44089',
    { queueId: null, event: { kind: 'postscreen-pass', client: at('127.0.0.69', 44089), status: 'NEW' } }],
  ['postscreen reads PASS OLD',
    'PASS OLD [127.0.0.69]:56045',
    { queueId: null, event: { kind: 'postscreen-pass', client: at('127.0.0.69', 56045), status: 'OLD' } }],
  ['postscreen reads ALLOWLISTED',
    'ALLOWLISTED [127.0.0.3]:41347',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'ALLOWLISTED', client: at('127.0.0.3', 41347) } }],
  ['postscreen reads DENYLISTED',
    'DENYLISTED [127.0.0.61]:47647',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'DENYLISTED', client: at('127.0.0.61', 47647) } }],
  ['postscreen reads DISCONNECT',
    'DISCONNECT [127.0.0.50]:37711',
    { queueId: null, event: { kind: 'postscreen-disconnect', client: at('127.0.0.50', 37711) } }],
  ['postscreen reads a DNSBL rank',
    'DNSBL rank 2 for [127.0.0.50]:37711',
    { queueId: null, event: { kind: 'postscreen-dnsbl', client: at('127.0.0.50', 37711), rank: 2 } }],
  ['postscreen reads a PREGREET with its byte count, delay and escaped data',
    'PREGREET 25 after 0 from [127.0.0.52]:52421: EHLO bot.botnet.example\\r\\n',
    { queueId: null, event: { kind: 'postscreen-pregreet', client: at('127.0.0.52', 52421), bytes: 25, after: 0, data: 'EHLO bot.botnet.example\\r\\n' } }],
  ['postscreen reads a DNSBL reject with its comma-separated envelope',
    'NOQUEUE: reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'RCPT', client: at('127.0.0.50', 37711),
      reply: { code: 550, enhanced: '5.7.1', text: 'Service unavailable; client [127.0.0.50] blocked using bl.lab.test' },
      envelope: env('deals@spammer.example', 'alice@lab.example', 'ESMTP', 'mail.spammer.example') } }],
  ['postscreen reads a protocol-error reject (after a failed PREGREET test)',
    'NOQUEUE: reject: RCPT from [127.0.0.52]:52421: 550 5.5.1 Protocol error; from=<bot@botnet.example>, to=<alice@lab.example>, proto=ESMTP, helo=<bot.botnet.example>',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'RCPT', client: at('127.0.0.52', 52421),
      reply: { code: 550, enhanced: '5.5.1', text: 'Protocol error' },
      envelope: env('bot@botnet.example', 'alice@lab.example', 'ESMTP', 'bot.botnet.example') } }],
  ['postscreen reads its cache cleanup summary',
    'cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=0 dropped=0 entries',
    { queueId: null, event: { kind: 'cache-cleanup', cache: 'btree:/var/lib/postfix/postscreen_cache', retained: 0, dropped: 0 } }],

  // modoboa (ISC)
  ['postscreen reads WHITELISTED (before Postfix 3.6)',
    'WHITELISTED [127.0.0.1]:53903',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'WHITELISTED', client: at('127.0.0.1', 53903) } }],
  ['postscreen reads a soft reject with an IP-literal HELO',
    'NOQUEUE: reject: RCPT from [197.155.150.177]:16256: 450 4.3.2 Service currently unavailable; from=<sion@sicli.ch>, to=<andrzej.patejuk@test2.com>, proto=ESMTP, helo=<[197.155.150.177]>',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'RCPT', client: at('197.155.150.177', 16256),
      reply: { code: 450, enhanced: '4.3.2', text: 'Service currently unavailable' },
      envelope: env('sion@sicli.ch', 'andrzej.patejuk@test2.com', 'ESMTP', '[197.155.150.177]') } }],
  ['postscreen reads a HANGUP with a fractional delay',
    'HANGUP after 1.4 from [14.173.93.73]:55595 in tests after SMTP handshake',
    { queueId: null, event: { kind: 'postscreen-hangup', client: at('14.173.93.73', 55595), after: 1.4, stage: 'tests after SMTP handshake' } }],

  // crowdsec-hub (MIT)
  ['postscreen keeps a binary PREGREET payload as escaped, colons and all',
    'PREGREET 47 after 0 from [172.16.1.1]:62873: \\003\\000\\000/*\\340\\000\\000\\000\\000\\000Cookie: mstshash=Administr\\r\\n\\001\\000\\b\\000\\003\\000\\000\\000',
    { queueId: null, event: { kind: 'postscreen-pregreet', client: at('172.16.1.1', 62873), bytes: 47, after: 0,
      data: '\\003\\000\\000/*\\340\\000\\000\\000\\000\\000Cookie: mstshash=Administr\\r\\n\\001\\000\\b\\000\\003\\000\\000\\000' } }],

  // postfix_exporter (Apache-2.0; Hsn723's postscreen block is hand-written from the real formats)
  ['postscreen reads BLACKLISTED (before Postfix 3.6)',
    'BLACKLISTED [1.2.3.5]:5678',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'BLACKLISTED', client: at('1.2.3.5', 5678) } }],
  ['postscreen reads a PREGREET without a trailing newline escape',
    'PREGREET 14 after 0.18 from [1.2.3.4]:5678: EHLO [74.207.242.122]',
    { queueId: null, event: { kind: 'postscreen-pregreet', client: at('1.2.3.4', 5678), bytes: 14, after: 0.18, data: 'EHLO [74.207.242.122]' } }],
  ['postscreen reads a reject whose envelope is space-separated',
    'NOQUEUE: reject: RCPT from [1.2.3.4]:5678: 550 5.7.1 Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org; from=<a@b.com> to=<c@d.com> proto=ESMTP helo=<x>',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'RCPT', client: at('1.2.3.4', 5678),
      reply: { code: 550, enhanced: '5.7.1', text: 'Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org' },
      envelope: env('a@b.com', 'c@d.com', 'ESMTP', 'x') } }],
  ['postscreen reads an all-screening-ports-busy CONNECT reject (older NOQUEUE form)',
    'NOQUEUE: reject: CONNECT from [1.2.3.4]:5678: all screening ports busy',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'CONNECT', client: at('1.2.3.4', 5678),
      reply: { code: null, enhanced: null, text: 'all screening ports busy' }, envelope: NO_ENV } }],

  // postfix-grok-patterns (BSD-3)
  ['postscreen reads a CONNECT-time reject without a reply code or envelope',
    'NOQUEUE: reject: CONNECT from [1.2.3.4]:1337: too many connections',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'CONNECT', client: at('1.2.3.4', 1337),
      reply: { code: null, enhanced: null, text: 'too many connections' }, envelope: NO_ENV } }],
  ['postscreen reads all-server-ports-busy',
    'NOQUEUE: reject: CONNECT from [5.6.7.8]:1337: all server ports busy',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'CONNECT', client: at('5.6.7.8', 1337),
      reply: { code: null, enhanced: null, text: 'all server ports busy' }, envelope: NO_ENV } }],
  ['postscreen reads an IPv6 client',
    'PASS NEW [2607:f8b0:4003:c01::23a]:36051',
    { queueId: null, event: { kind: 'postscreen-pass', client: at('2607:f8b0:4003:c01::23a', 36051), status: 'NEW' } }],
  ['postscreen reads ALLOWLIST VETO',
    'ALLOWLIST VETO [61.238.241.86]:53024',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'ALLOWLIST VETO', client: at('61.238.241.86', 53024) } }],
  ['postscreen reads WHITELIST VETO',
    'WHITELIST VETO [61.238.241.86]:53024',
    { queueId: null, event: { kind: 'postscreen-listed', list: 'WHITELIST VETO', client: at('61.238.241.86', 53024) } }],
  ['postscreen reads a HANGUP before the handshake',
    'HANGUP after 0 from [66.55.85.58]:54017 in tests before SMTP handshake',
    { queueId: null, event: { kind: 'postscreen-hangup', client: at('66.55.85.58', 54017), after: 0, stage: 'tests before SMTP handshake' } }],
  ['postscreen reads COMMAND TIME LIMIT with the command it came after',
    'COMMAND TIME LIMIT from [182.246.250.243]:51799 after CONNECT',
    { queueId: null, event: { kind: 'postscreen-command', test: 'COMMAND TIME LIMIT', client: at('182.246.250.243', 51799), after: 'CONNECT', data: '' } }],
  ['postscreen reads COMMAND COUNT LIMIT',
    'COMMAND COUNT LIMIT from [182.246.250.243]:51796 after RCPT',
    { queueId: null, event: { kind: 'postscreen-command', test: 'COMMAND COUNT LIMIT', client: at('182.246.250.243', 51796), after: 'RCPT', data: '' } }],
  ['postscreen reads COMMAND LENGTH LIMIT',
    'COMMAND LENGTH LIMIT from [182.246.250.243]:51796 after RCPT',
    { queueId: null, event: { kind: 'postscreen-command', test: 'COMMAND LENGTH LIMIT', client: at('182.246.250.243', 51796), after: 'RCPT', data: '' } }],
  ['postscreen reads COMMAND PIPELINING with the data sent ahead',
    'COMMAND PIPELINING from [88.208.233.4]:42606 after .: \\n',
    { queueId: null, event: { kind: 'postscreen-command', test: 'COMMAND PIPELINING', client: at('88.208.233.4', 42606), after: '.', data: '\\n' } }],
  ['postscreen reads a NON-SMTP COMMAND with the command text',
    'NON-SMTP COMMAND from [93.174.93.51]:45284 after CONNECT: GET http://ipv4scan.com/hello/check.txt HTTP/1.1',
    { queueId: null, event: { kind: 'postscreen-command', test: 'NON-SMTP COMMAND', client: at('93.174.93.51', 45284), after: 'CONNECT',
      data: 'GET http://ipv4scan.com/hello/check.txt HTTP/1.1' } }],
  ['postscreen reads BARE NEWLINE with the line text so far as `after`',
    'BARE NEWLINE from [88.208.233.4]:42606 after .',
    { queueId: null, event: { kind: 'postscreen-command', test: 'BARE NEWLINE', client: at('88.208.233.4', 42606), after: '.', data: '' } }],
  ['postscreen reads a warning as a diagnostic',
    'warning: getpeername: Transport endpoint is not connected -- dropping this connection',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'other', client: null,
      text: 'getpeername: Transport endpoint is not connected -- dropping this connection' } }],

  // No real line in any licensed source: a lab client put into the shape postscreen_smtpd.c and postscreen.c print.
  ['postscreen reads DATA without valid RCPT as a command event',
    'DATA without valid RCPT from [127.0.0.52]:52421',
    { queueId: null, event: { kind: 'postscreen-command', test: 'DATA without valid RCPT', client: at('127.0.0.52', 52421), after: null, data: '' } }],
  ['postscreen upper-cases the stage of the Postfix 3.x screening-ports reject',
    'reject: connect from [127.0.0.52]:52421: all screening ports busy',
    { queueId: null, event: { kind: 'postscreen-reject', stage: 'CONNECT', client: at('127.0.0.52', 52421),
      reply: { code: null, enhanced: null, text: 'all screening ports busy' }, envelope: NO_ENV } }],

  // lab lines cut short: damaged lines stay unrecognized rather than half-read
  ['postscreen leaves a CONNECT without its server unrecognized',
    'CONNECT from [127.0.0.69]:44089',
    { queueId: null, event: { kind: 'unrecognized', text: 'CONNECT from [127.0.0.69]:44089' } }],
  ['postscreen leaves a PREGREET without its client unrecognized',
    'PREGREET 25 after 0 from',
    { queueId: null, event: { kind: 'unrecognized', text: 'PREGREET 25 after 0 from' } }],
];

for (const [name, message, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage('postscreen', message), expected);
  });
}

test('postscreen stays linear on hostile lines', () => {
  const shapes: ((n: number) => string)[] = [
    (n) => 'PREGREET 1 after ' + '9'.repeat(n) + ' from [' + ':'.repeat(n),
    (n) => 'COMMAND ' + ' from ['.repeat(n / 5),
    (n) => 'reject: ' + 'x'.repeat(n),
  ];
  shapes.forEach((make, i) => assertLinear((m) => parseMessage('postscreen', m), make, `shape ${i}`));
});
