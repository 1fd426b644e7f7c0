// The progress line on stderr while large inputs are read: bytes read of the total, speed, time left. Drawn only
// on a terminal (the caller decides) and only once a run has lasted long enough to need it.

import { open, stat } from 'node:fs/promises';

/** Nothing is drawn before a run has lasted this long: small inputs finish without a flicker. */
const SHOW_AFTER_MS = 1000;
/** Redraw at most this often (a terminal needs no more, and each write costs a syscall). */
const REDRAW_MS = 250;

/** Progress is in decimal megabytes, as transfer speeds are usually given. */
const MB = 1_000_000;

/** One progress line: `postsumm: 312.4 of 1024.0 MB read, 85.3 MB/s, 8 s left` (no total: read and speed only). */
export function progressLine(bytes: number, total: number | null, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? bytes / MB / (elapsedMs / 1000) : 0;
  const read = (bytes / MB).toFixed(1);
  if (total === null || total <= 0) return `postsumm: ${read} MB read, ${rate.toFixed(1)} MB/s`;
  const shown = Math.min(bytes, total);
  const left = rate > 0 ? Math.max(0, Math.ceil((total - shown) / MB / rate)) : null;
  const eta = left === null ? '' : `, ${left >= 60 ? `${Math.floor(left / 60)} min ${left % 60} s` : `${left} s`} left`;
  return `postsumm: ${(shown / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB read (${Math.floor((shown / total) * 100)}%), ${rate.toFixed(1)} MB/s${eta}`;
}

/** Draws the progress line in place (`\r`, erase to end of line), throttled; `done` erases it. */
export class Progress {
  private readonly start: number;
  private last = -Infinity;
  private drawn = false;

  /**
   * @param total bytes the inputs will give (decoded), or null when unknown (standard input)
   * @param write where the line goes (stderr)
   * @param now the clock, injected so tests advance it by hand
   */
  constructor(private readonly total: number | null, private readonly write: (s: string) => void, private readonly now: () => number = Date.now) {
    this.start = now();
  }

  /** `bytes` have been read so far. */
  update(bytes: number): void {
    const t = this.now();
    if (t - this.start < SHOW_AFTER_MS || t - this.last < REDRAW_MS) return;
    this.last = t;
    this.drawn = true;
    this.write(`\r${progressLine(bytes, this.total, t - this.start)}\x1b[K`);
  }

  /** Erases the line, if one was drawn, so the report or the next message starts clean. */
  done(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }
}

/**
 * The bytes the inputs will give once decoded, for the progress total: a plain file's size; for gzip, the
 * uncompressed size its trailer records (ISIZE, modulo 4 GiB: good enough for an estimate). Null when standard
 * input is read (its size is unknown); unreadable inputs count 0 (they are reported when read).
 */
export async function decodedSize(paths: readonly string[]): Promise<number | null> {
  if (paths.length === 0 || paths.includes('-')) return null;
  let total = 0;
  for (const p of paths) {
    try {
      const st = await stat(p);
      if (!st.isFile()) continue;
      total += await gzipSize(p, st.size) ?? st.size;
    } catch {
      // missing or unreadable: the reader reports it
    }
  }
  return total;
}

/** The ISIZE of a gzip file (its last four bytes, little-endian), or null when the file is not gzip. */
async function gzipSize(path: string, size: number): Promise<number | null> {
  if (size < 18) return null; // a gzip member has a 10-byte header and an 8-byte trailer
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    if (head[0] !== 0x1f || head[1] !== 0x8b) return null;
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}
