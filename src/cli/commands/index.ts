// The explicit list of odf's commands (one file each in this folder).
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import { registerDetect } from './detect.js';
import { registerMap } from './map.js';
import { registerNormalize } from './normalize.js';
import { registerSchemas } from './schemas.js';
import { registerValidate } from './validate.js';
import { registerObservatoire } from './observatoire.js';
import { registerReport } from './report.js';
import { registerHistory } from './history.js';

/** Called by a command's action with its exit code. */
export type SetExitCode = (code: number) => void;

type Register = (program: Command, ctx: CliContext, setExit: SetExitCode) => void;

/** Every command, in the order `odf --help` lists them. */
const COMMANDS: Register[] = [
  registerValidate,
  registerNormalize,
  registerDetect,
  registerMap,
  registerSchemas,
  registerReport,
  registerObservatoire,
  registerHistory,
];

/** Register every command on the program. */
export function registerCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  for (const register of COMMANDS) register(program, ctx, setExit);
}
