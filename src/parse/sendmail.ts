// PLACEHOLDER: to be written (parser for sendmail lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a sendmail line (after its queue ID, if any); null when it is not a sendmail line it knows. */
export function parseSendmail(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
