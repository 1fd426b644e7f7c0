// smtpd's own warning:/error:/fatal:/panic: lines: SASL failures as their own kind, the rest as categorised diagnostics.

import { parsePeerAt } from './common.js';
import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { Diagnostic, Peer, SmtpdSaslFailed } from './events.js';

/**
 * Parses a smtpd `warning:`, `error:`, `fatal:` or `panic:` line: `smtpd-sasl-failed` for a failed SASL login, else
 * a `diagnostic` (the generic reader of diagnostic.ts with smtpd's own category rules first). Null for any other line.
 */
export function parseSmtpdWarning(s: string): SmtpdSaslFailed | Diagnostic | null {
  const d = toDiagnostic(s, SMTPD_RULES);
  if (d === null) return null;
  // the client comes first in SASL and request-length warnings (lab, out/maillog-traditional.log):
  // `warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example`
  const lead = parsePeerAt(d.text, 0);
  if (lead !== null && d.text.charCodeAt(lead.end) === 58 /* : */) {
    const sasl = parseSaslFailed(d.text, lead.peer, lead.end);
    if (sasl !== null) return sasl;
  }
  return d;
}

/**
 * smtpd's warning texts by their words (Postfix sources: smtpd.c, smtpd_check.c, smtpd_peer.c), tried before the
 * generic rules. Order matters: `queue file size limit exceeded` is a limit before it is about the queue.
 */
const SMTPD_RULES: readonly CategoryRule[] = [
  // lab: `Connection rate limit exceeded: 31 from …`, `5A074160033: queue file size limit exceeded`
  { has: 'limit exceeded', category: 'limit' },
  // smtpd.c: `%s: BDAT request from %s exceeds message size limit`
  { has: 'exceeds message size limit', category: 'limit' },
  // smtpd_check.c: `Unable to look up %s host for %s: %s` (the DNS lookups of reject_unknown_*_domain and friends)
  { start: 'Unable to look up ', category: 'reverse-dns' },
  // smtpd_check.c: `%s: TXT lookup error: …`, `rbl response code configuration error: …`, `… listed by …`
  { has: ': TXT lookup error', category: 'dnsbl' },
  { has: 'rbl response code', category: 'dnsbl' },
  { has: ' listed by ', category: 'dnsbl' },
  { has: 'sasl', category: 'sasl' },
  // smtpd.c: `Refusing STARTTLS request from %s for service %s`
  { has: 'tls', category: 'tls' },
  // smtpd_check.c: `not enough free space in mail queue: …`
  { start: 'not enough free space', category: 'resource' },
  // smtpd.c: `%s:%s lookup error for "%.100s"`, util/dict*.c: `%s:%s is unavailable. …`
  { has: ' is unavailable', category: 'database' },
  { has: ' lookup error for ', category: 'database' },
  { has: 'table lookup problem', category: 'database' },
  { start: 'database ', category: 'database' },
  // smtpd_check.c: `restriction `%s' after `%s' is ignored`, `access table %s …`, `SMTP reply code configuration error: …`
  { has: 'restriction', category: 'config' },
  { has: 'access table ', category: 'config' },
  { has: 'configuration error', category: 'config' },
  { has: 'parameter ', category: 'config' },
];

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

