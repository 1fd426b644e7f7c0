// Grand Totals (report.totals) and, when the log holds several Postfix instances, the same per instance
// (report.instances). Counts the correlator's facts; every rule is stated once, on `Acc`'s methods.

import type { Fact, Message } from '../correlate/facts.js';
import type { LogRecord } from '../parse/events.js';
import { emptyTotals } from '../report/empty.js';
import type { Totals } from '../report/model.js';
import { addressDomain, clientDomain, NULL_SENDER, recipientKey, senderKey } from './address.js';
import type { AggregateOptions, Section, SectionFactory } from './section.js';

/**
 * The sending domain of a received message, by the domains section's rule (pflogsumm's): the sender's domain;
 * for the null sender or a bare local name, the client's domain, or the sender itself for mail from pickup.
 */
function sendingDomain(sender: string, m: Message): string {
  const domain = sender === NULL_SENDER ? null : addressDomain(sender);
  if (domain !== null) return domain;
  return m.client !== null ? clientDomain(m.client) : sender;
}

/** The totals of one scope (the whole log, or one instance), with the distinct sets behind the distinct counts. */
class Acc {
  readonly t: Totals = emptyTotals();
  private readonly senders = new Set<string>();
  private readonly sendingDomains = new Set<string>();
  private readonly recipients = new Set<string>();
  private readonly recipientDomains = new Set<string>();

  /** `distinct`: keep the sets behind the distinct counts (the whole log's come from the domains section instead) */
  constructor(private readonly options: AggregateOptions, private readonly distinct: boolean) {}

  /**
   * A new accepted message: its qmgr size (0 when never queued: held, discarded, bounced by cleanup) and its
   * sender, keyed as the domains section keys senders (address.ts, with -i, --verp-mung, --srs-mung).
   */
  received(m: Message): void {
    this.t.received++;
    this.t.bytesReceived += m.size ?? 0;
    if (m.from === null || !this.distinct) return;
    const sender = senderKey(m.from, this.options);
    this.senders.add(sender);
    this.sendingDomains.add(sendingDomain(sender, m));
  }

  /**
   * A final delivery: counted per recipient line with the size of the message as it arrived (the root of a
   * filter chain), its recipient (orig_to with --use-orig-to) counted as a distinct recipient, keyed as the
   * domains section keys it (address.ts). `forwarded as` only counts as forwarded: the forwarded copy's own
   * delivery is the delivery.
   */
  delivered(m: Message | null, record: LogRecord, forwarded: boolean): void {
    if (forwarded) {
      this.t.forwarded++;
      return;
    }
    this.t.delivered++;
    this.t.bytesDelivered += m?.size ?? 0;
    if (record.event.kind !== 'delivery-status' || !this.distinct) return;
    const e = record.event;
    const rcpt = recipientKey(e.to, e.origTo, this.options);
    this.recipients.add(rcpt);
    this.recipientDomains.add(addressDomain(rcpt) ?? rcpt);
  }

  /** The fact's counts that need no address. */
  count(f: Fact): void {
    const t = this.t;
    switch (f.kind) {
      case 'deferred':
        t.deferrals++;
        if (f.firstForMessage) t.deferred++;
        return;
      case 'bounced':
        t.bounced++;
        return;
      case 'expired':
        t.expired++;
        t.bounced += expiredBounces(f.recipients);
        return;
      case 'rejected':
        if (f.warnOnly) t.rejectWarnings++;
        else {
          t.rejected++;
          if (f.temporary) t.rejectedTemporary++;
        }
        return;
      case 'held':
        t.held++;
        return;
      case 'discarded':
        t.discarded++;
        return;
      default:
        return;
    }
  }

  /** The totals with the distinct counts filled in. */
  totals(): Totals {
    return {
      ...this.t,
      senders: this.senders.size,
      sendingDomains: this.sendingDomains.size,
      recipients: this.recipients.size,
      recipientDomains: this.recipientDomains.size,
    };
  }
}

/**
 * How many bounces an expiry makes: each recipient never delivered is returned to the sender. An expired message
 * has at least one; when the log shows none of its recipients' attempts (they were before the log), count one.
 */
export function expiredBounces(recipients: readonly string[]): number {
  return Math.max(recipients.length, 1);
}

/** The record a fact is attributed to (its time and instance). */
function recordOf(f: Fact): LogRecord | null {
  return f.kind === 'incomplete' ? null : f.record;
}

/** The Grand Totals section. */
export const totalsSection: SectionFactory = (options): Section => {
  // the whole log's distinct counts (senders, recipients and their domains) are the domains section's, from the
  // same maps that merges recompute them from (it writes after this section); only instances keep sets here
  const all = new Acc(options, false);
  const instances = new Map<string, Acc>();
  const instanceOf = (name: string): Acc => {
    let acc = instances.get(name);
    if (acc === undefined) {
      acc = new Acc(options, true);
      instances.set(name, acc);
    }
    return acc;
  };
  const add = (acc: Acc, f: Fact): void => {
    if (f.kind === 'received') acc.received(f.message);
    else if (f.kind === 'delivered') acc.delivered(f.message, f.record, f.forwarded);
    else acc.count(f);
  };
  let lastInstance = '';
  return {
    record(r) {
      if (r.instance === lastInstance) return;
      lastInstance = r.instance;
      instanceOf(r.instance);
    },
    fact(f) {
      const r = recordOf(f);
      if (r === null) return;
      add(all, f);
      add(instanceOf(r.instance), f);
    },
    write(report) {
      report.totals = all.totals();
      report.instances = instances.size > 1
        ? Object.fromEntries([...instances].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, acc]) => [name, acc.totals()]))
        : {};
    },
  };
};
