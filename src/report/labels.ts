// Display labels shared by every renderer: reject classes (the restriction that fired), so text and HTML agree.

/**
 * The fixed reject classes, in the order renderers list them, with their labels. A DNS blocklist class is
 * `dnsbl:<list>` and a postscreen class `postscreen:<test>` (one per list name or test, see rejectClassLabel).
 * Names follow Postfix's restrictions (smtpd_check.c); they are part of the JSON contract.
 */
export const REJECT_CLASS_LABELS = {
  'relay-denied': 'Relay access denied (reject_unauth_destination)',
  'unknown-recipient-local': 'Unknown recipient: local recipient table',
  'unknown-recipient-virtual': 'Unknown recipient: virtual mailbox/alias table',
  'unknown-recipient-relay': 'Unknown recipient: relay recipient table',
  'unknown-recipient': 'Unknown recipient (table not shown)',
  'unverified-recipient': 'Unverified recipient (reject_unverified_recipient)',
  'unverified-sender': 'Unverified sender (reject_unverified_sender)',
  'recipient-non-fqdn': 'Recipient rejected: not fully qualified',
  'recipient-unknown-domain': 'Recipient rejected: unknown domain',
  'recipient-access': 'Recipient rejected: access table or transport',
  'sender-non-fqdn': 'Sender rejected: not fully qualified',
  'sender-unknown-domain': 'Sender rejected: unknown domain',
  'sender-unlisted': 'Sender rejected: unknown local user (unlisted_sender)',
  'sender-access': 'Sender rejected: access table',
  'client-access': 'Client rejected: access table',
  'client-unknown': 'Client rejected: hostname not verified (unknown_client)',
  'client-reverse-dns': 'Client rejected: no reverse DNS (unknown_reverse_client)',
  'helo-invalid': 'HELO rejected: invalid name',
  'helo-non-fqdn': 'HELO rejected: not fully qualified',
  'helo-unknown': 'HELO rejected: unknown host',
  'helo-access': 'HELO rejected: access table',
  'header-checks': 'Header checks',
  'body-checks': 'Body checks',
  'too-large': 'Message too large',
  milter: 'Milter',
  'policy-service': 'Policy service',
  greylisting: 'Greylisting',
  limits: 'Rate and connection limits',
  sasl: 'SASL (sender login mismatch, authentication)',
  'tls-required': 'TLS required',
  pipelining: 'Improper command pipelining',
  'multi-recipient-bounce': 'Multi-recipient bounce',
  'server-error': 'Server trouble (configuration, lookup, storage)',
  'access-warn': 'Access table WARN (logged only)',
  other: 'Other',
} as const;

/** A fixed reject class name. */
export type FixedRejectClass = keyof typeof REJECT_CLASS_LABELS;

/** Prefix of the per-list DNS blocklist classes: `dnsbl:zen.spamhaus.org`. */
export const DNSBL_CLASS_PREFIX = 'dnsbl:';
/** Prefix of the per-test postscreen classes: `postscreen:PREGREET`. */
export const POSTSCREEN_CLASS_PREFIX = 'postscreen:';

/** The label of a reject class name, the per-list and per-test ones included; unknown names show as they are. */
export function rejectClassLabel(name: string): string {
  if (name.startsWith(DNSBL_CLASS_PREFIX)) return `DNS blocklist ${name.slice(DNSBL_CLASS_PREFIX.length)}`;
  if (name.startsWith(POSTSCREEN_CLASS_PREFIX)) return `postscreen ${name.slice(POSTSCREEN_CLASS_PREFIX.length)}`;
  return (REJECT_CLASS_LABELS as Record<string, string>)[name] ?? name;
}

/** Sort rank of a class name for renderers: the fixed order above, DNS blocklists after HELO, postscreen last. */
export function rejectClassRank(name: string): number {
  const fixed = Object.keys(REJECT_CLASS_LABELS);
  if (name.startsWith(DNSBL_CLASS_PREFIX)) return fixed.indexOf('header-checks') - 0.5;
  if (name.startsWith(POSTSCREEN_CLASS_PREFIX)) return fixed.length;
  const i = fixed.indexOf(name);
  return i < 0 ? fixed.length + 1 : i;
}

/**
 * Section titles, pflogsumm's words where it has the section (so its users find their way), in one place so
 * the text and HTML renderers never disagree.
 */
export const SECTION_TITLES = {
  report: 'Postfix Log Summaries',
  grandTotals: 'Grand Totals',
  instances: 'Per-Instance Totals',
  perDay: 'Per-Day Traffic Summary',
  perHour: 'Per-Hour Traffic Summary',
  perHourAverage: 'Per-Hour Traffic Daily Average',
  deliveryDomains: 'Host/Domain Summary: Message Delivery',
  receiptDomains: 'Host/Domain Summary: Messages Received',
  smtpdPerDay: 'Per-Day SMTPD Connection Summary',
  smtpdPerHour: 'Per-Hour SMTPD Connection Summary',
  smtpdPerHourAverage: 'Per-Hour SMTPD Connection Daily Average',
  smtpdPerDomain: 'Host/Domain Summary: SMTPD Connections',
  sendersByCount: 'Senders by message count',
  recipientsByCount: 'Recipients by message count',
  sendersBySize: 'Senders by message size',
  recipientsBySize: 'Recipients by message size',
  noSize: 'Messages with no size data',
  deferrals: 'message deferral detail',
  bounces: 'message bounce detail (by relay)',
  expiries: 'message expired detail (by last deferral reason)',
  rejects: 'message reject detail',
  rejectWarnings: 'message reject warning detail',
  holds: 'message hold detail',
  discards: 'message discard detail',
  rejectClasses: 'Rejects by restriction class',
  smtpFailures: 'smtp delivery failures',
  warnings: 'Warnings',
  errors: 'Errors',
  fatals: 'Fatal Errors',
  panics: 'Panics',
  master: 'Master daemon messages',
  postscreen: 'postscreen actions',
  sasl: 'SASL authentication',
  tls: 'TLS',
  delays: 'Delivery delays (percentiles)',
  input: 'Input lines',
} as const;
