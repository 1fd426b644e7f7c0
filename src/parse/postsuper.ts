// postsuper(1) lines: what the administrator did to queued messages, one line each, then the totals.

import type { PostfixEvent, PostsuperAction } from './events.js';
import { uint } from './plain-number.js';

type Action = PostsuperAction['action'];

/** Per-message lines after `QID: ` (src/postsuper/postsuper.c), lab: `ED4291603C0: placed on hold`. */
const PER_MESSAGE: Record<string, Action> = Object.assign(Object.create(null) as Record<string, Action>, {
  removed: 'removed',
  'placed on hold': 'held',
  'released from hold': 'released',
  requeued: 'requeued',
  // Postfix 3.5+ `postsuper -e`: `QID: expired`
  expired: 'expired',
});

/** Totals, by the words before the colon; lab: `Deleted: 1 message`, `Placed on hold: 2 messages`. */
const SUMMARY: Record<string, Action> = Object.assign(Object.create(null) as Record<string, Action>, {
  Deleted: 'removed',
  'Placed on hold': 'held',
  'Released from hold': 'released',
  Requeued: 'requeued',
  // Postfix 3.5+ `postsuper -e`: `Force-expired: 1 message`
  'Force-expired': 'expired',
});

/**
 * Parses the message of a postsuper line: `QID: removed|placed on hold|released from hold|requeued` →
 * postsuper-action (also Postfix 3.5+ `QID: expired`), `Deleted|Requeued|Placed on hold|Released from hold|Force-expired:
 * N message[s]` → postsuper-summary; null for anything else (warnings go to the generic parser).
 */
export function parsePostsuper(rest: string, queueId: string | null): PostfixEvent | null {
  if (queueId !== null) {
    const action = PER_MESSAGE[rest];
    return action === undefined ? null : { kind: 'postsuper-action', action };
  }
  const colon = rest.indexOf(': ');
  if (colon < 0) return null;
  const action = SUMMARY[rest.slice(0, colon)];
  if (action === undefined) return null;
  // `1 message`, `115 messages`
  const sp = rest.indexOf(' ', colon + 2);
  if (sp < 0) return null;
  const unit = rest.slice(sp + 1);
  if (unit !== 'message' && unit !== 'messages') return null;
  const count = uint(rest.slice(colon + 2, sp));
  return count === null ? null : { kind: 'postsuper-summary', action, count };
}
