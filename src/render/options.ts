// What a renderer may be asked to do differently: pflogsumm's display options (how many rows, which blocks,
// which labels). Counting options live in aggregate/section.ts; these change only the look.

import type { Report, Totals } from '../report/model.js';

/** The period a report is compared with (--compare-with): its time span and Grand Totals. */
export interface PreviousPeriod {
  period: Report['period'];
  totals: Totals;
}

/** Display options shared by every renderer (JSON ignores them: it is the whole model). */
export interface RenderOptions {
  /** -h N: rows of the Host/Domain summaries (Infinity: all, 0: the section is left out) */
  hostCount: number;
  /** -u N: rows of Senders/Recipients by count and size */
  userCount: number;
  /** --bounce-detail N: rows per group of bounce (and expiry) detail */
  bounceDetail: number;
  /** --deferral-detail N */
  deferralDetail: number;
  /** --reject-detail N: rows per group of reject, reject-warning, hold, discard and reject-class detail */
  rejectDetail: number;
  /** --smtp-detail N: rows per group of smtp delivery failures */
  smtpDetail: number;
  /** --warning-detail N (also --smtpd-warning-detail): rows per group of warnings, errors, fatals, panics */
  warningDetail: number;
  /** -q: leave out sections that have nothing to show (else `Title: none`) */
  quiet: boolean;
  /** --problems-first: the problem reports before the traffic reports (the HTML report always leads with them) */
  problemsFirst: boolean;
  /** --iso-date-time: `2026-11-25` and `08:00-09:00` row labels */
  isoDateTime: boolean;
  /** --zero-fill: per-day rows for days without traffic between the first and last day */
  zeroFill: boolean;
  /** --no-no-msg-size: leave out "Messages with no size data" */
  noNoMsgSize: boolean;
  /** --smtpd-stats: smtpd connection statistics */
  smtpdStats: boolean;
  /** --pscrn-stats: the postscreen summary */
  pscrnStats: boolean;
  /** --verbose-msg-detail: never cut long texts to the width */
  verbose: boolean;
  /** the width texts are cut to (80: a terminal, a mail) */
  width: number;
  /** --compare-with: the figures of a previous period, shown as changes in the HTML header; null when not given */
  previous: PreviousPeriod | null;
  /**
   * rows of each reasons and clients list under Rejects by restriction class in the HTML report (0: the lists are
   * left out, the chart and table stay); null: --reject-detail's, as in the text report. The mail's HTML sets it.
   */
  classDetail: number | null;
  /**
   * groups of each level of a detail report in the HTML report, its largest (Infinity: all, as in the text report).
   * The mail's HTML sets it: a busy day can have dozens of reject reasons, each a group however few its rows.
   */
  detailGroups: number;
  /** the mail's HTML: the attached report that holds the rows this page leaves out; null elsewhere */
  fullReport: FullReport | null;
}

/** The options that cut a report to its top rows: -h, -u, the --*-detail counts, class detail lists, detail groups. */
export type RowLimits = Pick<RenderOptions, 'hostCount' | 'userCount' | 'bounceDetail' | 'deferralDetail' | 'rejectDetail' | 'smtpDetail' | 'warningDetail' | 'classDetail' | 'detailGroups'>;

/**
 * A report attached to the mail, for the rows its HTML leaves out: its file name and its row limits (a cut table of
 * the HTML says how many of the rows it leaves out are there).
 */
export interface FullReport {
  file: string;
  limits: RowLimits;
}

/** pflogsumm's defaults: every row of every report, empty headings shown, nothing optional. */
export const DEFAULT_RENDER_OPTIONS: Readonly<RenderOptions> = {
  hostCount: Infinity,
  userCount: Infinity,
  bounceDetail: Infinity,
  deferralDetail: Infinity,
  rejectDetail: Infinity,
  smtpDetail: Infinity,
  warningDetail: Infinity,
  quiet: false,
  problemsFirst: false,
  isoDateTime: false,
  zeroFill: false,
  noNoMsgSize: false,
  smtpdStats: false,
  pscrnStats: false,
  verbose: false,
  width: 80,
  previous: null,
  classDetail: null,
  detailGroups: Infinity,
  fullReport: null,
};

/** Every renderer has this one signature. */
export type Renderer = (report: Report, options: RenderOptions) => string;
