// postsumm only reads what it is given: after every command that reads logs, reports, the configuration and the
// password file (the report in each format, -d, events, merge, compare, and a scheduled run that mails), every one of
// those files has the same content, inode, size, mode and modification time, and their folder holds nothing new.
// The configuration's secrets: only in a password file or the environment, and a file others may read is said.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/schedule/config.js';
import { run, TempDir } from '../fuzz/harness.js';
import { startServer } from '../mail/server.js';
import { runMain } from '../cli-run.js';

const dir = new TempDir();
after(() => dir.clean());

/** What must not change of a file: its bytes, inode, size, mode and modification time (atime may: it was read). */
function fingerprint(file: string): string {
  const st = statSync(file);
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  return `${hash} ino=${st.ino} size=${st.size} mode=${st.mode.toString(8)} mtime=${st.mtimeMs} ctime=${st.ctimeMs}`;
}

/** One delivered message of day `day` (lab lines 8-18 of ../shared/lab/out/maillog-rfc3339.log, stamps moved). */
function dayLines(day: string): string {
  const t = `${day}T08:00:00+00:00 mx1`;
  return [
    `${t} postfix/smtpd[100]: ABC77160389: client=laptop81.home.example[127.0.0.81], sasl_method=LOGIN, sasl_username=alice@lab.example`,
    `${t} postfix/cleanup[101]: ABC77160389: message-id=<lab.00001.submission-out@traffic.lab.example>`,
    `${t} postfix/qmgr[102]: ABC77160389: from=<alice@lab.example>, size=79700, nrcpt=1 (queue active)`,
    `${t} postfix/local[103]: ABC77160389: to=<bob@lab.example>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)`,
    `${t} postfix/qmgr[102]: ABC77160389: removed`,
  ].join('\n') + '\n';
}

test('no command writes to the logs, reports, configuration or password file it reads', async () => {
  const server = await startServer({ auth: { user: 'postsumm', pass: 's3cret' } });
  try {
    const live = dir.file(dayLines('2026-11-24'), 'mail.log');
    const rotated = dir.file(gzipSync(dayLines('2026-11-23')), 'mail.log.1.gz');
    const password = dir.file('s3cret\n', 'password');
    chmodSync(password, 0o600);
    const config = dir.file(JSON.stringify({
      logs: [live], timeZone: 'UTC',
      mail: { to: ['admin@example.com'], from: 'postsumm@mx1.example', smtp: { host: '127.0.0.1', port: server.port, user: 'postsumm', passwordFile: password } },
    }), 'postsumm.json');
    chmodSync(config, 0o600);
    const jsonReport = dir.file((await run(['--format', 'json', rotated])).out, 'earlier.json');
    const files = [live, rotated, password, config, jsonReport];
    const before = files.map(fingerprint);
    const listing = readdirSync(dir.path).sort();

    const runs: string[][] = [
      [live, rotated], ['--format', 'json', live, rotated], ['--format', 'html', '--compare-with', jsonReport, live, rotated],
      ['-d', '2026-11-24', live, rotated], ['events', live, rotated], ['events', '--count', live], ['merge', jsonReport, jsonReport],
    ];
    for (const argv of runs) {
      const r = await run(argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    }
    // the scheduled run: reads the configuration, both logs and the password file, and mails the report
    const { code, err } = await runMain(['schedule', '--config', config, '--run-now'], { now: () => Date.parse('2026-11-25T10:00:00Z') });
    assert.equal(code, 0, err);
    assert.deepEqual(server.received.map((m) => m.mail.subject), ['Postfix report mx1: 2026-11-24 — 1 delivered, 0 rejected, 0 bounced']);
    assert.deepEqual(server.logins, ['postsumm']);

    assert.deepEqual(files.map(fingerprint), before, 'every file read is as it was');
    assert.deepEqual(readdirSync(dir.path).sort(), listing, 'nothing new beside them');
  } finally {
    await server.close();
  }
});

test('a configuration or password file every user may read is a warning; a password in the configuration is refused', async () => {
  const password = dir.file('s3cret\n', 'open-password');
  chmodSync(password, 0o644);
  const config = dir.file(JSON.stringify({
    logs: ['/var/log/mail.log'],
    mail: { to: ['admin@example.com'], smtp: { host: 'smtp.example.com', user: 'postsumm', passwordFile: password } },
  }), 'open.json');
  chmodSync(config, 0o644);
  const { warnings } = await loadConfig(config);
  assert.deepEqual(warnings, [
    `${config} is readable by every user (mode 644): chmod o-r ${config}`,
    `the password file ${password} is readable by every user (mode 644): chmod o-r ${password}`,
  ]);
  chmodSync(password, 0o600);
  chmodSync(config, 0o600);
  assert.deepEqual((await loadConfig(config)).warnings, []);

  const inline = dir.file(JSON.stringify({ logs: ['/var/log/mail.log'], mail: { to: ['a@example.com'], smtp: { host: 'h', user: 'u', password: 's3cret' } } }), 'inline.json');
  chmodSync(inline, 0o600);
  const r = await run(['schedule', '--config', inline, '--run-now']);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.err, /s3cret/, 'the password is not echoed');
  assert.match(r.err, /"mail\.smtp\.password" is not read: a password is never kept in the configuration/);
});
