// The correlator: joins parsed records into messages (by queue ID, across content-filter hops and requeues) and
// smtpd sessions (by process), and emits each fact once, in log order but for `received` (see eviction.ts).

import type { LogRecord } from '../parse/events.js';
import type { Fact } from './facts.js';
import { HANDLERS } from './handlers.js';
import { CorrelatorState, type CorrelatorSizes } from './state.js';

export type { CorrelatorSizes } from './state.js';

/** Correlator options. */
export interface CorrelateOptions {
  /** a message silent longer than this (log time, ms) leaves memory as incomplete; sessions likewise */
  horizonMs: number;
}

type AnyHandler = (s: CorrelatorState, e: unknown, r: LogRecord) => void;

/**
 * Joins records into messages and sessions and emits facts. Memory holds the open messages and sessions only:
 * a message leaves at `removed`, when its transaction is refused, or after `horizonMs` of silence.
 */
export class Correlator {
  private readonly state: CorrelatorState;

  constructor(emit: (fact: Fact) => void, options: CorrelateOptions) {
    this.state = new CorrelatorState(emit, options.horizonMs);
  }

  /** Takes one parsed Postfix record. */
  process(record: LogRecord): void {
    this.state.advance(record.time);
    (HANDLERS[record.event.kind] as AnyHandler)(this.state, record.event, record);
  }

  /**
   * Time passes without a line (live mode, on each tick of the clock): what is due by log time `now` is settled
   * and the silent are swept, as if a line stamped `now` had arrived.
   */
  tick(now: number): void {
    this.state.advance(now);
  }

  /** End of input: emits what is still pending or open (received, incomplete messages, open sessions). */
  finish(): void {
    this.state.finish();
  }

  /** How many messages and sessions are in memory now. */
  sizes(): CorrelatorSizes {
    return this.state.sizes();
  }
}
