#!/usr/bin/env node
// Thin: runs the CLI, bundled into one file by npm run build (one module loads in a fraction of the time the
// eighty of dist/src take), and exits with its code.
import { main } from '../dist/postsumm.mjs';

// a reader that stops early (`postsumm events | head`) is not an error
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`postsumm: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 70; },
);
