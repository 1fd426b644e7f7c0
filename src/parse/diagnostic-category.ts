// What a warning/error/fatal/panic text is about: ordered substring rules shared by every daemon, first match wins.
// Daemon parsers put texts only they log in rule lists of their own (master.ts, postscreen.ts, …), tried first.

/**
 * One rule: the text contains `has` (or starts with `start`, or ends with `end`) → `category`.
 * Plain substrings, no regex: this runs on every diagnostic line and must stay linear on hostile input.
 */
export interface CategoryRule {
  has?: string;
  start?: string;
  end?: string;
  category: string;
}

/** True when `text` matches `rule`. */
export function ruleMatches(rule: CategoryRule, text: string): boolean {
  if (rule.start !== undefined) return text.startsWith(rule.start);
  if (rule.end !== undefined) return text.endsWith(rule.end);
  return text.indexOf(rule.has!) >= 0;
}

/**
 * The generic rules, in the order they are tried. Earlier rules win where texts overlap: a non-SMTP payload
 * may say anything, `queue file size limit exceeded` is a limit before it is about the queue, `No space left
 * on device` is a resource problem whatever file it was writing.
 */
const GENERIC: readonly CategoryRule[] = [
  // lab: `non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1`
  { has: 'non-SMTP command', category: 'non-smtp' },
  // lab: `brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example`
  // lab: `SASL authentication failure: Password verification failed`
  { has: 'SASL', category: 'sasl' },
  // modoboa: `157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. …`
  { has: 'RBL lookup', category: 'dnsbl' },
  // postfix-grok-patterns: `dnsblog_query: lookup error for DNS query 198.204.82.110.list.dnswl.org: Host or domain name not found. …`
  { has: 'dnsblog', category: 'dnsbl' },
  { has: 'DNSBL', category: 'dnsbl' },
  // msimerson-postfix-parser: `TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:`
  { has: 'TLS', category: 'tls' },
  { has: 'SSL', category: 'tls' },
  // postfix-grok-patterns (smtp, not a diagnostic there): `certificate verification failed for mail.example.com[113.169.17.115]:25: self-signed certificate.`
  { has: 'certificate', category: 'tls' },
  // lab: `hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known`
  { has: 'does not resolve to address', category: 'reverse-dns' },
  // older smtpd: `1.2.3.4: address not listed for hostname x.example`, `1.2.3.4: hostname x.example verification
  // failed: Name or service not known` (certificate and SASL verification failures matched earlier rules)
  { has: 'address not listed for hostname', category: 'reverse-dns' },
  { has: 'verification failed', category: 'reverse-dns' },
  // lab: `Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd`
  // lab: `5A074160033: queue file size limit exceeded`
  { has: 'limit exceeded', category: 'limit' },
  // lab (postdrop): `uid=1002: File too large` (EFBIG: the file size limit that enforces message_size_limit)
  { has: 'File too large', category: 'limit' },
  // moj-postfix-stats-collector (bounce): `lock file defer 4438F62ECB: Resource temporarily unavailable` (another
  // process holds the queue file's lock: a queue matter, before the EAGAIN text makes it look like a resource one)
  { start: 'lock file ', category: 'queue' },
  // msimerson-postfix-parser: `append file defer 3lyw0Z2NdSz2xGb: No space left on device`
  { has: 'No space left on device', category: 'resource' },
  { has: 'out of memory', category: 'resource' },
  { has: 'Cannot allocate memory', category: 'resource' },
  { has: 'Too many open files', category: 'resource' },
  { has: 'Resource temporarily unavailable', category: 'resource' },
  { has: 'insufficient system storage', category: 'resource' },
  // dict_open (error: level): `open database /etc/postfix/access.db: No such file or directory`
  { has: 'open database', category: 'database' },
  // dict_db.c: `database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual`
  { has: 'is older than source file', category: 'database' },
  // postfix-grok-patterns (trivial-rewrite): `virtual_alias_domains lookup failure`
  { has: 'lookup failure', category: 'database' },
  // postfix-grok-patterns: `9BECF3F19D: sender_canonical_maps map lookup problem for sender@example.com -- message not accepted, try again later`
  { has: 'lookup problem', category: 'database' },
  // postfix-grok-patterns: `dict_ldap_lookup: Search error -1: Can't contact LDAP server`; pk65: `dict_nis_init: NIS domain name not set - NIS lookups disabled`
  { has: 'dict_', category: 'database' },
  // postfix-grok-patterns (postmap): `/etc/postfix/conf.d/users.db: duplicate entry: "xxx@yyy.com"`
  { has: 'duplicate entry', category: 'database' },
  // msimerson-postfix-parser: `3mCqcj5HR1z2xDW: message has been queued for 2 days`
  { has: 'message has been queued for', category: 'queue' },
  // msimerson-postfix-parser: `3lyw1l0Nwdz2xGs: defer service failure`
  { has: 'service failure', category: 'queue' },
  // postfix_exporter (qmgr): `lots of deferred mail, that is bad for performance`, `please avoid flushing the whole queue when you have`
  { has: 'deferred mail', category: 'queue' },
  { has: 'flushing the whole queue', category: 'queue' },
  // moj-postfix-stats-collector (showq): `scan_dir_push: open directory hold: No such file or directory`
  { has: 'scan_dir_push', category: 'queue' },
  { has: 'queue file', category: 'queue' },
  { has: 'damaged message', category: 'queue' },
  // postfix_exporter: `file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody`
  { has: 'main.cf', category: 'config' },
  { has: 'master.cf', category: 'config' },
  // master_watch.c: `ignoring inet_interfaces parameter value change`
  { has: 'parameter value', category: 'config' },
  // postfix-grok-patterns: `bounce_queue_lifetime is larger than maximal_queue_lifetime - adjusting bounce_queue_lifetime`
  { has: 'is larger than', category: 'config' },
  // postfix-grok-patterns (tlsmgr): `request to update table btree:/var/spool/postfix/smtpd_scache in non-postfix directory /var/spool/postfix`
  { has: 'non-postfix directory', category: 'config' },
  // postfix-grok-patterns (postfix check): `symlink leaves directory: /etc/postfix/./makedefs.out`
  { has: 'symlink leaves directory', category: 'config' },
  // postfix check (postfix-script): `not owned by root: /etc/postfix/main.cf`, `group or other writable: /etc/postfix/main.cf`
  { start: 'not owned by ', category: 'config' },
  { start: 'group or other writable', category: 'config' },
];

/**
 * The category of a diagnostic text (the message after `warning: ` etc.): the daemon's own rules first, then
 * the generic ones; `other` when none matches.
 */
export function diagnosticCategory(text: string, own: readonly CategoryRule[] | null = null): string {
  if (own !== null) {
    for (const rule of own) if (ruleMatches(rule, text)) return rule.category;
  }
  for (const rule of GENERIC) if (ruleMatches(rule, text)) return rule.category;
  return 'other';
}
