// anvil(8) lines: the peak connection/message/recipient/TLS/auth rates and counts it reports per interval.

import type { PostfixEvent } from './events.js';
import { uint } from './plain-number.js';

const PREFIX = 'statistics: max ';

/**
 * Parses the message of an anvil line (src/anvil/anvil.c, anvil_status_dump); null for anything else. Samples:
 *   lab: `statistics: max connection rate 14/60s for (smtpd:127.0.0.43) at Nov 25 19:09:54`
 *   lab: `statistics: max connection count 2 for (smtpd:127.0.0.40) at Nov 25 19:08:44`
 *   lab: `statistics: max cache size 34 at Nov 25 19:10:31`
 * Also message, recipient, newtls, auth and tlstrace rates, the same way.
 */
export function parseAnvil(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  if (!rest.startsWith(PREFIX)) return null;
  const at = rest.lastIndexOf(' at ');
  if (at < PREFIX.length) return null;
  const when = rest.slice(at + 4);
  if (rest.startsWith('cache size ', PREFIX.length)) {
    const value = uint(rest.slice(PREFIX.length + 11, at));
    if (value === null) return null;
    return { kind: 'anvil-statistics', stat: 'cache size', value, perSeconds: null, service: null, client: null, at: when };
  }
  // `connection rate 14/60s for (smtpd:127.0.0.43)`: the ident is the only parenthesised part
  const open = rest.indexOf(' for (', PREFIX.length);
  if (open < 0 || rest.charCodeAt(at - 1) !== 41 /* ) */) return null;
  const head = rest.slice(PREFIX.length, open);
  const sp = head.lastIndexOf(' ');
  if (sp <= 0) return null;
  const stat = head.slice(0, sp);
  const amount = head.slice(sp + 1);
  let value: number | null;
  let perSeconds: number | null = null;
  const slash = amount.indexOf('/');
  if (slash < 0) value = uint(amount);
  else {
    value = uint(amount.slice(0, slash));
    perSeconds = seconds(amount.slice(slash + 1));
    if (perSeconds === null) return null;
  }
  if (value === null) return null;
  const ident = rest.slice(open + 6, at - 1);
  const split = splitIdent(ident);
  return { kind: 'anvil-statistics', stat, value, perSeconds, service: split[0], client: split[1], at: when };
}

/** Seconds in the time-unit suffixes anvil has printed: `60s`; `5m`, `2h`, `7d` (postfix-grok-patterns). */
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `60s` → 60, `5m` → 300; null when not a count and a unit. */
function seconds(s: string): number | null {
  const unit = UNIT[s.charAt(s.length - 1)];
  const n = uint(s.slice(0, -1));
  return unit === undefined || n === null ? null : n * unit;
}

/**
 * An anvil ident is `service:client`, the service as master.cf names it. A service name may be `host:port`
 * and a client an IPv6 address, so the split is at the first colon unless the part before it has a dot (a host
 * or IPv4 address: then the service runs to the second colon) or is bracketed (`[::1]:2525`). Samples
 * (postfix-grok-patterns): `smtpd:2604:8d00:0:1::3` → smtpd + 2604:8d00:0:1::3,
 * `127.0.0.1:2525:127.0.0.1` → 127.0.0.1:2525 + 127.0.0.1, `smtp:unknown` → smtp + unknown.
 * Without any colon the whole ident is the client.
 */
function splitIdent(ident: string): [string | null, string] {
  let colon: number;
  if (ident.charCodeAt(0) === 91 /* [ */) {
    const close = ident.indexOf(']:');
    colon = close < 0 ? -1 : ident.indexOf(':', close + 2);
  } else {
    colon = ident.indexOf(':');
    if (colon > 0 && ident.lastIndexOf('.', colon) >= 0) {
      const second = ident.indexOf(':', colon + 1);
      if (second > 0) colon = second;
    }
  }
  if (colon <= 0) return [null, ident];
  return [ident.slice(0, colon), ident.slice(colon + 1)];
}
