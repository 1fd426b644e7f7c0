// The strings smtpd looks up in an access table, in its order (smtpd_check.c, mail_addr_find.c; access(5)), and the
// search that stops at the first one found. A key found ends the search whatever its result, DUNNO included: "DUNNO
// … prevents Postfix from trying substrings of the lookup key" (access(5)); for a client, a hostname entry even
// keeps the address from being looked up (check_namadr_access returns once `found`).
//
//   check_client_access     hostname, its parent domains; then the address, its parent networks (1.2.3.4, 1.2.3, 1.2, 1)
//   check_helo_access       the HELO name, its parent domains (none for a numeric HELO such as 127.0.0.1)
//   check_sender_access     user+ext@domain, user@domain, domain, its parent domains, user+ext@, user@; the null
//                           sender as `<>` (smtpd_null_access_lookup_key) and nothing else
//   check_recipient_access  the same as the sender
//
// Parent domains are `example.com` for `mx.example.com` (parent_domain_matches_subdomains lists smtpd_access_maps,
// Postfix's default) or `.example.com` (when it does not). Every key after the first is a partial key, which
// regexp: and pcre: tables are never asked: they see the whole name, address or mail address, once.

import type { TableMatch } from './types.js';

/** What the lookup order depends on: main.cf settings, with Postfix's defaults in DEFAULT_LOOKUP_OPTIONS. */
export interface LookupOptions {
  /** recipient_delimiter: the characters that start an address extension (user+ext); '' for none */
  recipientDelimiter: string;
  /** true when parent_domain_matches_subdomains lists smtpd_access_maps: `example.com` also matches subdomains */
  parentMatchesSubdomains: boolean;
  /** smtpd_null_access_lookup_key */
  nullKey: string;
}

/** Postfix's defaults (postconf -d, 3.7). */
export const DEFAULT_LOOKUP_OPTIONS: Readonly<LookupOptions> = {
  recipientDelimiter: '',
  parentMatchesSubdomains: true,
  nullKey: '<>',
};

/** One string looked up; `partial` keys are skipped by regexp: and pcre: tables (DICT_FLAG_FIXED). */
export interface LookupKey {
  key: string;
  partial: boolean;
}

/** What an access check asks a table about. */
export type AccessCheck = 'client' | 'helo' | 'sender' | 'recipient';

/** A table as the search sees it: a single-key search, and whether it is a pattern table. */
export interface Searchable {
  pattern: boolean;
  find(key: string): TableMatch | null;
}

/** The found entry, its result, and the key it was found under. */
export interface Found extends TableMatch {
  key: string;
}

/** Searches `keys` in order; the first found ends the search. */
export function search(table: Searchable, keys: readonly LookupKey[]): Found | null {
  for (const k of keys) {
    // maps_find() never asks for an empty key (a partial IPv6 address can come down to one)
    if (k.key === '' || (k.partial && table.pattern)) continue;
    const m = table.find(k.key);
    if (m !== null) return { ...m, key: k.key };
  }
  return null;
}

/** check_client_access: the hostname (`unknown` when it has none), its parent domains, the address, its networks. */
export function clientKeys(name: string, ip: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  return [...domainKeys(name, o), ...addressKeys(ip)];
}

/** check_helo_access: the HELO argument and its parent domains. */
export function heloKeys(helo: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  return domainKeys(helo, o);
}

/** check_sender_access: the address as mail_addr_find() searches it; the null sender as the null key only. */
export function senderKeys(address: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  return address === '' ? [{ key: o.nullKey, partial: false }] : mailKeys(address, o);
}

/** check_recipient_access: as the sender (a recipient is never empty). */
export function recipientKeys(address: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  return mailKeys(address, o);
}

/** The keys of one check. */
export function keysOf(check: AccessCheck, subject: { name?: string; ip?: string; text?: string }, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  switch (check) {
    case 'client':
      return clientKeys(subject.name ?? 'unknown', subject.ip ?? '', o);
    case 'helo':
      return heloKeys(subject.text ?? '', o);
    case 'sender':
      return senderKeys(subject.text ?? '', o);
    case 'recipient':
      return recipientKeys(subject.text ?? '', o);
  }
}

/**
 * check_domain_access: the name, then (unless it is a numeric address) each parent domain, `example.com` or
 * `.example.com` by parent_domain_matches_subdomains, down to the top-level domain.
 */
export function domainKeys(domain: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  const keys: LookupKey[] = [{ key: domain, partial: false }];
  // "Don't apply subdomain magic to numerical hostnames"
  if (isHostAddress(domain)) return keys;
  parents(domain, 0, o, keys);
  return keys;
}

/** The parent domains of `s` from position `at` (strchr(name + 1, '.'), then past the dot or not), as partial keys. */
function parents(s: string, at: number, o: LookupOptions, keys: LookupKey[]): void {
  for (let pos = at; ;) {
    const dot = s.indexOf('.', pos + 1);
    if (dot < 0) return;
    pos = o.parentMatchesSubdomains ? dot + 1 : dot;
    if (pos >= s.length) return;
    keys.push({ key: s.slice(pos), partial: true });
  }
}

/** check_addr_access: the address, then with its last `.octet` (IPv6: `:part`) cut off, repeatedly. */
export function addressKeys(ip: string): LookupKey[] {
  const keys: LookupKey[] = [{ key: ip, partial: false }];
  const delim = ip.includes(':') ? ':' : '.';
  for (let s = ip, cut = s.lastIndexOf(delim); cut >= 0; cut = s.lastIndexOf(delim)) {
    s = s.slice(0, cut);
    keys.push({ key: s, partial: true });
  }
  return keys;
}

/**
 * mail_addr_find() with smtpd's strategy (full, noext, domain with parent domains, localpart@): user+ext@domain,
 * user@domain, domain, parent domains, user+ext@, user@. An address without a domain (smtpd would add
 * $myorigin, which the log does not tell) is looked up as written and as `user@`.
 */
export function mailKeys(address: string, o: LookupOptions = DEFAULT_LOOKUP_OPTIONS): LookupKey[] {
  const keys: LookupKey[] = [{ key: address, partial: false }];
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const bare = stripExtension(local, o.recipientDelimiter);
  if (at < 0) {
    keys.push({ key: local + '@', partial: true });
    if (bare !== null) keys.push({ key: bare + '@', partial: true });
    return keys;
  }
  const domain = address.slice(at + 1);
  if (bare !== null) keys.push({ key: `${bare}@${domain}`, partial: true });
  if (domain !== '') {
    keys.push({ key: domain, partial: true });
    parents(domain, 0, o, keys);
  }
  keys.push({ key: local + '@', partial: true });
  if (bare !== null) keys.push({ key: bare + '@', partial: true });
  return keys;
}

/**
 * The localpart without its extension (split_addr(3)), or null when it has none: at the first delimiter
 * character, unless the localpart is postmaster, MAILER-DAEMON or double-bounce, is owner-… or …-request while
 * `-` is a delimiter (owner_request_special), starts with a delimiter, or has nothing after it to cut.
 */
export function stripExtension(local: string, delimiters: string): string | null {
  if (delimiters === '') return null;
  const lower = local.toLowerCase();
  if (lower === 'postmaster' || lower === 'mailer-daemon' || lower === 'double-bounce') return null;
  if (delimiters.includes('-') && (lower.startsWith('owner-') || (lower.length > 8 && lower.endsWith('-request')))) return null;
  let cut = -1;
  for (let i = 0; i < local.length; i++) {
    if (delimiters.includes(local[i]!)) {
      cut = i;
      break;
    }
  }
  if (cut <= 0) return null;
  return local.slice(0, cut);
}

/** valid_hostaddr(): a numeric IPv4 or IPv6 address (no brackets). */
export function isHostAddress(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4 !== null) return v4.slice(1).every((b) => Number(b) <= 255);
  return s.includes(':') && /^[0-9A-Fa-f:.]+$/.test(s) && (s.match(/:/g)?.length ?? 0) >= 2;
}
