// The HTML report of the lab log in a real browser: Debian's Chromium, headless, driven by playwright-core (never a
// downloaded browser). Every section and chart is found, nothing overflows a phone's 375 px or a desktop's 1280 px
// (the mail's cut page neither), hostile strings from the log show as text and create no elements; screenshots go to
// test/artifacts/ (git-ignored).
// Skipped when ../shared (the lab log) or /usr/bin/chromium is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { runReport } from '../../src/cli/pipeline.js';
import { mailHtmlOptions } from '../../src/mail/render.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { SECTION_TITLES } from '../../src/report/labels.js';
import { projectRoot, sharedDir } from '../corpus.js';
import { HOSTILE, withHostile } from './hostile.js';

process.env.TZ = 'Europe/Berlin'; // the lab's zone, as in test/render/logs.test.ts

const CHROMIUM = '/usr/bin/chromium';
const shared = sharedDir();
const LAB_LOG = shared === null ? '' : join(shared, 'lab/out/maillog-traditional.log');
const skip = shared === null || !existsSync(LAB_LOG)
  ? 'needs ../shared/lab/out/maillog-traditional.log'
  : !existsSync(CHROMIUM) ? `needs Chromium at ${CHROMIUM} (.ci/run installs it)` : false;

/** The two widths every page must fit: a phone and a desktop. */
const WIDTHS = [375, 1280];
/** Where the screenshots go (ignored by git): for a person to look at after a run. */
const ARTIFACTS = join(projectRoot(), 'test', 'artifacts');
const OPTIONS = { ...DEFAULT_RENDER_OPTIONS, hostCount: 10, userCount: 10, smtpdStats: true, pscrnStats: true };

let browser: Browser | undefined;
let plain = '';
let hostile = '';
let mail = '';

before(async () => {
  if (skip !== false) return;
  const { report } = await runReport([LAB_LOG], { year: 2026, generator: 'postsumm' });
  plain = renderHtml(report, OPTIONS);
  hostile = renderHtml(withHostile(report), OPTIONS);
  // the page the report mail carries: cut to its top rows, each cut saying where the rest is
  mail = renderHtml(report, mailHtmlOptions(OPTIONS, 'postsumm-mx-2026-11-25.txt'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/** A page at `width` showing `html`, closed after `f`. */
async function withPage<T>(html: string, width: number, f: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const page = await browser!.newPage({ viewport: { width, height: 900 } });
  try {
    await page.setContent(html);
    return await f(page);
  } finally {
    await page.close();
  }
}

test('the lab report shows every section and chart in Chromium', { skip }, async () => {
  await withPage(plain, 1280, async (page) => {
    const keys = await page.$$eval('[data-section]', (els) => els.map((e) => (e as HTMLElement).dataset.section ?? ''));
    // the lab log is one day of two instances: every section but the title line, the per-day ones and the averages
    const oneDay = new Set(['report', 'perDay', 'smtpdPerDay', 'perHourAverage', 'smtpdPerHourAverage']);
    const expected = ['figures', 'attention', ...Object.keys(SECTION_TITLES).filter((k) => !oneDay.has(k))];
    assert.deepStrictEqual([...keys].sort(), expected.sort());
    const headings = await page.$$eval('h3, [data-section] strong', (els) => els.map((e) => e.textContent ?? ''));
    for (const title of [SECTION_TITLES.grandTotals, SECTION_TITLES.perHour, SECTION_TITLES.rejectClasses, SECTION_TITLES.delays, SECTION_TITLES.input]) {
      assert.ok(headings.some((h) => h.startsWith(title)), `heading ${title}`);
    }
    for (const id of ['chart-per-hour', 'chart-reject-classes', 'chart-delays']) {
      const chart = await page.$(`svg#${id}`);
      assert.ok(chart !== null, `chart ${id}`);
      const box = await chart.boundingBox();
      assert.ok(box !== null && box.width > 300 && box.height > 100, `${id} is drawn at a readable size (${JSON.stringify(box)})`);
      const title = await chart.$eval('title', (t) => t.textContent ?? '');
      assert.ok(title.length > 10, `${id} has a title`);
      // bar charts tell each hour's values on hover; the bar list and the delays write them beside the bars
      const values = id === 'chart-per-hour'
        ? await chart.$$eval('rect > title', (ts) => ts.length)
        : await chart.$$eval('text', (ts) => ts.filter((t) => /^(\d[\d,]* (5xx|4xx|warn)|[\d,]+ \(|p50 |p90 |p99 |max )/.test(t.textContent ?? '')).length);
      assert.ok(values > 0, `${id} shows its values`);
    }
  });
});

for (const width of WIDTHS) {
  test(`nothing overflows a ${width} px wide viewport (screenshot in test/artifacts/)`, { skip }, async () => {
    for (const [name, html] of [['lab', plain], ['lab-hostile', hostile], ['lab-mail', mail]] as const) {
      await withPage(html, width, async (page) => {
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= width, `${name}: the page is ${scroll} px wide in a ${width} px viewport`);
        // an SVG clips what runs past its edge: every label and figure must lie inside its chart
        const clipped = await page.$$eval('svg text', (ts) => ts.flatMap((t) => {
          const box = t.getBoundingClientRect();
          const svg = t.closest('svg')!.getBoundingClientRect();
          return box.left < svg.left - 1 || box.right > svg.right + 1 ? [`${t.closest('svg')!.id}: ${t.textContent}`] : [];
        }));
        assert.deepStrictEqual(clipped, [], `${name}: chart texts inside their charts`);
        // a figure is never broken between its digits: every cell that holds only a number is one line high
        const broken = await page.$$eval('td', (cells) => cells.flatMap((td) => {
          const text = (td.textContent ?? '').trim();
          if (!/^[\d,.]+$/.test(text)) return [];
          const range = document.createRange();
          range.selectNodeContents(td);
          return range.getClientRects().length > 1 ? [text] : [];
        }));
        assert.deepStrictEqual(broken, [], `${name}: figures broken across lines`);
        await page.screenshot({ path: join(ARTIFACTS, `html-${name}-${width}.png`), fullPage: true });
      });
    }
  });
}

test('hostile strings from the log render as text and create no elements', { skip }, async () => {
  await withPage(hostile, 375, async (page) => {
    const text = await page.evaluate(() => document.body.textContent ?? '');
    for (const h of HOSTILE) assert.ok(text.includes(h), `${h} is shown as text`);
    const counts = await page.evaluate(() => ({
      script: document.querySelectorAll('script').length,
      img: document.querySelectorAll('img').length,
      style: document.querySelectorAll('style').length,
      b: document.querySelectorAll('b').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((h) => !h.startsWith('#')),
    }));
    assert.deepStrictEqual(counts, { script: 0, img: 0, style: 0, b: 0, handlers: 0, links: [] });
    // SVG text too: the unknown hostile reject class is a label of the bar list, as text
    const labels = await page.$$eval('svg#chart-reject-classes text', (ts) => ts.map((t) => t.textContent ?? ''));
    assert.ok(labels.includes(HOSTILE[0]), 'the bar list shows the hostile class name as text');
  });
});
