// Grand Totals against the lab's ground truth (../shared/lab/out*/facts.json `truth_totals`, read in place) on both
// stamp formats, against pflogsumm's own figures on the same logs (each difference explained), and the invariants
// of a complete log. TZ is fixed so the classic stamps read as the lab wrote them (Europe/Berlin).
process.env.TZ = 'Europe/Berlin';

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline, runReport } from '../../src/cli/pipeline.js';
import { Correlator } from '../../src/correlate/index.js';
import type { LogRecord } from '../../src/parse/events.js';
import type { Report, Totals } from '../../src/report/model.js';
import { sharedDir } from '../corpus.js';

const shared = sharedDir();
const skip = shared === null ? 'needs ../shared (the lab), read in place' : false;
const LABS = ['out', 'out-filter'] as const;
const LOGS = ['maillog-traditional.log', 'maillog-rfc3339.log'] as const;
const TRUTH_FIELDS = ['received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'expired', 'rejected', 'rejectWarnings', 'held', 'discarded'] as const;

interface Facts {
  truth_totals: Record<(typeof TRUTH_FIELDS)[number], number>;
  log_counts: Record<string, number>;
  /** pflogsumm 1.1.5 with --syslog_name=postfix-out: it then reads every instance of the log, as we do */
  pflogsumm_syslogname_postfix_out: Record<string, string>;
}

const facts = (lab: string): Facts => JSON.parse(readFileSync(join(shared!, 'lab', lab, 'facts.json'), 'utf8')) as Facts;
const reports = new Map<string, Report>();
async function report(lab: string, log: string): Promise<Report> {
  const key = `${lab}/${log}`;
  if (!reports.has(key)) reports.set(key, (await runReport([join(shared!, 'lab', lab, log)], {})).report);
  return reports.get(key)!;
}
const pick = (t: Totals): Record<string, number> => Object.fromEntries(TRUTH_FIELDS.map((k) => [k, t[k]]));
/** pflogsumm prints a byte count over 512k as whole kilobytes, truncated (`21178k`). */
const kilo = (bytes: number): string => `${Math.trunc(bytes / 1024)}k`;

for (const lab of LABS) {
  for (const log of LOGS) {
    test(`${lab}/${log}: Grand Totals equal the lab's truth_totals`, { skip }, async () => {
      assert.deepStrictEqual(pick((await report(lab, log)).totals), facts(lab).truth_totals);
    });
  }

  test(`${lab}: the classic-stamp and RFC 3339 copies give the same totals, per instance too`, { skip }, async () => {
    const [a, b] = [await report(lab, LOGS[0]), await report(lab, LOGS[1])];
    assert.deepStrictEqual([a.totals, a.instances], [b.totals, b.instances]);
  });

  test(`${lab}: 4xx rejects are counted apart (all the lab's are smtpd's and postscreen's)`, { skip }, async () => {
    assert.equal((await report(lab, LOGS[0])).totals.rejectedTemporary, facts(lab).log_counts['  ... of which 4xx (temporary)']);
  });

  test(`${lab}: the messages left open at the end are exactly the queue at the end (held mail)`, { skip }, async () => {
    const queue = readFileSync(join(shared!, 'lab', lab, 'queue-at-end.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((l) => (JSON.parse(l) as { queue_id: string }).queue_id);
    const open: string[] = [];
    const c = new Correlator((f) => {
      if (f.kind === 'incomplete') open.push(`${f.reason} ${f.message.queueId}`);
    }, { horizonMs: 6 * 24 * 3600 * 1000 });
    await runPipeline([join(shared!, 'lab', lab, LOGS[0])], {}, (r) => {
      if (typeof r !== 'string') c.process(r);
    });
    c.finish();
    assert.deepStrictEqual(open.sort(), queue.map((q) => `end-of-input ${q}`).sort());
  });

  test(`${lab}: the per-instance rule counts senders as the report's Grand Totals do`, { skip }, async () => {
    // the whole log's distinct counts come from the domains section; the per-instance ones from totals.ts. All mail
    // is received by the `postfix` instance (postfix-out only delivers), so its senders are the log's senders.
    const whole = await report(lab, LOGS[0]);
    const mine = whole.instances['postfix']!;
    const senders = (t: Totals) => [t.senders, t.sendingDomains, t.bytesReceived];
    assert.deepStrictEqual(senders(mine), senders(whole.totals));
  });

  test(`${lab}: per-instance totals add up to the Grand Totals`, { skip }, async () => {
    const r = await report(lab, LOGS[0]);
    assert.deepStrictEqual(Object.keys(r.instances), ['postfix', 'postfix-out']);
    const additive = ['received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'rejected', 'rejectedTemporary', 'rejectWarnings', 'held', 'discarded', 'expired', 'bytesReceived', 'bytesDelivered'] as const;
    const sum = Object.fromEntries(additive.map((k) => [k, Object.values(r.instances).reduce((a, t) => a + t[k], 0)]));
    assert.deepStrictEqual(sum, Object.fromEntries(additive.map((k) => [k, r.totals[k]])));
    // postfix-out only delivers (transport out: with its own syslog_name): its deliveries are its own
    assert.deepStrictEqual([r.instances['postfix-out']!.received, r.instances['postfix-out']!.delivered > 0], [0, true]);
  });
}

/** Line counts of a lab log that relate our figures to pflogsumm's. */
async function labLines(path: string): Promise<{ requeueBytes: number; childBytes: number; hops: number; keys: number; generated: number }> {
  const size = new Map<string, number>();
  const clients = new Set<string>();
  const requeues = new Set<string>();
  const named = new Map<string, number>();
  const keys = new Set<string>();
  let generated = 0;
  await runPipeline([path], {}, (r: LogRecord | string) => {
    if (typeof r === 'string') return;
    const e = r.event;
    const q = r.queueId ?? '';
    if (e.kind === 'qmgr-queued' && !size.has(q)) size.set(q, e.size);
    else if (e.kind === 'smtpd-client' && r.queueId !== null) clients.add(q);
    else if (e.kind === 'pickup' && e.origQueueId !== null) requeues.add(q);
    else if (e.kind === 'bounce-notification') generated++;
    else if (e.kind === 'delivery-status') {
      keys.add(`${q} ${e.to} ${e.origTo ?? ''}`);
      if (e.queuedAs !== null) named.set(e.queuedAs, (named.get(e.queuedAs) ?? 0) + 1);
      if (e.forwardedAs !== null) generated++;
    }
  });
  // a content filter's re-injection: a queue ID some `queued as` names that arrived by smtpd in this same log
  const children = [...named.keys()].filter((q) => clients.has(q));
  const bytes = (ids: Iterable<string>) => [...ids].reduce((a, q) => a + (size.get(q) ?? 0), 0);
  return {
    requeueBytes: bytes(requeues),
    childBytes: bytes(children),
    hops: children.reduce((a, q) => a + named.get(q)!, 0),
    keys: keys.size,
    generated: generated + children.length + requeues.size,
  };
}

for (const lab of LABS) {
  test(`${lab}: where our Grand Totals differ from pflogsumm's, they differ by what pflogsumm counts wrongly`, { skip }, async () => {
    const t = (await report(lab, LOGS[0])).totals;
    const p = facts(lab).pflogsumm_syslogname_postfix_out;
    const n = await labLines(join(shared!, 'lab', lab, LOGS[0]));
    const num = (k: string) => Number(p[k]);
    // the same rule, the same figure
    assert.deepStrictEqual([t.forwarded, t.deferred, t.deferrals, t.rejected], [num('forwarded'), num('deferred'), num('deferrals'), num('rejected')]);
    // delivered: pflogsumm counts each hand-off to the content filter as a delivery too. Ours is right: the
    // hand-off is one hop of the message inside this server, its final delivery is counted once, by the child.
    assert.equal(t.delivered, num('delivered') - n.hops);
    // bytes received: pflogsumm adds the size of every `client=`/pickup queue ID, so a postsuper -r requeue and
    // each filter re-injection count a second time. Ours is right: it is the same message, received once.
    assert.equal(kilo(t.bytesReceived + n.requeueBytes + n.childBytes), p['bytes received']);
    // received, bounced, held, reject warnings: see facts.json truth (checked above); pflogsumm's are off by the
    // refused transactions and requeues, the expired recipients, postsuper -h, and access-map warn:
    assert.ok(t.received < num('received') && t.bounced > num('bounced') && t.held > num('held') && t.rejectWarnings > num('reject warnings'));
    if (n.hops === 0) {
      // without a filter pflogsumm's per-recipient sums are ours
      assert.deepStrictEqual([kilo(t.bytesDelivered), t.recipients, t.recipientDomains], [p['bytes delivered'], num('recipients'), num('recipient hosts/domains')]);
    } else {
      // with a filter pflogsumm also sums the hand-offs' sizes and counts their recipients (pre-alias-expansion
      // addresses, and recipients whose final delivery then failed). Ours is right: only what was delivered.
      assert.ok(t.bytesDelivered < Number(p['bytes delivered']!.slice(0, -1)) * 1024 && t.recipients < num('recipients'));
      assert.ok(t.recipientDomains <= num('recipient hosts/domains'));
    }
    // senders: pflogsumm knows a sender only from qmgr's from=, so it misses those of accepted messages that never
    // reach qmgr (held at the end, discarded); ours takes them from cleanup's or smtpd's envelope: more, by at most those
    assert.ok(t.senders >= num('senders') && t.senders - num('senders') <= t.held + t.discarded);
    // sending domains: for the null sender both take the client's domain; pflogsumm also takes a re-injected copy's
    // (localhost), which is not a sender's domain. Ours is right: at most as many.
    assert.ok(t.sendingDomains <= num('sending hosts/domains') && t.sendingDomains >= num('sending hosts/domains') - (n.hops > 0 ? 1 : 0));
  });
}

const LAB_LOGS = LABS.flatMap((lab) => [...LOGS, 'maillog-postlogd-longids.log'].map((log) => ({ lab, log })))
  .filter(({ lab, log }) => lab === 'out' || !log.includes('postlogd'));

for (const { lab, log } of LAB_LOGS) {
  test(`${lab}/${log}: a complete log's totals keep the invariants`, { skip }, async () => {
    const t = (await report(lab, log)).totals;
    const n = await labLines(join(shared!, 'lab', lab, log));
    // every delivered or bounced recipient is one recipient (queue ID, to, orig_to) the log shows
    assert.ok(t.delivered + t.bounced <= n.keys, `${t.delivered} + ${t.bounced} > ${n.keys}`);
    // a deferred message is one the server received or made itself (bounce, forward, re-injection, requeue)
    assert.ok(t.deferred <= t.received + n.generated);
    assert.ok(t.expired <= t.deferred && t.bounced >= t.expired);
    assert.ok(t.held >= 0 && t.discarded <= t.received);
  });
}

test('postlogd long-ID sample: received equals the messages its ledger saw accepted', { skip }, async () => {
  // the ledger of the traffic that made the log (lab out/postlogd-sample-ledger.jsonl): SMTP sessions answered 250
  // after DATA, smtp-source messages, sendmail runs that exited 0 (the truth rule of expected-facts.md §4)
  let accepted = 0;
  for (const line of readFileSync(join(shared!, 'lab/out/postlogd-sample-ledger.jsonl'), 'utf8').split('\n')) {
    if (line === '') continue;
    const e = JSON.parse(line) as { kind: string; data?: [number, string]; messages?: number; rc?: number };
    if (e.kind === 'smtp' && e.data?.[0] === 250) accepted++;
    else if (e.kind === 'smtp-source') accepted += e.messages ?? 0;
    else if (e.kind === 'sendmail' && e.rc === 0) accepted++;
  }
  assert.equal((await report('out', 'maillog-postlogd-longids.log')).totals.received, accepted);
});
