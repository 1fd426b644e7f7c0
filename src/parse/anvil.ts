// PLACEHOLDER: to be written (parser for anvil lines).
import type { PostfixEvent } from './events.js';

/** Parses the message of a anvil line (after its queue ID, if any); null when it is not a anvil line it knows. */
export function parseAnvil(rest: string, queueId: string | null): PostfixEvent | null {
  void rest; void queueId;
  return null;
}
