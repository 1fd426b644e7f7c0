// PLACEHOLDER: to be written (parser for postsuper lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a postsuper line (after its queue ID, if any); null when it is not a postsuper line it knows. */
export function parsePostsuper(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
