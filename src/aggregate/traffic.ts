// Per-Day and Per-Hour traffic (pflogsumm's two traffic tables), by the log's own local time: the date and hour
// of each fact's line as its stamp gives them (record.time + record.offset), never the local zone of the reader.

import { emptyTraffic } from '../report/empty.js';
import type { Traffic } from '../report/model.js';
import type { Section, SectionFactory } from './section.js';
import { expiredBounces } from './totals.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** A line's time on the clock of its stamp's zone, as ms since 1970-01-01 on that clock. */
function localMs(time: number, offset: number): number {
  return time + offset * MS_PER_MINUTE;
}

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01 on the stamp's clock). */
function dayKey(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The traffic section. Columns, so that each adds up to its Grand Total: received, delivered (not `forwarded as`),
 * bounced (bounced lines and the undelivered recipients of expired messages) count the same facts as Grand
 * Totals; deferred counts deferral lines (pflogsumm's column: Grand Totals' `deferrals`); rejected is rejects +
 * reject warnings + holds + discards (pflogsumm's column). Every day the log has a line on gets a row, so renderers
 * can divide the hourly sums by the number of days for the daily average.
 */
export const trafficSection: SectionFactory = (): Section => {
  const perDay = new Map<number, Traffic>();
  const perHour = Array.from({ length: 24 }, emptyTraffic);
  // a log runs day after day: the last day's row is kept at hand
  let lastDay = Number.NaN;
  let lastRow: Traffic = emptyTraffic();

  const dayRow = (day: number): Traffic => {
    if (day === lastDay) return lastRow;
    let row = perDay.get(day);
    if (row === undefined) {
      row = emptyTraffic();
      perDay.set(day, row);
    }
    lastDay = day;
    lastRow = row;
    return row;
  };

  return {
    record(r) {
      dayRow(Math.floor(localMs(r.time, r.offset) / MS_PER_DAY));
    },
    fact(f) {
      let column: keyof Traffic;
      let n = 1;
      switch (f.kind) {
        case 'received':
          column = 'received';
          break;
        case 'delivered':
          if (f.forwarded) return;
          column = 'delivered';
          break;
        case 'deferred':
          column = 'deferred';
          break;
        case 'bounced':
          column = 'bounced';
          break;
        case 'expired':
          column = 'bounced';
          n = expiredBounces(f.recipients);
          break;
        case 'rejected':
        case 'held':
        case 'discarded':
          column = 'rejected';
          break;
        default:
          return;
      }
      const local = localMs(f.record.time, f.record.offset);
      const day = Math.floor(local / MS_PER_DAY);
      dayRow(day)[column] += n;
      perHour[Math.floor((local - day * MS_PER_DAY) / MS_PER_HOUR)]![column] += n;
    },
    write(report) {
      const days = [...perDay.keys()].sort((a, b) => a - b);
      report.perDay = {};
      for (const d of days) report.perDay[dayKey(d)] = perDay.get(d)!;
      report.perHour = perHour;
    },
  };
};
