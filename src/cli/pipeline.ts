// The one pipeline shared by every command: inputs → lines → parsed records, with a year clock per input.

import { readInputs, type Flow, type InputResult, type ReadOptions } from '../input/source.js';
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
