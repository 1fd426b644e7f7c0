// What the session and delivery code share: timed steps, smtpd's command counters, new messages, TLS texts.

import type { Message, Rcpt } from './queue.js';
import type { World } from './world.js';

/** One step of a chain: wait this many µs, then run. */
export type Step = readonly [number, () => void];

/** A command counter of smtpd's disconnect line: name, accepted, issued. */
export type Count = [string, number, number];

/** The TLS parameters as OpenSSL 3 reports a TLS 1.3 session, and a TLS 1.2 one. */
export const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';
export const TLS12 = 'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)';

// message_size_limit (Postfix's default 10240000)
const SIZE_LIMIT = 10_240_000;

/** smtpd's command counters: `name=ok` or `name=ok/issued`, then `commands=` their sums the same way. */
export function commandCounts(counts: readonly Count[]): string {
  let ok = 0;
  let all = 0;
  let s = '';
  for (const [name, good, issued] of counts) {
    ok += good;
    all += issued;
    s += `${name}=${good === issued ? good : `${good}/${issued}`} `;
  }
  return s + `commands=${ok === all ? ok : `${ok}/${all}`}`;
}

/**
 * A message as cleanup hands it to the queue; the queue ID is filled in when smtpd or pickup takes it (its first
 * digits are that microsecond). Sizes are log-normal around 12 kB, within the size limit.
 */
export function newMessage(w: World, from: string, rcpts: Rcpt[], clientName: string, clientIp: string, clientPort: number): Message {
  const size = Math.min(SIZE_LIMIT, Math.max(400, Math.round(w.rnd.logNormal(9.4, 1.3))));
  return {
    id: '', from, size, arrival: w.clock.now, messageId: messageId(w, from), rcpts, filter: false,
    clientName, clientIp, clientPort, warned: false,
  };
}

/** A Message-ID in one of the shapes common mail software writes. */
function messageId(w: World, from: string): string {
  const domain = from.slice(from.indexOf('@') + 1) || w.pop.localDomain;
  const rnd = w.rnd;
  if (rnd.chance(0.5)) return `${rnd.hex(8)}-${rnd.hex(4)}-${rnd.hex(4)}-${rnd.hex(4)}-${rnd.hex(12)}@${domain}`.toLowerCase();
  const stamp = new Date(w.clock.now / 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}.${rnd.hex(12)}@${domain}`;
}
