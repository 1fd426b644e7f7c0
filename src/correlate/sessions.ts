// The correlator's state of one smtpd session: connect … disconnect of one smtpd process and its client, the
// home of NOQUEUE events, and the judge of whether the transaction it last opened delivered its DATA.

import type { CommandCount, Peer } from '../parse/events.js';
import type { Session } from './facts.js';
import type { MessageState, Verdict } from './messages.js';

/** One smtpd session. The fields of Session are the public view; the rest is bookkeeping. */
export class SessionState implements Session {
  start: number | null = null;
  end: number | null = null;
  tls = false;
  queueIds: string[] = [];
  rejects = 0;
  lastSeen: number;
  /** the message of the transaction opened last (its `client=` line) */
  current: MessageState | null = null;
  /**
   * a `NOQUEUE: hold:` / `NOQUEUE: discard:` just logged: the access map ran on the first accepted RCPT, before the
   * queue file existed, so the `client=` line that follows at once belongs to the message it holds or discards
   */
  verdict: Verdict = 'none';
  verdictFrom: string | null = null;

  constructor(
    public readonly host: string,
    public readonly instance: string,
    public readonly service: string,
    public readonly pid: number | null,
    public client: Peer,
    time: number,
  ) {
    this.lastSeen = time;
  }

  /**
   * True when a line of this pid is this session's: the same program (else the pid was reused after a lost
   * disconnect). The client is not compared: after XCLIENT (a proxy in front of smtpd) smtpd names the proxied
   * client in the lines that follow the proxy's `connect from`.
   */
  matches(instance: string, service: string): boolean {
    return this.instance === instance && this.service === service;
  }
}

/**
 * True when a disconnect's command counts show that no DATA or BDAT command of the session succeeded. False when
 * the line has no counts (Postfix before 3.0 logs none): then nothing can be concluded.
 */
export function noDataAccepted(commands: readonly CommandCount[]): boolean {
  if (commands.length === 0) return false;
  for (const c of commands) {
    if ((c.name === 'data' || c.name === 'bdat') && c.ok > 0) return false;
  }
  return true;
}
