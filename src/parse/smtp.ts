// PLACEHOLDER: to be written (parser for smtp lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a smtp line (after its queue ID, if any); null when it is not a smtp line it knows. */
export function parseSmtp(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
