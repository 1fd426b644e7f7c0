// What the report mail carries, rendered: the text report whole (the text part), the HTML report cut to the top rows
// of each table (Gmail clips a mail whose HTML passes 102 KB behind "View entire message"), and, when that cut leaves
// rows out, the whole text report attached: the page names it, and each cut table says how many rows it has there.

import { renderHtml, sendsToFullReport } from '../render/html.js';
import { renderJson } from '../render/json.js';
import type { RenderOptions, RowLimits } from '../render/options.js';
import { renderText } from '../render/text.js';
import type { Report } from '../report/model.js';
import { fileStem, type RenderedReport } from './message.js';

/**
 * The most rows the HTML part shows, whatever the options ask for (fewer when they ask for fewer); the attached
 * text report holds every row they ask for. Chosen so the samples' mail (a day of a small but busy lab server, every
 * section filled) stays under MAIL_HTML_BUDGET with room to spare, and so the page has a bound however busy the day:
 * - 10 rows of each table (hosts, domains, senders, recipients), as `-h 10 -u 10`;
 * - in a detail report, the 3 largest groups of each level and 5 rows in each. Groups, not rows, make a detail
 *   report long: the samples' rejects have 23 reasons in one command, and cutting every group from 10 rows to 3
 *   shrank the samples' page by 7% only; a busy day has dozens of reasons;
 * - no reasons and clients per restriction class (0): they repeat the reject detail by reason and client, and with
 *   two lists for each of two dozen classes they were a third of the page; the class table and its chart stay.
 * Measured on the samples' page before its charts drew their bars as one path per series (bytes of HTML): 10 rows
 * and 5 groups 93 KB, 5 rows and 5 groups 91 KB, 10 rows and 3 groups 89 KB, these 86.5 KB (84 KB now; a generated
 * log of 300,000 lines over two busy days: 87 KB).
 */
export const MAIL_ROWS: Readonly<{ [K in keyof RowLimits]: number }> = {
  hostCount: 10,
  userCount: 10,
  bounceDetail: 5,
  deferralDetail: 5,
  rejectDetail: 5,
  smtpDetail: 5,
  warningDetail: 5,
  classDetail: 0,
  detailGroups: 3,
};

/**
 * What the HTML part is kept under, in bytes: Gmail clips a mail whose HTML passes about 102 KB (taken as 102,000
 * bytes, and the measure of Gmail's is not published), behind "View entire message". 90,000 leaves a busier day
 * than the samples' an eighth more before it is clipped. A test holds the samples' mail to it.
 */
export const MAIL_HTML_BUDGET = 90_000;

/** The row limits of `options`, as the attached report applies them. */
function limitsOf(o: RenderOptions): RowLimits {
  return {
    hostCount: o.hostCount, userCount: o.userCount, bounceDetail: o.bounceDetail, deferralDetail: o.deferralDetail, rejectDetail: o.rejectDetail,
    smtpDetail: o.smtpDetail, warningDetail: o.warningDetail, classDetail: o.classDetail, detailGroups: o.detailGroups,
  };
}

/** The HTML part's options: the user's, cut to MAIL_ROWS, pointing to the attachment `file` for the rest. */
export function mailHtmlOptions(options: RenderOptions, file: string): RenderOptions {
  const limits = limitsOf(options);
  const shown = { ...limits };
  for (const key of Object.keys(MAIL_ROWS) as (keyof RowLimits)[]) {
    // the class lists follow --reject-detail unless set apart
    const asked = key === 'classDetail' ? options.classDetail ?? options.rejectDetail : limits[key]!;
    shown[key] = Math.min(asked, MAIL_ROWS[key]);
  }
  return { ...options, ...shown, fullReport: { file, limits } };
}

/**
 * The report as the mail carries it: the text report (the text part), the HTML report with the mail's row counts,
 * the text report again as `full` (attached as `<stem>.txt`) when the HTML sends its reader there, and the JSON
 * report when asked for. `fallbackHost` and `day` name the attachment as the message does (fileStem).
 */
export function renderForMail(report: Report, options: RenderOptions, attachJson: boolean, fallbackHost: string, day?: string): RenderedReport {
  const text = renderText(report, options);
  const html = renderHtml(report, mailHtmlOptions(options, `${fileStem(report, fallbackHost, day)}.txt`));
  return {
    report,
    text,
    html,
    ...(sendsToFullReport(html) ? { full: text } : {}),
    ...(attachJson ? { json: renderJson(report, options) } : {}),
  };
}
