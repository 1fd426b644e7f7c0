// PLACEHOLDER: to be written (parser for delivery lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a delivery line (after its queue ID, if any); null when it is not a delivery line it knows. */
export function parseDelivery(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
