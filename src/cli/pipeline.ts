// The one pipeline shared by every command: inputs → lines → parsed records, with a year clock per input; and the
// report run on top of it (parse → date filter → correlate → aggregate).

import { ReportBuilder } from '../aggregate/index.js';
import type { AggregateOptions } from '../aggregate/section.js';
import { Correlator } from '../correlate/index.js';
import { readInputs, type Flow, type InputResult, type ReadOptions } from '../input/source.js';
import { Tally } from '../parse/tally.js';
import type { Report } from '../report/model.js';
import type { LogRecord } from '../parse/events.js';
import { parseLine, type LineOptions, type NotARecord } from '../parse/index.js';
import { StampClock } from '../parse/year.js';
import { dayOf, type DayRange } from './dates.js';

/** Options of a pipeline run. */
export interface PipelineOptions extends LineOptions, ReadOptions {
  /** the year of yearless stamps (--year); inferred from each file's mtime when absent */
  year?: number;
  /** told the characters read so far (lines and their newlines), every PROGRESS_LINES lines and at the end */
  progress?: (chars: number) => void;
}

/** How many lines go by between progress reports: rare enough to cost nothing on the hot path. */
const PROGRESS_LINES = 16384;

/** Receives every line with what it parsed to. */
export type RecordSink = (result: LogRecord | NotARecord, line: string, flow: Flow) => void;

/** Reads and parses every input, handing each line's result to `sink`. */
export function runPipeline(paths: readonly string[], options: PipelineOptions, sink: RecordSink): Promise<InputResult> {
  let clock = new StampClock(Date.now(), options.year ?? 0);
  let flow: Flow = { pause() {}, resume() {} };
  const lineOptions: LineOptions = options.syslogName === undefined ? {} : { syslogName: options.syslogName };
  const progress = options.progress;
  let chars = 0;
  let lines = 0;
  const result = readInputs(paths, {
    begin(file, f) {
      clock = new StampClock(file.reference, options.year ?? 0);
      flow = f;
    },
    line: progress === undefined
      ? (text) => sink(parseLine(text, clock, lineOptions), text, flow)
      : (text) => {
        chars += text.length + 1;
        if (++lines % PROGRESS_LINES === 0) progress(chars);
        sink(parseLine(text, clock, lineOptions), text, flow);
      },
  }, options);
  return progress === undefined ? result : result.then((r) => (progress(chars), r));
}

/** Horizon after which a silent message leaves memory: Postfix's default maximal_queue_lifetime is 5 days. */
export const DEFAULT_HORIZON_MS = 6 * 24 * 3600 * 1000;

/** Options of a report run. */
export interface ReportOptions extends PipelineOptions {
  aggregate?: AggregateOptions;
  horizonMs?: number;
  generator?: string;
  /** -d: only records whose local date is in this range are reported (the others are not even counted as lines) */
  days?: DayRange;
}

/** What a report run came to. */
export interface ReportResult {
  report: Report;
  input: InputResult;
  /** Postfix records left out by the -d range */
  outsideDays: number;
}

/** Reads the inputs into one report: parse → date filter → correlate → aggregate. */
export async function runReport(paths: readonly string[], options: ReportOptions): Promise<ReportResult> {
  const tally = new Tally();
  const builder = new ReportBuilder(options.generator ?? 'postsumm', options.aggregate);
  const correlator = new Correlator((f) => builder.fact(f), { horizonMs: options.horizonMs ?? DEFAULT_HORIZON_MS });
  const days = options.days;
  let outsideDays = 0;
  const input = await runPipeline(paths, options, (r, line) => {
    if (typeof r === 'string') {
      tally.add(r, line);
      return;
    }
    // dropped before correlation, as pflogsumm drops them before anything: a message that spans midnight is
    // reported by what happened on the chosen days
    if (days !== undefined) {
      const d = dayOf(r.time, r.offset);
      if (d < days.from || d > days.to) {
        outsideDays++;
        return;
      }
    }
    tally.add(r, line);
    correlator.process(r);
    builder.record(r);
  });
  correlator.finish();
  return { report: builder.finish(tally.counts(input.cutLines)), input, outsideDays };
}
