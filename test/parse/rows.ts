// Shared by the parser tests that are tables of row objects: the row shape, its runner, and a builder for
// delivery-status events (most fields null) so each row names only what its line has.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeliveryStatus, PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';

/** A delivery-status event: the fields a row names, null for all the others. */
export function ds(f: Partial<DeliveryStatus> & Pick<DeliveryStatus, 'to' | 'relay' | 'status' | 'detail'>): DeliveryStatus {
  return {
    kind: 'delivery-status', origTo: null, relayPeer: null, connUse: null, delay: null, delays: null, dsn: null, tls: null,
    reply: null, remote: null, inReplyTo: null, queuedAs: null, forwardedAs: null, ...f,
  };
}

/** One real line and what it parses to; `todo` marks a row that waits for a fix outside this parser. */
export interface Row { name: string; daemon: string; line: string; todo?: string; queueId: string | null; event: PostfixEvent }

/** One test per row, comparing the whole `{ queueId, event }`. */
export function runRows(rows: readonly Row[]): void {
  for (const r of rows) {
    test(r.name, { todo: r.todo }, () => {
      assert.deepStrictEqual(parseMessage(r.daemon, r.line), { queueId: r.queueId, event: r.event });
    });
  }
}
