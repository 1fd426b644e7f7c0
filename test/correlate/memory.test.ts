// Bounded state: a generated stream of many messages that are never removed (and sessions that never disconnect)
// keeps the correlator's maps at the size one horizon of traffic needs, whatever the length of the log. Counted
// with the correlator's own map sizes after every message; nothing is timed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fact } from '../../src/correlate/facts.js';
import { Correlator } from '../../src/correlate/index.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HORIZON = 24 * HOUR;
const EVERY = MINUTE; // one message a minute
const DAYS = 20;
const N = (DAYS * 24 * HOUR) / EVERY;
const START = Date.UTC(2026, 10, 1);
/** message 0 keeps being retried at this interval (shorter than the horizon): it must stay in memory throughout */
const RETRY = 4 * HOUR;

/**
 * One message's lines, from lab out/maillog-rfc3339.log lines 60-66 and 6886 with the stamp, pid and queue ID
 * replaced: accepted, queued, deferred, never removed. Every other session has no disconnect line.
 */
function messageLines(i: number, t: number): string[] {
  const ts = new Date(t).toISOString();
  const qid = (0x100000000 + i).toString(16).toUpperCase().padStart(11, '0');
  const pid = 100000 + i;
  const lines = [
    `${ts} mx postfix/smtpd[${pid}]: connect from smtp.customer.example[127.0.0.41]`,
    `${ts} mx postfix/smtpd[${pid}]: ${qid}: client=smtp.customer.example[127.0.0.41]`,
    `${ts} mx postfix/cleanup[3595]: ${qid}: message-id=<lab.00006.in-mixed-unknown@traffic.lab.example>`,
    `${ts} mx postfix/qmgr[3546]: ${qid}: from=<m.mueller@customer.example>, size=4973, nrcpt=1 (queue active)`,
    deferral(qid, ts),
  ];
  if (i % 2 === 0) lines.push(`${ts} mx postfix/smtpd[${pid}]: disconnect from smtp.customer.example[127.0.0.41] ehlo=1 mail=1 rcpt=1/3 data=1 quit=1 commands=5/7`);
  return lines;
}

function deferral(qid: string, ts: string): string {
  return `${ts} mx postfix/smtp[4232]: ${qid}: to=<team@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.01, delays=0/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))`;
}

test('messages never removed and sessions never ended leave memory after the horizon: the maps stay bounded', () => {
  const counts = new Map<string, number>();
  const evicted: string[] = [];
  const c = new Correlator((f: Fact) => {
    const key = f.kind === 'incomplete' ? `incomplete ${f.reason}` : f.kind === 'session-end' ? `session-end ${f.record === null ? 'evicted' : 'disconnect'}` : f.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (f.kind === 'incomplete' && f.message.queueId === '00100000000') evicted.push(f.reason);
  }, { horizonMs: HORIZON });
  const clock = new StampClock(START);
  let maxMessages = 0;
  let maxSessions = 0;
  let maxSettling = 0;
  let nextRetry = START + RETRY;
  for (let i = 0; i < N; i++) {
    const t = START + i * EVERY;
    const lines = messageLines(i, t);
    if (t >= nextRetry) {
      lines.push(deferral('00100000000', new Date(t).toISOString()));
      nextRetry += RETRY;
    }
    for (const line of lines) {
      const r = parseLine(line, clock);
      assert.ok(typeof r !== 'string', line);
      c.process(r);
    }
    const sizes = c.sizes();
    maxMessages = Math.max(maxMessages, sizes.messages);
    maxSessions = Math.max(maxSessions, sizes.sessions);
    maxSettling = Math.max(maxSettling, sizes.settling);
  }
  c.finish();

  // a silent message leaves within 1.25 horizons (the sweep runs every quarter horizon): that many minutes of
  // traffic, plus the one message that is never silent
  const bound = (1.25 * HORIZON) / EVERY + 2;
  assert.ok(maxMessages <= bound, `messages held ${maxMessages} > ${bound}`);
  assert.ok(maxSessions <= bound / 2, `sessions held ${maxSessions} > ${bound / 2}`);
  assert.ok(maxMessages < N / 10, 'memory does not follow the length of the log');
  // the settle queue holds the last five minutes of arrivals
  assert.ok(maxSettling <= (5 * MINUTE) / EVERY + 1, `settling ${maxSettling}`);
  assert.deepStrictEqual(c.sizes(), { messages: 0, sessions: 0, settling: 0 });
  // every message is accounted for once: received, then left as incomplete (the retried one only at the end)
  const incomplete = (counts.get('incomplete horizon') ?? 0) + (counts.get('incomplete end-of-input') ?? 0);
  assert.deepStrictEqual([counts.get('received'), incomplete, evicted], [N, N, ['end-of-input']]);
  assert.deepStrictEqual([counts.get('session-end disconnect'), counts.get('session-end evicted')], [N / 2, N / 2]);
});
