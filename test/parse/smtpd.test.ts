// Tests for src/parse/smtpd.ts and smtpd-warning.ts: every smtpd line shape, real lines taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { assertLinear } from '../linear.js';
import { parseSmtpd } from '../../src/parse/smtpd.js';

type Row = [string, string, { queueId: string | null; event: PostfixEvent }];

// [what it is, the message after the syslog header, the whole { queueId, event } expected]
const REAL: Row[] = [
  // lab (out/maillog-traditional.log)
  ['connect from a named client', 'connect from laptop81.home.example[127.0.0.81]',
    { queueId: null, event: { kind: 'smtpd-connect', client: { name: 'laptop81.home.example', ip: '127.0.0.81', port: null } } }],
  // postfix_exporter (Apache-2.0)
  ['connect from an unknown IPv6 client', 'connect from unknown[fe80::1:2:3:4]',
    { queueId: null, event: { kind: 'smtpd-connect', client: { name: 'unknown', ip: 'fe80::1:2:3:4', port: null } } }],
  // lab (out/maillog-traditional.log)
  ['disconnect with per-command counts', 'disconnect from laptop83.home.example[127.0.0.83] ehlo=1 auth=1 mail=1 rcpt=2 data=1 quit=1 commands=7',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: 'laptop83.home.example', ip: '127.0.0.83', port: null }, commands: [{ name: 'ehlo', ok: 1, total: 1 }, { name: 'auth', ok: 1, total: 1 }, { name: 'mail', ok: 1, total: 1 }, { name: 'rcpt', ok: 2, total: 2 }, { name: 'data', ok: 1, total: 1 }, { name: 'quit', ok: 1, total: 1 }, { name: 'commands', ok: 7, total: 7 }] } }],
  ['disconnect of a client that sent only junk (unknown=0/1)', 'disconnect from scanner.probe.example[127.0.0.72] unknown=0/1 commands=0/1',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: 'scanner.probe.example', ip: '127.0.0.72', port: null }, commands: [{ name: 'unknown', ok: 0, total: 1 }, { name: 'commands', ok: 0, total: 1 }] } }],
  // postfix-grok-patterns (BSD-3)
  ['disconnect with failed counts (rcpt=0/1 bdat=0/1)', 'disconnect from example.net[158.247.23.50] ehlo=2 starttls=1 mail=1 rcpt=0/1 bdat=0/1 commands=4/6',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: 'example.net', ip: '158.247.23.50', port: null }, commands: [{ name: 'ehlo', ok: 2, total: 2 }, { name: 'starttls', ok: 1, total: 1 }, { name: 'mail', ok: 1, total: 1 }, { name: 'rcpt', ok: 0, total: 1 }, { name: 'bdat', ok: 0, total: 1 }, { name: 'commands', ok: 4, total: 6 }] } }],
  ['disconnect without counts (Postfix < 3.0)', 'disconnect from 061238241086.static.ctinets.com[61.238.241.86]',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: '061238241086.static.ctinets.com', ip: '61.238.241.86', port: null }, commands: [] } }],
  // postfix_exporter (Apache-2.0)
  ['disconnect of an IPv6 client', 'disconnect from unknown[fe80::1:2:3:4] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: 'unknown', ip: 'fe80::1:2:3:4', port: null }, commands: [{ name: 'ehlo', ok: 2, total: 2 }, { name: 'starttls', ok: 1, total: 1 }, { name: 'auth', ok: 1, total: 1 }, { name: 'mail', ok: 1, total: 1 }, { name: 'rcpt', ok: 1, total: 1 }, { name: 'data', ok: 1, total: 1 }, { name: 'quit', ok: 1, total: 1 }, { name: 'commands', ok: 8, total: 8 }] } }],
  // pk65-search_postfix_log (MIT)
  ['client= alone', '54BE7192007D: client=localhost[127.0.0.1]',
    { queueId: '54BE7192007D', event: { kind: 'smtpd-client', client: { name: 'localhost', ip: '127.0.0.1', port: null }, saslMethod: null, saslUsername: null, saslSender: null, origQueueId: null, origClient: null } }],
  // lab (out/maillog-traditional.log)
  ['client= with SASL method and user name', 'ABC77160389: client=laptop81.home.example[127.0.0.81], sasl_method=LOGIN, sasl_username=alice@lab.example',
    { queueId: 'ABC77160389', event: { kind: 'smtpd-client', client: { name: 'laptop81.home.example', ip: '127.0.0.81', port: null }, saslMethod: 'LOGIN', saslUsername: 'alice@lab.example', saslSender: null, origQueueId: null, origClient: null } }],
  // postfix_exporter (Apache-2.0)
  ['client= of an IPv6 SASL client', '838FC8A5F: client=unknown[fe80::1:2:3:4], sasl_method=PLAIN, sasl_username=out@example.org',
    { queueId: '838FC8A5F', event: { kind: 'smtpd-client', client: { name: 'unknown', ip: 'fe80::1:2:3:4', port: null }, saslMethod: 'PLAIN', saslUsername: 'out@example.org', saslSender: null, origQueueId: null, origClient: null } }],
  // lab (out-filter/maillog-traditional.log): a content filter's re-injection
  ['client= with orig_queue_id and orig_client', '30DB9160092: client=localhost[127.0.0.1], orig_queue_id=24F9C160090, orig_client=laptop84.home.example[127.0.0.84]',
    { queueId: '30DB9160092', event: { kind: 'smtpd-client', client: { name: 'localhost', ip: '127.0.0.1', port: null }, saslMethod: null, saslUsername: null, saslSender: null, origQueueId: '24F9C160090', origClient: { name: 'laptop84.home.example', ip: '127.0.0.84', port: null } } }],
  // modoboa (ISC): a before-queue filter (NOQUEUE) and its re-injection without orig_queue_id
  ['client= under NOQUEUE', 'NOQUEUE: client=misas5.babino.pl[207.154.235.157]',
    { queueId: null, event: { kind: 'smtpd-client', client: { name: 'misas5.babino.pl', ip: '207.154.235.157', port: null }, saslMethod: null, saslUsername: null, saslSender: null, origQueueId: null, origClient: null } }],
  ['client= with orig_client only', '1FEB7E00C4: client=localhost.localdomain[127.0.0.1], orig_client=misas5.babino.pl[207.154.235.157]',
    { queueId: '1FEB7E00C4', event: { kind: 'smtpd-client', client: { name: 'localhost.localdomain', ip: '127.0.0.1', port: null }, saslMethod: null, saslUsername: null, saslSender: null, origQueueId: null, origClient: { name: 'misas5.babino.pl', ip: '207.154.235.157', port: null } } }],
  // lab (out/maillog-traditional.log)
  ['reject at RCPT with a reply holding semicolons', 'NOQUEUE: reject: RCPT from relay.badhost.example[127.0.0.51]: 554 5.7.1 Service unavailable; Client host [127.0.0.51] blocked using rbl.lab.test; Listed in rbl.lab.test, see http://rbl.lab.test/?ip=127.0.0.51; from=<promo@badhost.example> to=<bob@lab.example> proto=ESMTP helo=<relay.badhost.example>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'RCPT', client: { name: 'relay.badhost.example', ip: '127.0.0.51', port: null }, reply: { code: 554, enhanced: '5.7.1', text: 'Service unavailable; Client host [127.0.0.51] blocked using rbl.lab.test; Listed in rbl.lab.test, see http://rbl.lab.test/?ip=127.0.0.51' }, envelope: { from: 'promo@badhost.example', to: 'bob@lab.example', proto: 'ESMTP', helo: 'relay.badhost.example' } } }],
  ['reject at MAIL (no to= yet)', 'NOQUEUE: reject: MAIL from mail69.senders.example[127.0.0.69]: 552 5.3.4 Message size exceeds fixed limit; from=<team@senders.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'MAIL', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, reply: { code: 552, enhanced: '5.3.4', text: 'Message size exceeds fixed limit' }, envelope: { from: 'team@senders.example', to: null, proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  ['reject at DATA under a queue ID', '8D56F160071: reject: DATA from pipeliner.rude.example[127.0.0.73]: 503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining; from=<x@rude.example> to=<alice@lab.example> proto=SMTP helo=<pipeliner.rude.example>',
    { queueId: '8D56F160071', event: { kind: 'smtpd-reject', action: 'reject', stage: 'DATA', client: { name: 'pipeliner.rude.example', ip: '127.0.0.73', port: null }, reply: { code: 503, enhanced: '5.5.0', text: '<DATA>: Data command rejected: Improper use of SMTP command pipelining' }, envelope: { from: 'x@rude.example', to: 'alice@lab.example', proto: 'SMTP', helo: 'pipeliner.rude.example' } } }],
  ['reject at DATA with the null sender', 'E5E06160397: reject: DATA from mail63.senders.example[127.0.0.63]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> proto=ESMTP helo=<mail63.senders.example>',
    { queueId: 'E5E06160397', event: { kind: 'smtpd-reject', action: 'reject', stage: 'DATA', client: { name: 'mail63.senders.example', ip: '127.0.0.63', port: null }, reply: { code: 550, enhanced: '5.5.3', text: '<DATA>: Data command rejected: Multi-recipient bounce' }, envelope: { from: '', to: null, proto: 'ESMTP', helo: 'mail63.senders.example' } } }],
  ['reject_warning (warn_if_reject)', 'NOQUEUE: reject_warning: RCPT from unknown[127.0.0.48]: 450 4.7.25 Client host rejected: cannot find your hostname, [127.0.0.48]; from=<someone@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail.forged.example.net>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject_warning', stage: 'RCPT', client: { name: 'unknown', ip: '127.0.0.48', port: null }, reply: { code: 450, enhanced: '4.7.25', text: 'Client host rejected: cannot find your hostname, [127.0.0.48]' }, envelope: { from: 'someone@senders.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mail.forged.example.net' } } }],
  // postfix-grok-patterns (BSD-3)
  ['reject at RCPT with a three-digit enhanced detail', 'NOQUEUE: reject: RCPT from 061238241086.static.ctinets.com[61.238.241.86]: 550 5.12.345 <user@example.com>: Recipient address rejected: Some error message; from=<wumt5@cchfdc.com> to=<user@example.com> proto=ESMTP helo=<ecsolved.com>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'RCPT', client: { name: '061238241086.static.ctinets.com', ip: '61.238.241.86', port: null }, reply: { code: 550, enhanced: '5.12.345', text: '<user@example.com>: Recipient address rejected: Some error message' }, envelope: { from: 'wumt5@cchfdc.com', to: 'user@example.com', proto: 'ESMTP', helo: 'ecsolved.com' } } }],
  ['reject at RCPT from an IPv6 client', 'NOQUEUE: reject: RCPT from unknown[2001:980:cfb1:1:82f:f74e:a45c:3033]: 504 5.5.2 <aap@henk>: Sender address rejected: need fully-qualified address; from=<aap@henk> to=<user@example.com> proto=SMTP helo=<test>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'RCPT', client: { name: 'unknown', ip: '2001:980:cfb1:1:82f:f74e:a45c:3033', port: null }, reply: { code: 504, enhanced: '5.5.2', text: '<aap@henk>: Sender address rejected: need fully-qualified address' }, envelope: { from: 'aap@henk', to: 'user@example.com', proto: 'SMTP', helo: 'test' } } }],
  ['reject at VRFY (to= without from=)', 'NOQUEUE: reject: VRFY from unknown[2001:968:9999:20:88b:9b7d:2a54:2bd2]: 454 4.7.1 <aap@henk.com>: Relay access denied; to=<aap@henk.com> proto=SMTP helo=<me>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'VRFY', client: { name: 'unknown', ip: '2001:968:9999:20:88b:9b7d:2a54:2bd2', port: null }, reply: { code: 454, enhanced: '4.7.1', text: '<aap@henk.com>: Relay access denied' }, envelope: { from: null, to: 'aap@henk.com', proto: 'SMTP', helo: 'me' } } }],
  ['milter-reject at RCPT', 'NOQUEUE: milter-reject: RCPT from mailrelay.example.com[8.8.8.8]: 451 4.7.1 Greylisting in action, please come back later; from=<support@example.com> to=<example@example.org> proto=ESMTP helo=<mailrelay.example.com>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'milter-reject', stage: 'RCPT', client: { name: 'mailrelay.example.com', ip: '8.8.8.8', port: null }, reply: { code: 451, enhanced: '4.7.1', text: 'Greylisting in action, please come back later' }, envelope: { from: 'support@example.com', to: 'example@example.org', proto: 'ESMTP', helo: 'mailrelay.example.com' } } }],
  // moj-postfix-stats-collector (MIT)
  ['reject at MAIL with a reply without enhanced code and no from=', 'NOQUEUE: reject: MAIL from localhost[127.0.0.1]: 452 Insufficient system storage; proto=ESMTP helo=<localhost>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'MAIL', client: { name: 'localhost', ip: '127.0.0.1', port: null }, reply: { code: 452, enhanced: null, text: 'Insufficient system storage' }, envelope: { from: null, to: null, proto: 'ESMTP', helo: 'localhost' } } }],
  // crowdsec-hub (MIT): a sample cut short before its `;`
  ['reject whose line was cut before the envelope', 'NOQUEUE: reject: RCPT from unknown[1.2.3.4]: 554 5.7.1 Service unavailable',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'RCPT', client: { name: 'unknown', ip: '1.2.3.4', port: null }, reply: { code: 554, enhanced: '5.7.1', text: 'Service unavailable' }, envelope: { from: null, to: null, proto: null, helo: null } } }],
  // lab (out/maillog-traditional.log)
  ['discard at RCPT', 'NOQUEUE: discard: RCPT from out.newsletter.example[127.0.0.43]: <spamtrap@lab.example>: Recipient address Spam trap hit; from=<ceo@newsletter.example> to=<spamtrap@lab.example> proto=ESMTP helo=<out.newsletter.example>',
    { queueId: null, event: { kind: 'smtpd-action', action: 'discard', stage: 'RCPT', client: { name: 'out.newsletter.example', ip: '127.0.0.43', port: null }, text: '<spamtrap@lab.example>: Recipient address Spam trap hit', envelope: { from: 'ceo@newsletter.example', to: 'spamtrap@lab.example', proto: 'ESMTP', helo: 'out.newsletter.example' } } }],
  ['hold at RCPT', 'NOQUEUE: hold: RCPT from mail69.senders.example[127.0.0.69]: <quarantine-me@lab.example>: Recipient address Held by recipient access rule; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: null, event: { kind: 'smtpd-action', action: 'hold', stage: 'RCPT', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, text: '<quarantine-me@lab.example>: Recipient address Held by recipient access rule', envelope: { from: 'news@senders.example', to: 'quarantine-me@lab.example', proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  // youyo-postfix-log-parser (MIT)
  ['filter at RCPT under a queue ID', 'B42E77AB32: filter: RCPT from 42-64-53-170.subs.proxad.net[42.64.53.170]: <archive@senderdomain.com>: Recipient address triggers FILTER relay:[smtp01.example.org]; from=<youssefh@senderdomain.com> to=<archive@senderdomain.com> proto=ESMTP helo=<[172.18.0.2]>',
    { queueId: 'B42E77AB32', event: { kind: 'smtpd-action', action: 'filter', stage: 'RCPT', client: { name: '42-64-53-170.subs.proxad.net', ip: '42.64.53.170', port: null }, text: '<archive@senderdomain.com>: Recipient address triggers FILTER relay:[smtp01.example.org]', envelope: { from: 'youssefh@senderdomain.com', to: 'archive@senderdomain.com', proto: 'ESMTP', helo: '[172.18.0.2]' } } }],
  // postfix-grok-patterns (BSD-3)
  ['discard at MAIL', 'NOQUEUE: discard: MAIL from ccm231.constantcontact.com[208.75.123.231]: <bsdbdsfbw==_4343_sdfbddw==@in.constantcontact.com>: Sender address SPAM; from=<bsdbdsfbw==_4343_sdfbddw==@in.constantcontact.com> proto=ESMTP helo=<ccm231.constantcontact.com>',
    { queueId: null, event: { kind: 'smtpd-action', action: 'discard', stage: 'MAIL', client: { name: 'ccm231.constantcontact.com', ip: '208.75.123.231', port: null }, text: '<bsdbdsfbw==_4343_sdfbddw==@in.constantcontact.com>: Sender address SPAM', envelope: { from: 'bsdbdsfbw==_4343_sdfbddw==@in.constantcontact.com', to: null, proto: 'ESMTP', helo: 'ccm231.constantcontact.com' } } }],
  // modoboa (ISC)
  ['proxy-accept with the filter\'s reply', 'proxy-accept: END-OF-MESSAGE: 250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as A0320E00C3; from=<visitbrussels-huticd1jyidyhxuy1y@cmail19.com> to=<user@test.com> proto=ESMTP helo=<mx139.g.outbound.createsend.com>',
    { queueId: null, event: { kind: 'smtpd-proxy', accepted: true, stage: 'END-OF-MESSAGE', reply: { code: 250, enhanced: '2.0.0', text: 'from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as A0320E00C3' }, envelope: { from: 'visitbrussels-huticd1jyidyhxuy1y@cmail19.com', to: 'user@test.com', proto: 'ESMTP', helo: 'mx139.g.outbound.createsend.com' } } }],
  // postfix-grok-patterns (BSD-3)
  ['proxy-reject with a reply', 'proxy-reject: END-OF-MESSAGE: 554 5.7.0 Reject, contact postmaster@example.com, id=31619-02 - spam; from=<> to=<user2@example2.com> proto=SMTP helo=<17.33.12.53>',
    { queueId: null, event: { kind: 'smtpd-proxy', accepted: false, stage: 'END-OF-MESSAGE', reply: { code: 554, enhanced: '5.7.0', text: 'Reject, contact postmaster@example.com, id=31619-02 - spam' }, envelope: { from: '', to: 'user2@example2.com', proto: 'SMTP', helo: '17.33.12.53' } } }],
  ['proxy-reject with an empty reply', 'proxy-reject: END-OF-MESSAGE: ; from=<user1@test.example.com> to=<user2@example2.com> proto=ESMTP helo=<[192.168.0.16]>',
    { queueId: null, event: { kind: 'smtpd-proxy', accepted: false, stage: 'END-OF-MESSAGE', reply: { code: null, enhanced: null, text: '' }, envelope: { from: 'user1@test.example.com', to: 'user2@example2.com', proto: 'ESMTP', helo: '[192.168.0.16]' } } }],
  // lab (out/maillog-traditional.log)
  ['lost connection after DATA with its byte count', 'lost connection after DATA (34 bytes) from drop.flaky-client.example[127.0.0.71]',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'lost-connection', after: 'DATA', client: { name: 'drop.flaky-client.example', ip: '127.0.0.71', port: null }, detail: '(34 bytes)' } }],
  ['too many errors after RCPT', 'too many errors after RCPT from typo.errors.example[127.0.0.74]',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'too-many-errors', after: 'RCPT', client: { name: 'typo.errors.example', ip: '127.0.0.74', port: null }, detail: '' } }],
  // lab (out/maillog-postlogd-longids.log)
  ['timeout after EHLO', 'timeout after EHLO from idle.slowpoke.example[127.0.0.70]',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'timeout', after: 'EHLO', client: { name: 'idle.slowpoke.example', ip: '127.0.0.70', port: null }, detail: '' } }],
  // postfix-grok-patterns (BSD-3)
  ['lost connection after UNKNOWN from an IPv6 client', 'lost connection after UNKNOWN from unknown[2001:456:cfb1:1:f5d7:dead:beef:cafe]',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'lost-connection', after: 'UNKNOWN', client: { name: 'unknown', ip: '2001:456:cfb1:1:f5d7:dead:beef:cafe', port: null }, detail: '' } }],
  ['timeout after CONNECT', 'timeout after CONNECT from unknown[177.227.18.3]',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'timeout', after: 'CONNECT', client: { name: 'unknown', ip: '177.227.18.3', port: null }, detail: '' } }],
  // sshguard (ISC-style): smtpd_client_port_logging
  ['lost connection from a client logged with its port', 'lost connection after AUTH from 201.130.128.222.ded.telnor.net[201.130.128.222]:59123',
    { queueId: null, event: { kind: 'smtpd-abort', reason: 'lost-connection', after: 'AUTH', client: { name: '201.130.128.222.ded.telnor.net', ip: '201.130.128.222', port: 59123 }, detail: '' } }],
  // lab (out/maillog-traditional.log)
  ['improper pipelining with the early commands', 'improper command pipelining after MAIL from pipeliner.rude.example[127.0.0.73]: RCPT TO:<alice@lab.example>\\r\\nDATA\\r\\n',
    { queueId: null, event: { kind: 'smtpd-pipelining', after: 'MAIL', client: { name: 'pipeliner.rude.example', ip: '127.0.0.73', port: null }, data: 'RCPT TO:<alice@lab.example>\\r\\nDATA\\r\\n' } }],
  // postfix-grok-patterns (BSD-3)
  ['improper pipelining after EHLO from an IPv6 client', 'improper command pipelining after EHLO from unknown[2001:968:9999:20:415c:cd2:da8e:d0cf]: MAIL FROM:<>\\nRCPT TO:<tom@example.net>\\nDATA\\nSubject: pipeline test\\n\\nThis is a test\\n.\\nQUIT\\n\\r\\n',
    { queueId: null, event: { kind: 'smtpd-pipelining', after: 'EHLO', client: { name: 'unknown', ip: '2001:968:9999:20:415c:cd2:da8e:d0cf', port: null }, data: 'MAIL FROM:<>\\nRCPT TO:<tom@example.net>\\nDATA\\nSubject: pipeline test\\n\\nThis is a test\\n.\\nQUIT\\n\\r\\n' } }],
  // lab (out/maillog-traditional.log)
  ['SASL failure with the user name', 'warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'brute.attacker.example', ip: '127.0.0.54', port: null }, method: 'LOGIN', reason: 'authentication failure', saslUsername: 'alice@lab.example' } }],
  // crowdsec-hub (MIT)
  ['SASL failure with no reason', 'warning: unknown[203.0.113.10]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=postmaster@example.org',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'unknown', ip: '203.0.113.10', port: null }, method: 'LOGIN', reason: '(reason unavailable)', saslUsername: 'postmaster@example.org' } }],
  // postfix-grok-patterns (BSD-3)
  ['SASL failure with a base64 challenge', 'warning: ec2-3-84-57-208.compute-1.amazonaws.com[3.84.57.208]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'ec2-3-84-57-208.compute-1.amazonaws.com', ip: '3.84.57.208', port: null }, method: 'LOGIN', reason: 'UGFzc3dvcmQ6', saslUsername: null } }],
  // sshguard (ISC-style)
  ['SASL failure of a client with a port', 'warning: unknown[122.166.249.154]:48123: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'unknown', ip: '122.166.249.154', port: 48123 }, method: 'LOGIN', reason: 'UGFzc3dvcmQ6', saslUsername: null } }],
  ['SASL failure of an IPv6 client', 'warning: unknown[2001:db8::a11:beef:7ac0]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'unknown', ip: '2001:db8::a11:beef:7ac0', port: null }, method: 'LOGIN', reason: 'UGFzc3dvcmQ6', saslUsername: null } }],
  // postfix_exporter (Apache-2.0)
  ['SASL failure from the library', 'warning: laptop.local[192.168.1.2]: SASL PLAIN authentication failed: generic failure',
    { queueId: null, event: { kind: 'smtpd-sasl-failed', client: { name: 'laptop.local', ip: '192.168.1.2', port: null }, method: 'PLAIN', reason: 'generic failure', saslUsername: null } }],
  // lab (out/maillog-traditional.log)
  ['reverse-DNS warning names the claimed host and the address', 'warning: hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'reverse-dns', client: { name: 'forged.example.net', ip: '127.0.0.48', port: null }, text: 'hostname forged.example.net does not resolve to address 127.0.0.48: Name or service not known' } }],
  // postfix-grok-patterns (BSD-3)
  ['reverse-DNS warning without a resolver reason', 'warning: hostname exemple.com does not resolve to address 185.14.29.32',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'reverse-dns', client: { name: 'exemple.com', ip: '185.14.29.32', port: null }, text: 'hostname exemple.com does not resolve to address 185.14.29.32' } }],
  // lab (out/maillog-traditional.log)
  ['non-SMTP command', 'warning: non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'non-smtp', client: { name: 'scanner.probe.example', ip: '127.0.0.72', port: null }, text: 'non-SMTP command from scanner.probe.example[127.0.0.72]: GET / HTTP/1.1' } }],
  // crowdsec-hub (MIT)
  ['non-SMTP command with escaped bytes', 'warning: non-SMTP command from not.stretchoid.com[192.168.1.1]: \\001\\000\\000S\\000\\005\\000\\005\\001\\000\\000\\000\\000\\000',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'non-smtp', client: { name: 'not.stretchoid.com', ip: '192.168.1.1', port: null }, text: 'non-SMTP command from not.stretchoid.com[192.168.1.1]: \\001\\000\\000S\\000\\005\\000\\005\\001\\000\\000\\000\\000\\000' } }],
  // lab (out/maillog-traditional.log)
  ['connection rate limit', 'warning: Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'limit', client: { name: 'burst.flood.example', ip: '127.0.0.55', port: null }, text: 'Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd' } }],
  ['queue file size limit', 'warning: 5A074160033: queue file size limit exceeded',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'limit', client: null, text: '5A074160033: queue file size limit exceeded' } }],
  ['SASL library warning', 'warning: SASL authentication failure: Password verification failed',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'sasl', client: null, text: 'SASL authentication failure: Password verification failed' } }],
  ['WARN access action', 'NOQUEUE: warn: RCPT from mta1.bigcorp.example[127.0.0.42]: Watched mailbox received mail; from=<noreply@bigcorp.example> to=<watched@lab.example> proto=ESMTP helo=<mta1.bigcorp.example>',
    { queueId: null, event: { kind: 'smtpd-action', action: 'warn', stage: 'RCPT', client: { name: 'mta1.bigcorp.example', ip: '127.0.0.42', port: null }, text: 'Watched mailbox received mail', envelope: { from: 'noreply@bigcorp.example', to: 'watched@lab.example', proto: 'ESMTP', helo: 'mta1.bigcorp.example' } } }],
  // modoboa (ISC)
  ['RBL lookup error', 'warning: 157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. Name service error for name=157.235.154.207.zen.spamhaus.org type=A: Host not found, try again',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'dnsbl', client: null, text: '157.235.154.207.zen.spamhaus.org: RBL lookup error: Host or domain name not found. Name service error for name=157.235.154.207.zen.spamhaus.org type=A: Host not found, try again' } }],
  // postfix_exporter (Apache-2.0)
  ['fatal configuration error', 'fatal: file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody',
    { queueId: null, event: { kind: 'diagnostic', level: 'fatal', category: 'config', client: null, text: 'file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody' } }],
  // pk65-search_postfix_log (MIT)
  ['database warning', 'warning: dict_nis_init: NIS domain name not set - NIS lookups disabled',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'database', client: null, text: 'dict_nis_init: NIS domain name not set - NIS lookups disabled' } }],
  // moj-postfix-stats-collector (MIT)
  ['other warning naming a client', 'warning: Illegal address syntax from localhost[127.0.0.1] in RCPT command: <name@62.157.140.137>',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'other', client: { name: 'localhost', ip: '127.0.0.1', port: null }, text: 'Illegal address syntax from localhost[127.0.0.1] in RCPT command: <name@62.157.140.137>' } }],
  ['other warning without a client', 'warning: valid_hostname: invalid character 92(decimal): \\@',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'other', client: null, text: 'valid_hostname: invalid character 92(decimal): \\@' } }],
  // msimerson-postfix-parser (BSD-2): logged by smtp there; smtpd logs the same TLS library text
  ['TLS library warning', 'warning: TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'tls', client: null, text: 'TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:' } }],
  // lab (out/maillog-traditional.log)
  ['TLS summary of a client', 'Anonymous TLS connection established from laptop81.home.example[127.0.0.81]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    { queueId: null, event: { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: 'laptop81.home.example', ip: '127.0.0.81', port: null }, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, detail: 'key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256' } }],
  // postfix-grok-patterns (BSD-3)
  ['TLS handshake failure', 'SSL_accept error from unknown[72.13.58.7]: lost connection',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'unknown', ip: '72.13.58.7', port: null }, text: 'SSL_accept error: lost connection' } }],
  // postfix_exporter (Apache-2.0): an info-level notice, no `warning:` prefix
  ['a lookup table that changed', 'table hash:/etc/postfix/virtual_mailbox_maps(0,lock|fold_fix) has changed -- restarting',
    { queueId: null, event: { kind: 'diagnostic', level: 'info', category: 'config', client: null, text: 'table hash:/etc/postfix/virtual_mailbox_maps(0,lock|fold_fix) has changed -- restarting' } }],
  // postfix-grok-patterns (BSD-3)
  ['discarded EHLO keywords', 'discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME',
    { queueId: null, event: { kind: 'diagnostic', level: 'info', category: 'other', client: null, text: 'discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME' } }],
  ['a bare LF from a client', 'bare <LF> received after CONNECT from example.net[1.2.3.4]',
    { queueId: null, event: { kind: 'diagnostic', level: 'info', category: 'non-smtp', client: { name: 'example.net', ip: '1.2.3.4', port: null }, text: 'bare <LF> received after CONNECT from example.net[1.2.3.4]' } }],
];

// Shapes with no line in a source we may copy: each is a lab line rewritten exactly as the Postfix source
// (src/smtpd/smtpd.c, smtpd_check.c, smtpd_sasl_glue.c) writes that shape; the comment names the line and the source.
const REWRITTEN: Row[] = [
  // lab (out/maillog-traditional.log) `NOQUEUE: hold: RCPT from mail69.senders.example[127.0.0.69]: …`, rewritten as smtpd_check.c writes a REDIRECT
  ['redirect at RCPT', 'NOQUEUE: redirect: RCPT from mail69.senders.example[127.0.0.69]: <quarantine-me@lab.example>: Recipient address triggers REDIRECT postmaster@lab.example; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: null, event: { kind: 'smtpd-action', action: 'redirect', stage: 'RCPT', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, text: '<quarantine-me@lab.example>: Recipient address triggers REDIRECT postmaster@lab.example', envelope: { from: 'news@senders.example', to: 'quarantine-me@lab.example', proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  // … as smtpd.c writes a milter's HOLD and DISCARD at the end of the message
  ['milter-hold at END-OF-MESSAGE', '8D56F160071: milter-hold: END-OF-MESSAGE from mail69.senders.example[127.0.0.69]: milter triggers HOLD action; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: '8D56F160071', event: { kind: 'smtpd-action', action: 'milter-hold', stage: 'END-OF-MESSAGE', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, text: 'milter triggers HOLD action', envelope: { from: 'news@senders.example', to: 'quarantine-me@lab.example', proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  ['milter-discard at END-OF-MESSAGE', '8D56F160071: milter-discard: END-OF-MESSAGE from mail69.senders.example[127.0.0.69]: milter triggers DISCARD action; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: '8D56F160071', event: { kind: 'smtpd-action', action: 'milter-discard', stage: 'END-OF-MESSAGE', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, text: 'milter triggers DISCARD action', envelope: { from: 'news@senders.example', to: 'quarantine-me@lab.example', proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  // … as smtpd.c writes a milter's reject before HELO (an empty trailer after `;`)
  ['milter-reject at CONNECT with nothing after the semicolon', 'NOQUEUE: milter-reject: CONNECT from mail69.senders.example[127.0.0.69]: 421 4.7.0 Server closing connection;',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'milter-reject', stage: 'CONNECT', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, reply: { code: 421, enhanced: '4.7.0', text: 'Server closing connection' }, envelope: { from: null, to: null, proto: null, helo: null } } }],
  // … as the smtpd_check test driver writes it (postfix-source-ref), `<queue id>` standing for the queue ID
  ['the test driver\'s `<queue id>` prefix', '<queue id>: reject: MAIL from mail69.senders.example[127.0.0.69]: 552 5.3.4 Message size exceeds fixed limit; from=<team@senders.example> proto=ESMTP helo=<mail69.senders.example>',
    { queueId: null, event: { kind: 'smtpd-reject', action: 'reject', stage: 'MAIL', client: { name: 'mail69.senders.example', ip: '127.0.0.69', port: null }, reply: { code: 552, enhanced: '5.3.4', text: 'Message size exceeds fixed limit' }, envelope: { from: 'team@senders.example', to: null, proto: 'ESMTP', helo: 'mail69.senders.example' } } }],
  // lab `lost connection after DATA (34 bytes) from drop.flaky-client.example[127.0.0.71]` with the queue ID newer smtpd puts in front
  ['lost connection under a queue ID', '8D56F160071: lost connection after DATA (34 bytes) from drop.flaky-client.example[127.0.0.71]',
    { queueId: '8D56F160071', event: { kind: 'smtpd-abort', reason: 'lost-connection', after: 'DATA', client: { name: 'drop.flaky-client.example', ip: '127.0.0.71', port: null }, detail: '(34 bytes)' } }],
  // lab `disconnect from …` with the notes=bare_lf that Postfix 3.9 appends (not a command count)
  ['disconnect with notes=bare_lf', 'disconnect from laptop83.home.example[127.0.0.83] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5 notes=bare_lf',
    { queueId: null, event: { kind: 'smtpd-disconnect', client: { name: 'laptop83.home.example', ip: '127.0.0.83', port: null }, commands: [{ name: 'ehlo', ok: 1, total: 1 }, { name: 'mail', ok: 1, total: 1 }, { name: 'rcpt', ok: 1, total: 1 }, { name: 'data', ok: 1, total: 1 }, { name: 'quit', ok: 1, total: 1 }, { name: 'commands', ok: 5, total: 5 }] } }],
  // smtpd.c: a required client certificate that is missing
  ['TLS abort for a missing client certificate', 'NOQUEUE: abort: TLS from laptop83.home.example[127.0.0.83]: No client certificate presented',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'laptop83.home.example', ip: '127.0.0.83', port: null }, text: 'abort: TLS: No client certificate presented' } }],
  // smtpd_sasl_glue.c: the client gave up its AUTH exchange
  ['SASL authentication aborted', 'warning: laptop83.home.example[127.0.0.83]: SASL LOGIN authentication aborted',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'sasl', client: { name: 'laptop83.home.example', ip: '127.0.0.83', port: null }, text: 'laptop83.home.example[127.0.0.83]: SASL LOGIN authentication aborted' } }],
];

for (const [what, message, expected] of REAL) {
  test(`smtpd reads ${what}`, () => {
    assert.deepStrictEqual(parseMessage('smtpd', message), expected);
  });
}

for (const [what, message, expected] of REWRITTEN) {
  test(`smtpd reads ${what}`, () => {
    assert.deepStrictEqual(parseMessage('smtpd', message), expected);
  });
}

// Lines smtpd's parser leaves alone (null), with why: the line is damaged.
const NOT_MINE: [string, string][] = [
  // moj-postfix-stats-collector (MIT): two lines glued together by the source
  ['two lines glued into one', 'connect from unknown[127.0.0.1]Jul 2 12:24:48 username postfix/smtpd[12345]: 1234567890A: client=unknown[198.51.100.0]'],
];

for (const [what, message] of NOT_MINE) {
  test(`smtpd leaves ${what} to others (null)`, () => {
    assert.equal(parseSmtpd(message, null), null);
  });
}

test('smtpd stays linear on hostile lines', () => {
  const shapes: ((n: number) => string)[] = [
    (n) => 'reject: RCPT from ' + 'x'.repeat(n), (n) => 'warning: ' + ' from a['.repeat(n / 7),
    (n) => 'client=a[1.2.3.4]' + ', sasl_method='.repeat(n / 14), (n) => 'disconnect from a[b]' + ' a=1'.repeat(n / 4),
    (n) => 'Anonymous TLS connection established from a[b]: ' + ' with cipher '.repeat(n / 13),
    (n) => 'NOQUEUE: reject: RCPT from a[1.2.3.4]: 550 ' + '>'.repeat(n / 2) + '; from=<' + '> '.repeat(n / 4),
  ];
  shapes.forEach((make, i) => assertLinear((m) => parseMessage('smtpd', m), make, `shape ${i}`));
});
