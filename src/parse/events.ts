// The typed event union: what one Postfix log line means, keyed on `kind`. Pure data, no behaviour.
//
// A line becomes a LogRecord: the syslog header's fields (time, host, instance, service, daemon, pid), the
// queue ID the message started with (or null), and the event parsed from the rest of the message.
// Field names are the Postfix log's own words where it has them (from, to, orig_to → origTo, relay, dsn).

/** A peer as Postfix logs it: `name[ip]` or `name[ip]:port` (name is `unknown` when reverse DNS failed). */
export interface Peer {
  name: string;
  ip: string;
  port: number | null;
}

/** An SMTP reply split up: `550 5.1.1 <x@y>: Recipient address rejected: User unknown`. */
export interface Reply {
  /** three-digit SMTP code, or null when the text carries none */
  code: number | null;
  /** enhanced status code (RFC 3463) such as `5.1.1`, or null */
  enhanced: string | null;
  /** the rest of the reply text */
  text: string;
}

/** `delays=a/b/c/d`: before the queue manager, in the queue, connection set-up, transmission (seconds). */
export interface Delays {
  beforeQmgr: number;
  inQueue: number;
  connSetup: number;
  transmission: number;
}

/** The envelope trailer of smtpd/cleanup/postscreen actions: `from=<a> to=<b> proto=ESMTP helo=<h>`. */
export interface Envelope {
  from: string | null;
  to: string | null;
  proto: string | null;
  helo: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// smtpd (also submission/smtpd, smtps/smtpd and any other service name in front of smtpd)

export interface SmtpdConnect { kind: 'smtpd-connect'; client: Peer }
/** `disconnect from x[ip] ehlo=1 mail=1 rcpt=0/1 commands=2/3` */
export interface SmtpdDisconnect {
  kind: 'smtpd-disconnect';
  client: Peer;
  /** per-command counts in log order; `ok` of `total` (a bare `ehlo=1` is ok=total=1) */
  commands: CommandCount[];
}
export interface CommandCount { name: string; ok: number; total: number }
/** `QID: client=x[ip], sasl_method=PLAIN, sasl_username=u, orig_queue_id=Q, orig_client=y[ip]` */
export interface SmtpdClient {
  kind: 'smtpd-client';
  client: Peer;
  saslMethod: string | null;
  saslUsername: string | null;
  saslSender: string | null;
  /** set on a content filter's re-injection (XFORWARD): the queue ID and client of the message before the filter */
  origQueueId: string | null;
  origClient: Peer | null;
}
/** `NOQUEUE: reject: RCPT from x[ip]: 550 5.1.1 <a>: Recipient address rejected: …; from=<> to=<> proto=ESMTP helo=<>` */
export interface SmtpdReject {
  kind: 'smtpd-reject';
  /** `reject_warning` is what `warn_if_reject` logs: the mail was not refused */
  action: 'reject' | 'reject_warning' | 'milter-reject';
  /** SMTP stage: CONNECT, EHLO, HELO, MAIL, RCPT, DATA, BDAT, END-OF-MESSAGE, VRFY, ETRN, … */
  stage: string;
  client: Peer;
  reply: Reply;
  envelope: Envelope;
}
/** Access-table actions that are not rejects: `NOQUEUE: hold: RCPT from x[ip]: <a>: Recipient address triggers HOLD action; …` */
export interface SmtpdAction {
  kind: 'smtpd-action';
  /** `warn` is an access table's WARN result (`NOQUEUE: warn: RCPT from …`): logged, nothing refused */
  action: 'filter' | 'hold' | 'discard' | 'redirect' | 'prepend' | 'warn' | 'milter-hold' | 'milter-discard';
  stage: string;
  client: Peer;
  /** the text between the client and the envelope, e.g. `<a>: Recipient address triggers HOLD action` */
  text: string;
  envelope: Envelope;
}
/** Before-queue content filter verdicts: `QID: proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as X; from=<> …` */
export interface SmtpdProxy {
  kind: 'smtpd-proxy';
  accepted: boolean;
  stage: string;
  reply: Reply;
  envelope: Envelope;
}
/** `lost connection after DATA from x[ip]`, `timeout after RCPT from …`, `too many errors after RCPT from …` */
export interface SmtpdAbort {
  kind: 'smtpd-abort';
  reason: 'lost-connection' | 'timeout' | 'too-many-errors';
  /** the command the session was at (CONNECT, EHLO, DATA, END-OF-MESSAGE, …) */
  after: string;
  client: Peer;
  /** anything after the client, e.g. ` (0 bytes)` or ` while reading …` (trimmed), else '' */
  detail: string;
}
/** `improper command pipelining after EHLO from x[ip]: QUIT\r\n` */
export interface SmtpdPipelining { kind: 'smtpd-pipelining'; after: string; client: Peer; data: string }
/** `warning: x[ip]: SASL LOGIN authentication failed: UGFzc3dvcmQ6` (also `, sasl_username=u`) */
export interface SmtpdSaslFailed {
  kind: 'smtpd-sasl-failed';
  client: Peer;
  method: string;
  reason: string;
  saslUsername: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// TLS (smtpd, smtp, lmtp, tlsproxy, posttls-finger)

/** `Anonymous TLS connection established from x[ip]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)` */
export interface TlsEstablished {
  kind: 'tls-established';
  /** `from` a client (server side: smtpd, tlsproxy) or `to` a server (client side: smtp, lmtp) */
  direction: 'from' | 'to';
  /** Anonymous, Untrusted, Trusted or Verified */
  trust: string;
  peer: Peer;
  protocol: string;
  cipher: string;
  /** `256/256 bits` → 256 */
  bits: number | null;
  /** the rest, e.g. `key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256` */
  detail: string;
}
/** tlsproxy `CONNECT from [ip]:port` (server role, for postscreen) / `CONNECT to name[ip]:port` (client role, for smtp) */
export interface TlsproxyConnect { kind: 'tlsproxy-connect'; direction: 'from' | 'to'; peer: Peer }
/** tlsproxy `DISCONNECT [ip]:port` */
export interface TlsproxyDisconnect { kind: 'tlsproxy-disconnect'; peer: Peer }
/** `SSL_accept error from x[ip]: lost connection`, `SSL_connect error to x[ip]:25: …`, `TLS handshake failed …` */
export interface TlsError { kind: 'tls-error'; peer: Peer | null; text: string }

// ---------------------------------------------------------------------------------------------------------
// postscreen and dnsblog

export interface PostscreenConnect { kind: 'postscreen-connect'; client: Peer; server: Peer | null }
/** `PASS NEW [ip]:port` / `PASS OLD [ip]:port` */
export interface PostscreenPass { kind: 'postscreen-pass'; client: Peer; status: 'NEW' | 'OLD' }
/** `DNSBL rank 3 for [ip]:port` */
export interface PostscreenDnsbl { kind: 'postscreen-dnsbl'; client: Peer; rank: number }
/** `PREGREET 14 after 0.04 from [ip]:port: EHLO ylmf-pc\r\n` */
export interface PostscreenPregreet { kind: 'postscreen-pregreet'; client: Peer; bytes: number; after: number; data: string }
/** `HANGUP after 0.5 from [ip]:port in tests after SMTP handshake` */
export interface PostscreenHangup { kind: 'postscreen-hangup'; client: Peer; after: number; stage: string }
/** `COMMAND PIPELINING from [ip]:port after EHLO: …`, `NON-SMTP COMMAND …`, `BARE NEWLINE …`, `COMMAND TIME LIMIT …`, … */
export interface PostscreenCommand {
  kind: 'postscreen-command';
  /** COMMAND PIPELINING, COMMAND COUNT LIMIT, COMMAND TIME LIMIT, COMMAND LENGTH LIMIT, NON-SMTP COMMAND, BARE NEWLINE */
  test: string;
  client: Peer;
  after: string | null;
  data: string;
}
/** `ALLOWLISTED [ip]:port`, `WHITELISTED …`, `DENYLISTED …`, `BLACKLISTED …`, `… VETO …` */
export interface PostscreenListed {
  kind: 'postscreen-listed';
  list: 'ALLOWLISTED' | 'WHITELISTED' | 'DENYLISTED' | 'BLACKLISTED' | 'ALLOWLIST VETO' | 'WHITELIST VETO';
  client: Peer;
}
export interface PostscreenDisconnect { kind: 'postscreen-disconnect'; client: Peer }
/** `NOQUEUE: reject: RCPT from [ip]:port: 550 5.7.1 Service unavailable; client [ip] blocked using zen; from=<a>, to=<b>, proto=ESMTP, helo=<h>` */
export interface PostscreenReject { kind: 'postscreen-reject'; stage: string; client: Peer; reply: Reply; envelope: Envelope }
/** `dnsblog: addr 1.2.3.4 listed by domain zen.spamhaus.org as 127.0.0.2` */
export interface DnsblogListed { kind: 'dnsblog-listed'; ip: string; domain: string; answer: string }
/** `cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=12 dropped=3 entries` (postscreen, verify) */
export interface CacheCleanup { kind: 'cache-cleanup'; cache: string; retained: number; dropped: number }

// ---------------------------------------------------------------------------------------------------------
// cleanup, pickup, qmgr, postsuper, bounce

/** `QID: message-id=<x@y>` / `QID: resent-message-id=<x@y>` (kept as logged, brackets included) */
export interface CleanupMessageId { kind: 'cleanup-message-id'; messageId: string; resent: boolean }
/**
 * header_checks, body_checks and milter verdicts:
 * `QID: reject: header Subject: win from x[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: 550 5.7.1 No spam`
 * `QID: milter-reject: END-OF-MESSAGE from x[ip]: 4.7.1 Greylisting; from=<a> to=<b> proto=ESMTP helo=<h>`
 */
export interface CleanupCheck {
  kind: 'cleanup-check';
  action: 'reject' | 'warning' | 'info' | 'hold' | 'discard' | 'redirect' | 'replace' | 'prepend' | 'filter'
    | 'bcc' | 'pass' | 'delay' | 'strip' | 'milter-reject' | 'milter-hold' | 'milter-discard';
  /**
   * header or body for header/body checks (Postfix logs mime_header_checks and nested_header_checks hits as
   * header too), content for message_reject_characters, milter-header for milter_header_checks; null for milter verdicts
   */
  part: string | null;
  /** milter verdicts: the SMTP stage (END-OF-MESSAGE, RCPT, …); null for checks */
  stage: string | null;
  /** the matched header or body line, e.g. `Subject: win big` (checks), '' for milter verdicts */
  content: string;
  client: Peer | null;
  envelope: Envelope;
  /** what follows the envelope: the reply for reject (`550 5.7.1 …`), the optional text of the others */
  reply: Reply | null;
}
/** `QID: uid=1000 from=<alice>`, with ` orig_id=QID` when `postsuper -r` requeued the message */
export interface Pickup { kind: 'pickup'; uid: number; from: string; origQueueId: string | null }
/** `QID: from=<a@b>, size=1234, nrcpt=1 (queue active)` */
export interface QmgrQueued { kind: 'qmgr-queued'; from: string; size: number; nrcpt: number }
export interface QmgrRemoved { kind: 'qmgr-removed' }
/** `QID: from=<a@b>, status=expired, returned to sender` (`status=force-expired` after `postsuper -e`: forced) */
export interface QmgrExpired { kind: 'qmgr-expired'; from: string; forced: boolean }
/** `QID: skipped, still being delivered` */
export interface QmgrSkipped { kind: 'qmgr-skipped' }
/** postsuper per message: `QID: removed`, `QID: placed on hold`, `QID: released from hold`, `QID: requeued`, `QID: expired` (3.5+) */
export interface PostsuperAction { kind: 'postsuper-action'; action: PostsuperVerb }
/** postsuper totals: `Deleted: 3 messages`, `Placed on hold: 1 message`, `Released from hold: 1 message`, `Requeued: 2 messages`, `Force-expired: 1 message` */
export interface PostsuperSummary { kind: 'postsuper-summary'; action: PostsuperVerb; count: number }
export type PostsuperVerb = 'removed' | 'held' | 'released' | 'requeued' | 'expired';
/** `QID: sender non-delivery notification: NEWQID` (also delay, delivery status, success, postmaster …) */
export interface BounceNotification {
  kind: 'bounce-notification';
  /** who gets it: sender or postmaster */
  recipient: 'sender' | 'postmaster';
  /** non-delivery, delay, delivery status, success */
  type: 'non-delivery' | 'delay' | 'delivery-status' | 'success';
  newQueueId: string;
}

// ---------------------------------------------------------------------------------------------------------
// Delivery agents: smtp, lmtp, local, virtual, pipe, error, retry, discard (and qmgr when it defers itself)

/** `QID: to=<a@b>, orig_to=<c@d>, relay=mx[ip]:25, conn_use=2, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X)` */
export interface DeliveryStatus {
  kind: 'delivery-status';
  to: string;
  origTo: string | null;
  /** as logged: `mx.example[1.2.3.4]:25`, `local`, `none`, `dovecot`, `private/amavis` */
  relay: string;
  /** relay split up when it is `name[ip]` or `name[ip]:port`, else null */
  relayPeer: Peer | null;
  connUse: number | null;
  /** total delay in seconds */
  delay: number | null;
  delays: Delays | null;
  dsn: string | null;
  /** sent, deferred, bounced, expired, undeliverable, deliverable, … (Postfix's word, lower case) */
  status: string;
  /** the text in parentheses after the status, unmodified */
  detail: string;
  /** the remote server's reply when the detail has one (`host x[ip] said: 550 … (in reply to RCPT TO command)`, or `250 2.0.0 Ok …` for sent) */
  reply: Reply | null;
  /** the remote host named in the detail (`host x[ip] said:`, `connect to x[ip]:25:`), else null */
  remote: Peer | null;
  /** `(in reply to RCPT TO command)` → `RCPT TO`, else null */
  inReplyTo: string | null;
  /** `status=sent (250 2.0.0 Ok: queued as 4BC7A1C0E12)`: the queue ID the receiving server gave (a filter hop or a remote MTA) */
  queuedAs: string | null;
  /** local(8) `status=sent (forwarded as 4BC7A1C0E12)` */
  forwardedAs: string | null;
  /** Postfix ≥ 3.10's `tls=` field as logged (the TLS level and state of the delivery), else null */
  tls: string | null;
}
/** smtp/lmtp `connect to mx.example[1.2.3.4]:25: Connection refused` (also with a QID: prefix) */
export interface SmtpConnectFailed { kind: 'smtp-connect-failed'; peer: Peer; reason: string }
/** smtp/lmtp `host x[ip] said: 450 … (in reply to RCPT TO command)` / `host x[ip] refused to talk to me: 554 …` logged on its own line */
export interface SmtpReply { kind: 'smtp-reply'; peer: Peer; refused: boolean; reply: Reply; inReplyTo: string | null }
/** smtp/lmtp notes on a session: `enabling PIX workarounds: disable_esmtp delay_dotcrlf for x[ip]:25`, `discarding EHLO keywords: CHUNKING` */
export interface SmtpInfo { kind: 'smtp-info'; peer: Peer | null; text: string }
/** smtp/lmtp `lost connection with x[ip] while …` / `conversation with x[ip] timed out while …` on its own line */
export interface SmtpConversationError { kind: 'smtp-conversation-error'; peer: Peer; reason: 'lost-connection' | 'timeout'; detail: string }

// ---------------------------------------------------------------------------------------------------------
// master, postfix-script, anvil, scache, sendmail/postdrop, diagnostics

/** master `daemon started -- version 3.7.11, configuration /etc/postfix`, `reload -- version …`, `terminating on signal 15`;
 *  postfix-script `starting the Postfix mail system`, `stopping …`, `refreshing …`, `waiting for the Postfix mail
 *  system to terminate`, `the Postfix mail system is running: PID: 123` (status) */
export interface MasterLifecycle {
  kind: 'master-lifecycle';
  action: 'start' | 'reload' | 'stop' | 'starting' | 'stopping' | 'refreshing' | 'waiting' | 'status';
  version: string | null;
  text: string;
}
/** anvil `statistics: max connection rate 1/60s for (smtp:1.2.3.4) at Nov 25 20:10:11` */
export interface AnvilStatistics {
  kind: 'anvil-statistics';
  /** connection rate, connection count, message rate, recipient rate, newtls rate, auth rate, cache size, … */
  stat: string;
  value: number;
  /** `1/60s` → 60, else null */
  perSeconds: number | null;
  /** `smtp:1.2.3.4` → service smtp, client 1.2.3.4; null for `max cache size` */
  service: string | null;
  client: string | null;
  /** the `at Nov 25 20:10:11` text as logged */
  at: string | null;
}
/** scache `statistics: domain lookup hits=0 miss=1 success=0%` and the other scache statistics lines */
export interface ScacheStatistics { kind: 'scache-statistics'; stat: string; values: Record<string, number>; text: string }
/**
 * Any daemon's `warning:`, `error:`, `fatal:`, `panic:` line that no daemon parser knows more about, and the few
 * notices a daemon logs at info level without a prefix (`table hash:/etc/postfix/x has changed -- restarting`).
 * `category` names the known kinds: reverse-dns, sasl, tls, limit, non-smtp, dnsbl, process-exit, throttling,
 * config, database, queue, resource, other.
 */
export interface Diagnostic {
  kind: 'diagnostic';
  level: 'info' | 'warning' | 'error' | 'fatal' | 'panic';
  category: string;
  /** the client the line is about, where it names one */
  client: Peer | null;
  text: string;
}
/** A Postfix line that no parser recognises: kept with its text so it can be counted and shown. */
export interface Unrecognized { kind: 'unrecognized'; text: string }

/** Every event a Postfix line can become. */
export type PostfixEvent =
  | SmtpdConnect | SmtpdDisconnect | SmtpdClient | SmtpdReject | SmtpdAction | SmtpdProxy | SmtpdAbort
  | SmtpdPipelining | SmtpdSaslFailed
  | TlsEstablished | TlsError | TlsproxyConnect | TlsproxyDisconnect
  | PostscreenConnect | PostscreenPass | PostscreenDnsbl | PostscreenPregreet | PostscreenHangup
  | PostscreenCommand | PostscreenListed | PostscreenDisconnect | PostscreenReject | DnsblogListed | CacheCleanup
  | CleanupMessageId | CleanupCheck | Pickup | QmgrQueued | QmgrRemoved | QmgrExpired | QmgrSkipped
  | PostsuperAction | PostsuperSummary | BounceNotification
  | DeliveryStatus | SmtpConnectFailed | SmtpReply | SmtpConversationError | SmtpInfo
  | MasterLifecycle | AnvilStatistics | ScacheStatistics | Diagnostic | Unrecognized;

export type EventKind = PostfixEvent['kind'];
/** The event of one kind, e.g. `EventOf<'smtpd-reject'>`. */
export type EventOf<K extends EventKind> = Extract<PostfixEvent, { kind: K }>;
/**
 * A table with one handler per event kind: a new kind fails to compile until every such table handles it.
 */
export type EventHandlers<R = void> = { [K in EventKind]: (event: EventOf<K>, record: LogRecord) => R };

/** The parts of the syslog header every record carries. */
export interface LineHeader {
  /** milliseconds since the epoch */
  time: number;
  /** the stamp's offset from UTC in minutes (for stamps without a zone: the local zone's, at that time) */
  offset: number;
  host: string;
  /** first segment of the syslog tag: `postfix`, `postfix-out` */
  instance: string;
  /** the segments between instance and daemon: `submission` in `postfix/submission/smtpd`, '' when none */
  service: string;
  /** last segment of the syslog tag: `smtpd`, `smtp`, `qmgr` */
  daemon: string;
  pid: number | null;
}

/** One Postfix log line, parsed. */
export interface LogRecord extends LineHeader {
  /** the queue ID the message starts with (short hex or long form), null for NOQUEUE and lines without one */
  queueId: string | null;
  event: PostfixEvent;
}

/** A daemon's parser: the message after the queue ID (if any) → an event, or null when it knows no such line. */
export type DaemonParser = (rest: string, queueId: string | null) => PostfixEvent | null;
