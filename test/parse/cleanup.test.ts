// Tests for cleanup.ts: message-ids, header/body_checks actions, milter verdicts and cleanup's own bounce records.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { ds, runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'cleanup reads a message-id',
    daemon: 'cleanup',
    line: 'ABC77160389: message-id=<lab.00001.submission-out@traffic.lab.example>',
    queueId: 'ABC77160389',
    event: { kind: 'cleanup-message-id', messageId: '<lab.00001.submission-out@traffic.lab.example>', resent: false },
  },
  {
    name: 'cleanup reads a header reject with its client, envelope and reply',
    daemon: 'cleanup',
    line: '8D47E160062: reject: header Subject: Cheap viagra pills from mail68.senders.example[127.0.0.68]; from=<k.tanaka@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail68.senders.example>: 5.7.1 Spam subject (viagra)',
    queueId: '8D47E160062',
    event: { kind: 'cleanup-check', action: 'reject', part: 'header', stage: null, content: 'Subject: Cheap viagra pills', client: { name: 'mail68.senders.example', ip: '127.0.0.68', port: null }, envelope: { from: 'k.tanaka@senders.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mail68.senders.example' }, reply: { code: null, enhanced: '5.7.1', text: 'Spam subject (viagra)' } },
  },
  {
    name: 'cleanup keeps a semicolon inside the matched header',
    daemon: 'cleanup',
    line: '49F3C1603B9: reject: header Content-Type: application/octet-stream; name="invoice.exe" from mail68.senders.example[127.0.0.68]; from=<m.mueller@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail68.senders.example>: 5.7.1 Attachment type not allowed: invoice.exe',
    queueId: '49F3C1603B9',
    event: { kind: 'cleanup-check', action: 'reject', part: 'header', stage: null, content: 'Content-Type: application/octet-stream; name="invoice.exe"', client: { name: 'mail68.senders.example', ip: '127.0.0.68', port: null }, envelope: { from: 'm.mueller@senders.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mail68.senders.example' }, reply: { code: null, enhanced: '5.7.1', text: 'Attachment type not allowed: invoice.exe' } },
  },
  {
    name: 'cleanup reads a body reject',
    daemon: 'cleanup',
    line: '8476F160003: reject: body LAB-FAKE-MALWARE-SIGNATURE x from mail64.senders.example[127.0.0.64]; from=<k.tanaka@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail64.senders.example>: 5.7.1 Body matches malware signature',
    queueId: '8476F160003',
    event: { kind: 'cleanup-check', action: 'reject', part: 'body', stage: null, content: 'LAB-FAKE-MALWARE-SIGNATURE x', client: { name: 'mail64.senders.example', ip: '127.0.0.64', port: null }, envelope: { from: 'k.tanaka@senders.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mail64.senders.example' }, reply: { code: null, enhanced: '5.7.1', text: 'Body matches malware signature' } },
  },
  {
    name: 'cleanup reads a reject of locally submitted mail (from local, no proto or helo)',
    daemon: 'cleanup',
    line: '015BD160416: reject: header Subject: Cheap viagra pills (forwarded joke) from local; from=<alice@lab.example>: 5.7.1 Spam subject (viagra)',
    queueId: '015BD160416',
    event: { kind: 'cleanup-check', action: 'reject', part: 'header', stage: null, content: 'Subject: Cheap viagra pills (forwarded joke)', client: null, envelope: { from: 'alice@lab.example', to: null, proto: null, helo: null }, reply: { code: null, enhanced: '5.7.1', text: 'Spam subject (viagra)' } },
  },
  {
    name: 'cleanup reads its own bounce record of locally submitted mail',
    daemon: 'cleanup',
    line: '015BD160416: to=<bob@lab.example>, relay=none, delay=0, delays=0/0/0/0, dsn=5.7.1, status=bounced (Spam subject (viagra))',
    queueId: '015BD160416',
    event: ds({ to: 'bob@lab.example', relay: 'none', delay: 0, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.7.1', status: 'bounced', detail: 'Spam subject (viagra)' }),
  },
  {
    name: 'cleanup reads a header warning with its free text',
    daemon: 'cleanup',
    line: '16D99160399: warning: header Subject: [WARNTEST] quarterly report from mail64.senders.example[127.0.0.64]; from=<team@senders.example> to=<bob@lab.example> proto=ESMTP helo=<mail64.senders.example>: subject flagged for review',
    queueId: '16D99160399',
    event: { kind: 'cleanup-check', action: 'warning', part: 'header', stage: null, content: 'Subject: [WARNTEST] quarterly report', client: { name: 'mail64.senders.example', ip: '127.0.0.64', port: null }, envelope: { from: 'team@senders.example', to: 'bob@lab.example', proto: 'ESMTP', helo: 'mail64.senders.example' }, reply: { code: null, enhanced: null, text: 'subject flagged for review' } },
  },
  {
    name: 'cleanup reads a header info',
    daemon: 'cleanup',
    line: '0EA381603C2: info: header Subject: [INFO-CHECK] status ping from mx.university.example[127.0.0.59]; from=<ceo@university.example> to=<alice@lab.example> proto=ESMTP helo=<mx.university.example>: informational header match',
    queueId: '0EA381603C2',
    event: { kind: 'cleanup-check', action: 'info', part: 'header', stage: null, content: 'Subject: [INFO-CHECK] status ping', client: { name: 'mx.university.example', ip: '127.0.0.59', port: null }, envelope: { from: 'ceo@university.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mx.university.example' }, reply: { code: null, enhanced: null, text: 'informational header match' } },
  },
  {
    name: 'cleanup reads a header hold',
    daemon: 'cleanup',
    line: '51B64160031: hold: header Subject: Your invoice overdue notice from mail.partner.example[127.0.0.40]; from=<billing@partner.example> to=<bob@lab.example> proto=ESMTP helo=<mail.partner.example>: suspicious invoice subject',
    queueId: '51B64160031',
    event: { kind: 'cleanup-check', action: 'hold', part: 'header', stage: null, content: 'Subject: Your invoice overdue notice', client: { name: 'mail.partner.example', ip: '127.0.0.40', port: null }, envelope: { from: 'billing@partner.example', to: 'bob@lab.example', proto: 'ESMTP', helo: 'mail.partner.example' }, reply: { code: null, enhanced: null, text: 'suspicious invoice subject' } },
  },
  {
    name: 'cleanup reads a header redirect with its target',
    daemon: 'cleanup',
    line: '2CF62160394: redirect: header Subject: quarantine-redirect test message from mail65.senders.example[127.0.0.65]; from=<info@senders.example> to=<bob@lab.example> proto=ESMTP helo=<mail65.senders.example>: quarantine@lab.example',
    queueId: '2CF62160394',
    event: { kind: 'cleanup-check', action: 'redirect', part: 'header', stage: null, content: 'Subject: quarantine-redirect test message', client: { name: 'mail65.senders.example', ip: '127.0.0.65', port: null }, envelope: { from: 'info@senders.example', to: 'bob@lab.example', proto: 'ESMTP', helo: 'mail65.senders.example' }, reply: { code: null, enhanced: null, text: 'quarantine@lab.example' } },
  },
  // lab (out-filter/maillog-traditional.log)
  {
    name: 'cleanup reads a header discard',
    daemon: 'cleanup',
    line: '86E4E1600F3: discard: header Subject: newsletter-discard weekly digest from mail64.senders.example[127.0.0.64]; from=<info@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail64.senders.example>: unwanted newsletter',
    queueId: '86E4E1600F3',
    event: { kind: 'cleanup-check', action: 'discard', part: 'header', stage: null, content: 'Subject: newsletter-discard weekly digest', client: { name: 'mail64.senders.example', ip: '127.0.0.64', port: null }, envelope: { from: 'info@senders.example', to: 'alice@lab.example', proto: 'ESMTP', helo: 'mail64.senders.example' }, reply: { code: null, enhanced: null, text: 'unwanted newsletter' } },
  },
  // lab (out/maillog-postlogd-longids.log)
  {
    name: 'cleanup reads a message-id under a long queue ID with z in its time part',
    daemon: 'cleanup',
    line: '4jZTwL3k7zzBrLm: message-id=<197b.0005.006b@app1.lab.example>',
    queueId: '4jZTwL3k7zzBrLm',
    event: { kind: 'cleanup-message-id', messageId: '<197b.0005.006b@app1.lab.example>', resent: false },
  },
  // postfix-grok-patterns (test/cleanup_*.yaml)
  {
    name: 'cleanup keeps an empty message-id as logged',
    daemon: 'cleanup',
    line: '4104E3D: message-id=<>',
    queueId: '4104E3D',
    event: { kind: 'cleanup-message-id', messageId: '<>', resent: false },
  },
  {
    name: 'cleanup keeps a MIME-encoded message-id without brackets',
    daemon: 'cleanup',
    line: 'ADD961003206D: message-id==?UTF-8?B?PDE5?=? =?UTF-8?B?MTIyMDExMjkxNjYxMUBDbGllbnQtMDQ1LnJ1YmluZXR0ZXJpZS5sb2NhbD4=?=',
    queueId: 'ADD961003206D',
    event: { kind: 'cleanup-message-id', messageId: '=?UTF-8?B?PDE5?=? =?UTF-8?B?MTIyMDExMjkxNjYxMUBDbGllbnQtMDQ1LnJ1YmluZXR0ZXJpZS5sb2NhbD4=?=', resent: false },
  },
  {
    name: 'cleanup reads a header warning without text',
    daemon: 'cleanup',
    line: 'D8B07E3DB6: warning: header Subject: https://drive.google.com/file/d/0B8wxcvprDYVdlVsdf1kzOVkdisarmed/view?usp=sharing from o1678917x173.outbound-mail.sendgrid.net[167.89.17.173]; from=<bounces+2320708-7653-frank.test=hsdjasdd.co.uk@sendgrid.net> to=<frank.test@hsdjasdd.co.uk> proto=ESMTP helo=<o1678917x173.outbound-mail.sendgrid.net>',
    queueId: 'D8B07E3DB6',
    event: { kind: 'cleanup-check', action: 'warning', part: 'header', stage: null, content: 'Subject: https://drive.google.com/file/d/0B8wxcvprDYVdlVsdf1kzOVkdisarmed/view?usp=sharing', client: { name: 'o1678917x173.outbound-mail.sendgrid.net', ip: '167.89.17.173', port: null }, envelope: { from: 'bounces+2320708-7653-frank.test=hsdjasdd.co.uk@sendgrid.net', to: 'frank.test@hsdjasdd.co.uk', proto: 'ESMTP', helo: 'o1678917x173.outbound-mail.sendgrid.net' }, reply: null },
  },
  {
    name: 'cleanup reads a header cut at 200 bytes',
    daemon: 'cleanup',
    line: '413E164734: info: header Content-Disposition: attachment;? filename="=?UTF-8?B?SU5WT0lDRV/Dtl/DpF/DvF/igqxfZGhrZmpzX2pkb2ZrYWpzbGRrZmpfbHNq?= =?UTF-8?B?ZGFsa2ZqaF9hZGprZnNhaGZkamtfR3LDvMOfZV9paGtmaHNha2pfZGZhaHNf?= =?UTF-8?B? from localhost[127.0.0.1]; from=<from@example.com> to=<to@example.com> proto=ESMTP helo=<localhost.localdomain>',
    queueId: '413E164734',
    event: { kind: 'cleanup-check', action: 'info', part: 'header', stage: null, content: 'Content-Disposition: attachment;? filename="=?UTF-8?B?SU5WT0lDRV/Dtl/DpF/DvF/igqxfZGhrZmpzX2pkb2ZrYWpzbGRrZmpfbHNq?= =?UTF-8?B?ZGFsa2ZqaF9hZGprZnNhaGZkamtfR3LDvMOfZV9paGtmaHNha2pfZGZhaHNf?= =?UTF-8?B?', client: { name: 'localhost', ip: '127.0.0.1', port: null }, envelope: { from: 'from@example.com', to: 'to@example.com', proto: 'ESMTP', helo: 'localhost.localdomain' }, reply: null },
  },
  {
    name: 'cleanup reads a header info of local mail',
    daemon: 'cleanup',
    line: 'D95341E50350: info: header Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= =?utf-8?Q?_=E2=80=92?= test from local; from=<from@example.com> to=<to@example.com>',
    queueId: 'D95341E50350',
    event: { kind: 'cleanup-check', action: 'info', part: 'header', stage: null, content: 'Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= =?utf-8?Q?_=E2=80=92?= test', client: null, envelope: { from: 'from@example.com', to: 'to@example.com', proto: null, helo: null }, reply: null },
  },
  {
    name: 'cleanup reads a header prepend with the prepended text',
    daemon: 'cleanup',
    line: '48rT2v1hQrz1J0N: prepend: header X-Spam-Status: Yes, score=45.1 required=10.0 tests=ADVANCE_FE from mx2.example.org[192.0.2.41]; from=<SRS0=1sN3=5P=example.org=noreply@srs.example.org> to=<recipient@example.net> proto=ESMTP helo=<mx2.example.org>: X-Spam-Status: Yes',
    queueId: '48rT2v1hQrz1J0N',
    event: { kind: 'cleanup-check', action: 'prepend', part: 'header', stage: null, content: 'X-Spam-Status: Yes, score=45.1 required=10.0 tests=ADVANCE_FE', client: { name: 'mx2.example.org', ip: '192.0.2.41', port: null }, envelope: { from: 'SRS0=1sN3=5P=example.org=noreply@srs.example.org', to: 'recipient@example.net', proto: 'ESMTP', helo: 'mx2.example.org' }, reply: { code: null, enhanced: null, text: 'X-Spam-Status: Yes' } },
  },
  {
    name: 'cleanup reads a milter reject at end of message',
    daemon: 'cleanup',
    line: '4104E3D: milter-reject: END-OF-MESSAGE from 061238241086.static.ctinets.com[61.238.241.86]: 5.7.1 Blocked by SpamAssassin; from=<wumt5@cchfdc.com> to=<voorzitter@example.com> proto=ESMTP helo=<ecsolved.com>',
    queueId: '4104E3D',
    event: { kind: 'cleanup-check', action: 'milter-reject', part: null, stage: 'END-OF-MESSAGE', content: '', client: { name: '061238241086.static.ctinets.com', ip: '61.238.241.86', port: null }, envelope: { from: 'wumt5@cchfdc.com', to: 'voorzitter@example.com', proto: 'ESMTP', helo: 'ecsolved.com' }, reply: { code: null, enhanced: '5.7.1', text: 'Blocked by SpamAssassin' } },
  },
  {
    name: 'cleanup reads a milter_header_checks redirect as a milter-header check',
    daemon: 'cleanup',
    line: '4104E3D: milter-header-redirect: header X-Spam-Status: Yes, score=39.3 required=5.0 tests=ADVANCE_FE from 061238241086.static.ctinets.com[61.238.241.86]; from=<wumt5@cchfdc.com> to=<voorzitter@example.com> proto=ESMTP helo=<ecsolved.com>: tom@example.com',
    queueId: '4104E3D',
    event: { kind: 'cleanup-check', action: 'redirect', part: 'milter-header', stage: null, content: 'X-Spam-Status: Yes, score=39.3 required=5.0 tests=ADVANCE_FE', client: { name: '061238241086.static.ctinets.com', ip: '61.238.241.86', port: null }, envelope: { from: 'wumt5@cchfdc.com', to: 'voorzitter@example.com', proto: 'ESMTP', helo: 'ecsolved.com' }, reply: { code: null, enhanced: null, text: 'tom@example.com' } },
  },
  // msimerson-postfix-parser (postfix_messages)
  {
    name: 'cleanup reads a resent-message-id',
    daemon: 'cleanup',
    line: '3mL1Hq0Tgvz7sWh: resent-message-id=<3mL1Hq0Tgvz7sWh@mx14.example.net>',
    queueId: '3mL1Hq0Tgvz7sWh',
    event: { kind: 'cleanup-message-id', messageId: '<3mL1Hq0Tgvz7sWh@mx14.example.net>', resent: true },
  },
  {
    name: 'cleanup reads a message-id without a queue ID',
    daemon: 'cleanup',
    line: 'message-id=<3mKxs308vpz7sXd@mx14.example.net>',
    queueId: null,
    event: { kind: 'cleanup-message-id', messageId: '<3mKxs308vpz7sXd@mx14.example.net>', resent: false },
  },
  // youyo-postfix-log-parser (test-milter.log)
  {
    name: 'cleanup reads a milter reject with only an enhanced code',
    daemon: 'cleanup',
    line: 'D6DDA23B0F: milter-reject: END-OF-MESSAGE from unknown[99.88.77.66]: 4.7.1 Greylisting in action, try again later; from=<user2@example.com> to=<some.dest@destdomain.com> proto=ESMTP helo=<host.sender.domain>',
    queueId: 'D6DDA23B0F',
    event: { kind: 'cleanup-check', action: 'milter-reject', part: null, stage: 'END-OF-MESSAGE', content: '', client: { name: 'unknown', ip: '99.88.77.66', port: null }, envelope: { from: 'user2@example.com', to: 'some.dest@destdomain.com', proto: 'ESMTP', helo: 'host.sender.domain' }, reply: { code: null, enhanced: '4.7.1', text: 'Greylisting in action, try again later' } },
  },
  {
    name: 'cleanup reads a milter hold',
    daemon: 'cleanup',
    line: 'E89FA2DEDA: milter-hold: END-OF-MESSAGE from srv05.source.com[10.11.12.13]: milter triggers HOLD action; from=<> to=<this_user@this.domain.com> proto=ESMTP helo=<this.domain.com>',
    queueId: 'E89FA2DEDA',
    event: { kind: 'cleanup-check', action: 'milter-hold', part: null, stage: 'END-OF-MESSAGE', content: '', client: { name: 'srv05.source.com', ip: '10.11.12.13', port: null }, envelope: { from: '', to: 'this_user@this.domain.com', proto: 'ESMTP', helo: 'this.domain.com' }, reply: { code: null, enhanced: null, text: 'milter triggers HOLD action' } },
  },
  {
    name: 'cleanup finds the client after a Received header that holds from and brackets',
    daemon: 'cleanup',
    line: 'B42E77AB32: replace: header Received: from [172.18.0.2] (42-64-53-170.subs.proxad.net [42.64.53.170])??(Authenticated sender: user42@smtp01.example.com)??by smtp01.example.org (Postfix) with ESMTPA id D89B from 42-64-53-170.subs.proxad.net[42.64.53.170]; from=<youssefh@senderdomain.com> to=<archive@senderdomain.com> proto=ESMTP helo=<[172.18.0.2]>: Received: from [172.18.0.2] (42-64-53-170.subs.proxad.net [42.64.53.170])??(Authenticated sender: youssef)??by smtp01.example.org (Postfix) with ESMTPA id B42E77AB32;??Wed, 22 Dec 2021 13:59:32 +0100 (CET)',
    queueId: 'B42E77AB32',
    event: { kind: 'cleanup-check', action: 'replace', part: 'header', stage: null, content: 'Received: from [172.18.0.2] (42-64-53-170.subs.proxad.net [42.64.53.170])??(Authenticated sender: user42@smtp01.example.com)??by smtp01.example.org (Postfix) with ESMTPA id D89B', client: { name: '42-64-53-170.subs.proxad.net', ip: '42.64.53.170', port: null }, envelope: { from: 'youssefh@senderdomain.com', to: 'archive@senderdomain.com', proto: 'ESMTP', helo: '[172.18.0.2]' }, reply: { code: null, enhanced: null, text: 'Received: from [172.18.0.2] (42-64-53-170.subs.proxad.net [42.64.53.170])??(Authenticated sender: youssef)??by smtp01.example.org (Postfix) with ESMTPA id B42E77AB32;??Wed, 22 Dec 2021 13:59:32 +0100 (CET)' } },
  },
  // pk65-search_postfix_log (mail.log)
  {
    name: 'cleanup reads a header warning from a local client',
    daemon: 'cleanup',
    line: '54BE7192007D: warning: header Subject: [Service 9] Report acceptance request for period 2024-10 from localhost[127.0.0.1]; from=<service9@example.com> to=<USER1@EXAMPLE.COM> proto=ESMTP helo=<service9>',
    queueId: '54BE7192007D',
    event: { kind: 'cleanup-check', action: 'warning', part: 'header', stage: null, content: 'Subject: [Service 9] Report acceptance request for period 2024-10', client: { name: 'localhost', ip: '127.0.0.1', port: null }, envelope: { from: 'service9@example.com', to: 'USER1@EXAMPLE.COM', proto: 'ESMTP', helo: 'service9' }, reply: null },
  },
];

runRows(ROWS);
