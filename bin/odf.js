#!/usr/bin/env node
// odf executable: runs the CLI and sets the exit code (never calls process.exit, so output is flushed).
import { main } from '../dist/cli/main.js';

process.stdout.on('error', (e) => {
  // A closed pipe (odf validate … | head) is not an error.
  if (e && e.code === 'EPIPE') process.exitCode = process.exitCode ?? 0;
  else throw e;
});
process.exitCode = await main(process.argv.slice(2));
