// Addresses and hosts as the report keys them: pflogsumm's normalisation (-i, -m, --verp-mung, --srs-mung) and its
// "domain" of a client (gimme_domain), so a pflogsumm user finds the same rows.

import type { Peer } from '../parse/events.js';
import type { AggregateOptions } from './section.js';

/** The key of the null sender (`from=<>`): one sender, whatever sent it. */
export const NULL_SENDER = '<>';

/**
 * A recipient or sender address as reported: UUCP bang paths rewritten with -m, the domain part lower-cased
 * (the whole address with -i); the local part keeps its case and `+extension` (Postfix treats them as given).
 */
export function normalizeAddress(addr: string, options: AggregateOptions): string {
  let a = options.uucpMung ? uucpMung(addr) : addr;
  if (options.ignoreCase) return a.toLowerCase();
  const at = a.indexOf('@');
  if (at >= 0) a = a.slice(0, at) + a.slice(at).toLowerCase();
  return a;
}

/** A sender as reported: `<>` for the null sender, else SRS undone (--srs-mung), normalised, VERP-munged. */
export function senderKey(from: string, options: AggregateOptions): string {
  if (from === '') return NULL_SENDER;
  let a = options.srsMung ? srsMung(from) : from;
  a = normalizeAddress(a, options);
  return options.verpMung > 0 ? verpMung(a, options.verpMung) : a;
}

/** A recipient as reported: `orig_to=` instead of `to=` with --use-orig-to, then normalised. */
export function recipientKey(to: string, origTo: string | null, options: AggregateOptions): string {
  return normalizeAddress(options.useOrigTo && origTo !== null && origTo !== '' ? origTo : to, options);
}

/** The domain of an address (after the last `@`), or null when it has none (`root`, `<>`). */
export function addressDomain(addr: string): string | null {
  const at = addr.lastIndexOf('@');
  return at < 0 || at === addr.length - 1 ? null : addr.slice(at + 1);
}

/**
 * pflogsumm's `-m`: `host!user@dom` (dom without dots, a UUCP name) → `dom!host!user@…`. Written without its
 * nested-quantifier regex, which backtracks badly on hostile input: `a!b!c!user@uucphost` → `uucphost!a!b!user@c`.
 */
export function uucpMung(addr: string): string {
  const lastBang = addr.lastIndexOf('!');
  if (lastBang <= 0) return addr;
  const tail = addr.slice(lastBang + 1);
  const at = tail.indexOf('@');
  if (at <= 0) return addr;
  const user = tail.slice(0, at);
  const dom = tail.slice(at + 1);
  if (dom === '' || dom.includes('.')) return addr;
  const before = addr.slice(0, lastBang);
  const hostStart = before.lastIndexOf('!') + 1;
  const host = before.slice(hostStart);
  if (host === '') return addr;
  return `${dom}!${before.slice(0, hostStart)}${user}@${host}`;
}

// pflogsumm's verp_mung: `list-return-36-someuser=someplace.com@lists.domain.com` → `list-return-ID-…`, and at
// level 2 → `list-return@lists.domain.com`. Its unanchored lazy `.*?` is quadratic in the address length, hence
// VERP_MAX_LENGTH.
const VERP_ID = /((?:bounce[ds]?|no(?:list|reply|response)|return|sentto|\d+).*?)(?:[+_.*-]\d+\b)+/i;
const VERP_TAG = /[*-](\d+[*-])?[^=*-]+[=*][^@]+@/;

/** Longer addresses are left as they are by --verp-mung: RFC 5321 caps a path at 256 octets, so these are junk. */
const VERP_MAX_LENGTH = 512;

/** --verp-mung[=level]: VERP ids replaced by `-ID` (level 1), then the per-recipient tag dropped (level 2). */
export function verpMung(addr: string, level: number): string {
  if (level <= 0 || addr.length > VERP_MAX_LENGTH) return addr;
  let a = addr.replace(VERP_ID, '$1-ID');
  if (level > 1) a = a.replace(VERP_TAG, '@');
  return a;
}

// SRS0=HHH=TT=orig-domain=orig-local@forwarder; SRS1=HHH=first-forwarder==HHH=TT=orig-domain=orig-local@forwarder
// (the separator after SRS0/SRS1 may also be + or -, as libsrs2 allows)
const SRS0 = /^SRS0[=+-][^=@]*=[^=@]*=([^=@]+)=([^@]+)@[^@]+$/i;
const SRS1 = /^SRS1[=+-][^=@]*=[^=@]*==[^=@]*=[^=@]*=([^=@]+)=([^@]+)@[^@]+$/i;

/** --srs-mung: the original sender of an SRS-rewritten address, else the address unchanged. */
export function srsMung(addr: string): string {
  const m = SRS0.exec(addr) ?? SRS1.exec(addr);
  return m === null ? addr : `${m[2]}@${m[1]}`;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * pflogsumm's gimme_domain: a client's "domain": its IP when reverse DNS gave no name (`unknown`), else the name
 * lower-cased and folded to its last two labels after a three-letter TLD (`mx.example.com` → `example.com`) or
 * its last three after a two-letter one (`mail.example.co.uk` → `example.co.uk`); other names stay whole.
 */
export function clientDomain(peer: Peer): string {
  const name = peer.name;
  if (name === '' || name === 'unknown' || IPV4.test(name) || name.includes(':')) return peer.ip === '' ? name : peer.ip;
  return foldDomain(name.toLowerCase());
}

function foldDomain(name: string): string {
  const labels = name.split('.');
  const n = labels.length;
  const tld = labels[n - 1]!;
  if (n >= 3 && tld.length === 3 && labels[n - 2] !== '') return `${labels[n - 2]}.${tld}`;
  const sld = labels[n - 2] ?? '';
  if (n >= 4 && tld.length === 2 && (sld.length === 2 || sld.length === 3) && labels[n - 3] !== '') {
    return `${labels[n - 3]}.${sld}.${tld}`;
  }
  return name;
}

/** A client as the report lists it: `name[ip]`, or the bare IP when reverse DNS gave no name. */
export function clientKey(peer: Peer): string {
  return peer.name === '' || peer.name === 'unknown' || peer.name === peer.ip ? peer.ip : `${peer.name}[${peer.ip}]`;
}

/** A remote host as the deferral detail groups it: its name, or its IP when it has none. */
export function hostKey(peer: Peer): string {
  return peer.name === '' || peer.name === 'unknown' ? peer.ip : peer.name.toLowerCase();
}
