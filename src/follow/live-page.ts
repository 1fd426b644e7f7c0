// The live page: the HTML report (renderHtml, which escapes every log string) with one fixed inline script that
// follows /events and swaps in each new report; the Content-Security-Policy that lets only that script run; and
// the server-sent-events framing, which keeps any text (a log string included) inside its one `data:` field.

import { createHash } from 'node:crypto';

/**
 * The page's only script, fixed (CSP allows it by hash): opens an EventSource on `events` (relative, so a path
 * prefix behind a proxy still works) from the report version the page was served with, and on each `report` event
 * parses the new report in an inert document (DOMParser runs no script, loads nothing) and moves its body in.
 * `data-live` and `data-updates` on <html> say how the stream is doing, for a person and for tests.
 */
export const LIVE_SCRIPT = `(function () {
  var root = document.documentElement;
  var meta = document.querySelector('meta[name="postsumm-version"]');
  var since = meta === null ? '' : meta.getAttribute('content');
  var updates = 0;
  root.setAttribute('data-live', 'connecting');
  var source = new EventSource('events?since=' + encodeURIComponent(since));
  source.onopen = function () { root.setAttribute('data-live', 'open'); };
  source.onerror = function () { root.setAttribute('data-live', 'reconnecting'); };
  source.addEventListener('report', function (event) {
    var next = new DOMParser().parseFromString(event.data, 'text/html');
    document.title = next.title;
    document.body.replaceChildren.apply(document.body, Array.prototype.slice.call(next.body.childNodes));
    root.setAttribute('data-updates', String(++updates));
  });
})();`;

/** The CSP source of LIVE_SCRIPT: its SHA-256, so no other inline script (injected or not) can run. */
export const LIVE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(LIVE_SCRIPT).digest('base64')}'`;

/**
 * The live page's Content-Security-Policy: nothing loads from anywhere (default-src 'none'), the one script by its
 * hash, the stream from this origin, inline style attributes (the report is styled inline, for mail clients) but no
 * <style> element, no <base>, no form, no framing. `style-src-elem` overrides `style-src` for elements in CSP 3
 * browsers; older ones keep the report's look and only lose the <style> ban.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${LIVE_SCRIPT_HASH}`,
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "style-src-elem 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The name of the event that carries a new report. */
export const REPORT_EVENT = 'report';

/**
 * The live page: `reportHtml` (renderHtml's page) with the report's version and LIVE_SCRIPT put before `</head>`.
 * `version` is a number the server chose, never a log string.
 */
export function livePage(reportHtml: string, version: number): string {
  const head = `<meta name="postsumm-version" content="${version}">\n<script>${LIVE_SCRIPT}</script>\n`;
  // renderHtml escapes `<` in every text it writes, so the first `</head>` is its own
  const at = reportHtml.indexOf('</head>');
  return at < 0 ? head + reportHtml : reportHtml.slice(0, at) + head + reportHtml.slice(at);
}

// SSE ends a line at CR, LF or CRLF (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream):
// all three must start a new `data:` line, or a bare CR in a log string would end the field and start another
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * One server-sent event: `event:` and `id:` when given, then every line of `data` as its own `data:` line, then the
 * blank line that dispatches it. The browser joins the data lines with LF, so `data` arrives whole (CR and CRLF as
 * LF); no text in `data` can end the event early or add a field. `event` and `id` are the server's own words.
 */
export function sseEvent(data: string, event?: string, id?: string): string {
  let out = '';
  if (event !== undefined) out += `event: ${field(event)}\n`;
  if (id !== undefined) out += `id: ${field(id)}\n`;
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return out + '\n';
}

/** A comment line (`: text`), which the browser ignores: keeps a quiet stream from being cut by proxies. */
export function sseComment(text: string): string {
  return `: ${field(text)}\n\n`;
}

/** A field value of our own: one line, no NUL (an `id` with NUL is ignored by browsers). */
function field(s: string): string {
  if (/[\r\n\0]/.test(s)) throw new Error(`an event-stream field must be one line: ${JSON.stringify(s)}`);
  return s;
}
