// Stamps and writes generated lines: classic syslog (`Nov  5 06:25:01`) or RFC 3339 with microseconds, in a
// fixed zone offset (not the machine's, so the same seed gives the same bytes everywhere), batched into large writes.

import { writeSync } from 'node:fs';
import type { Scheduler } from './clock.js';

/** The two stamp shapes of the bench log: rsyslog's traditional format and its RFC 3339 default. */
export type StampFormat = 'classic' | 'rfc3339';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// one write per this many characters: large enough that write calls cost nothing next to line building
const FLUSH_AT = 1 << 20;

/** Writes lines stamped with the scheduler's time until `limit` lines are out. */
export class LogWriter {
  lines = 0;
  bytes = 0;
  private buf = '';
  private second = -1;
  private prefix = '';
  private readonly offsetUs: number;
  private readonly offsetText: string;

  /**
   * @param fd where the bytes go
   * @param offsetMinutes the zone offset of the stamps (+60 is +01:00)
   */
  constructor(
    private readonly fd: number,
    private readonly clock: Scheduler,
    private readonly format: StampFormat,
    private readonly host: string,
    readonly limit: number,
    offsetMinutes: number,
  ) {
    this.offsetUs = offsetMinutes * 60_000_000;
    const a = Math.abs(offsetMinutes);
    this.offsetText = (offsetMinutes < 0 ? '-' : '+') + pad2(Math.floor(a / 60)) + ':' + pad2(a % 60);
  }

  get full(): boolean {
    return this.lines >= this.limit;
  }

  /** One line `STAMP HOST TAG[PID]: MESSAGE`; a null pid writes `TAG: MESSAGE` (dovecot's style). */
  line(tag: string, pid: number | null, message: string): void {
    if (this.lines >= this.limit) return;
    this.lines++;
    const head = this.stamp() + ' ' + this.host + ' ' + tag;
    this.buf += (pid === null ? head + ': ' : head + '[' + pid + ']: ') + message + '\n';
    if (this.buf.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0) return;
    this.bytes += writeSync(this.fd, this.buf);
    this.buf = '';
  }

  /** The stamp of the current time; the part up to the second is built once per second. */
  private stamp(): string {
    const local = this.clock.now + this.offsetUs;
    const second = Math.floor(local / 1_000_000);
    if (second !== this.second) {
      this.second = second;
      const d = new Date(second * 1000);
      const hms = pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds());
      if (this.format === 'classic') {
        const day = d.getUTCDate();
        this.prefix = MONTHS[d.getUTCMonth()] + (day < 10 ? '  ' : ' ') + day + ' ' + hms;
      } else {
        this.prefix = d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + 'T' + hms + '.';
      }
    }
    if (this.format === 'classic') return this.prefix;
    const micros = local - second * 1_000_000;
    return this.prefix + String(micros).padStart(6, '0') + this.offsetText;
  }
}

/** A classic stamp (`Nov  5 06:25:01`) of a time in µs, as daemons print times inside messages (anvil, scache). */
export function classicStamp(us: number, offsetMinutes: number): string {
  const d = new Date(Math.floor(us / 1000) + offsetMinutes * 60_000);
  const day = d.getUTCDate();
  return MONTHS[d.getUTCMonth()] + (day < 10 ? '  ' : ' ') + day + ' ' + pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds());
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
