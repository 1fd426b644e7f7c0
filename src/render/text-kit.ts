// The text renderer's tools: borderless cli-table3 tables with a dashed header rule (pflogsumm's look), headings,
// top-N cuts of counters, and the cleaning of log text so a report never carries the log's control characters.

import Table from 'cli-table3';
import type { Counts } from '../report/model.js';
import { count } from './format.js';
import type { RenderOptions } from './options.js';

/** A table column: its heading and which side its cells keep to. */
export interface Column {
  head: string;
  align: 'left' | 'right';
}

/** cli-table3 without borders: columns apart by GAP spaces, nothing else drawn. */
const GAP = '   ';
const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: GAP,
};
/** A text column is never cut narrower than this, however wide the columns before it are. */
const MIN_TEXT_WIDTH = 16;

// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides and isolates
// (which can make a log line display as something it is not)
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Log text made safe for a terminal or a mail: each control character becomes a visible `\xNN` / `\uNNNN`. */
export function clean(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Cuts `text` to `width` characters, the last one an ellipsis, so a cut is never mistaken for the whole. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, Math.max(0, width - 1)).join('') + '…';
}

function widthOf(text: string): number {
  return [...text].length;
}

/**
 * A borderless table, pflogsumm-style: header, a dashed rule, rows. Cells are cleaned; when the table is wider
 * than `options.width`, its last column (the free text: reason, address, domain) is cut to fit, unless verbose.
 */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[], options: RenderOptions, shape: { indent?: number; head?: boolean } = {}): string[] {
  const indent = shape.indent ?? 1;
  const head = shape.head ?? true;
  const cells = rows.map((r) => r.map(clean));
  // a loop, not Math.max(...cells): a table of a busy server's recipients has more rows than a call has arguments
  const widths = columns.map((c) => (head ? widthOf(c.head) : 0));
  for (const r of cells) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, widthOf(r[i] ?? ''));
  const last = widths.length - 1;
  const total = indent + widths.reduce((a, b) => a + b, 0) + GAP.length * last;
  if (!options.verbose && total > options.width && columns[last]?.align === 'left') {
    const room = Math.max(MIN_TEXT_WIDTH, widths[last]! - (total - options.width));
    widths[last] = Math.max(head ? widthOf(columns[last]!.head) : 0, room);
    for (const r of cells) r[last] = fit(r[last] ?? '', widths[last]!);
  }
  const all = cells.map((r) => columns.map((_, i) => r[i] ?? ''));
  if (head) all.unshift(columns.map((c) => c.head), widths.map((w) => '-'.repeat(w)));
  const pad = ' '.repeat(indent);
  const aligns = columns.map((c) => c.align);
  const out: string[] = [];
  // cli-table3 lays out the head and the first rows. Its cost per cell is high (it re-measures every cell through
  // ANSI-stripping regexes) and its layout grows faster than linearly with the rows, so the rows after the first
  // TABLE_HEAD_ROWS are set by padRow(), which gives the same output for plain ASCII cells (test/render/text-kit.test.ts
  // compares them); a row with any other character still goes through cli-table3, one row at a time.
  const first = all.slice(0, TABLE_HEAD_ROWS);
  if (first.length > 0) for (const l of cliTable(first, widths, aligns)) out.push((pad + l).trimEnd());
  for (let at = TABLE_HEAD_ROWS; at < all.length; at++) {
    const row = all[at]!;
    const line = row.every(isPlainAscii) ? padRow(row, widths, aligns) : cliTable([row], widths, aligns)[0]!;
    out.push((pad + line).trimEnd());
  }
  return out;
}

/** Rows laid out by cli-table3 itself in every table (see table()). */
const TABLE_HEAD_ROWS = 50;

/** Rows through cli-table3 with fixed column widths, no borders, columns apart by GAP. */
export function cliTable(rows: readonly (readonly string[])[], widths: readonly number[], aligns: readonly ('left' | 'right')[]): string[] {
  const t = new Table({
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: [...widths],
    colAligns: [...aligns],
  });
  t.push(...rows.map((r) => [...r]));
  return t.toString().split('\n');
}

/** One row as cli-table3 sets plain ASCII cells that fit their columns: padded to the width, joined by GAP. */
export function padRow(row: readonly string[], widths: readonly number[], aligns: readonly ('left' | 'right')[]): string {
  return row.map((c, i) => (aligns[i] === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(GAP);
}

/** Printable ASCII only: one column per character, nothing for cli-table3 to measure differently. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/**
 * A list without a header: a right-aligned count column, then text indented by `depth` (nested detail such as
 * service → host → reason). Rows with a null count are group headings.
 */
export interface ListRow {
  count: string | null;
  text: string;
  depth: number;
  /** said after the text and never cut with it (a group's total) */
  suffix?: string;
}

/** Renders nested list rows: headings at their depth, counted rows with the count right-aligned before the text. */
export function list(rows: readonly ListRow[], options: RenderOptions): string[] {
  // a loop, not Math.max(...rows): a month's reject detail can list more clients than a call has arguments
  let countWidth = 0;
  for (const r of rows) if (r.count !== null) countWidth = Math.max(countWidth, widthOf(r.count));
  return rows.map((r) => {
    const indent = '  '.repeat(r.depth);
    // the counts of one list line up whatever their depth, as pflogsumm's do
    const lead = r.count === null ? indent : indent + ' '.repeat(2 + countWidth - widthOf(r.count)) + r.count + GAP;
    const text = clean(r.text);
    const suffix = r.suffix ?? '';
    const room = Math.max(MIN_TEXT_WIDTH, options.width - widthOf(lead) - widthOf(suffix));
    return (lead + (options.verbose ? text : fit(text, room)) + suffix).trimEnd();
  });
}

/** A section heading underlined with dashes, as pflogsumm draws them. */
export function heading(title: string): string[] {
  return [title, '-'.repeat(widthOf(title))];
}

/** Counter entries, largest first, ties in key order (stable, so reports and goldens never flicker). */
export function ranked(counts: Counts): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Any entries ranked by one or more numbers (the next breaks ties of the one before), largest first, then by key. */
export function rankedBy<T>(map: Record<string, T>, ...by: ((v: T) => number)[]): [string, T][] {
  return Object.entries(map).sort((a, b) => {
    for (const f of by) {
      const d = f(b[1]) - f(a[1]);
      if (d !== 0) return d;
    }
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
}

/** ` (top 20 of 254)` when `limit` cuts `total` rows, ` (254)` otherwise: P130's way of saying what is shown. */
export function topNote(limit: number, total: number): string {
  return limit < total ? ` (top ${limit} of ${total})` : ` (${total})`;
}

/** The sum of a counter's values. */
export function sum(counts: Counts): number {
  let s = 0;
  for (const k in counts) s += counts[k]!;
  return s;
}

/** What a section renders to: its title and lines (none: empty), or null when it is not asked for at all. */
export type Block = { title: string; lines: string[] } | null;

/** A counter tree as the model keeps detail: group → … → key → count. */
export interface Tree {
  [key: string]: number | Tree;
}

/** The sum of every count in a tree. */
export function treeTotal(tree: Tree | number): number {
  if (typeof tree === 'number') return tree;
  let s = 0;
  for (const k in tree) s += treeTotal(tree[k]!);
  return s;
}

/**
 * Nested detail as pflogsumm prints it: groups in key order with their totals, and in each innermost group its
 * `limit` largest rows (`limit` Infinity: all). `groups` keeps only that many groups of each level, the largest (the
 * mail's HTML: a busy day has dozens of reject reasons), still in key order; the group above says how many are shown,
 * as it does for rows.
 */
export function detailRows(tree: Tree, limit: number, depth = 1, groups = Infinity): ListRow[] {
  const out: ListRow[] = [];
  const entries = Object.entries(tree);
  if (entries.every(([, v]) => typeof v === 'number')) {
    for (const [k, n] of ranked(tree as Counts).slice(0, limit)) out.push({ count: count(n), text: k, depth });
    return out;
  }
  const kept = keptGroups(tree, groups);
  for (const [k, v] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (typeof v === 'number') {
      out.push({ count: count(v), text: k, depth });
      continue;
    }
    if (!kept.has(k)) continue;
    const values = Object.values(v);
    const leaves = values.every((x) => typeof x === 'number') ? values.length : 0;
    const subgroups = leaves === 0 ? values.filter((x) => typeof x !== 'number').length : 0;
    const cut = leaves > limit ? `, top ${limit} of ${leaves} shown` : subgroups > groups ? `, top ${groups} of ${subgroups} shown` : '';
    out.push({ count: null, text: k, suffix: ` (total: ${count(treeTotal(v))}${cut})`, depth });
    for (const row of detailRows(v, limit, depth + 1, groups)) out.push(row); // not push(...): too many for a call
  }
  return out;
}

/** The keys of a level's groups that detailRows() shows: all, or the `groups` largest by total (ties by key). */
function keptGroups(tree: Tree, groups: number): Set<string> {
  const all = Object.entries(tree).filter(([, v]) => typeof v !== 'number').map(([k, v]) => [k, treeTotal(v)] as [string, number]);
  return new Set((groups >= all.length ? all : ranked(Object.fromEntries(all)).slice(0, groups)).map(([k]) => k));
}

/**
 * The counted rows of a tree that detailRows() leaves out at `limit` and `groups`: those past each group's top rows,
 * and all those of the groups not kept.
 */
export function detailLeftOut(tree: Tree, limit: number, groups = Infinity): number {
  const values = Object.values(tree);
  if (values.every((v) => typeof v === 'number')) return Math.max(0, values.length - limit);
  const kept = keptGroups(tree, groups);
  let n = 0;
  for (const [k, v] of Object.entries(tree)) if (typeof v !== 'number') n += kept.has(k) ? detailLeftOut(v, limit, groups) : detailLeftOut(v, 0);
  return n;
}

/** Days the report covers: its period's first to last local date, inclusive (at least 1). */
export function dayCount(from: string | null, to: string | null, fallback: number): number {
  if (from === null || to === null) return Math.max(1, fallback);
  const a = Date.parse(from.slice(0, 10) + 'T00:00:00Z');
  const b = Date.parse(to.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(a) || Number.isNaN(b) ? Math.max(1, fallback) : Math.max(1, Math.round((b - a) / 86400000) + 1);
}

/** Every date from the first to the last of `dates` (YYYY-MM-DD), for --zero-fill. */
export function dateSpan(dates: readonly string[]): string[] {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const out: string[] = [];
  const end = Date.parse(sorted[sorted.length - 1]! + 'T00:00:00Z');
  for (let t = Date.parse(sorted[0]! + 'T00:00:00Z'); t <= end; t += 86400000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
