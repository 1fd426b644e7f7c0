// sendmail(1), postdrop(1) and postqueue(1) lines: they log only trouble, as warning and fatal lines.

import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { PostfixEvent } from './events.js';

/** Texts only the submission commands log, tried before the generic rules. */
const RULES: readonly CategoryRule[] = [
  // lab (sendmail): `bob(1002): message file too big` (message_size_limit; postdrop's side logs `File too large`)
  { has: 'message file too big', category: 'limit' },
  // sendmail.c: `the Postfix sendmail command has set-uid root file permissions` (and its two follow-up lines)
  { has: 'set-uid root', category: 'config' },
];

/**
 * Parses the message of a sendmail, postdrop or postqueue line: its warning and fatal lines → diagnostic (the
 * `user(uid): ` or `uid=N: ` that starts many of them stays in the text: it is no client); null for anything else.
 * Samples (lab): `fatal: carol(1003): No recipient addresses found in message header` (category other),
 * `warning: uid=1002: File too large` (postdrop, category limit).
 */
export function parseSendmail(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  return toDiagnostic(rest, RULES);
}
