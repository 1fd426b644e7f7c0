// Flat counters shared by the sections: nested Maps of counts while reading, plain objects when written.

import type { Counts } from '../report/model.js';

/** A map of counts, nested as deep as a section needs (service → host → reason → count). */
export type Nested<V> = Map<string, V>;

/** The child map under `key`, made on first use. */
export function child<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let c = m.get(key);
  if (c === undefined) m.set(key, (c = new Map()));
  return c;
}

/** Adds `n` (default 1) to the count under `key`. */
export function bump(m: Map<string, number>, key: string, n = 1): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

/** A map of counts as plain data. */
export function toCounts(m: Map<string, number>): Counts {
  return Object.fromEntries(m);
}

/** Two levels of counts as plain data (stage → reason → count). */
export function toCounts2(m: Map<string, Map<string, number>>): Record<string, Counts> {
  return Object.fromEntries([...m].map(([k, v]) => [k, toCounts(v)]));
}

/** Three levels of counts as plain data (stage → reason → client → count). */
export function toCounts3(m: Map<string, Map<string, Map<string, number>>>): Record<string, Record<string, Counts>> {
  return Object.fromEntries([...m].map(([k, v]) => [k, toCounts2(v)]));
}

/** Seconds kept as integer milliseconds while counting, so sums of many readings (and merges) stay exact. */
export function toMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

// One-entry cache: consecutive lines mostly fall in the same hour, so most calls make no Date.
let cachedHour = NaN;
let cachedDay = '';

/** The log's local date (`YYYY-MM-DD`) of an epoch-ms time whose stamp had `offset` minutes from UTC. */
export function localDay(time: number, offset: number): string {
  const local = time + offset * 60_000;
  const hour = Math.floor(local / 3_600_000);
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedDay = new Date(local).toISOString().slice(0, 10);
  }
  return cachedDay;
}

/** The log's local hour (0–23) of an epoch-ms time whose stamp had `offset` minutes from UTC. */
export function localHour(time: number, offset: number): number {
  const hour = Math.floor((time + offset * 60_000) / 3_600_000) % 24;
  return hour < 0 ? hour + 24 : hour;
}
