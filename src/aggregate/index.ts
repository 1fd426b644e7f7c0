// The aggregator: feeds every section the correlator's facts and the parsed records, then assembles the report.

import type { Fact } from '../correlate/facts.js';
import type { LogRecord } from '../parse/events.js';
import type { LineCounts } from '../parse/tally.js';
import { isoTime } from '../parse/year.js';
import { emptyReport } from '../report/empty.js';
import type { Report } from '../report/model.js';
import { connectionsSection } from './connections.js';
import { delaysSection } from './delays.js';
import { diagnosticsSection } from './diagnostics.js';
import { domainsSection } from './domains.js';
import { problemsSection } from './problems.js';
import { rejectsSection } from './rejects.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type Section, type SectionFactory } from './section.js';
import { totalsSection } from './totals.js';
import { trafficSection } from './traffic.js';

/** Every section, in the order they write into the report. */
const SECTIONS: readonly SectionFactory[] = [
  totalsSection, trafficSection, domainsSection, problemsSection, rejectsSection, diagnosticsSection,
  connectionsSection, delaysSection,
];

/** Builds one report from a stream of records and facts. */
export class ReportBuilder {
  private readonly sections: Section[];
  private readonly hosts = new Set<string>();
  private first: LogRecord | null = null;
  private last: LogRecord | null = null;
  private incomplete = 0;

  constructor(private readonly generator: string, options: AggregateOptions = DEFAULT_AGGREGATE_OPTIONS) {
    this.sections = SECTIONS.map((make) => make(options));
  }

  /** A parsed Postfix record (call after the correlator has processed it). */
  record(r: LogRecord): void {
    if (this.first === null || r.time < this.first.time) this.first = r;
    if (this.last === null || r.time >= this.last.time) this.last = r;
    this.hosts.add(r.host);
    for (const s of this.sections) s.record?.(r);
  }

  /** A fact from the correlator. */
  fact(f: Fact): void {
    if (f.kind === 'incomplete') this.incomplete++;
    for (const s of this.sections) s.fact?.(f);
  }

  /** The finished report; `counts` is the line tally of the whole input. */
  finish(counts: LineCounts): Report {
    const report = emptyReport(this.generator);
    report.period = { from: this.first ? isoOf(this.first) : null, to: this.last ? isoOf(this.last) : null };
    report.hosts = [...this.hosts].sort();
    report.input = {
      lines: counts.lines,
      postfixLines: counts.lines - counts.foreign - counts.malformed,
      foreign: counts.foreign,
      malformed: counts.malformed,
      cut: counts.cut,
      unrecognized: counts.unrecognized,
      samples: counts.samples.unrecognized,
      incompleteMessages: this.incomplete,
    };
    for (const s of this.sections) s.write(report);
    return report;
  }

  /**
   * A report of what was counted so far that later counting leaves alone (live mode writes one a second): sections
   * hand their own maps and rows to the report they write, so this is a deep copy. Writing never disturbs counting,
   * and `finish` may still be called at the end.
   */
  snapshot(counts: LineCounts): Report {
    return structuredClone(this.finish(counts));
  }
}

function isoOf(r: LogRecord): string {
  return isoTime(r.time, r.offset);
}
