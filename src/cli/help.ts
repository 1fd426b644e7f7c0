// The words of `postsumm --help`: one line per option, and after the option list the commands, how our counts
// relate to pflogsumm's, and the exit codes.

/** One-line descriptions of the options, by commander attribute name. */
export const OPTION_HELP = {
  format: 'text (default: the report, 80 columns), html (one self-contained page, for a browser or a mail) or json (the whole report model, for merge and scripts)',
  date: 'report only these days of the log: today, yesterday, this week, last week, this month, last month, YYYY-MM-DD, YYYY-MM, or "A to B"',
  year: 'year of the first line for stamps without one (default: from the file\'s modification time; New Year is crossed as the log does)',
  syslogName: 'read only the Postfix instance whose syslog tag starts with NAME (postfix-out); default: every instance',
  ignoreCase: 'lower-case whole addresses (default: only the domain part)',
  uucpMung: 'rewrite UUCP bang paths (host!user → user@host)',
  verpMung: 'fold VERP sender addresses (=1: the VERP part becomes ID; =2: list-return@host)',
  srsMung: 'undo SRS0/SRS1 sender rewriting',
  useOrigTo: 'report the original recipient (orig_to=) instead of to= where logged',
  rejAddFrom: 'append the sender to reject detail listed by client',
  verboseMsgDetail: 'never shorten reasons, nor cut long lines to 80 columns',
  extendedDetail: 'per-message detail: accepted for pflogsumm cron lines, not printed (postsumm keeps no per-message state)',
  compareWith: 'a JSON report of an earlier period (postsumm --format json): the HTML header shows each figure\'s change against it',
  hostCnt: 'rows of the Host/Domain summaries (default: all; 0: leave them out)',
  userCnt: 'rows of Senders/Recipients by count and size (default: all; 0: leave them out)',
  detail: 'rows of every detail report and of -h and -u, where not set on their own',
  bounceDetail: 'rows per group of bounce and expiry detail (0: leave it out)',
  deferralDetail: 'rows per group of deferral detail (0: leave it out)',
  rejectDetail: 'rows per group of reject, reject warning, hold, discard and restriction class detail',
  smtpDetail: 'rows per group of smtp delivery failures (0: leave it out)',
  smtpdWarningDetail: 'the same as --warning-detail (pflogsumm 1.1 spelling)',
  warningDetail: 'rows per group of warnings, errors, fatal errors and panics (0: leave them out)',
  quiet: 'leave out sections that have nothing to show',
  problemsFirst: 'print the problem reports before the host and address reports (the HTML report always leads with them)',
  isoDateTime: 'dates as 2026-11-25 and hours as 08:00-09:00',
  zeroFill: 'Per-Day rows also for days without traffic',
  noNoMsgSize: 'leave out "Messages with no size data"',
  smtpdStats: 'smtpd connection statistics (per day, hour and client domain)',
  pscrnStats: 'the postscreen summary in Grand Totals',
  mailTo: 'mail the report (text and HTML, multipart/alternative; the HTML shows the top rows, and the full text report is attached when it leaves rows out) to ADDRESS instead of printing it; repeatable, or a comma list',
  mailFrom: 'the sender of the report mail (default: postsumm@ this host\'s name)',
  attachJson: 'attach the JSON report to the mail',
  smtpHost: 'send through this SMTP server (default: the local sendmail binary)',
  smtpPort: 'SMTP port (default 587, or 465 with --smtp-tls)',
  smtpTls: 'TLS from the first byte (SMTPS, port 465)',
  smtpStarttls: 'require STARTTLS (without either flag it is used when the server offers it)',
  smtpUser: 'log in to the SMTP server as USER (the password from --smtp-password-env or --smtp-password-file)',
  smtpPasswordEnv: 'the environment variable holding the SMTP password (never on the command line)',
  smtpPasswordFile: 'the file holding the SMTP password (its last newline is ignored)',
  sendmail: 'the sendmail binary (default /usr/sbin/sendmail, else sendmail from PATH)',
  follow: 'live mode: follow FILE as tail -F does (through rotation and truncation) and show the server as it happens; --format ndjson or off a terminal: one JSON line per finished message and per reject; Ctrl-C (or q) ends it, and with --format text, html or json the report of everything read is printed then',
  fromStart: 'with --follow: read the file from its start first (default: from its end)',
  since: 'with --follow: start with the last DURATION of the file (30m, 2h, 1d), found by seeking',
  listen: 'with --follow: serve /metrics (Prometheus) and / (the live page) at HOST:PORT (:9101 is loopback; other addresses only when named)',
  alertBounceRate: 'with --follow: alert when the bounce rate over the last hour passes PERCENT (5%), once per episode; mailed too with --mail-to',
  alertDeferred: 'with --follow: alert when N messages wait after a deferral',
  alertBlocklisted: 'with --follow: alert when a remote server\'s reply says this server is on a blocklist (Microsoft, Google, Yahoo, Spamhaus texts)',
} as const;

/** What follows the option list. */
export const HELP_AFTER = `
Commands:
  postsumm [options] [FILE…]
      the report: text (pflogsumm's sections and more), or --format json
  postsumm merge [options] A.json B.json …
      merges JSON reports of several hosts or days into one (counts add, tops
      re-rank, distinct counts stay exact) and prints it in any --format
  postsumm events [--count] [FILE…]
      one JSON object per line (NDJSON) for each Postfix line: kind, time,
      host, instance, service, daemon, pid, queueId and the parsed fields;
      events --count: one JSON object counting what the lines became:
      {"lines": N, "events": {kind: N}, "foreign": N, "unrecognized": …}
  postsumm what-if --client regexp:FILE [--helo|--sender|--recipient T] FILE…
      tries access tables (regexp:, pcre:, hash: source text) on the log in
      Postfix's lookup order: what each entry would have refused, how much of
      it was delivered mail, which entries nothing reaches (what-if --help)
  postsumm -d yesterday --mail-to admin@example.com [FILE…]
      mails the report (text and HTML; --attach-json adds the JSON) through
      the local sendmail, or an SMTP server with --smtp-host; the password
      only from --smtp-password-env VARIABLE or --smtp-password-file FILE
  postsumm --follow [--from-start | --since 30m] [--listen :9101] FILE
      live mode: a dashboard on a terminal (q quits), NDJSON otherwise;
      --listen serves /metrics and a live page; --alert-… print alerts (and
      mail them with --mail-to); stopped with --format text|html|json, the
      report of everything read is printed (the batch report of those lines)
  postsumm schedule --config FILE [--run-now]
      a service: at the configured time mails the previous day's report of
      the configured logs (rotated file included); --run-now: one run, then
      exit
  postsumm init [FILE]
      writes an example configuration for schedule (default postsumm.json)

Inputs: files in the order given (a rotated set such as mail.log.2.gz
mail.log.1 mail.log is read oldest first), .gz known by its magic bytes, - or
no FILE for standard input; every syslog header shape (classic, RFC 3339,
RFC 5424, journalctl, Postfix's maillog_file). pflogsumm's options are taken
in its spelling, underscores too (--bounce_detail=5).

How the counts relate to pflogsumm's: a message is received once, however
many content filters re-inject it (amavis, a second smtpd) and however often
postsuper -r requeues it; pflogsumm counts every hop. Delivered counts final
deliveries per recipient, not hand-offs to a content filter. Bounced includes
the recipients of expired messages (returned to their senders). Rejected
counts the reject events of smtpd, postscreen and cleanup, 4xx included and
shown apart. Reject warnings include access-map and header/body-check WARN.
-d keeps the records of those days only, before messages are joined.

Exit codes: 0 the report was printed (with a warning on stderr when no Postfix
line was recognised); 1 an input could not be read (missing, unreadable,
corrupt .gz: the other logs are still read; merge prints nothing when a
report cannot be read; schedule: the configuration is wrong); 2 the command
line is wrong (what-if: or a table cannot be used, its file and line named); 3
the report could not be mailed (one line says why, and names the file in the
temporary directory where the report is saved instead); 70 an internal error
(a bug in postsumm: the line says what, please report it).`;
