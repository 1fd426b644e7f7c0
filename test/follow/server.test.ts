// The live server over real HTTP (node's fetch and http): routes, status codes, headers, the Host check, and the
// event stream read back with a parser that follows the SSE spec, driven by a fake page provider, notify() and a
// hand-driven keep-alive timer. Nothing sleeps: every wait is on the stream's next bytes.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { UserError } from '../../src/errors.js';
import { CONTENT_SECURITY_POLICY, LIVE_SCRIPT, livePage, sseComment, sseEvent } from '../../src/follow/live-page.js';
import { hostAllowed, KEEP_ALIVE_MS, METRICS_CONTENT_TYPE, startLiveServer, type LiveServer, type LiveServerOptions } from '../../src/follow/server.js';

const PAGE = (n: number) => `<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>report ${n}</title>\n</head>\n<body><p data-n="${n}">report ${n}</p></body>\n</html>\n`;
const TEST_TIMEOUT = { timeout: 10_000 };

/** A server on a free loopback port with a page provider the test changes, a counted renderer and a fake timer. */
async function serve(over: Partial<LiveServerOptions> = {}) {
  let onStop = () => {};
  const state = { page: PAGE(1), renders: 0, tick: null as null | (() => void), tickMs: 0, stopped: 0, whenStopped: new Promise<void>((r) => (onStop = r)) };
  const server = await startLiveServer({
    host: '127.0.0.1', port: 0,
    metrics: async () => 'postsumm_messages_total{status="delivered"} 1\n',
    page: () => (state.renders++, state.page),
    every: (ms, f) => {
      state.tick = f;
      state.tickMs = ms;
      return () => {
        state.stopped++;
        onStop();
      };
    },
    ...over,
  });
  servers.push(server);
  return { server, state };
}
const servers: LiveServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

/** One parsed server-sent event. */
interface Event { event: string; data: string; id: string }

/**
 * The event stream as a browser reads it (WHATWG HTML, "Interpreting an event stream"): lines end at CRLF, CR or
 * LF; `field: value` with one leading space stripped; data lines joined with LF; a blank line dispatches.
 */
function parseStream(text: string): { events: Event[]; comments: string[]; retry: string | null } {
  const events: Event[] = [];
  const comments: string[] = [];
  let retry: string | null = null;
  let data: string[] = [];
  let event = '';
  let id = '';
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop(); // the part after the last line break is not a line yet
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) events.push({ event: event || 'message', data: data.join('\n'), id });
      data = [];
      event = '';
      continue;
    }
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') data.push(value);
    else if (name === 'event') event = value;
    else if (name === 'id') id = value;
    else if (name === 'retry') retry = value;
  }
  return { events, comments, retry };
}

/** An open /events stream: reads on until what it has parsed satisfies `done`. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    res,
    get text() { return text; },
    async until(done: (s: ReturnType<typeof parseStream>) => boolean): Promise<ReturnType<typeof parseStream>> {
      for (;;) {
        const parsed = parseStream(text);
        if (done(parsed)) return parsed;
        const { value, done: ended } = await reader.read();
        if (ended) throw new Error(`the stream ended before the expected events: ${JSON.stringify(text)}`);
        text += decoder.decode(value, { stream: true });
      }
    },
    /** true once the server ended the stream */
    async ended(): Promise<boolean> {
      for (;;) {
        const { done } = await reader.read();
        if (done) return true;
      }
    },
    close: () => controller.abort(),
  };
}

/** A raw request with any Host header (fetch will not send one of ours). */
function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

test('/ is the report page with the live script before </head>, and the headers that lock it down', TEST_TIMEOUT, async () => {
  const { server } = await serve();
  const res = await fetch(server.url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(await res.text(), livePage(PAGE(1), 1));
  assert.ok(livePage(PAGE(1), 1).includes(`<meta name="postsumm-version" content="1">\n<script>${LIVE_SCRIPT}</script>\n</head>`));
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'sha256-[A-Za-z0-9+/]{43}='/);
  assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe-eval') && !/script-src[^;]*unsafe-inline/.test(CONTENT_SECURITY_POLICY));
});

test('/metrics is the provider\'s text as the Prometheus text format; HEAD gets headers only', TEST_TIMEOUT, async () => {
  const { server } = await serve();
  const res = await fetch(new URL('metrics', server.url));
  assert.deepStrictEqual([res.status, res.headers.get('content-type'), res.headers.get('x-content-type-options'), await res.text()],
    [200, METRICS_CONTENT_TYPE, 'nosniff', 'postsumm_messages_total{status="delivered"} 1\n']);
  const head = await fetch(new URL('metrics', server.url), { method: 'HEAD' });
  assert.deepStrictEqual([head.status, head.headers.get('content-length'), await head.text()], [200, '46', '']);
});

test('unknown paths are 404, other methods 405 with Allow, a failing provider 500 (and the server goes on)', TEST_TIMEOUT, async () => {
  let fail = true;
  const { server } = await serve({ metrics: async () => { if (fail) throw new Error('registry broke\nsecond line'); return 'ok\n'; } });
  assert.equal((await fetch(new URL('nope', server.url))).status, 404);
  assert.equal((await fetch(new URL('metrics/', server.url))).status, 404);
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    const res = await fetch(server.url, { method });
    assert.deepStrictEqual([res.status, res.headers.get('allow')], [405, 'GET, HEAD'], method);
  }
  const broken = await fetch(new URL('metrics', server.url));
  assert.deepStrictEqual([broken.status, await broken.text()], [500, 'registry broke\n']);
  fail = false;
  assert.equal(await (await fetch(new URL('metrics', server.url))).text(), 'ok\n');
});

test('bound to loopback, a request naming another host is refused (DNS rebinding)', TEST_TIMEOUT, async () => {
  const { server } = await serve();
  const port = new URL(server.url).port;
  assert.equal(await rawGet(server.url, `127.0.0.1:${port}`), 200);
  assert.equal(await rawGet(server.url, `localhost:${port}`), 200);
  assert.equal(await rawGet(server.url, `attacker.example:${port}`), 403);
  assert.equal(await rawGet(new URL('metrics', server.url).href, 'attacker.example'), 403);
  const rows: [string, string | undefined, boolean][] = [
    ['127.0.0.1', '127.0.0.1:9101', true], ['127.0.0.1', 'localhost', true], ['::1', '[::1]:9101', true],
    ['127.0.0.1', 'evil.example:9101', false], ['127.0.0.1', undefined, false], ['127.0.0.1', '127.0.0.1.evil.example', false],
    ['0.0.0.0', 'mx.example.org:9101', true], ['192.0.2.7', 'anything', true],
  ];
  for (const [bound, host, ok] of rows) assert.equal(hostAllowed(bound, host), ok, `${bound} ${host}`);
});

test('/events pushes a changed report on notify(), and nothing when it did not change', TEST_TIMEOUT, async () => {
  const { server, state } = await serve();
  await fetch(server.url); // the page is version 1
  const stream = await openStream(new URL('events?since=1', server.url).href);
  assert.deepStrictEqual([stream.res.status, stream.res.headers.get('content-type'), stream.res.headers.get('cache-control')],
    [200, 'text/event-stream; charset=utf-8', 'no-store']);
  let s = await stream.until((p) => p.retry !== null);
  assert.deepStrictEqual(s.events, [], 'the page is up to date: no event on connect');
  server.notify(); // unchanged: nothing sent
  state.page = PAGE(2);
  server.notify();
  s = await stream.until((p) => p.events.length >= 1);
  assert.deepStrictEqual(s.events, [{ event: 'report', data: PAGE(2), id: '2' }], 'the unchanged notify sent nothing');
  state.page = PAGE(3);
  server.notify();
  s = await stream.until((p) => p.events.length >= 2);
  assert.deepStrictEqual(s.events[1], { event: 'report', data: PAGE(3), id: '3' });
  stream.close();
});

test('a page that is behind (served an older version, or reconnecting) gets the current report at once', TEST_TIMEOUT, async () => {
  const { server, state } = await serve();
  await fetch(server.url);
  state.page = PAGE(2);
  const stale = await openStream(new URL('events?since=1', server.url).href);
  const s = await stale.until((p) => p.events.length >= 1);
  assert.deepStrictEqual(s.events, [{ event: 'report', data: PAGE(2), id: '2' }]);
  const reconnect = await openStream(new URL('events', server.url).href, { 'Last-Event-ID': '1' });
  assert.deepStrictEqual((await reconnect.until((p) => p.events.length >= 1)).events[0]!.id, '2');
  stale.close();
  reconnect.close();
});

test('no open page, no rendering: notify() does not call the page provider', TEST_TIMEOUT, async () => {
  const { server, state } = await serve();
  for (let i = 0; i < 5; i++) server.notify();
  assert.equal(state.renders, 0);
});

test('log text with line breaks, `data:`, `event:` and </script> stays inside its one event', TEST_TIMEOUT, async () => {
  const { server, state } = await serve();
  await fetch(server.url);
  const stream = await openStream(new URL('events?since=1', server.url).href);
  await stream.until((p) => p.retry !== null);
  const hostile = 'a\n\ndata: injected\r\revent: evil\r\nid: 99\n\nretry: 1\r\n\r\n: c\n</script><script>alert(1)</script>\n';
  state.page = PAGE(2).replace('report 2</p>', `${hostile}</p>`);
  server.notify();
  const s = await stream.until((p) => p.events.length >= 1);
  assert.deepStrictEqual(s.events, [{ event: 'report', data: state.page.replace(/\r\n|\r/g, '\n'), id: '2' }]);
  assert.equal(s.retry, '3000', 'the server\'s own retry only');
  // every line the server wrote inside the event starts with `data: `
  const body = stream.text.slice(stream.text.indexOf('event: report'));
  const lines = body.split(/\r\n|\r|\n/).slice(2, -2);
  assert.ok(lines.length > 10 && lines.every((l) => l.startsWith('data: ')), JSON.stringify(lines));
  stream.close();
});

test('sseEvent frames every line of any text as data, and refuses a field of its own with a line break', () => {
  assert.equal(sseEvent('one'), 'data: one\n\n');
  assert.equal(sseEvent('a\r\nb\rc\nd', 'report', '7'), 'event: report\nid: 7\ndata: a\ndata: b\ndata: c\ndata: d\n\n');
  assert.equal(sseEvent(''), 'data: \n\n');
  assert.equal(sseEvent(' lead\n'), 'data:  lead\ndata: \n\n');
  assert.equal(sseComment('keep-alive'), ': keep-alive\n\n');
  assert.throws(() => sseEvent('x', 'a\nb'));
  assert.throws(() => sseEvent('x', 'report', '1\r2'));
  assert.throws(() => sseEvent('x', 'report', '1\u00002'));
});

test('keep-alive comments go to open streams every 15 s (driven by hand); the timer stops when the last page closes', TEST_TIMEOUT, async () => {
  const { server, state } = await serve();
  await fetch(server.url);
  const stream = await openStream(new URL('events?since=1', server.url).href);
  await stream.until((p) => p.retry !== null);
  assert.equal(state.tickMs, KEEP_ALIVE_MS);
  state.tick!();
  state.tick!();
  const s = await stream.until((p) => p.comments.length >= 2);
  assert.deepStrictEqual(s.comments, ['keep-alive', 'keep-alive']);
  assert.equal(state.stopped, 0);
  stream.close();
  await state.whenStopped; // the server saw the page go (the test's timeout is the safety net)
  assert.equal(state.stopped, 1);
});

test('close() ends open streams and frees the port', TEST_TIMEOUT, async () => {
  const { server } = await serve();
  await fetch(server.url);
  const stream = await openStream(new URL('events?since=1', server.url).href);
  await stream.until((p) => p.retry !== null);
  await server.close();
  assert.equal(await stream.ended(), true);
  const port = Number(new URL(server.url).port);
  const again = await serve({ port });
  assert.equal(again.server.url, server.url);
});

test('a port in use is a user error naming the address', TEST_TIMEOUT, async () => {
  const { server } = await serve();
  const port = Number(new URL(server.url).port);
  await assert.rejects(serve({ port }), (err: unknown) => err instanceof UserError && err.message === `cannot listen on 127.0.0.1:${port} (--listen): EADDRINUSE`);
});
