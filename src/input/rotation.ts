// Orders the files of a rotated log set oldest first, whatever order the shell glob gave them in.

import { basename, dirname, join } from 'node:path';

/** Where one file stands in its rotated set. */
interface RotationKey {
  /** the set: directory and base name without rotation suffixes (`/var/log/mail.log`) */
  set: string;
  /** 0: numbered (`.N`), 1: dated (`-YYYYMMDD`), 2: the live file */
  group: number;
  /** N for numbered (higher is older), the date for dated (lower is older) */
  rank: number;
}

// `mail.log.3.gz`, `mail.log.1`
const NUMBERED = /^(.+)\.(\d{1,4})(?:\.gz)?$/;
// logrotate's dateext: `mail.log-20261124.gz`, `mail.log-2026112406`
const DATED = /^(.+)-(\d{8,10})(?:\.gz)?$/;

function rotationKey(path: string): RotationKey {
  const name = basename(path);
  const dir = dirname(path);
  let m = NUMBERED.exec(name);
  if (m) return { set: join(dir, m[1]!), group: 0, rank: Number(m[2]) };
  m = DATED.exec(name);
  if (m) return { set: join(dir, m[1]!), group: 1, rank: Number(m[2]) };
  return { set: join(dir, name.endsWith('.gz') ? name.slice(0, -3) : name), group: 2, rank: 0 };
}

/**
 * Orders paths so each rotated set is read oldest first: `mail.log.3.gz mail.log.2.gz mail.log.1 mail.log`
 * (numbered, highest first), then dated files in date order, then the live file. A set takes the place of its
 * first member on the command line; files of different sets keep their relative order. `-` (stdin) stays put.
 */
export function orderRotated(paths: readonly string[]): string[] {
  const sets = new Map<string, { key: RotationKey; path: string; index: number }[]>();
  const order: string[] = [];
  paths.forEach((path, index) => {
    const key = path === '-' ? { set: `-${index}`, group: 2, rank: 0 } : rotationKey(path);
    let members = sets.get(key.set);
    if (!members) {
      sets.set(key.set, (members = []));
      order.push(key.set);
    }
    members.push({ key, path, index });
  });
  const out: string[] = [];
  for (const set of order) {
    const members = sets.get(set)!;
    members.sort((a, b) => {
      if (a.key.group !== b.key.group) return a.key.group - b.key.group;
      if (a.key.group === 0) return b.key.rank - a.key.rank;
      if (a.key.group === 1) return a.key.rank - b.key.rank;
      return a.index - b.index;
    });
    for (const m of members) out.push(m.path);
  }
  return out;
}
