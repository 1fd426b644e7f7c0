// The JSON report: the model itself, pretty-printed. Whole (no top-N cuts), so reports can be merged exactly.

import type { Renderer } from './options.js';

/**
 * What JSON.stringify leaves raw that a terminal may act on (a report printed to one): DEL and the C1 controls
 * (U+009B is CSI), the line and paragraph separators, the bidirectional marks, overrides and isolates. The same set
 * as parse/serialize.ts's for NDJSON (renderers import only the report model, so it is stated again here).
 */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The report model as JSON, two-space indented, with a final newline; log strings' characters a terminal would act
 * on are written as `\u` escapes (the same JSON value). Display options do not apply.
 */
export const renderJson: Renderer = (report) => {
  const json = JSON.stringify(report, null, 2) + '\n';
  TERMINAL_UNSAFE.lastIndex = 0;
  return TERMINAL_UNSAFE.test(json) ? json.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
};
