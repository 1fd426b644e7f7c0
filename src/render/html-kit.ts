// The HTML renderer's tools: escaping of log text, the inline styles (mail clients strip <style> and ignore
// classes, so every element carries its own), tables, nested detail lists and section frames.

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

/** How a table cell keeps to its column: figures right and unbroken; text and addresses wrap anywhere. */
export type CellKind = 'num' | 'text' | 'addr';

/** A table column: its heading and its kind. */
export interface HtmlColumn {
  head: string;
  kind: CellKind;
  /** shrink to its figures (width:1%), leaving the room to the text column beside it */
  narrow?: boolean;
}

// Cell styles are as short as they can be: they repeat in every cell, and Gmail clips a mail over 102 KB. The row
// rule sits on the <tr> (ROW), once per row.
const CELL = 'padding:2px 4px;';
const CELL_STYLE: Record<CellKind, string> = {
  num: CELL + 'text-align:right;white-space:nowrap;',
  // reasons wrap between words, and inside a word only when it is longer than the line (overflow-wrap is inherited
  // from the table's style: one declaration per table instead of one per cell)
  text: CELL,
  // an address or host has no spaces: it may break anywhere, or a 375 px screen would scroll
  addr: CELL + 'word-break:break-all;',
};
const ROW = `<tr style="border-top:1px solid ${COLOR.rule}">`;
const HEAD_STYLE = 'padding:3px 4px;border-bottom:2px solid ' + COLOR.rule + ';font-weight:600;color:' + COLOR.muted + ';font-size:11px;';

/** The style of every data table: fluid, collapsed borders, small type so six columns fit a phone, long words wrap. */
export const TABLE_STYLE = 'width:100%;border-collapse:collapse;font-size:13px;line-height:1.35;overflow-wrap:anywhere;';

/** A table of already escaped cells (`cells` are HTML); an empty list of heads draws no header row. */
export function table(columns: readonly HtmlColumn[], rows: readonly (readonly string[])[], head = true): string {
  const out: string[] = [`<table style="${TABLE_STYLE}">`];
  if (head && columns.some((c) => c.head !== '')) {
    out.push('<thead><tr>');
    for (const c of columns) out.push(`<th scope="col" style="${HEAD_STYLE}text-align:${c.kind === 'num' ? 'right' : 'left'}">${escapeHtml(c.head)}</th>`);
    out.push('</tr></thead>');
  }
  out.push('<tbody>');
  const styles = columns.map((c) => `<td style="${CELL_STYLE[c.kind]}${c.narrow === true ? 'width:1%;' : ''}">`);
  for (const r of rows) out.push(ROW + styles.map((td, i) => `${td}${r[i] ?? ''}</td>`).join('') + '</tr>');
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
  // the shortest markup that keeps the look: these lists are most of a busy server's report, and Gmail clips a
  // mail over 102 KB. A group row spans both columns under a rule; a counted row has no rule, and its count cell
  // stays as narrow as its widest figure (width:1%).
  for (const r of rows) {
    const indent = `padding:2px 4px 2px ${4 + INDENT_PX * Math.max(0, r.depth - 1)}px${kind === 'addr' ? ';word-break:break-all' : ''}`;
    if (r.count === null) {
      const suffix = r.suffix === undefined || r.suffix === '' ? '' : `<span style="font-weight:400;color:${COLOR.muted}">${escapeHtml(r.suffix)}</span>`;
      out.push(`${ROW}<td colspan="2" style="${indent};font-weight:600">${escapeHtml(r.text)}${suffix}</td></tr>`);
    } else {
      // the count cell needs no padding of its own (the text cell's left padding keeps them apart), but nowrap: the
      // table's overflow-wrap:anywhere would let width:1% break a figure between its digits
      out.push(`<tr><td style="text-align:right;width:1%;white-space:nowrap">${escapeHtml(r.count)}</td><td style="${indent}">${escapeHtml(r.text)}${escapeHtml(r.suffix ?? '')}</td></tr>`);
    }
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

/** Nested detail as pflogsumm prints it (groups with totals, `limit` largest rows each), as a table. */
export function detailTable(tree: Tree, limit: number): string {
  return listTable(detailRows(tree, limit));
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
    return `<p id="s-${key}" data-section="${key}" style="margin:0 0 8px 0;font-size:13px;color:${COLOR.muted}"><strong style="color:${COLOR.ink}">${escapeHtml(block.title)}</strong>: none</p>`;
  }
  const body = block.html;
  return [
    `<div id="s-${key}" data-section="${key}" style="margin:0 0 18px 0">`,
    `<h3 style="font-size:16px;margin:0 0 6px 0;padding:0 0 3px 0;border-bottom:1px solid ${COLOR.rule};color:${COLOR.ink}">${escapeHtml(block.title)}</h3>`,
    body,
    '</div>',
  ].join('\n');
}

/** A group heading inside a section (smtpd and postscreen blocks of Grand Totals, reject-class detail). */
export function subhead(text: string): string {
  return `<h4 style="font-size:13px;margin:10px 0 4px 0;color:${COLOR.muted}">${escapeHtml(text)}</h4>`;
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
