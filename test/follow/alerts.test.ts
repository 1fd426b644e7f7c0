// Alerts driven by delivery lines in Postfix's own format (as the lab's smtp lines are), through parse and the
// correlator, with time moved by hand (tick): each alert fires once per episode, re-arms only after its figure
// fell back, and blocklisting texts of Microsoft, Google, Yahoo and DNSBLs are told from ordinary bounces.
process.env.TZ = 'Europe/Berlin';

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Alerts, type Alert, type AlertOptions } from '../../src/follow/alerts.js';
import { deliveryLine, Feed, stamp, type Delivery } from './feed.js';

const T0 = Date.UTC(2026, 10, 25, 8, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Alerts fed through the pipeline, with what they emitted. */
function harness(options: AlertOptions): { alerts: Alerts; fired: Alert[]; feed: Feed; line(t: number, d: Partial<Delivery> & Pick<Delivery, 'queueId' | 'to'>): void } {
  const fired: Alert[] = [];
  const alerts = new Alerts(options, (a) => fired.push(a));
  const feed = new Feed([alerts]);
  return {
    alerts, fired, feed,
    line: (t, d) => void feed.push([deliveryLine(t, { status: 'sent', dsn: '2.0.0', relay: 'mx.example[192.0.2.10]:25', detail: '250 2.0.0 Ok: queued as 4dP1kX0abc', ...d })]),
  };
}

const SENT = {};
const BOUNCED = { status: 'bounced', dsn: '5.1.1', detail: 'host mx.example[192.0.2.10] said: 550 5.1.1 <x@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)' } as const;
const DEFERRED = { status: 'deferred', dsn: '4.4.1', detail: 'connect to mx.example[192.0.2.10]:25: Connection timed out' } as const;
const qid = (n: number) => `4A${String(n).padStart(8, '0')}`;

const RATE: AlertOptions = { bounceRate: { ratio: 0.05, windowMs: HOUR, minMessages: 20 } };

test('the bounce rate fires once when it crosses the threshold, not on every bounce after', () => {
  const h = harness(RATE);
  for (let i = 0; i < 30; i++) h.line(T0 + i * MIN, { queueId: qid(i), to: `u${i}@example.net`, ...SENT });
  assert.equal(h.fired.length, 0);
  // 1 of 31 is 3.2%, 2 of 32 is 6.25%: the second bounce crosses 5%
  h.line(T0 + 30 * MIN, { queueId: qid(30), to: 'a@example.net', ...BOUNCED });
  assert.equal(h.fired.length, 0);
  h.line(T0 + 31 * MIN, { queueId: qid(31), to: 'b@example.net', ...BOUNCED });
  for (let i = 32; i < 40; i++) h.line(T0 + 31 * MIN + i * 1000, { queueId: qid(i), to: `c${i}@example.net`, ...BOUNCED });
  assert.equal(h.fired.length, 1);
  const a = h.fired[0]!;
  assert.deepStrictEqual([a.kind, a.at], ['bounce-rate', T0 + 31 * MIN]);
  assert.equal(a.message, 'bounce rate 6.3% over the last 1 h: 2 of 32 recipients bounced (threshold 5%)');
  assert.deepStrictEqual(a.details, { rate: 2 / 32, bounced: 2, delivered: 30, windowMs: HOUR, threshold: 0.05 });
});

test('the bounce rate re-arms only after falling below 80% of the threshold, then fires on the next episode', () => {
  const h = harness(RATE);
  let n = 0;
  const send = (t: number, d: object) => h.line(t, { queueId: qid(n), to: `u${n++}@example.net`, ...d });
  for (let i = 0; i < 19; i++) send(T0 + i * 1000, SENT);
  send(T0 + 20_000, BOUNCED); // 1 of 20 = 5%: fires
  assert.equal(h.fired.length, 1);
  // 1 of 22 = 4.5%, below 5% but not below 4%: still the same episode; back to 5.2% fires nothing
  send(T0 + 21_000, SENT);
  send(T0 + 22_000, SENT);
  send(T0 + 23_000, BOUNCED);
  assert.equal(h.fired.length, 1);
  // 2 of 60 = 3.3%: re-armed; then a burst is a new episode
  for (let i = 0; i < 37; i++) send(T0 + 30_000 + i * 1000, SENT);
  for (let i = 0; i < 2; i++) send(T0 + 80_000 + i * 1000, BOUNCED);
  assert.equal(h.fired.length, 2);
  assert.equal(h.fired[1]!.details['bounced'], 4);
});

test('the bounce rate needs enough recipients in the window, and the window slides with log time', () => {
  const h = harness(RATE);
  for (let i = 0; i < 5; i++) h.line(T0 + i * MIN, { queueId: qid(i), to: `u${i}@example.net`, ...BOUNCED });
  assert.equal(h.fired.length, 0, '5 recipients, all bounced: too few to judge');
  for (let i = 5; i < 30; i++) h.line(T0 + i * MIN, { queueId: qid(i), to: `u${i}@example.net`, ...SENT });
  assert.equal(h.fired.length, 1, '5 of 30 in the hour');
  // two hours later the window is empty: the episode is over, and a new burst fires again
  h.alerts.tick(T0 + 3 * HOUR);
  for (let i = 30; i < 50; i++) h.line(T0 + 3 * HOUR + i * 1000, { queueId: qid(i), to: `u${i}@example.net`, ...(i % 2 === 0 ? BOUNCED : SENT) });
  assert.equal(h.fired.length, 2);
  assert.equal(h.fired[1]!.details['delivered'], 10, 'the first hour left the window');
});

test('an expiry counts its undelivered recipients as bounces in the rate', () => {
  const h = harness({ bounceRate: { ratio: 0.1, windowMs: HOUR, minMessages: 10 } });
  for (let i = 0; i < 9; i++) h.line(T0 + i * 1000, { queueId: qid(i), to: `u${i}@example.net`, ...SENT });
  h.line(T0 + 10_000, { queueId: 'E0000000A1', to: 'late@slow.example', ...DEFERRED });
  h.feed.push([`${stamp(T0 + 20_000)} mx postfix/qmgr[3546]: E0000000A1: from=<alice@lab.example>, status=expired, returned to sender`]);
  assert.equal(h.fired.length, 1);
  assert.deepStrictEqual([h.fired[0]!.details['bounced'], h.fired[0]!.details['delivered']], [1, 9]);
});

test('deferred messages: counted once each until delivered, bounced or expired; one alert per episode', () => {
  const h = harness({ deferred: 3 });
  const defer = (t: number, q: string, to: string) => h.line(t, { queueId: q, to, ...DEFERRED });
  defer(T0, 'D000000001', 'a@gmail.com');
  defer(T0 + MIN, 'D000000001', 'a@gmail.com'); // the same message again
  defer(T0 + 2 * MIN, 'D000000002', 'b@gmail.com');
  assert.equal(h.alerts.deferredCount(), 2);
  assert.deepStrictEqual(h.fired, []);
  defer(T0 + 3 * MIN, 'D000000003', 'c@outlook.com'); // the third: fires
  defer(T0 + 3 * MIN, 'D000000003', 'd@gmail.com'); // a second recipient of the same message
  assert.equal(h.fired.length, 1);
  assert.deepStrictEqual(h.fired[0], {
    kind: 'deferred', at: T0 + 3 * MIN,
    message: '3 messages deferred and not yet delivered (threshold 3); most to gmail.com (2), outlook.com (1)',
    details: { count: 3, threshold: 3, domains: 'gmail.com 2, outlook.com 1' },
  });
  defer(T0 + 4 * MIN, 'D000000004', 'e@gmail.com');
  assert.equal(h.fired.length, 1, 'still the same episode');
  // one recipient of D3 is delivered, the other still waits: D3 still counts
  h.line(T0 + 5 * MIN, { queueId: 'D000000003', to: 'c@outlook.com', ...SENT });
  assert.equal(h.alerts.deferredCount(), 4);
  h.line(T0 + 6 * MIN, { queueId: 'D000000001', to: 'a@gmail.com', ...SENT });
  h.line(T0 + 6 * MIN, { queueId: 'D000000002', to: 'b@gmail.com', ...BOUNCED });
  assert.equal(h.alerts.deferredCount(), 2, 'below 80% of 3: re-armed');
  h.feed.push([`${stamp(T0 + 7 * MIN)} mx postfix/qmgr[3546]: D000000004: from=<alice@lab.example>, status=expired, returned to sender`]);
  assert.equal(h.alerts.deferredCount(), 1);
  defer(T0 + 8 * MIN, 'D000000005', 'f@yahoo.com');
  defer(T0 + 8 * MIN, 'D000000006', 'g@yahoo.com');
  assert.equal(h.fired.length, 2, 'a new episode');
});

test('deferred messages silent past the horizon are forgotten, so memory stays bounded', () => {
  const h = harness({ deferred: 100, horizonMs: 6 * 24 * HOUR });
  for (let i = 0; i < 10; i++) h.line(T0 + i * HOUR, { queueId: qid(i), to: `u${i}@example.net`, ...DEFERRED });
  h.alerts.tick(T0 + 6 * 24 * HOUR + 4.5 * HOUR);
  assert.equal(h.alerts.deferredCount(), 5, 'the five deferred more than six days ago are gone');
});

// Remote replies as Postfix logs them (multi-line replies joined with their continuation codes)
const GOOGLE: Delivery = {
  queueId: 'B000000001', to: 'someone@gmail.com', status: 'deferred', dsn: '4.7.28', relay: 'gmail-smtp-in.l.google.com[142.250.102.27]:25',
  detail: 'host gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.7.28 [203.0.113.5      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28 https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. a640c23a62f3a-a1si1 - gsmtp (in reply to end of DATA command)',
};
const MICROSOFT: Delivery = {
  queueId: 'B000000002', to: 'someone@hotmail.com', status: 'bounced', dsn: '5.7.1', relay: 'hotmail-com.olc.protection.outlook.com[52.101.8.44]:25',
  detail: "host hotmail-com.olc.protection.outlook.com[52.101.8.44] said: 550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2026-11-25T08:01:00.000Z 08DCF1B2C3D4E5F6] (in reply to MAIL FROM command)",
};
const YAHOO: Delivery = {
  queueId: 'B000000003', to: 'someone@yahoo.com', status: 'deferred', dsn: '4.7.0', relay: 'mta6.am0.yahoodns.net[67.195.204.72]:25',
  detail: 'host mta6.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)',
};
const SPAMHAUS: Delivery = {
  queueId: 'B000000004', to: 'info@small-isp.example', status: 'bounced', dsn: '5.7.1', relay: 'mx.small-isp.example[198.51.100.25]:25',
  detail: 'host mx.small-isp.example[198.51.100.25] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5 (in reply to RCPT TO command)',
};

test('blocklisting replies of Google, Microsoft, Yahoo and a DNSBL each fire once, named by provider', () => {
  const h = harness({ blocklisted: true });
  for (const [i, d] of [GOOGLE, MICROSOFT, YAHOO, SPAMHAUS].entries()) h.line(T0 + i * MIN, d);
  assert.deepStrictEqual(h.fired.map((a) => [a.kind, a.at, a.details['provider']]), [
    ['blocklisted', T0, 'Google'], ['blocklisted', T0 + MIN, 'Microsoft'], ['blocklisted', T0 + 2 * MIN, 'Yahoo'], ['blocklisted', T0 + 3 * MIN, 'zen.spamhaus.org'],
  ]);
  assert.equal(h.fired[0]!.message, 'blocklisted by Google: gmail-smtp-in.l.google.com[142.250.102.27] said 421 4.7.28 [203.0.113.5      15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily … (deferred, to someone@gmail.com)');
  assert.deepStrictEqual(h.fired[1]!.details, {
    provider: 'Microsoft', relay: 'hotmail-com.olc.protection.outlook.com[52.101.8.44]:25', recipient: 'someone@hotmail.com', status: 'bounced', dsn: '5.7.1',
    reply: "Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2026-11-25T08:01:00.000Z 08DCF1B2C3D4E5F6]",
  });
});

test('a blocklisting episode lasts until the provider has been quiet for an hour of log time', () => {
  const h = harness({ blocklisted: true });
  for (let i = 0; i < 5; i++) h.line(T0 + i * 10 * MIN, { ...GOOGLE, queueId: qid(i), to: `u${i}@gmail.com` });
  assert.equal(h.fired.length, 1, 'replies every 10 minutes: one episode');
  h.alerts.tick(T0 + 40 * MIN + HOUR - 1000);
  h.line(T0 + 40 * MIN + HOUR - 1000, { ...GOOGLE, queueId: qid(9), to: 'late@gmail.com' });
  assert.equal(h.fired.length, 1, 'just under an hour of quiet: still the same episode');
  h.alerts.tick(T0 + 40 * MIN + 2 * HOUR);
  h.line(T0 + 40 * MIN + 2 * HOUR, { ...GOOGLE, queueId: qid(10), to: 'again@gmail.com' });
  assert.equal(h.fired.length, 2, 'after an hour of quiet, a new episode');
  // other providers have episodes of their own
  h.line(T0 + 40 * MIN + 2 * HOUR, YAHOO);
  assert.equal(h.fired.length, 3);
});

test('ordinary bounces, our own smtpd rejects and a blocklist-sounding host name are not blocklistings', () => {
  const h = harness({ blocklisted: true });
  h.line(T0, { queueId: 'C000000001', to: 'gone@example.org', status: 'bounced', dsn: '5.1.1', relay: 'mail.example.org[192.0.2.30]:25', detail: 'host mail.example.org[192.0.2.30] said: 550 5.1.1 User not listed in public Name & Address Book (in reply to RCPT TO command)' });
  h.line(T0, { queueId: 'C000000002', to: 'x@rbl-mx.example', status: 'deferred', dsn: '4.2.2', relay: 'rbl.blacklisted.example[192.0.2.31]:25', detail: 'host rbl.blacklisted.example[192.0.2.31] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)' });
  h.line(T0, { queueId: 'C000000003', to: 'u@example.net', status: 'deferred', dsn: '4.4.1', relay: 'none', detail: 'connect to mx.example[192.0.2.10]:25: Connection refused' });
  h.feed.push([
    `${stamp(T0)} mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from relay.badhost.example[192.0.2.51]: 554 5.7.1 Service unavailable; Client host [192.0.2.51] blocked using zen.spamhaus.org; from=<promo@badhost.example> to=<bob@lab.example> proto=ESMTP helo=<relay.badhost.example>`,
  ]);
  assert.deepStrictEqual(h.fired, []);
  // a local transport's bounce is not a remote server's reply
  h.line(T0, { daemon: 'local', queueId: 'C000000004', to: 'bob@lab.example', status: 'bounced', dsn: '5.2.2', relay: 'local', detail: 'cannot update mailbox /var/mail/bob: blocked using zen.spamhaus.org' });
  assert.deepStrictEqual(h.fired, []);
});

test('an alert line carries no control character from the log: they are shown escaped', () => {
  const h = harness({ blocklisted: true });
  h.line(T0, { ...SPAMHAUS, detail: 'host mx.small-isp.example[198.51.100.25] said: 554 5.7.1 \x1b[2J\rblacklisted\u2028 (in reply to RCPT TO command)' });
  assert.equal(h.fired.length, 1);
  const m = h.fired[0]!.message;
  assert.ok(!/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(m), m);
  assert.ok(m.includes('\\x1b[2J\\x0dblacklisted\\u2028'), m);
});

test('with no alert asked for, nothing is kept and nothing fires', () => {
  const h = harness({});
  for (let i = 0; i < 50; i++) h.line(T0 + i * 1000, { queueId: qid(i), to: `u${i}@example.net`, ...(i % 2 ? DEFERRED : BOUNCED) });
  h.line(T0, GOOGLE);
  assert.deepStrictEqual([h.fired, h.alerts.deferredCount()], [[], 0]);
});

test('an alert mails as one subject line and a body of its figures, log strings escaped', async () => {
  const { alertMessage } = await import('../../src/follow/alert-mail.js');
  const h = harness({ blocklisted: true });
  h.line(T0, { ...SPAMHAUS, detail: 'host mx.small-isp.example[198.51.100.25] said: 554 5.7.1 <b>blacklisted</b>\x1b[0m (in reply to RCPT TO command)' });
  const m = alertMessage(h.fired[0]!, 'mx', 'postsumm@mx.lab.example', ['postmaster@lab.example']);
  assert.equal(m.subject, 'postsumm alert on mx: blocklisted by small-isp.example: mx.small-isp.example[198.51.100.25] said 554 5.7.1 <b>blacklisted</b>\\x1b[0m (bounced, to info@small-isp.example)');
  assert.deepStrictEqual([m.from, m.to, m.headers, m.attachments], ['postsumm@mx.lab.example', ['postmaster@lab.example'], { 'Auto-Submitted': 'auto-generated' }, []]);
  assert.ok(m.text.includes('\nprovider: small-isp.example\n') && m.text.includes('reply: <b>blacklisted</b>\\x1b[0m\n'), m.text);
  assert.ok(!m.html.includes('<b>') && m.html.includes('&lt;b&gt;blacklisted&lt;/b&gt;'), m.html);
});
