// PLACEHOLDER: to be written (parser for smtpd lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a smtpd line (after its queue ID, if any); null when it is not a smtpd line it knows. */
export function parseSmtpd(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
