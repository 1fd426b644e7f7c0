// One access table tried as one smtpd check: looks the log's clients, HELO names, senders or recipients up in
// Postfix's order (access/lookup.ts), and keeps a counter per entry reached, one for what the table refuses,
// and one for what it could not be tried on.

import { effectOf, REFUSING, type Effect } from '../access/action.js';
import { keysOf, search, type Found, type LookupOptions } from '../access/lookup.js';
import type { AccessTable } from '../access/table.js';
import type { WhatIfOption } from '../report/whatif.js';
import { Counter } from './whatif-units.js';

/** Distinct keys whose lookup is remembered; past this the memory starts again (a log's recipients are many). */
const CACHE_LIMIT = 50_000;

/** An entry's counter and what its result does. */
export interface EntryCounter {
  counter: Counter;
  effect: Effect;
}

/** A table being tried: its lookups and counters. */
export class TableTrial {
  /** counters by entry index, made when an entry is first reached */
  readonly entries: (EntryCounter | undefined)[] = [];
  readonly refused: Counter;
  readonly unknown: Counter;
  private readonly cache = new Map<string, Found | null>();

  constructor(readonly option: WhatIfOption, readonly table: AccessTable, private readonly lookup: LookupOptions, private readonly examples: number) {
    this.refused = new Counter(0);
    this.unknown = new Counter(0);
  }

  /** The entry a client (name and address) ends at, or null. */
  client(name: string, ip: string): Found | null {
    return this.find(`${name}\n${ip}`, () => search(this.table, keysOf('client', { name, ip }, this.lookup)));
  }

  /** The entry a HELO name, sender or recipient address ends at, or null. */
  text(value: string): Found | null {
    return this.find(value, () => search(this.table, keysOf(this.option, { text: value }, this.lookup)));
  }

  /** The counter of a found entry, and whether the entry refuses. */
  counterOf(f: Found): EntryCounter {
    let e = this.entries[f.entry.index];
    if (e === undefined) {
      e = { counter: new Counter(this.examples), effect: effectOf(f.entry.action) };
      this.entries[f.entry.index] = e;
    }
    return e;
  }

  /** Whether a result refuses: decided on the result after $n substitution (`$1` can hold the action word). */
  refuses(f: Found): boolean {
    return REFUSING.has(effectOf(f.value));
  }

  private find(key: string, lookup: () => Found | null): Found | null {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const found = lookup();
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }
}
