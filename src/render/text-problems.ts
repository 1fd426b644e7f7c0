// Text sections of the problem reports, in pflogsumm's order: deferral, bounce and expiry detail, reject,
// reject-warning, hold and discard detail, rejects by restriction class (beyond pflogsumm), smtp delivery
// failures, warnings, errors, fatal errors, panics, master daemon messages.

import { rejectClassRank, SECTION_TITLES as T } from '../report/labels.js';
import type { Report } from '../report/model.js';
import { rejectClassDetail, rejectClassRows } from './cells.js';
import type { RenderOptions } from './options.js';
import { detailRows, list, table, type Block, type Tree } from './text-kit.js';

/** A detail section: nothing when its limit is 0 (pflogsumm's `--*-detail 0`), else its tree, `limit` rows a group. */
function detail(title: string, tree: Tree, limit: number, o: RenderOptions): Block {
  if (limit === 0) return null;
  return { title, lines: list(detailRows(tree, limit), o) };
}

export const deferrals = (r: Report, o: RenderOptions): Block => detail(T.deferrals, r.deferrals, o.deferralDetail, o);
export const bounces = (r: Report, o: RenderOptions): Block => detail(T.bounces, r.bounces, o.bounceDetail, o);
export const expiries = (r: Report, o: RenderOptions): Block => detail(T.expiries, r.expiries, o.bounceDetail, o);
export const rejects = (r: Report, o: RenderOptions): Block => detail(T.rejects, r.rejects, o.rejectDetail, o);
export const rejectWarnings = (r: Report, o: RenderOptions): Block => detail(T.rejectWarnings, r.rejectWarnings, o.rejectDetail, o);
export const holds = (r: Report, o: RenderOptions): Block => detail(T.holds, r.holds, o.rejectDetail, o);
export const discards = (r: Report, o: RenderOptions): Block => detail(T.discards, r.discards, o.rejectDetail, o);
export const smtpFailures = (r: Report, o: RenderOptions): Block => detail(T.smtpFailures, r.smtpFailures, o.smtpDetail, o);
export const warnings = (r: Report, o: RenderOptions): Block => detail(T.warnings, r.warnings, o.warningDetail, o);
export const errors = (r: Report, o: RenderOptions): Block => detail(T.errors, r.errors, o.warningDetail, o);
export const fatals = (r: Report, o: RenderOptions): Block => detail(T.fatals, r.fatals, o.warningDetail, o);
export const panics = (r: Report, o: RenderOptions): Block => detail(T.panics, r.panics, o.warningDetail, o);
export const master = (r: Report, o: RenderOptions): Block => ({ title: T.master, lines: list(detailRows(r.master, Infinity), o) });

/**
 * Rejects by restriction class (beyond pflogsumm): one row per class split by reply class (5xx refused, 4xx
 * temporary, warn-only logged), then each class's reasons and top clients, `--reject-detail` rows each.
 */
export function rejectClasses(r: Report, o: RenderOptions): Block {
  if (o.rejectDetail === 0) return null;
  const names = Object.keys(r.rejectClasses).sort((a, b) => rejectClassRank(a) - rejectClassRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return { title: T.rejectClasses, lines: [] };
  const right = (head: string) => ({ head, align: 'right' as const });
  const rows = rejectClassRows(r, names);
  const lines = table([right('5xx'), right('4xx'), right('warn'), { head: 'restriction class', align: 'left' }], rows, o);
  const nested = rejectClassDetail(r, names, o.rejectDetail);
  return { title: T.rejectClasses, lines: [...lines, '', ...list(nested, o)] };
}
