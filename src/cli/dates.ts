// pflogsumm's -d: which days of the log to report, as a range of local dates. The pipeline keeps a record when
// its local date (the stamp's own wall clock, offset applied) falls in the range.

import { endOfMonth, endOfWeek, isValid, parse, startOfMonth, startOfWeek, subDays, subMonths, subWeeks } from 'date-fns';
import { UserError } from '../errors.js';

/** An inclusive range of days, as day numbers (days since 1970-01-01 of the log's local dates). */
export interface DayRange {
  from: number;
  to: number;
}

const DAY_MS = 86400000;

/** The day number of a record: its local date as the stamp wrote it (time plus its UTC offset in minutes). */
export function dayOf(time: number, offset: number): number {
  return Math.floor((time + offset * 60000) / DAY_MS);
}

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** A day number as YYYY-MM-DD. */
export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

const SPEC = `today, yesterday, this week, last week, this month, last month, YYYY-MM-DD, YYYY-MM, or "A to B"`;

/**
 * Parses a -d value (pflogsumm 1.3's forms; underscores may stand for spaces): `today`, `yesterday`, `this week`,
 * `last week` (weeks start on Sunday, as pflogsumm's), `this month`, `last month`, `YYYY-MM-DD`, `YYYY-MM`, and
 * `A to B` or `A - B` with A and B any of those. `now` is today in the machine's time zone.
 */
export function parseDateRange(text: string, now: Date): DayRange {
  const value = text.trim().replace(/_/g, ' ').replace(/\s+/g, ' ').toLowerCase();
  const parts = value.split(/ (?:to|-) /);
  if (parts.length === 2) {
    const a = single(parts[0]!, now, text);
    const b = single(parts[1]!, now, text);
    if (b.to < a.from) throw new UserError(`postsumm: -d '${text}' ends before it starts`);
    return { from: a.from, to: b.to };
  }
  if (parts.length > 2) throw bad(text);
  return single(value, now, text);
}

/** The day number of a local calendar date. */
function dayOfDate(d: Date): number {
  return dayNumber(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** One -d value as a range; calendar arithmetic (weeks start on Sunday, as pflogsumm's; month ends) by date-fns. */
function single(value: string, now: Date, text: string): DayRange {
  const today = dayOfDate(now);
  switch (value) {
    case 'today': return { from: today, to: today };
    case 'yesterday': return { from: dayOfDate(subDays(now, 1)), to: dayOfDate(subDays(now, 1)) };
    case 'this week': return { from: dayOfDate(startOfWeek(now)), to: today };
    case 'last week': {
      const week = subWeeks(now, 1);
      return { from: dayOfDate(startOfWeek(week)), to: dayOfDate(endOfWeek(week)) };
    }
    case 'this month': return { from: dayOfDate(startOfMonth(now)), to: today };
    case 'last month': return month(subMonths(now, 1));
  }
  // `2026-11-25` or `2026-11-5`; date-fns refuses dates that do not exist (Feb 30)
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) {
    const d = parse(value, 'yyyy-M-d', now);
    if (!isValid(d)) throw bad(text);
    return { from: dayOfDate(d), to: dayOfDate(d) };
  }
  if (/^\d{4}-\d{1,2}$/.test(value)) {
    const d = parse(value, 'yyyy-M', now);
    if (!isValid(d)) throw bad(text);
    return month(d);
  }
  throw bad(text);
}

/** The whole month of `d`. */
function month(d: Date): DayRange {
  return { from: dayOfDate(startOfMonth(d)), to: dayOfDate(endOfMonth(d)) };
}

function bad(text: string): UserError {
  return new UserError(`postsumm: -d takes ${SPEC}, not '${text}'`);
}
