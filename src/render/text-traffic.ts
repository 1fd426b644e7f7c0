// Text sections of the traffic reports, in pflogsumm's order: Grand Totals (with the smtpd and postscreen blocks),
// per-instance totals, Per-Day and Per-Hour traffic, Host/Domain summaries, SMTPD connection summaries,
// Senders and Recipients by count and by size, messages with no size data.

import { SECTION_TITLES as T } from '../report/labels.js';
import type { Report, Totals, Traffic } from '../report/model.js';
import { count, day, duration, hourRange, size } from './format.js';
import { CONNECTION_HEADS, connectionCells, messageRows, postscreenRows, smtpdRows, volumeRows } from './cells.js';
import type { RenderOptions } from './options.js';
import { dateSpan, dayCount, rankedBy, table, topNote, type Block, type Column } from './text-kit.js';

const R = (head: string): Column => ({ head, align: 'right' });
const L = (head: string): Column => ({ head, align: 'left' });

/** Grand Totals: messages, then bytes and distinct addresses; the smtpd and postscreen blocks when asked for. */
export function grandTotals(r: Report, o: RenderOptions): Block {
  const t = r.totals;
  const rows = [...messageRows(t), ['', ''], ...volumeRows(t)];
  const lines = ['messages', '', ...table([R(''), L('')], rows, o, { indent: 2, head: false })];
  if (o.smtpdStats) lines.push('', 'smtpd', '', ...table([R(''), L('')], smtpdRows(r), o, { indent: 2, head: false }));
  if (o.pscrnStats) lines.push('', 'postscreen', '', ...table([R(''), L('')], postscreenRows(r), o, { indent: 2, head: false }));
  return { title: T.grandTotals, lines };
}

/** Grand Totals per Postfix instance, when the log holds more than one. */
export function instances(r: Report, o: RenderOptions): Block {
  const names = Object.keys(r.instances).sort();
  if (names.length < 2) return null;
  const row = (name: string, t: Totals) => [name, count(t.received), count(t.delivered), count(t.deferred), count(t.bounced), count(t.rejected)];
  return {
    title: T.instances,
    lines: table([L('instance'), R('received'), R('delivered'), R('deferred'), R('bounced'), R('rejected')], names.map((n) => row(n, r.instances[n]!)), o),
  };
}

const TRAFFIC_COLUMNS = [R('received'), R('delivered'), R('deferred'), R('bounced'), R('rejected')];
// a daily average keeps one decimal: on a log of a few days most hours would otherwise round to 0
const trafficCells = (t: Traffic, divide = 1): string[] =>
  [t.received, t.delivered, t.deferred, t.bounced, t.rejected].map((n) => count(n / divide, divide === 1 ? 0 : 1));

/** Per-Day Traffic Summary: printed when the log covers more than one day, as pflogsumm does. */
export function perDay(r: Report, o: RenderOptions): Block {
  const days = Object.keys(r.perDay).sort();
  if (days.length < 2) return null;
  const shown = o.zeroFill ? dateSpan(days) : days;
  const zero: Traffic = { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };
  return {
    title: T.perDay,
    lines: table([L('date'), ...TRAFFIC_COLUMNS], shown.map((d) => [day(d, o.isoDateTime), ...trafficCells(r.perDay[d] ?? zero)]), o),
  };
}

/** Per-Hour Traffic Summary, or its Daily Average (rounded) when the log covers several days. */
export function perHour(r: Report, o: RenderOptions): Block {
  const days = dayCount(r.period.from, r.period.to, Object.keys(r.perDay).length);
  return {
    title: days > 1 ? T.perHourAverage : T.perHour,
    lines: table([L('time'), ...TRAFFIC_COLUMNS], r.perHour.map((t, h) => [hourRange(h, o.isoDateTime), ...trafficCells(t, days)]), o),
  };
}

/** Host/Domain Summary: Message Delivery, by recipient domain (sent count, bytes, defers, delays). */
export function deliveryDomains(r: Report, o: RenderOptions): Block {
  if (o.hostCount === 0) return null;
  const all = rankedBy(r.deliveryDomains, (d) => d.delivered, (d) => d.defers);
  const rows = all.slice(0, o.hostCount).map(([name, d]) => [
    count(d.delivered), size(d.bytes), count(d.defers), duration(d.delivered > 0 ? d.delaySum / d.delivered : 0), duration(d.delayMax), name,
  ]);
  return {
    title: T.deliveryDomains + topNote(o.hostCount, all.length),
    lines: rows.length === 0 ? [] : table([R('sent cnt'), R('bytes'), R('defers'), R('avg dly'), R('max dly'), L('host/domain')], rows, o),
  };
}

/** Host/Domain Summary: Messages Received, by sender domain. */
export function receiptDomains(r: Report, o: RenderOptions): Block {
  if (o.hostCount === 0) return null;
  const all = rankedBy(r.receiptDomains, (d) => d.received);
  const rows = all.slice(0, o.hostCount).map(([name, d]) => [count(d.received), size(d.bytes), name]);
  return {
    title: T.receiptDomains + topNote(o.hostCount, all.length),
    lines: rows.length === 0 ? [] : table([R('msg cnt'), R('bytes'), L('host/domain')], rows, o),
  };
}

const CONNECTION_COLUMNS = CONNECTION_HEADS.map(R);

/** Per-Day SMTPD Connection Summary (--smtpd-stats, more than one day). */
export function smtpdPerDay(r: Report, o: RenderOptions): Block {
  const days = Object.keys(r.smtpd.perDay).sort();
  if (!o.smtpdStats || days.length < 2) return null;
  return { title: T.smtpdPerDay, lines: table([L('date'), ...CONNECTION_COLUMNS], days.map((d) => [day(d, o.isoDateTime), ...connectionCells(r.smtpd.perDay[d]!)]), o) };
}

/** Per-Hour SMTPD Connection Summary, or its Daily Average (--smtpd-stats); hours without connections left out. */
export function smtpdPerHour(r: Report, o: RenderOptions): Block {
  if (!o.smtpdStats) return null;
  const days = dayCount(r.period.from, r.period.to, Object.keys(r.smtpd.perDay).length);
  const rows = r.smtpd.perHour.flatMap((c, h) => (c.connections === 0 ? [] : [[hourRange(h, o.isoDateTime), ...connectionCells(c, days)]]));
  return { title: days > 1 ? T.smtpdPerHourAverage : T.smtpdPerHour, lines: rows.length === 0 ? [] : table([L('hour'), ...CONNECTION_COLUMNS], rows, o) };
}

/** Host/Domain Summary: SMTPD Connections, by client domain (--smtpd-stats, -h rows). */
export function smtpdPerDomain(r: Report, o: RenderOptions): Block {
  if (!o.smtpdStats || o.hostCount === 0) return null;
  const all = rankedBy(r.smtpd.perDomain, (c) => c.connections);
  const rows = all.slice(0, o.hostCount).map(([name, c]) => [...connectionCells(c), name]);
  return { title: T.smtpdPerDomain + topNote(o.hostCount, all.length), lines: rows.length === 0 ? [] : table([...CONNECTION_COLUMNS, L('host/domain')], rows, o) };
}

/** Senders or recipients by message count or by size (-u rows). */
function addresses(title: string, map: Report['senders'], by: 'count' | 'bytes', o: RenderOptions): Block {
  if (o.userCount === 0) return null;
  const all = rankedBy(map, (a) => a[by]).filter(([, a]) => a[by] > 0);
  const rows = all.slice(0, o.userCount).map(([addr, a]) => [by === 'count' ? count(a.count) : size(a.bytes), addr]);
  return { title: title + topNote(o.userCount, all.length), lines: rows.length === 0 ? [] : table([R(by === 'count' ? 'count' : 'size'), L('address')], rows, o, { head: false, indent: 2 }) };
}

export const sendersByCount = (r: Report, o: RenderOptions): Block => addresses(T.sendersByCount, r.senders, 'count', o);
export const recipientsByCount = (r: Report, o: RenderOptions): Block => addresses(T.recipientsByCount, r.recipients, 'count', o);
export const sendersBySize = (r: Report, o: RenderOptions): Block => addresses(T.sendersBySize, r.senders, 'bytes', o);
export const recipientsBySize = (r: Report, o: RenderOptions): Block => addresses(T.recipientsBySize, r.recipients, 'bytes', o);

/** Messages with no size data: `queueId recipient` of deliveries whose size was never logged. */
export function noSize(r: Report, o: RenderOptions): Block {
  if (o.noNoMsgSize) return null;
  const rows = [...r.noSize].sort().map((entry) => {
    const sp = entry.indexOf(' ');
    return sp < 0 ? [entry, ''] : [entry.slice(0, sp), entry.slice(sp + 1)];
  });
  return { title: T.noSize, lines: rows.length === 0 ? [] : table([L('queue id'), L('recipient')], rows, o, { head: false, indent: 2 }) };
}
