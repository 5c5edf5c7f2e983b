// Runs odf's CLI in-process with captured output: the shared helper for command tests.
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import type { Lang } from '../../src/findings/spec.js';

/** What a CLI run gave back. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of runCli: standard input (text or bytes), environment, language and working directory. */
export interface CliRunOptions {
  stdin?: string | Uint8Array;
  env?: Record<string, string | undefined>;
  lang?: Lang;
  cwd?: string;
}

function sink(): { stream: CliContext['stdout']; text: () => string } {
  const chunks: Buffer[] = [];
  return {
    stream: {
      write(s: string | Uint8Array) {
        chunks.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
        return true;
      },
      isTTY: false,
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** Run `odf ARGV…` in this process (no colours, no TTY) and return its exit code and output. */
export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const input = options.stdin ?? '';
  const ctx: CliContext = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    lang: options.lang ?? 'fr',
    color: false,
  };
  const code = await main(argv, ctx);
  return { code, stdout: out.text(), stderr: err.text() };
}
