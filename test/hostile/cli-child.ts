// The command line in a child process, for files.test.ts to run as another user: what bin/postsumm.js does, from
// the sources (or dist/) rather than the bundle.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
