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

// pflogsumm's verp_mung level 2: `list-return-ID-someuser=someplace.com@lists.domain.com` → `list-return@…`
// (quadratic at worst in the address length, hence VERP_MAX_LENGTH)
const VERP_TAG = /[*-](\d+[*-])?[^=*-]+[=*][^@]+@/;
/** Longer addresses are left as they are by --verp-mung: RFC 5321 caps a path at 256 octets, so these are junk. */
const VERP_MAX_LENGTH = 512;

/** --verp-mung[=level]: VERP ids replaced by `-ID` (level 1), then the per-recipient tag dropped (level 2). */
export function verpMung(addr: string, level: number): string {
  if (level <= 0 || addr.length > VERP_MAX_LENGTH) return addr;
  let a = verpId(addr);
  if (level > 1) a = a.replace(VERP_TAG, '@');
  return a;
}

// The words after which pflogsumm looks for VERP ids (its regex: `bounce[ds]?|no(?:list|reply|response)|return|sentto`)
const VERP_WORDS = ['bounced', 'bounces', 'bounce', 'nolist', 'noreply', 'noresponse', 'return', 'sentto'];

/**
 * pflogsumm's verp_mung level 1, `s/((?:bounce[ds]?|no(?:list|reply|response)|return|sentto|\d+).*?)(?:[\+_\.\*-]\d+\b)+/$1-ID/i`,
 * in one pass: that regex backtracks cubically on a long run of digits (0.2 s for 512 of them). From the leftmost
 * word or digit that has an id (a separator and digits ending at a word boundary) after it, the first run of ids
 * becomes `-ID`: `list-return-36-someuser=x.com@lists.example` → `list-return-ID-someuser=x.com@lists.example`.
 */
function verpId(addr: string): string {
  const n = addr.length;
  const lower = addr.toLowerCase();
  // idEnd[j]: where the id `[+_.*-]\d+\b` starting at j ends, or -1; nextId[e]: the first id starting at or after e
  const idEnd = new Int32Array(n + 1).fill(-1);
  for (let j = 0; j + 1 < n; j++) {
    if (!'+_.*-'.includes(addr[j]!) || !isDigit(addr, j + 1)) continue;
    let r = j + 1;
    while (r < n && isDigit(addr, r)) r++;
    if (r === n || !isWordChar(addr, r)) idEnd[j] = r;
  }
  const nextId = new Int32Array(n + 1).fill(-1);
  for (let j = n - 1; j >= 0; j--) nextId[j] = idEnd[j]! >= 0 ? j : nextId[j + 1]!;
  for (let i = 0; i < n; i++) {
    let e = -1;
    if (isDigit(addr, i)) {
      e = i;
      while (e < n && isDigit(addr, e)) e++;
    } else {
      const word = VERP_WORDS.find((w) => lower.startsWith(w, i));
      if (word !== undefined) e = i + word.length;
    }
    if (e < 0 || nextId[e]! < 0) continue;
    const j = nextId[e]!;
    let k = j;
    while (idEnd[k]! >= 0) k = idEnd[k]!;
    return addr.slice(0, j) + '-ID' + addr.slice(k);
  }
  return addr;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
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
