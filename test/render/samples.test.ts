// samples/report.txt, .json and .html are what `npm start` prints for samples/ on a UTC machine (the CI's
// and ours): golden files like the others, so they never drift from the code (UPDATE_GOLDEN=1 rewrites them).
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { Writable } from 'node:stream';
import { projectRoot } from '../corpus.js';
import { golden } from '../golden.js';

process.env.TZ = 'UTC'; // `npm start` reads the classic stamps in the machine's zone

async function start(extra: string[]): Promise<string> {
  let out = '';
  const stdout = new Writable({ write(chunk, _e, done) { out += String(chunk); done(); } });
  const root = projectRoot();
  // --year: the year npm start infers from the files' modification time, fixed so the test does not age
  await main([...extra, '--year', '2026', join(root, 'samples/mail.log'), join(root, 'samples/mail.log.1.gz')], { stdout, stderr: stdout });
  return out;
}

test('samples/report.txt is the text report npm start prints for the samples', async () => {
  golden('report.txt', await start([]), join(projectRoot(), 'samples'));
});

test('samples/report.json is the same report as --format json', async () => {
  golden('report.json', await start(['--format', 'json']), join(projectRoot(), 'samples'));
});

test('samples/report.html is the same report as --format html', async () => {
  golden('report.html', await start(['--format', 'html']), join(projectRoot(), 'samples'));
});
