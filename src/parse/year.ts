// Stateful year inference and stamp → epoch conversion, used by the pipeline once per input file.
// Classic syslog stamps carry no year. We take it from --year, else from a reference time (the file's
// modification time, or now for standard input), and move to the next year when the month goes back
// across New Year (Dec → Jan). A stamp that carries a year keeps it.

import type { Stamp } from './timestamp.js';

/** A log's first line may lie after its reference time by this much (clock skew, mtime of a copied file). */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
/**
 * Lines may come a little out of order (several syslog sources, rsyslog queues). A month that goes back by
 * more than this many months is a new year; one that goes forward by more is a late line of the old year.
 */
const MONTH_JUMP = 6;

/** Turns stamps into epoch milliseconds and UTC offsets, supplying missing years. */
export class StampClock {
  private year = 0;
  private lastMonth = 0;
  // one-entry cache: lines of the same minute share the epoch of that minute (no Date per line)
  private cacheKey = -1;
  private cacheOffsetKey: number | null = null;
  private cacheEpoch = 0;
  private cacheOffset = 0;

  /**
   * @param reference epoch ms the log is known to end near (file mtime, or now)
   * @param fixedYear the year of the first yearless stamp (--year), or 0 to infer it from `reference`
   */
  constructor(private readonly reference: number, private readonly fixedYear = 0) {}

  /** The year a yearless stamp belongs to; advances across New Year. */
  yearOf(stamp: Stamp): number {
    if (stamp.year !== 0) return stamp.year;
    if (this.year === 0) {
      if (this.fixedYear !== 0) this.year = this.fixedYear;
      else {
        const refYear = new Date(this.reference).getFullYear();
        const guess = new Date(refYear, stamp.month - 1, stamp.day, stamp.hour, stamp.minute).getTime();
        this.year = guess > this.reference + FUTURE_TOLERANCE_MS ? refYear - 1 : refYear;
      }
      this.lastMonth = stamp.month;
      return this.year;
    }
    const m = stamp.month;
    if (m < this.lastMonth - MONTH_JUMP) {
      this.year++;
      this.lastMonth = m;
      return this.year;
    }
    if (m > this.lastMonth + MONTH_JUMP) return this.year - 1; // a straggler from December; state unchanged
    this.lastMonth = m;
    return this.year;
  }

  /** Epoch ms of the stamp; `offsetOut[0]` receives its UTC offset in minutes. */
  epochOf(stamp: Stamp, offsetOut: number[]): number {
    const year = this.yearOf(stamp);
    const key = (((year * 13 + stamp.month) * 32 + stamp.day) * 24 + stamp.hour) * 60 + stamp.minute;
    const within = stamp.second * 1000 + stamp.millis;
    if (key === this.cacheKey && stamp.offset === this.cacheOffsetKey) {
      offsetOut[0] = this.cacheOffset;
      return this.cacheEpoch + within;
    }
    let epoch: number;
    let offset: number;
    if (stamp.offset !== null) {
      offset = stamp.offset;
      epoch = Date.UTC(year, stamp.month - 1, stamp.day, stamp.hour, stamp.minute) - offset * 60000;
    } else {
      const d = new Date(year, stamp.month - 1, stamp.day, stamp.hour, stamp.minute);
      epoch = d.getTime();
      offset = -d.getTimezoneOffset() || 0;
    }
    this.cacheKey = key;
    this.cacheOffsetKey = stamp.offset;
    this.cacheEpoch = epoch;
    this.cacheOffset = offset;
    offsetOut[0] = offset;
    return epoch + within;
  }
}

/** ISO 8601 with the stamp's own offset: `2026-11-25T20:08:38.291+01:00` (milliseconds always shown). */
export function isoTime(time: number, offset: number): string {
  const local = new Date(time + offset * 60000).toISOString(); // …Z, but shifted to local wall time
  if (offset === 0) return local;
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${local.slice(0, -1)}${sign}${hh}:${mm}`;
}
