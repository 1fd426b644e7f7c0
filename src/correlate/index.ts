// PLACEHOLDER (helper A replaces it): the correlator, records → facts.
import type { LogRecord } from '../parse/events.js';
import type { Fact } from './facts.js';

/** Correlator options. */
export interface CorrelateOptions {
  /** a message silent longer than this (log time, ms) leaves memory as incomplete */
  horizonMs: number;
}

/** Joins records into messages and sessions and emits facts, in log order. */
export class Correlator {
  constructor(private readonly emit: (fact: Fact) => void, private readonly options: CorrelateOptions) {}

  /** Takes one parsed Postfix record. */
  process(record: LogRecord): void {
    void record; void this.emit; void this.options;
  }

  /** End of input: emits what is still open (incomplete messages, open sessions). */
  finish(): void {}
}
