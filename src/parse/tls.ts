// PLACEHOLDER: to be written (parser for tls lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a tls line (after its queue ID, if any); null when it is not a tls line it knows. */
export function parseTls(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
