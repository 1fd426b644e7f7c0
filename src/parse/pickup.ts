// pickup: a message submitted with sendmail(1)/postdrop enters the queue from the maildrop directory.

import type { PostfixEvent } from './events.js';

/**
 * Parses the message of a pickup line (after its queue ID): `uid=1003 from=<carol>`, also with
 * ` orig_id=37114160071` when the message was requeued by `postsuper -r` (src/pickup/pickup.c). Null for anything else (pickup's `warning:` lines go to the generic parser).
 */
export function parsePickup(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  if (!rest.startsWith('uid=')) return null;
  let i = 4;
  let uid = 0;
  while (i < rest.length) {
    const c = rest.charCodeAt(i);
    if (c < 48 || c > 57) break;
    uid = uid * 10 + (c - 48);
    i++;
  }
  if (i === 4 || !rest.startsWith(' from=<', i)) return null;
  const start = i + 7;
  // the sender ends at `>` at the end of the line or before ` orig_id=`
  let close: number;
  if (rest.charCodeAt(rest.length - 1) === 62 /* > */) close = rest.length - 1;
  else {
    close = rest.lastIndexOf('> orig_id=');
    if (close < start || close + 10 === rest.length) return null;
  }
  if (close < start) return null;
  const origQueueId = close === rest.length - 1 ? null : rest.slice(close + 10);
  return { kind: 'pickup', uid, from: rest.slice(start, close), origQueueId };
}
