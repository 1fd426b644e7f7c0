// The correlator over every real log of the lab and the corpus (../shared, read in place, never copied): it never
// throws, leaves nothing in memory, and its Grand Totals keep the invariants any Postfix log must satisfy, each
// checked against counts taken straight from the lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogRecord } from '../../src/parse/events.js';
import { logSources, sharedDir } from '../corpus.js';
import { totalsOf } from './run.js';

const shared = sharedDir();
const skip = shared === null ? 'needs ../shared (lab logs and corpus), read in place' : false;

/** What the lines say, counted one by one without correlating anything. */
interface LineCounts {
  sent: number;
  forwardedAs: number;
  deferredLines: number;
  bouncedLines: number;
  expiredLines: number;
  /** smtpd/postscreen/cleanup/proxy reject lines, reject_warning, cleanup WARN, access-map warn */
  rejectFamily: number;
  /** `QID: client=` and pickup lines: pflogsumm's received */
  arrivals: number;
}

function countLines(records: readonly LogRecord[]): LineCounts {
  const c: LineCounts = { sent: 0, forwardedAs: 0, deferredLines: 0, bouncedLines: 0, expiredLines: 0, rejectFamily: 0, arrivals: 0 };
  for (const r of records) {
    const e = r.event;
    if (e.kind === 'delivery-status') {
      if (e.status === 'sent') c.sent++;
      if (e.forwardedAs !== null) c.forwardedAs++;
      if (e.status === 'deferred') c.deferredLines++;
      if (e.status === 'bounced') c.bouncedLines++;
    } else if (e.kind === 'qmgr-expired') c.expiredLines++;
    else if (e.kind === 'smtpd-reject' || e.kind === 'postscreen-reject') c.rejectFamily++;
    else if (e.kind === 'cleanup-check' && (e.action === 'reject' || e.action === 'milter-reject' || e.action === 'warning')) c.rejectFamily++;
    else if (e.kind === 'smtpd-action' && e.action === 'warn') c.rejectFamily++;
    else if (e.kind === 'smtpd-proxy' && !e.accepted) c.rejectFamily++;
    else if ((e.kind === 'smtpd-client' && r.queueId !== null) || e.kind === 'pickup') c.arrivals++;
  }
  return c;
}

test('every lab and corpus log correlates without throwing, leaves nothing in memory, and keeps the invariants', { skip }, () => {
  const checked: string[] = [];
  for (const src of logSources(shared!)) {
    const { records, totals: t, left } = totalsOf(src.abs);
    const n = countLines(records);
    const where = `${src.path}: ${JSON.stringify(t)} ${JSON.stringify(n)}`;
    assert.equal(left, 0, where);
    // every status=sent line is one delivery, one forward, or one hand-off to a content filter
    assert.ok(t.delivered + t.forwarded <= n.sent, where);
    assert.equal(t.forwarded, n.forwardedAs, where);
    assert.equal(t.deferrals, n.deferredLines, where);
    assert.ok(t.deferred <= t.deferrals, where);
    assert.equal(t.expired, n.expiredLines, where);
    // an expiry returns at least one recipient, and only recipients that were deferred
    assert.ok(t.bounced - n.bouncedLines >= t.expired && t.bounced - n.bouncedLines <= t.expired + n.deferredLines, where);
    assert.equal(t.rejected + t.rejectWarnings, n.rejectFamily, where);
    assert.ok(t.rejectedTemporary <= t.rejected, where);
    // pflogsumm's received counts every arrival line; ours leaves out refusals, re-injections and requeues
    assert.ok(t.received <= n.arrivals, where);
    assert.ok(t.recipients <= t.delivered && t.senders <= t.received, where);
    checked.push(src.path);
  }
  assert.ok(checked.length > 50, `only ${checked.length} logs checked`);
});
