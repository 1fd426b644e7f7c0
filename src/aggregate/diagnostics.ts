// Warnings, errors, fatal errors and panics by daemon (texts shortened so one cause is one row), and the master
// daemon's and postfix-script's lifecycle lines: pflogsumm's Warnings, Fatal Errors, Panics, Master daemon messages.

import type { LogRecord } from '../parse/events.js';
import { bump, child, toCounts, toCounts2 } from './counters.js';
import { diagnosticText } from './reasons.js';
import type { AggregateOptions, Section, SectionFactory } from './section.js';

/** The diagnostics section's aggregator: reads records only (diagnostics are not about one message). */
export const diagnosticsSection: SectionFactory = (options: AggregateOptions): Section => {
  const verbose = options.verboseMsgDetail;
  const levels = {
    warning: new Map<string, Map<string, number>>(),
    error: new Map<string, Map<string, number>>(),
    fatal: new Map<string, Map<string, number>>(),
    panic: new Map<string, Map<string, number>>(),
  };
  const master = new Map<string, number>();

  function record(r: LogRecord): void {
    const ev = r.event;
    switch (ev.kind) {
      case 'diagnostic':
        // info-level notices (`table … has changed -- restarting`) are not problems: pflogsumm skips them too
        if (ev.level !== 'info') bump(child(levels[ev.level], r.daemon), diagnosticText(ev.text, verbose));
        break;
      case 'smtpd-sasl-failed':
        // a `warning:` line parsed into its own kind; counted without client and user (pflogsumm 1.3 condenses it
        // the same way), which the SASL section of the connections aggregate keeps
        bump(child(levels.warning, r.daemon), verbose ? `${ev.client.name}[${ev.client.ip}]: SASL ${ev.method} authentication failed: ${ev.reason}` : `SASL ${ev.method} authentication failed`);
        break;
      case 'master-lifecycle':
        bump(master, ev.text);
        break;
      default:
        break;
    }
  }

  return {
    record,
    write(report) {
      report.warnings = toCounts2(levels.warning);
      report.errors = toCounts2(levels.error);
      report.fatals = toCounts2(levels.fatal);
      report.panics = toCounts2(levels.panic);
      report.master = toCounts(master);
    },
  };
};
