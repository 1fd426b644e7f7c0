// The files a scheduled run reads: each configured log and, beside it, the file it was last rotated to, so the
// previous day is whole when rotation happened during it. The input layer reads each set oldest first.

import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// logrotate's dateext: `mail.log-20261124`, `mail.log-20261124.gz`
const DATED = /^-(\d{8,10})(?:\.gz)?$/;

/**
 * The configured logs with their newest rotated file where it exists: `mail.log.1` or `mail.log.1.gz`, or the
 * newest `mail.log-YYYYMMDD[.gz]`. A log that is itself a rotated file is read as configured.
 */
export function withRotated(logs: readonly string[]): string[] {
  const out: string[] = [];
  for (const log of logs) {
    for (const p of [`${log}.1`, `${log}.1.gz`]) if (existsSync(p)) out.push(p);
    const dated = newestDated(log);
    if (dated !== null) out.push(dated);
    out.push(log);
  }
  return [...new Set(out)];
}

function newestDated(log: string): string | null {
  const dir = dirname(log);
  const name = basename(log);
  let best: { rank: string; path: string } | null = null;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return null;
  }
  for (const e of entries) {
    if (!e.startsWith(name)) continue;
    const m = DATED.exec(e.slice(name.length));
    if (m && (best === null || m[1]! > best.rank)) best = { rank: m[1]!, path: join(dir, e) };
  }
  return best?.path ?? null;
}
