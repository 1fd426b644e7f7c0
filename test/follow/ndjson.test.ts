// Live mode's NDJSON: one valid JSON line per reject and per finished message, each recipient's outcome in its
// message's line, nothing lost at the end of input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NdjsonWriter } from '../../src/follow/ndjson.js';
import { feed, sampleLines } from './lines.js';

test('every reject is a line and every delivery outcome is in exactly one message line', () => {
  const out: string[] = [];
  const writer = new NdjsonWriter((l) => out.push(l));
  const { facts } = feed(sampleLines(), [writer]);
  writer.finish();
  for (const l of out) assert.ok(l.endsWith('\n') && !l.slice(0, -1).includes('\n'), 'one line each');
  const objects = out.map((l) => JSON.parse(l) as { type: string; recipients?: { status: string }[]; complete?: boolean; class?: string });
  const rejects = objects.filter((o) => o.type === 'reject');
  assert.equal(rejects.length, facts.filter((f) => f.kind === 'rejected').length);
  assert.ok(rejects.every((r) => typeof r.class === 'string' && r.class !== ''));
  const messages = objects.filter((o) => o.type === 'message');
  const outcomes = messages.flatMap((m) => m.recipients!);
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  assert.equal(count('sent'), facts.filter((f) => f.kind === 'delivered' && !f.forwarded).length);
  assert.equal(count('deferred'), facts.filter((f) => f.kind === 'deferred').length);
  assert.equal(count('bounced'), facts.filter((f) => f.kind === 'bounced').length);
  assert.ok(messages.filter((m) => m.complete === true).length > 300, 'most messages end with their removed line');
});

test('a message line comes when qmgr removes the message, with its recipients', () => {
  const out: string[] = [];
  const writer = new NdjsonWriter((l) => out.push(l));
  const H = 'Nov 25 10:00:0';
  feed([
    `${H}1 mx postfix/pickup[9]: 1A2B3C4D5E: uid=0 from=<root>`,
    `${H}1 mx postfix/cleanup[11]: 1A2B3C4D5E: message-id=<m1@mx>`,
    `${H}1 mx postfix/qmgr[12]: 1A2B3C4D5E: from=<root@mx.example>, size=900, nrcpt=1 (queue active)`,
    `${H}2 mx postfix/local[13]: 1A2B3C4D5E: to=<alice@mx.example>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)`,
  ], [writer], false);
  assert.equal(out.length, 0, 'nothing before removed');
  feed([`${H}2 mx postfix/qmgr[12]: 1A2B3C4D5E: removed`], [writer], false);
  assert.equal(out.length, 1);
  const m = JSON.parse(out[0]!);
  assert.equal(m.queueId, '1A2B3C4D5E');
  assert.equal(m.complete, true);
  assert.deepStrictEqual(m.recipients.map((r: { to: string; status: string }) => [r.to, r.status]), [['alice@mx.example', 'sent']]);
});

test('a reject line carries a log string\'s C1 controls and bidi overrides as \\u escapes, the same JSON value', () => {
  const out: string[] = [];
  const writer = new NdjsonWriter((l) => out.push(l));
  const helo = 'evil\u009b2J\u202eexample';
  feed([`Nov 25 10:00:01 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from x.example[192.0.2.1]: 554 5.7.1 <a@b.example>: Relay access denied; from=<s@x.example> to=<a@b.example> proto=ESMTP helo=<${helo}>`], [writer]);
  assert.equal(out.length, 1);
  assert.ok(!/[\u0080-\u009f\u202e]/.test(out[0]!), 'nothing raw a terminal would act on');
  assert.equal(JSON.parse(out[0]!).helo, helo);
});
