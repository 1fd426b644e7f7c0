// Tests for smtp.ts (smtp and lmtp): delivery records with their details split, and the lines smtp logs on their own.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { ds, runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'smtp reads a sent record with the reply of the next hop',
    daemon: 'smtp',
    line: '130C7160394: to=<info@relay-in.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0.03, delays=0/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
    queueId: '130C7160394',
    event: ds({ to: 'info@relay-in.example', relay: '127.0.0.12[127.0.0.12]:2525', relayPeer: { name: '127.0.0.12', ip: '127.0.0.12', port: 2525 }, delay: 0.03, delays: { beforeQmgr: 0, inQueue: 0.02, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok', reply: { code: 250, enhanced: '2.0.0', text: 'Ok' } }),
  },
  {
    name: 'smtp reads conn_use of a cached connection',
    daemon: 'smtp',
    line: '9B6A216039D: to=<6user@customer.example>, relay=127.0.0.12[127.0.0.12]:2525, conn_use=2, delay=0.04, delays=0.01/0.03/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
    queueId: '9B6A216039D',
    event: ds({ to: '6user@customer.example', relay: '127.0.0.12[127.0.0.12]:2525', relayPeer: { name: '127.0.0.12', ip: '127.0.0.12', port: 2525 }, connUse: 2, delay: 0.04, delays: { beforeQmgr: 0.01, inQueue: 0.03, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok', reply: { code: 250, enhanced: '2.0.0', text: 'Ok' } }),
  },
  {
    name: 'smtp reads orig_to of an aliased recipient',
    daemon: 'smtp',
    line: 'A4D36160396: to=<erin-home@customer.example>, orig_to=<erin@lab.example>, relay=127.0.0.12[127.0.0.12]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
    queueId: 'A4D36160396',
    event: ds({ to: 'erin-home@customer.example', origTo: 'erin@lab.example', relay: '127.0.0.12[127.0.0.12]:2525', relayPeer: { name: '127.0.0.12', ip: '127.0.0.12', port: 2525 }, delay: 0, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok', reply: { code: 250, enhanced: '2.0.0', text: 'Ok' } }),
  },
  {
    name: 'smtp reads a deferral with the remote reply split',
    daemon: 'smtp',
    line: '61744160092: to=<info@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.05, delays=0.05/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))',
    queueId: '61744160092',
    event: ds({ to: 'info@greylist.example', relay: '127.0.0.13[127.0.0.13]:2525', relayPeer: { name: '127.0.0.13', ip: '127.0.0.13', port: 2525 }, delay: 0.05, delays: { beforeQmgr: 0.05, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '4.7.1', status: 'deferred', detail: 'host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command)', reply: { code: 450, enhanced: '4.7.1', text: 'Greylisted, please try again later' }, remote: { name: '127.0.0.13', ip: '127.0.0.13', port: null }, inReplyTo: 'RCPT TO' }),
  },
  {
    name: 'smtp reads a bounce with the remote reply split',
    daemon: 'smtp',
    line: '097D01603C2: to=<news@nouser.example>, relay=127.0.0.14[127.0.0.14]:2525, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.14[127.0.0.14] said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command))',
    queueId: '097D01603C2',
    event: ds({ to: 'news@nouser.example', relay: '127.0.0.14[127.0.0.14]:2525', relayPeer: { name: '127.0.0.14', ip: '127.0.0.14', port: 2525 }, delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.1.1', status: 'bounced', detail: 'host 127.0.0.14[127.0.0.14] said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command)', reply: { code: 550, enhanced: '5.1.1', text: 'Mailbox does not exist' }, remote: { name: '127.0.0.14', ip: '127.0.0.14', port: null }, inReplyTo: 'RCPT TO' }),
  },
  {
    name: 'smtp reads a reply to end of DATA',
    daemon: 'smtp',
    line: '004931603B9: to=<news@contentfilter.example>, relay=127.0.0.17[127.0.0.17]:2525, delay=0.01, delays=0/0/0/0, dsn=5.7.1, status=bounced (host 127.0.0.17[127.0.0.17] said: 554 5.7.1 Message rejected: content policy violation (in reply to end of DATA command))',
    queueId: '004931603B9',
    event: ds({ to: 'news@contentfilter.example', relay: '127.0.0.17[127.0.0.17]:2525', relayPeer: { name: '127.0.0.17', ip: '127.0.0.17', port: 2525 }, delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.7.1', status: 'bounced', detail: 'host 127.0.0.17[127.0.0.17] said: 554 5.7.1 Message rejected: content policy violation (in reply to end of DATA command)', reply: { code: 554, enhanced: '5.7.1', text: 'Message rejected: content policy violation' }, remote: { name: '127.0.0.17', ip: '127.0.0.17', port: null }, inReplyTo: 'end of DATA' }),
  },
  {
    name: 'smtp reads a DNS bounce with relay=none',
    daemon: 'smtp',
    line: 'ABC77160389: to=<news@nxdomain.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found)',
    queueId: 'ABC77160389',
    event: ds({ to: 'news@nxdomain.example', relay: 'none', delay: 0.05, delays: { beforeQmgr: 0.02, inQueue: 0.03, connSetup: 0, transmission: 0 }, dsn: '5.4.4', status: 'bounced', detail: 'Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found' }),
  },
  {
    name: 'smtp reads the host of a refused connection in the detail',
    daemon: 'smtp',
    line: 'ED4291603C0: to=<team@down.example>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)',
    queueId: 'ED4291603C0',
    event: ds({ to: 'team@down.example', relay: 'none', delay: 0, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '4.4.1', status: 'deferred', detail: 'connect to 127.0.0.15[127.0.0.15]:2599: Connection refused', remote: { name: '127.0.0.15', ip: '127.0.0.15', port: 2599 } }),
  },
  {
    name: 'smtp reads the host of a greeting timeout in the detail',
    daemon: 'smtp',
    line: '61C77160011: to=<billing@timeout.example>, relay=127.0.0.31[127.0.0.31]:2525, delay=6, delays=0/0.02/6/0, dsn=4.4.2, status=deferred (conversation with 127.0.0.31[127.0.0.31] timed out while receiving the initial server greeting)',
    queueId: '61C77160011',
    event: ds({ to: 'billing@timeout.example', relay: '127.0.0.31[127.0.0.31]:2525', relayPeer: { name: '127.0.0.31', ip: '127.0.0.31', port: 2525 }, delay: 6, delays: { beforeQmgr: 0, inQueue: 0.02, connSetup: 6, transmission: 0 }, dsn: '4.4.2', status: 'deferred', detail: 'conversation with 127.0.0.31[127.0.0.31] timed out while receiving the initial server greeting', remote: { name: '127.0.0.31', ip: '127.0.0.31', port: null } }),
  },
  {
    name: 'smtp reads a failed connection on its own line',
    daemon: 'smtp',
    line: 'connect to mx-a.backupmx.example[127.0.0.30]:25: Connection refused',
    queueId: null,
    event: { kind: 'smtp-connect-failed', peer: { name: 'mx-a.backupmx.example', ip: '127.0.0.30', port: 25 }, reason: 'Connection refused' },
  },
  {
    name: 'lmtp reads an LMTP delivery',
    daemon: 'lmtp',
    line: '670B01603B2: to=<u1003@mailstore.example>, relay=127.0.0.19[127.0.0.19]:24, delay=0.02, delays=0/0.01/0/0, dsn=2.2.0, status=sent (250 2.2.0 Ok)',
    queueId: '670B01603B2',
    event: ds({ to: 'u1003@mailstore.example', relay: '127.0.0.19[127.0.0.19]:24', relayPeer: { name: '127.0.0.19', ip: '127.0.0.19', port: 24 }, delay: 0.02, delays: { beforeQmgr: 0, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '2.2.0', status: 'sent', detail: '250 2.2.0 Ok', reply: { code: 250, enhanced: '2.2.0', text: 'Ok' } }),
  },
  // lab (out-filter/maillog-traditional.log)
  {
    name: 'smtp reads the queue ID after a content filter\'s re-injection',
    daemon: 'smtp',
    line: '2FFDB1600B2: to=<bob@lab.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.11, delays=0.02/0.02/0.04/0.02, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 45A081600B7)',
    queueId: '2FFDB1600B2',
    event: ds({ to: 'bob@lab.example', relay: '127.0.0.1[127.0.0.1]:10024', relayPeer: { name: '127.0.0.1', ip: '127.0.0.1', port: 10024 }, delay: 0.11, delays: { beforeQmgr: 0.02, inQueue: 0.02, connSetup: 0.04, transmission: 0.02 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 45A081600B7', reply: { code: 250, enhanced: '2.0.0', text: 'from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 45A081600B7' }, queuedAs: '45A081600B7' }),
  },
  // lab (out/maillog-postlogd-longids.log)
  {
    name: 'smtp reads a long queue ID with z in its time part',
    daemon: 'smtp',
    line: '4jZTwY6nzPzBrMk: to=<sales@partner.example>, relay=mx1.partner.example[127.0.0.11]:25, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
    queueId: '4jZTwY6nzPzBrMk',
    event: ds({ to: 'sales@partner.example', relay: 'mx1.partner.example[127.0.0.11]:25', relayPeer: { name: 'mx1.partner.example', ip: '127.0.0.11', port: 25 }, delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok', reply: { code: 250, enhanced: '2.0.0', text: 'Ok' } }),
  },
  // postfix-grok-patterns (test/smtp_*.yaml)
  {
    name: 'smtp reads the queued-as ID of the next Postfix hop',
    daemon: 'smtp',
    line: '0D9633D: to=<jos@example.com>, orig_to=<bestuur@example.com>, relay=mail1.example.net[10.74.103.11]:25, delay=11, delays=5.4/0.06/5.1/0.03, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as F12DF84004)',
    queueId: '0D9633D',
    event: ds({ to: 'jos@example.com', origTo: 'bestuur@example.com', relay: 'mail1.example.net[10.74.103.11]:25', relayPeer: { name: 'mail1.example.net', ip: '10.74.103.11', port: 25 }, delay: 11, delays: { beforeQmgr: 5.4, inQueue: 0.06, connSetup: 5.1, transmission: 0.03 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok: queued as F12DF84004', reply: { code: 250, enhanced: '2.0.0', text: 'Ok: queued as F12DF84004' }, queuedAs: 'F12DF84004' }),
  },
  {
    name: 'smtp reads the tls= field of Postfix 3.10',
    daemon: 'smtp',
    line: '7EE668039: to=<user@example.com>, relay=mail.example.com[1.2.3.4]:25, delay=3.6, delays=0.08/0.02/0.85/0.14, tls=dane/!requiretls:nocertmatch, dsn=2.1.5, status=sent (250 2.0.0 Ok: queued as 153053D)',
    queueId: '7EE668039',
    event: ds({ to: 'user@example.com', relay: 'mail.example.com[1.2.3.4]:25', relayPeer: { name: 'mail.example.com', ip: '1.2.3.4', port: 25 }, delay: 3.6, delays: { beforeQmgr: 0.08, inQueue: 0.02, connSetup: 0.85, transmission: 0.14 }, dsn: '2.1.5', status: 'sent', detail: '250 2.0.0 Ok: queued as 153053D', reply: { code: 250, enhanced: '2.0.0', text: 'Ok: queued as 153053D' }, queuedAs: '153053D', tls: 'dane/!requiretls:nocertmatch' }),
  },
  {
    name: 'smtp reads an IPv6 relay and a multi-line reply',
    daemon: 'smtp',
    line: '4E74613FE76: to=<redacted@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b]:25, delay=1.9, delays=0.05/0/1.1/0.71, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b] said: 550-5.7.1 [2607:4100:3:25:100::2      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. qc12si8475009pab.211 - gsmtp (in reply to end of DATA command))',
    queueId: '4E74613FE76',
    event: ds({ to: 'redacted@gmail.com', relay: 'gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b]:25', relayPeer: { name: 'gmail-smtp-in.l.google.com', ip: '2607:f8b0:400e:c04::1b', port: 25 }, delay: 1.9, delays: { beforeQmgr: 0.05, inQueue: 0, connSetup: 1.1, transmission: 0.71 }, dsn: '5.7.1', status: 'bounced', detail: 'host gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b] said: 550-5.7.1 [2607:4100:3:25:100::2      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. qc12si8475009pab.211 - gsmtp (in reply to end of DATA command)', reply: { code: 550, enhanced: '5.7.1', text: '[2607:4100:3:25:100::2      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. qc12si8475009pab.211 - gsmtp' }, remote: { name: 'gmail-smtp-in.l.google.com', ip: '2607:f8b0:400e:c04::1b', port: null }, inReplyTo: 'end of DATA' }),
  },
  {
    name: 'lmtp reads a unix-socket relay without splitting it into a peer',
    daemon: 'lmtp',
    line: 'AD6E41CDC05C: to=<admin@example.com>, relay=sub1.example.com[private/dovecot-lmtp], delay=0.15, delays=0.04/0/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <admin@example.com> qYyyBMsl9FRuZQAAA15QOA Saved)',
    queueId: 'AD6E41CDC05C',
    event: ds({ to: 'admin@example.com', relay: 'sub1.example.com[private/dovecot-lmtp]', delay: 0.15, delays: { beforeQmgr: 0.04, inQueue: 0, connSetup: 0.02, transmission: 0.08 }, dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 <admin@example.com> qYyyBMsl9FRuZQAAA15QOA Saved', reply: { code: 250, enhanced: '2.0.0', text: '<admin@example.com> qYyyBMsl9FRuZQAAA15QOA Saved' } }),
  },
  {
    name: 'smtp reads a remote reply logged on its own line',
    daemon: 'smtp',
    line: 'ED59C3D: host mail2.example.com[1.74.253.23] said: 450 4.7.1 <user@example.com>: Recipient address rejected: Greylisted for 5 minutes (in reply to RCPT TO command)',
    queueId: 'ED59C3D',
    event: { kind: 'smtp-reply', peer: { name: 'mail2.example.com', ip: '1.74.253.23', port: null }, refused: false, reply: { code: 450, enhanced: '4.7.1', text: '<user@example.com>: Recipient address rejected: Greylisted for 5 minutes' }, inReplyTo: 'RCPT TO' },
  },
  {
    name: 'smtp reads a refused greeting on its own line',
    daemon: 'smtp',
    line: '40197AA: host mg2.egov.bg[213.91.191.86] refused to talk to me: 450 4.3.2 try again later',
    queueId: '40197AA',
    event: { kind: 'smtp-reply', peer: { name: 'mg2.egov.bg', ip: '213.91.191.86', port: null }, refused: true, reply: { code: 450, enhanced: '4.3.2', text: 'try again later' }, inReplyTo: null },
  },
  {
    name: 'smtp reads a SASL failure as the reply to AUTH',
    daemon: 'smtp',
    line: 'D0F29603B4: SASL authentication failed; server xyz.example.com[1.2.3.4] said: 535 5.7.8 Error: authentication failed: authentication failure',
    queueId: 'D0F29603B4',
    event: { kind: 'smtp-reply', peer: { name: 'xyz.example.com', ip: '1.2.3.4', port: null }, refused: false, reply: { code: 535, enhanced: '5.7.8', text: 'Error: authentication failed: authentication failure' }, inReplyTo: 'AUTH' },
  },
  {
    name: 'smtp reads a lost connection',
    daemon: 'smtp',
    line: '745137AA: lost connection with hotmail-com.olc.protection.outlook.com[104.47.55.161] while sending RCPT TO',
    queueId: '745137AA',
    event: { kind: 'smtp-conversation-error', peer: { name: 'hotmail-com.olc.protection.outlook.com', ip: '104.47.55.161', port: null }, reason: 'lost-connection', detail: 'while sending RCPT TO' },
  },
  {
    name: 'smtp reads a conversation timeout',
    daemon: 'smtp',
    line: '78D6B41: conversation with mx00.gmx.com[74.208.5.4] timed out while receiving the initial server greeting',
    queueId: '78D6B41',
    event: { kind: 'smtp-conversation-error', peer: { name: 'mx00.gmx.com', ip: '74.208.5.4', port: null }, reason: 'timeout', detail: 'while receiving the initial server greeting' },
  },
  {
    name: 'smtp reads an unreachable IPv6 address',
    daemon: 'smtp',
    line: 'connect to aspmx.l.google.com[2a00:1450:400b:c02::1a]:25: Network is unreachable',
    queueId: null,
    event: { kind: 'smtp-connect-failed', peer: { name: 'aspmx.l.google.com', ip: '2a00:1450:400b:c02::1a', port: 25 }, reason: 'Network is unreachable' },
  },
  {
    name: 'smtp hands a TLS summary to the TLS parser',
    daemon: 'smtp',
    line: 'Untrusted TLS connection established to mx4.hotmail.com[65.55.92.136]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)',
    queueId: null,
    event: { kind: 'tls-established', direction: 'to', trust: 'Untrusted', peer: { name: 'mx4.hotmail.com', ip: '65.55.92.136', port: 25 }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-SHA384', bits: 256, detail: '' },
  },
  // msimerson-postfix-parser (postfix_messages)
  {
    name: 'smtp reads a connection failure in a deferral',
    daemon: 'smtp',
    line: '3mPVKl0Mhjz7sXv: to=<health-example-ahslott=foo.com@bar.com>, relay=none, delay=55175, delays=55144/0.05/30/0, dsn=4.4.1, status=deferred (connect to dc-452452f6.bar.com[63.200.300.49]:25: Connection timed out)',
    queueId: '3mPVKl0Mhjz7sXv',
    event: ds({ to: 'health-example-ahslott=foo.com@bar.com', relay: 'none', delay: 55175, delays: { beforeQmgr: 55144, inQueue: 0.05, connSetup: 30, transmission: 0 }, dsn: '4.4.1', status: 'deferred', detail: 'connect to dc-452452f6.bar.com[63.200.300.49]:25: Connection timed out', remote: { name: 'dc-452452f6.bar.com', ip: '63.200.300.49', port: 25 } }),
  },
  {
    name: 'smtp reads a multi-line refusal of the greeting',
    daemon: 'smtp',
    line: '3mR69k6Fm0z7sX4: host smtp2.hiltonhhonors.net[159.127.185.42] refused to talk to me: 554-smtp2.hiltonhhonors.net 554 Your access to this mail system has been rejected due to the sending MTA\'s poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.',
    queueId: '3mR69k6Fm0z7sX4',
    event: { kind: 'smtp-reply', peer: { name: 'smtp2.hiltonhhonors.net', ip: '159.127.185.42', port: null }, refused: true, reply: { code: 554, enhanced: null, text: 'smtp2.hiltonhhonors.net 554 Your access to this mail system has been rejected due to the sending MTA\'s poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.' }, inReplyTo: null },
  },
  {
    name: 'smtp reads a reply without an enhanced status code',
    daemon: 'smtp',
    line: '3mQysW0hLfz7sX5: host boing001.topica.com[66.227.60.140] said: 451 qq write error or disk full (#4.3.0) (in reply to end of DATA command)',
    queueId: '3mQysW0hLfz7sX5',
    event: { kind: 'smtp-reply', peer: { name: 'boing001.topica.com', ip: '66.227.60.140', port: null }, refused: false, reply: { code: 451, enhanced: null, text: 'qq write error or disk full (#4.3.0)' }, inReplyTo: 'end of DATA' },
  },
  {
    name: 'smtp reads a lost connection while sending DATA',
    daemon: 'smtp',
    line: '3mNGjj1hQsz7sXh: lost connection with email.bar.com.foo.psmtp.com[64.300.200.26] while sending DATA command',
    queueId: '3mNGjj1hQsz7sXh',
    event: { kind: 'smtp-conversation-error', peer: { name: 'email.bar.com.foo.psmtp.com', ip: '64.300.200.26', port: null }, reason: 'lost-connection', detail: 'while sending DATA command' },
  },
  {
    name: 'smtp reads a TLS start failure without a peer',
    daemon: 'smtp',
    line: '3mPz615lB2z7sZt: Cannot start TLS: handshake failure',
    queueId: '3mPz615lB2z7sZt',
    event: { kind: 'tls-error', peer: null, text: 'Cannot start TLS: handshake failure' },
  },
  // modoboa (mail.rendered.log)
  {
    name: 'smtp reads status=deliverable of an address verification probe',
    daemon: 'smtp',
    line: '2847EE008E: to=<info@test2.com>, relay=mail.domain.test[94.23.191.34]:25, delay=6.3, delays=0.04/0.01/6/0.19, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)',
    queueId: '2847EE008E',
    event: ds({ to: 'info@test2.com', relay: 'mail.domain.test[94.23.191.34]:25', relayPeer: { name: 'mail.domain.test', ip: '94.23.191.34', port: 25 }, delay: 6.3, delays: { beforeQmgr: 0.04, inQueue: 0.01, connSetup: 6, transmission: 0.19 }, dsn: '2.1.5', status: 'deliverable', detail: '250 2.1.5 Ok', reply: { code: 250, enhanced: '2.1.5', text: 'Ok' } }),
  },
  // postfix_exporter (Hsn723.log)
  {
    name: 'smtp reads a reply to end of DATA on its own line',
    daemon: 'smtp',
    line: '732BB407C3: host mail.domain.com[1.1.1.1] said: 451 DT:SPM 163 mx13,P8CowECpNVM_oEVaenoEAQ--.23796S3 1514512449, please try again 15min later (in reply to end of DATA command)',
    queueId: '732BB407C3',
    event: { kind: 'smtp-reply', peer: { name: 'mail.domain.com', ip: '1.1.1.1', port: null }, refused: false, reply: { code: 451, enhanced: null, text: 'DT:SPM 163 mx13,P8CowECpNVM_oEVaenoEAQ--.23796S3 1514512449, please try again 15min later' }, inReplyTo: 'end of DATA' },
  },
  // postfix-grok-patterns (BSD-3)
  {
    name: 'smtp reads PIX workarounds with the server they are for',
    daemon: 'smtp',
    line: 'B0ADE20FC7: enabling PIX workarounds: disable_esmtp delay_dotcrlf for example.com[93.184.216.34]:25',
    queueId: 'B0ADE20FC7',
    event: { kind: 'smtp-info', peer: { name: 'example.com', ip: '93.184.216.34', port: 25 }, text: 'enabling PIX workarounds: disable_esmtp delay_dotcrlf for example.com[93.184.216.34]:25' },
  },
  {
    name: 'smtp reads discarded EHLO keywords',
    daemon: 'smtp',
    line: 'discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME',
    queueId: null,
    event: { kind: 'smtp-info', peer: null, text: 'discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME' },
  },
];

runRows(ROWS);
