// PLACEHOLDER: to be written (parser for cleanup lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a cleanup line (after its queue ID, if any); null when it is not a cleanup line it knows. */
export function parseCleanup(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
