// The dashboard in a real terminal: postsumm --follow runs under tmux (80×24, then 120×40), lines are appended to the
// log, and the screen read back with capture-pane shows the batch report's figures for those lines; `q` ends it with
// exit 0 and the shell's screen back. Needs tmux (.ci/run installs it) and the built CLI (npm test builds it first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runReport } from '../../src/cli/pipeline.js';
import { count } from '../../src/render/format.js';
import { projectRoot } from '../corpus.js';
import { sampleLines } from './lines.js';

process.env.TZ = 'Europe/Berlin';

const root = projectRoot();
const BIN = join(root, 'bin', 'postsumm.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skip = !hasTmux ? 'needs tmux (.ci/run installs it)' : !existsSync(join(root, 'dist', 'postsumm.mjs')) ? 'needs the built CLI (npm run build)' : false;
const SOCKET = `postsumm-test-${process.pid}`;
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-tmux-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const lines = sampleLines();
const chunk = (from: number, to: number) => lines.slice(from, to).map((l) => l + '\n').join('');

function tmux(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

after(() => {
  if (hasTmux) tmux('kill-server');
});

/** The screen as text, one string a row. */
function screen(session: string): string[] {
  return tmux('capture-pane', '-p', '-t', session).stdout.replace(/\n$/, '').split('\n');
}

/** Waits (a bounded number of short polls of a real process) until the screen satisfies `ok`; returns it. */
async function until(session: string, ok: (rows: string[]) => boolean, what: string): Promise<string[]> {
  let rows: string[] = [];
  for (let i = 0; i < 150; i++) {
    rows = screen(session);
    if (ok(rows)) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: the screen never showed it; last screen:\n${rows.join('\n')}`);
}

/** The figure in the "since start" column of a traffic row. */
function sinceStart(rows: string[], label: string): string | undefined {
  const row = rows.find((r) => r.startsWith(label + ' '));
  return row?.trim().split(/\s+/)[1];
}

async function expectedTotals(text: string) {
  const f = join(tmp, `batch-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(f, text);
  return (await runReport([f], { year: 2026 })).report.totals;
}

for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
  test(`the dashboard in a ${columns}×${rows} tmux pane follows appended lines and quits on q`, { skip }, async () => {
    const log = join(tmp, `mail-${columns}.log`);
    const status = join(tmp, `status-${columns}`);
    writeFileSync(log, chunk(0, 1500));
    const session = `s${columns}`;
    const cmd = `TZ=Europe/Berlin NO_COLOR=1 node ${BIN} --follow --from-start --year 2026 ${log}; echo $? > ${status}; sleep 30`;
    assert.equal(tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), cmd).status, 0);

    let t = await expectedTotals(chunk(0, 1500));
    let shown = await until(session, (s) => sinceStart(s, 'delivered') === count(t.delivered), 'the first 1,500 lines');
    assert.equal(sinceStart(shown, 'rejected'), count(t.rejected));
    assert.equal(sinceStart(shown, 'bounced'), count(t.bounced));
    assert.equal(shown.length, rows, 'the screen has its rows');
    for (const r of shown) assert.ok([...r].length <= columns, `a row fits: ${r}`);
    assert.match(shown[0]!, /^postsumm live/);
    assert.match(shown.at(-1)!, /q quits/);

    appendFileSync(log, chunk(1500, 4000));
    t = await expectedTotals(chunk(0, 4000));
    shown = await until(session, (s) => sinceStart(s, 'delivered') === count(t.delivered), 'the appended lines');
    assert.equal(sinceStart(shown, 'deferred'), count(t.deferrals));
    if (rows >= 40) assert.ok(shown.some((r) => r.startsWith('Recent bounces')), 'a tall terminal shows every panel');

    tmux('send-keys', '-t', session, 'q');
    for (let i = 0; i < 100 && !existsSync(status); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(readFileSync(status, 'utf8').trim(), '0', 'q ends postsumm with exit 0');
    const after = screen(session);
    assert.ok(!after.some((r) => r.startsWith('postsumm live')), 'the dashboard left the screen (alternate screen closed)');
    tmux('kill-session', '-t', session);
  });
}
