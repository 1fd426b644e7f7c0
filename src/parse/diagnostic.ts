// The generic fallback for every daemon: `warning:`/`error:`/`fatal:`/`panic:` lines become `diagnostic` events,
// and delivery-status and TLS lines of daemons without a parser of their own go to the shared parsers.

import { parsePeerAt } from './common.js';
import { diagnosticCategory, type CategoryRule } from './diagnostic-category.js';
import { parseDeliveryStatus } from './delivery.js';
import type { Diagnostic, Peer, PostfixEvent } from './events.js';
import { parseTlsLine } from './tls.js';

export type { CategoryRule } from './diagnostic-category.js';

/**
 * Reads a `warning: …`, `error: …`, `fatal: …` or `panic: …` message into a diagnostic; null for any other
 * message, and for a bare level with no text (a truncated line). `own` are the daemon's category rules, tried
 * before the generic ones. Sample (moj-postfix-stats-collector, master): `warning: process /usr/lib/postfix/showq pid 8852 exit status 1`.
 */
export function toDiagnostic(rest: string, own: readonly CategoryRule[] | null = null): Diagnostic | null {
  let level: Diagnostic['level'];
  // first character before any startsWith: most messages are not diagnostics
  switch (rest.charCodeAt(0)) {
    case 119 /* w */: if (!rest.startsWith('warning: ')) return null; level = 'warning'; break;
    case 101 /* e */: if (!rest.startsWith('error: ')) return null; level = 'error'; break;
    case 102 /* f */: if (!rest.startsWith('fatal: ')) return null; level = 'fatal'; break;
    case 112 /* p */: if (!rest.startsWith('panic: ')) return null; level = 'panic'; break;
    default: return null;
  }
  const text = rest.slice(level.length + 2);
  if (text.length === 0) return null;
  return { kind: 'diagnostic', level, category: diagnosticCategory(text, own), client: diagnosticClient(text), text };
}

/**
 * The generic parser every daemon falls back to (index.ts calls it when the daemon's parser returns null):
 * diagnostics with the generic categories; `to=<…>, relay=…, status=…` lines; `… TLS connection established …`
 * and the other TLS lines. Null when the message is none of these.
 */
export function parseDiagnostic(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId; // the queue ID is the record's; a diagnostic has no field for it
  const d = toDiagnostic(rest);
  if (d !== null) return d;
  // postfix-grok-patterns (smtp): `to=<admin@example.com>, relay=127.0.0.1[127.0.0.1]:2525, delay=3.6, … status=sent (…)`
  if (rest.startsWith('to=<')) return parseDeliveryStatus(rest);
  return parseTlsLine(rest);
}

/**
 * The client a diagnostic text is about: the first `name[ip]` or `name[ip]:port` whose brackets hold an IP
 * address (so `dict_ldap_get_values[1]` and `Subject: [WARNTEST]` are passed over), or the host and address of
 * a failed reverse lookup. Null when the text names none.
 * Samples (lab): `Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd`,
 * `hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known`.
 */
export function diagnosticClient(text: string): Peer | null {
  if (text.startsWith('hostname ')) return unresolvedHost(text);
  if (text.startsWith('IP address ')) return unlistedAddress(text);
  let open = text.indexOf('[');
  // a few brackets at most: header texts quoted in a warning may carry several before the client
  for (let tries = 0; open >= 0 && tries < 4; tries++) {
    let start = open;
    while (start > 0 && !isNameBoundary(text.charCodeAt(start - 1))) start--;
    const r = parsePeerAt(text, start);
    if (r !== null && isIpAddress(r.peer.ip)) return r.peer;
    open = text.indexOf('[', open + 1);
  }
  return null;
}

/** smtpd: `hostname H does not resolve to address A[: reason]` → { name: H, ip: A } (H is the unverified PTR name). */
function unresolvedHost(text: string): Peer | null {
  const mid = text.indexOf(' does not resolve to address ', 9);
  if (mid < 0) return null;
  const from = mid + 29;
  // an IPv6 address has colons of its own: the reason follows `: `
  const sep = text.indexOf(': ', from);
  const end = sep >= 0 ? sep : text.length;
  const ip = text.slice(from, end);
  return isIpAddress(ip) ? { name: text.slice(9, mid), ip, port: null } : null;
}

/** older smtpd: `IP address A not listed for hostname H` → { name: H, ip: A } (no licensed sample). */
function unlistedAddress(text: string): Peer | null {
  const mid = text.indexOf(' not listed for hostname ', 11);
  if (mid < 0) return null;
  const ip = text.slice(11, mid);
  const name = text.slice(mid + 25);
  return isIpAddress(ip) && name.length > 0 && name.indexOf(' ') < 0 ? { name, ip, port: null } : null;
}

/** Where a host name before `[` starts: after a space, tab, `(`, `<`, `,` or `=`. */
function isNameBoundary(c: number): boolean {
  return c === 32 || c === 9 || c === 40 || c === 60 || c === 44 || c === 61;
}

/** An IPv4 or IPv6 address as Postfix writes it: hex digits, dots and colons, with at least one dot or colon. */
function isIpAddress(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let sep = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 58) sep = true;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return sep;
}
