// Indexed tables (hash:, btree:, lmdb:, cdb:, dbm:, texthash:) read from their source text, the file `postmap`
// turns into the .db: `key whitespace value` per logical line. The key ends at the first whitespace that is not
// inside double quotes or after a backslash (both stay part of the key, as postmap keeps them); keys are
// lower-cased, and so is every lookup (smtpd opens access maps with DICT_FLAG_FOLD_FIX). A duplicate key keeps the
// first value: postmap warns and ignores the later one.

import { logicalLines } from './lines.js';
import { TableError, type TableEntry, type TableMatch } from './types.js';

/** A parsed indexed table. */
export class HashTable {
  private constructor(private readonly byKey: Map<string, TableEntry>, readonly entries: TableEntry[], readonly warnings: string[]) {}

  /** Parses source text; a line postmap would skip (no value, unbalanced quotes) is a TableError naming it. */
  static parse(text: string): HashTable {
    const { lines, orphans } = logicalLines(text);
    const warnings = orphans.map((o) => `line ${o.line}: a logical line must not start with whitespace (postmap skips "${o.text}")`);
    const byKey = new Map<string, TableEntry>();
    const entries: TableEntry[] = [];
    for (const { line, text: t } of lines) {
      let end = 0;
      let quoted = false;
      for (; end < t.length; end++) {
        const c = t[end]!;
        if (c === '\\') {
          if (++end >= t.length) break;
        } else if (/[ \t\n\v\f\r]/.test(c)) {
          if (!quoted) break;
        } else if (c === '"') {
          quoted = !quoted;
        }
      }
      if (quoted) throw new TableError(line, t, 'unbalanced double quote (postmap skips the line)');
      const key = t.slice(0, end);
      const action = t.slice(end).replace(/^[ \t\n\v\f\r]+/, '');
      if (action === '') throw new TableError(line, t, 'expected "key whitespace value" (postmap skips the line)');
      if (key.endsWith(':')) warnings.push(`line ${line}: "${key}" is in "key: value" format; is this an alias file?`);
      const folded = key.toLowerCase();
      const first = byKey.get(folded);
      if (first !== undefined) {
        warnings.push(`line ${line}: duplicate entry "${key}": the first, on line ${first.line}, is used`);
        continue;
      }
      const entry: TableEntry = { index: entries.length, line, key, action };
      byKey.set(folded, entry);
      entries.push(entry);
    }
    return new HashTable(byKey, entries, warnings);
  }

  /** The entry for `key` (compared lower-cased), or null. */
  find(key: string): TableMatch | null {
    const entry = this.byKey.get(key.toLowerCase());
    return entry === undefined ? null : { entry, value: entry.action };
  }
}
