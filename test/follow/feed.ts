// Shared by the follow tests: the live pipeline in small (parseLine → Correlator → ReportBuilder and any other
// sinks, fed as a report section is), a short log of real lines that always runs, and ways to write more of them.
import type { Fact } from '../../src/correlate/facts.js';
import { Correlator } from '../../src/correlate/index.js';
import { ReportBuilder } from '../../src/aggregate/index.js';
import type { LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { Tally } from '../../src/parse/tally.js';
import { StampClock } from '../../src/parse/year.js';
import type { Report } from '../../src/report/model.js';

/** Postfix's default maximal_queue_lifetime plus a day, as the pipeline's default horizon. */
export const SIX_DAYS = 6 * 24 * 3600 * 1000;

/** What else is fed beside the report: the metrics, the alerts, a list of facts. */
export interface Sink {
  fact(f: Fact): void;
  record?(r: LogRecord): void;
}

/** Lines in, a report (and every sink fed) out, one line at a time as live mode reads them; classic stamps are 2026. */
export class Feed {
  readonly builder = new ReportBuilder('postsumm');
  private readonly tally = new Tally();
  private readonly clock = new StampClock(Date.UTC(2026, 11, 31), 2026);
  private readonly correlator: Correlator;

  constructor(private readonly sinks: readonly Sink[] = []) {
    this.correlator = new Correlator((f) => {
      this.builder.fact(f);
      for (const s of this.sinks) s.fact(f);
    }, { horizonMs: SIX_DAYS });
  }

  /** Reads lines as the pipeline does: tally, correlate, then the record to the report and every sink. */
  push(lines: Iterable<string>): this {
    for (const line of lines) {
      if (line === '') continue;
      const r = parseLine(line, this.clock);
      this.tally.add(r, line);
      if (typeof r === 'string') continue;
      this.correlator.process(r);
      this.builder.record(r);
      for (const s of this.sinks) s.record?.(r);
    }
    return this;
  }

  /** The report so far (live mode's snapshot). */
  snapshot(): Report {
    return this.builder.snapshot(this.tally.counts());
  }

  /** End of input: what is pending is settled (received facts, open messages), then the finished report. */
  finish(): Report {
    this.correlator.finish();
    return this.builder.finish(this.tally.counts());
  }
}

/** A sink that keeps every fact, for a test to count by itself. */
export function factList(): Sink & { facts: Fact[] } {
  const facts: Fact[] = [];
  return { facts, fact: (f) => facts.push(f) };
}

/**
 * A short log from the lab (../shared/lab/out/maillog-traditional.log, copied: its lines are this project's own):
 * submission with SASL, a delivery, a `forwarded as`, deferrals to two domains, bounces, an expiry, smtpd rejects of
 * several classes (DNSBL, unknown user), a reject_warning, a postscreen DNSBL reject, a cleanup header reject, HOLD,
 * DISCARD, a SASL failure, lmtp and postfix-out deliveries.
 */
export const SMALL_LOG: readonly string[] = [
  'Nov 25 20:08:38 mx postfix/submission/smtpd[3590]: connect from laptop81.home.example[127.0.0.81]',
  'Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: ABC77160389: client=laptop81.home.example[127.0.0.81], sasl_method=LOGIN, sasl_username=alice@lab.example',
  'Nov 25 20:08:39 mx postfix/cleanup[3595]: ABC77160389: message-id=<lab.00001.submission-out@traffic.lab.example>',
  'Nov 25 20:08:39 mx postfix/qmgr[3546]: ABC77160389: from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)',
  'Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<info@flaky.example>, relay=127.0.0.18[127.0.0.18]:2525, delay=0.04, delays=0.02/0.02/0.01/0, dsn=4.0.0, status=deferred (host 127.0.0.18[127.0.0.18] said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command))',
  'Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<news@nxdomain.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found)',
  'Nov 25 20:08:39 mx postfix/bounce[3599]: ABC77160389: sender non-delivery notification: B7D4A160390',
  'Nov 25 20:08:40 mx postfix/submission/smtpd[3590]: A40A1160394: client=laptop81.home.example[127.0.0.81], sasl_method=PLAIN, sasl_username=alice@lab.example',
  'Nov 25 20:08:40 mx postfix/cleanup[3595]: A40A1160394: message-id=<lab.00005.submission-local@traffic.lab.example>',
  'Nov 25 20:08:40 mx postfix/qmgr[3546]: A40A1160394: from=<alice@lab.example>, size=3526, nrcpt=1 (queue active)',
  'Nov 25 20:08:40 mx postfix/cleanup[3595]: A4D36160396: message-id=<lab.00005.submission-local@traffic.lab.example>',
  'Nov 25 20:08:40 mx postfix/qmgr[3546]: A4D36160396: from=<alice@lab.example>, size=3653, nrcpt=1 (queue active)',
  'Nov 25 20:08:40 mx postfix/local[3600]: A40A1160394: to=<erin@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as A4D36160396)',
  'Nov 25 20:08:40 mx postfix/qmgr[3546]: A40A1160394: removed',
  'Nov 25 20:08:40 mx postfix/smtp[3596]: A4D36160396: to=<erin-home@customer.example>, orig_to=<erin@lab.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  'Nov 25 20:08:40 mx postfix/qmgr[3546]: A4D36160396: removed',
  'Nov 25 20:08:41 mx postfix/smtpd[3604]: connect from relay.badhost.example[127.0.0.51]',
  'Nov 25 20:08:41 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from relay.badhost.example[127.0.0.51]: 554 5.7.1 Service unavailable; Client host [127.0.0.51] blocked using rbl.lab.test; Listed in rbl.lab.test, see http://rbl.lab.test/?ip=127.0.0.51; from=<promo@badhost.example> to=<bob@lab.example> proto=ESMTP helo=<relay.badhost.example>',
  'Nov 25 20:08:41 mx postfix/smtpd[3604]: disconnect from relay.badhost.example[127.0.0.51] ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5',
  'Nov 25 20:08:41 mx postfix/submission/smtpd[3590]: disconnect from laptop81.home.example[127.0.0.81] ehlo=2 starttls=1 auth=1 mail=2 rcpt=3 data=2 quit=1 commands=12',
  'Nov 25 20:08:42 mx postfix/smtpd[3604]: connect from smtp.customer.example[127.0.0.41]',
  'Nov 25 20:08:42 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <office@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<office@lab.example> proto=ESMTP helo=<smtp.customer.example>',
  'Nov 25 20:08:42 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <jdoe@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<jdoe@lab.example> proto=ESMTP helo=<smtp.customer.example>',
  'Nov 25 20:08:42 mx postfix/smtpd[3604]: 21A7E160001: client=smtp.customer.example[127.0.0.41]',
  'Nov 25 20:08:42 mx postfix/cleanup[3595]: 21A7E160001: message-id=<lab.00006.in-mixed-unknown@traffic.lab.example>',
  'Nov 25 20:08:42 mx postfix/qmgr[3546]: 21A7E160001: from=<m.mueller@customer.example>, size=4973, nrcpt=1 (queue active)',
  'Nov 25 20:08:42 mx postfix/smtpd[3604]: disconnect from smtp.customer.example[127.0.0.41] ehlo=1 mail=1 rcpt=1/3 data=1 quit=1 commands=5/7',
  'Nov 25 20:08:42 mx postfix/local[3600]: 21A7E160001: to=<alice@lab.example>, relay=local, delay=0.01, delays=0.01/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
  'Nov 25 20:08:42 mx postfix/qmgr[3546]: 21A7E160001: removed',
  'Nov 25 20:08:42 mx postfix/smtpd[3607]: NOQUEUE: hold: RCPT from mail69.senders.example[127.0.0.69]: <quarantine-me@lab.example>: Recipient address Held by recipient access rule; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
  'Nov 25 20:08:48 mx postfix/cleanup[3611]: 8D47E160062: reject: header Subject: Cheap viagra pills from mail68.senders.example[127.0.0.68]; from=<k.tanaka@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail68.senders.example>: 5.7.1 Spam subject (viagra)',
  'Nov 25 20:08:50 mx postfix/smtp[3597]: 61744160092: to=<info@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.05, delays=0.05/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))',
  'Nov 25 20:08:54 mx postfix/smtpd[3609]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.48]: 450 4.7.25 Client host rejected: cannot find your hostname, [127.0.0.48]; from=<someone@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail.forged.example.net>',
  'Nov 25 20:08:57 mx postfix/postscreen[3601]: DNSBL rank 2 for [127.0.0.50]:37711',
  'Nov 25 20:08:57 mx postfix/postscreen[3601]: NOQUEUE: reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>',
  'Nov 25 20:08:57 mx postfix/postscreen[3601]: DISCONNECT [127.0.0.50]:37711',
  'Nov 25 20:08:57 mx postfix/smtpd[3604]: NOQUEUE: discard: RCPT from out.newsletter.example[127.0.0.43]: <spamtrap@lab.example>: Recipient address Spam trap hit; from=<ceo@newsletter.example> to=<spamtrap@lab.example> proto=ESMTP helo=<out.newsletter.example>',
  'Nov 25 20:08:58 mx postfix/smtp[3597]: ABC77160389: to=<info@flaky.example>, relay=127.0.0.18[127.0.0.18]:2525, delay=19, delays=19/0/0/0, dsn=4.0.0, status=deferred (host 127.0.0.18[127.0.0.18] said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command))',
  'Nov 25 20:09:05 mx postfix/lmtp[3717]: 670B01603B2: to=<u1003@mailstore.example>, relay=127.0.0.19[127.0.0.19]:24, delay=0.02, delays=0/0.01/0/0, dsn=2.2.0, status=sent (250 2.2.0 Ok)',
  'Nov 25 20:09:17 mx postfix/submission/smtpd[3590]: 097D01603C2: client=laptop82.home.example[127.0.0.82], sasl_method=PLAIN, sasl_username=alice@lab.example',
  'Nov 25 20:09:17 mx postfix/cleanup[3680]: 097D01603C2: message-id=<lab.00102.submission-out@traffic.lab.example>',
  'Nov 25 20:09:17 mx postfix/qmgr[3546]: 097D01603C2: from=<alice@lab.example>, size=5369, nrcpt=3 (queue active)',
  'Nov 25 20:09:17 mx postfix/smtp[3697]: 097D01603C2: to=<news@partner.example>, relay=mx1.partner.example[127.0.0.11]:25, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  'Nov 25 20:09:17 mx postfix/smtp[3698]: 097D01603C2: to=<news@nouser.example>, relay=127.0.0.14[127.0.0.14]:2525, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.14[127.0.0.14] said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command))',
  'Nov 25 20:09:17 mx postfix-out/smtp[3814]: 097D01603C2: to=<orders@outsourced.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0.02, delays=0/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  'Nov 25 20:09:17 mx postfix/bounce[3599]: 097D01603C2: sender non-delivery notification: 0F1291603C5',
  'Nov 25 20:09:17 mx postfix/qmgr[3546]: 097D01603C2: removed',
  'Nov 25 20:09:38 mx postfix/submission/smtpd[3590]: warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example',
  'Nov 25 20:12:39 mx postfix/qmgr[4184]: ABC77160389: from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)',
  'Nov 25 20:12:39 mx postfix/smtp[4240]: ABC77160389: to=<info@flaky.example>, relay=127.0.0.18[127.0.0.18]:2525, delay=240, delays=240/0/0/0, dsn=4.0.0, status=deferred (host 127.0.0.18[127.0.0.18] said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command))',
  'Nov 25 20:12:39 mx postfix/qmgr[4184]: ABC77160389: from=<alice@lab.example>, status=expired, returned to sender',
];

/** A classic syslog stamp (`Nov 25 20:08:39`) of epoch ms `t`, in the process's zone (set TZ before use). */
export function stamp(t: number): string {
  const d = new Date(t);
  const month = d.toLocaleString('en-US', { month: 'short' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** What a delivery line says: its queue ID, recipient, status, DSN and the text in parentheses. */
export interface Delivery {
  queueId: string;
  to: string;
  status: 'sent' | 'deferred' | 'bounced';
  dsn: string;
  /** the relay, `mx[ip]:25` */
  relay: string;
  /** what follows the status, inside the parentheses */
  detail: string;
  daemon?: string;
}

/** A delivery agent's status line in Postfix's format (as the lab's smtp lines are), stamped `t`. */
export function deliveryLine(t: number, d: Delivery): string {
  return `${stamp(t)} mx postfix/${d.daemon ?? 'smtp'}[4240]: ${d.queueId}: to=<${d.to}>, relay=${d.relay}, delay=0.4, delays=0.1/0/0.2/0.1, dsn=${d.dsn}, status=${d.status} (${d.detail})`;
}
