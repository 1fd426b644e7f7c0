// The one pipeline shared by every command: inputs → lines → parsed records, with a year clock per input.

import { ReportBuilder } from '../aggregate/index.js';
import type { AggregateOptions } from '../aggregate/section.js';
import { Correlator } from '../correlate/index.js';
import { readInputs, type Flow, type InputResult, type ReadOptions } from '../input/source.js';
import { Tally } from '../parse/tally.js';
import type { Report } from '../report/model.js';
import type { LogRecord } from '../parse/events.js';
import { parseLine, type LineOptions, type NotARecord } from '../parse/index.js';
import { StampClock } from '../parse/year.js';

/** Options of a pipeline run. */
export interface PipelineOptions extends LineOptions, ReadOptions {
  /** the year of yearless stamps (--year); inferred from each file's mtime when absent */
  year?: number;
}

/** Receives every line with what it parsed to. */
export type RecordSink = (result: LogRecord | NotARecord, line: string, flow: Flow) => void;

/** Reads and parses every input, handing each line's result to `sink`. */
export function runPipeline(paths: readonly string[], options: PipelineOptions, sink: RecordSink): Promise<InputResult> {
  let clock = new StampClock(Date.now(), options.year ?? 0);
  let flow: Flow = { pause() {}, resume() {} };
  const lineOptions: LineOptions = options.syslogName === undefined ? {} : { syslogName: options.syslogName };
  return readInputs(paths, {
    begin(file, f) {
      clock = new StampClock(file.reference, options.year ?? 0);
      flow = f;
    },
    line(text) {
      sink(parseLine(text, clock, lineOptions), text, flow);
    },
  }, options);
}

/** Horizon after which a silent message leaves memory: Postfix's default maximal_queue_lifetime is 5 days. */
export const DEFAULT_HORIZON_MS = 6 * 24 * 3600 * 1000;

/** Options of a report run. */
export interface ReportOptions extends PipelineOptions {
  aggregate?: AggregateOptions;
  horizonMs?: number;
  generator?: string;
}

/** Reads the inputs into one report: parse → correlate → aggregate. */
export async function runReport(paths: readonly string[], options: ReportOptions): Promise<{ report: Report; input: InputResult }> {
  const tally = new Tally();
  const builder = new ReportBuilder(options.generator ?? 'postsumm', options.aggregate);
  const correlator = new Correlator((f) => builder.fact(f), { horizonMs: options.horizonMs ?? DEFAULT_HORIZON_MS });
  const input = await runPipeline(paths, options, (r, line) => {
    tally.add(r, line);
    if (typeof r === 'string') return;
    correlator.process(r);
    builder.record(r);
  });
  correlator.finish();
  return { report: builder.finish(tally.counts(input.cutLines)), input };
}
