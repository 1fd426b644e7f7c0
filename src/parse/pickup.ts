// PLACEHOLDER: to be written (parser for pickup lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a pickup line (after its queue ID, if any); null when it is not a pickup line it knows. */
export function parsePickup(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
