// PLACEHOLDER: to be written (parser for postfix-script lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a postfix-script line (after its queue ID, if any); null when it is not a postfix-script line it knows. */
export function parsePostfixScript(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
