// An empty report: every section present and zero, so renderers and merge never meet a missing field.

import { SCHEMA_VERSION, type Histogram, type Report, type Totals, type Traffic } from './model.js';

/** Delay histogram bucket bounds in seconds: fine below a minute, coarse up to the 5-day queue lifetime. */
export const DELAY_BOUNDS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 432000];

export function emptyTraffic(): Traffic {
  return { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };
}

export function emptyTotals(): Totals {
  return {
    received: 0, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, rejectedTemporary: 0,
    rejectWarnings: 0, held: 0, discarded: 0, expired: 0, bytesReceived: 0, bytesDelivered: 0, senders: 0,
    sendingDomains: 0, recipients: 0, recipientDomains: 0,
  };
}

export function emptyHistogram(): Histogram {
  return { bounds: [...DELAY_BOUNDS], counts: new Array<number>(DELAY_BOUNDS.length + 1).fill(0), count: 0, sum: 0, max: 0 };
}

/** A report with nothing counted. */
export function emptyReport(generator: string): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    generator,
    period: { from: null, to: null },
    hosts: [],
    input: { lines: 0, postfixLines: 0, foreign: 0, malformed: 0, cut: 0, unrecognized: {}, samples: {}, incompleteMessages: 0 },
    totals: emptyTotals(),
    instances: {},
    perDay: {},
    perHour: Array.from({ length: 24 }, emptyTraffic),
    deliveryDomains: {},
    receiptDomains: {},
    senders: {},
    recipients: {},
    noSize: [],
    deferrals: {},
    bounces: {},
    expiries: {},
    rejects: {},
    rejectWarnings: {},
    holds: {},
    discards: {},
    rejectClasses: {},
    smtpFailures: {},
    warnings: {},
    errors: {},
    fatals: {},
    panics: {},
    master: {},
    smtpd: { perDay: {}, perHour: Array.from({ length: 24 }, () => ({ connections: 0, seconds: 0, max: 0 })), perDomain: {} },
    postscreen: { connections: 0, clients: [], actions: {} },
    sasl: { failuresByIp: {}, failuresByUser: {}, loginsByUser: {} },
    tls: { inboundSessions: 0, inboundTls: 0, outboundDeliveries: 0, outboundTls: 0, protocols: {} },
    delays: { total: emptyHistogram(), beforeQmgr: emptyHistogram(), inQueue: emptyHistogram(), connSetup: emptyHistogram(), transmission: emptyHistogram() },
  };
}
