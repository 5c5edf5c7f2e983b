#!/usr/bin/env node
// odf executable: runs the CLI and sets the exit code (never calls process.exit, so output is flushed).
import { main, langFromEnv } from '../dist/bundle/main.js';

const argv = process.argv.slice(2);
let stdoutError;
/** The exit code main returned, once it has. */
let code;
/** Standard output refused a write (a full disk behind `> file`): one sentence, exit 2. */
async function reportStdoutError() {
  // Loaded only then: odf --version need not load odf's file writing (and node:crypto).
  const { writeError } = await import('../dist/output/atomic.js');
  const i = argv.indexOf('--lang');
  const lang = i >= 0 ? argv[i + 1] : langFromEnv(process.env);
  const err = writeError({ fr: 'sur la sortie standard', en: 'to standard output' }, stdoutError);
  process.stderr.write(lang === 'en' ? `odf: ${err.messageEn}\n` : `odf : ${err.message}\n`);
  process.exitCode = 2;
}
process.stdout.on('error', (e) => {
  // A closed pipe (odf validate … | head) is not an error.
  if ((e && e.code === 'EPIPE') || stdoutError) return;
  stdoutError = e;
  // A failure main already reported (exit 2) has had its one sentence.
  if (code !== undefined && code !== 2) void reportStdoutError();
});
code = await main(argv);
if (stdoutError && code !== 2) await reportStdoutError();
else process.exitCode = code;
