// pflogsumm's -d: which days of the log to report, as a range of local dates. The pipeline keeps a record when
// its local date (the stamp's own wall clock, offset applied) falls in the range.

import { UserError } from './errors.js';

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

function single(value: string, now: Date, text: string): DayRange {
  const today = dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
  switch (value) {
    case 'today': return { from: today, to: today };
    case 'yesterday': return { from: today - 1, to: today - 1 };
    case 'this week': return { from: today - now.getDay(), to: today };
    case 'last week': return { from: today - now.getDay() - 7, to: today - now.getDay() - 1 };
    case 'this month': return { from: dayNumber(now.getFullYear(), now.getMonth() + 1, 1), to: today };
    case 'last month': return month(now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear(), now.getMonth() === 0 ? 12 : now.getMonth());
  }
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(value);
  if (m === null) throw bad(text);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw bad(text);
  if (m[3] === undefined) return month(y, mo);
  const d = Number(m[3]);
  const n = dayNumber(y, mo, d);
  // Date.UTC rolls Feb 30 over to March: a date that does not come back as itself does not exist
  if (d < 1 || dayString(n) !== `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`) throw bad(text);
  return { from: n, to: n };
}

function month(y: number, m: number): DayRange {
  return { from: dayNumber(y, m, 1), to: dayNumber(y, m + 1, 1) - 1 };
}

function bad(text: string): UserError {
  return new UserError(`postsumm: -d takes ${SPEC}, not '${text}'`);
}
