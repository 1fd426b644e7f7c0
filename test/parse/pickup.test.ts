// Tests for pickup.ts: mail submitted with sendmail(1) entering the queue.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'pickup reads the uid and sender of sendmail-submitted mail',
    daemon: 'pickup',
    line: '0BB95160042: uid=1003 from=<carol>',
    queueId: '0BB95160042',
    event: { kind: 'pickup', uid: 1003, from: 'carol', origQueueId: null },
  },
  {
    name: 'pickup reads a message requeued by postsuper -r with its original queue ID',
    daemon: 'pickup',
    line: 'F35BB160486: uid=102 from=<alerts@lab.example> orig_id=37114160071',
    queueId: 'F35BB160486',
    event: { kind: 'pickup', uid: 102, from: 'alerts@lab.example', origQueueId: '37114160071' },
  },
  // postfix-grok-patterns (test/pickup_0001.yaml)
  {
    name: 'pickup reads root\'s mail',
    daemon: 'pickup',
    line: 'D2FAE20586: uid=0 from=<fail2ban>',
    queueId: 'D2FAE20586',
    event: { kind: 'pickup', uid: 0, from: 'fail2ban', origQueueId: null },
  },
  // msimerson-postfix-parser (postfix_messages)
  {
    name: 'pickup reads a long queue ID',
    daemon: 'pickup',
    line: '3mKxs308vpz7sXd: uid=1206 from=<system>',
    queueId: '3mKxs308vpz7sXd',
    event: { kind: 'pickup', uid: 1206, from: 'system', origQueueId: null },
  },
];

runRows(ROWS);
