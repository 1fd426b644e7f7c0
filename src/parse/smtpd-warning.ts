// smtpd's own warning:/error:/fatal:/panic: lines: SASL failures as their own kind, the rest as categorised diagnostics.

import { parsePeerAt } from './common.js';
import type { Diagnostic, Peer, SmtpdSaslFailed } from './events.js';

type Level = Diagnostic['level'];

/**
 * Parses a smtpd `warning:`, `error:`, `fatal:` or `panic:` line: `smtpd-sasl-failed` for a failed SASL login, else
 * a `diagnostic` with its category and, where the text names one, its client. Null for any other line.
 */
export function parseSmtpdWarning(s: string): SmtpdSaslFailed | Diagnostic | null {
  let level: Level;
  let i: number;
  switch (s.charCodeAt(0)) {
    case 119 /* w */: level = 'warning'; i = 8; break;
    case 101 /* e */: level = 'error'; i = 6; break;
    case 102 /* f */: level = 'fatal'; i = 6; break;
    case 112 /* p */: level = 'panic'; i = 6; break;
    default: return null;
  }
  if (!s.startsWith(level, 0) || s.charCodeAt(i - 1) !== 58 /* : */) return null;
  // a bare `warning:` (lines cut short in a lightmeter test file) is kept, with empty text
  if (s.length > i && s.charCodeAt(i) !== 32) return null;
  const text = s.slice(i + 1);
  // the client comes first in SASL and request-length warnings (lab, out/maillog-traditional.log):
  // `warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example`
  const lead = parsePeerAt(text, 0);
  if (lead !== null && text.charCodeAt(lead.end) === 58 && isAddress(lead.peer.ip)) {
    const sasl = parseSaslFailed(text, lead.peer, lead.end);
    if (sasl !== null) return sasl;
    return diagnostic(level, text.includes('SASL') ? 'sasl' : categorize(text), lead.peer, text);
  }
  const dns = reverseDns(text);
  if (dns !== null) return diagnostic(level, 'reverse-dns', dns, text);
  return diagnostic(level, categorize(text), clientFrom(text), text);
}

function diagnostic(level: Level, category: string, client: Peer | null, text: string): Diagnostic {
  return { kind: 'diagnostic', level, category, client, text };
}

const SASL_FAILED = ' authentication failed:';

// sshguard: `unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6`
// postfix_exporter: `laptop.local[192.168.1.2]: SASL PLAIN authentication failed: generic failure`
// Newer Postfix (smtpd_sasl_glue.c) appends `, sasl_username=u` (`(unavailable)` when the client gave none). The reason comes from the
// SASL library and the user name from the client, so the first `, sasl_username=` ends the reason.
function parseSaslFailed(text: string, client: Peer, end: number): SmtpdSaslFailed | null {
  if (!text.startsWith(': SASL ', end)) return null;
  const m = end + 7;
  const sp = text.indexOf(' ', m);
  if (sp < 0 || !text.startsWith(SASL_FAILED, sp)) return null;
  const method = text.slice(m, sp);
  let r = sp + SASL_FAILED.length;
  if (text.charCodeAt(r) === 32) r++;
  let reason = text.slice(r);
  let saslUsername: string | null = null;
  const u = reason.indexOf(', sasl_username=');
  if (u >= 0) {
    saslUsername = reason.slice(u + 16);
    if (saslUsername === '(unavailable)') saslUsername = null;
    reason = reason.slice(0, u);
  }
  return { kind: 'smtpd-sasl-failed', client, method, reason, saslUsername };
}

/**
 * The client named by a reverse-DNS warning, as `hostname[address]` (the name it claimed, the address it came from).
 * lab (out/maillog-traditional.log): `hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not
 * known`; postfix-grok-patterns: `hostname exemple.com does not resolve to address 185.14.29.32`; old Postfix words it
 * `IP address %s not listed for hostname %s` (no licensed sample).
 */
function reverseDns(text: string): Peer | null {
  if (text.startsWith('hostname ')) {
    const sp = text.indexOf(' does not resolve to address ', 9);
    if (sp < 0 || text.lastIndexOf(' ', sp - 1) >= 9) return null;
    const a = sp + 29;
    let e = text.indexOf(': ', a);
    if (e < 0) e = text.length;
    const ip = text.slice(a, e);
    return isAddress(ip) ? { name: text.slice(9, sp), ip, port: null } : null;
  }
  if (text.startsWith('IP address ')) {
    const sp = text.indexOf(' not listed for hostname ', 11);
    if (sp < 0) return null;
    const ip = text.slice(11, sp);
    const name = text.slice(sp + 25);
    return isAddress(ip) && name.indexOf(' ') < 0 ? { name, ip, port: null } : null;
  }
  return null;
}

/**
 * The client of ` from name[ip]` in a warning, e.g. (lab) `Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55]
 * for service smtpd`, (crowdsec-hub) `non-SMTP command from unknown[192.168.1.1]: GET / HTTP/1.1`; only the first ` from ` counts, since
 * what follows may be the client's own words.
 */
function clientFrom(text: string): Peer | null {
  const f = text.indexOf(' from ');
  if (f < 0) return null;
  const at = parsePeerAt(text, f + 6);
  if (at === null || !isAddress(at.peer.ip)) return null;
  const c = text.charCodeAt(at.end);
  return at.end === text.length || c === 32 || c === 58 || c === 44 ? at.peer : null;
}

/** An IPv4 or IPv6 address, or `unknown` (how smtpd names a client address it could not get). */
function isAddress(ip: string): boolean {
  if (ip === 'unknown') return true;
  if (ip.length < 2 || ip.length > 45) return false;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    const hex = (c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70); // 0-9 : a-f A-F
    if (!hex && c !== 46) return false;
  }
  return true;
}

/**
 * The category of a smtpd warning text, by its words (Postfix sources: smtpd.c, smtpd_check.c, smtpd_peer.c, tls/*.c).
 * Order matters: `queue file size limit exceeded` is a limit, `New TLS session rate limit exceeded` too.
 */
function categorize(text: string): string {
  // lab: `Connection rate limit exceeded: 31 from …`, `5A074160033: queue file size limit exceeded`;
  // smtpd.c: `Connection concurrency limit exceeded: …`, `%s: BDAT request from %s exceeds message size limit`
  if (text.includes('limit exceeded') || text.includes('exceeds message size limit')) return 'limit';
  // lab: `non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1`
  if (text.startsWith('non-SMTP command')) return 'non-smtp';
  // smtpd_check.c: `Unable to look up %s host for %s: %s` (the DNS lookups of reject_unknown_*_domain and friends)
  if (text.startsWith('Unable to look up ')) return 'reverse-dns';
  // modoboa: `157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. …`; smtpd_check.c:
  // `%s: TXT lookup error: …`, `rbl response code configuration error: …`
  if (text.includes(': RBL lookup error') || text.includes(': TXT lookup error') || text.includes('rbl response code')
    || text.includes(' listed by ')) return 'dnsbl';
  // lab: `SASL authentication failure: Password verification failed` (from the Cyrus library)
  if (text.includes('SASL') || text.includes('sasl')) return 'sasl';
  // msimerson-postfix-parser: `TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too
  // small:s3_clnt.c:3347:`; smtpd.c: `Refusing STARTTLS request from %s for service %s`
  if (text.includes('TLS') || text.includes('SSL') || text.includes('tls')) return 'tls';
  // smtpd_check.c: `not enough free space in mail queue: …`
  if (text.startsWith('not enough free space') || text.includes('No space left') || text.includes('out of memory')
    || text.includes('Too many open files')) return 'resource';
  // pk65-search_postfix_log: `dict_nis_init: NIS domain name not set - NIS lookups disabled`; util/dict*.c:
  // `open database %s: %m`, `%s:%s is unavailable. …`; smtpd.c: `%s:%s lookup error for "%.100s"`
  if (text.startsWith('open database ') || text.startsWith('database ') || text.startsWith('dict_')
    || text.includes(' is unavailable') || text.includes(' lookup error for ') || text.includes('table lookup problem')) {
    return 'database';
  }
  // postfix_exporter: `file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody`;
  // smtpd_check.c: `restriction `%s' after `%s' is ignored`, `access table %s …`, `SMTP reply code configuration error: …`
  if (text.includes('main.cf') || text.includes('restriction') || text.includes('access table ')
    || text.includes('configuration error') || text.includes('parameter ') || text.includes('bad configuration')) {
    return 'config';
  }
  return 'other';
}
