// dnsblog(8) lines: the DNS blocklist answers it looks up for postscreen (its warnings go to the generic parser).

import type { PostfixEvent } from './events.js';

const LISTED_BY = ' listed by domain ';

/**
 * Parses the message of a dnsblog line: `addr IP listed by domain ZONE as ANSWER` → dnsblog-listed; null for
 * anything else. Samples:
 *   lab: `addr 127.0.0.50 listed by domain bl.lab.test as 127.0.0.2`
 *   postfix-grok-patterns: `addr 2607:f8b0:4003:c01::23a listed by domain list.dnswl.org as 127.0.5.1`
 */
export function parseDnsblog(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  if (!rest.startsWith('addr ')) return null;
  const by = rest.indexOf(LISTED_BY, 5);
  if (by < 6) return null;
  const from = by + LISTED_BY.length;
  const as = rest.indexOf(' as ', from);
  if (as <= from || as + 4 >= rest.length) return null;
  const ip = rest.slice(5, by);
  const domain = rest.slice(from, as);
  const answer = rest.slice(as + 4);
  // one word each: a space inside means the line is not this one
  if (ip.indexOf(' ') >= 0 || domain.indexOf(' ') >= 0 || answer.indexOf(' ') >= 0) return null;
  return { kind: 'dnsblog-listed', ip, domain, answer };
}
