// An access table named as main.cf names it (`regexp:/etc/postfix/client_checks`, `hash:/etc/postfix/helo_access`),
// read and parsed. The type decides the syntax only: every indexed type (hash, btree, lmdb, cdb, dbm, sdbm,
// texthash) is read from its source text, the file `postmap` builds the database from.

import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { HashTable } from './hash.js';
import type { Searchable } from './lookup.js';
import { PatternTable } from './regexp.js';
import { TableError, type TableEntry, type TableMatch } from './types.js';

/** The table types read from their source text. */
const INDEXED = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm', 'texthash']);

/** A parsed access table. */
export interface AccessTable extends Searchable {
  /** as given: `regexp:/etc/postfix/client_checks` */
  spec: string;
  /** the type as given: regexp, pcre, hash, lmdb, … */
  type: string;
  /** the file read */
  path: string;
  /** its entries in file order */
  entries: readonly TableEntry[];
  /** what Postfix would warn about but accept (duplicates, patterns that cannot match as written, …) */
  warnings: readonly string[];
}

/** `type:path` split up; a bare path is an indexed table (default_database_type). */
export function splitSpec(spec: string): { type: string; path: string } {
  // proxymap(8) only forwards the lookups: the table is the one it names
  if (/^proxy:/i.test(spec)) return splitSpec(spec.slice(6));
  const m = /^([a-z0-9_]+):(.*)$/i.exec(spec);
  if (m === null || m[1]!.length < 2) return { type: 'hash', path: spec };
  return { type: m[1]!.toLowerCase(), path: m[2]! };
}

/** Parses a table's text; `spec` names it in errors. A line that cannot be used is a UserError (exit 2). */
export function parseTable(spec: string, text: string): AccessTable {
  const { type, path } = splitSpec(spec);
  let parsed: HashTable | PatternTable;
  try {
    supported(spec, type);
    parsed = type === 'regexp' || type === 'pcre' ? PatternTable.parse(text, type) : HashTable.parse(text);
  } catch (err) {
    if (err instanceof TableError) throw new UserError(`postsumm: cannot read the access table ${spec}, line ${err.line}: ${err.why}: ${JSON.stringify(err.text)}`);
    throw err;
  }
  const table = parsed;
  return {
    spec,
    type,
    path,
    pattern: table instanceof PatternTable,
    entries: table.entries,
    warnings: table.warnings,
    find: (key: string): TableMatch | null => table.find(key),
  };
}

/** Refuses a table type postsumm cannot read. */
function supported(spec: string, type: string): void {
  if (type === 'regexp' || type === 'pcre' || INDEXED.has(type)) return;
  throw new UserError(`postsumm: cannot read the access table ${spec}: postsumm reads regexp:, pcre: and the source text of hash:, btree:, lmdb:, cdb:, dbm: and texthash: tables, not ${type}:`);
}

/** Reads and parses the table `spec` names; its file must be the source text, not a built .db. */
export async function readTable(spec: string): Promise<AccessTable> {
  const { type, path } = splitSpec(spec);
  supported(spec, type);
  if (path === '') throw new UserError(`postsumm: the access table ${spec} names no file`);
  if (INDEXED.has(type) && /\.(db|lmdb|cdb|dir|pag)$/.test(path)) {
    throw new UserError(`postsumm: cannot read the access table ${spec}: ${path} is a built database; name its source text, as main.cf does (${type}:${path.replace(/\.(db|lmdb|cdb|dir|pag)$/, '')})`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UserError(`postsumm: cannot read the access table ${spec}: ${why}`);
  }
  if (text.includes('\0')) throw new UserError(`postsumm: cannot read the access table ${spec}: ${path} is not text (a built database? name its source text)`);
  return parseTable(spec, text);
}
