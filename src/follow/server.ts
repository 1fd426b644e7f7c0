// --listen: a small HTTP server (node:http) with /metrics (Prometheus text format), / (the live page) and /events
// (server-sent events pushing each new report to open pages). It holds no report state: it asks its providers.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.js';
import { CONTENT_SECURITY_POLICY, livePage, REPORT_EVENT, sseComment, sseEvent } from './live-page.js';

/** What the server serves, where. */
export interface LiveServerOptions {
  /** the address to bind (the CLI's default is 127.0.0.1: loopback unless told otherwise) */
  host: string;
  /** 0 for any free port (tests) */
  port: number;
  /** the exposition text of /metrics */
  metrics: () => Promise<string>;
  /** the current report as a whole HTML page (renderHtml's output) */
  page: () => string;
  /**
   * Runs `f` every `ms` until the returned function is called (the stream keep-alive). Defaults to an unref'd
   * setInterval; tests pass their own and call `f` by hand.
   */
  every?: (ms: number, f: () => void) => () => void;
}

/** A running live server. */
export interface LiveServer {
  /** `http://host:port/` as bound (the real port when 0 was asked for) */
  url: string;
  /**
   * The report may have changed: renders the page and, when it differs from the last one, pushes it to every open
   * page. Renders nothing while no page is open. Throws what `page()` throws.
   */
  notify(): void;
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

/** The Content-Type of /metrics: the Prometheus text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** How often a quiet stream gets a comment line: under the 30–60 s idle timeouts of common proxies. */
export const KEEP_ALIVE_MS = 15_000;
/** How long the browser waits before reconnecting a dropped stream (the SSE `retry:` field), ms. */
const RETRY_MS = 3000;
/** Open streams at most: each may buffer a whole report; a page left open in many tabs should not grow memory. */
const MAX_STREAMS = 64;

/** Headers of every answer: no sniffing, no caching of live data, no referrer to leak the page's address. */
const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } as const;

/** One open /events stream. */
interface Stream {
  res: ServerResponse;
  /** the report version it last got */
  version: number;
  /** its socket buffer is full: it gets the newest report on 'drain' instead of one per notify */
  blocked: boolean;
}

/** Starts the server; resolves once it listens, rejects with a UserError when it cannot bind. */
export function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const every = options.every ?? defaultEvery;
  const streams = new Set<Stream>();
  let current = '';
  let version = 0;
  let stopKeepAlive: (() => void) | null = null;

  /** Renders the page; a change makes a new version, pushed to every stream. */
  function refresh(): void {
    const html = options.page();
    if (html === current && version > 0) return;
    current = html;
    version++;
    for (const s of streams) push(s);
  }

  function push(s: Stream): void {
    if (s.blocked || s.version === version) return;
    s.version = version;
    if (!s.res.write(sseEvent(current, REPORT_EVENT, String(version)))) s.blocked = true;
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (streams.size >= MAX_STREAMS) {
      plain(res, 503, `too many open live pages (${MAX_STREAMS})\n`, req.method === 'HEAD');
      return;
    }
    res.writeHead(200, { ...COMMON, 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // what the page already shows: the version it was served with, or on a reconnect the last event's id
    const last = req.headers['last-event-id'];
    const known = Number(typeof last === 'string' ? last : url.searchParams.get('since') ?? '0');
    const s: Stream = { res, version: Number.isInteger(known) ? known : 0, blocked: false };
    streams.add(s);
    res.write(`retry: ${RETRY_MS}\n\n`);
    res.on('drain', () => {
      s.blocked = false;
      push(s);
    });
    // the response's close, not the request's: a request closes once its (empty) body is read, long before the page goes
    res.on('close', () => {
      streams.delete(s);
      if (streams.size === 0 && stopKeepAlive !== null) {
        stopKeepAlive();
        stopKeepAlive = null;
      }
    });
    stopKeepAlive ??= every(KEEP_ALIVE_MS, () => {
      for (const t of streams) if (!t.blocked) t.res.write(sseComment('keep-alive'));
    });
    refresh();
    push(s);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      plain(res, 405, 'only GET and HEAD\n', false);
      return;
    }
    if (!hostAllowed(options.host, req.headers.host)) {
      plain(res, 403, 'unexpected Host header\n', head);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/metrics': {
        const text = await options.metrics();
        send(res, 200, { ...COMMON, 'Content-Type': METRICS_CONTENT_TYPE }, text, head);
        return;
      }
      case '/': {
        refresh();
        send(res, 200, { ...COMMON, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' }, livePage(current, version), head);
        return;
      }
      case '/events':
        events(req, res, url);
        return;
      default:
        plain(res, 404, 'not found: / (live page), /metrics, /events\n', head);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // a provider failed: say so in one line, keep serving
      if (res.headersSent) res.destroy();
      else plain(res, 500, `${(err as Error).message?.split('\n')[0] ?? String(err)}\n`, req.method === 'HEAD');
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(new UserError(`cannot listen on ${options.host}:${options.port} (--listen): ${err.code ?? err.message}`));
    });
    server.listen(options.port, options.host, () => {
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        url: `http://${host}:${a.port}/`,
        notify() {
          if (streams.size > 0) refresh();
        },
        close() {
          stopKeepAlive?.();
          stopKeepAlive = null;
          for (const s of streams) s.res.end();
          streams.clear();
          return new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string, head: boolean): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

function plain(res: ServerResponse, status: number, text: string, head: boolean): void {
  send(res, status, { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8' }, text, head);
}

/** setInterval that does not keep the process alive. */
function defaultEvery(ms: number, f: () => void): () => void {
  const t = setInterval(f, ms);
  t.unref();
  return () => clearInterval(t);
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * Bound to loopback, only loopback names may be asked for: a web page elsewhere could point a name of its own at
 * 127.0.0.1 (DNS rebinding) and read the live page, addresses and all, from the browser of someone on this host.
 * Bound elsewhere, the operator chose to publish it; any Host goes.
 */
export function hostAllowed(bound: string, hostHeader: string | undefined): boolean {
  if (!LOOPBACK.test(bound)) return true;
  if (hostHeader === undefined) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return LOOPBACK.test(name);
}
