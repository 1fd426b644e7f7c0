// What every report section's aggregator looks like: it sees the correlator's facts and the parsed records, in
// log order, and writes its part of the report model at the end.

import type { Fact } from '../correlate/facts.js';
import type { LogRecord } from '../parse/events.js';
import type { Report } from '../report/model.js';

/** Options that change how things are counted (pflogsumm's spelling in comments). */
export interface AggregateOptions {
  /** -i, --ignore-case: lower-case whole addresses (default: only the domain part) */
  ignoreCase: boolean;
  /** --verp-mung[=N]: 0 off, 1 replace VERP ids, 2 also drop the tag (list-return@host) */
  verpMung: number;
  /** --srs-mung: undo SRS0/SRS1 sender rewriting */
  srsMung: boolean;
  /** -m, --uucp-mung: rewrite UUCP bang paths */
  uucpMung: boolean;
  /** --use-orig-to: report orig_to= instead of to= where present */
  useOrigTo: boolean;
  /** --rej-add-from: append the sender to reject detail keyed by host */
  rejAddFrom: boolean;
  /** --verbose-msg-detail: do not shorten reasons */
  verboseMsgDetail: boolean;
}

export const DEFAULT_AGGREGATE_OPTIONS: AggregateOptions = {
  ignoreCase: false, verpMung: 0, srsMung: false, uucpMung: false, useOrigTo: false, rejAddFrom: false, verboseMsgDetail: false,
};

/** One section's aggregator. */
export interface Section {
  /** a correlator fact (received, delivered, …), in log order */
  fact?(fact: Fact): void;
  /** a parsed Postfix record, in log order (after the correlator has seen it) */
  record?(record: LogRecord): void;
  /** writes this section's fields into the report */
  write(report: Report): void;
}

/** Makes a section's aggregator. */
export type SectionFactory = (options: AggregateOptions) => Section;
