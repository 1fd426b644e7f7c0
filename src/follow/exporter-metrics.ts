// The metrics of the Prometheus postfix_exporter (kumina/postfix_exporter, and the Hsn723 fork's postscreen and DSN
// metrics), same names, labels and buckets, counted from parsed records, so its Grafana dashboards keep working.
//
// Read against kumina/postfix_exporter@a6f58e9 postfix_exporter.go and Hsn723/postfix_exporter@87da401
// exporter/postfix_exporter.go. Where we differ, on purpose:
// - the exporter matched only the tag `postfix/<daemon>`; here the daemon is the tag's last segment, so
//   `postfix/submission/smtpd` and a second instance (`postfix-out/smtp`) count too;
// - kumina labelled every smtp delay `stage=""` (the stage name went into its log-message argument by mistake);
//   here smtp's stages have lmtp's names (before_queue_manager, queue_manager, connection_setup, transmission);
// - kumina's `sasl_method` kept the comma after the method (`PLAIN,`); here it is the method alone, "" when none;
// - postfix_smtpd_messages_rejected_total counted only RCPT-stage rejects (its regex); here every smtpd reject
//   (not reject_warning), whatever the stage, as its help text says;
// - postfix_smtp_deferred_messages_total was never incremented there ("this doesn't work !"); here it counts what
//   its help text says, as postfix_smtp_status_deferred does;
// - postfix_virtual_delivered_total counted only `delivered to maildir`; here every virtual(8) delivery (mbox too).
// Left out: the TLS connection counters (their `algorithm_bits` label is not kept by the parser), postfix_up and
// showq (no socket is read), opendkim, unsupported_log_entries (postsumm counts unrecognized lines in its report),
// postscreen_connects_rejected_total (its `reason` label is the whole reply text: unbounded).

import { Counter, Histogram, type Registry } from 'prom-client';
import type { Delays, DeliveryStatus, LogRecord } from '../parse/events.js';
import { LabelCap } from './label-cap.js';

/** The exporter's delay buckets (seconds): 1 ms to 2 days. */
const TIME_BUCKETS = [1e-3, 1e-2, 1e-1, 1, 10, 60, 3600, 86400, 2 * 86400];
/** The exporter's message size buckets (bytes). */
const SIZE_BUCKETS = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** The exporter's recipients-per-message buckets. */
const NRCPT_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];
/** The Hsn723 fork's postscreen DNSBL rank buckets. */
const DNSBL_RANK_BUCKETS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15];
/**
 * Distinct values kept per label that takes Postfix's own words (SMTP stages, DSNs, codes, statuses, pipe
 * transports): these vocabularies are small, but a log could carry anything, and each value is a series.
 */
const WORD_LABELS = 100;

/** The four stages of `delays=a/b/c/d` with the exporter's label values. */
const STAGES: readonly (readonly [keyof Delays, string])[] = [
  ['beforeQmgr', 'before_queue_manager'],
  ['inQueue', 'queue_manager'],
  ['connSetup', 'connection_setup'],
  ['transmission', 'transmission'],
];

/** The exporter's metrics, registered in `registry` and fed parsed records. */
export class ExporterMetrics {
  private readonly smtpdConnects: Counter;
  private readonly smtpdDisconnects: Counter;
  private readonly smtpdLost: Counter<'after_stage'>;
  private readonly smtpdProcessed: Counter<'sasl_method'>;
  private readonly smtpdRejects: Counter<'code'>;
  private readonly saslFailures: Counter;
  private readonly fcrdns: Counter;
  private readonly smtpProcessed: Counter<'status'>;
  private readonly smtpDeferreds: Counter;
  private readonly smtpStatusDeferred: Counter;
  private readonly smtpDeferredDsn: Counter<'dsn'>;
  private readonly smtpBouncedDsn: Counter<'dsn'>;
  private readonly smtpTimedOut: Counter;
  private readonly smtpDelays: Histogram<'stage'>;
  private readonly lmtpDelays: Histogram<'stage'>;
  private readonly pipeDelays: Histogram<'relay' | 'stage'>;
  private readonly qmgrSize: Histogram;
  private readonly qmgrNrcpt: Histogram;
  private readonly qmgrNrcptLegacy: Histogram;
  private readonly qmgrRemoved: Counter;
  private readonly qmgrExpired: Counter;
  private readonly cleanupProcessed: Counter;
  private readonly cleanupRejected: Counter;
  private readonly bounceNonDelivery: Counter;
  private readonly virtualDelivered: Counter;
  private readonly psConnects: Counter;
  private readonly psPasses: Counter<'type'>;
  private readonly psRejects: Counter<'code'>;
  private readonly psTests: Counter<'test'>;
  private readonly psHangups: Counter;
  private readonly psLists: Counter<'action'>;
  private readonly psRank: Histogram;
  private readonly caps = {
    after: new LabelCap(WORD_LABELS), sasl: new LabelCap(WORD_LABELS), code: new LabelCap(WORD_LABELS),
    status: new LabelCap(WORD_LABELS), dsn: new LabelCap(WORD_LABELS), relay: new LabelCap(WORD_LABELS),
  };

  constructor(registry: Registry) {
    const registers = [registry];
    const counter = <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name: `postfix_${name}`, help, labelNames, registers });
    const histogram = <L extends string = never>(name: string, help: string, buckets: number[], labelNames: L[] = []) =>
      new Histogram<L>({ name: `postfix_${name}`, help, buckets, labelNames, registers });
    // help texts are the exporter's own, so a dashboard's tooltips read the same
    this.smtpdConnects = counter('smtpd_connects_total', 'Total number of incoming connections.');
    this.smtpdDisconnects = counter('smtpd_disconnects_total', 'Total number of incoming disconnections.');
    this.smtpdLost = counter('smtpd_connections_lost_total', 'Total number of connections lost.', ['after_stage']);
    this.smtpdProcessed = counter('smtpd_messages_processed_total', 'Total number of messages processed.', ['sasl_method']);
    this.smtpdRejects = counter('smtpd_messages_rejected_total', 'Total number of NOQUEUE rejects.', ['code']);
    this.saslFailures = counter('smtpd_sasl_authentication_failures_total', 'Total number of SASL authentication failures.');
    this.fcrdns = counter('smtpd_forward_confirmed_reverse_dns_errors_total', 'Total number of connections for which forward-confirmed DNS cannot be resolved.');
    this.smtpProcessed = counter('smtp_messages_processed_total', 'Total number of messages that have been processed by the smtp process.', ['status']);
    this.smtpDeferreds = counter('smtp_deferred_messages_total', 'Total number of messages that have been deferred on SMTP.');
    this.smtpStatusDeferred = counter('smtp_status_deferred', 'Total number of messages deferred.');
    this.smtpDeferredDsn = counter('smtp_deferred_messages_by_dsn_total', 'Total number of messages that have been deferred on SMTP by DSN.', ['dsn']);
    this.smtpBouncedDsn = counter('smtp_bounced_messages_by_dsn_total', 'Total number of messages that have been bounced on SMTP by DSN.', ['dsn']);
    this.smtpTimedOut = counter('smtp_connection_timed_out_total', 'Total number of messages that have been deferred on SMTP.');
    this.smtpDelays = histogram('smtp_delivery_delay_seconds', 'SMTP message processing time in seconds.', TIME_BUCKETS, ['stage']);
    this.lmtpDelays = histogram('lmtp_delivery_delay_seconds', 'LMTP message processing time in seconds.', TIME_BUCKETS, ['stage']);
    this.pipeDelays = histogram('pipe_delivery_delay_seconds', 'Pipe message processing time in seconds.', TIME_BUCKETS, ['relay', 'stage']);
    this.qmgrSize = histogram('qmgr_messages_inserted_size_bytes', 'Size of messages inserted into the mail queues in bytes.', SIZE_BUCKETS);
    this.qmgrNrcpt = histogram('qmgr_messages_inserted_recipients', 'Number of recipients per message inserted into the mail queues.', NRCPT_BUCKETS);
    // kumina's spelling, which its dashboards query; the fork added the corrected name beside it, as here
    this.qmgrNrcptLegacy = histogram('qmgr_messages_inserted_receipients', 'Number of receipients per message inserted into the mail queues.', NRCPT_BUCKETS);
    this.qmgrRemoved = counter('qmgr_messages_removed_total', 'Total number of messages removed from mail queues.');
    this.qmgrExpired = counter('qmgr_messages_expired_total', 'Total number of messages expired from mail queues.');
    this.cleanupProcessed = counter('cleanup_messages_processed_total', 'Total number of messages processed by cleanup.');
    this.cleanupRejected = counter('cleanup_messages_rejected_total', 'Total number of messages rejected by cleanup.');
    this.bounceNonDelivery = counter('bounce_non_delivery_notification_total', 'Total number of non delivery notification sent by bounce.');
    this.virtualDelivered = counter('virtual_delivered_total', 'Total number of mail delivered to a virtual mailbox.');
    this.psConnects = counter('postscreen_connects_total', 'Total number of connections handled by postscreen.');
    this.psPasses = counter('postscreen_passes_total', 'Total number of clients passed by postscreen, by allowlist status (new/old).', ['type']);
    this.psRejects = counter('postscreen_messages_rejected_total', 'Total number of NOQUEUE rejects issued by postscreen, by response code.', ['code']);
    this.psTests = counter('postscreen_tests_failed_total', 'Total number of postscreen pre-greet/protocol test failures, by test name.', ['test']);
    this.psHangups = counter('postscreen_hangups_total', 'Total client disconnects reported by postscreen while testing.');
    this.psLists = counter('postscreen_access_list_matches_total', 'Total number of clients allow/deny-listed by postscreen (ALLOWLISTED/WHITELISTED/DENYLISTED/BLACKLISTED).', ['action']);
    this.psRank = histogram('postscreen_dnsbl_rank', 'DNSBL rank assigned to clients by postscreen.', DNSBL_RANK_BUCKETS);
  }

  /** One parsed record, as the exporter reads one log line. */
  record(r: LogRecord): void {
    const ev = r.event;
    const caps = this.caps;
    switch (ev.kind) {
      case 'smtpd-connect': this.smtpdConnects.inc(); return;
      case 'smtpd-disconnect': this.smtpdDisconnects.inc(); return;
      case 'smtpd-abort':
        if (ev.reason === 'lost-connection') this.smtpdLost.inc({ after_stage: caps.after.of(ev.after) });
        return;
      case 'smtpd-client': this.smtpdProcessed.inc({ sasl_method: caps.sasl.of(ev.saslMethod ?? '') }); return;
      case 'smtpd-reject':
        if (ev.action === 'reject') this.smtpdRejects.inc({ code: caps.code.of(ev.reply.code === null ? '' : String(ev.reply.code)) });
        return;
      case 'smtpd-sasl-failed': this.saslFailures.inc(); return;
      case 'diagnostic':
        // `warning: hostname mail.example does not resolve to address 192.0.2.7: Name or service not known`
        if (r.daemon === 'smtpd' && ev.text.startsWith('hostname ') && ev.text.includes(' does not resolve to address ')) this.fcrdns.inc();
        return;
      case 'delivery-status': this.delivery(r.daemon, ev); return;
      case 'smtp-connect-failed':
        // `connect to mx.example[192.0.2.1]:25: Connection timed out`
        if (r.daemon === 'smtp' && ev.reason === 'Connection timed out') this.smtpTimedOut.inc();
        return;
      case 'qmgr-queued':
        this.qmgrSize.observe(ev.size);
        this.qmgrNrcpt.observe(ev.nrcpt);
        this.qmgrNrcptLegacy.observe(ev.nrcpt);
        return;
      case 'qmgr-removed':
        if (r.daemon === 'qmgr') this.qmgrRemoved.inc();
        return;
      case 'qmgr-expired': this.qmgrExpired.inc(); return;
      case 'cleanup-message-id':
        if (!ev.resent) this.cleanupProcessed.inc();
        return;
      case 'cleanup-check':
        if (ev.action === 'reject') this.cleanupRejected.inc();
        return;
      case 'bounce-notification':
        if (ev.recipient === 'sender' && ev.type === 'non-delivery') this.bounceNonDelivery.inc();
        return;
      case 'postscreen-connect': this.psConnects.inc(); return;
      case 'postscreen-pass': this.psPasses.inc({ type: ev.status.toLowerCase() }); return;
      case 'postscreen-reject':
        // the fork counts RCPT-stage rejects by code; its CONNECT-stage counter is labelled by the whole text (left out)
        if (ev.stage === 'RCPT') this.psRejects.inc({ code: caps.code.of(ev.reply.code === null ? '' : String(ev.reply.code)) });
        return;
      case 'postscreen-pregreet': this.psTests.inc({ test: 'PREGREET' }); return;
      case 'postscreen-command': this.psTests.inc({ test: ev.test.replace(/[- ]/g, '_') }); return;
      case 'postscreen-hangup': this.psHangups.inc(); return;
      case 'postscreen-listed':
        // the fork's two actions; the VETO lines are not list matches
        if (ev.list === 'DENYLISTED' || ev.list === 'BLACKLISTED') this.psLists.inc({ action: 'deny' });
        else if (ev.list === 'ALLOWLISTED' || ev.list === 'WHITELISTED') this.psLists.inc({ action: 'allow' });
        return;
      case 'postscreen-dnsbl': this.psRank.observe(ev.rank); return;
      default:
        return;
    }
  }

  /** A delivery agent's status line: smtp's counters and delays, lmtp's and pipe's delays, virtual's deliveries. */
  private delivery(daemon: string, ev: DeliveryStatus): void {
    const caps = this.caps;
    const deferred = ev.status === 'deferred';
    if (daemon === 'smtp') {
      this.smtpProcessed.inc({ status: caps.status.of(ev.status) });
      if (deferred) {
        this.smtpDeferreds.inc();
        this.smtpStatusDeferred.inc();
        if (ev.dsn !== null) this.smtpDeferredDsn.inc({ dsn: caps.dsn.of(ev.dsn) });
      } else if (ev.status === 'bounced' && ev.dsn !== null) this.smtpBouncedDsn.inc({ dsn: caps.dsn.of(ev.dsn) });
      // the fork leaves deferrals out of the delay histograms: a retry's delay is the time spent waiting
      if (!deferred) this.delays(this.smtpDelays, ev.delays, {});
    } else if (daemon === 'lmtp') {
      if (!deferred) this.delays(this.lmtpDelays, ev.delays, {});
    } else if (daemon === 'pipe') {
      this.delays(this.pipeDelays, ev.delays, { relay: caps.relay.of(ev.relay) });
    } else if (daemon === 'virtual' && ev.status === 'sent') {
      this.virtualDelivered.inc();
    }
  }

  private delays<L extends string>(h: Histogram<L | 'stage'>, d: Delays | null, labels: Partial<Record<L, string>>): void {
    if (d === null) return;
    for (const [key, stage] of STAGES) h.observe({ ...labels, stage } as Partial<Record<L | 'stage', string>>, d[key]);
  }
}
