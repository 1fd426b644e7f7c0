// PLACEHOLDER: to be written (parser for dnsblog lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a dnsblog line (after its queue ID, if any); null when it is not a dnsblog line it knows. */
export function parseDnsblog(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
