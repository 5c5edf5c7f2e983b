// CliContext: what a command needs from the outside world, injected so commands run in-process in tests.
import type { Lang } from '../index.js';

/** The streams and environment a command may use. Only src/cli/** sees process; tests pass their own. */
export interface CliContext {
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Language of user text: --lang, else LC_ALL/LC_MESSAGES/LANG, else French. */
  lang: Lang;
  /** True when colour may be used on stdout (a TTY and no NO_COLOR). */
  color: boolean;
}

/** A command's action: returns the exit code (0 ok, 1 findings, 2 failure). */
export type CommandAction = (...args: never[]) => Promise<number>;
