// Tests for bounce.ts (bounce, defer, trace): the notification a message caused and its new queue ID.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'bounce reads a non-delivery notification to the sender',
    daemon: 'bounce',
    line: 'ABC77160389: sender non-delivery notification: B7D4A160390',
    queueId: 'ABC77160389',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'non-delivery', newQueueId: 'B7D4A160390' },
  },
  {
    name: 'bounce reads a delay notification to the sender',
    daemon: 'bounce',
    line: '61C77160011: sender delay notification: 35415160004',
    queueId: '61C77160011',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'delay', newQueueId: '35415160004' },
  },
  // lab (out/maillog-postlogd-longids.log)
  {
    name: 'bounce reads long queue IDs with z in their time part',
    daemon: 'bounce',
    line: '4jZTwP1nqDzBrMF: sender non-delivery notification: 4jZTwP1tzmzBrMT',
    queueId: '4jZTwP1nqDzBrMF',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'non-delivery', newQueueId: '4jZTwP1tzmzBrMT' },
  },
  // postfix-grok-patterns (test/bounce_*.yaml)
  {
    name: 'bounce reads a delivery status notification (trace, success) to the sender',
    daemon: 'bounce',
    line: '65AFB8B5: sender delivery status notification: 1DF35917',
    queueId: '65AFB8B5',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'delivery-status', newQueueId: '1DF35917' },
  },
  {
    name: 'bounce reads a non-delivery notification to the postmaster',
    daemon: 'bounce',
    line: '482E4404AC8: postmaster non-delivery notification: 47335405A44',
    queueId: '482E4404AC8',
    event: { kind: 'bounce-notification', recipient: 'postmaster', type: 'non-delivery', newQueueId: '47335405A44' },
  },
  // msimerson-postfix-parser (postfix_messages)
  {
    name: 'bounce reads a new long queue ID',
    daemon: 'bounce',
    line: '3mKxY750hmz7scK: sender non-delivery notification: 3mKxYH0vl4z7sWS',
    queueId: '3mKxY750hmz7scK',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'non-delivery', newQueueId: '3mKxYH0vl4z7sWS' },
  },
  // postfix_exporter (Hsn723.log)
  {
    name: 'bounce reads a notification of another site',
    daemon: 'bounce',
    line: '732BB407C3: sender non-delivery notification: 5DE184083C',
    queueId: '732BB407C3',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'non-delivery', newQueueId: '5DE184083C' },
  },
  // a lab line (out/maillog-traditional.log) with the damage of postfix-deliverability-analytics' anonymiser applied
  // by hand: XXXX after the queue ID and after the word before the colon (that folder is LGPL: its lines are not copied)
  {
    name: 'bounce reads past the XXXX an anonymiser appended to the word before the colon',
    daemon: 'bounce',
    line: 'ABC77160389XXXX: sender non-delivery notificationXXXX: B7D4A160390',
    queueId: 'ABC77160389XXXX',
    event: { kind: 'bounce-notification', recipient: 'sender', type: 'non-delivery', newQueueId: 'B7D4A160390' },
  },
];

runRows(ROWS);
