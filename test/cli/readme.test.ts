import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';

// The README's commands that run on bundled files are run here, so the documentation cannot rot.
const readme = readFileSync('README.md', 'utf8');

function commands(): string[] {
  const found = new Set<string>();
  for (const m of readme.matchAll(/(?:^|&& |`)npx odf ([^`\n]+)/gm)) found.add(m[1]!.trim());
  return [...found];
}

function argv(line: string, out: string): string[] {
  const args = line.split(/\s+/);
  const o = args.indexOf('-o');
  if (o >= 0 && args[o + 1] !== '-') args[o + 1] = path.join(out, path.basename(args[o + 1]!));
  return args;
}

describe('README', () => {
  const list = commands();

  it('has the two quick-start commands', () => {
    expect(readme).toMatch(/```sh\nnpm ci && npx odf validate fixtures\/examples\/[^\n]+\n```/);
    expect(readme).toMatch(/```sh\nnpm ci && npm run check\n```/);
    expect(list.length).toBeGreaterThanOrEqual(2);
  });

  it.each(list)('npx odf %s works as the README says', async (line) => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'odf-readme-'));
    const args = argv(line, out);
    for (const a of args) if (a.startsWith('fixtures/')) expect(existsSync(a)).toBe(true);
    const r = await runCli(args);
    expect(r.stderr).not.toMatch(/erreur interne|internal error/);
    if (args[0] === 'validate' && args[1] === 'fixtures/examples/budget-export-mairie.csv') {
      // The README says this export is not conform: exit code 1 and a report naming the problems.
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('incorrect-label');
    } else {
      expect(r.code).toBe(0);
    }
    const o = args.indexOf('-o');
    if (o >= 0) expect(existsSync(args[o + 1]!)).toBe(true);
  });
});
