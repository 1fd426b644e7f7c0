// Tests for qmgr.ts: messages entering the active queue, removed, expired and skipped.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'qmgr reads a message entering the active queue',
    daemon: 'qmgr',
    line: 'ABC77160389: from=<alice@lab.example>, size=79700, nrcpt=2 (queue active)',
    queueId: 'ABC77160389',
    event: { kind: 'qmgr-queued', from: 'alice@lab.example', size: 79700, nrcpt: 2 },
  },
  {
    name: 'qmgr reads the null sender of a bounce',
    daemon: 'qmgr',
    line: 'B7D4A160390: from=<>, size=2549, nrcpt=1 (queue active)',
    queueId: 'B7D4A160390',
    event: { kind: 'qmgr-queued', from: '', size: 2549, nrcpt: 1 },
  },
  {
    name: 'qmgr reads a removal',
    daemon: 'qmgr',
    line: 'B7D4A160390: removed',
    queueId: 'B7D4A160390',
    event: { kind: 'qmgr-removed' },
  },
  {
    name: 'qmgr reads an expiry',
    daemon: 'qmgr',
    line: 'ABC77160389: from=<alice@lab.example>, status=expired, returned to sender',
    queueId: 'ABC77160389',
    event: { kind: 'qmgr-expired', from: 'alice@lab.example', forced: false },
  },
  // lab (out/maillog-postlogd-longids.log)
  {
    name: 'qmgr reads a long queue ID with z in its time part',
    daemon: 'qmgr',
    line: '4jZTwL3k7zzBrLm: from=<bulk@lab.example>, size=1868, nrcpt=1 (queue active)',
    queueId: '4jZTwL3k7zzBrLm',
    event: { kind: 'qmgr-queued', from: 'bulk@lab.example', size: 1868, nrcpt: 1 },
  },
  // postfix_exporter (Hsn723.log)
  {
    name: 'qmgr reads a forced expiry (postsuper -e) as a forced expiry',
    daemon: 'qmgr',
    line: 'BACE842E73: from=<noreply@domain.com>, status=force-expired, returned to sender',
    queueId: 'BACE842E73',
    event: { kind: 'qmgr-expired', from: 'noreply@domain.com', forced: true },
  },
  // postfix-grok-patterns (test/qmgr_*.yaml)
  {
    name: 'qmgr reads an expiry of a bounce',
    daemon: 'qmgr',
    line: '585BC3F: from=<>, status=expired, returned to sender',
    queueId: '585BC3F',
    event: { kind: 'qmgr-expired', from: '', forced: false },
  },
  {
    name: 'qmgr reads a message still being delivered',
    daemon: 'qmgr',
    line: 'ED06590130AA1C9D6D862: skipped, still being delivered',
    queueId: 'ED06590130AA1C9D6D862',
    event: { kind: 'qmgr-skipped' },
  },
  // msimerson-postfix-parser (postfix_messages)
  {
    name: 'qmgr reads an address with + and = in it',
    daemon: 'qmgr',
    line: '3mfNtc147Bz1M9pl: from=<e13f0bfb.ged.hd0.23.hjdjln+lugoe=maevolen.com@bnc.mailjet.com>, size=79660, nrcpt=1 (queue active)',
    queueId: '3mfNtc147Bz1M9pl',
    event: { kind: 'qmgr-queued', from: 'e13f0bfb.ged.hd0.23.hjdjln+lugoe=maevolen.com@bnc.mailjet.com', size: 79660, nrcpt: 1 },
  },
  {
    name: 'qmgr reads a queued line without a queue ID',
    daemon: 'qmgr',
    line: 'from=<spruit@example.org>, size=11445, nrcpt=1 (queue active)',
    queueId: null,
    event: { kind: 'qmgr-queued', from: 'spruit@example.org', size: 11445, nrcpt: 1 },
  },
];

runRows(ROWS);
