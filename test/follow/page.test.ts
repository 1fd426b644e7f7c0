// The live page in a real browser: Debian's Chromium, headless, driven by playwright-core (never a downloaded
// browser), served by the live server from a real pipeline (parseLine → Correlator → ReportBuilder.snapshot).
// Lines are appended, notify() is called, and the page is seen to change without a reload; log lines carrying
// markup (as HELO, sender, recipient, reason) reach the page as text, create no element and run nothing, both in
// the first page and in an update pushed over the event stream. Skipped when /usr/bin/chromium is missing.
process.env.TZ = 'Europe/Berlin';

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LiveMetrics } from '../../src/follow/metrics.js';
import { startLiveServer, type LiveServer } from '../../src/follow/server.js';
import { count } from '../../src/render/format.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { Feed, SMALL_LOG } from './feed.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `needs Chromium at ${CHROMIUM} (.ci/run installs it)`;
/** A safety net for waits on the page: they end as soon as the page changes. */
const WAIT = { timeout: 10_000 };

/** Markup a HELO name, an address or a reason may carry: each must reach the page as text. */
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</style><style>*{display:none}'] as const;
/**
 * Lines in Postfix's format (as the lab's) with each hostile string where the log lets a stranger write: a client's
 * HELO name and sender (an smtpd sender reject, keyed by sender in the report), a recipient (delivered, so it is
 * listed), and a remote server's reply (a bounce and a deferral reason).
 */
const HOSTILE_LOG = HOSTILE.flatMap((h, i) => [
  `Nov 25 20:10:0${i} mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from unknown[192.0.2.6${i}]: 554 5.7.1 <${h}>: Sender address rejected: Access denied; from=<${h}> to=<bob@lab.example> proto=ESMTP helo=<${h}>`,
  `Nov 25 20:10:1${i} mx postfix/smtp[3596]: 4C0FFEE0A${i}: to=<${h}@evil.example>, relay=mx.evil.example[192.0.2.67]:25, delay=0.2, delays=0.1/0/0.05/0.05, dsn=2.0.0, status=sent (250 2.0.0 Ok)`,
  `Nov 25 20:10:2${i} mx postfix/smtp[3596]: 4C0FFEE0B${i}: to=<postmaster@evil${i}.example>, relay=mx.evil.example[192.0.2.67]:25, delay=0.2, delays=0.1/0/0.05/0.05, dsn=5.7.1, status=bounced (host mx.evil.example[192.0.2.67] said: 550 5.7.1 ${h} (in reply to RCPT TO command))`,
  `Nov 25 20:10:3${i} mx postfix/smtp[3596]: 4C0FFEE0C${i}: to=<postmaster@evil${i}.example>, relay=mx.evil.example[192.0.2.67]:25, delay=0.2, delays=0.1/0/0.05/0.05, dsn=4.7.1, status=deferred (host mx.evil.example[192.0.2.67] said: 450 4.7.1 ${h} (in reply to RCPT TO command))`,
]);

let browser: Browser | undefined;
const servers: LiveServer[] = [];

before(async () => {
  if (skip !== false) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

/** A live server backed by a real pipeline, as the CLI wires it. */
async function live(): Promise<{ feed: Feed; server: LiveServer }> {
  const metrics = new LiveMetrics();
  const feed = new Feed([metrics]);
  const server = await startLiveServer({
    host: '127.0.0.1', port: 0,
    metrics: () => metrics.exposition(),
    page: () => renderHtml(feed.snapshot(), DEFAULT_RENDER_OPTIONS),
  });
  servers.push(server);
  return { feed, server };
}

/** A page on `url` that records dialogs and console errors (a CSP violation is one), closed after `f`. */
async function withPage(url: string, f: (page: Page, seen: { dialogs: string[]; errors: string[] }) => Promise<void>): Promise<void> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset['live'] === 'open', undefined, WAIT);
    await f(page, seen);
  } finally {
    await page.close();
  }
}

/** The figure a header box shows (`data-figure="delivered"`). */
function figure(page: Page, name: string): Promise<string> {
  return page.$eval(`[data-figure="${name}"] div`, (d) => d.textContent ?? '');
}

test('the live page shows new figures when lines are appended and notify() is called, without a reload', { skip }, async () => {
  const { feed, server } = await live();
  feed.push(SMALL_LOG.slice(0, 20));
  const before = feed.snapshot().totals;
  await withPage(server.url, async (page, seen) => {
    assert.equal(await figure(page, 'delivered'), count(before.delivered));
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    feed.push(SMALL_LOG.slice(20));
    const now = feed.snapshot().totals;
    assert.notEqual(now.delivered, before.delivered, 'the appended lines deliver more');
    server.notify();
    await page.waitForFunction((n) => document.querySelector('[data-figure="delivered"] div')?.textContent === n, count(now.delivered), WAIT);
    assert.equal(await figure(page, 'bounced'), count(now.bounced));
    assert.equal(await figure(page, 'rejected'), count(now.rejected));
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), marker, 'the same document: updated in place');
    assert.equal(await page.evaluate(() => document.documentElement.dataset['updates']), '1');
    // a second notify with no new line sends nothing; new lines again update again
    server.notify();
    feed.push(['Nov 25 20:13:00 mx postfix/local[3600]: 21A7E160002: to=<carol@lab.example>, relay=local, delay=0.01, delays=0.01/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)']);
    server.notify();
    await page.waitForFunction((n) => document.querySelector('[data-figure="delivered"] div')?.textContent === n, count(now.delivered + 1), WAIT);
    assert.equal(await page.evaluate(() => document.documentElement.dataset['updates']), '2');
    assert.deepStrictEqual(seen, { dialogs: [], errors: [] }, 'no dialog, no console error (a CSP violation would be one)');
  });
});

/** Checks that the page shows every hostile string as text and made nothing of them. */
async function checkHostile(page: Page, seen: { dialogs: string[]; errors: string[] }): Promise<void> {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  for (const h of HOSTILE) assert.ok(text.includes(h), `${h} is shown as text`);
  const made = await page.evaluate(() => ({
    // the page's one script is the live script in <head>
    scripts: [...document.querySelectorAll('script')].map((s) => s.parentElement?.tagName),
    img: document.querySelectorAll('img').length,
    style: document.querySelectorAll('style').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    // the report's own links are to its sections (`#s-bounces`); nothing may point anywhere else
    links: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map((e) => e.outerHTML.slice(0, 80)).filter((h) => !/^<a href="#s-[a-z-]+"/i.test(h)),
  }));
  assert.deepStrictEqual(made, { scripts: ['HEAD'], img: 0, style: 0, handlers: 0, links: [] });
  // the CSS-breaking string hid nothing: the figures are still on screen
  assert.ok(await page.isVisible('[data-figure="delivered"]'), 'the page is still visible');
  assert.deepStrictEqual(seen, { dialogs: [], errors: [] }, 'no dialog fired, nothing was blocked by the CSP (nothing tried to run)');
}

test('hostile HELO, sender, recipient and reason strings arrive as text over the event stream and create no elements', { skip }, async () => {
  const { feed, server } = await live();
  feed.push(SMALL_LOG);
  await withPage(server.url, async (page, seen) => {
    const delivered = feed.snapshot().totals.delivered;
    feed.push(HOSTILE_LOG);
    server.notify();
    await page.waitForFunction((n) => document.querySelector('[data-figure="delivered"] div')?.textContent === n, count(delivered + HOSTILE.length), WAIT);
    await checkHostile(page, seen);
  });
});

test('the same strings in the first page served (no stream yet) are text too', { skip }, async () => {
  const { feed, server } = await live();
  feed.push(SMALL_LOG);
  feed.push(HOSTILE_LOG);
  await withPage(server.url, checkHostile);
});
