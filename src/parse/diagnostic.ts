// PLACEHOLDER: to be written (parser for diagnostic lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a diagnostic line (after its queue ID, if any); null when it is not a diagnostic line it knows. */
export function parseDiagnostic(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
