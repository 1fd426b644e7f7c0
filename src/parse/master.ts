// master(8) lines: start, reload and stop of the mail system, and its warnings about the daemons it runs.

import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { MasterLifecycle, PostfixEvent } from './events.js';

/** master's own warning texts (src/master/master_spawn.c, master_avail.c), tried before the generic rules. */
const RULES: readonly CategoryRule[] = [
  // moj-postfix-stats-collector: `process /usr/lib/postfix/showq pid 8852 exit status 1`
  // postfix-grok-patterns: `process /usr/local/libexec/postfix/smtpd pid 46234 killed by signal 11` (also `stopped by signal`)
  { start: 'process ', category: 'process-exit' },
  // moj-postfix-stats-collector: `/usr/lib/postfix/showq: bad command startup -- throttling` (also `…: fork: … -- throttling`)
  { end: ' -- throttling', category: 'throttling' },
  // master_avail.c, three lines: `service "smtp" (25) has reached its process limit "100": new clients may experience
  // noticeable delays`, `to avoid this condition, increase the process count in master.cf or reduce the service time
  // per client`, `see https://www.postfix.org/STRESS_README.html for examples of stress-adapting configuration settings`
  { has: 'has reached its process limit', category: 'limit' },
  { start: 'to avoid this condition, increase the process count', category: 'limit' },
  { has: 'STRESS_README', category: 'limit' },
];

/**
 * Parses the message of a master line: lifecycle lines → master-lifecycle (text: the whole message), its
 * warnings → diagnostic with process-exit / throttling / limit categories; null for anything else.
 */
export function parseMaster(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  // lab: `daemon started -- version 3.7.11, configuration /etc/postfix`
  if (rest.startsWith('daemon started -- ')) return lifecycle('start', rest, 18);
  // lab: `reload -- version 3.7.11, configuration /etc/postfix`
  if (rest.startsWith('reload -- ')) return lifecycle('reload', rest, 10);
  // lab: `terminating on signal 15`
  if (rest.startsWith('terminating on signal ')) return lifecycle('stop', rest, -1);
  // master.c, `postfix start` with master_exit_time (-e): `master exit time has arrived`
  if (rest === 'master exit time has arrived') return lifecycle('stop', rest, -1);
  return toDiagnostic(rest, RULES);
}

/** The event, with the version read from `version X,` at `at` (-1: the line has none). */
function lifecycle(action: MasterLifecycle['action'], text: string, at: number): MasterLifecycle {
  let version: string | null = null;
  if (at >= 0 && text.startsWith('version ', at)) {
    const comma = text.indexOf(',', at + 8);
    version = comma < 0 ? text.slice(at + 8) : text.slice(at + 8, comma);
  }
  return { kind: 'master-lifecycle', action, version, text };
}
