// PLACEHOLDER: to be written (parser for bounce lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a bounce line (after its queue ID, if any); null when it is not a bounce line it knows. */
export function parseBounce(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
