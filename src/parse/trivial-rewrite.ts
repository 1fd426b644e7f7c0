// PLACEHOLDER: to be written (parser for trivial-rewrite lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a trivial-rewrite line (after its queue ID, if any); null when it is not a trivial-rewrite line it knows. */
export function parseTrivialRewrite(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
