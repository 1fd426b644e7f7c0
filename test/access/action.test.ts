// What an access-table result makes smtpd do (access(5), check_table_result() in smtpd_check.c).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectOf, REFUSING } from '../../src/access/action.js';

const EFFECTS: readonly [string, string][] = [
  ['REJECT You are not me', 'reject'],
  ['reject', 'reject'],
  ['550 S25R check', 'reject'],
  ['550 5.7.1 no bounces', 'reject'],
  ['450 4.7.1 S25R rule 1', 'defer'],
  ['421 go away', 'defer'],
  ['DEFER try later', 'defer'],
  ['550', 'accept'],
  ['1234567890', 'accept'],
  ['OK', 'accept'],
  ['ok trailing text ignored', 'accept'],
  ['RELAY', 'accept'],
  ['PERMIT', 'accept'],
  ['permit_mynetworks, reject', 'restrictions'],
  ['reject_unknown_client_hostname', 'restrictions'],
  ['DUNNO', 'dunno'],
  ['WARN Watched mailbox received mail', 'warn'],
  ['INFO noted', 'info'],
  ['HOLD Held by recipient access rule', 'hold'],
  ['DISCARD Spam trap hit', 'discard'],
  ['FILTER smtp:[127.0.0.1]:10025', 'filter'],
  ['REDIRECT abuse@example.com', 'redirect'],
  ['BCC archive@example.com', 'bcc'],
  ['PREPEND X-Checked: yes', 'prepend'],
  ['DEFER_IF_PERMIT not yet', 'defer-if-permit'],
  ['defer_if_reject maybe', 'defer-if-reject'],
  ['check_client_access hash:/etc/postfix/x', 'defer'],
  ['', 'accept'],
];

for (const [value, effect] of EFFECTS) {
  test(`action: ${JSON.stringify(value)} is ${effect}`, () => {
    assert.equal(effectOf(value), effect);
  });
}

test('action: only reject and defer refuse', () => {
  assert.deepEqual([...REFUSING].sort(), ['defer', 'reject']);
});
