// Tests for src/parse/diagnostic.ts and diagnostic-category.ts: the generic fallback every daemon ends in, taken
// apart whole. Lines of daemons without a parser go through parseMessage; lines of daemons that have one go
// straight to the fallback (their own parser may read them first, which is its test's business).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitQueueId } from '../../src/parse/common.js';
import { parseDiagnostic } from '../../src/parse/diagnostic.js';
import type { Diagnostic, Peer, PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { assertLinear } from '../linear.js';

type Result = { queueId: string | null; event: PostfixEvent };

/** What parseMessage does when a daemon's parser returns null. */
function fallback(message: string): Result {
  const { queueId, rest } = splitQueueId(message);
  return { queueId, event: parseDiagnostic(rest, queueId) ?? { kind: 'unrecognized', text: message } };
}

const peer = (name: string, ip: string, port: number | null = null): Peer => ({ name, ip, port });
const diag = (level: Diagnostic['level'], category: string, client: Peer | null, text: string): Result =>
  ({ queueId: null, event: { kind: 'diagnostic', level, category, client, text } });

// [what it shows, the message, the whole result]
const FALLBACK: [string, string, Result][] = [
  // lab (out/maillog-traditional.log)
  ['the fallback reads a forged PTR as reverse-dns with the host and address as client',
    'warning: hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known',
    diag('warning', 'reverse-dns', peer('forged.example.net', '127.0.0.48'), 'hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known')],
  ['the fallback reads an anvil rate limit as limit with the client named in it',
    'warning: Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd',
    diag('warning', 'limit', peer('burst.flood.example', '127.0.0.55'), 'Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd')],
  ['the fallback reads an oversized queue file as limit and keeps the queue ID in the text',
    'warning: 5A074160033: queue file size limit exceeded',
    diag('warning', 'limit', null, '5A074160033: queue file size limit exceeded')],
  ['the fallback reads a non-SMTP command with its client',
    'warning: non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1',
    diag('warning', 'non-smtp', peer('scanner.probe.example', '127.0.0.72'), 'non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1')],
  ['the fallback reads a SASL back-end failure as sasl',
    'warning: SASL authentication failure: Password verification failed',
    diag('warning', 'sasl', null, 'SASL authentication failure: Password verification failed')],
  ['the fallback reads an unclassified warning as other',
    'warning: mail_stream_cleanup: close error',
    diag('warning', 'other', null, 'mail_stream_cleanup: close error')],
  ['the fallback leaves a line it does not know unrecognized',
    '1A9B21600D5: removed',
    { queueId: '1A9B21600D5', event: { kind: 'unrecognized', text: '1A9B21600D5: removed' } }],
  // sshguard (ISC-style): a client with its port (smtpd_client_port_logging)
  ['the fallback reads a client with a port',
    'warning: unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    diag('warning', 'sasl', peer('unknown', '122.166.249.154', 48123), 'unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6')],
  // msimerson-postfix-parser (BSD-2)
  ['the fallback reads a TLS library problem as tls',
    'warning: TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:',
    diag('warning', 'tls', null, 'TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:')],
  ['the fallback reads a long-queued message as queue',
    'warning: 3mCqcj5HR1z2xDW: message has been queued for 2 days',
    diag('warning', 'queue', null, '3mCqcj5HR1z2xDW: message has been queued for 2 days')],
  ['the fallback reads a defer service failure as queue',
    'warning: 3lyw1l0Nwdz2xGs: defer service failure',
    diag('warning', 'queue', null, '3lyw1l0Nwdz2xGs: defer service failure')],
  ['the fallback reads a full disk as resource',
    'fatal: append file defer 3lyw0Z2NdSz2xGb: No space left on device',
    diag('fatal', 'resource', null, 'append file defer 3lyw0Z2NdSz2xGb: No space left on device')],
  ['the fallback hands a delivery record of any daemon to the delivery parser',
    '3mPVKl0Mhjz7sXv: to=<susan.bck@example.org>, relay=mpafm.example.org[24.100.200.21]:25, conn_use=2, delay=1.2, delays=0.76/0.01/0.09/0.34, dsn=2.0.0, status=sent (250 2.0.0 t5UI2nBt018923-t5UI2nBw018923 Message accepted for delivery)',
    { queueId: '3mPVKl0Mhjz7sXv', event: { kind: 'delivery-status', to: 'susan.bck@example.org', origTo: null,
      relay: 'mpafm.example.org[24.100.200.21]:25', relayPeer: peer('mpafm.example.org', '24.100.200.21', 25), connUse: 2, delay: 1.2,
      delays: { beforeQmgr: 0.76, inQueue: 0.01, connSetup: 0.09, transmission: 0.34 }, dsn: '2.0.0', status: 'sent',
      detail: '250 2.0.0 t5UI2nBt018923-t5UI2nBw018923 Message accepted for delivery',
      reply: { code: 250, enhanced: '2.0.0', text: 't5UI2nBt018923-t5UI2nBw018923 Message accepted for delivery' },
      remote: null, inReplyTo: null, queuedAs: null, forwardedAs: null, tls: null } }],
  // modoboa (ISC)
  ['the fallback reads an RBL lookup error as dnsbl',
    'warning: 157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. Name service error for name=157.235.154.207.zen.spamhaus.org type=A: Host not found, try again',
    diag('warning', 'dnsbl', null, '157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. Name service error for name=157.235.154.207.zen.spamhaus.org type=A: Host not found, try again')],
  // postfix_exporter (Apache-2.0)
  ['the fallback reads a bad main.cf value as config',
    'fatal: file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody',
    diag('fatal', 'config', null, 'file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody')],
  ['the fallback reads a deferred-mail warning as queue',
    'warning: lots of deferred mail, that is bad for performance',
    diag('warning', 'queue', null, 'lots of deferred mail, that is bad for performance')],
  // pk65-search_postfix_log (MIT)
  ['the fallback reads a lookup-table set-up problem as database',
    'warning: dict_nis_init: NIS domain name not set - NIS lookups disabled',
    diag('warning', 'database', null, 'dict_nis_init: NIS domain name not set - NIS lookups disabled')],
  // moj-postfix-stats-collector (MIT)
  ['the fallback reads a client named mid-text',
    'warning: Illegal address syntax from localhost[127.0.0.1] in RCPT command: <name@62.157.140.137>',
    diag('warning', 'other', peer('localhost', '127.0.0.1'), 'Illegal address syntax from localhost[127.0.0.1] in RCPT command: <name@62.157.140.137>')],
  // postfix-grok-patterns (BSD-3)
  ['the fallback reads a map lookup problem as database',
    'warning: 9BECF3F19D: sender_canonical_maps map lookup problem for sender@example.com -- message not accepted, try again later',
    diag('warning', 'database', null, '9BECF3F19D: sender_canonical_maps map lookup problem for sender@example.com -- message not accepted, try again later')],
  ['the fallback passes over brackets that hold no address',
    'warning: dict_ldap_get_values[1]: DN uid=mguiraud,ou=people,dc=neotion,dc=com not found, skipping',
    diag('warning', 'database', null, 'dict_ldap_get_values[1]: DN uid=mguiraud,ou=people,dc=neotion,dc=com not found, skipping')],
  ['the fallback reads a lifetime adjustment as config',
    'warning: bounce_queue_lifetime is larger than maximal_queue_lifetime - adjusting bounce_queue_lifetime',
    diag('warning', 'config', null, 'bounce_queue_lifetime is larger than maximal_queue_lifetime - adjusting bounce_queue_lifetime')],
  ['the fallback hands a TLS summary of any daemon to the TLS parser',
    'Untrusted TLS connection established to mx4.hotmail.com[65.55.92.136]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)',
    { queueId: null, event: { kind: 'tls-established', direction: 'to', trust: 'Untrusted', peer: peer('mx4.hotmail.com', '65.55.92.136', 25),
      protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-SHA384', bits: 256, detail: '' } }],
  // No real line in any licensed source: messages in the shape Postfix prints them (dict_open, mymalloc.c).
  ['the fallback reads an error: line',
    'error: open database /etc/postfix/access.db: No such file or directory',
    diag('error', 'database', null, 'open database /etc/postfix/access.db: No such file or directory')],
  ['the fallback reads a panic: line',
    'panic: myfree: corrupt or unallocated memory block',
    diag('panic', 'other', null, 'myfree: corrupt or unallocated memory block')],
  ['the fallback leaves a level without text unrecognized',
    'warning:',
    { queueId: null, event: { kind: 'unrecognized', text: 'warning:' } }],
];

for (const [name, message, expected] of FALLBACK) {
  test(name, () => {
    assert.deepStrictEqual(fallback(message), expected);
  });
}

// [what it shows, the daemon (one without a parser of its own), the message, the whole result]
const NO_PARSER: [string, string, string, Result][] = [
  // postfix-grok-patterns (BSD-3)
  ['postmap warnings reach the fallback', 'postmap',
    'warning: /etc/postfix/conf.d/users.db: duplicate entry: "xxx@yyy.com"',
    diag('warning', 'database', null, '/etc/postfix/conf.d/users.db: duplicate entry: "xxx@yyy.com"')],
  ['tlsmgr warnings reach the fallback', 'tlsmgr',
    'warning: request to update table btree:/var/spool/postfix/smtpd_scache in non-postfix directory /var/spool/postfix',
    diag('warning', 'config', null, 'request to update table btree:/var/spool/postfix/smtpd_scache in non-postfix directory /var/spool/postfix')],
  // moj-postfix-stats-collector (MIT)
  ['showq fatal errors reach the fallback', 'showq',
    'fatal: scan_dir_push: open directory hold: No such file or directory',
    diag('fatal', 'queue', null, 'scan_dir_push: open directory hold: No such file or directory')],
  ['the bare postfix command\'s fatal errors reach the fallback', 'postfix',
    'fatal: usage: postfix [-c config_dir] [-Dv] command',
    diag('fatal', 'other', null, 'usage: postfix [-c config_dir] [-Dv] command')],
];

for (const [name, daemon, message, expected] of NO_PARSER) {
  test(name, () => {
    assert.deepStrictEqual(parseMessage(daemon, message), expected);
  });
}

test('the fallback stays linear on hostile lines', () => {
  const shapes: ((n: number) => string)[] = [
    (n) => 'warning: ' + 'a['.repeat(n / 2),
    (n) => 'warning: ' + 'x'.repeat(n) + '[' + '1.'.repeat(n / 2),
    (n) => 'warning: hostname ' + 'h'.repeat(n) + ' does not resolve to address ' + ':'.repeat(n),
  ];
  shapes.forEach((make, i) => assertLinear((m) => parseMessage('postmap', m), make, `shape ${i}`));
});
