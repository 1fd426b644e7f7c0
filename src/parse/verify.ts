// verify(8) lines: its address-verification cache's cleanup runs (the reader is shared with postscreen's cache).

import type { CacheCleanup, PostfixEvent } from './events.js';
import { uint } from './plain-number.js';

/**
 * Parses the message of a verify line: `cache … full cleanup: …` / `… partial cleanup: …`; null for anything else
 * (its warnings go to the generic parser; its PROBE/GOT/PUT lines appear only with -v and are not read).
 */
export function parseVerify(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  return parseCacheCleanup(rest);
}

/**
 * The summary dict_cache.c logs after a cleanup pass over a postscreen or verify cache; the cache name is kept as
 * logged (`btree:/var/lib/postfix/verify_cache`, or `?`s where the name was not printable). Null when not one.
 * Samples (postfix-grok-patterns):
 *   `cache lmdb:/var/lib/postfix/verify_cache full cleanup: retained=724 dropped=6 entries`
 *   `cache ??????????????????????????????????? partial cleanup: retained=1 dropped=0 entries`
 */
export function parseCacheCleanup(rest: string): CacheCleanup | null {
  if (!rest.startsWith('cache ') || !rest.endsWith(' entries')) return null;
  const mid = rest.lastIndexOf(' cleanup: retained=');
  if (mid < 6) return null;
  // `full` or `partial`: the word before ` cleanup:`, after the cache name
  const sp = rest.lastIndexOf(' ', mid - 1);
  const scope = rest.slice(sp + 1, mid);
  if (sp < 6 || (scope !== 'full' && scope !== 'partial')) return null;
  const from = mid + 19;
  const dropped = rest.indexOf(' dropped=', from);
  if (dropped < 0) return null;
  const retainedN = uint(rest.slice(from, dropped));
  const droppedN = uint(rest.slice(dropped + 9, rest.length - 8));
  if (retainedN === null || droppedN === null) return null;
  return { kind: 'cache-cleanup', cache: rest.slice(6, sp), retained: retainedN, dropped: droppedN };
}
