// PLACEHOLDER: to be written (parser for qmgr lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a qmgr line (after its queue ID, if any); null when it is not a qmgr line it knows. */
export function parseQmgr(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
