// What every kind of access table gives the lookups: its entries (one per rule or key, in file order) and a
// single-key search, as Postfix's maps_find() does it for one table.

/** One entry of a table: a rule of a regexp:/pcre: table, or a key of a hash: table. */
export interface TableEntry {
  /** its position among the table's entries (0-based, file order) */
  index: number;
  /** the line it starts on (1-based) */
  line: number;
  /** the pattern or key as written: `/^dhcp[-.0-9]/`, `!/^owner-/`, `example.com` */
  key: string;
  /** the result as written (before $n substitution): `REJECT Dynamic address`, `550 S25R check` */
  action: string;
}

/** A search that found an entry: the entry and its result (after $n substitution). */
export interface TableMatch {
  entry: TableEntry;
  value: string;
}

/** A line of a table that cannot be used: its line number, its text, and why (the reader adds the file name). */
export class TableError extends Error {
  constructor(readonly line: number, readonly text: string, readonly why: string) {
    super(`line ${line}: ${why}: "${text}"`);
  }
}
