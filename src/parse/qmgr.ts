// qmgr (and nqmgr, its Postfix 2.x name): a message enters the active queue, is removed, expires or is
// skipped; qmgr's own delivery records when it defers or bounces a recipient without a delivery agent.

import { toNumber } from './common.js';
import { parseDeliveryStatus } from './delivery.js';
import type { PostfixEvent } from './events.js';

/** Parses the message of a qmgr line (after its queue ID, if any); null when it is not a qmgr line it knows. */
export function parseQmgr(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  const c = rest.charCodeAt(0);
  // `4BC7A1C0E12: from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)` (the most frequent qmgr line)
  if (c === 102 /* f */) return rest.startsWith('from=<') ? parseFrom(rest) : null;
  // `B7D4A160390: removed`
  if (c === 114 /* r */) return rest === 'removed' ? { kind: 'qmgr-removed' } : null;
  // qmgr_defer.c → defer_append() → log_adhoc(): the agents' record, when qmgr defers a recipient of a dead
  // transport or site itself, e.g. (lab, as logged by error(8)) `to=<ops@down.example>, relay=none, delay=32,
  // delays=32/0.01/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)`
  if (c === 116 /* t */) return parseDeliveryStatus(rest);
  // `ED06590130AA1C9D6D862: skipped, still being delivered`
  if (c === 115 /* s */) return rest === 'skipped, still being delivered' ? { kind: 'qmgr-skipped' } : null;
  return null;
}

const QUEUE_ACTIVE = ' (queue active)';
const RETURNED = ', returned to sender';
const EXPIRED = 'status=expired';
const FORCE_EXPIRED = 'status=force-expired';

/**
 * The two `from=<…>, …` lines (src/global/opened.c, src/qmgr/qmgr_active.c):
 * `from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)` and
 * `from=<alice@lab.example>, status=expired, returned to sender` (`status=force-expired` after `postsuper -e`).
 */
function parseFrom(rest: string): PostfixEvent | null {
  // the sender ends at the first `>, ` that a key follows (an address may hold `>` inside quotes)
  let close = rest.indexOf('>, ', 6);
  while (close >= 0 && !(rest.startsWith('size=', close + 3) || rest.startsWith('status=', close + 3))) {
    close = rest.indexOf('>, ', close + 1);
  }
  if (close < 0) return null;
  const from = rest.slice(6, close);
  const i = close + 3;
  if (rest.charCodeAt(i + 1) === 105 /* i: size= */) {
    const comma = rest.indexOf(', nrcpt=', i + 5);
    if (comma < 0) return null;
    const size = toNumber(rest.slice(i + 5, comma));
    // Postfix appends ` (queue active)`; the parenthesis is optional in opened.c
    let end = rest.indexOf(' ', comma + 8);
    if (end < 0) end = rest.length;
    else if (rest.length - end !== QUEUE_ACTIVE.length || !rest.endsWith(QUEUE_ACTIVE)) return null;
    const nrcpt = toNumber(rest.slice(comma + 8, end));
    if (size === null || nrcpt === null) return null;
    return { kind: 'qmgr-queued', from, size, nrcpt };
  }
  // `status=expired, returned to sender` or `status=force-expired, returned to sender`
  const n = rest.length - RETURNED.length - i;
  if (!rest.endsWith(RETURNED)) return null;
  if (n === EXPIRED.length && rest.startsWith(EXPIRED, i)) return { kind: 'qmgr-expired', from, forced: false };
  if (n === FORCE_EXPIRED.length && rest.startsWith(FORCE_EXPIRED, i)) return { kind: 'qmgr-expired', from, forced: true };
  return null;
}
