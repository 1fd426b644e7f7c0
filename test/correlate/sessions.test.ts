// smtpd sessions: connect … disconnect of one smtpd process and its client, the home of NOQUEUE rejects. Real lab
// lines (../shared/lab, copied here) with several sessions interleaved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fact, Session } from '../../src/correlate/facts.js';
import { correlate, tell, tellAll } from './run.js';

/** The public fields of a Session (the correlator's bookkeeping left out). */
function sessionView(s: Session): Session {
  return { host: s.host, instance: s.instance, service: s.service, pid: s.pid, client: s.client, start: s.start, end: s.end, tls: s.tls, queueIds: s.queueIds, rejects: s.rejects };
}

// lab out-filter/maillog-rfc3339.log lines 14-28: smtpd 7807, 7810 and 7814 serve three clients at once
const INTERLEAVED = [
  '2026-11-25T20:20:32.161034+01:00 mx postfix/smtpd[7807]: connect from mail63.senders.example[127.0.0.63]',
  '2026-11-25T20:20:32.177642+01:00 mx postfix/smtpd[7807]: NOQUEUE: reject_warning: RCPT from mail63.senders.example[127.0.0.63]: 450 4.7.1 <host.unknown-helo.example>: Helo command rejected: Host not found; from=<noreply@senders.example> to=<bob@lab.example> proto=ESMTP helo=<host.unknown-helo.example>',
  '2026-11-25T20:20:32.180642+01:00 mx postfix/smtpd[7810]: connect from mail65.senders.example[127.0.0.65]',
  '2026-11-25T20:20:32.191989+01:00 mx postfix/smtpd[7810]: Anonymous TLS connection established from mail65.senders.example[127.0.0.65]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
  '2026-11-25T20:20:32.196748+01:00 mx postfix/smtpd[7807]: 2FFDB1600B2: client=mail63.senders.example[127.0.0.63]',
  '2026-11-25T20:20:32.198882+01:00 mx postfix/smtpd[7814]: connect from mx.university.example[127.0.0.59]',
  '2026-11-25T20:20:32.199064+01:00 mx postfix/cleanup[7813]: 2FFDB1600B2: message-id=<lab.00001.helo-unknown-fqdn@traffic.lab.example>',
  '2026-11-25T20:20:32.200507+01:00 mx postfix/smtpd[7810]: 30E4E1600B3: client=mail65.senders.example[127.0.0.65]',
  '2026-11-25T20:20:32.200754+01:00 mx postfix/smtpd[7807]: disconnect from mail63.senders.example[127.0.0.63] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
  '2026-11-25T20:20:32.200879+01:00 mx postfix/qmgr[7758]: 2FFDB1600B2: from=<noreply@senders.example>, size=6069, nrcpt=1 (queue active)',
  '2026-11-25T20:20:32.207460+01:00 mx postfix/smtpd[7814]: NOQUEUE: reject: RCPT from mx.university.example[127.0.0.59]: 504 5.5.2 <root>: Sender address rejected: need fully-qualified address; from=<root> to=<alice@lab.example> proto=ESMTP helo=<mx.university.example>',
  '2026-11-25T20:20:32.207901+01:00 mx postfix/cleanup[7813]: 30E4E1600B3: message-id=<lab.00002.in-local@traffic.lab.example>',
  '2026-11-25T20:20:32.208151+01:00 mx postfix/smtpd[7814]: disconnect from mx.university.example[127.0.0.59] ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5',
  '2026-11-25T20:20:32.244569+01:00 mx postfix/qmgr[7758]: 30E4E1600B3: from=<k.tanaka@senders.example>, size=67554, nrcpt=1 (queue active)',
  '2026-11-25T20:20:32.246321+01:00 mx postfix/smtpd[7810]: disconnect from mail65.senders.example[127.0.0.65] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7',
];

test('NOQUEUE rejects of interleaved sessions each belong to the session of their process; a reject_warning is no reject', () => {
  assert.deepStrictEqual(tellAll(INTERLEAVED).filter((t) => !t.startsWith('received') && !t.startsWith('incomplete')), [
    'warned NOQUEUE 4xx in session 7807',
    'session-end 7807 127.0.0.63 start end rejects=0 tls=false [2FFDB1600B2]',
    'rejected NOQUEUE in session 7814',
    'session-end 7814 127.0.0.59 start end rejects=1 tls=false []',
    'session-end 7810 127.0.0.65 start end rejects=0 tls=true [30E4E1600B3]',
  ]);
});

test('a session ends at its disconnect line with its whole story: times, TLS, the messages it gave', () => {
  const ends = correlate(INTERLEAVED).filter((f): f is Extract<Fact, { kind: 'session-end' }> => f.kind === 'session-end');
  const tls = ends.find((f) => f.session.pid === 7810)!;
  assert.deepStrictEqual(sessionView(tls.session), {
    host: 'mx', instance: 'postfix', service: '', pid: 7810, client: { name: 'mail65.senders.example', ip: '127.0.0.65', port: null },
    start: Date.parse('2026-11-25T20:20:32.180+01:00'), end: Date.parse('2026-11-25T20:20:32.246+01:00'), tls: true,
    queueIds: ['30E4E1600B3'], rejects: 0,
  });
  assert.equal(tls.record?.event.kind, 'smtpd-disconnect');
});

test('a session whose disconnect is missing ends, without a record, when its process connects again', () => {
  // lab out/maillog-rfc3339.log lines 60-65 and 67: the disconnect (line 66) left out
  const lines = [
    '2026-11-25T20:08:42.126672+01:00 mx postfix/smtpd[3604]: connect from smtp.customer.example[127.0.0.41]',
    '2026-11-25T20:08:42.135182+01:00 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <office@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<office@lab.example> proto=ESMTP helo=<smtp.customer.example>',
    '2026-11-25T20:08:42.136599+01:00 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <jdoe@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<jdoe@lab.example> proto=ESMTP helo=<smtp.customer.example>',
    '2026-11-25T20:08:42.137949+01:00 mx postfix/smtpd[3604]: 21A7E160001: client=smtp.customer.example[127.0.0.41]',
    '2026-11-25T20:08:42.138628+01:00 mx postfix/cleanup[3595]: 21A7E160001: message-id=<lab.00006.in-mixed-unknown@traffic.lab.example>',
    '2026-11-25T20:08:42.139830+01:00 mx postfix/qmgr[3546]: 21A7E160001: from=<m.mueller@customer.example>, size=4973, nrcpt=1 (queue active)',
    '2026-11-25T20:08:42.140668+01:00 mx postfix/smtpd[3604]: connect from mail63.senders.example[127.0.0.63]',
  ];
  const ends = correlate(lines).filter((f) => f.kind === 'session-end');
  assert.deepStrictEqual(ends.map(tell), [
    'session-end 3604 127.0.0.41 start no-end rejects=2 tls=false [21A7E160001]',
    'session-end 3604 127.0.0.63 start no-end rejects=0 tls=false []',
  ]);
  assert.deepStrictEqual(ends.map((f) => f.kind === 'session-end' && f.record), [null, null]);
});

test("postscreen's rejects belong to no smtpd session", () => {
  // lab out/maillog-rfc3339.log line 388
  assert.deepStrictEqual(tellAll(['2026-11-25T20:08:57.196750+01:00 mx postfix/postscreen[3601]: NOQUEUE: reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>']), ['rejected NOQUEUE']);
});
