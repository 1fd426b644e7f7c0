// smtpd lines: sessions (connect, client=, disconnect), access and milter verdicts, aborts, warnings and TLS.

import { envelopeStart, parseEnvelope, parsePeerAt, parseReply } from './common.js';
import type {
  CommandCount, Diagnostic, Envelope, Peer, PostfixEvent, SmtpdAbort, SmtpdAction, SmtpdClient, SmtpdDisconnect,
  SmtpdPipelining, SmtpdProxy, SmtpdReject, TlsError,
} from './events.js';
import { parseSmtpdWarning } from './smtpd-warning.js';
import { parseTlsLine } from './tls.js';

/** What Postfix's smtpd_check test driver writes where a queue ID stands (postfix-source-ref). */
const TEST_QUEUE_ID = '<queue id>: ';

/**
 * Parses the message of a smtpd line (after its queue ID, if any); null when it is not a smtpd line it knows.
 * The first character picks the branch, so most lines cost one switch and one startsWith before any real work.
 */
export function parseSmtpd(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  let s = rest;
  if (s.charCodeAt(0) === 60 /* < */ && s.startsWith(TEST_QUEUE_ID)) s = s.slice(TEST_QUEUE_ID.length);
  switch (s.charCodeAt(0)) {
    case 99 /* c */:
      if (s.startsWith('connect from ')) return parseConnect(s);
      if (s.startsWith('client=')) return parseClient(s);
      break;
    case 100 /* d */:
      if (s.startsWith('disconnect from ')) return parseDisconnect(s);
      if (s.startsWith('discard: ')) return parseAction(s, 7, 'discard');
      // postfix-grok-patterns: `discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME` (smtpd_discard_ehlo_keywords)
      if (s.startsWith('discarding EHLO keywords: ')) return notice(s, 'other', null);
      break;
    case 98 /* b */:
      // postfix-grok-patterns: `bare <LF> received after CONNECT from example.net[1.2.3.4]` (Postfix 3.9 smuggling defence)
      if (s.startsWith('bare <LF> received after ')) return bareLf(s);
      break;
    case 114 /* r */:
      if (s.startsWith('reject: ')) return parseReject(s, 6, 'reject');
      if (s.startsWith('reject_warning: ')) return parseReject(s, 14, 'reject_warning');
      if (s.startsWith('redirect: ')) return parseAction(s, 8, 'redirect');
      break;
    case 109 /* m */:
      if (s.startsWith('milter-reject: ')) return parseReject(s, 13, 'milter-reject');
      if (s.startsWith('milter-hold: ')) return parseAction(s, 11, 'milter-hold');
      if (s.startsWith('milter-discard: ')) return parseAction(s, 14, 'milter-discard');
      break;
    case 104 /* h */:
      if (s.startsWith('hold: ')) return parseAction(s, 4, 'hold');
      break;
    case 102 /* f */:
      if (s.startsWith('filter: ')) return parseAction(s, 6, 'filter');
      break;
    case 112 /* p */:
      if (s.startsWith('proxy-accept: ')) return parseProxy(s, 12, true);
      if (s.startsWith('proxy-reject: ')) return parseProxy(s, 12, false);
      break;
    case 108 /* l */:
      if (s.startsWith('lost connection after ')) return parseAbort(s, 22, 'lost-connection');
      break;
    case 116 /* t */:
      if (s.startsWith('timeout after ')) return parseAbort(s, 14, 'timeout');
      if (s.startsWith('too many errors after ')) return parseAbort(s, 22, 'too-many-errors');
      // postfix_exporter: `table hash:/etc/postfix/virtual_mailbox_maps(0,lock|fold_fix) has changed -- restarting`
      if (s.startsWith('table ') && s.endsWith(' has changed -- restarting')) return notice(s, 'config', null);
      break;
    case 105 /* i */:
      if (s.startsWith('improper command pipelining after ')) return parsePipelining(s);
      break;
    case 97 /* a */:
      if (s.startsWith('abort: TLS from ')) return parseTlsAbort(s);
      break;
    case 119 /* w */:
      if (s.startsWith('warn: ')) return parseWarnAction(s);
      break;
  }
  // warning:/error:/fatal:/panic: (smtpd's own texts), then the TLS summary and handshake failures
  return parseSmtpdWarning(s) ?? parseTlsLine(s);
}

// lab (out/maillog-traditional.log): `connect from laptop81.home.example[127.0.0.81]`
// postfix_exporter: `connect from unknown[fe80::1:2:3:4]` (an IPv6 client without reverse DNS)
function parseConnect(s: string): PostfixEvent | null {
  const at = parsePeerAt(s, 13);
  if (at === null || at.end !== s.length) return null;
  return { kind: 'smtpd-connect', client: at.peer };
}

// lab (out/maillog-traditional.log):
//   `disconnect from laptop83.home.example[127.0.0.83] ehlo=1 auth=1 mail=1 rcpt=2 data=1 quit=1 commands=7`
// Postfix < 3.0 logs no counts (postfix-grok-patterns: `disconnect from 061238241086.static.ctinets.com[61.238.241.86]`):
// commands is then empty. Postfix 3.9 may end the line with ` notes=bare_lf` (smtpd.c), no command count: skipped.
function parseDisconnect(s: string): SmtpdDisconnect | null {
  const at = parsePeerAt(s, 16);
  if (at === null) return null;
  const commands: CommandCount[] = [];
  let i = at.end;
  while (i < s.length) {
    if (s.charCodeAt(i) !== 32) return null;
    let end = s.indexOf(' ', i + 1);
    if (end < 0) end = s.length;
    const eq = s.indexOf('=', i + 1);
    if (eq < 0 || eq > end) return null;
    if (!isLowerWord(s, i + 1, eq)) return null;
    const name = s.slice(i + 1, eq);
    if (name !== 'notes') {
      const count = parseCount(s, eq + 1, end);
      if (count === null) return null;
      commands.push({ name, ok: count[0], total: count[1] });
    }
    i = end;
  }
  return { kind: 'smtpd-disconnect', client: at.peer, commands };
}

/** True when s[from, to) is a command name as smtpd counts it: `ehlo`, `starttls`, `unknown` (a–z, 1–16 letters). */
function isLowerWord(s: string, from: number, to: number): boolean {
  if (to <= from || to - from > 16) return false;
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** `1` → [1, 1], `0/1` → [0, 1]; null when s[from, to) is neither. */
function parseCount(s: string, from: number, to: number): [number, number] | null {
  let ok = -1;
  let n = 0;
  let digits = 0;
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c === 47 /* / */ && ok < 0 && digits > 0) { ok = n; n = 0; digits = 0; continue; }
    if (c < 48 || c > 57) return null;
    n = n * 10 + (c - 48);
    digits++;
  }
  if (digits === 0) return null;
  return ok < 0 ? [n, n] : [ok, n];
}

/** The optional `, key=value` fields of a client= line, in the order smtpd.c writes them. */
const CLIENT_KEYS = ['sasl_method', 'sasl_username', 'sasl_sender', 'orig_queue_id', 'orig_client'] as const;

// lab (out/maillog-traditional.log):
//   `client=laptop81.home.example[127.0.0.81], sasl_method=LOGIN, sasl_username=alice@lab.example`
// lab (out-filter/maillog-traditional.log, a content filter's re-injection):
//   `client=localhost[127.0.0.1], orig_queue_id=24F9C160090, orig_client=laptop84.home.example[127.0.0.84]`
// A SASL user name may hold anything, so each value runs up to the next known `, key=` (or the end).
function parseClient(s: string): SmtpdClient | null {
  const at = parsePeerAt(s, 7);
  if (at === null) return null;
  const values: (string | null)[] = [null, null, null, null, null];
  let i = at.end;
  for (let k = 0; k < CLIENT_KEYS.length && i < s.length; k++) {
    const key = CLIENT_KEYS[k]!;
    if (!startsWithField(s, i, key)) continue;
    const from = i + key.length + 3;
    let end = s.length;
    for (let n = k + 1; n < CLIENT_KEYS.length; n++) {
      const next = s.indexOf(', ' + CLIENT_KEYS[n]! + '=', from);
      if (next >= 0) { end = next; break; }
    }
    values[k] = s.slice(from, end);
    i = end;
  }
  if (i !== s.length) return null;
  let origClient: Peer | null = null;
  if (values[4] !== null) {
    const orig = parsePeerAt(values[4], 0);
    if (orig === null || orig.end !== values[4].length) return null;
    origClient = orig.peer;
  }
  return {
    kind: 'smtpd-client', client: at.peer,
    saslMethod: values[0], saslUsername: values[1], saslSender: values[2], origQueueId: values[3], origClient,
  };
}

function startsWithField(s: string, i: number, key: string): boolean {
  return s.charCodeAt(i) === 44 && s.charCodeAt(i + 1) === 32 && s.startsWith(key, i + 2)
    && s.charCodeAt(i + 2 + key.length) === 61 /* = */;
}

/** The parts of a verdict line that every action shares. */
interface Verdict { stage: string; client: Peer; text: string; envelope: Envelope }

/**
 * Takes apart the verdicts smtpd_check.c (log_whatsup) and smtpd.c (milter replies) write as
 * `ACTION: STAGE from CLIENT: TEXT; from=<a> to=<b> proto=ESMTP helo=<h>`; `len` is the length of ACTION.
 */
// lab (out/maillog-traditional.log):
//   `reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <office@lab.example>: Recipient address rejected: User
//   unknown in local recipient table; from=<m.mueller@customer.example> to=<office@lab.example> proto=ESMTP helo=<smtp.customer.example>`
//   `hold: RCPT from mail69.senders.example[127.0.0.69]: <quarantine-me@lab.example>: Recipient address Held by recipient
//   access rule; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>`
// postfix-grok-patterns: `milter-reject: RCPT from mailrelay.example.com[8.8.8.8]: 451 4.7.1 Greylisting in action, please
//   come back later; from=<support@example.com> to=<example@example.org> proto=ESMTP helo=<mailrelay.example.com>`
function verdictAt(s: string, len: number): Verdict | null {
  const fromAt = s.indexOf(' from ', len + 2);
  if (fromAt < 0) return null;
  const stage = s.slice(len + 2, fromAt);
  if (!isStage(stage)) return null;
  const at = parsePeerAt(s, fromAt + 6);
  if (at === null || !s.startsWith(': ', at.end)) return null;
  const textAt = at.end + 2;
  // a line cut short before its `;` (a crowdsec-hub sample) keeps its text and has no envelope
  let semi = trailerStart(s, textAt);
  if (semi < 0) semi = s.length;
  const envelope = semi + 1 < s.length ? parseEnvelope(s.slice(semi + 1)) : NO_ENVELOPE();
  return { stage, client: at.peer, text: s.slice(textAt, semi), envelope };
}

/** reject, reject_warning, milter-reject: the text is an SMTP reply. */
function parseReject(s: string, len: number, action: SmtpdReject['action']): SmtpdReject | null {
  const v = verdictAt(s, len);
  if (v === null) return null;
  return { kind: 'smtpd-reject', action, stage: v.stage, client: v.client, reply: parseReply(v.text), envelope: v.envelope };
}

/** filter, hold, discard, redirect, milter-hold, milter-discard: the text is the access rule's or milter's words. */
function parseAction(s: string, len: number, action: SmtpdAction['action']): SmtpdAction | null {
  const v = verdictAt(s, len);
  if (v === null) return null;
  return { kind: 'smtpd-action', action, stage: v.stage, client: v.client, text: v.text, envelope: v.envelope };
}

// modoboa: `proxy-accept: END-OF-MESSAGE: 250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as A0320E00C3;
//   from=<visitbrussels-huticd1jyidyhxuy1y@cmail19.com> to=<user@test.com> proto=ESMTP helo=<mx139.g.outbound.createsend.com>`
// (the before-queue filter's reply, then the envelope); postfix-grok-patterns: `proxy-reject: END-OF-MESSAGE: ; from=<…> …`
function parseProxy(s: string, len: number, accepted: boolean): SmtpdProxy | null {
  const colon = s.indexOf(': ', len + 2);
  if (colon < 0) return null;
  const stage = s.slice(len + 2, colon);
  if (!isStage(stage)) return null;
  const semi = trailerStart(s, colon + 2);
  if (semi < 0) return null;
  const envelope = semi + 1 < s.length ? parseEnvelope(s.slice(semi + 1)) : NO_ENVELOPE();
  return { kind: 'smtpd-proxy', accepted, stage, reply: parseReply(s.slice(colon + 2, semi)), envelope };
}

/**
 * Where the `;` before the envelope is. The text may itself hold `;` (lab: `554 5.7.1 Service unavailable; Client host
 * [127.0.0.51] blocked using rbl.lab.test; …`), so the shared rule of common.ts decides (`; from=`, `; to=`, `; proto=`); a verdict before HELO has
 * only `; helo=` or nothing after its `;`. -1 when there is no such `;` at or after `from`.
 */
function trailerStart(s: string, from: number): number {
  let at = envelopeStart(s);
  if (at >= from) return at;
  at = s.lastIndexOf('; helo=');
  if (at >= from) return at;
  return s.charCodeAt(s.length - 1) === 59 /* ; */ && s.length - 1 >= from ? s.length - 1 : -1;
}

const NO_ENVELOPE = (): Envelope => ({ from: null, to: null, proto: null, helo: null });

/** An SMTP stage as smtpd names it: CONNECT, EHLO, RCPT, END-OF-MESSAGE, UNKNOWN, … (capitals and `-`). */
function isStage(w: string): boolean {
  if (w.length === 0 || w.length > 20) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c < 65 || c > 90) && c !== 45) return false;
  }
  return true;
}

// lab (out/maillog-traditional.log): `lost connection after DATA (34 bytes) from drop.flaky-client.example[127.0.0.71]`,
// `too many errors after RCPT from typo.errors.example[127.0.0.74]`; (out/maillog-postlogd-longids.log):
// `timeout after EHLO from idle.slowpoke.example[127.0.0.70]`
// Newer Postfix prefixes `NOQUEUE: ` or the queue ID (split off before this parser).
function parseAbort(s: string, len: number, reason: SmtpdAbort['reason']): SmtpdAbort | null {
  const sp = s.indexOf(' ', len);
  if (sp < 0) return null;
  const after = s.slice(len, sp);
  if (!isStage(after)) return null;
  let i = sp;
  let bytes = '';
  if (s.startsWith(' (', i)) {
    // `(123 bytes)` after DATA and BDAT: what the client had sent
    const close = s.indexOf(' bytes)', i);
    if (close < 0) return null;
    bytes = s.slice(i + 1, close + 7);
    i = close + 7;
  }
  if (!s.startsWith(' from ', i)) return null;
  const at = parsePeerAt(s, i + 6);
  if (at === null) return null;
  const trailing = s.slice(at.end).trim();
  const detail = bytes && trailing ? bytes + ' ' + trailing : bytes || trailing;
  return { kind: 'smtpd-abort', reason, after, client: at.peer, detail };
}

// lab (out/maillog-traditional.log):
//   `improper command pipelining after MAIL from pipeliner.rude.example[127.0.0.73]: RCPT TO:<alice@lab.example>\r\nDATA\r\n`
// The data is what the client sent too early, C-escaped by Postfix; it may be empty.
function parsePipelining(s: string): SmtpdPipelining | null {
  const sp = s.indexOf(' from ', 34);
  if (sp < 0) return null;
  const after = s.slice(34, sp);
  if (!isStage(after)) return null;
  const at = parsePeerAt(s, sp + 6);
  if (at === null) return null;
  let data: string;
  if (at.end === s.length) data = '';
  else if (s.charCodeAt(at.end) === 58 /* : */) data = s.slice(s.charCodeAt(at.end + 1) === 32 ? at.end + 2 : at.end + 1);
  else return null;
  return { kind: 'smtpd-pipelining', after, client: at.peer, data };
}

// smtpd.c (no licensed sample): `NOQUEUE: abort: TLS from x[ip]: Client certificate not trusted` when a client
// certificate is required (smtpd_tls_req_ccert) and missing or untrusted: a TLS failure, told like tls.ts tells them.
function parseTlsAbort(s: string): TlsError | null {
  const at = parsePeerAt(s, 16);
  if (at === null || !s.startsWith(': ', at.end)) return null;
  return { kind: 'tls-error', peer: at.peer, text: 'abort: TLS' + s.slice(at.end) };
}

// lab (out/maillog-traditional.log):
//   `warn: RCPT from mta1.bigcorp.example[127.0.0.42]: Watched mailbox received mail; from=<noreply@bigcorp.example>
//   to=<watched@lab.example> proto=ESMTP helo=<mta1.bigcorp.example>`
/** An info-level notice smtpd logs without a `warning:` prefix. */
function notice(s: string, category: string, client: Diagnostic['client']): Diagnostic {
  return { kind: 'diagnostic', level: 'info', category, client, text: s };
}

/** `bare <LF> received after CONNECT from example.net[1.2.3.4]`: a protocol violation by the named client. */
function bareLf(s: string): Diagnostic | null {
  const fromAt = s.indexOf(' from ', 25);
  if (fromAt < 0) return null;
  const at = parsePeerAt(s, fromAt + 6);
  if (at === null) return null;
  return notice(s, 'non-smtp', at.peer);
}

// The WARN access action: "log a warning" (access(5)); nothing is refused.
function parseWarnAction(s: string): SmtpdAction | null {
  return parseAction(s, 4, 'warn');
}
