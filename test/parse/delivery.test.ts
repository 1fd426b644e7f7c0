// Tests for delivery.ts: the delivery record of local, virtual, pipe, error and discard, read whole.
// Real lines only: the lab's and permissively licensed corpus folders' (named above each group).
import { ds, runRows, type Row } from './rows.js';

const ROWS: Row[] = [
  // lab (out/maillog-traditional.log)
  {
    name: 'local reads a mailbox delivery',
    daemon: 'local',
    line: 'B7D4A160390: to=<alice@lab.example>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
    queueId: 'B7D4A160390',
    event: ds({ to: 'alice@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to mailbox' }),
  },
  {
    name: 'local reads orig_to after an alias expansion',
    daemon: 'local',
    line: '0BB95160042: to=<alice@lab.example>, orig_to=<sales@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
    queueId: '0BB95160042',
    event: ds({ to: 'alice@lab.example', origTo: 'sales@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to mailbox' }),
  },
  {
    name: 'local reads the queue ID of a .forward re-injection into forwardedAs',
    daemon: 'local',
    line: 'A40A1160394: to=<erin@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as A4D36160396)',
    queueId: 'A40A1160394',
    event: ds({ to: 'erin@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'forwarded as A4D36160396', forwardedAs: 'A4D36160396' }),
  },
  {
    name: 'local reads a delivery to a file',
    daemon: 'local',
    line: '5FCE81603CF: to=<archive@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to file: /var/spool/lab-archive/archive.mbox)',
    queueId: '5FCE81603CF',
    event: ds({ to: 'archive@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to file: /var/spool/lab-archive/archive.mbox' }),
  },
  {
    name: 'local reads a delivery to a command',
    daemon: 'local',
    line: '4B8421603D7: to=<pipetest@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to command: /bin/cat >/dev/null)',
    queueId: '4B8421603D7',
    event: ds({ to: 'pipetest@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to command: /bin/cat >/dev/null' }),
  },
  {
    name: 'local reads an unknown-user bounce',
    daemon: 'local',
    line: '3F98C1600A4: to=<noreply@lab.example>, relay=local, delay=0, delays=0/0/0/0, dsn=5.1.1, status=bounced (unknown user: "noreply")',
    queueId: '3F98C1600A4',
    event: ds({ to: 'noreply@lab.example', relay: 'local', delay: 0, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.1.1', status: 'bounced', detail: 'unknown user: "noreply"' }),
  },
  {
    name: 'local reads a full-mailbox bounce',
    daemon: 'local',
    line: 'D7687160410: to=<dave@lab.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/dave for user dave. error writing message: File too large)',
    queueId: 'D7687160410',
    event: ds({ to: 'dave@lab.example', relay: 'local', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.2.2', status: 'bounced', detail: 'cannot update mailbox /var/mail/dave for user dave. error writing message: File too large' }),
  },
  {
    name: 'virtual reads a maildir delivery',
    daemon: 'virtual',
    line: '4482E160052: to=<support@vmail.example>, relay=virtual, delay=0.05, delays=0.05/0.01/0/0, dsn=2.0.0, status=sent (delivered to maildir)',
    queueId: '4482E160052',
    event: ds({ to: 'support@vmail.example', relay: 'virtual', delay: 0.05, delays: { beforeQmgr: 0.05, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to maildir' }),
  },
  {
    name: 'error reads a bounce of a closed domain',
    daemon: 'error',
    line: '5B0B4160027: to=<office@closed.example>, relay=none, delay=0.01, delays=0/0.01/0/0, dsn=5.1.2, status=bounced (Domain closed.example no longer accepts mail)',
    queueId: '5B0B4160027',
    event: ds({ to: 'office@closed.example', relay: 'none', delay: 0.01, delays: { beforeQmgr: 0, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '5.1.2', status: 'bounced', detail: 'Domain closed.example no longer accepts mail' }),
  },
  {
    name: 'error reads the dead host behind delivery temporarily suspended',
    daemon: 'error',
    line: '7D524160445: to=<ops@down.example>, relay=none, delay=32, delays=32/0.01/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.15[127.0.0.15]:2599: Connection refused)',
    queueId: '7D524160445',
    event: ds({ to: 'ops@down.example', relay: 'none', delay: 32, delays: { beforeQmgr: 32, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '4.4.1', status: 'deferred', detail: 'delivery temporarily suspended: connect to 127.0.0.15[127.0.0.15]:2599: Connection refused', remote: { name: '127.0.0.15', ip: '127.0.0.15', port: 2599 } }),
  },
  {
    name: 'discard reads a blackholed recipient',
    daemon: 'discard',
    line: '6C9021600D1: to=<k.tanaka@blackhole.example>, relay=none, delay=0.02, delays=0.02/0.01/0/0, dsn=2.0.0, status=sent (blackholed by transport map)',
    queueId: '6C9021600D1',
    event: ds({ to: 'k.tanaka@blackhole.example', relay: 'none', delay: 0.02, delays: { beforeQmgr: 0.02, inQueue: 0.01, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'blackholed by transport map' }),
  },
  // lab (out-filter/maillog-traditional.log)
  {
    name: 'error reads the timed-out host behind delivery temporarily suspended',
    daemon: 'error',
    line: '1779B160363: to=<billing@timeout.example>, relay=none, delay=136, delays=136/0/0/0, dsn=4.4.2, status=deferred (delivery temporarily suspended: conversation with 127.0.0.31[127.0.0.31] timed out while receiving the initial server greeting)',
    queueId: '1779B160363',
    event: ds({ to: 'billing@timeout.example', relay: 'none', delay: 136, delays: { beforeQmgr: 136, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '4.4.2', status: 'deferred', detail: 'delivery temporarily suspended: conversation with 127.0.0.31[127.0.0.31] timed out while receiving the initial server greeting', remote: { name: '127.0.0.31', ip: '127.0.0.31', port: null } }),
  },
  // postfix-grok-patterns (test/local_0001.yaml, pipe_*.yaml, error_0002.yaml, discard_0001.yaml)
  {
    name: 'local reads addresses logged without angle brackets',
    daemon: 'local',
    line: '2A22C263F6: to=user@hostname.example.com, orig_to=root@localhost, relay=local, delay=0.07, delays=0.04/0/0/0.03, dsn=2.0.0, status=sent (delivered to command: procmail -a "$EXTENSION")',
    queueId: '2A22C263F6',
    event: ds({ to: 'user@hostname.example.com', origTo: 'root@localhost', relay: 'local', delay: 0.07, delays: { beforeQmgr: 0.04, inQueue: 0, connSetup: 0, transmission: 0.03 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to command: procmail -a "$EXTENSION"' }),
  },
  {
    name: 'pipe reads a delivery through a pipe transport',
    daemon: 'pipe',
    line: '153053D: to=<tom@example.com>, orig_to=<admin@example.com>, relay=dovecot, delay=3.4, delays=3.3/0.03/0/0.12, dsn=2.0.0, status=sent (delivered via dovecot service)',
    queueId: '153053D',
    event: ds({ to: 'tom@example.com', origTo: 'admin@example.com', relay: 'dovecot', delay: 3.4, delays: { beforeQmgr: 3.3, inQueue: 0.03, connSetup: 0, transmission: 0.12 }, dsn: '2.0.0', status: 'sent', detail: 'delivered via dovecot service' }),
  },
  {
    name: 'pipe reads a bounce',
    daemon: 'pipe',
    line: '2F6C83D: to=<user@example.org>, relay=dovecot, delay=5.1, delays=4.4/0.02/0/0.61, dsn=5.1.1, status=bounced (user unknown)',
    queueId: '2F6C83D',
    event: ds({ to: 'user@example.org', relay: 'dovecot', delay: 5.1, delays: { beforeQmgr: 4.4, inQueue: 0.02, connSetup: 0, transmission: 0.61 }, dsn: '5.1.1', status: 'bounced', detail: 'user unknown' }),
  },
  {
    name: 'error reads the hyphenated status of an address verification',
    daemon: 'error',
    line: '3E29030F8637E: to=<user@yahoo.com>, relay=none, delay=0.01, delays=0.01/0/0/0, dsn=5.1.1, status=undeliverable-but-not-cached (User unknown in virtual alias table)',
    queueId: '3E29030F8637E',
    event: ds({ to: 'user@yahoo.com', relay: 'none', delay: 0.01, delays: { beforeQmgr: 0.01, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '5.1.1', status: 'undeliverable-but-not-cached', detail: 'User unknown in virtual alias table' }),
  },
  {
    name: 'discard reads its free-text detail',
    daemon: 'discard',
    line: '25F2E5E061: to=<george.desantis@test.example.com>, relay=none, delay=0.05, delays=0.05/0/0/0, dsn=2.0.0, status=sent (test.example.com)',
    queueId: '25F2E5E061',
    event: ds({ to: 'george.desantis@test.example.com', relay: 'none', delay: 0.05, delays: { beforeQmgr: 0.05, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'test.example.com' }),
  },
  // modoboa (mail.rendered.log)
  {
    name: 'pipe keeps parentheses inside the detail',
    daemon: 'pipe',
    line: '5E852E00C4: to=<dmarc-aggrep@ngyn.org>, relay=dmarc-rua, delay=0.85, delays=0.04/0/0/0.81, dsn=2.0.0, status=sent (delivered via dmarc-rua service (Importing report 5520130506303437380 received from google.com))',
    queueId: '5E852E00C4',
    event: ds({ to: 'dmarc-aggrep@ngyn.org', relay: 'dmarc-rua', delay: 0.85, delays: { beforeQmgr: 0.04, inQueue: 0, connSetup: 0, transmission: 0.81 }, dsn: '2.0.0', status: 'sent', detail: 'delivered via dmarc-rua service (Importing report 5520130506303437380 received from google.com)' }),
  },
  {
    name: 'pipe reads status=deliverable of sendmail -bv',
    daemon: 'pipe',
    line: 'E8BF5E00C4: to=<dmarc-aggrep@ngyn.org>, relay=dmarc-rua, delay=0.04, delays=0.03/0.01/0/0.01, dsn=2.0.0, status=deliverable (delivers to command: /srv/modoboa/env/bin/python)',
    queueId: 'E8BF5E00C4',
    event: ds({ to: 'dmarc-aggrep@ngyn.org', relay: 'dmarc-rua', delay: 0.04, delays: { beforeQmgr: 0.03, inQueue: 0.01, connSetup: 0, transmission: 0.01 }, dsn: '2.0.0', status: 'deliverable', detail: 'delivers to command: /srv/modoboa/env/bin/python' }),
  },
  // postfix_exporter (Hsn723.log)
  {
    name: 'virtual reads a maildir delivery of another site',
    daemon: 'virtual',
    line: '199041033BE: to=<me@domain.fr>, relay=virtual, delay=0.08, delays=0.08/0/0/0, dsn=2.0.0, status=sent (delivered to maildir)',
    queueId: '199041033BE',
    event: ds({ to: 'me@domain.fr', relay: 'virtual', delay: 0.08, delays: { beforeQmgr: 0.08, inQueue: 0, connSetup: 0, transmission: 0 }, dsn: '2.0.0', status: 'sent', detail: 'delivered to maildir' }),
  },
  // msimerson-postfix-parser (postfix_messages: the same error line with and without its queue ID)
  {
    name: 'error reads a delivery record without a queue ID',
    daemon: 'error',
    line: 'to=<rcarey@example.tv>, relay=none, delay=165276, delays=165276/0.09/0/0.09, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 24.200.177.247[24.200.177.247]:25: Connection timed out)',
    queueId: null,
    event: ds({ to: 'rcarey@example.tv', relay: 'none', delay: 165276, delays: { beforeQmgr: 165276, inQueue: 0.09, connSetup: 0, transmission: 0.09 }, dsn: '4.4.1', status: 'deferred', detail: 'delivery temporarily suspended: connect to 24.200.177.247[24.200.177.247]:25: Connection timed out', remote: { name: '24.200.177.247', ip: '24.200.177.247', port: 25 } }),
  },
  {
    name: 'error reads a long queue ID with z in its time part',
    daemon: 'error',
    line: '3mJddz5fh3z7sdM: to=<rcarey@example.tv>, relay=none, delay=165276, delays=165276/0.09/0/0.09, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 24.200.177.247[24.200.177.247]:25: Connection timed out)',
    queueId: '3mJddz5fh3z7sdM',
    event: ds({ to: 'rcarey@example.tv', relay: 'none', delay: 165276, delays: { beforeQmgr: 165276, inQueue: 0.09, connSetup: 0, transmission: 0.09 }, dsn: '4.4.1', status: 'deferred', detail: 'delivery temporarily suspended: connect to 24.200.177.247[24.200.177.247]:25: Connection timed out', remote: { name: '24.200.177.247', ip: '24.200.177.247', port: 25 } }),
  },
];

runRows(ROWS);
