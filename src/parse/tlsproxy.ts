// PLACEHOLDER: to be written (parser for tlsproxy lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a tlsproxy line (after its queue ID, if any); null when it is not a tlsproxy line it knows. */
export function parseTlsproxy(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
