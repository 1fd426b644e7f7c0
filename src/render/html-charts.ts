// Inline SVG charts of the HTML report: grouped bars over time (per hour, per day), a horizontal bar list (reject
// classes) and delay percentiles on a log scale. Each has a <title> and axis labels, and every bar's value can be
// read: written beside it (bar list, delays) or on hover of its column (bar charts: a <title> per category). Series
// differ by pattern and by label, not by colour alone, so a grey print still reads. Gmail and Outlook show no SVG:
// the table under each chart carries the same figures (a test checks).

import { count, duration } from './format.js';
import { COLOR, escapeHtml } from './html-kit.js';
import { fit } from './text-kit.js';

/** How a series is filled: a colour and a pattern, so it survives a grey print. */
export type Fill = 'solid' | 'hatch' | 'dots' | 'stripes';

/** One series of a chart: its name (legend, hover) and its fill. */
export interface Series {
  name: string;
  fill: Fill;
  color: string;
  values: readonly number[];
}

/** The SVG <defs> pattern of a series (none for solid), its id unique per chart since ids are per page. */
function pattern(id: string, fill: Fill, color: string): string {
  switch (fill) {
    case 'solid':
      return '';
    case 'hatch':
      return `<pattern id="${id}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/><rect width="2.5" height="5" fill="${color}"/></pattern>`;
    case 'dots':
      return `<pattern id="${id}" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#ffffff"/><circle cx="2" cy="2" r="1.3" fill="${color}"/></pattern>`;
    case 'stripes':
      return `<pattern id="${id}" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#ffffff"/><rect width="4" height="1.6" fill="${color}"/></pattern>`;
  }
}

/**
 * The bars of a chart, one <path> per series (a rectangle per bar: `M x y h w v h h -w z`), filled and outlined as
 * the series is: a fifth of the bytes of a <rect> per bar, which counts in a mail (a day's per-hour chart has 96).
 */
class Bars {
  private readonly paths: string[][];
  constructor(private readonly id: string, private readonly series: readonly Pick<Series, 'fill' | 'color'>[]) {
    this.paths = series.map(() => []);
  }

  add(series: number, x: number, y: number, w: number, h: number): void {
    this.paths[series]!.push(`M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}z`);
  }

  /** The paths of the series that have bars. */
  svg(): string[] {
    return this.series.flatMap((s, i) => (this.paths[i]!.length === 0 ? [] : [`<path d="${this.paths[i]!.join('')}" fill="${fillOf(`${this.id}-f${i}`, s)}" stroke="${s.color}"/>`]));
  }
}

function fillOf(id: string, s: Pick<Series, 'fill' | 'color'>): string {
  return s.fill === 'solid' ? s.color : `url(#${id})`;
}

/**
 * The outer <svg>: fluid (100% wide, at most `grow` times its design size: bar charts may grow on a desktop, lists
 * of labels would only get loud), titled for screen readers and hover. Its type is the page's (inherited).
 */
function svg(id: string, title: string, w: number, h: number, defs: string, body: string[], grow = 1): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" data-chart="${id}" role="img" aria-labelledby="${id}-t" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" style="display:block;width:100%;max-width:${Math.round(w * grow)}px;height:auto;margin:4px 0 10px 0" font-size="11" fill="${COLOR.ink}">`,
    `<title id="${id}-t">${escapeHtml(title)}</title>`,
    defs === '' ? '' : `<defs>${defs}</defs>`,
    ...body,
    '</svg>',
  ].filter((l) => l !== '').join('\n');
}

/** A round axis maximum at or above `v`: 1, 2 or 5 times a power of ten (at least 1). */
export function niceMax(v: number): number {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const n = (x: number): string => String(Math.round(x * 10) / 10);

/** The legend: a swatch and a name per series, in one row from `x`. */
function legend(id: string, series: readonly Pick<Series, 'name' | 'fill' | 'color'>[], x: number, y: number, step: number): string[] {
  return series.map((s, i) => {
    const at = x + i * step;
    return `<rect x="${at}" y="${y - 9}" width="12" height="10" fill="${fillOf(`${id}-f${i}`, s)}" stroke="${s.color}"/><text x="${at + 16}" y="${y}">${escapeHtml(s.name)}</text>`;
  });
}

/** Design size of the bar charts, in SVG units (the chart scales down to the screen). */
const BAR_W = 640;
const BAR_H = 250;
// room for the legend above, the y labels left, the x labels and axis title below
const PAD = { top: 30, left: 46, right: 8, bottom: 42 };

/**
 * A grouped vertical bar chart: one group per category (hour, day), one bar per series, a y axis from 0 to a
 * round maximum with three ticks, x labels every `labelEvery` categories. `hover` names a category in its title, as
 * the table under the chart names its row.
 */
export function groupedBars(id: string, title: string, axes: { x: string; y: string }, categories: readonly string[], hover: readonly string[], series: readonly Series[], digits: number, labelEvery = 1): string {
  const defs = series.map((s, i) => pattern(`${id}-f${i}`, s.fill, s.color)).join('');
  const plotW = BAR_W - PAD.left - PAD.right;
  const plotH = BAR_H - PAD.top - PAD.bottom;
  let max = 0;
  for (const s of series) for (const v of s.values) max = Math.max(max, v);
  const top = niceMax(max);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const body: string[] = [...legend(id, series, PAD.left, 14, 110)];
  for (const t of [0, top / 2, top]) {
    body.push(`<line x1="${PAD.left}" x2="${BAR_W - PAD.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLOR.rule}"/>`);
    body.push(`<text x="${PAD.left - 4}" y="${n(y(t) + 4)}" text-anchor="end">${escapeHtml(count(t, t % 1 === 0 ? 0 : 1))}</text>`);
  }
  const group = plotW / Math.max(1, categories.length);
  const bar = (group * 0.8) / Math.max(1, series.length);
  // the bars first, then over each category a transparent column whose <title> tells all its values on hover (a
  // zero bar too): one title per category instead of one per bar, as a mail has to be small
  const bars = new Bars(id, series);
  const columns: string[] = [];
  categories.forEach((c, i) => {
    const x0 = PAD.left + i * group;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      bars.add(j, x0 + group * 0.1 + j * bar, y(v), bar, y(0) - y(v));
    });
    const all = series.map((s) => `${s.name} ${count(s.values[i] ?? 0, digits)}`).join(', ');
    columns.push(`<rect x="${n(x0)}" y="${PAD.top}" width="${n(group)}" height="${plotH}"><title>${escapeHtml(`${hover[i] ?? c}: ${all}`)}</title></rect>`);
    if (i % labelEvery === 0) body.push(`<text x="${n(x0 + group / 2)}" y="${PAD.top + plotH + 14}" text-anchor="middle">${escapeHtml(c)}</text>`);
  });
  // transparent, yet filled: a fill of none would not answer the pointer
  // one by one, not push(...): a log whose stamps span centuries (a damaged year) has more days than a call has arguments
  body.push('<g stroke-width="0.6">');
  for (const b of bars.svg()) body.push(b);
  body.push('</g>', '<g fill="#ffffff" fill-opacity="0">');
  for (const c of columns) body.push(c);
  body.push('</g>');
  body.push(`<line x1="${PAD.left}" x2="${BAR_W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="${COLOR.ink}"/>`);
  body.push(`<text x="${PAD.left + plotW / 2}" y="${BAR_H - 6}" text-anchor="middle" fill="${COLOR.muted}">${escapeHtml(axes.x)}</text>`);
  body.push(`<text transform="translate(12 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="${COLOR.muted}">${escapeHtml(axes.y)}</text>`);
  return svg(id, title, BAR_W, BAR_H, defs, body, 1.5);
}

/** One row of a bar list: its label and its stacked parts (one value per series). */
export interface BarRow {
  label: string;
  values: readonly number[];
}

/** Design width of the bar list and the delay chart: narrower than the bar charts, so their labels stay legible
 * when a phone scales them down. */
const LIST_W = 520;

/** Width of a character of 11-unit sans-serif text, generously (digits are 6.1), to keep text inside a chart. */
const CHAR_W = 6.5;

/** Height of one row of a bar list: a label line above a bar. */
const ROW_H = 34;

/**
 * A horizontal bar list: per row, its label above a bar stacked from the series' values, the total and its parts
 * written after the bar. Labels sit above the bars so long ones keep the whole width.
 */
export function barList(id: string, title: string, axis: string, rows: readonly BarRow[], series: readonly Omit<Series, 'values'>[]): string {
  const defs = series.map((s, i) => pattern(`${id}-f${i}`, s.fill, s.color)).join('');
  const left = 4;
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  // `26 5xx`, or `30 (21 5xx, 9 warn)`: only the parts there are
  const figures = rows.map((r, i) => {
    const parts = series.flatMap((s, j) => ((r.values[j] ?? 0) > 0 ? [`${count(r.values[j]!)} ${s.name}`] : []));
    return parts.length === 1 ? parts[0]! : `${count(totals[i]!)} (${parts.join(', ')})`;
  });
  // the bars leave room for the longest figures after them, so no text runs off the chart
  const room = Math.max(LIST_W / 3, LIST_W - left - 8 - CHAR_W * Math.max(0, ...figures.map((f) => f.length)));
  const top = Math.max(1, ...totals);
  // bars thinly outlined (the <g> says it once), each row's figures written after its bar
  const body: string[] = [...legend(id, series, left, 14, 120), '<g stroke-width="0.6">'];
  const bars = new Bars(id, series);
  rows.forEach((r, i) => {
    const y = 26 + i * ROW_H;
    body.push(`<text x="${left}" y="${y + 11}">${escapeHtml(fit(r.label, Math.floor((LIST_W - left) / CHAR_W)))}</text>`);
    let x = left;
    series.forEach((s, j) => {
      const v = r.values[j] ?? 0;
      if (v <= 0) return;
      const w = (v / top) * room;
      bars.add(j, x, y + 15, Math.max(w, 1), 12);
      x += w;
    });
    body.push(`<text x="${n(x + 6)}" y="${y + 25}">${escapeHtml(figures[i]!)}</text>`);
  });
  body.push(...bars.svg(), '</g>');
  const h = 26 + rows.length * ROW_H + 18;
  body.push(`<text x="${left}" y="${h - 4}" fill="${COLOR.muted}">${escapeHtml(axis)}</text>`);
  return svg(id, title, LIST_W, h, defs, body);
}

/** One delay stage: its name and its percentiles in seconds (null: nothing counted). */
export interface DelayRow {
  label: string;
  values: readonly (number | null)[];
}

/** Ticks of the delay axis: round durations an admin thinks in. */
const DELAY_TICKS: readonly [number, string][] = [[0, '0'], [1, '1 s'], [10, '10 s'], [60, '1 m'], [600, '10 m'], [3600, '1 h'], [86400, '1 d'], [864000, '10 d']];

/**
 * Delay percentiles: per stage, one bar per percentile on a logarithmic time axis (p50 of 0.2 s and a max of two
 * days on one scale), each bar labelled with its percentile and value.
 */
export function delayChart(id: string, title: string, rows: readonly DelayRow[], series: readonly Omit<Series, 'values'>[]): string {
  const defs = series.map((s, i) => pattern(`${id}-f${i}`, s.fill, s.color)).join('');
  let max = 1;
  for (const r of rows) for (const v of r.values) if (v !== null) max = Math.max(max, v);
  const ticks = DELAY_TICKS.filter(([t], i) => i === 0 || DELAY_TICKS[i - 1]![0] < max);
  const axisMax = ticks[ticks.length - 1]![0];
  const left = 4;
  const room = LIST_W - left - 90; // the value after the longest bar
  const x = (v: number) => left + (Math.log10(1 + v) / Math.log10(1 + axisMax)) * room;
  const barH = 9;
  const gap = 5; // room for the value written after each bar
  const groupH = 16 + series.length * (barH + gap) + 6;
  const plotTop = 26;
  const plotBottom = plotTop + rows.length * groupH;
  const body: string[] = [...legend(id, series, left, 14, 80)];
  for (const [t, label] of ticks) {
    body.push(`<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${plotTop}" y2="${plotBottom}" stroke="${COLOR.rule}"/>`);
    body.push(`<text x="${n(x(t))}" y="${plotBottom + 13}" text-anchor="middle">${label}</text>`);
  }
  // bars thinly outlined and their values in small type: the <g> says it once, a stage's name says its own size
  body.push('<g stroke-width="0.6" font-size="10">');
  const bars = new Bars(id, series);
  rows.forEach((r, i) => {
    const y0 = plotTop + i * groupH;
    body.push(`<text x="${left}" y="${y0 + 12}" font-size="11" font-weight="600">${escapeHtml(r.label)}</text>`);
    series.forEach((s, j) => {
      const v = r.values[j];
      if (v === null || v === undefined) return;
      const y = y0 + 16 + j * (barH + gap);
      const w = Math.max(1, x(v) - left);
      const text = `${s.name} ${duration(v)}`;
      bars.add(j, left, y, w, barH);
      body.push(`<text x="${n(left + w + 4)}" y="${y + barH - 1}">${escapeHtml(text)}</text>`);
    });
  });
  body.push(...bars.svg(), '</g>');
  body.push(`<text x="${left + room / 2}" y="${plotBottom + 30}" text-anchor="middle" fill="${COLOR.muted}">delay (logarithmic scale)</text>`);
  return svg(id, title, LIST_W, plotBottom + 36, defs, body);
}
