// The explicit list of odf's commands (one file each in this folder).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** Called by a command's action with its exit code. */
export type SetExitCode = (code: number) => void;

/** Register every command on the program. */
export function registerCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  for (const register of [] as ((p: Command, c: CliContext, s: SetExitCode) => void)[]) {
    register(program, ctx, setExit);
  }
}
