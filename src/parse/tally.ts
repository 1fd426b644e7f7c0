// Counts what every input line became, so nothing is silently dropped: events by kind, foreign lines,
// unrecognized lines by daemon and malformed lines, with the first samples of the last two kept.

import type { LogRecord } from './events.js';
import type { NotARecord } from './index.js';

/** How many samples of unrecognized (per daemon) and malformed lines are kept. */
export const SAMPLES_KEPT = 20;
/**
 * Daemon names counted (and sampled) one by one: Postfix has about thirty, and any local user can write lines under
 * any tag (`logger -t postfix/$RANDOM`), so past this many the unrecognized lines of new names count together under
 * OTHER_DAEMONS. Memory stays bounded: at most this many names, each with SAMPLES_KEPT lines of at most 64 KiB.
 */
export const MAX_DAEMONS = 100;
/** The key of the unrecognized lines of daemons past MAX_DAEMONS (a name with a space: no syslog tag has one). */
export const OTHER_DAEMONS = '(other daemons)';

/** The `events --count` shape: every line lands in exactly one of events, foreign, unrecognized, malformed. */
export interface LineCounts {
  lines: number;
  events: Record<string, number>;
  foreign: number;
  unrecognized: Record<string, number>;
  malformed: number;
  /** lines cut at the length limit (they are also counted above, by what their first 64 KiB became) */
  cut: number;
  samples: { unrecognized: Record<string, string[]>; malformed: string[] };
}

/** Accumulates LineCounts one line at a time. */
export class Tally {
  private lines = 0;
  private foreign = 0;
  private malformed = 0;
  private readonly events = new Map<string, number>();
  private readonly unrecognized = new Map<string, number>();
  private readonly unrecognizedSamples = new Map<string, string[]>();
  private readonly malformedSamples: string[] = [];

  /** Counts one line by what it parsed to. */
  add(result: LogRecord | NotARecord, line: string): void {
    this.lines++;
    if (result === 'foreign') this.foreign++;
    else if (result === 'malformed') {
      this.malformed++;
      if (this.malformedSamples.length < SAMPLES_KEPT) this.malformedSamples.push(line);
    } else if (result.event.kind === 'unrecognized') {
      let d = result.daemon;
      if (this.unrecognized.size >= MAX_DAEMONS && !this.unrecognized.has(d)) d = OTHER_DAEMONS;
      this.unrecognized.set(d, (this.unrecognized.get(d) ?? 0) + 1);
      let s = this.unrecognizedSamples.get(d);
      if (s === undefined) this.unrecognizedSamples.set(d, (s = []));
      if (s.length < SAMPLES_KEPT) s.push(line);
    } else {
      const k = result.event.kind;
      this.events.set(k, (this.events.get(k) ?? 0) + 1);
    }
  }

  /** The counts so far, as plain data (keys sorted by count, largest first). */
  counts(cut = 0): LineCounts {
    return {
      lines: this.lines,
      events: sortedObject(this.events),
      foreign: this.foreign,
      unrecognized: sortedObject(this.unrecognized),
      malformed: this.malformed,
      cut,
      samples: { unrecognized: Object.fromEntries(this.unrecognizedSamples), malformed: [...this.malformedSamples] },
    };
  }
}

function sortedObject(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}
