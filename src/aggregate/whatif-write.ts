// The what-if evaluator's counters written as the report model (report/whatif.ts), with the notes that say what the
// figures cannot know.

import { isoTime } from '../parse/year.js';
import type { WhatIfCounts, WhatIfEntry, WhatIfExample, WhatIfTable } from '../report/whatif.js';
import type { TableTrial } from './whatif-table.js';
import type { Counter, ExampleRef } from './whatif-units.js';

/** What the log cannot tell, said with every what-if report. */
export const WHATIF_NOTES: readonly string[] = [
  'HELO names are known only from the lines that log them (reject, warn, hold and discard lines, header and body '
    + 'check lines); Postfix does not log the HELO of mail it accepts, so a HELO table cannot be tried on such '
    + 'sessions: they are counted under "unknown", never as passed.',
  'Recipients of accepted mail are known from its delivery lines (orig_to= where logged, else to=), senders from '
    + 'the queue manager\'s from=; refused transactions are known from their reject lines.',
  'Every smtpd session is tried, as if the table were the first restriction: permit_mynetworks, '
    + 'permit_sasl_authenticated or a check_*_access listed before it would exempt some of them. Clients that '
    + 'postscreen turned away never reached smtpd, and content-filter re-injections are not clients of their own: '
    + 'neither is counted.',
  'A session counts when a table reaches it, mail or not; with smtpd_delay_reject = yes (the default) a client or '
    + 'HELO reject comes at RCPT TO, so a session that sent no mail would only have been refused its later '
    + 'commands. Messages are the session\'s transactions: accepted ones, and those its reject lines refused.',
  'Delivered means a final delivery (status=sent) of a recipient the entry concerned (for client, HELO and sender '
    + 'tables: any recipient of the message): those are the would-be false positives.',
];

/** The figures of a counter. */
export function counts(c: Counter): WhatIfCounts {
  return { sessions: c.sessions, messages: c.messages, acceptedMessages: c.accepted, deliveredMessages: c.delivered };
}

/** One table's part of the report. */
export function whatIfTable(t: TableTrial): WhatIfTable {
  const entries: WhatIfEntry[] = [];
  const dead: number[] = [];
  for (const entry of t.table.entries) {
    const reached = t.entries[entry.index];
    if (reached === undefined) {
      dead.push(entry.line);
      continue;
    }
    const c = reached.counter;
    entries.push({
      line: entry.line,
      key: entry.key,
      action: entry.action,
      effect: reached.effect,
      clients: c.clients.size,
      ...counts(c),
      examples: examples(c),
    });
  }
  return {
    option: t.option,
    table: t.table.spec,
    entries,
    dead,
    refused: counts(t.refused),
    unknown: counts(t.unknown),
    warnings: [...t.table.warnings],
  };
}

/** Delivered examples first (the would-be false positives), then the others; `examplesLimit` of each. */
function examples(c: Counter): WhatIfExample[] {
  const delivered = c.deliveredExamples.map(example);
  const others = c.examples.filter((x) => !wasDelivered(x)).map(example);
  return [...delivered, ...others];
}

/** Whether what the example concerns was delivered: its recipient (recipient tables), else the message. */
function wasDelivered(x: ExampleRef): boolean {
  if (x.message === null) return false;
  return x.rcpt === null ? x.message.delivered : x.message.rcpts.get(x.rcpt)?.delivered === true;
}

function example(x: ExampleRef): WhatIfExample {
  const s = x.session;
  const m = x.message;
  const outcome: WhatIfExample['outcome'] = m === null ? 'no-mail' : wasDelivered(x) ? 'delivered' : m.accepted ? 'accepted' : 'refused';
  return {
    time: isoTime(m?.time ?? s.start, s.offset),
    client: s.clientKey,
    helo: s.helo,
    from: m === null ? null : m.from,
    to: m === null ? [] : x.rcpt !== null ? [x.rcpt] : [...m.rcpts.keys()],
    queueId: m?.queueId ?? null,
    outcome,
    lookup: x.lookup,
    result: x.result,
  };
}
