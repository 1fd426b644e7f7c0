// Host/Domain summaries (delivery per recipient domain, receipt per sender domain), senders and recipients by
// count and size, and the messages with no size data: pflogsumm's sections 4, 5, 7 and 8, from the facts.

import type { FactOf, Message } from '../correlate/facts.js';
import type { DeliveryStatus } from '../parse/events.js';
import { distinctTotals } from '../report/merge.js';
import type { AddressStat, DeliveryDomain, ReceiptDomain } from '../report/model.js';
import { addressDomain, clientDomain, NULL_SENDER, recipientKey, senderKey } from './address.js';
import { toMs } from './counters.js';
import type { AggregateOptions, Section, SectionFactory } from './section.js';

/** The domains section's aggregator: maps of counters keyed by domain and address, nothing per message. */
export const domainsSection: SectionFactory = (options: AggregateOptions): Section => {
  const delivery = new Map<string, DeliveryDomain>();
  const receipt = new Map<string, ReceiptDomain>();
  const senders = new Map<string, AddressStat>();
  const recipients = new Map<string, AddressStat>();
  const noSize: string[] = [];

  function deliveryDomain(domain: string): DeliveryDomain {
    let d = delivery.get(domain);
    if (d === undefined) delivery.set(domain, (d = { delivered: 0, bytes: 0, defers: 0, delaySum: 0, delayMax: 0 }));
    return d;
  }

  function received(f: FactOf<'received'>): void {
    const m = f.message;
    // pflogsumm counts senders where qmgr logged `from=`; a message that never reached qmgr (held by smtpd) has none
    if (m.from === null) return;
    const sender = senderKey(m.from, options);
    const size = m.size ?? 0;
    add(senders, sender, size);
    const domain = sendingDomain(sender, m);
    let r = receipt.get(domain);
    if (r === undefined) receipt.set(domain, (r = { received: 0, bytes: 0 }));
    r.received++;
    r.bytes += size;
  }

  function delivered(f: FactOf<'delivered'>): void {
    const ev = deliveryOf(f.record.event);
    if (ev === null || f.forwarded) return; // `forwarded as`: its copy's own delivery is counted, as in pflogsumm
    const rcpt = recipientKey(ev.to, ev.origTo, options);
    const size = f.message?.size ?? null;
    const d = deliveryDomain(addressDomain(rcpt) ?? rcpt);
    d.delivered++;
    d.bytes += size ?? 0;
    if (ev.delay !== null) {
      // kept in milliseconds while counting so sums stay integers (see write)
      d.delaySum += toMs(ev.delay);
      if (ev.delay > d.delayMax) d.delayMax = ev.delay;
    }
    add(recipients, rcpt, size ?? 0);
    if (size === null) noSize.push(`${f.record.queueId ?? f.message?.queueId ?? '?'} ${rcpt}`);
  }

  function deferred(f: FactOf<'deferred'>): void {
    const ev = deliveryOf(f.record.event);
    if (ev === null) return;
    const rcpt = recipientKey(ev.to, ev.origTo, options);
    const d = deliveryDomain(addressDomain(rcpt) ?? rcpt);
    d.defers++;
    // pflogsumm's max delay covers deferred lines too (reference a.4), its average only the delivered ones
    if (ev.delay !== null && ev.delay > d.delayMax) d.delayMax = ev.delay;
  }

  return {
    fact(f) {
      if (f.kind === 'received') received(f);
      else if (f.kind === 'delivered') delivered(f);
      else if (f.kind === 'deferred') deferred(f);
    },
    write(report) {
      // copies, so a report can be written mid-stream (live mode) and counting goes on undisturbed
      report.deliveryDomains = Object.fromEntries([...delivery].map(([k, d]) => [k, { ...d, delaySum: d.delaySum / 1000 }]));
      report.receiptDomains = Object.fromEntries(receipt);
      report.senders = Object.fromEntries(senders);
      report.recipients = Object.fromEntries(recipients);
      report.noSize = noSize;
      Object.assign(report.totals, distinctTotals(report));
    },
  };
};

/**
 * The sending domain of a received message, as pflogsumm takes it: the sender's domain; for the null sender (or a
 * bare local name) the client's domain, or the sender itself for mail that came through pickup.
 */
function sendingDomain(sender: string, m: Message): string {
  const domain = sender === NULL_SENDER ? null : addressDomain(sender);
  if (domain !== null) return domain;
  if (m.client !== null) return clientDomain(m.client);
  return sender;
}

function deliveryOf(ev: { kind: string }): DeliveryStatus | null {
  return ev.kind === 'delivery-status' ? (ev as DeliveryStatus) : null;
}

function add(map: Map<string, AddressStat>, key: string, bytes: number): void {
  const s = map.get(key);
  if (s === undefined) map.set(key, { count: 1, bytes });
  else {
    s.count++;
    s.bytes += bytes;
  }
}
