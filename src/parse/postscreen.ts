// PLACEHOLDER: to be written (parser for postscreen lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a postscreen line (after its queue ID, if any); null when it is not a postscreen line it knows. */
export function parsePostscreen(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
