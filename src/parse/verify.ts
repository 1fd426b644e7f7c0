// PLACEHOLDER: to be written (parser for verify lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a verify line (after its queue ID, if any); null when it is not a verify line it knows. */
export function parseVerify(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
