// Report figures as the cell strings both the text and the HTML renderer show: one place decides what a
// connection row or the input summary says, so the two formats never disagree.

import type { ConnectionStat, Report, Totals } from '../report/model.js';
import { clock, count, decimal, duration, percent, size } from './format.js';
import { rejectClassLabel } from '../report/labels.js';
import { ranked, sum, type ListRow } from './text-kit.js';

/** Connection statistics added up: connections and seconds summed, the longest kept. */
export function sumStats(stats: readonly ConnectionStat[]): ConnectionStat {
  const s: ConnectionStat = { connections: 0, seconds: 0, max: 0 };
  for (const c of stats) {
    s.connections += c.connections;
    s.seconds += c.seconds;
    s.max = Math.max(s.max, c.max);
  }
  return s;
}

/** The headings of a connection row's cells (connectionCells). */
export const CONNECTION_HEADS = ['connections', 'time conn.', 'avg./conn.', 'max. time'] as const;

/** A connection row: connections, connected time, average, longest; `divide` for a daily average. */
export function connectionCells(c: ConnectionStat, divide = 1): string[] {
  return [
    count(c.connections / divide, divide === 1 ? 0 : 1), clock(c.seconds / divide),
    duration(c.connections > 0 ? c.seconds / c.connections : 0), duration(c.max),
  ];
}

/** The input summary's rows: a count and what it counts (lines read, Postfix lines, unrecognized, …). */
export function inputRows(r: Report): string[][] {
  const i = r.input;
  const unrecognized = sum(i.unrecognized);
  const rows: string[][] = [
    [count(i.lines), 'lines read'],
    [count(i.postfixLines), 'Postfix lines'],
    [count(unrecognized), unrecognized > 0 ? 'of them not recognized (below)' : 'of them not recognized'],
    [count(i.foreign), 'lines of other programs'],
    [count(i.malformed), 'lines without a usable syslog header'],
  ];
  if (i.cut > 0) rows.push([count(i.cut), 'lines cut at 64 KiB']);
  if (i.incompleteMessages > 0) rows.push([count(i.incompleteMessages), 'messages still in the queue at the end (or silent too long)']);
  return rows;
}

/** Grand Totals' message lines: received … expired, with pflogsumm's rejected and discarded percentages. */
export function messageRows(t: Totals): string[][] {
  // pflogsumm's approximation, kept so the figure means what its users expect (POD NOTES)
  const base = t.delivered + t.rejected + t.discarded;
  const temp = t.rejectedTemporary > 0 ? `, ${count(t.rejectedTemporary)} of them 4xx temporary` : '';
  return [
    [count(t.received), 'received'],
    [count(t.delivered), 'delivered'],
    [count(t.forwarded), 'forwarded'],
    [count(t.deferred), `deferred (${count(t.deferrals)} deferrals)`],
    [count(t.bounced), t.expired > 0 ? 'bounced (with the recipients of expired messages)' : 'bounced'],
    [count(t.rejected), `rejected (${percent(t.rejected, base)}${temp})`],
    [count(t.rejectWarnings), 'reject warnings'],
    [count(t.held), 'held'],
    [count(t.discarded), `discarded (${percent(t.discarded, base)})`],
    [count(t.expired), 'expired'],
  ];
}

/** Grand Totals' volume lines: bytes, senders, recipients and their domains. */
export function volumeRows(t: Totals): string[][] {
  return [
    [size(t.bytesReceived), 'bytes received'],
    [size(t.bytesDelivered), 'bytes delivered'],
    [count(t.senders), 'senders'],
    [count(t.sendingDomains), 'sending hosts/domains'],
    [count(t.recipients), 'recipients'],
    [count(t.recipientDomains), 'recipient hosts/domains'],
  ];
}

/** Grand Totals' smtpd block (--smtpd-stats). */
export function smtpdRows(r: Report): string[][] {
  const c = sumStats(Object.values(r.smtpd.perDay));
  return [
    [count(c.connections), 'connections'],
    [count(Object.keys(r.smtpd.perDomain).length), 'hosts/domains'],
    [decimal(c.connections > 0 ? c.seconds / c.connections : 0), 'avg. connect time (seconds)'],
    [clock(c.seconds), 'total connect time'],
  ];
}

/** Grand Totals' postscreen block (--pscrn-stats). */
export function postscreenRows(r: Report): string[][] {
  return [[count(r.postscreen.connections), 'connections'], [count(r.postscreen.clients.length), 'IP addresses']];
}

/** Rejects by restriction class, one row per class: 5xx, 4xx, warn-only counts and the class's label. */
export function rejectClassRows(r: Report, names: readonly string[]): string[][] {
  return names.map((n) => {
    const c = r.rejectClasses[n]!;
    return [count(c.permanent), count(c.temporary), count(c.warnOnly), rejectClassLabel(n)];
  });
}

/** Each restriction class with its total, then its `limit` top reasons and clients, as nested list rows. */
export function rejectClassDetail(r: Report, names: readonly string[], limit: number): ListRow[] {
  const nested: ListRow[] = [];
  for (const n of names) {
    const c = r.rejectClasses[n]!;
    nested.push({ count: null, text: rejectClassLabel(n), suffix: ` (total: ${count(c.permanent + c.temporary + c.warnOnly)})`, depth: 1 });
    for (const [what, counts] of [['reasons', c.reasons], ['clients', c.clients]] as const) {
      const all = ranked(counts);
      if (all.length === 0) continue;
      nested.push({ count: null, text: what, suffix: all.length > limit ? ` (top ${limit} of ${all.length} shown)` : '', depth: 2 });
      for (const [k, v] of all.slice(0, limit)) nested.push({ count: count(v), text: k, depth: 3 });
    }
  }
  return nested;
}
