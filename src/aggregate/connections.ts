// Connections: smtpd connection statistics per day, hour and client domain (pflogsumm's --smtpd-stats), postscreen
// connections, clients and verdicts, SASL failures by IP and user and logins by user, TLS share in and out.

import type { FactOf } from '../correlate/facts.js';
import type { LogRecord } from '../parse/events.js';
import type { ConnectionStat } from '../report/model.js';
import { clientDomain } from './address.js';
import { bump, localDay, localHour, toCounts } from './counters.js';
import type { Section, SectionFactory } from './section.js';

/** Connection time kept in milliseconds while counting (seconds when written), so sums stay exact integers. */
interface Stat { connections: number; ms: number; maxMs: number }

/** The connections section's aggregator. */
export const connectionsSection: SectionFactory = (): Section => {
  const perDay = new Map<string, Stat>();
  const perHour: Stat[] = Array.from({ length: 24 }, () => ({ connections: 0, ms: 0, maxMs: 0 }));
  const perDomain = new Map<string, Stat>();
  let postscreenConnections = 0;
  const postscreenClients = new Set<string>();
  const postscreenActions = new Map<string, number>();
  const saslFailuresByIp = new Map<string, number>();
  const saslFailuresByUser = new Map<string, number>();
  const saslLogins = new Map<string, number>();
  const tlsProtocols = new Map<string, number>();
  let inboundSessions = 0;
  let inboundTls = 0;
  let outboundDeliveries = 0;
  let outboundTls = 0;
  let lastOffset = 0; // for a session evicted without its disconnect line

  function sessionEnd(f: FactOf<'session-end'>): void {
    const s = f.session;
    // pflogsumm times a session from `connect from` to `disconnect from` of the same smtpd; without both, no time
    if (s.start === null || s.end === null) return;
    const ms = Math.max(0, s.end - s.start);
    const offset = f.record?.offset ?? lastOffset;
    add(stat(perDay, localDay(s.end, offset)), ms);
    add(perHour[localHour(s.end, offset)]!, ms);
    add(stat(perDomain, clientDomain(s.client)), ms);
  }

  /** a delivery attempt over SMTP/LMTP that reached a host (not `relay=none`), hand-offs to a content filter aside */
  function outbound(r: LogRecord): void {
    if ((r.daemon === 'smtp' || r.daemon === 'lmtp') && r.event.kind === 'delivery-status' && r.event.relayPeer !== null) outboundDeliveries++;
  }

  function record(r: LogRecord): void {
    lastOffset = r.offset;
    const ev = r.event;
    switch (ev.kind) {
      case 'smtpd-connect':
        inboundSessions++;
        break;
      case 'tls-established':
        bump(tlsProtocols, ev.protocol);
        if (ev.direction === 'from' && r.daemon === 'smtpd') inboundTls++;
        else if (ev.direction === 'to' && (r.daemon === 'smtp' || r.daemon === 'lmtp')) outboundTls++;
        break;
      case 'smtpd-sasl-failed':
        bump(saslFailuresByIp, ev.client.ip);
        if (ev.saslUsername !== null && ev.saslUsername !== '') bump(saslFailuresByUser, ev.saslUsername);
        break;
      case 'smtpd-client':
        if (ev.saslUsername !== null && ev.saslUsername !== '') bump(saslLogins, ev.saslUsername);
        break;
      case 'postscreen-connect':
        postscreenConnections++;
        postscreenClients.add(ev.client.ip);
        break;
      case 'postscreen-pass': bump(postscreenActions, `PASS ${ev.status}`); break;
      case 'postscreen-listed': bump(postscreenActions, ev.list); break;
      case 'postscreen-dnsbl': bump(postscreenActions, 'DNSBL'); break;
      case 'postscreen-pregreet': bump(postscreenActions, 'PREGREET'); break;
      case 'postscreen-hangup': bump(postscreenActions, 'HANGUP'); break;
      case 'postscreen-command': bump(postscreenActions, ev.test); break;
      case 'postscreen-reject': bump(postscreenActions, 'NOQUEUE reject'); break;
      default:
        break;
    }
  }

  return {
    fact(f) {
      if (f.kind === 'session-end') sessionEnd(f);
      else if (f.kind === 'delivered' || f.kind === 'deferred' || f.kind === 'bounced') outbound(f.record);
    },
    record,
    write(report) {
      report.smtpd = {
        perDay: fromStats(perDay),
        perHour: perHour.map(toStat),
        perDomain: fromStats(perDomain),
      };
      report.postscreen = { connections: postscreenConnections, clients: [...postscreenClients].sort(), actions: toCounts(postscreenActions) };
      report.sasl = { failuresByIp: toCounts(saslFailuresByIp), failuresByUser: toCounts(saslFailuresByUser), loginsByUser: toCounts(saslLogins) };
      report.tls = { inboundSessions, inboundTls, outboundDeliveries, outboundTls, protocols: toCounts(tlsProtocols) };
    },
  };
};

function stat(m: Map<string, Stat>, key: string): Stat {
  let s = m.get(key);
  if (s === undefined) m.set(key, (s = { connections: 0, ms: 0, maxMs: 0 }));
  return s;
}

function add(s: Stat, ms: number): void {
  s.connections++;
  s.ms += ms;
  if (ms > s.maxMs) s.maxMs = ms;
}

function toStat(s: Stat): ConnectionStat {
  return { connections: s.connections, seconds: s.ms / 1000, max: s.maxMs / 1000 };
}

function fromStats(m: Map<string, Stat>): Record<string, ConnectionStat> {
  return Object.fromEntries([...m].map(([k, s]) => [k, toStat(s)]));
}
