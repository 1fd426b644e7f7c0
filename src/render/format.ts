// Numbers, sizes, durations and times as the text renderer prints them: fixed formats, not the machine's locale,
// so reports (and their golden files) read the same everywhere.

/** 1234567 → `1,234,567` (thousands separators), with `digits` decimals (default none: fractions are rounded away). */
export function count(n: number, digits = 0): string {
  const [whole, fraction] = Math.abs(n).toFixed(digits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : '.' + fraction);
  return n < 0 ? '-' + grouped : grouped;
}

/** Binary units, as pflogsumm's `k`/`m` are (1024-based), but spelled out so scripts need not guess. */
const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Bytes for people: `512 B`, `3.4 KiB`, `21.2 MiB`, `118 MiB`. One decimal below 100 of a unit, none above,
 * so the figure never needs more than 8 columns.
 */
export function size(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < SIZE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  // 1023.96 KiB would print as `1024 KiB`: show it as the next unit instead
  if (v >= 99.95 && Math.round(v) >= 1024 && u < SIZE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 99.95 ? v.toFixed(1) : Math.round(v)} ${SIZE_UNITS[u]}`;
}

/**
 * A delay in seconds as pflogsumm prints delays: `0.2 s`, `4.9 m`, `2.3 h`, `1.5 d` (one decimal, the largest unit
 * that keeps the figure at 1 or more).
 */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} m`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** A total time as `h:mm:ss` (hours unbounded), pflogsumm's "total connect time". */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** `part` of `whole` as a whole percentage, rounded down as pflogsumm does (`0%` when `whole` is 0). */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.floor((part / whole) * 100)}%` : '0%';
}

/** A number with at most `digits` decimals, trailing zeros dropped (`1.5`, `2`, `0.25`). */
export function decimal(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2026-11-25` → `Nov 25 2026` (pflogsumm's per-day label), or the date itself with `iso`. */
export function day(date: string, iso: boolean): string {
  if (iso) return date;
  const [y, m, d] = date.split('-');
  return `${MONTHS[Number(m) - 1] ?? '???'} ${d} ${y}`;
}

/** `2026-11-25` → `Wed, Nov 25 2026` (the report's title line). */
export function longDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '???';
  return `${weekday}, ${MONTHS[m - 1] ?? '???'} ${d} ${y}`;
}

/** Hour `h` as a per-hour row label: `0800-0900`, or `08:00-09:00` with `iso`. */
export function hourRange(h: number, iso: boolean): string {
  const a = String(h).padStart(2, '0');
  const b = String(h + 1).padStart(2, '0');
  return iso ? `${a}:00-${b}:00` : `${a}00-${b}00`;
}

/** The local date and time of an ISO 8601 stamp as logged (its own offset kept): `2026-11-25 20:08:38 +01:00`. */
export function stamp(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (m === null) return iso;
  return `${m[1]} ${m[2]} ${m[3] === 'Z' ? '+00:00' : m[3]}`;
}
