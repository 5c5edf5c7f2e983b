// What odf loads to start: `--version` before commander, and only the command a run names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandOf } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';

const COMMANDS = ['validate', 'normalize', 'detect', 'map', 'schemas', 'report', 'observatoire', 'history'];
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('commandOf', () => {
  it.each([
    [['validate', 'budget.csv'], 'validate'],
    [['--lang', 'en', 'validate', '--help'], 'validate'],
    [['--catalogue', 'validate', 'map', 'x.csv'], 'map'],
    [['--no-color', '--debug', 'detect'], 'detect'],
    [['normalise', 'x.csv'], 'normalise'],
    [['observatory'], 'observatory'],
    [['help', 'validate'], undefined],
    [['--help'], undefined],
    [[], undefined],
    [['validat', 'x.csv'], undefined],
    [['--', 'validate'], undefined],
  ])('%j → %s', (argv, expected) => {
    expect(commandOf(argv)).toBe(expected);
  });
});

describe('start-up', () => {
  it.each([['--version'], ['-V'], ['--lang', 'en', '--version']])(
    'odf %s… prints the version alone',
    async (...argv) => {
      expect(await runCli(argv)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    },
  );

  it('odf --help lists every command', async () => {
    const r = await runCli(['--lang', 'en', '--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it.each(COMMANDS)(
    'odf %s --help (that command alone registered) is odf help for it (all of them)',
    async (command) => {
      const alone = await runCli([command, '--help']);
      const all = await runCli(['help', command]);
      expect(alone.stdout).toMatch(/^Usage: odf /);
      expect(alone).toEqual(all);
    },
  );

  it('a mistyped command is still told apart from the others', async () => {
    const r = await runCli(['--lang', 'en', 'validat', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^odf: unknown command 'validat'\s+\(Did you mean validate\?\)\n$/);
  });
});
