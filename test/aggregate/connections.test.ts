// The connections section: smtpd connection statistics per day, hour and client domain, postscreen connections,
// clients and verdicts, SASL failures and logins, TLS in and out. Lines from the lab
// (../shared/lab/out/maillog-traditional.log) unless a row names a corpus source.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectionsSection } from '../../src/aggregate/connections.js';
import { runReport } from '../../src/cli/pipeline.js';
import type { Fact } from '../../src/correlate/facts.js';
import { sharedDir } from '../corpus.js';
import { message, rec, run, session } from './feed.js';

const CONNECT = rec('Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: connect from laptop81.home.example[127.0.0.81]');
const DISCONNECT = rec('Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: disconnect from laptop81.home.example[127.0.0.81] ehlo=2 starttls=1 auth=1 mail=1 rcpt=2 data=1 quit=1 commands=9');
const CONNECT2 = rec('Nov 25 20:08:40 mx postfix/smtpd[3604]: connect from mail69.senders.example[127.0.0.69]');
const DISCONNECT2 = rec('Nov 25 20:08:40 mx postfix/smtpd[3604]: disconnect from mail69.senders.example[127.0.0.69] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5');
const LAPTOP = { name: 'laptop81.home.example', ip: '127.0.0.81', port: null };
const MAIL69 = { name: 'mail69.senders.example', ip: '127.0.0.69', port: null };

test('an smtpd session with both ends counts a connection and its time per day, hour and client domain', () => {
  // the lab's stamps have one-second resolution: this session's ends are a second apart (made so, 20:08:39 → 20:08:40)
  const facts: Fact[] = [
    { kind: 'session-end', session: session({ client: LAPTOP, start: CONNECT.time, end: DISCONNECT2.time }), record: DISCONNECT2 },
    { kind: 'session-end', session: session({ client: MAIL69, start: CONNECT2.time, end: DISCONNECT2.time }), record: DISCONNECT2 },
    // started before the log: no time, as pflogsumm
    { kind: 'session-end', session: session({ client: MAIL69, start: null, end: DISCONNECT.time }), record: DISCONNECT },
  ];
  const r = run(connectionsSection, facts);
  assert.deepStrictEqual(r.smtpd.perDay, { '2026-11-25': { connections: 2, seconds: 1, max: 1 } });
  assert.deepStrictEqual(r.smtpd.perHour.flatMap((h, i) => (h.connections > 0 ? [[i, h]] : [])), [[20, { connections: 2, seconds: 1, max: 1 }]]);
  assert.deepStrictEqual(r.smtpd.perDomain, {
    'laptop81.home.example': { connections: 1, seconds: 1, max: 1 },
    'mail69.senders.example': { connections: 1, seconds: 0, max: 0 },
  });
});

test('TLS: smtpd connects and TLS sessions inbound, SMTP deliveries and TLS handshakes outbound, protocols of both', () => {
  const items = [
    CONNECT, CONNECT2,
    rec('Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: Anonymous TLS connection established from laptop81.home.example[127.0.0.81]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256'),
    // postfix_exporter (kumina.log)
    rec('Jul 24 03:28:15 mail postfix/smtp[24052]: Verified TLS connection established to mx2.comcast.net[2001:558:fe21:2a::6]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)'),
  ];
  const delivered: Fact = { kind: 'delivered', message: message(), forwarded: false, record: rec('Nov 25 20:08:40 mx postfix/relay/smtp[3605]: 130C7160394: to=<info@relay-in.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0.03, delays=0/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)') };
  // a deferral that reached no host (relay=none) is no outbound session
  const deferred: Fact = { kind: 'deferred', message: null, firstForMessage: true, record: rec('Nov 25 20:09:16 mx postfix/smtp[3657]: ED4291603C0: to=<team@down.example>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)') };
  const local: Fact = { kind: 'delivered', message: message(), forwarded: false, record: rec('Nov 25 20:08:44 mx postfix/local[3600]: 54B65160032: to=<bob@lab.example>, relay=local, delay=0.07, delays=0.06/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)') };
  const r = run(connectionsSection, [...items, delivered, deferred, local]);
  assert.deepStrictEqual(r.tls, { inboundSessions: 2, inboundTls: 1, outboundDeliveries: 1, outboundTls: 1, protocols: { 'TLSv1.3': 1, 'TLSv1.2': 1 } });
});

test('postscreen: connections, distinct client IPs and a count per verdict or test', () => {
  const r = run(connectionsSection, [
    'Nov 25 20:08:39 mx postfix/postscreen[3601]: CONNECT from [127.0.0.69]:44089 to [127.0.0.1]:25',
    'Nov 25 20:08:40 mx postfix/postscreen[3601]: PASS NEW [127.0.0.69]:44089',
    'Nov 25 20:08:56 mx postfix/postscreen[3601]: CONNECT from [127.0.0.50]:37711 to [127.0.0.1]:25',
    'Nov 25 20:08:57 mx postfix/postscreen[3601]: DNSBL rank 2 for [127.0.0.50]:37711',
    'Nov 25 20:08:57 mx postfix/postscreen[3601]: NOQUEUE: reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>',
    'Nov 25 20:09:14 mx postfix/postscreen[3601]: CONNECT from [127.0.0.61]:47647 to [127.0.0.1]:25',
    'Nov 25 20:09:14 mx postfix/postscreen[3601]: DENYLISTED [127.0.0.61]:47647',
    'Nov 25 20:10:19 mx postfix/postscreen[3601]: PREGREET 25 after 0 from [127.0.0.52]:52421: EHLO bot.botnet.example\\r\\n',
    // a second connection from a client already seen adds a connection, not a client
    'Nov 25 20:08:39 mx postfix/postscreen[3601]: CONNECT from [127.0.0.69]:44089 to [127.0.0.1]:25',
  ].map(rec));
  assert.deepStrictEqual(r.postscreen, {
    connections: 4,
    clients: ['127.0.0.50', '127.0.0.61', '127.0.0.69'],
    actions: { 'PASS NEW': 1, DNSBL: 1, 'NOQUEUE reject': 1, DENYLISTED: 1, PREGREET: 1 },
  });
});

test('SASL: failures by client IP and by the user a line names; logins by user from client= lines', () => {
  const r = run(connectionsSection, [
    'Nov 25 20:09:38 mx postfix/submission/smtpd[3590]: warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example',
    'Nov 25 20:11:08 mx postfix/submission/smtpd[4200]: warning: SASL authentication failure: Password verification failed',
    'Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: ABC77160389: client=laptop81.home.example[127.0.0.81], sasl_method=LOGIN, sasl_username=alice@lab.example',
    'Nov 25 20:08:45 mx postfix/submission/smtpd[3590]: E6BA2160041: client=laptop82.home.example[127.0.0.82], sasl_method=LOGIN, sasl_username=bob@lab.example',
    'Nov 25 20:08:40 mx postfix/smtpd[3604]: 130C7160394: client=mail69.senders.example[127.0.0.69]',
  ].map(rec));
  assert.deepStrictEqual(r.sasl, {
    failuresByIp: { '127.0.0.54': 1 },
    failuresByUser: { 'alice@lab.example': 1 },
    loginsByUser: { 'alice@lab.example': 1, 'bob@lab.example': 1 },
  });
});

test("on the lab log, smtpd connections and time equal pflogsumm --smtpd-stats, per hour and per client domain", { skip: sharedDir() === null }, async () => {
  const lab = join(sharedDir()!, 'lab', 'out');
  const { report } = await runReport([join(lab, 'maillog-traditional.log')], { year: 2026 });
  const text = readFileSync(join(lab, 'pflogsumm', 'traditional.extended.txt'), 'utf8');
  // `    2000-2100        826         0:00:05           0s           1s`
  const hour = /\n {4}2000-2100\s+(\d+)\s+0:00:(\d\d)\s+\S+\s+(\d+)s\n/.exec(text)!;
  assert.deepStrictEqual(report.smtpd.perHour[20], { connections: Number(hour[1]), seconds: Number(hour[2]), max: Number(hour[3]) });
  // `     124        0:00:00          0s         0s   localhost` (top 20)
  const start = text.indexOf('Host/Domain Summary: SMTPD Connections');
  const rows = text.slice(start, text.indexOf('\n\n', start)).split('\n').slice(4);
  assert.equal(rows.length, 20);
  for (const row of rows) {
    const [connections, time, , max, domain] = row.trim().split(/\s+/);
    assert.deepStrictEqual(report.smtpd.perDomain[domain!], { connections: Number(connections), seconds: Number(time!.split(':')[2]), max: Number(max!.replace('s', '')) }, domain);
  }
});
