// Syslog time stamps: the shapes Postfix logs come in, as small objects tried in order.
// Each reads the stamp at the start of a line into a Stamp and says where the stamp ends; none allocates a Date.

/** A stamp as written. `year` is 0 when the stamp has none (classic syslog): year.ts supplies it. */
export interface Stamp {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** milliseconds within the second (finer fractions are cut, not rounded) */
  millis: number;
  /** offset from UTC in minutes when the stamp states one; null means the local time of the machine */
  offset: number | null;
}

/** One stamp shape: `parse` fills `out` and returns the index just past the stamp, or -1 when it does not fit. */
export interface StampFormat {
  name: string;
  parse(line: string, start: number, out: Stamp): number;
}

const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/**
 * Zone abbreviations `journalctl -o short-full` prints (`Tue 2026-11-25 06:25:01 CET`), in minutes east of UTC.
 * An abbreviation not listed here is read as the machine's local time.
 */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  ACST: 570, ACDT: 630, AWST: 480, NZST: 720, NZDT: 780,
};

/** Reads `n` digits at `i`; -1 when any is not a digit (or the line ends first). */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    // past the end charCodeAt is NaN, which no comparison catches: `!(…)` does
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Reads `hh:mm:ss` at `i` into out; returns the index past it or -1. */
function readClock(s: string, i: number, out: Stamp): number {
  const h = digits(s, i, 2), m = digits(s, i + 3, 2), sec = digits(s, i + 6, 2);
  if (h < 0 || m < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  if (h > 23 || m > 59 || sec > 60) return -1;
  out.hour = h;
  out.minute = m;
  out.second = sec;
  return i + 8;
}

/** Reads an optional `.fraction` at `i` (any number of digits) into out.millis; returns the index past it. */
function readFraction(s: string, i: number, out: Stamp): number {
  out.millis = 0;
  if (s.charCodeAt(i) !== 46 /* . */ && s.charCodeAt(i) !== 44 /* , */) return i;
  let j = i + 1;
  let ms = 0;
  let n = 0;
  for (;;) {
    const c = s.charCodeAt(j) - 48;
    // NaN past the end of the line: a line cut right after its fraction (`…T06:26:05.40471`) once looped forever
    if (!(c >= 0 && c <= 9)) break;
    if (n < 3) ms = ms * 10 + c;
    n++;
    j++;
  }
  if (n === 0) return i;
  while (n < 3) {
    ms *= 10;
    n++;
  }
  out.millis = ms;
  return j;
}

/** Reads `Mmm dd` or `Mmm  d` or `Mmm d` at `i`; returns the index past the day or -1. */
function readMonthDay(s: string, i: number, out: Stamp): number {
  const month = MONTHS[s.slice(i, i + 3)];
  if (month === undefined || s.charCodeAt(i + 3) !== 32) return -1;
  let j = i + 4;
  if (s.charCodeAt(j) === 32) j++; // space-padded day: `Nov  5`
  const d1 = s.charCodeAt(j) - 48;
  if (!(d1 >= 0 && d1 <= 9)) return -1;
  let day = d1;
  j++;
  const d2 = s.charCodeAt(j) - 48;
  if (d2 >= 0 && d2 <= 9) {
    day = day * 10 + d2;
    j++;
  }
  if (day < 1 || day > 31) return -1;
  out.month = month;
  out.day = day;
  return j;
}

/** Reads `YYYY-MM-DD` at `i`; returns the index past it or -1. */
function readIsoDate(s: string, i: number, out: Stamp): number {
  const y = digits(s, i, 4), mo = digits(s, i + 5, 2), d = digits(s, i + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return -1;
  out.year = y;
  out.month = mo;
  out.day = d;
  return i + 10;
}

/** Reads a numeric zone `Z`, `+01:00` or `+0100` at `i` into out.offset; returns the index past it or -1. */
function readNumericZone(s: string, i: number, out: Stamp): number {
  const c = s.charCodeAt(i);
  if (c === 90 /* Z */) {
    out.offset = 0;
    return i + 1;
  }
  if (c !== 43 && c !== 45) return -1;
  const sign = c === 45 ? -1 : 1;
  const h = digits(s, i + 1, 2);
  if (h < 0) return -1;
  let j = i + 3;
  if (s.charCodeAt(j) === 58) j++;
  const m = digits(s, j, 2);
  if (m < 0) return -1;
  out.offset = sign * (h * 60 + m);
  return j + 2;
}

/** `Nov  5 06:25:01`, `Nov 05 06:25:01` (journalctl short, Postfix's maillog_file), `Nov 25 06:25:01.123456` (short-precise). */
export const CLASSIC: StampFormat = {
  name: 'classic',
  parse(s, i, out) {
    let j = readMonthDay(s, i, out);
    if (j < 0 || s.charCodeAt(j) !== 32) return -1;
    j = readClock(s, j + 1, out);
    if (j < 0) return -1;
    out.year = 0;
    out.offset = null;
    return readFraction(s, j, out);
  },
};

/**
 * RFC 3339 as rsyslog writes it (`2026-11-25T06:25:01.123456+01:00`, also `Z`, millis, no fraction) and
 * journalctl `short-iso`/`short-iso-precise` (`2026-11-25T06:25:01+0100`).
 */
export const RFC3339: StampFormat = {
  name: 'rfc3339',
  parse(s, i, out) {
    let j = readIsoDate(s, i, out);
    if (j < 0 || s.charCodeAt(j) !== 84 /* T */) return -1;
    j = readClock(s, j + 1, out);
    if (j < 0) return -1;
    j = readFraction(s, j, out);
    return readNumericZone(s, j, out);
  },
};

/** A custom rsyslog template with the year first: `2013 Jun 10 06:27:30.123`. */
export const YEAR_FIRST: StampFormat = {
  name: 'year-first',
  parse(s, i, out) {
    const y = digits(s, i, 4);
    if (y < 0 || s.charCodeAt(i + 4) !== 32) return -1;
    let j = readMonthDay(s, i + 5, out);
    if (j < 0 || s.charCodeAt(j) !== 32) return -1;
    j = readClock(s, j + 1, out);
    if (j < 0) return -1;
    out.year = y;
    out.offset = null;
    return readFraction(s, j, out);
  },
};

/** journalctl `short-full`: `Tue 2026-11-25 06:25:01 CET` (also with a fraction). */
export const SHORT_FULL: StampFormat = {
  name: 'short-full',
  parse(s, i, out) {
    if (s.charCodeAt(i + 3) !== 32) return -1;
    let j = readIsoDate(s, i + 4, out);
    if (j < 0 || s.charCodeAt(j) !== 32) return -1;
    j = readClock(s, j + 1, out);
    if (j < 0) return -1;
    j = readFraction(s, j, out);
    if (s.charCodeAt(j) !== 32) return -1;
    const end = s.indexOf(' ', j + 1);
    if (end < 0) return -1;
    const zone = s.slice(j + 1, end);
    const known = ZONES[zone];
    if (known !== undefined) out.offset = known;
    else if (readNumericZone(zone, 0, out) !== zone.length) out.offset = null;
    return end;
  },
};

/** The shapes in the order they are tried (the first one that fits wins). */
export const STAMP_FORMATS: readonly StampFormat[] = [CLASSIC, RFC3339, YEAR_FIRST, SHORT_FULL];

/** A new, zeroed Stamp to parse into. */
export function newStamp(): Stamp {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millis: 0, offset: null };
}

/** The format that read the last stamp: a log keeps one shape, so it is tried first. */
let lastFormat: StampFormat = CLASSIC;

/** Reads the stamp at `start` with the first format that fits (the last one that did first); returns the index past it, or -1. */
export function parseStamp(line: string, start: number, out: Stamp): number {
  const j = lastFormat.parse(line, start, out);
  if (j >= 0) return j;
  for (const f of STAMP_FORMATS) {
    if (f === lastFormat) continue;
    const k = f.parse(line, start, out);
    if (k >= 0) {
      lastFormat = f;
      return k;
    }
  }
  return -1;
}
