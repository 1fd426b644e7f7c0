// PLACEHOLDER: to be written (parser for scache lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a scache line (after its queue ID, if any); null when it is not a scache line it knows. */
export function parseScache(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
