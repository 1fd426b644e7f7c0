// The problems section: deferrals by service → host → reason, bounces by relay → reason, expiries by the reason of
// the last deferral, SMTP connection failures. Lines from the lab (../shared/lab/out/maillog-traditional.log).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { problemsSection, serviceOf, UNKNOWN_REASON } from '../../src/aggregate/problems.js';
import { runReport } from '../../src/cli/pipeline.js';
import type { Fact } from '../../src/correlate/facts.js';
import type { DeliveryStatus, LogRecord } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { sharedDir } from '../corpus.js';
import { rec, run } from './feed.js';

const GREYLISTED = 'Nov 25 20:08:50 mx postfix/smtp[3597]: 61744160092: to=<info@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.05, delays=0.05/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))';
const REFUSED = 'Nov 25 20:09:16 mx postfix/smtp[3657]: ED4291603C0: to=<team@down.example>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)';
const SUSPENDED = 'Nov 25 20:12:19 mx postfix/error[4510]: 7D524160445: to=<ops@down.example>, relay=none, delay=32, delays=32/0.01/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)';

const deferred = (line: string): Fact => ({ kind: 'deferred', message: null, firstForMessage: true, record: rec(line) });
const bounced = (line: string): Fact => ({ kind: 'bounced', message: null, record: rec(line) });

test('deferrals group by service, then remote host, then shortened reason', () => {
  const r = run(problemsSection, [deferred(GREYLISTED), deferred(GREYLISTED), deferred(REFUSED), deferred(SUSPENDED)]);
  assert.deepStrictEqual(r.deferrals, {
    smtp: {
      '127.0.0.13': { '4.7.1 Greylisted, please try again later (in reply to RCPT TO ...': 2 },
      '127.0.0.15': { 'Connection refused': 1 },
    },
    error: { '127.0.0.15': { 'delivery temporarily suspended: Connection refused': 1 } },
  });
});

test('with --verbose-msg-detail deferral reasons are the whole detail', () => {
  const r = run(problemsSection, [deferred(REFUSED)], { verboseMsgDetail: true });
  assert.deepStrictEqual(r.deferrals, { smtp: { '127.0.0.15': { 'connect to 127.0.0.15[127.0.0.15]:2599: Connection refused': 1 } } });
});

test('a service name in front of the daemon is part of the service (relay/smtp), as pflogsumm shows it', () => {
  assert.equal(serviceOf(rec('Nov 25 20:08:40 mx postfix/relay/smtp[3605]: 130C7160394: to=<info@relay-in.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0.03, delays=0/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)')), 'relay/smtp');
  assert.equal(serviceOf(rec(SUSPENDED)), 'error');
});

test('bounces group by relay host (or local, none) and shortened reason', () => {
  const r = run(problemsSection, [
    bounced('Nov 25 20:09:17 mx postfix/smtp[3698]: 097D01603C2: to=<news@nouser.example>, relay=127.0.0.14[127.0.0.14]:2525, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.14[127.0.0.14] said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command))'),
    bounced('Nov 25 20:09:21 mx postfix/local[3636]: 12DDC1603CA: to=<dave@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/dave for user dave. error writing message: File too large)'),
    bounced('Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<news@nxdomain.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found)'),
  ]);
  assert.deepStrictEqual(r.bounces, {
    '127.0.0.14': { '5.1.1 Mailbox does not exist (in reply to RCPT TO command)': 1 },
    local: { 'File too large': 1 },
    none: { 'Host not found': 1 },
  });
});

test('an expired message counts under the reason of its last deferral, or as having none', () => {
  const expiredLine = rec('Nov 25 20:12:39 mx postfix/qmgr[4184]: ABC77160389: from=<alice@lab.example>, status=expired, returned to sender');
  const last = rec(GREYLISTED).event as DeliveryStatus;
  const r = run(problemsSection, [
    { kind: 'expired', message: null, record: expiredLine, recipients: ['info@greylist.example'], lastDeferral: last },
    { kind: 'expired', message: null, record: expiredLine, recipients: [], lastDeferral: null },
  ]);
  assert.deepStrictEqual(r.expiries, { '4.7.1 Greylisted, please try again later (in reply to RCPT TO ...': 1, [UNKNOWN_REASON]: 1 });
});

test('SMTP connection failures count by service, host and reason; lines that are not failures are not', () => {
  const r = run(problemsSection, [
    rec('Nov 25 20:08:51 mx postfix/smtp[3596]: connect to mx-a.backupmx.example[127.0.0.30]:25: Connection refused'),
    rec('Nov 25 20:08:51 mx postfix/smtp[3596]: connect to mx-a.backupmx.example[127.0.0.30]:25: Connection refused'),
    rec(REFUSED),
  ]);
  assert.deepStrictEqual(r.smtpFailures, { smtp: { 'mx-a.backupmx.example[127.0.0.30]:25: Connection refused': 2 } });
});

test('lost connections and timeouts of SMTP conversations count with the connection failures, by host', () => {
  // postfix-grok-patterns (message-only lines of smtp)
  const smtp = (message: string): LogRecord => {
    const { queueId, event } = parseMessage('smtp', message);
    return { time: 0, offset: 0, host: 'mx', instance: 'postfix', service: '', daemon: 'smtp', pid: 1, queueId, event };
  };
  const r = run(problemsSection, [
    smtp('B99FE3D: lost connection with mx3.hotmail.com[65.55.37.72] while receiving the initial server greeting'),
    smtp('78D6B41: conversation with mx00.gmx.com[74.208.5.4] timed out while receiving the initial server greeting'),
  ]);
  assert.deepStrictEqual(r.smtpFailures, {
    smtp: {
      'mx3.hotmail.com[65.55.37.72]: lost connection while receiving the initial server greeting': 1,
      'mx00.gmx.com[74.208.5.4]: conversation timed out while receiving the initial server greeting': 1,
    },
  });
});

/** pflogsumm's `name (total: N)` group lines under a title, and the `count reason` lines under each. */
function pflogsummGroups(report: string, title: string): Map<string, { total: number; rows: [number, string][] }> {
  const start = report.indexOf(title);
  const lines = report.slice(start, report.indexOf('\n\n', start)).split('\n').slice(2);
  const groups = new Map<string, { total: number; rows: [number, string][] }>();
  let current: [number, string][] = [];
  for (const l of lines) {
    const g = /^ {2}(\S.*) \(total: (\d+)\)$/.exec(l);
    if (g !== null) groups.set(g[1]!, { total: Number(g[2]), rows: (current = []) });
    else {
      const m = /^\s+(\d+)\s{3}(.*)$/.exec(l);
      if (m !== null) current.push([Number(m[1]), m[2]!]);
    }
  }
  return groups;
}

test("on the lab log, deferrals per service and every bounce reason with its count equal pflogsumm's", { skip: sharedDir() === null }, async () => {
  const lab = join(sharedDir()!, 'lab', 'out');
  const { report } = await runReport([join(lab, 'maillog-traditional.log')], { year: 2026 });
  const pflogsumm = readFileSync(join(lab, 'pflogsumm', 'traditional.default.txt'), 'utf8');
  const deferrals = pflogsummGroups(pflogsumm, 'message deferral detail');
  const ours = Object.fromEntries(Object.entries(report.deferrals).map(([s, hosts]) => [s, Object.values(hosts).flatMap(Object.values).reduce((a, b) => a + b, 0)]));
  assert.deepStrictEqual(ours, Object.fromEntries([...deferrals].map(([s, g]) => [s, g.total])));
  // pflogsumm 1.1.5 groups bounces by the raw relay (`127.0.0.14[127.0.0.14]:2525`), we by its host: compare the reasons
  const theirs = [...pflogsummGroups(pflogsumm, 'message bounce detail (by relay)').values()].flatMap((g) => g.rows).sort();
  const mine = Object.values(report.bounces).flatMap((c) => Object.entries(c).map(([reason, n]) => [n, reason] as [number, string])).sort();
  assert.deepStrictEqual(mine, theirs);
});
