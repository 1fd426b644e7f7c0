// scache(8) lines: the connection cache's hit/miss statistics, logged per interval (src/scache/scache.c).

import type { PostfixEvent } from './events.js';
import { uint } from './plain-number.js';

const PREFIX = 'statistics: ';

/** The statistics scache logs, by the words that start them; the rest of each line is `key=N` pairs. */
const STATS = ['domain lookup', 'address lookup', 'max simultaneous'] as const;

/**
 * Parses the message of a scache line; null for anything else. `stat` is the statistic's name, `values` its
 * `key=N` pairs (the `%` of `success=94%` dropped), `text` what follows the name as logged. Samples (lab):
 *   `statistics: start interval Nov 25 19:08:59` → stat `start interval`, values {}, text `Nov 25 19:08:59`
 *   `statistics: domain lookup hits=113 miss=6 success=94%` (also `address lookup`)
 *   `statistics: max simultaneous domains=1 addresses=1 connection=6`
 */
export function parseScache(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  if (!rest.startsWith(PREFIX)) return null;
  if (rest.startsWith('start interval ', PREFIX.length)) {
    return { kind: 'scache-statistics', stat: 'start interval', values: {}, text: rest.slice(PREFIX.length + 15) };
  }
  for (const stat of STATS) {
    if (!rest.startsWith(stat, PREFIX.length) || rest.charCodeAt(PREFIX.length + stat.length) !== 32) continue;
    const text = rest.slice(PREFIX.length + stat.length + 1);
    const values = pairs(text);
    return values === null ? null : { kind: 'scache-statistics', stat, values, text };
  }
  return null;
}

/** `hits=113 miss=6 success=94%` → { hits: 113, miss: 6, success: 94 }; null when a pair is not `key=N`. */
function pairs(text: string): Record<string, number> | null {
  // entries, then fromEntries: `out[key] = n` would set the prototype for a key `__proto__` and lose the pair
  const out: [string, number][] = [];
  for (const pair of text.split(' ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    const raw = pair.charCodeAt(pair.length - 1) === 37 /* % */ ? pair.slice(eq + 1, -1) : pair.slice(eq + 1);
    const n = uint(raw);
    if (n === null) return null;
    out.push([pair.slice(0, eq), n]);
  }
  return Object.fromEntries(out);
}
