// Tests for src/parse/header.ts and timestamp.ts: every header shape Postfix logs come in, taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHeader, splitTag, type RawHeader } from '../../src/parse/header.js';

const stamp = (year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offset: number | null) =>
  ({ year, month, day, hour, minute, second, millis, offset });

// [what it is, the line, the whole header expected (null: no usable header)]
const CASES: [string, string, RawHeader | null][] = [
  // lab (out/maillog-traditional.log): RSYSLOG_TraditionalFileFormat
  ['classic syslog with a two-digit day', 'Nov 25 20:08:38 mx postfix/master[3543]: daemon started -- version 3.7.11, configuration /etc/postfix',
    { stamp: stamp(0, 11, 25, 20, 8, 38, 0, null), host: 'mx', tag: 'postfix/master', pid: 3543, message: 'daemon started -- version 3.7.11, configuration /etc/postfix' }],
  // sshguard (ISC-style)
  ['classic syslog with a space-padded day', 'Sep  6 11:47:43 poseidon postfix/postscreen[14766]: PREGREET 14 after 0.04 from [1.2.3.4]:55868: EHLO ylmf-pc\\r\\n',
    { stamp: stamp(0, 9, 6, 11, 47, 43, 0, null), host: 'poseidon', tag: 'postfix/postscreen', pid: 14766, message: 'PREGREET 14 after 0.04 from [1.2.3.4]:55868: EHLO ylmf-pc\\r\\n' }],
  // pk65-search_postfix_log (MIT): journalctl -o short / Postfix maillog_file shape, zero-padded day
  ['a zero-padded day (journalctl short, maillog_file)', 'Oct 03 09:11:20 service9 postfix/cleanup[1221726]: 54BE7192007D: message-id=<657720787.4.1727939480336.JavaMail.tomcat7@service9>',
    { stamp: stamp(0, 10, 3, 9, 11, 20, 0, null), host: 'service9', tag: 'postfix/cleanup', pid: 1221726, message: '54BE7192007D: message-id=<657720787.4.1727939480336.JavaMail.tomcat7@service9>' }],
  // msimerson-postfix-parser (BSD-2): a hand-edited single-space day
  ['a single-digit day after one space', 'Jan 6 08:39:06 mail postfix/smtpd[339505]: 93C8388C38: client=unknown[192.168.1.0]',
    { stamp: stamp(0, 1, 6, 8, 39, 6, 0, null), host: 'mail', tag: 'postfix/smtpd', pid: 339505, message: '93C8388C38: client=unknown[192.168.1.0]' }],
  // lab (out/maillog-postlogd-longids.log): Postfix's own maillog_file
  ['Postfix maillog_file (postlogd) with a long queue ID', 'Nov 25 19:17:51 mx postfix/qmgr[6460]: 4jZTwH0nyTzBrLL: removed',
    { stamp: stamp(0, 11, 25, 19, 17, 51, 0, null), host: 'mx', tag: 'postfix/qmgr', pid: 6460, message: '4jZTwH0nyTzBrLL: removed' }],
  // lab (out/maillog-rfc3339.log): RSYSLOG_FileFormat, Debian 12's default
  ['RFC 3339 with microseconds and +hh:mm', '2026-11-25T20:08:38.291201+01:00 mx postfix/postfix-script[3525]: warning: /var/spool/postfix/etc/hosts and /etc/hosts differ',
    { stamp: stamp(2026, 11, 25, 20, 8, 38, 291, 60), host: 'mx', tag: 'postfix/postfix-script', pid: 3525, message: 'warning: /var/spool/postfix/etc/hosts and /etc/hosts differ' }],
  // sshguard (ISC-style)
  ['RFC 3339 with milliseconds and Z', '2022-04-14T00:36:03.150Z mailhub postfix/smtps/smtpd[30543]: warning: unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    { stamp: stamp(2022, 4, 14, 0, 36, 3, 150, 0), host: 'mailhub', tag: 'postfix/smtps/smtpd', pid: 30543, message: 'warning: unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6' }],
  // youyo-postfix-log-parser (MIT): no fraction
  ['RFC 3339 without a fraction', '2021-02-06T10:57:57+01:00 mail.server.com postfix/cleanup[59586]: D6DDA23B0F: message-id=<20210206095814.2B34E19A19F6@host.sender.domain>',
    { stamp: stamp(2021, 2, 6, 10, 57, 57, 0, 60), host: 'mail.server.com', tag: 'postfix/cleanup', pid: 59586, message: 'D6DDA23B0F: message-id=<20210206095814.2B34E19A19F6@host.sender.domain>' }],
  // lab (out/maillog-converted-basic-offset.log): journalctl -o short-iso of older systemd
  ['journalctl short-iso with a +hhmm offset', '2026-11-25T20:08:38.000000+0100 mx postfix/master[3543]: daemon started -- version 3.7.11, configuration /etc/postfix',
    { stamp: stamp(2026, 11, 25, 20, 8, 38, 0, 60), host: 'mx', tag: 'postfix/master', pid: 3543, message: 'daemon started -- version 3.7.11, configuration /etc/postfix' }],
  // youyo-postfix-log-parser (MIT): a site that logs no colon after [pid]
  ['a [pid] without the colon', '2021-12-03T06:27:32.797930+01:00 smtp01.example.org postfix/smtpd[50419] connect from 42-64-53-170.subs.proxad.net[42.64.53.170]',
    { stamp: stamp(2021, 12, 3, 6, 27, 32, 797, 60), host: 'smtp01.example.org', tag: 'postfix/smtpd', pid: 50419, message: 'connect from 42-64-53-170.subs.proxad.net[42.64.53.170]' }],
  // The shapes below have no real Postfix line in any licensed source (corpus README, "Gaps"): each is a lab line
  // (out/maillog-traditional.log, `Nov 25 20:09:01 mx postfix/qmgr[3564]: 1A9B21600D5: removed`) rewritten in that
  // shape exactly as the producing program documents it.
  ['journalctl short-precise (classic with microseconds)', 'Nov 25 20:09:01.123456 mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(0, 11, 25, 20, 9, 1, 123, null), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['journalctl short-full with a zone name', 'Wed 2026-11-25 20:09:01 CET mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(2026, 11, 25, 20, 9, 1, 0, 60), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['journalctl short-full in summer time', 'Wed 2026-07-15 20:09:01 CEST mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(2026, 7, 15, 20, 9, 1, 0, 120), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['syslog with a <PRI> prefix', '<22>Nov 25 20:09:01 mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(0, 11, 25, 20, 9, 1, 0, null), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['RFC 5424 with no structured data', '<22>1 2026-11-25T19:09:01.123Z mx postfix/qmgr 3564 - - 1A9B21600D5: removed',
    { stamp: stamp(2026, 11, 25, 19, 9, 1, 123, 0), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['RFC 5424 with structured data', '<22>1 2026-11-25T20:09:01.123+01:00 mx postfix/qmgr 3564 ID47 [meta sequenceId="1" x="a\\]b"] 1A9B21600D5: removed',
    { stamp: stamp(2026, 11, 25, 20, 9, 1, 123, 60), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['a year-first rsyslog template', '2026 Nov 25 20:09:01.123 mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(2026, 11, 25, 20, 9, 1, 123, null), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['a shipper\'s RFC 3339 stamp before the syslog line (docker logs -t)', '2026-11-25T19:09:01.496826493Z Nov 25 20:09:01 mx postfix/qmgr[3564]: 1A9B21600D5: removed',
    { stamp: stamp(2026, 11, 25, 19, 9, 1, 496, 0), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed' }],
  ['a tag without a pid', 'Nov 25 20:09:01 mx postfix/postlog: warning: x',
    { stamp: stamp(0, 11, 25, 20, 9, 1, 0, null), host: 'mx', tag: 'postfix/postlog', pid: null, message: 'warning: x' }],
  ['an empty line', '', null],
  ['text without a stamp', 'connect from unknown[1.2.3.4]', null],
  ['a stamp with nothing after it', 'Nov 25 20:09:01', null],
  ['a stamp and host but no tag', 'Nov 25 20:09:01 mx ', null],
  ['an impossible time', 'Nov 25 25:09:01 mx postfix/qmgr[1]: x', null],
  ['a year lost its first digit (youyo-postfix-log-parser)', '021-02-06T10:57:57+01:00 mail.server.com postfix/smtpd[59633]: D6DDA23B0F: client=unknown[99.88.77.66]', null],
  ['a pid that is not a number', 'Nov 25 20:09:01 mx postfix/qmgr[abc]: x', null],
];

for (const [what, line, expected] of CASES) {
  test(`header: ${what}`, () => {
    assert.deepStrictEqual(parseHeader(line), expected);
  });
}

test('header: journalctl -o json gives the tag, pid, host, message and the instant in local time', () => {
  process.env.TZ = 'Europe/Berlin';
  // lab line `Nov 25 20:09:01 mx postfix/qmgr[3564]: 1A9B21600D5: removed` as journalctl -o json exports it
  const line = JSON.stringify({
    __REALTIME_TIMESTAMP: String(Date.UTC(2026, 10, 25, 19, 9, 1, 250) * 1000 + 123), _HOSTNAME: 'mx',
    SYSLOG_IDENTIFIER: 'postfix/qmgr', SYSLOG_PID: '3564', _PID: '3564', MESSAGE: '1A9B21600D5: removed', PRIORITY: '6',
  });
  assert.deepStrictEqual(parseHeader(line), {
    stamp: stamp(2026, 11, 25, 20, 9, 1, 250, 60), host: 'mx', tag: 'postfix/qmgr', pid: 3564, message: '1A9B21600D5: removed',
  });
});

test('header: journalctl -o json with a non-UTF-8 message as a byte array', () => {
  const line = JSON.stringify({
    __REALTIME_TIMESTAMP: '1795590541000000', _HOSTNAME: 'mx', SYSLOG_IDENTIFIER: 'postfix/smtpd', _PID: '7',
    MESSAGE: [...Buffer.from('connect from h\u00e9[1.2.3.4]', 'latin1')],
  });
  const h = parseHeader(line);
  assert.equal(h?.message, 'connect from h\ufffd[1.2.3.4]');
  assert.equal(h?.pid, 7);
});

test('header: journalctl -o json that is not an object of the journal is no header', () => {
  assert.equal(parseHeader('{"MESSAGE":"x"}'), null);
  assert.equal(parseHeader('{not json'), null);
});

const TAGS: [string, ReturnType<typeof splitTag>][] = [
  ['postfix/smtpd', { instance: 'postfix', service: '', daemon: 'smtpd' }],
  ['postfix-out/smtp', { instance: 'postfix-out', service: '', daemon: 'smtp' }],
  ['postfix/submission/smtpd', { instance: 'postfix', service: 'submission', daemon: 'smtpd' }],
  ['postfix/smtp-25/smtpd', { instance: 'postfix', service: 'smtp-25', daemon: 'smtpd' }],
  ['postfix-10.20.30.40/smtp', { instance: 'postfix-10.20.30.40', service: '', daemon: 'smtp' }],
  ['postfix-smo/submission/smtpd', { instance: 'postfix-smo', service: 'submission', daemon: 'smtpd' }],
  ['postfix', { instance: 'postfix', service: '', daemon: 'postfix' }],
  ['/postfix-script', { instance: 'postfix-script', service: '', daemon: 'postfix-script' }],
  ['a/b/c/d', { instance: 'a', service: 'b/c', daemon: 'd' }],
];
for (const [tag, expected] of TAGS) {
  test(`tag ${tag} splits into instance, service and daemon`, () => assert.deepStrictEqual(splitTag(tag), expected));
}
