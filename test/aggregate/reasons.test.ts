// Reasons shortened as pflogsumm shortens them: reject reasons (proc_smtpd_reject), deferral and bounce reasons
// (said_string_trimmer), warnings (string_trimmer); whole with --verbose-msg-detail. Lines from the lab
// (../shared/lab/out/maillog-traditional.log) unless a row names another source; where a row says "pflogsumm", the
// expected text is the one pflogsumm 1.1.5 printed for that line (../shared/lab/out/pflogsumm/traditional.default.txt).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BOUNCE_REASON_MAX, DEFERRAL_REASON_MAX, deliveryReason, diagnosticText, rejectReason, saidTrim, shortenRejectText,
} from '../../src/aggregate/reasons.js';
import { parseMessage } from '../../src/parse/index.js';
import { assertLinear } from '../linear.js';
import { rec } from './feed.js';

/** The reply of a reject: a whole line, or a message-only line of `daemon` (postfix-grok-patterns holds messages only). */
function replyOf(line: string, daemon?: string) {
  const ev = daemon === undefined ? rec(line).event : parseMessage(daemon, line).event;
  if (ev.kind !== 'smtpd-reject' && ev.kind !== 'postscreen-reject') throw new Error('not a reject: ' + line);
  return ev.reply;
}

/** The delivery-status event of a line. */
function delivery(line: string) {
  const ev = rec(line).event;
  if (ev.kind !== 'delivery-status') throw new Error('not a delivery: ' + line);
  return ev;
}

const REJECTS: { source: string; daemon?: string; line: string; want: string }[] = [
  // pflogsumm: `Recipient address rejected: User unknown in local recipient table`
  { source: 'lab', line: 'Nov 25 20:08:44 mx postfix/smtpd[3604]: 54B65160032: reject: RCPT from mail.partner.example[127.0.0.40]: 550 5.1.1 <mike@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<hr@partner.example> to=<mike@lab.example> proto=ESMTP helo=<mail.partner.example>', want: 'Recipient address rejected: User unknown in local recipient table' },
  // pflogsumm: `blocked using rbl.lab.test`
  { source: 'lab', line: 'Nov 25 20:08:41 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from relay.badhost.example[127.0.0.51]: 554 5.7.1 Service unavailable; Client host [127.0.0.51] blocked using rbl.lab.test; Listed in rbl.lab.test, see http://rbl.lab.test/?ip=127.0.0.51; from=<promo@badhost.example> to=<bob@lab.example> proto=ESMTP helo=<relay.badhost.example>', want: 'blocked using rbl.lab.test' },
  // pflogsumm: `blocked using bl.lab.test` (postscreen, comma-separated envelope)
  { source: 'lab', line: 'Nov 25 20:08:57 mx postfix/postscreen[3601]: NOQUEUE: reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>', want: 'blocked using bl.lab.test' },
  // pflogsumm: `cannot find your hostname`
  { source: 'lab', line: 'Nov 25 20:08:54 mx postfix/smtpd[3609]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.48]: 450 4.7.25 Client host rejected: cannot find your hostname, [127.0.0.48]; from=<someone@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail.forged.example.net>', want: 'cannot find your hostname' },
  // pflogsumm: `Helo command rejected: Host not found`
  { source: 'lab', line: 'Nov 25 20:08:54 mx postfix/smtpd[3609]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.48]: 450 4.7.1 <mail.forged.example.net>: Helo command rejected: Host not found; from=<someone@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail.forged.example.net>', want: 'Helo command rejected: Host not found' },
  // pflogsumm: `Protocol error`
  { source: 'lab', line: 'Nov 25 20:10:19 mx postfix/postscreen[3601]: NOQUEUE: reject: RCPT from [127.0.0.52]:52421: 550 5.5.1 Protocol error; from=<bot@botnet.example>, to=<alice@lab.example>, proto=ESMTP, helo=<bot.botnet.example>', want: 'Protocol error' },
  // pflogsumm: `Data command rejected: Improper use of SMTP command pipelining`
  { source: 'lab', line: 'Nov 25 20:08:48 mx postfix/smtpd[3604]: 8D56F160071: reject: DATA from pipeliner.rude.example[127.0.0.73]: 503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining; from=<x@rude.example> to=<alice@lab.example> proto=SMTP helo=<pipeliner.rude.example>', want: 'Data command rejected: Improper use of SMTP command pipelining' },
  // an rhsbl on the HELO name; pflogsumm would keep `Helo command [h] blocked using …`
  { source: 'postfix-grok-patterns smtpd_0009.yaml', daemon: 'smtpd', line: 'NOQUEUE: reject: RCPT from news.zihan-promo.com[192.36.205.58]: 554 5.7.1 Service unavailable; Helo command [news.zihan-promo.com] blocked using dbl.spamhaus.org; http://www.spamhaus.org/query/dbl?domain=zihan-promo.com; from=<mark.alexander@zihan-promo.com> to=<tom@example.com> proto=ESMTP helo=<news.zihan-promo.com>', want: 'blocked using dbl.spamhaus.org' },
  // no `<address>: ` prefix and no `: ` or `; ` separator: up to the first comma
  { source: 'postfix-grok-patterns smtpd_0038.yaml', daemon: 'smtpd', line: 'NOQUEUE: milter-reject: RCPT from mailrelay.example.com[8.8.8.8]: 451 4.7.1 Greylisting in action, please come back later; from=<support@example.com> to=<example@example.org> proto=ESMTP helo=<mailrelay.example.com>', want: 'Greylisting in action' },
  // a MAIL reject without an address (pflogsumm keeps the enhanced code at MAIL; we drop it at every stage)
  { source: 'moj-postfix-stats-collector', line: 'Sep  4 01:14:35 vector postfix/smtpd[15337]: NOQUEUE: reject: MAIL from 89.pool85-60-78.dynamic.orange.es[85.60.78.89]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<89.pool85-60-78.dynamic.orange.es>', want: 'Insufficient system storage' },
];

for (const r of REJECTS) {
  test(`a reject reason is shortened like pflogsumm's (${r.source}): ${r.want}`, () => {
    assert.equal(rejectReason(replyOf(r.line, r.daemon), false), r.want);
  });
}

test('with --verbose-msg-detail a reject reason is the whole reply', () => {
  assert.equal(rejectReason(replyOf(REJECTS[1]!.line), true), '554 5.7.1 Service unavailable; Client host [127.0.0.51] blocked using rbl.lab.test; Listed in rbl.lab.test, see http://rbl.lab.test/?ip=127.0.0.51');
});

test('an access action text is shortened the same way', () => {
  // lab: `NOQUEUE: hold: RCPT from …: <quarantine-me@lab.example>: Recipient address Held by recipient access rule; from=…`
  assert.equal(shortenRejectText('<quarantine-me@lab.example>: Recipient address Held by recipient access rule'), 'Recipient address Held by recipient access rule');
  // lab: `NOQUEUE: warn: RCPT from …: Watched mailbox received mail; from=…`
  assert.equal(shortenRejectText('Watched mailbox received mail'), 'Watched mailbox received mail');
});

const DELIVERIES: { line: string; max: number; want: string }[] = [
  // pflogsumm deferral detail: `4.7.1 Greylisted, please try again later (in reply to RCPT...` (its host in the line)
  { max: DEFERRAL_REASON_MAX, line: 'Nov 25 20:08:50 mx postfix/smtp[3597]: 61744160092: to=<info@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.05, delays=0.05/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))', want: '4.7.1 Greylisted, please try again later (in reply to RCPT TO ...' },
  // pflogsumm: `127.0.0.15[127.0.0.15]:2599: Connection refused` (the host is the group above the reason here)
  { max: DEFERRAL_REASON_MAX, line: 'Nov 25 20:09:16 mx postfix/smtp[3657]: ED4291603C0: to=<team@down.example>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)', want: 'Connection refused' },
  { max: DEFERRAL_REASON_MAX, line: 'Nov 25 20:12:19 mx postfix/error[4510]: 7D524160445: to=<ops@down.example>, relay=none, delay=32, delays=32/0.01/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)', want: 'delivery temporarily suspended: Connection refused' },
  // pflogsumm bounce detail: `5.1.1 Mailbox does not exist (in reply to RCPT TO command)`
  { max: BOUNCE_REASON_MAX, line: 'Nov 25 20:09:17 mx postfix/smtp[3698]: 097D01603C2: to=<news@nouser.example>, relay=127.0.0.14[127.0.0.14]:2525, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.14[127.0.0.14] said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command))', want: '5.1.1 Mailbox does not exist (in reply to RCPT TO command)' },
  // pflogsumm: `content policy violation (in reply to end of DATA command)`
  { max: BOUNCE_REASON_MAX, line: 'Nov 25 20:09:10 mx postfix/smtp[3698]: 004931603B9: to=<news@contentfilter.example>, relay=127.0.0.17[127.0.0.17]:2525, delay=0.01, delays=0/0/0/0, dsn=5.7.1, status=bounced (host 127.0.0.17[127.0.0.17] said: 554 5.7.1 Message rejected: content policy violation (in reply to end of DATA command))', want: 'content policy violation (in reply to end of DATA command)' },
  // pflogsumm: `File too large`
  { max: BOUNCE_REASON_MAX, line: 'Nov 25 20:09:21 mx postfix/local[3636]: 12DDC1603CA: to=<dave@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/dave for user dave. error writing message: File too large)', want: 'File too large' },
  // pflogsumm: `Host not found`
  { max: BOUNCE_REASON_MAX, line: 'Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<news@nxdomain.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found)', want: 'Host not found' },
];

for (const d of DELIVERIES) {
  test(`a delivery reason is shortened like pflogsumm's: ${d.want}`, () => {
    assert.equal(deliveryReason(delivery(d.line), d.max, false), d.want);
  });
}

test('with --verbose-msg-detail a delivery reason is the whole detail', () => {
  const ev = delivery(DELIVERIES[0]!.line);
  assert.equal(deliveryReason(ev, DEFERRAL_REASON_MAX, true), ev.detail);
});

test("said_string_trimmer drops leading parts while too long, then cuts with '...'", () => {
  assert.equal(saidTrim('short', 10), 'short');
  assert.equal(saidTrim('host x said: 550 a very long reply text indeed', 20), '550 a very long r...');
  assert.equal(saidTrim('a: b: the last part', 15), 'the last part');
  assert.equal(saidTrim('abcdefghijklmnopqrstuvwxyz', 10), 'abcdefg...');
});

test('a warning loses its queue ID and running count, and is cut at 66 characters; verbose keeps it whole', () => {
  // lab: `warning: 5A074160033: queue file size limit exceeded`
  assert.equal(diagnosticText('5A074160033: queue file size limit exceeded', false), 'queue file size limit exceeded');
  // lab: `warning: Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd`
  const flood = 'Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd';
  assert.equal(diagnosticText(flood, false), 'Connection rate limit exceeded from burst.flood.example[127.0.0...');
  assert.equal(diagnosticText(flood, true), flood);
});

test('shortening stays linear on hostile texts (many colons, separators, brackets)', () => {
  assertLinear((s) => saidTrim(s, BOUNCE_REASON_MAX), (n) => 'a:'.repeat(n / 2), 'saidTrim');
  assertLinear((s) => shortenRejectText(s), (n) => '<' + 'a'.repeat(n), 'shortenRejectText <');
  assertLinear((s) => shortenRejectText(s), (n) => 'x: ' + 'Client host '.repeat(n / 12), 'shortenRejectText blocked');
  assertLinear((s) => diagnosticText(s, false), (n) => 'limit exceeded: 1'.repeat(n / 17), 'diagnosticText');
  const detail = (n: number) => 'connect to ' + 'a['.repeat(n / 2);
  const ev = delivery(DELIVERIES[1]!.line);
  assertLinear((s) => deliveryReason({ ...ev, detail: s }, DEFERRAL_REASON_MAX, false), detail, 'deliveryReason');
});
