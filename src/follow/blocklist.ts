// Remote replies that say our server is blocklisted: the texts Microsoft, Google and Yahoo send and the generic
// DNSBL wording, read from smtp/lmtp delivery lines (what remote servers told us, never our own smtpd's rejects).

import type { DeliveryStatus } from '../parse/events.js';

/** One known text: `pattern` found in the remote reply means a blocklisting, by `provider` when it names one. */
interface Rule {
  pattern: RegExp;
  provider?: string;
}

const RULES: readonly Rule[] = [
  // Microsoft (Outlook.com, Hotmail, Microsoft 365), as quoted by senders who met it:
  // `550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider
  // since part of their network is on our block list (S3150). You can also refer your provider to …`
  // (https://sevencreative.co.uk/how-to-remove-yourself-from-the-hotmail-block-list/, S3140 in
  // https://www.virtbiz.com/client/index.php?rp=%2Fknowledgebase%2F71%2FOutlook-or-Hotmail-or-Microsoft-has-blocked-my-email.html)
  { pattern: /\bS31[45]0\b/, provider: 'Microsoft' },
  { pattern: /part of their network is on our block list/i, provider: 'Microsoft' },
  // `550 5.7.606 Access denied, banned sending IP [X.X.X.X]. To request removal from this list please visit
  // https://sender.office.com/ …` (https://mailflowauthority.com/troubleshooting/outlook-550-5-7-606-fix)
  { pattern: /banned sending IP/i, provider: 'Microsoft' },
  // Google (Gmail, Workspace): `421-4.7.28 … Our system has detected an unusual rate of unsolicited mail originating
  // from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate
  // limited.` (https://smtpfieldmanual.com/provider/google); `550-5.7.1 … Our system has detected that this message
  // is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.`
  // (http://magicwinmail.com/docs/errormail/gmail.php); `421-4.7.0 Our system has detected that this message is
  // suspicious due to the very low reputation of the sending IP address.`
  // (https://discuss.vultr.com/discussion/1031/gmail-is-blocking-my-email)
  { pattern: /unusual rate of unsolicited mail/i, provider: 'Google' },
  { pattern: /likely unsolicited mail/i, provider: 'Google' },
  { pattern: /low reputation of the sending IP|Our system has detected\b.*\bIP reputation/i, provider: 'Google' },
  // Yahoo (and AOL, AT&T on its servers): `421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to
  // unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes`
  // (https://maileroo.com/blog/yahoo-tss04-error), `[TS01]`, `[TS02] Temporarily deferred`
  // (http://www.smtp-error-codes.info/bounce/yahoo/bounce_421_4.7.0_TS02.php), `421 4.7.1 [TS03] All messages from
  // x.x.x.x permanently deferred` (help.yahoo.com SLN3436), `553 5.7.1 [BL21] Connections will not be accepted from
  // x.x.x.x, because the ip is in Spamhaus's list`
  { pattern: /\[(?:TS0[123]|TSS04|BL21)\]/, provider: 'Yahoo' },
  { pattern: /temporarily deferred due to (?:unexpected volume or )?user complaints/i, provider: 'Yahoo' },
  // Any server using a DNSBL: Postfix's own reject_rbl_client template `554 5.7.1 Service unavailable; Client host
  // [203.0.113.5] blocked using zen.spamhaus.org` (https://help.kreativmedia.ch/fr/erreur-554-blocked), Outlook's
  // `550 5.7.1 Service unavailable, MailFrom domain is listed in Spamhaus`, `550 5.7.1 Rejecting mail, 203.0.113.5
  // is blacklisted` (https://knowledge.broadcom.com/external/article/161393), `550 Sender IP (x) is blacklisted at …`
  { pattern: /\bblocked using\b/i },
  // `not listed in` is how Lotus Domino says "user unknown" (`User not listed in public Name & Address Book`)
  { pattern: /(?<!\bnot )\blisted (?:at|on|in|by)\b/i },
  { pattern: /\b(?:block|black)[- ]?listed\b/i },
  { pattern: /\bspamhaus\b/i },
  { pattern: /\b(?:DNSBL|RBL)\b/ },
];

// The providers' MX host names: mail to them is theirs whatever the recipient domain (hosted domains too)
const PROVIDER_HOSTS: readonly (readonly [RegExp, string])[] = [
  // `hotmail-com.olc.protection.outlook.com`, `example-com.mail.protection.outlook.com`
  [/(?:^|\.)(?:outlook\.com|hotmail\.com)$/, 'Microsoft'],
  // `gmail-smtp-in.l.google.com`, `aspmx.l.google.com`
  [/(?:^|\.)(?:google\.com|googlemail\.com)$/, 'Google'],
  // `mta5.am0.yahoodns.net`
  [/(?:^|\.)(?:yahoodns\.net|yahoo\.com)$/, 'Yahoo'],
];

// `blocked using zen.spamhaus.org`, `listed at bl.spamcop.net`: the list a generic text names
const LIST_NAMED = /\b(?:blocked using|listed (?:at|on|in|by))\s+([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i;

// a multi-line reply as Postfix logs it: `421-4.7.28 … of 421-4.7.28 unsolicited …`; the continuation markers go
const CONTINUATION = /\b[245]\d\d[- ][245]\.\d{1,3}\.\d{1,3}\s+/g;

/** Where a blocklisting reply came from and what it said. */
export interface Blocklisting {
  /** Microsoft, Google, Yahoo; else the list named (`zen.spamhaus.org`), else the recipient's domain */
  provider: string;
  /** the remote reply (or the delivery detail when it had none), continuation markers removed */
  text: string;
}

/**
 * The blocklisting a delivery line reports, or null: a deferral or bounce by smtp or lmtp whose remote reply matches
 * a known text. Our own smtpd's rejects are other events and never reach here.
 */
export function blocklisting(daemon: string, ev: DeliveryStatus): Blocklisting | null {
  if (daemon !== 'smtp' && daemon !== 'lmtp') return null;
  if (ev.status !== 'deferred' && ev.status !== 'bounced') return null;
  // the reply only: the detail's `host rbl-mx.example[…] said:` names a host, which may contain any word
  const text = (ev.reply !== null ? ev.reply.text : ev.detail).replace(CONTINUATION, '');
  const rule = RULES.find((r) => r.pattern.test(text));
  if (rule === undefined) return null;
  const host = (ev.remote ?? ev.relayPeer)?.name.toLowerCase() ?? '';
  const byHost = PROVIDER_HOSTS.find(([re]) => re.test(host))?.[1];
  const named = LIST_NAMED.exec(text)?.[1]?.toLowerCase();
  const domain = ev.to.slice(ev.to.lastIndexOf('@') + 1).toLowerCase();
  return { provider: byHost ?? rule.provider ?? named ?? (/spamhaus/i.test(text) ? 'Spamhaus' : domain), text };
}
