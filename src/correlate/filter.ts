// Content-filter hops: when a `status=sent (250 … queued as NEWID)` hands a message to a filter that re-injected
// it into this same mail system, rather than delivering it to another server.
//
// The rule, with no address, port or filter name built in:
//  1. A re-injection that says so: the child's `client=…, orig_queue_id=ID` (XFORWARD IDENT, sent by amavis and
//     Postfix's own smtp client) names a message of the same host that is in memory. The child is linked at its
//     client= line; a later `queued as CHILD` from any message of the same chain is then a hop. (The ID is the
//     chain's first: a message requeued by `postsuper -r` after its filter pass goes through the filter again, and
//     its new child still names the original, lab out-filter 7B9AA1604A2 → 870901604A1.)
//  2. A re-injection that does not say so (the lab's filter for sendmail mail, amavis without XFORWARD, the
//     lightmeter corpus): `queued as NEWID` names a message that arrived on this same host, through smtpd, while
//     this delivery's connection was open (between `delays=` c+d seconds before the line and the line itself),
//     and whose claim window is still open (it has not settled, see eviction.ts).
// A remote server's `queued as` names a queue ID of another machine: it matches no message of this host, so it
// is a delivery. (Queue IDs are per host: a cluster's merged log keeps each host apart.) The same rule makes a
// hand-off from one Postfix instance to another on the same host a hop: the final delivery is counted once, by
// the instance that makes it.

import type { DeliveryStatus, LogRecord } from '../parse/events.js';
import type { MessageState } from './messages.js';

/**
 * Slack on both ends of the window, ms: classic syslog stamps have one-second resolution, and lines of different
 * processes can reach syslog slightly out of order.
 */
const STAMP_SLACK_MS = 2000;

/** True when `child` (the message `queued as` names, if in memory) is `parent`'s re-injection by a content filter. */
export function isFilterHop(parent: MessageState, child: MessageState | undefined, event: DeliveryStatus, record: LogRecord): boolean {
  if (child === undefined || child === parent || child.host !== parent.host) return false;
  // orig_queue_id names the first queue ID of the chain (XFORWARD IDENT stays in the queue file), so a requeued
  // or twice-filtered message's child names its root, not its parent
  if (child.parent !== null) return child.root === parent.root;
  if (child.origin !== 'smtpd' || child.settled || child.parentId !== null) return false;
  const open = connectionSeconds(event);
  return child.firstSeen <= record.time + STAMP_SLACK_MS && child.firstSeen >= record.time - open * 1000 - STAMP_SLACK_MS;
}

/** How long the delivery's connection was open, seconds: delays= c+d, else the whole delay=, else since forever. */
function connectionSeconds(event: DeliveryStatus): number {
  if (event.delays !== null) return event.delays.connSetup + event.delays.transmission;
  return event.delay ?? Number.POSITIVE_INFINITY;
}

/** Makes `child` the re-injection of `parent`: not a new message, its deliveries count as the root's. */
export function adopt(parent: MessageState, child: MessageState): void {
  child.parent = parent;
  child.parentId = parent.queueId;
  child.root = parent.root;
}
