// bounce, defer and trace (one program, three service names): the notification a message caused, and the
// queue ID the notification itself got.

import { isQueueId } from './common.js';
import type { BounceNotification, PostfixEvent } from './events.js';

/**
 * The notification kinds Postfix logs (src/bounce/bounce_notify_service.c, bounce_warn_service.c,
 * bounce_trace_service.c, bounce_one_service.c, bounce_notify_verp.c): `{sender|postmaster} {non-delivery|delay}
 * notification` and `sender delivery status notification` (trace and success DSNs: Postfix logs no separate
 * success line). Keyed by the words between the recipient and `notification`.
 */
const TYPES = new Map<string, BounceNotification['type']>([
  ['non-delivery', 'non-delivery'],
  ['delay', 'delay'],
  ['delivery status', 'delivery-status'],
]);

const NOTIFICATION = ' notification';
/**
 * An anonymiser's damage in postfix-deliverability-analytics: `XXXX` appended to the word before each colon
 * (`sender non-delivery notificationXXXX: 35B20C2C115`). The words and the new queue ID are intact, so the
 * suffix is read past; nothing else it touches is guessed.
 */
const ANON_SUFFIX = 'XXXX';
/** Longer than any queue ID, short or long form (checked before the queue-ID regexes run). */
const MAX_QUEUE_ID = 32;

/**
 * Parses the message of a bounce/defer/trace line (after its queue ID): `sender non-delivery notification:
 * B7D4A160390`. Null for anything else (`warning:` lines go to the generic parser).
 */
export function parseBounce(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  let recipient: BounceNotification['recipient'];
  let i: number;
  if (rest.startsWith('sender ')) {
    recipient = 'sender';
    i = 7;
  } else if (rest.startsWith('postmaster ')) {
    recipient = 'postmaster';
    i = 11;
  } else return null;
  const colon = rest.indexOf(': ', i);
  if (colon < 0) return null;
  let end = colon;
  if (rest.startsWith(ANON_SUFFIX, end - ANON_SUFFIX.length)) end -= ANON_SUFFIX.length;
  if (!rest.startsWith(NOTIFICATION, end - NOTIFICATION.length)) return null;
  const type = TYPES.get(rest.slice(i, end - NOTIFICATION.length));
  if (type === undefined) return null;
  // queue IDs are at most ~21 characters (a 64-bit inode in hex after 5 digits); longer text is not one
  if (rest.length - colon - 2 > MAX_QUEUE_ID) return null;
  const newQueueId = rest.slice(colon + 2);
  if (!isQueueId(newQueueId)) return null;
  return { kind: 'bounce-notification', recipient, type, newQueueId };
}
