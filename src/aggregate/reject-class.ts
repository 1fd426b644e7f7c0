// Which restriction fired: a reject's class from its reply text, using Postfix's own texts (smtpd_check.c,
// postscreen.c, postscreen_early.c) as the authority; class names and labels live in report/labels.ts.

import { DNSBL_CLASS_PREFIX, POSTSCREEN_CLASS_PREFIX, type FixedRejectClass } from '../report/labels.js';

/** One rule: the reply text (without its code and leading `<address>: `) starts with or contains `text` → `cls`. */
interface Rule {
  start?: string;
  has?: string;
  cls: FixedRejectClass;
}

// smtpd_check.c: `<%s>: %s rejected: …` with %s one of `Client host`, `Unverified Client host`, `Helo command`,
// `Sender address`, `Recipient address`, `SASL login name`, `Client certificate` (smtpd_dsn_fix.h); the rest of the
// text is Postfix's own for the built-in restrictions, or the table's text (default `Access denied`) for access maps.
const RULES: readonly Rule[] = [
  // reject_unauth_destination: `<%s>: Relay access denied`
  { has: 'Relay access denied', cls: 'relay-denied' },
  // reject_unauth_pipelining: `<%s>: %s rejected: Improper use of SMTP command pipelining`
  { has: 'Improper use of SMTP command pipelining', cls: 'pipelining' },
  // reject_multi_recipient_bounce: `<%s>: %s rejected: Multi-recipient bounce`
  { has: 'Multi-recipient bounce', cls: 'multi-recipient-bounce' },
  // smtpd_check_size: `Message size exceeds fixed limit`
  { has: 'Message size exceeds fixed limit', cls: 'too-large' },
  // smtpd_check_queue and table lookups: `Insufficient system storage`, `Server configuration error`,
  // `<%s>: Temporary lookup failure`, `Temporary lookup error`
  { has: 'Insufficient system storage', cls: 'server-error' },
  { has: 'Server configuration error', cls: 'server-error' },
  { has: 'Temporary lookup failure', cls: 'server-error' },
  { has: 'Temporary lookup error', cls: 'server-error' },
  // check_policy_service when the server cannot be reached: smtpd_policy_service_default_action
  // `451 4.3.5 Server configuration problem`
  { has: 'Server configuration problem', cls: 'policy-service' },
  // reject_plaintext_session: `Session encryption is required`; smtpd.c `Must issue a STARTTLS command first`
  { has: 'Session encryption is required', cls: 'tls-required' },
  { has: 'STARTTLS', cls: 'tls-required' },
  { start: 'Client certificate rejected', cls: 'tls-required' },
  // reject_sender_login_mismatch and friends: `<%s>: Sender address rejected: not owned by user %s`, `… not logged in`
  { has: 'not owned by user', cls: 'sasl' },
  { has: 'Sender address rejected: not logged in', cls: 'sasl' },
  { start: 'SASL login name rejected', cls: 'sasl' },
  // reject_unknown_reverse_client_hostname, reject_unknown_client_hostname (`Client host rejected: cannot find
  // your reverse hostname, [%s]`, `… cannot find your hostname, [%s]`), then access maps
  { start: 'Client host rejected: cannot find your reverse hostname', cls: 'client-reverse-dns' },
  { start: 'Client host rejected: cannot find your hostname', cls: 'client-unknown' },
  { start: 'Client host rejected', cls: 'client-access' },
  { start: 'Unverified Client host rejected', cls: 'client-access' },
  // reject_invalid_helo_hostname (`Invalid name`, `invalid ip address`), reject_non_fqdn_helo_hostname,
  // reject_unknown_helo_hostname (`Host not found`), then check_helo_access
  { start: 'Helo command rejected: Invalid name', cls: 'helo-invalid' },
  { start: 'Helo command rejected: invalid ip address', cls: 'helo-invalid' },
  { start: 'Helo command rejected: need fully-qualified hostname', cls: 'helo-non-fqdn' },
  { start: 'Helo command rejected: Host not found', cls: 'helo-unknown' },
  { start: 'Helo command rejected', cls: 'helo-access' },
  // reject_non_fqdn_sender, reject_unknown_sender_domain (`Domain not found`, `Domain %s does not accept mail
  // (nullMX)`, `Malformed DNS server reply`), reject_unverified_sender, reject_unlisted_sender, check_sender_access
  { start: 'Sender address rejected: need fully-qualified address', cls: 'sender-non-fqdn' },
  { start: 'Sender address rejected: Domain not found', cls: 'sender-unknown-domain' },
  { start: 'Sender address rejected: Malformed DNS server reply', cls: 'sender-unknown-domain' },
  { start: 'Sender address rejected: Unable to look up', cls: 'sender-unknown-domain' },
  { start: 'Sender address rejected: undeliverable address', cls: 'unverified-sender' },
  { start: 'Sender address rejected: unverified address', cls: 'unverified-sender' },
  { start: 'Sender address rejected: address verification problem', cls: 'unverified-sender' },
  { start: 'Sender address rejected: User unknown', cls: 'sender-unlisted' },
  // reject_unlisted_recipient and the *_recipient_maps: `User unknown in local recipient table`, `… in virtual
  // mailbox table`, `… in relay recipient table` (virtual alias domains say `… in virtual alias table`)
  { start: 'Recipient address rejected: User unknown in local', cls: 'unknown-recipient-local' },
  { start: 'Recipient address rejected: User unknown in virtual', cls: 'unknown-recipient-virtual' },
  { start: 'Recipient address rejected: User unknown in relay', cls: 'unknown-recipient-relay' },
  { start: 'Recipient address rejected: User unknown', cls: 'unknown-recipient' },
  { start: 'Recipient address rejected: need fully-qualified address', cls: 'recipient-non-fqdn' },
  { start: 'Recipient address rejected: Domain not found', cls: 'recipient-unknown-domain' },
  { start: 'Recipient address rejected: Malformed DNS server reply', cls: 'recipient-unknown-domain' },
  { start: 'Recipient address rejected: Unable to look up', cls: 'recipient-unknown-domain' },
  { start: 'Recipient address rejected: undeliverable address', cls: 'unverified-recipient' },
  { start: 'Recipient address rejected: unverified address', cls: 'unverified-recipient' },
  { start: 'Recipient address rejected: address verification problem', cls: 'unverified-recipient' },
];

// Sender/recipient texts from a policy server rather than an access table: SPF checkers, `policyd-*`, `Policy Rejection`
const POLICY = /\bSPF\b|polic/i;
// postgrey `Greylisted, see http://…`, milter-greylist `Greylisting in action, please come back later`, sqlgrey
const GREYLIST = /greylist/i;
// rate and connection limits: postscreen `too many connections`, `all server ports busy`; policy rate limiters
const LIMIT = /too many|rate limit|ports? (?:are )?busy/i;
// `… blocked using zen.spamhaus.org` (reject_rbl_client, reject_rhsbl_*: the default rbl reply template)
const BLOCKED_USING = 'blocked using ';

/**
 * The text a rule reads: the reply without a leading `<address>: ` (helo, sender, recipient or command), or the
 * bare `: ` left where a log shipper blanked the address (fail2ban's samples do).
 */
export function classText(text: string): string {
  if (text.startsWith(': ')) return text.slice(2);
  if (!text.startsWith('<')) return text;
  const close = text.indexOf('>: ');
  return close < 0 ? text : text.slice(close + 3);
}

/** The DNS blocklist a `blocked using` reply names, or null. */
export function blocklistOf(text: string): string | null {
  const i = text.indexOf(BLOCKED_USING);
  if (i < 0) return null;
  const rest = text.slice(i + BLOCKED_USING.length);
  const end = rest.search(/[;,\s]/);
  const list = (end < 0 ? rest : rest.slice(0, end)).toLowerCase();
  return list === '' ? null : list;
}

/**
 * The class of an smtpd reject (or reject_warning) from its reply text: greylisting first (whatever sent it),
 * then a DNS blocklist by list name, then Postfix's restriction texts, then policy-looking texts; `other` when
 * nothing fits. `milter` is for replies a milter gave (the caller knows from the action).
 */
export function classifySmtpdReject(text: string, milter: boolean): string {
  if (GREYLIST.test(text)) return 'greylisting';
  if (milter) return 'milter';
  const list = blocklistOf(text);
  if (list !== null) return DNSBL_CLASS_PREFIX + list;
  const t = classText(text);
  for (const r of RULES) {
    if (r.start !== undefined ? t.startsWith(r.start) : t.includes(r.has!)) return r.cls;
  }
  if (LIMIT.test(t)) return 'limits';
  if (POLICY.test(t)) return 'policy-service';
  if (t.startsWith('Sender address rejected')) return 'sender-access';
  if (t.startsWith('Recipient address rejected')) return 'recipient-access';
  return 'other';
}

/**
 * The class of a postscreen reject, from its reply (postscreen.c, postscreen_early.c, postscreen_state.c): DNSBL,
 * denylist, the retry after passed tests, and for `Protocol error` the protocol test the client failed in this
 * connection (`PREGREET`, `COMMAND PIPELINING`, `NON-SMTP COMMAND`, `BARE NEWLINE`), as its own line named it.
 */
export function classifyPostscreenReject(code: number | null, text: string, lastTest: string | null): string {
  if (LIMIT.test(text)) return 'limits';
  if (text.includes(BLOCKED_USING)) return POSTSCREEN_CLASS_PREFIX + 'DNSBL';
  if (text.startsWith('Service currently unavailable')) {
    // postscreen_state.c `450 4.3.2`: the tests after the greeting passed, the client must come back (as with
    // greylisting); postscreen.c `550 5.3.2`: a denylisted client (with enforce)
    return POSTSCREEN_CLASS_PREFIX + (code !== null && code < 500 ? 'retry after tests' : 'DENYLISTED');
  }
  if (text.startsWith('Protocol error')) return POSTSCREEN_CLASS_PREFIX + (lastTest ?? 'protocol test');
  return POSTSCREEN_CLASS_PREFIX + 'other';
}

/** The class of a cleanup verdict: header or body checks by the part that matched; milters apart; greylisting first. */
export function classifyCleanupCheck(part: string | null, milter: boolean, text: string): string {
  if (GREYLIST.test(text)) return 'greylisting';
  if (milter || part === null) return 'milter';
  return part === 'body' || part === 'content' ? 'body-checks' : 'header-checks';
}
