// The report model: plain, JSON-serialisable data with a schemaVersion. `--format json` prints it as is; every
// renderer reads only this. It keeps full counts (not only the top N) so that merging reports of several hosts
// or days gives exact totals, exact distinct counts and a correct re-ranking: renderers cut to the top N.

export const SCHEMA_VERSION = 1;

/** A counter keyed by a string (address, domain, reason, client): key → count. */
export type Counts = Record<string, number>;

/** Traffic in one bucket of time (pflogsumm's per-day and per-hour columns). */
export interface Traffic {
  received: number;
  delivered: number;
  deferred: number;
  bounced: number;
  /** rejects + reject warnings + holds + discards, as pflogsumm's column */
  rejected: number;
}

/** Grand Totals. Names are part of the JSON contract. */
export interface Totals {
  /** messages the server accepted (once, whatever content filters and requeues do) */
  received: number;
  /** final deliveries, per recipient (not hand-offs to a content filter, not `forwarded as`) */
  delivered: number;
  /** local(8) `forwarded as` (aliases, .forward): the forwarded copy's own delivery counts as delivered */
  forwarded: number;
  /** messages with at least one deferral */
  deferred: number;
  /** deferral lines */
  deferrals: number;
  /** recipients that bounced, including the undelivered recipients of expired messages */
  bounced: number;
  /** reject events (smtpd, postscreen, cleanup), 4xx included */
  rejected: number;
  /** of `rejected`, the temporary (4xx) ones */
  rejectedTemporary: number;
  /** reject_warning and access-map/header-check WARN */
  rejectWarnings: number;
  held: number;
  discarded: number;
  /** messages whose queue lifetime ran out */
  expired: number;
  bytesReceived: number;
  bytesDelivered: number;
  /** distinct senders of received messages (domain lower-cased, local part as logged; `<>` counts as one) */
  senders: number;
  sendingDomains: number;
  /** distinct recipients with at least one delivery */
  recipients: number;
  recipientDomains: number;
}

/** Delivery per recipient domain (pflogsumm's Host/Domain Summary: Message Delivery). */
export interface DeliveryDomain {
  delivered: number;
  bytes: number;
  defers: number;
  /** sum of delay= of delivered recipients, seconds (average = delaySum / delivered) */
  delaySum: number;
  /** max delay= over delivered and deferred recipients, seconds */
  delayMax: number;
}

/** Receipt per sender domain (Host/Domain Summary: Messages Received). */
export interface ReceiptDomain {
  received: number;
  bytes: number;
}

/** Count and bytes per address (Senders/Recipients by message count and by size). */
export interface AddressStat {
  count: number;
  bytes: number;
}

/** A histogram with fixed bucket upper bounds (seconds), mergeable by adding counts. */
export interface Histogram {
  /** upper bounds of the buckets, ascending; the last bucket is everything above the last bound */
  bounds: number[];
  counts: number[];
  count: number;
  sum: number;
  max: number;
}

/** One class of rejects (the restriction that fired), split by reply class, with its reasons and clients. */
export interface RejectClass {
  /** 5xx */
  permanent: number;
  /** 4xx */
  temporary: number;
  /** reject_warning / WARN: logged, not refused */
  warnOnly: number;
  /** shortened reason → count */
  reasons: Counts;
  /** client (`name[ip]` or ip) → count */
  clients: Counts;
}

/** Connection statistics of one bucket (smtpd or postscreen). */
export interface ConnectionStat {
  connections: number;
  /** total connected time, seconds */
  seconds: number;
  /** longest session, seconds */
  max: number;
}

/** Unparsed input, so nothing is dropped silently. */
export interface InputSummary {
  lines: number;
  postfixLines: number;
  foreign: number;
  malformed: number;
  /** lines cut at 64 KiB */
  cut: number;
  unrecognized: Counts;
  /** the first samples of unrecognized lines, per daemon */
  samples: Record<string, string[]>;
  /** messages that left memory without `removed` (horizon or end of input) */
  incompleteMessages: number;
}

/** The whole report. */
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  generator: string;
  /** the log time covered, ISO 8601 with offsets; null when no Postfix line had a time */
  period: { from: string | null; to: string | null };
  /** syslog host names seen */
  hosts: string[];
  input: InputSummary;
  totals: Totals;
  /** per-instance Grand Totals when the log holds several Postfix instances (instance → totals) */
  instances: Record<string, Totals>;
  /** date (YYYY-MM-DD, the log's local date) → traffic */
  perDay: Record<string, Traffic>;
  /** 24 rows, hour 0–23, summed over all days (renderers divide by the day count for the daily average) */
  perHour: Traffic[];
  deliveryDomains: Record<string, DeliveryDomain>;
  receiptDomains: Record<string, ReceiptDomain>;
  senders: Record<string, AddressStat>;
  recipients: Record<string, AddressStat>;
  /** recipient domains and sender domains as distinct sets are implied by the maps above */
  /** `queueId recipient` of delivered recipients whose message size was never logged */
  noSize: string[];
  /** deferrals: service (smtp, error, …) → remote host or `(unknown host)` → reason → count */
  deferrals: Record<string, Record<string, Counts>>;
  /** bounces: relay (domain) → reason → count */
  bounces: Record<string, Counts>;
  /** expired messages: reason of the last deferral → count */
  expiries: Counts;
  /** pflogsumm's reject detail: stage (RCPT, DATA, CONNECT, header, body, …) → reason → client or address → count */
  rejects: Record<string, Record<string, Counts>>;
  rejectWarnings: Record<string, Record<string, Counts>>;
  holds: Record<string, Record<string, Counts>>;
  discards: Record<string, Record<string, Counts>>;
  /** beyond pflogsumm: restriction class → RejectClass (see report/labels.ts for the class names) */
  rejectClasses: Record<string, RejectClass>;
  /** smtp/lmtp connection failures: service → reason → count */
  smtpFailures: Record<string, Counts>;
  /** daemon → shortened text → count */
  warnings: Record<string, Counts>;
  errors: Record<string, Counts>;
  fatals: Record<string, Counts>;
  panics: Record<string, Counts>;
  /** master daemon and postfix-script lifecycle messages → count */
  master: Counts;
  smtpd: {
    perDay: Record<string, ConnectionStat>;
    perHour: ConnectionStat[];
    /** client domain → stat */
    perDomain: Record<string, ConnectionStat>;
  };
  postscreen: {
    connections: number;
    /** distinct client IPs (kept whole so merges stay exact) */
    clients: string[];
    /** verdict or test (PASS NEW, PASS OLD, PREGREET, DNSBL, HANGUP, COMMAND PIPELINING, …) → count */
    actions: Counts;
  };
  sasl: {
    /** failures by client IP */
    failuresByIp: Counts;
    /** failures by user name, where the line names one */
    failuresByUser: Counts;
    /** successful logins (client= with sasl_username) by user */
    loginsByUser: Counts;
  };
  tls: {
    /** smtpd sessions, and those with TLS established */
    inboundSessions: number;
    inboundTls: number;
    /** outbound (smtp/lmtp) TLS connections established, and deliveries */
    outboundDeliveries: number;
    outboundTls: number;
    /** protocol (TLSv1.3, …) → count, both directions */
    protocols: Counts;
  };
  delays: {
    /** delay= of delivered recipients */
    total: Histogram;
    /** the four stages of delays=a/b/c/d */
    beforeQmgr: Histogram;
    inQueue: Histogram;
    connSetup: Histogram;
    transmission: Histogram;
  };
}
