// The explicit list of odf's commands (one file each in this folder), each loaded when it is registered.
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';

/** Called by a command's action with its exit code. */
export type SetExitCode = (code: number) => void;

type Register = (program: Command, ctx: CliContext, setExit: SetExitCode) => void;

/** Every command: its names (aliases included) and its module, in the order `odf --help` lists them. */
const COMMANDS: { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['validate'], load: async () => (await import('./validate.js')).registerValidate },
  { names: ['normalize', 'normalise'], load: async () => (await import('./normalize.js')).registerNormalize },
  { names: ['detect'], load: async () => (await import('./detect.js')).registerDetect },
  { names: ['map'], load: async () => (await import('./map.js')).registerMap },
  { names: ['schemas'], load: async () => (await import('./schemas.js')).registerSchemas },
  { names: ['report'], load: async () => (await import('./report.js')).registerReport },
  {
    names: ['observatoire', 'observatory'],
    load: async () => (await import('./observatoire.js')).registerObservatoire,
  },
  { names: ['history'], load: async () => (await import('./history.js')).registerHistory },
];

/** The program's options that take a value (`--lang en`): the word after them is not a command. */
const VALUED_OPTIONS = new Set(['--lang', '--catalogue']);

/**
 * The command `argv` runs, when its first word (past the program's options) names one; undefined
 * otherwise (`odf`, `odf --help`, `odf help validate`, a mistyped command).
 */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (VALUED_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMANDS.some((c) => c.names.includes(a)) ? a : undefined;
  }
  return undefined;
}

/**
 * Register odf's commands on the program: the one `argv` runs when it names one, else every command
 * (for `--help`, `help`, or the suggestion for a mistyped one). The others' modules are not even loaded:
 * each command defines dozens of options, which odf validate need not build (start-up, issue 13).
 */
export async function registerCommands(
  program: Command,
  ctx: CliContext,
  setExit: SetExitCode,
  argv: readonly string[],
): Promise<void> {
  const name = commandOf(argv);
  const wanted = name === undefined ? COMMANDS : COMMANDS.filter((c) => c.names.includes(name));
  const registers = await Promise.all(wanted.map((c) => c.load()));
  for (const register of registers) register(program, ctx, setExit);
}
