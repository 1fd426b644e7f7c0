// trivial-rewrite(8) lines: it logs only trouble with address resolution, as warnings (src/trivial-rewrite/resolve.c).

import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { PostfixEvent } from './events.js';

/** trivial-rewrite's own warning texts, tried before the generic rules (which file `… lookup failure` as database). */
const RULES: readonly CategoryRule[] = [
  // resolve.c: `do not list domain example.com in BOTH mydestination and virtual_mailbox_domains`,
  // `do not list $myhostname (mx.example.com) in virtual_mailbox_domains`
  { start: 'do not list ', category: 'config' },
];

/**
 * Parses the message of a trivial-rewrite line: its warnings → diagnostic; null for anything else.
 * Sample (postfix-grok-patterns): `warning: virtual_alias_domains lookup failure` (category database).
 */
export function parseTrivialRewrite(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  return toDiagnostic(rest, RULES);
}
