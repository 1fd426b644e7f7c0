// PLACEHOLDER: to be written (parser for master lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a master line (after its queue ID, if any); null when it is not a master line it knows. */
export function parseMaster(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
