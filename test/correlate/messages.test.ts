// The correlator joins lines into messages by queue ID and decides what counts once: tables of real lines from the
// lab (../shared/lab, copied here) and from modoboa (permissive corpus), each with the facts it must give, in order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDir } from '../corpus.js';
import { correlate, messageView, tell, tellAll } from './run.js';

interface Row { name: string; lines: string[]; facts: string[] }

const ROWS: Row[] = [
  {
    name: 'an accepted smtpd message is received once, with its client= line, after its claim window; each recipient line is a delivery; NOQUEUE rejects belong to their session',
    // lab out/maillog-rfc3339.log lines 60-76
    lines: [
      '2026-11-25T20:08:42.126672+01:00 mx postfix/smtpd[3604]: connect from smtp.customer.example[127.0.0.41]',
      '2026-11-25T20:08:42.135182+01:00 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <office@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<office@lab.example> proto=ESMTP helo=<smtp.customer.example>',
      '2026-11-25T20:08:42.136599+01:00 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from smtp.customer.example[127.0.0.41]: 550 5.1.1 <jdoe@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<m.mueller@customer.example> to=<jdoe@lab.example> proto=ESMTP helo=<smtp.customer.example>',
      '2026-11-25T20:08:42.137949+01:00 mx postfix/smtpd[3604]: 21A7E160001: client=smtp.customer.example[127.0.0.41]',
      '2026-11-25T20:08:42.138628+01:00 mx postfix/cleanup[3595]: 21A7E160001: message-id=<lab.00006.in-mixed-unknown@traffic.lab.example>',
      '2026-11-25T20:08:42.139830+01:00 mx postfix/qmgr[3546]: 21A7E160001: from=<m.mueller@customer.example>, size=4973, nrcpt=1 (queue active)',
      '2026-11-25T20:08:42.139930+01:00 mx postfix/smtpd[3604]: disconnect from smtp.customer.example[127.0.0.41] ehlo=1 mail=1 rcpt=1/3 data=1 quit=1 commands=5/7',
      '2026-11-25T20:08:42.140668+01:00 mx postfix/smtpd[3604]: connect from mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:08:42.144925+01:00 mx postfix/smtpd[3604]: Anonymous TLS connection established from mail63.senders.example[127.0.0.63]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
      '2026-11-25T20:08:42.146480+01:00 mx postfix/local[3600]: 21A7E160001: to=<alice@lab.example>, relay=local, delay=0.01, delays=0.01/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
      '2026-11-25T20:08:42.146578+01:00 mx postfix/qmgr[3546]: 21A7E160001: removed',
      '2026-11-25T20:08:42.147362+01:00 mx postfix/smtpd[3604]: 23F46160001: client=mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:08:42.147993+01:00 mx postfix/cleanup[3595]: 23F46160001: message-id=<lab.00007.in-local@traffic.lab.example>',
      '2026-11-25T20:08:42.148803+01:00 mx postfix/qmgr[3546]: 23F46160001: from=<news@senders.example>, size=3442, nrcpt=1 (queue active)',
      '2026-11-25T20:08:42.149051+01:00 mx postfix/smtpd[3604]: disconnect from mail63.senders.example[127.0.0.63] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7',
      '2026-11-25T20:08:42.149995+01:00 mx postfix/local[3600]: 23F46160001: to=<alice@Lab.Example>, relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
      '2026-11-25T20:08:42.150088+01:00 mx postfix/qmgr[3546]: 23F46160001: removed',
    ],
    facts: [
      'rejected NOQUEUE in session 3604',
      'rejected NOQUEUE in session 3604',
      'session-end 3604 127.0.0.41 start end rejects=2 tls=false [21A7E160001]',
      'delivered 21A7E160001 alice@lab.example',
      'session-end 3604 127.0.0.63 start end rejects=0 tls=true [23F46160001]',
      'delivered 23F46160001 alice@Lab.Example',
      'received 21A7E160001 from=<m.mueller@customer.example> size=4973',
      'received 23F46160001 from=<news@senders.example> size=3442',
    ],
  },
  {
    name: "a content filter's re-injection naming its parent (orig_queue_id) is not received again, and the hand-off to the filter is not a delivery",
    // lab out-filter/maillog-rfc3339.log lines 14-37
    lines: [
      '2026-11-25T20:20:32.161034+01:00 mx postfix/smtpd[7807]: connect from mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:20:32.177642+01:00 mx postfix/smtpd[7807]: NOQUEUE: reject_warning: RCPT from mail63.senders.example[127.0.0.63]: 450 4.7.1 <host.unknown-helo.example>: Helo command rejected: Host not found; from=<noreply@senders.example> to=<bob@lab.example> proto=ESMTP helo=<host.unknown-helo.example>',
      '2026-11-25T20:20:32.196748+01:00 mx postfix/smtpd[7807]: 2FFDB1600B2: client=mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:20:32.199064+01:00 mx postfix/cleanup[7813]: 2FFDB1600B2: message-id=<lab.00001.helo-unknown-fqdn@traffic.lab.example>',
      '2026-11-25T20:20:32.200754+01:00 mx postfix/smtpd[7807]: disconnect from mail63.senders.example[127.0.0.63] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
      '2026-11-25T20:20:32.200879+01:00 mx postfix/qmgr[7758]: 2FFDB1600B2: from=<noreply@senders.example>, size=6069, nrcpt=1 (queue active)',
      '2026-11-25T20:20:32.282907+01:00 mx postfix/smtpd[7820]: connect from localhost[127.0.0.1]',
      '2026-11-25T20:20:32.285318+01:00 mx postfix/smtpd[7820]: 45A081600B7: client=localhost[127.0.0.1], orig_queue_id=2FFDB1600B2, orig_client=mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:20:32.285889+01:00 mx postfix/cleanup[7815]: 45A081600B7: message-id=<lab.00001.helo-unknown-fqdn@traffic.lab.example>',
      '2026-11-25T20:20:32.287184+01:00 mx postfix/qmgr[7758]: 45A081600B7: from=<noreply@senders.example>, size=6247, nrcpt=1 (queue active)',
      '2026-11-25T20:20:32.287232+01:00 mx postfix/smtpd[7820]: disconnect from localhost[127.0.0.1] ehlo=1 xforward=1 mail=1 rcpt=1 data=1 quit=1 commands=6',
      '2026-11-25T20:20:32.287496+01:00 mx postfix/smtp[7816]: 2FFDB1600B2: to=<bob@lab.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.11, delays=0.02/0.02/0.04/0.02, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 45A081600B7)',
      '2026-11-25T20:20:32.287742+01:00 mx postfix/qmgr[7758]: 2FFDB1600B2: removed',
      '2026-11-25T20:20:32.296916+01:00 mx postfix/local[7821]: 45A081600B7: to=<bob@lab.example>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
      '2026-11-25T20:20:32.297035+01:00 mx postfix/qmgr[7758]: 45A081600B7: removed',
    ],
    facts: [
      'warned NOQUEUE 4xx in session 7807',
      'session-end 7807 127.0.0.63 start end rejects=0 tls=false [2FFDB1600B2]',
      'session-end 7820 127.0.0.1 start end rejects=0 tls=false [45A081600B7]',
      'delivered 45A081600B7 bob@lab.example as 2FFDB1600B2',
      'received 2FFDB1600B2 from=<noreply@senders.example> size=6069',
    ],
  },
  {
    name: 'a re-injection without orig_queue_id is the child of the message whose `queued as` names it: the hop is not a delivery, the child not a receipt',
    // lab out-filter/maillog-rfc3339.log lines 152-166
    lines: [
      '2026-11-25T20:20:36.165819+01:00 mx postfix/pickup[7756]: 286F11600E3: uid=1003 from=<carol@lab.example>',
      '2026-11-25T20:20:36.166214+01:00 mx postfix/cleanup[7815]: 286F11600E3: message-id=<lab.00014.sendmail-closed-domain@traffic.lab.example>',
      '2026-11-25T20:20:36.168506+01:00 mx postfix/qmgr[7758]: 286F11600E3: from=<carol@lab.example>, size=1074, nrcpt=1 (queue active)',
      '2026-11-25T20:20:36.211571+01:00 mx postfix/smtpd[7820]: connect from localhost[127.0.0.1]',
      '2026-11-25T20:20:36.213017+01:00 mx postfix/smtpd[7820]: 33F7D1600E6: client=localhost[127.0.0.1]',
      '2026-11-25T20:20:36.213702+01:00 mx postfix/cleanup[7813]: 33F7D1600E6: message-id=<lab.00014.sendmail-closed-domain@traffic.lab.example>',
      '2026-11-25T20:20:36.214897+01:00 mx postfix/smtpd[7820]: disconnect from localhost[127.0.0.1] ehlo=1 xforward=1 mail=1 rcpt=1 data=1 quit=1 commands=6',
      '2026-11-25T20:20:36.214903+01:00 mx postfix/qmgr[7758]: 33F7D1600E6: from=<carol@lab.example>, size=1258, nrcpt=1 (queue active)',
      '2026-11-25T20:20:36.215145+01:00 mx postfix/smtp[7818]: 286F11600E3: to=<office@closed.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.05, delays=0.01/0/0.04/0, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 33F7D1600E6)',
      '2026-11-25T20:20:36.215380+01:00 mx postfix/qmgr[7758]: 286F11600E3: removed',
      '2026-11-25T20:20:36.231569+01:00 mx postfix/error[7836]: 33F7D1600E6: to=<office@closed.example>, relay=none, delay=0.02, delays=0/0.01/0/0.01, dsn=5.1.2, status=bounced (Domain closed.example no longer accepts mail)',
      '2026-11-25T20:20:36.233508+01:00 mx postfix/bounce[7837]: 33F7D1600E6: sender non-delivery notification: 38B0A1600E7',
      '2026-11-25T20:20:36.234136+01:00 mx postfix/qmgr[7758]: 33F7D1600E6: removed',
    ],
    facts: [
      'received 286F11600E3 from=<carol@lab.example> size=1074',
      'session-end 7820 127.0.0.1 start end rejects=0 tls=false [33F7D1600E6]',
      'bounced 33F7D1600E6 office@closed.example as 286F11600E3',
    ],
  },
  {
    name: "a remote server's `queued as` (its own amavis) is a delivery; a before-queue filter's re-injection is the one receipt",
    // modoboa mail.rendered.log lines 14-33
    lines: [
      'Nov 16 11:03:12 server postfix/smtpd[30624]: connect from misas5.babino.pl[207.154.235.157]',
      'Nov 16 11:03:12 server postfix/smtpd[30624]: NOQUEUE: client=misas5.babino.pl[207.154.235.157]',
      'Nov 16 11:03:15 server postfix/smtpd[30647]: connect from localhost.localdomain[127.0.0.1]',
      'Nov 16 11:03:15 server postfix/smtpd[30647]: 1FEB7E00C4: client=localhost.localdomain[127.0.0.1], orig_client=misas5.babino.pl[207.154.235.157]',
      'Nov 16 11:03:15 server postfix/cleanup[30637]: 1FEB7E00C4: message-id=<de35d4cf3b0862e276fc1afc2f0c14d6@link.crazygecko.pl>',
      'Nov 16 11:03:15 server postfix/qmgr[26163]: 1FEB7E00C4: from=<zwroty@babino.pl>, size=53549, nrcpt=1 (queue active)',
      'Nov 16 11:03:15 server postfix/smtpd[30647]: disconnect from localhost.localdomain[127.0.0.1] ehlo=1 xforward=1 mail=1 rcpt=1 data=1 quit=1 commands=6',
      'Nov 16 11:03:15 server postfix/smtpd[30624]: proxy-accept: END-OF-MESSAGE: 250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 1FEB7E00C4; from=<zwroty@babino.pl> to=<info@test2.com> proto=ESMTP helo=<misas5.babino.pl>',
      'Nov 16 11:03:15 server postfix/smtpd[30624]: disconnect from misas5.babino.pl[207.154.235.157] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
      'Nov 16 11:03:26 server postfix/smtp[30648]: 1FEB7E00C4: to=<info@test2.com>, relay=mail.domain.test[94.23.191.34]:25, delay=11, delays=0.05/0.01/6.1/5.2, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 5DDDA1F30002)',
      'Nov 16 11:03:26 server postfix/qmgr[26163]: 1FEB7E00C4: removed',
    ],
    facts: [
      'session-end 30647 127.0.0.1 start end rejects=0 tls=false [1FEB7E00C4]',
      'session-end 30624 207.154.235.157 start end rejects=0 tls=false []',
      'delivered 1FEB7E00C4 info@test2.com',
      'received 1FEB7E00C4 from=<zwroty@babino.pl> size=53549',
    ],
  },
  {
    name: 'a postsuper -r requeue is the same message: received once, deferrals per queue ID, its expiry returns the recipient never delivered',
    // lab out/maillog-rfc3339.log lines 6881-9152 (one message)
    lines: [
      '2026-11-25T20:12:28.225662+01:00 mx postfix/smtpd[4251]: 37114160071: client=web1.lab.example[127.0.0.3]',
      '2026-11-25T20:12:28.226883+01:00 mx postfix/cleanup[4270]: 37114160071: message-id=<lab.00535.internal-relay@traffic.lab.example>',
      '2026-11-25T20:12:28.228034+01:00 mx postfix/qmgr[4184]: 37114160071: from=<alerts@lab.example>, size=5701, nrcpt=2 (queue active)',
      '2026-11-25T20:12:28.229755+01:00 mx postfix/smtp[4198]: 37114160071: to=<alerts@partner.example>, relay=mx1.partner.example[127.0.0.11]:25, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
      '2026-11-25T20:12:28.230236+01:00 mx postfix/smtp[4232]: 37114160071: to=<team@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=0.01, delays=0/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))',
      '2026-11-25T20:12:59.628626+01:00 mx postfix/postsuper[4568]: 37114160071: requeued',
      '2026-11-25T20:13:10.996922+01:00 mx postfix/pickup[4183]: F35BB160486: uid=102 from=<alerts@lab.example> orig_id=37114160071',
      '2026-11-25T20:13:10.997221+01:00 mx postfix/cleanup[4539]: F35BB160486: message-id=<lab.00535.internal-relay@traffic.lab.example>',
      '2026-11-25T20:13:10.998895+01:00 mx postfix/qmgr[4184]: F35BB160486: from=<alerts@lab.example>, size=5813, nrcpt=1 (queue active)',
      '2026-11-25T20:13:11.000871+01:00 mx postfix/smtp[4198]: F35BB160486: to=<team@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=43, delays=43/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))',
      '2026-11-25T20:17:19.393856+01:00 mx postfix/qmgr[4184]: F35BB160486: from=<alerts@lab.example>, status=expired, returned to sender',
      '2026-11-25T20:17:19.397185+01:00 mx postfix/bounce[4916]: F35BB160486: sender non-delivery notification: 6054F160025',
      '2026-11-25T20:17:19.398190+01:00 mx postfix/qmgr[4184]: F35BB160486: removed',
    ],
    facts: [
      'delivered 37114160071 alerts@partner.example',
      'deferred 37114160071 team@greylist.example first',
      'deferred F35BB160486 team@greylist.example as 37114160071 first',
      'expired F35BB160486 [team@greylist.example] as 37114160071',
      'received 37114160071 from=<alerts@lab.example> size=5701',
      'session-end 4251 127.0.0.3 no-start no-end rejects=0 tls=false [37114160071]',
    ],
  },
  {
    name: 'NOQUEUE hold then client=: the held message is received, counted held, and still open (in the hold queue) at the end',
    // lab out/maillog-rfc3339.log lines 79-83
    lines: [
      '2026-11-25T20:08:42.234770+01:00 mx postfix/smtpd[3607]: connect from mail69.senders.example[127.0.0.69]',
      '2026-11-25T20:08:42.237181+01:00 mx postfix/smtpd[3607]: NOQUEUE: hold: RCPT from mail69.senders.example[127.0.0.69]: <quarantine-me@lab.example>: Recipient address Held by recipient access rule; from=<news@senders.example> to=<quarantine-me@lab.example> proto=ESMTP helo=<mail69.senders.example>',
      '2026-11-25T20:08:42.238095+01:00 mx postfix/smtpd[3607]: 3A19E160001: client=mail69.senders.example[127.0.0.69]',
      '2026-11-25T20:08:42.238657+01:00 mx postfix/cleanup[3595]: 3A19E160001: message-id=<lab.00009.rcpt-access-quarantine-me@traffic.lab.example>',
      '2026-11-25T20:08:42.239755+01:00 mx postfix/smtpd[3607]: disconnect from mail69.senders.example[127.0.0.69] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
    ],
    facts: [
      'held NOQUEUE',
      'session-end 3607 127.0.0.69 start end rejects=0 tls=false [3A19E160001]',
      'received 3A19E160001 from=<news@senders.example> size=?',
      'incomplete 3A19E160001 end-of-input',
    ],
  },
  {
    name: 'NOQUEUE discard then client=: the message is received and discarded, and leaves memory complete',
    // lab out/maillog-rfc3339.log lines 389-393
    lines: [
      '2026-11-25T20:08:57.196762+01:00 mx postfix/smtpd[3604]: connect from out.newsletter.example[127.0.0.43]',
      '2026-11-25T20:08:57.198742+01:00 mx postfix/smtpd[3604]: NOQUEUE: discard: RCPT from out.newsletter.example[127.0.0.43]: <spamtrap@lab.example>: Recipient address Spam trap hit; from=<ceo@newsletter.example> to=<spamtrap@lab.example> proto=ESMTP helo=<out.newsletter.example>',
      '2026-11-25T20:08:57.199102+01:00 mx postfix/smtpd[3604]: 3094A160397: client=out.newsletter.example[127.0.0.43]',
      '2026-11-25T20:08:57.199772+01:00 mx postfix/smtpd[3604]: disconnect from out.newsletter.example[127.0.0.43] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
    ],
    facts: [
      'discarded NOQUEUE',
      'session-end 3604 127.0.0.43 start end rejects=0 tls=false [3094A160397]',
      'received 3094A160397 from=<ceo@newsletter.example> size=?',
    ],
  },
  {
    name: 'a DATA reject with a queue ID refuses the transaction: rejected, not received, not incomplete',
    // lab out/maillog-rfc3339.log lines 396-399
    lines: [
      '2026-11-25T20:08:57.939735+01:00 mx postfix/smtpd[3609]: connect from mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:08:57.941679+01:00 mx postfix/smtpd[3609]: E5E06160397: client=mail63.senders.example[127.0.0.63]',
      '2026-11-25T20:08:57.942981+01:00 mx postfix/smtpd[3609]: E5E06160397: reject: DATA from mail63.senders.example[127.0.0.63]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> proto=ESMTP helo=<mail63.senders.example>',
      '2026-11-25T20:08:57.943239+01:00 mx postfix/smtpd[3609]: disconnect from mail63.senders.example[127.0.0.63] ehlo=1 mail=1 rcpt=2 data=0/1 quit=1 commands=5/6',
    ],
    facts: [
      'rejected E5E06160397 in session 3609',
      'session-end 3609 127.0.0.63 start end rejects=1 tls=false [E5E06160397]',
    ],
  },
  {
    name: 'a sendmail message rejected by header_checks was accepted by sendmail: received (sender from cleanup), rejected and bounced',
    // lab out/maillog-rfc3339.log lines 4340-4345
    lines: [
      '2026-11-25T20:11:09.005688+01:00 mx postfix/pickup[4183]: 015BD160416: uid=1001 from=<alice>',
      '2026-11-25T20:11:09.007061+01:00 mx postfix/cleanup[4191]: 015BD160416: reject: header Subject: Cheap viagra pills (forwarded joke) from local; from=<alice@lab.example>: 5.7.1 Spam subject (viagra)',
      '2026-11-25T20:11:09.007077+01:00 mx postfix/cleanup[4191]: 015BD160416: message-id=<lab.00337.sendmail-header-reject@traffic.lab.example>',
      '2026-11-25T20:11:09.008668+01:00 mx postfix/cleanup[4191]: 015BD160416: to=<bob@lab.example>, relay=none, delay=0, delays=0/0/0/0, dsn=5.7.1, status=bounced (Spam subject (viagra))',
      '2026-11-25T20:11:09.010153+01:00 mx postfix/bounce[4235]: 015BD160416: sender non-delivery notification: 02374160418',
    ],
    facts: [
      'rejected 015BD160416',
      'bounced 015BD160416 bob@lab.example',
      'received 015BD160416 from=<alice@lab.example> size=?',
    ],
  },
  {
    name: 'a message too big without SIZE has no reject line, but no DATA of its session succeeded: not received',
    // lab out/maillog-rfc3339.log lines 116-129
    lines: [
      '2026-11-25T20:08:44.345411+01:00 mx postfix/smtpd[3607]: connect from trusted.friend.example[127.0.0.62]',
      '2026-11-25T20:08:44.369360+01:00 mx postfix/smtpd[3607]: 5A074160033: client=trusted.friend.example[127.0.0.62]',
      '2026-11-25T20:08:44.407212+01:00 mx postfix/smtpd[3607]: warning: 5A074160033: queue file size limit exceeded',
      '2026-11-25T20:08:44.408468+01:00 mx postfix/cleanup[3595]: warning: mail_stream_cleanup: close error',
      '2026-11-25T20:08:44.409050+01:00 mx postfix/smtpd[3607]: disconnect from trusted.friend.example[127.0.0.62] helo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5',
    ],
    facts: [
      'session-end 3607 127.0.0.62 start end rejects=0 tls=false [5A074160033]',
    ],
  },
  {
    name: 'a connection lost during DATA leaves no message: not received',
    // lab out/maillog-rfc3339.log lines 5644-5655
    lines: [
      '2026-11-25T20:11:46.183107+01:00 mx postfix/smtpd[4275]: connect from drop.flaky-client.example[127.0.0.71]',
      '2026-11-25T20:11:46.184696+01:00 mx postfix/smtpd[4275]: 2D12B160442: client=drop.flaky-client.example[127.0.0.71]',
      '2026-11-25T20:11:46.385518+01:00 mx postfix/smtpd[4275]: lost connection after DATA (34 bytes) from drop.flaky-client.example[127.0.0.71]',
      '2026-11-25T20:11:46.385560+01:00 mx postfix/smtpd[4275]: disconnect from drop.flaky-client.example[127.0.0.71] ehlo=1 mail=1 rcpt=1 data=0/1 commands=3/4',
    ],
    facts: [
      'session-end 4275 127.0.0.71 start end rejects=0 tls=false [2D12B160442]',
    ],
  },
  {
    name: 'too many errors: every NOQUEUE reject of the session is one reject, and the session counts them',
    // lab out/maillog-rfc3339.log lines 2516-2527
    lines: [
      '2026-11-25T20:09:45.541391+01:00 mx postfix/smtpd[3609]: connect from typo.errors.example[127.0.0.74]',
      '2026-11-25T20:09:45.544497+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx1@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx1@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.545856+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx2@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx2@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.547383+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx3@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx3@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.548664+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx4@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx4@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.550130+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx5@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx5@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.551661+01:00 mx postfix/smtpd[3609]: NOQUEUE: reject: RCPT from typo.errors.example[127.0.0.74]: 550 5.1.1 <nx6@lab.example>: Recipient address rejected: User unknown in local recipient table; from=<x@errors.example> to=<nx6@lab.example> proto=ESMTP helo=<typo.errors.example>',
      '2026-11-25T20:09:45.551930+01:00 mx postfix/smtpd[3609]: too many errors after RCPT from typo.errors.example[127.0.0.74]',
      '2026-11-25T20:09:45.551944+01:00 mx postfix/smtpd[3609]: disconnect from typo.errors.example[127.0.0.74] ehlo=1 mail=1 rcpt=0/6 commands=2/8',
    ],
    facts: [
      'rejected NOQUEUE in session 3609',
      'rejected NOQUEUE in session 3609',
      'rejected NOQUEUE in session 3609',
      'rejected NOQUEUE in session 3609',
      'rejected NOQUEUE in session 3609',
      'rejected NOQUEUE in session 3609',
      'session-end 3609 127.0.0.74 start end rejects=6 tls=false []',
    ],
  },
];

for (const row of ROWS) {
  test(row.name, () => {
    assert.deepStrictEqual(tellAll(row.lines), row.facts);
  });
}

test('received waits for the claim window: it comes before the first line more than five minutes later', () => {
  // lab out/maillog-rfc3339.log lines 60-76, then line 8811 (20:14:19, more than 5 min after the client= lines)
  const lines = [...ROWS[0]!.lines, '2026-11-25T20:14:19.621405+01:00 mx postfix/smtp[4236]: F35BB160486: to=<team@greylist.example>, relay=127.0.0.13[127.0.0.13]:2525, delay=111, delays=111/0/0/0, dsn=4.7.1, status=deferred (host 127.0.0.13[127.0.0.13] said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))'];
  const told = tellAll(lines);
  assert.deepStrictEqual(told.slice(-4), [
    'received 21A7E160001 from=<m.mueller@customer.example> size=4973',
    'received 23F46160001 from=<news@senders.example> size=3442',
    'deferred F35BB160486 team@greylist.example first',
    'incomplete F35BB160486 end-of-input',
  ]);
});

test('a received fact carries the whole message as the log told it, and the re-injection delivers as its root', () => {
  const facts = correlate(ROWS[1]!.lines);
  const received = facts.find((f) => f.kind === 'received');
  const delivered = facts.find((f) => f.kind === 'delivered');
  assert.ok(received?.kind === 'received' && delivered?.kind === 'delivered');
  const root = {
    queueId: '2FFDB1600B2', parentId: null, instance: 'postfix', host: 'mx', origin: 'smtpd' as const,
    client: { name: 'mail63.senders.example', ip: '127.0.0.63', port: null }, saslUsername: null,
    from: 'noreply@senders.example', size: 6069, nrcpt: 1, messageId: '<lab.00001.helo-unknown-fqdn@traffic.lab.example>',
    firstSeen: Date.parse('2026-11-25T20:20:32.196+01:00'), lastSeen: Date.parse('2026-11-25T20:20:32.287+01:00'), received: true,
  };
  assert.deepStrictEqual(messageView(received.message), root);
  assert.deepStrictEqual(messageView(delivered.message!), root);
  assert.equal(delivered.record.queueId, '45A081600B7');
});

const shared = sharedDir();

test('a queue ID reused after removed starts a new message: the re-injected copy of one, then a new arrival', { skip: shared === null ? 'needs ../shared' : false }, () => {
  // lightmeter individual_files/14_reuse_of_queueid.log (AGPL: read in place, not copied): BABABABABA is first the
  // copy a DKIM-signing filter re-injected for DADADADADA (lines 8-18, removed), a minute later a new message from
  // another client (lines 541-558) that goes to the filter itself
  const lines = readFileSync(join(shared!, 'corpus/lightmeter/individual_files/14_reuse_of_queueid.log'), 'utf8')
    .split('\n').filter((l) => l.includes('postfix'));
  // the source's addresses are not repeated here: each is told as ADDR
  const told = correlate(lines).filter((f) => f.kind !== 'session-end').map(tell).filter((t) => t.includes('BABABABABA'))
    .map((t) => t.replace(/<?[^\s<>]+@[^\s<>]+>?/g, 'ADDR'));
  assert.deepStrictEqual(told, [
    'delivered BABABABABA ADDR as DADADADADA',
    'delivered CACACACACACA ADDR as BABABABABA',
    'received BABABABABA from=ADDR size=10673',
  ]);
});
