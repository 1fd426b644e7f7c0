// The HTML renderer's tools: escaping of log text, the inline styles (mail clients strip <style> and ignore
// classes, so every element carries its own, as short as it can be: Gmail clips a mail whose HTML passes 102 KB),
// tables, nested detail lists and section frames.

import type { Counts } from '../report/model.js';
import { count } from './format.js';
import type { RenderOptions } from './options.js';
import { clean, detailRows, ranked, type ListRow, type Tree } from './text-kit.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML, in element content, in attribute values and in SVG `<text>` and `<title>`: `& < > " '`
 * become entities, and the log's control characters are shown escaped (`\x1b`) as in the text report, since a
 * log line is written by strangers. Every string that reaches the page goes through here.
 */
export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The palette: dark enough on white to print legibly in grey; series are told apart by pattern too (charts). */
export const COLOR = {
  ink: '#1f2328',
  muted: '#57606a',
  rule: '#d0d7de',
  band: '#f6f8fa',
  page: '#eef1f4',
  accent: '#0b5cad',
  bad: '#b42318',
  warn: '#9a6700',
  good: '#1a7f37',
} as const;

/** System fonts only: the page loads nothing. */
export const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
/** Monospace for queue IDs and log samples. */
export const MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";

/**
 * How a table cell keeps to its column: figures right and unbroken; labels (dates, hours) left and unbroken; text
 * and addresses wrap, addresses anywhere.
 */
export type CellKind = 'num' | 'label' | 'text' | 'addr';

/** A table column: its heading and its kind. */
export interface HtmlColumn {
  head: string;
  kind: CellKind;
  /** shrink to its figures (width:1%), leaving the room to the text column beside it */
  narrow?: boolean;
}

// Cell styles repeat in every cell, so each says as little as it can. What a cell inherits (text-align, white-space,
// word-break) is set once on the <tbody>, as the column kind that saves the most has it, and on a cell only where it
// differs; padding is not inherited, so every cell carries its own, sideways only (the rows' height comes from the
// table's line-height). Rows are told apart by a band on every second one (BAND), once per two rows.
const CELL = 'padding:0 4px';
/** A declaration a cell kind does not care about (word-break, in a cell that never wraps). */
const ANY = '*';
/** The inherited declarations of each cell kind, and the value each has when not set. */
const INHERITED: Record<CellKind, Record<string, string>> = {
  // figures right and never broken (the table's overflow-wrap:anywhere would let a narrow column split digits)
  num: { 'text-align': 'right', 'white-space': 'nowrap', 'word-break': ANY },
  // a short label (a date, an hour) is never broken either
  label: { 'white-space': 'nowrap', 'word-break': ANY },
  // reasons wrap between words, and inside a word only when it is longer than the line (overflow-wrap is inherited
  // from the table's style: one declaration per table instead of one per cell)
  text: {},
  // an address or host has no spaces: it may break anywhere, or a 375 px screen would scroll
  addr: { 'word-break': 'break-all' },
};
const INITIAL: Record<string, string> = { 'text-align': 'left', 'white-space': 'normal', 'word-break': 'normal' };

/** A kind's value of an inherited property: its own, or the initial one (ANY where it does not care). */
const valueOf = (kind: CellKind, p: string): string => INHERITED[kind][p] ?? INITIAL[p]!;

/** The declarations of `kind` that differ from those of `base` (the body's kind), as a style string. */
function differing(kind: CellKind, base: CellKind): string {
  // what the body does not care about, it leaves at the initial value
  const inherited = (p: string) => (valueOf(base, p) === ANY ? INITIAL[p]! : valueOf(base, p));
  return Object.keys(INITIAL).filter((p) => valueOf(kind, p) !== ANY && valueOf(kind, p) !== inherited(p)).map((p) => `;${p}:${valueOf(kind, p)}`).join('');
}

/** The kind whose declarations, set once on the body, leave the cells least to say (ties to text: it sets none). */
function commonKind(columns: readonly HtmlColumn[]): CellKind {
  const cost = (base: CellKind) => columns.reduce((n, c) => n + differing(c.kind, base).length, 0);
  return (['text', 'addr', 'label', 'num'] as const).reduce((best, k) => (cost(k) < cost(best) ? k : best), 'text' as CellKind);
}

/** A group row of a nested list: ruled above, so each group stands apart. */
const ROW = `<tr style="border-top:1px solid ${COLOR.rule}">`;
/** Every second row of a table: banded (cheaper than a rule on every row, and as easy to follow across). */
const BAND = `<tr style="background:${COLOR.band}">`;
/** The header row's style: small, muted, ruled below (th is bold by default). */
const HEAD_ROW = `border-bottom:2px solid ${COLOR.rule};color:${COLOR.muted};font-size:11px;`;

/**
 * The style of every table: fluid, collapsed borders, small type so six columns fit a phone, long words wrap. The
 * line height spaces the rows (21 px, as 2 px of padding above and below a 1.35 line did) without a declaration
 * in every cell.
 */
export const TABLE_STYLE = 'width:100%;border-collapse:collapse;font-size:13px;line-height:1.65;overflow-wrap:anywhere';

/**
 * A table of already escaped cells (`cells` are HTML); an empty list of heads draws no header row. A narrow
 * column's width (1%: as narrow as its figures) is set on its first cell only: a column takes the widest it is given.
 */
export function table(columns: readonly HtmlColumn[], rows: readonly (readonly string[])[], head = true): string {
  const out: string[] = [`<table style="${TABLE_STYLE}">`];
  const headed = head && columns.some((c) => c.head !== '');
  const narrow = (c: HtmlColumn) => (c.narrow === true ? ';width:1%' : '');
  if (headed) {
    // a th takes its row's alignment when the row sets one (else it is centred): the row aligns as most heads do,
    // the others say theirs
    const right = columns.filter((c) => c.kind === 'num').length * 2 > columns.length;
    out.push(`<thead><tr style="${HEAD_ROW}text-align:${right ? 'right' : 'left'}">`);
    for (const c of columns) {
      const align = (c.kind === 'num') === right ? '' : `;text-align:${right ? 'left' : 'right'}`;
      out.push(`<th scope="col" style="padding:3px 4px${align}${narrow(c)}">${escapeHtml(c.head)}</th>`);
    }
    out.push('</tr></thead>');
  }
  const base = commonKind(columns);
  const common = Object.entries(INHERITED[base]).filter(([, v]) => v !== ANY).map(([p, v]) => `${p}:${v}`).join(';');
  out.push(common === '' ? '<tbody>' : `<tbody style="${common}">`);
  const cells = columns.map((c) => `<td style="${CELL}${differing(c.kind, base)}">`);
  const first = columns.map((c) => `<td style="${CELL}${differing(c.kind, base)}${narrow(c)}">`);
  rows.forEach((r, i) => out.push((i % 2 === 1 ? BAND : '<tr>') + (i === 0 && !headed ? first : cells).map((td, j) => `${td}${r[j] ?? ''}</td>`).join('') + '</tr>'));
  out.push('</tbody></table>');
  return out.join('\n');
}

/** A table of plain strings: each cell escaped. */
export function textTable(columns: readonly HtmlColumn[], rows: readonly (readonly string[])[], head = true): string {
  return table(columns, rows.map((r) => r.map(escapeHtml)), head);
}

/** Nesting indent of a list row per depth level, in pixels (small: a phone has 375 px). */
const INDENT_PX = 14;

/**
 * Nested list rows (the text renderer's ListRow: groups with a null count, then counted rows) as a two-column
 * table: the count, then the text indented by its depth; group rows bold, with their totals.
 */
export function listTable(rows: readonly ListRow[], kind: CellKind = 'text'): string {
  const out: string[] = [`<table style="${TABLE_STYLE}">`, '<tbody>'];
  // the shortest markup that keeps the look: these lists are most of a busy server's report. A group row spans
  // both columns under a rule, its name bold and its totals plain; a counted row has no rule. The count cell needs
  // no padding of its own (the text cell's left padding keeps them apart), but nowrap: the table's
  // overflow-wrap:anywhere would let a narrow column break a figure between its digits. Its width (1%: as narrow as
  // its widest figure) is set on the first count only: a column takes the widest its cells give.
  let first = true;
  for (const r of rows) {
    const indent = `padding-left:${4 + INDENT_PX * Math.max(0, r.depth - 1)}px${kind === 'addr' ? ';word-break:break-all' : ''}`;
    if (r.count === null) {
      const suffix = r.suffix === undefined || r.suffix === '' ? '' : `<span style="color:${COLOR.muted}">${escapeHtml(r.suffix)}</span>`;
      out.push(`${ROW}<td colspan="2" style="${indent}"><strong>${escapeHtml(r.text)}</strong>${suffix}</td></tr>`);
    } else {
      out.push(`<tr><td style="text-align:right;white-space:nowrap${first ? ';width:1%' : ''}">${escapeHtml(r.count)}</td><td style="${indent}">${escapeHtml(r.text)}${escapeHtml(r.suffix ?? '')}</td></tr>`);
      first = false;
    }
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

/** Nested detail as pflogsumm prints it (groups with totals, `limit` rows and `groups` groups each), as a table. */
export function detailTable(tree: Tree, limit: number, groups = Infinity): string {
  return listTable(detailRows(tree, limit, 1, groups));
}

/** A counter as list rows, largest first, `limit` of them, at `depth`. */
export function countRows(counts: Counts, limit: number, depth: number): ListRow[] {
  return ranked(counts).slice(0, limit).map(([k, v]) => ({ count: count(v), text: k, depth }));
}

/** A section: what it is called and its HTML ('' when it has nothing to show), or null when it is not asked for. */
export type HtmlBlock = { title: string; html: string } | null;

/**
 * A section frame: an `<h3>` with the title, then the body, or `none` when the body is empty (pflogsumm's
 * `Panics: none`; -q leaves the section out). `key` names it for anchors and tests (`data-section`).
 */
export function frame(key: string, block: HtmlBlock, o: RenderOptions): string {
  if (block === null) return '';
  if (block.html === '' && o.quiet) return '';
  // an empty section takes one line, as the text report's `Panics: none`, so the empty ones do not bury the rest
  if (block.html === '') {
    return `<p id="s-${key}" data-section="${key}" style="margin:0 0 8px;font-size:13px;color:${COLOR.muted}"><strong style="color:${COLOR.ink}">${escapeHtml(block.title)}</strong>: none</p>`;
  }
  const body = block.html;
  return [
    `<div id="s-${key}" data-section="${key}" style="margin-bottom:18px">`,
    `<h3 style="font-size:16px;margin:0 0 6px;padding-bottom:3px;border-bottom:1px solid ${COLOR.rule}">${escapeHtml(block.title)}</h3>`,
    body,
    '</div>',
  ].join('\n');
}

/** A group heading inside a section (smtpd and postscreen blocks of Grand Totals, reject-class detail). */
export function subhead(text: string): string {
  return `<h4 style="font-size:13px;margin:10px 0 4px;color:${COLOR.muted}">${escapeHtml(text)}</h4>`;
}

/** A part of the page (Problems, Traffic, More): a band heading so a reader sees where they are. */
export function part(key: string, title: string, sections: readonly string[]): string {
  const body = sections.filter((s) => s !== '');
  if (body.length === 0) return '';
  return [
    `<h2 id="p-${key}" data-part="${key}" style="font-size:13px;letter-spacing:0.06em;text-transform:uppercase;color:${COLOR.muted};margin:22px 0 10px 0;padding:4px 0;border-bottom:2px solid ${COLOR.ink}">${escapeHtml(title)}</h2>`,
    ...body,
  ].join('\n');
}

/**
 * A whole page: the document head, a one-cell table that centres the page in Outlook too (which ignores margins on a
 * div), and a white card whose style carries the type (not <body>'s, which Gmail drops; everything inside, charts
 * too, inherits it). `body` is the card's content, already HTML; `footer` is plain text (escaped here).
 */
export function page(heading: string, body: readonly string[], footer: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(heading)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:${COLOR.page}">`,
    '<table role="presentation" style="width:100%;border-collapse:collapse"><tbody><tr><td style="padding:4px">',
    `<div style="max-width:960px;margin:0 auto;padding:8px;background:#ffffff;border:1px solid ${COLOR.rule};color:${COLOR.ink};font-family:${escapeHtml(FONT)};font-size:14px">`,
    ...body,
    `<p style="margin:18px 0 0 0;font-size:12px;color:${COLOR.muted}">${escapeHtml(footer)}</p>`,
    '</div>',
    '</td></tr></tbody></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
