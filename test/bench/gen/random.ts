// A small seeded PRNG (mulberry32) with the draws the log generator needs; the same seed gives the same log.

/** Deterministic random draws. Not for cryptography: fast and reproducible is all the generator asks. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1): mulberry32, 32 bits of state, good enough for traffic shapes. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks with a skew towards the front of the list (a few senders and clients do most of the traffic). */
  pickSkewed<T>(items: readonly T[], skew = 2.5): T {
    return items[Math.floor(Math.pow(this.next(), skew) * items.length)]!;
  }

  /** An exponential draw with the given mean (arrival gaps). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A log-normal draw: exp(N(mu, sigma)) by Box–Muller (message sizes). */
  logNormal(mu: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  /** `n` hex digits, upper case. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[(this.next() * 16) | 0];
    return s;
  }

  /** `n` characters of [A-Za-z0-9] (session ids, mail ids). */
  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[(this.next() * 62) | 0];
    return s;
  }
}

const HEX = '0123456789ABCDEF';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A weighted choice table, built once and drawn from many times. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(table: ReadonlyArray<readonly [T, number]>) {
    this.items = table.map((e) => e[0]);
    let sum = 0;
    this.cumulative = table.map((e) => (sum += e[1]));
    this.total = sum;
  }

  draw(rnd: Random): T {
    const x = rnd.next() * this.total;
    const c = this.cumulative;
    let i = 0;
    while (c[i]! <= x) i++;
    return this.items[i]!;
  }
}
