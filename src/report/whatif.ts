// The what-if report model (`postsumm what-if`): for each access table given, which of its entries the log's
// clients, HELO names, senders and recipients would have reached, what those entries would have done to the
// sessions and messages of the log, and how much of that was mail that was in fact delivered. Plain data, as the
// report model is (STYLE.md rule 6); the JSON output is this object.

/** Bumped when a field changes meaning or goes away. */
export const WHATIF_SCHEMA_VERSION = 1;

/** Which smtpd access check a table is tried as: check_client_access, check_helo_access, … */
export type WhatIfOption = 'client' | 'helo' | 'sender' | 'recipient';

/** How many sessions and messages a thing reached. */
export interface WhatIfCounts {
  /** smtpd sessions (connect … disconnect) */
  sessions: number;
  /** mail transactions: messages the server accepted, and transactions refused by a reject line */
  messages: number;
  /** of `messages`, those the server accepted (queued) */
  acceptedMessages: number;
  /** of `messages`, those delivered to at least one of the recipients concerned */
  deliveredMessages: number;
}

/** One example of what an entry reached: a message (or a session without one). */
export interface WhatIfExample {
  /** ISO time of the session's first line */
  time: string;
  /** `name[ip]` */
  client: string;
  /** as logged, or null when the log does not say (HELO of accepted mail is not logged) */
  helo: string | null;
  /** envelope sender ('' for the null sender), null for a session without mail or when unknown */
  from: string | null;
  /** recipients the entry concerned (all known recipients for client, HELO and sender tables) */
  to: string[];
  /** the queue ID of an accepted message, else null */
  queueId: string | null;
  /** what happened to it in fact */
  outcome: 'delivered' | 'accepted' | 'refused' | 'no-mail';
  /** the key the lookup found the entry under (`dhcp-44-7.pool.isp.example`, `127.0.0`, `example.com`) */
  lookup: string;
  /** the entry's result for it, after $n substitution */
  result: string;
}

/** One entry of a table that the log reached. */
export interface WhatIfEntry extends WhatIfCounts {
  /** its line in the table file */
  line: number;
  /** the pattern or key as written */
  key: string;
  /** the result as written */
  action: string;
  /** what the result does: reject, defer, accept, dunno, warn, hold, discard, … (access(5)) */
  effect: string;
  /** distinct client name/address pairs whose lookup ended at this entry (client tables), or of the sessions reached */
  clients: number;
  /** delivered messages first, then others; at most --examples of each */
  examples: WhatIfExample[];
}

/** One table's what-if. */
export interface WhatIfTable {
  option: WhatIfOption;
  /** as given on the command line: `regexp:/etc/postfix/client_checks` */
  table: string;
  /** entries the log reached, in table order */
  entries: WhatIfEntry[];
  /** lines of the entries nothing in the log reached */
  dead: number[];
  /** what the table as a whole would have refused (entries with effect reject or defer; each unit once) */
  refused: WhatIfCounts;
  /** sessions and messages the table could not be tried on: their key is not in the log */
  unknown: WhatIfCounts;
  /** what Postfix would warn about in the table (duplicates, patterns that cannot match as written) */
  warnings: string[];
}

/** The whole what-if report. */
export interface WhatIfReport {
  schemaVersion: typeof WHATIF_SCHEMA_VERSION;
  generator: string;
  period: { from: string | null; to: string | null };
  /** everything the tables were tried on: smtpd sessions and their transactions in the log */
  log: WhatIfCounts;
  tables: WhatIfTable[];
  /** what the figures cannot know, in words */
  notes: string[];
}

/** The words text and HTML share: each option as the smtpd restriction it stands for, and the column heads. */
export const WHATIF_LABELS = {
  title: 'What-if',
  check: {
    client: 'check_client_access',
    helo: 'check_helo_access',
    sender: 'check_sender_access',
    recipient: 'check_recipient_access',
  } satisfies Record<WhatIfOption, string>,
  /** what the unknown figures lack, per option */
  unknown: {
    client: 'client not in the log',
    helo: 'HELO not in the log',
    sender: 'sender not in the log',
    recipient: 'recipients not in the log',
  } satisfies Record<WhatIfOption, string>,
  refused: 'would refuse',
  dead: 'dead entries (nothing in the log reaches them), lines',
  warnings: 'warnings',
  examples: 'examples',
  notes: 'What the log cannot tell',
} as const;
