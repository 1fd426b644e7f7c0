// The content-filter hop rule (src/correlate/filter.ts), case by case: real delivery lines, and the state of the
// message their `queued as` names as the correlator would hold it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adopt, isFilterHop } from '../../src/correlate/filter.js';
import { MessageState } from '../../src/correlate/messages.js';
import type { DeliveryStatus, LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';

function record(line: string): LogRecord & { event: DeliveryStatus } {
  const r = parseLine(line, new StampClock(Date.UTC(2026, 11, 31), 2026));
  if (typeof r === 'string' || r.event.kind !== 'delivery-status') throw new Error('not a delivery line: ' + line);
  return r as LogRecord & { event: DeliveryStatus };
}

// lab out-filter/maillog-rfc3339.log line 34: the hand-off to the filter, connection open 0.04 + 0.02 s
const HANDOFF = record('2026-11-25T20:20:32.287496+01:00 mx postfix/smtp[7816]: 2FFDB1600B2: to=<bob@lab.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.11, delays=0.02/0.02/0.04/0.02, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 45A081600B7)');
// postfix_exporter Hsn723.log line 65: a relay whose reply names the sender's own queue ID
const SELF = record('Feb 11 16:49:24 letterman postfix/relay/smtp[8204]: AAB4D259B1: to=<me@example.net>, relay=example.com[127.0.0.1]:25, delay=0.1, delays=0.1/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as AAB4D259B1)');
// the same hand-off as Postfix before 2.3 logs it: delay= only, no delays=a/b/c/d (30 s: a slow filter)
const NO_STAGES = { ...HANDOFF, event: { ...HANDOFF.event, delays: null, delay: 30 } };

const T = HANDOFF.time;
const SECOND = 1000;

/** A message as the correlator holds it: queue ID, host, arrival time, and how it arrived. */
function message(queueId: string, at: number, origin: 'smtpd' | 'pickup' | 'unknown' = 'smtpd', host = 'mx'): MessageState {
  const m = new MessageState(queueId, host, 'postfix', at);
  m.origin = origin;
  return m;
}

interface Case { name: string; child: (parent: MessageState) => MessageState | undefined; event?: typeof HANDOFF; hop: boolean }

const CASES: Case[] = [
  { name: 'a child that arrived by smtpd while the connection was open is a re-injection', child: () => message('45A081600B7', T - 0.05 * SECOND), hop: true },
  { name: 'a child stamped up to two seconds off the window still is (one-second syslog stamps)', child: () => message('45A081600B7', T - 2 * SECOND), hop: true },
  { name: 'a message that arrived ten seconds before the connection opened is not the child', child: () => message('45A081600B7', T - 10 * SECOND), hop: false },
  { name: 'a message that arrives after the reply is not the child', child: () => message('45A081600B7', T + 5 * SECOND), hop: false },
  { name: 'without delays=, the whole delay= is the window', event: NO_STAGES, child: () => message('45A081600B7', T - 25 * SECOND), hop: true },
  { name: 'a queue ID of no message of this log is a remote server\'s: a delivery', child: () => undefined, hop: false },
  { name: 'a message from pickup is never a re-injection', child: () => message('45A081600B7', T, 'pickup'), hop: false },
  { name: 'a message whose claim window is over is not adopted any more', child: () => { const m = message('45A081600B7', T); m.settled = true; return m; }, hop: false },
  { name: 'a message of another syslog host is not this host\'s re-injection', child: () => message('45A081600B7', T, 'smtpd', 'mx2'), hop: false },
  { name: 'a child that named this chain (orig_queue_id) is a re-injection whenever it arrived', child: (p) => { const m = message('45A081600B7', T - 3600 * SECOND); adopt(p, m); return m; }, hop: true },
  { name: 'a child that named another chain is not this one\'s', child: () => { const m = message('45A081600B7', T); adopt(message('0000000000', T), m); return m; }, hop: false },
  { name: 'a reply that names the message itself is a delivery', event: SELF, child: (p) => p, hop: false },
];

for (const c of CASES) {
  test(c.name, () => {
    const event = c.event ?? HANDOFF;
    const parent = message(event.queueId!, T - 60 * SECOND);
    assert.equal(isFilterHop(parent, c.child(parent), event.event, event), c.hop);
  });
}

test('adopting makes the child count as its root: no receipt of its own, the root\'s received flag', () => {
  const root = message('2FFDB1600B2', T - SECOND);
  const middle = message('30DB9160092', T);
  const child = message('45A081600B7', T + SECOND);
  adopt(root, middle);
  adopt(middle, child);
  root.counted = true;
  assert.deepStrictEqual([child.root.queueId, child.parentId, child.received, child.acceptable], ['2FFDB1600B2', '30DB9160092', true, false]);
});
