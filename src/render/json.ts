// The JSON report: the model itself, pretty-printed. Whole (no top-N cuts), so reports can be merged exactly.

import type { Renderer } from './options.js';

/** The report model as JSON, two-space indented, with a final newline. Display options do not apply. */
export const renderJson: Renderer = (report) => JSON.stringify(report, null, 2) + '\n';
