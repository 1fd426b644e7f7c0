// postfix-script lines (conf/postfix-script, run by `postfix start|stop|reload|check|…`): lifecycle and check results.

import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { MasterLifecycle, PostfixEvent } from './events.js';

/** postfix-script's own warning and fatal texts, tried before the generic rules. */
const RULES: readonly CategoryRule[] = [
  // lab: `/var/spool/postfix/etc/hosts and /etc/hosts differ` (the chroot copy is stale);
  // also `/usr/lib/sendmail and /usr/sbin/sendmail differ`
  { end: ' differ', category: 'config' },
  // postfix-script, after the line above: `Replace one by a symbolic link to the other`
  { start: 'Replace one by a symbolic link', category: 'config' },
  // postfix-script check: `not set-gid or not owner+group+world executable: /usr/sbin/postdrop`
  { start: 'not set-gid', category: 'config' },
  // postfix-script: `no Postfix queue directory /var/spool/postfix!`, `cannot execute /usr/sbin/postconf!`
  { start: 'no Postfix ', category: 'config' },
  { start: 'cannot execute ', category: 'config' },
  { start: 'Postfix integrity check failed', category: 'config' },
  // postfix-script (non-bdb check): `See https://www.postfix.org/NON_BERKELEYDB_README.html for suggestions`
  { has: 'NON_BERKELEYDB_README', category: 'config' },
];

/**
 * Parses the message of a postfix-script line: what it is doing to the mail system → master-lifecycle
 * (version null, text the whole message), its warnings and fatal errors → diagnostic; null for anything else.
 */
export function parsePostfixScript(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  const action = ACTIONS[rest];
  if (action !== undefined) return { kind: 'master-lifecycle', action, version: null, text: rest };
  if (rest.startsWith(STATUS)) return { kind: 'master-lifecycle', action: 'status', version: null, text: rest };
  // moj-postfix-stats-collector: `fatal: the Postfix mail system is already running`
  return toDiagnostic(rest, RULES);
}

/**
 * The whole informational messages and what they mean. `postfix abort` logs only `aborting …`: it is a stop.
 * `waiting for the Postfix mail system to terminate` is the second line of a `postfix stop`;
 * `the Postfix mail system is running: PID: 1234` is what `postfix status` says (matched by its prefix below).
 */
const ACTIONS: Record<string, MasterLifecycle['action']> = Object.assign(Object.create(null) as Record<string, MasterLifecycle['action']>, {
  // lab
  'starting the Postfix mail system': 'starting',
  'stopping the Postfix mail system': 'stopping',
  'refreshing the Postfix mail system': 'refreshing',
  // conf/postfix-script, `postfix abort`
  'aborting the Postfix mail system': 'stopping',
  // lab, during `postfix stop`
  'waiting for the Postfix mail system to terminate': 'waiting',
});

/** `postfix status`: `the Postfix mail system is running: PID: 1234` (conf/postfix-script). */
const STATUS = 'the Postfix mail system is running: PID: ';
