// Strict readers for the counts and durations in statistics and postscreen lines: digits (and one decimal point)
// only, unlike Number(), which also takes '', ' 1', '0x1f' and '1e3'.

/** `'42'` → 42; null for anything but 1 to 15 decimal digits (15: safely below 2^53). */
export function uint(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 15) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** `'0.04'`, `'16'` → a number; null unless digits with at most one `.` between digits (as Postfix's format_tv writes). */
export function decimal(s: string): number | null {
  const dot = s.indexOf('.');
  if (dot < 0) return uint(s);
  if (uint(s.slice(0, dot)) === null || uint(s.slice(dot + 1)) === null) return null;
  return Number(s);
}

/** `'-3'`, `'7'` → a number: postscreen's DNSBL rank is a signed sum of weights. */
export function int(s: string): number | null {
  if (s.charCodeAt(0) !== 45 /* - */) return uint(s);
  const v = uint(s.slice(1));
  return v === null ? null : -v;
}
